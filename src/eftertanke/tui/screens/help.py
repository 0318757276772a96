"""Help: the keys of every screen, in the current language.

The lists are built from the screens' own ``BINDINGS`` (worded as their
footers are, see ``tui.strings.describe``), so they cannot drift from what
the keys do. The guided writing keys get longer explanations
(``tui.help.write.<action>``); their keys are read from the write screen
when it can be imported.
"""

from __future__ import annotations

import importlib
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from eftertanke import i18n
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import describe

# The guided writing keys, by the write screen's action names (their words:
# tui.help.write.<action>). The keys here are a fallback: the write screen's
# own BINDINGS win when it imports.
WRITE_KEYS: dict[str, str] = {
    "next": "ctrl+n,alt+right",
    "back": "alt+left,ctrl+b",
    "skip": "alt+s",
    "finish": "ctrl+s",
    "pick_theme": "ctrl+o",
    "quote": "ctrl+g",
    "added_later": "ctrl+r",
    "leave": "escape",
}

# (section key, module, class): the screens whose keys help lists, in order.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("home", "eftertanke.tui.screens.home", "HomeScreen"),
    ("browse", "eftertanke.tui.screens.browse", "BrowseScreen"),
    ("entry", "eftertanke.tui.screens.entry", "EntryScreen"),
    ("reflection_edit", "eftertanke.tui.screens.reflection_edit", "ReflectionEditScreen"),
    ("entry_coding", "eftertanke.tui.screens.entry_coding", "EntryCodingScreen"),
    ("interviews", "eftertanke.tui.screens.interviews", "InterviewsScreen"),
    ("interview", "eftertanke.tui.screens.interviews", "InterviewDetailScreen"),
    ("transcript", "eftertanke.tui.screens.transcript", "TranscriptScreen"),
    ("themes", "eftertanke.tui.screens.themes", "ThemesScreen"),
    ("theme", "eftertanke.tui.screens.themes", "ThemeDetailScreen"),
    ("chart", "eftertanke.tui.screens.chart", "ChartScreen"),
    ("calendar", "eftertanke.tui.screens.calendar", "CalendarScreen"),
)
# Sections with a line before their keys (for keys a screen's widget handles).
INTROS = {"entry_coding": "coding_intro", "chart": "chart_intro", "calendar": "calendar_intro"}


def _bindings(owner: Any) -> list[Binding]:
    out: list[Binding] = []
    for item in getattr(owner, "BINDINGS", []) or []:
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.description:
            out.append(binding)
    return out


def _screen_class(module: str, name: str) -> type | None:
    # A screen that is missing or broken must not take help down with it.
    try:
        return getattr(importlib.import_module(module), name, None)
    except Exception:  # noqa: BLE001
        return None


class HelpScreen(BaseModal):
    """Every screen's keys; Esc, q or F1 closes."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_help", "Close"),
        Binding("q", "dismiss_help", "Close", show=False),
        Binding("f1", "dismiss_help", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(id="help-title", classes="form-title")
            with VerticalScroll(id="help-body"):
                yield Static(id="help-text")
            yield Static(id="help-close", classes="help-hint")

    def refresh_texts(self) -> None:
        self.query_one("#help-title", Static).update(self.t("title"))
        self.query_one("#help-close", Static).update(self.t("close_hint"))
        self.query_one("#help-text", Static).update(self.build())

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    # -- building the text -----------------------------------------------------

    def key_text(self, keys: str) -> str:
        """``ctrl+n,alt+right`` as the footer shows it: ``^n / alt+→``."""
        shown = []
        for key in keys.split(","):
            key = key.strip()
            if key:
                shown.append(self.app.get_key_display(Binding(key, "")))
        return " / ".join(shown)

    def rows(self, pairs: list[tuple[str, str]]) -> list[Content]:
        width = max((len(k) for k, _ in pairs), default=0)
        return [
            Content.assemble(("  " + keys.ljust(width), "bold $accent"), "  ", words)
            for keys, words in pairs
        ]

    def section(self, title: str, pairs: list[tuple[str, str]], intro: str = "") -> list[Content]:
        lines = [Content.styled(title, "bold underline")]
        if intro:
            lines.append(Content.styled(intro, "italic"))
        lines.extend(self.rows(pairs))
        lines.append(Content(""))
        return lines

    def build(self) -> Content:
        lang = self.eapp.lang
        lines: list[Content] = []
        everywhere = [
            (self.key_text(b.key), describe(type(self.app), b, lang))
            for b in _bindings(type(self.app))
        ]
        everywhere.append((self.key_text("ctrl+p"), self.t("palette")))
        lines += self.section(self.t("everywhere"), everywhere, self.t("lists"))
        for key, module, name in SCREENS:
            cls = _screen_class(module, name)
            if cls is None:
                continue
            pairs = [(self.key_text(b.key), describe(cls, b, lang)) for b in _bindings(cls)]
            if pairs:
                intro = self.t(INTROS[key]) if key in INTROS else ""
                lines += self.section(self.t(f"screen.{key}"), pairs, intro)
        lines += self.section(self.t("screen.write"), self.write_pairs(), self.t("write_intro"))
        return Content("\n").join(lines)

    def write_pairs(self) -> list[tuple[str, str]]:
        lang = self.eapp.lang
        keys = dict(WRITE_KEYS)
        cls = _screen_class("eftertanke.tui.screens.write", "WriteScreen")
        extra: list[tuple[str, str]] = []
        if cls is not None:
            bound = _bindings(cls)
            keys = {b.action: b.key for b in bound if b.action in WRITE_KEYS}
            extra = [
                (self.key_text(b.key), describe(cls, b, lang))
                for b in bound
                if b.action not in WRITE_KEYS
            ]
        pairs = [
            (self.key_text(keys[action]), i18n.t(f"tui.help.write.{action}", lang))
            for action in WRITE_KEYS
            if action in keys
        ]
        return pairs + extra
