"""Help: the keys of every screen, in the current language.

The lists are built from the screens' own ``BINDINGS`` (and their ``TEXT``
tables for the words), so they cannot drift from what the keys do. The
guided writing keys get longer explanations from ``WRITE_KEYS``; their keys
are read from the write screen when it can be imported.
"""

from __future__ import annotations

import importlib
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import ACTIONS, Table

TEXT: Table = {
    "title": {"da": "Hjælp: taster", "en": "Help: keys"},
    "close_hint": {"da": "Esc, q eller F1 lukker.", "en": "Esc, q or F1 closes."},
    "everywhere": {"da": "Overalt", "en": "Everywhere"},
    "palette": {
        "da": "Kommandoer: søg i indlæg, interviews, temaer og handlinger",
        "en": "Commands: search entries, interviews, themes and actions",
    },
    "screen.home": {"da": "Hjem", "en": "Home"},
    "screen.browse": {"da": "Indlæg", "en": "Entries"},
    "screen.entry": {"da": "Et indlæg", "en": "One entry"},
    "screen.entry_coding": {"da": "Kod passager i et indlæg", "en": "Coding passages of an entry"},
    "screen.transcript": {"da": "En transskription", "en": "A transcript"},
    "coding_intro": {
        "da": "Markér ord med shift+pile, shift+home/end eller ctrl+shift+pile; Enter åbner "
        "temavælgeren (komma tager et tema til, Enter koder).",
        "en": "Select words with shift+arrows, shift+home/end or ctrl+shift+arrows; Enter opens "
        "the theme picker (a comma takes another theme, Enter codes).",
    },
    "screen.write": {"da": "Guidet skrivning", "en": "Guided writing"},
    "screen.interviews": {"da": "Interviews", "en": "Interviews"},
    "screen.interview": {"da": "Et interview", "en": "One interview"},
    "screen.themes": {"da": "Temaer (kodebogen)", "en": "Themes (the codebook)"},
    "screen.theme": {"da": "Et tema", "en": "One theme"},
    "lists": {
        "da": "I lister og tabeller: ↑/↓ flytter, Enter åbner.",
        "en": "In lists and tables: ↑/↓ move, Enter opens.",
    },
    "write_intro": {
        "da": "Skrivningen går ét spørgsmål ad gangen. Kladden gemmes løbende, "
        "så intet går tabt; Esc spørger, om kladden skal gemmes.",
        "en": "Writing goes one prompt at a time. The draft is saved as you type, "
        "so nothing is lost; Esc asks whether to keep the draft.",
    },
    "action:dismiss_help": {"da": "Luk", "en": "Close"},
}

# The guided writing keys, by the write screen's action names. The keys here
# are a fallback: the write screen's own BINDINGS win when it imports.
WRITE_KEYS: dict[str, tuple[str, dict[str, str]]] = {
    "next": ("ctrl+n,alt+right", {"da": "næste spørgsmål", "en": "next prompt"}),
    "back": ("alt+left,ctrl+b", {"da": "forrige spørgsmål", "en": "previous prompt"}),
    "skip": ("alt+s", {"da": "spring spørgsmålet over", "en": "skip the prompt"}),
    "finish": ("ctrl+s", {"da": "afslut og gem indlægget", "en": "finish and save the entry"}),
    "pick_theme": ("ctrl+o", {"da": "vælg temaer", "en": "pick themes"}),
    "quote": (
        "ctrl+g",
        {
            "da": "tilføj et citat med tidsstempel, fx (I03, 9.45)",
            "en": "add a quote with its timestamp, e.g. (I03, 9.45)",
        },
    ),
    "added_later": (
        "ctrl+r",
        {
            "da": "markér svaret som tilføjet senere fra hukommelsen",
            "en": "mark the answer as added later from memory",
        },
    ),
    "leave": ("escape", {"da": "forlad skrivningen", "en": "leave the writing"}),
}

# (section key, module, class): the screens whose keys help lists, in order.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("home", "eftertanke.tui.screens.home", "HomeScreen"),
    ("browse", "eftertanke.tui.screens.browse", "BrowseScreen"),
    ("entry", "eftertanke.tui.screens.entry", "EntryScreen"),
    ("entry_coding", "eftertanke.tui.screens.entry_coding", "EntryCodingScreen"),
    ("interviews", "eftertanke.tui.screens.interviews", "InterviewsScreen"),
    ("interview", "eftertanke.tui.screens.interviews", "InterviewDetailScreen"),
    ("transcript", "eftertanke.tui.screens.transcript", "TranscriptScreen"),
    ("themes", "eftertanke.tui.screens.themes", "ThemesScreen"),
    ("theme", "eftertanke.tui.screens.themes", "ThemeDetailScreen"),
)


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


def describe(binding: Binding, table: Table | None, lang: str) -> str:
    table = table or {}
    # "app.write('daily')" may be worded under "write('daily')".
    bare = binding.action.removeprefix("app.").removeprefix("screen.")
    texts = (
        table.get(f"action:{binding.action}")
        or table.get(f"action:{bare}")
        or ACTIONS.get(binding.action)
        or ACTIONS.get(bare)
    )
    if texts:
        return texts.get(lang) or texts.get("en") or binding.description
    return binding.description


class HelpScreen(BaseModal):
    """Every screen's keys; Esc, q or F1 closes."""

    CSS_PATH = "help.tcss"
    TEXT = TEXT
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
            (self.key_text(b.key), describe(b, None, lang)) for b in _bindings(type(self.app))
        ]
        everywhere.append((self.key_text("ctrl+p"), self.t("palette")))
        lines += self.section(self.t("everywhere"), everywhere, self.t("lists"))
        for key, module, name in SCREENS:
            cls = _screen_class(module, name)
            if cls is None:
                continue
            table = getattr(cls, "TEXT", None)
            pairs = [(self.key_text(b.key), describe(b, table, lang)) for b in _bindings(cls)]
            if pairs:
                intro = self.t("coding_intro") if key == "entry_coding" else ""
                lines += self.section(self.t(f"screen.{key}"), pairs, intro)
        lines += self.section(self.t("screen.write"), self.write_pairs(), self.t("write_intro"))
        return Content("\n").join(lines)

    def write_pairs(self) -> list[tuple[str, str]]:
        lang = self.eapp.lang
        keys = {action: default for action, (default, _) in WRITE_KEYS.items()}
        cls = _screen_class("eftertanke.tui.screens.write", "WriteScreen")
        extra: list[tuple[str, str]] = []
        if cls is not None:
            bound = _bindings(cls)
            keys = {b.action: b.key for b in bound if b.action in WRITE_KEYS}
            table = getattr(cls, "TEXT", None)
            extra = [
                (self.key_text(b.key), describe(b, table, lang))
                for b in bound
                if b.action not in WRITE_KEYS
            ]
        pairs = [
            (self.key_text(keys[action]), words.get(lang) or words["en"])
            for action, (_, words) in WRITE_KEYS.items()
            if action in keys
        ]
        return pairs + extra
