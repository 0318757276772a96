"""Command palette providers: find an entry, an interview, a theme or an action.

Every hit is displayed as ``Content`` built from plain strings, because the
palette parses a str prompt as markup and titles, codes and theme names are
user text (``Matcher.highlight`` parses markup too, so it is not used).
Entry search scans the app's index, whose text is lowered once per rebuild,
and stops after ``MAX_HITS`` matches, so it stays fast at 10,000 entries.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from eftertanke import i18n
from eftertanke.domain import DATA_TYPES, concept_name
from eftertanke.entry_row import EntryRow
from eftertanke.textsafe import one_line

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp

MAX_HITS = 20


class EftertankeProvider(Provider):
    """Words and the typed app for the providers below."""

    @property
    def eapp(self) -> EftertankeApp:
        return self.app  # type: ignore[return-value]

    def t(self, key: str) -> str:
        return i18n.t(f"tui.commands.{key}", self.eapp.lang)


def highlighted(matcher: Matcher, text: str, style: str = "") -> Content:
    """``text`` as plain Content with the fuzzy-matched letters styled (no markup)."""
    content = Content.styled(text, style) if style else Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _mark_words(text: str, words: list[str], style: str = "reverse") -> Content:
    content = Content(text)
    folded = text.casefold()
    # casefold can change lengths (ß -> ss); only mark when positions agree.
    if len(folded) != len(text):
        return content
    for word in words:
        start = folded.find(word)
        if start >= 0:
            content = content.stylize(style, start, start + len(word))
    return content


class EntryCommands(EftertankeProvider):
    """Entries whose title or text holds every typed word, newest first."""

    async def search(self, query: str) -> Hits:
        words = [w.casefold() for w in query.split() if w]
        if not words:
            return
        from eftertanke.dates import format_datetime
        from eftertanke.tui.interview_links import entry_title

        app = self.eapp
        found = 0
        # Through the full-text index: the rows hold no text.
        found_ids = app.index.word_ids(words)
        for row in app.index.rows:
            if row.id not in found_ids:
                continue
            title = entry_title(row.doc, 70) or "…"
            in_title = all(w in title.casefold() for w in words)
            kind = app.tr(f"kind.{EntryRow(row.doc).kind or 'memo'}")
            display = Content.assemble(
                _mark_words(title, words),
                (f"  {format_datetime(row.created, app.lang)} · {kind}", "dim"),
            )
            # Title matches first; within each group the index order (newest first).
            score = (0.9 if in_title else 0.6) - found * 0.001
            yield Hit(
                score,
                display,
                partial(app.open_entry, row.id),
                text=title,
                help=self.t("open_entry"),
            )
            found += 1
            if found >= MAX_HITS:
                return


class InterviewCommands(EftertankeProvider):
    """Open an interview, or start a reflection on it."""

    async def startup(self) -> None:
        self._interviews = self.eapp.data.interviews

    def _choices(self) -> list[tuple[str, str, Callable[[], object], str]]:
        app = self.eapp
        choices = []
        for interview in getattr(self, "_interviews", []):
            code = one_line(interview.code, 32)
            role = one_line(interview.role, 50)
            label = f"{self.t('interview')} {code}" + (f" · {role}" if role else "")
            choices.append(
                (label, "open_interview", partial(app.open_interview, interview.code), code)
            )
            choices.append(
                (
                    f"{self.t('reflect_on')} {code}",
                    "reflect_help",
                    partial(app.start_writing, kind="interview", interview=interview.code),
                    code,
                )
            )
        return choices

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for label, help_key, command, _code in self._choices():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, label), command, text=label, help=self.t(help_key)
                )
                found += 1
                if found >= MAX_HITS:
                    return


class ThemeCommands(EftertankeProvider):
    """Open a theme's detail screen."""

    async def startup(self) -> None:
        self._themes = self.eapp.data.themes

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        lang = self.eapp.lang
        found = 0
        for theme in getattr(self, "_themes", []):
            name = one_line(theme.name, 80)
            label = f"{self.t('theme')}: {name}"
            score = matcher.match(label)
            if score > 0:
                display = Content.assemble(
                    highlighted(matcher, label),
                    (f"  {concept_name(theme.concept, lang)}", "dim"),
                )
                yield Hit(
                    score,
                    display,
                    partial(self.eapp.open_theme, theme.name),
                    text=label,
                    help=self.t("open_theme"),
                )
                found += 1
                if found >= MAX_HITS:
                    return


class ActionCommands(EftertankeProvider):
    """Writing, going places, language, light/dark and help."""

    def _actions(self) -> list[tuple[str, Callable[[], object]]]:
        app = self.eapp
        return [
            (self.t("new_reflection"), partial(app.start_writing, kind="interview")),
            (self.t("new_checkin"), partial(app.start_writing, kind="daily")),
            (self.t("new_memo"), partial(app.start_writing, kind="memo")),
            *(
                (
                    i18n.t(
                        "tui.commands.write_data_type",
                        app.lang,
                        type=i18n.t(f"selfdata.type.{data_type}", app.lang),
                    ),
                    partial(app.start_writing, kind="memo", pack=data_type),
                )
                for data_type in DATA_TYPES
            ),  # fmt: skip
            (self.t("go_home"), partial(app.action_go, "home")),
            (self.t("go_browse"), partial(app.action_go, "browse")),
            (self.t("go_interviews"), partial(app.action_go, "interviews")),
            (self.t("go_themes"), partial(app.action_go, "themes")),
            (self.t("go_analysis"), partial(app.action_go, "analysis")),
            (self.t("go_chart"), partial(app.action_go, "chart")),
            (self.t("go_calendar"), partial(app.action_go, "calendar")),
            (self.t("go_positionality"), partial(app.action_go, "positionality")),
            (self.t("go_questions"), partial(app.action_go, "questions")),
            (self.t("starter"), app.adopt_starter_codebook),
            (self.t("export_methods"), app.export_methods),
            (self.t("empty_trash"), app.empty_trash),
            (self.t("toggle_language"), app.action_toggle_language),
            (self.t("toggle_dark"), app.action_toggle_dark),
            (self.t("help"), app.action_help),
        ]

    async def discover(self) -> Hits:
        for label, command in self._actions():
            yield DiscoveryHit(Content(label), command, text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlighted(matcher, label), command, text=label)
