"""Coding passages of one entry: its answers and body as selectable text, and its codings.

Every text of the entry a passage can be coded in (each answer under its
prompt, then the free body) is a read-only ``CodedText``: the keyboard
selects a span (shift+arrows, shift+home/end, ctrl+shift+arrows) and Enter
or ``c`` opens the theme picker and codes it; ``p`` marks the span as
challenging or confirming a pre-understanding of the positionality register. Coded spans are underlined in
their theme's colour with marks in the margin; the legend names the colours.
The list at the right holds every coding of the entry (themes, words, memo,
review flag); on it, or with the cursor inside a coded span, ``r`` recodes,
``m`` writes a memo and ``x`` removes the coding. Enter on a coding in the
list selects its words in the text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.domain import Coding, Entry
from eftertanke.services.coding import Source, entry_sources
from eftertanke.textsafe import one_line
from eftertanke.tui.coding_actions import (
    CODING_BINDINGS,
    CodingActions,
    coding_option,
)
from eftertanke.tui.coding_colours import legend, theme_colours
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.coded_text import CodedText, Mark


def source_key(where: Source) -> str:
    return f"{where.source}:{where.section or ''}"


class EntryCodingScreen(CodingActions, BaseScreen):
    CSS_PATH = "entry_coding.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "code", "Code selection"),
        Binding("c", "code", "Code selection", show=False),
        Binding("p", "mark_position", "Mark pre-understanding"),
        *CODING_BINDINGS,
    ]

    def __init__(self, entry_id: str, coding_id: str | None = None) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: Entry | None = None
        self.colours: dict[str, str] = {}
        self._texts_shown: list[tuple[str, str]] | None = None
        self._wanted: str | None = coding_id  # a coding to show once the list is rebuilt
        # Opened at a passage (drill-down from Analysis): its words are selected
        # once the texts are on screen.
        self._open_at: str | None = coding_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="coding-layout"):
            yield VerticalScroll(id="coding-texts")
            with Vertical(id="coding-side", classes="panel"):
                yield Static(id="coding-legend-title", classes="panel-title")
                yield Static(id="coding-legend")
                yield Static(id="coding-list-title", classes="panel-title")
                yield OptionList(id="coding-list")
        yield Static(id="coding-hint", classes="hint")
        yield Footer()

    # -- showing ---------------------------------------------------------------------

    def refresh_texts(self) -> None:
        self.sub_title = self.t("title")
        self.query_one("#coding-legend-title", Static).update(self.t("legend"))
        self.query_one("#coding-hint", Static).update(self.t("hint"))
        self._texts_shown = None

    def load_entry(self) -> Entry | None:
        return self.eapp.index.entry(self.entry_id)

    def refresh_data(self) -> None:
        entry = self.load_entry()
        self.entry = entry
        if entry is None:
            self._show_texts([], self.t("missing"))
            self._fill_list([])
            return
        self.title = one_line(entry.display_title(60), 60) or "eftertanke"
        sources = entry_sources(entry)
        self._show_texts(sources, self.t("nothing"))
        order = [th.name for th in self.eapp.data.themes]
        self.colours = theme_colours(entry.codings, order)
        for area in self.query(CodedText):
            found = [
                Mark(c.start, c.end, tuple(c.themes), c.id)
                for c in entry.codings
                if f"{c.source}:{c.section or ''}" == source_key(area.where)
            ]
            area.set_marks(found, self.colours)
        self.query_one("#coding-legend", Static).update(
            legend(self.colours) if self.colours else Content(self.t("no_legend"))
        )
        self._fill_list(entry.codings)
        if self._open_at is not None:
            wanted, self._open_at = self._open_at, None
            coding = next((c for c in entry.codings if c.id == wanted), None)
            if coding is not None:
                self.call_after_refresh(self.show_coding, coding)

    def _labels(self) -> dict[str, str]:
        entry = self.entry
        labels = {"body:": self.t("body")}
        for section in entry.sections if entry else []:
            labels[f"section:{section.prompt_id}"] = section.prompt_text or section.prompt_id
        return labels

    def _show_texts(self, sources: list[tuple[Source, str]], empty: str) -> None:
        shown = [(source_key(where), text) for where, text in sources]
        if shown == self._texts_shown:
            return
        self._texts_shown = shown
        box = self.query_one("#coding-texts", VerticalScroll)
        box.remove_children()
        if not sources:
            box.mount(Static(Content(empty), classes="hint"))
            return
        labels = self._labels()
        widgets = []
        for n, (where, text) in enumerate(sources):
            widgets.append(
                Static(
                    Content(one_line(labels.get(source_key(where), ""), 200)),
                    classes="coding-source-label",
                )
            )
            widgets.append(CodedText(text, where=where, id=f"coding-text-{n}"))
        box.mount(*widgets)
        self.call_after_refresh(self._focus_first_text)

    def _focus_first_text(self) -> None:
        if not isinstance(self.focused, CodedText | OptionList):
            first = self.query(CodedText).first(None) if self.query(CodedText) else None
            if first is not None:
                first.focus()

    def _fill_list(self, codings: list[Coding]) -> None:
        listing = self.query_one("#coding-list", OptionList)
        self.query_one("#coding-list-title", Static).update(self.t("codings", n=len(codings)))
        keep = self._wanted or (
            listing.highlighted_option.id if listing.highlighted_option is not None else None
        )
        self._wanted = None
        order = {source_key(where): n for n, (where, _) in enumerate(self._sources())}
        labels = self._labels()
        ordered = sorted(
            codings, key=lambda c: (order.get(f"{c.source}:{c.section or ''}", 99), c.start, c.end)
        )
        if not ordered:
            listing.set_options([Option(Content(self.t("no_codings")), disabled=True)])
            return
        listing.set_options(
            coding_option(
                c, self.colours, labels.get(f"{c.source}:{c.section or ''}", ""), self.eapp.lang
            )
            for c in ordered
        )
        ids = [c.id for c in ordered]
        listing.highlighted = ids.index(keep) if keep in ids else 0

    def _sources(self) -> list[tuple[Source, str]]:
        return entry_sources(self.entry) if self.entry is not None else []

    # -- which coding -----------------------------------------------------------------

    def current_coding(self) -> Coding | None:
        """The coding under the cursor in a text, else the one highlighted in the list."""
        entry = self.entry
        if entry is None or not entry.codings:
            return None
        focused = self.focused
        if isinstance(focused, CodedText):
            where = focused.where
            cursor = focused.cursor_offset()
            for coding in entry.codings:
                if f"{coding.source}:{coding.section or ''}" == source_key(where) and (
                    coding.start <= cursor < coding.end
                ):
                    return coding
        option = self.query_one("#coding-list", OptionList).highlighted_option
        if option is not None and option.id:
            return next((c for c in entry.codings if c.id == option.id), None)
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.entry
        coding = (
            next((c for c in entry.codings if c.id == event.option.id), None) if entry else None
        )
        if coding is not None:
            self.show_coding(coding)

    def show_coding(self, coding: Coding) -> None:
        """Put the cursor in the coding's text, with its words selected."""
        for area in self.query(CodedText):
            if source_key(area.where) == f"{coding.source}:{coding.section or ''}":
                area.focus()
                area.select_span(coding.start, min(coding.end, len(area.source_text)))
                area.scroll_visible()
                return

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("code", "mark_position"):
            return isinstance(self.focused, CodedText)
        if action in ("recode", "memo", "remove", "copy_citation"):
            return self.entry is not None and bool(self.entry.codings)
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_code(self) -> None:
        area = self.focused
        if not isinstance(area, CodedText):
            return
        start, end = area.selected_span()
        self.start_coding(area.where, start, end)

    def action_mark_position(self) -> None:
        """Mark the selected passage as challenging or confirming a pre-understanding."""
        area = self.focused
        if not isinstance(area, CodedText) or self.entry is None:
            return
        from eftertanke.tui.position_marking import start_marking

        start, end = area.selected_span()
        start_marking(self, self.entry, area.where, start, end)

    def codings_changed(self, coding: Coding | None) -> None:
        self._wanted = coding.id if coding is not None else None

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()
