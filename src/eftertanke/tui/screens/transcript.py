"""One interview's transcript: its speaker turns, searched, jumped in, coded, and cited.

The turns are one virtualised ``TurnList`` (a transcript has 300-800 turns).
Each shows its time, its speaker (the interviewer's turns in grey italics)
and its words, with a mark per coded theme in the margin. Enter on a turn
opens its words with all of them selected (``PassageDialog``): Enter again
codes the whole turn, or the keyboard narrows the selection first; the theme
picker follows, and the passage is coded in ``transcript.text`` through the
turn's span (``Transcript.turn_spans``). ``/`` searches and ``g`` jumps to
a time (``TranscriptFind``, transcript_find.py). The side panel lists the
transcript's codings (``r`` recode, ``m`` memo, ``x`` remove) and the reflections that
quote the highlighted turn (``services.quote_links``; Enter opens one).

The transcript is read in a worker; the quote links are worked out in a
second one afterwards, so the turns are on screen first.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.domain import Coding, Interview
from eftertanke.services.coding import Source
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.transcript import Transcript, clock
from eftertanke.tui.coding_actions import CODING_BINDINGS, CodingActions, coding_option
from eftertanke.tui.coding_colours import legend, theme_colours
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said
from eftertanke.tui.transcript_find import TranscriptFind
from eftertanke.tui.widgets.coded_text import Mark
from eftertanke.tui.widgets.turn_list import TurnList, turn_rows


@dataclass(slots=True)
class Loaded:
    """What loading found: the transcript and its interview, or the error to show."""

    transcript: Transcript | None
    interview: Interview | None
    error: str = ""


class TranscriptScreen(TranscriptFind, CodingActions, BaseScreen):
    CSS_PATH = "transcript.tcss"
    AUTO_FOCUS = "#tr-turns"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open_turn", "Code turn"),
        Binding("slash", "search", "Search"),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("g", "jump", "Go to time"),
        *CODING_BINDINGS,
    ]

    def __init__(self, code: str, turn: int | None = None) -> None:
        super().__init__()
        self.code = code
        self._start_turn = turn  # where to open, once the turns are shown
        self.transcript: Transcript | None = None
        self.interview: Interview | None = None
        self.colours: dict[str, str] = {}
        self.citations: dict[int, list] = {}  # type: ignore[type-arg]
        self._cited_ready = False
        self._matches: list[int] = []
        self._wanted: str | None = None
        self._message = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="tr-layout"):
            with Vertical(id="tr-main"):
                yield Static(id="tr-status")
                yield TurnList(id="tr-turns")
                yield Input(id="tr-search")
                yield Input(id="tr-jump")
            with Vertical(id="tr-side", classes="panel"):
                yield Static(id="tr-info")
                yield Static(id="tr-legend-title", classes="panel-title")
                yield Static(id="tr-legend")
                yield Static(id="tr-codings-title", classes="panel-title")
                yield OptionList(id="tr-codings")
                yield Static(id="tr-cited-title", classes="panel-title")
                yield OptionList(id="tr-cited")
        yield Footer()

    # -- loading ---------------------------------------------------------------------

    def refresh_texts(self) -> None:
        self.sub_title = self.t("title", code=self.code)
        self.query_one("#tr-legend-title", Static).update(self.t("legend"))
        self.query_one("#tr-search", Input).placeholder = self.t("search_placeholder")
        self.query_one("#tr-jump", Input).placeholder = self.t("jump_placeholder")
        if self.transcript is None:
            self.query_one("#tr-status", Static).update(Content(self.t("loading")))
        else:
            self._show()

    def refresh_data(self) -> None:
        self._load(self.code)

    @work(thread=True, exclusive=True, group="transcript-load")
    def _load(self, code: str) -> None:
        from eftertanke.services.transcripts import interview_transcript

        try:
            interview, transcript = interview_transcript(self.eapp.journal, code)
            loaded = Loaded(transcript, interview)
        except (EftertankeError, OSError, ValueError) as exc:
            loaded = Loaded(None, None, one_line(said(exc, self.eapp.lang), 200))
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: Loaded) -> None:
        self.transcript, self.interview = loaded.transcript, loaded.interview
        if loaded.interview is not None:
            self.code = loaded.interview.code
        if loaded.error:
            self._message = self.t("unreadable", why=loaded.error)
        elif loaded.transcript is None:
            self._message = self.t("none", code=self.code)
        else:
            self._message = ""
        self._show()
        if self.transcript is not None:
            if self._start_turn is not None and self._start_turn < len(self.transcript.turns):
                self.call_after_refresh(self._go_turn, self._start_turn)
            self._start_turn = None
            self._find_citations(self.transcript)

    @work(thread=True, exclusive=True, group="transcript-citations")
    def _find_citations(self, transcript: Transcript) -> None:
        try:
            from eftertanke.services.quote_links import citations_of_transcript

            found = citations_of_transcript(self.eapp.journal, transcript).by_turn
        except (EftertankeError, OSError, ValueError, ImportError):
            found = {}
        self.app.call_from_thread(self._citations_found, transcript.id, found)

    def _citations_found(self, transcript_id: str, found: dict[int, list]) -> None:  # type: ignore[type-arg]
        if self.transcript is None or self.transcript.id != transcript_id:
            return
        self.citations = found
        self._cited_ready = True
        turns = self.query_one(TurnList)
        for row in turns.rows:
            row.cited = len(found.get(row.index, []))
        self._show_cited()

    # -- showing ---------------------------------------------------------------------

    def _show(self) -> None:
        transcript = self.transcript
        turns = self.query_one(TurnList)
        info = self.query_one("#tr-info", Static)
        if transcript is None:
            self.query_one("#tr-status", Static).update(Content(self._message))
            info.update(Content(""))
            turns.show([], {})
            self._fill_codings([])
            self.query_one("#tr-cited", OptionList).clear_options()
            return
        order = [th.name for th in self.eapp.data.themes]
        self.colours = theme_colours(transcript.codings, order)
        cited = {n: len(links) for n, links in self.citations.items()}
        turns.show(turn_rows(transcript, cited), self.colours)
        info.update(self._info(transcript))
        self.query_one("#tr-legend", Static).update(
            legend(self.colours) if self.colours else Content(self.t("no_legend"))
        )
        self._fill_codings(transcript.codings)
        self._show_position()
        self._show_cited()

    def _info(self, transcript: Transcript) -> Content:
        head = [(one_line(self.code, 32), "bold")]
        if self.interview is not None and self.interview.role:
            head += ["  ", one_line(self.interview.role, 40)]
        speakers: list[str | tuple[str, str]] = [(self.t("speakers"), "dim")]
        for n, name in enumerate(transcript.speakers[:8]):
            if n:
                speakers.append(", ")
            if transcript.is_interviewer(name):
                speakers += [
                    (one_line(name, 30), "italic $text-muted"),
                    f" ({self.t('interviewer')})",
                ]
            else:
                speakers.append((one_line(name, 30), "bold"))
        parts: list[str | tuple[str, str]] = [
            *head,
            "\n",
            self.t("turns", n=len(transcript.turns), words=transcript.words()),
            "\n",
            *speakers,
        ]
        if transcript.interviewers:
            parts += ["\n", (self.t("interviewer_hint"), "dim italic")]
        return Content.assemble(*parts)

    def _fill_codings(self, codings: list[Coding]) -> None:
        listing = self.query_one("#tr-codings", OptionList)
        self.query_one("#tr-codings-title", Static).update(self.t("codings", n=len(codings)))
        keep = self._wanted or (
            listing.highlighted_option.id if listing.highlighted_option is not None else None
        )
        self._wanted = None
        if not codings:
            listing.set_options([Option(Content(self.t("no_codings")), disabled=True)])
            return
        ordered = sorted(codings, key=lambda c: (c.start, c.end))
        listing.set_options(self._coding_option(c) for c in ordered)
        ids = [c.id for c in ordered]
        listing.highlighted = ids.index(keep) if keep in ids else 0

    def _coding_option(self, coding: Coding) -> Option:
        transcript = self.transcript
        assert transcript is not None
        turn = transcript.turns[transcript.turn_at(coding.start)]
        where = one_line(turn.speaker, 20) + (
            f" {clock(turn.start)}" if turn.start is not None else ""
        )
        return coding_option(coding, self.colours, where, self.eapp.lang)

    def _show_cited(self) -> None:
        listing = self.query_one("#tr-cited", OptionList)
        title = self.query_one("#tr-cited-title", Static)
        index = self._turn()
        if not self._cited_ready:
            title.update(self.t("cited", n="…"))
            listing.set_options([Option(Content(self.t("cited_wait")), disabled=True)])
            return
        links = self.citations.get(index, []) if index is not None else []
        title.update(self.t("cited", n=len(links)))
        if not links:
            listing.set_options([Option(Content(self.t("no_cited")), disabled=True)])
            return
        listing.set_options(
            Option(
                Content.assemble(
                    (one_line(link.entry_title, 40), "bold"),
                    "\n  ",
                    ("“", "dim"),
                    one_line(link.quote.text, 50),
                    ("”", "dim"),
                    (f" {link.quote.timestamp}" if link.quote.timestamp else "", "dim"),
                ),
                id=f"entry{n}:{link.entry_id}",
            )
            for n, link in enumerate(links)
        )

    @on(OptionList.OptionHighlighted, "#tr-turns")
    def _turn_moved(self, event: OptionList.OptionHighlighted) -> None:
        self._show_position()
        self._show_cited()
        coding = self._coding_on_turn(event.option_index)
        if coding is not None:
            listing = self.query_one("#tr-codings", OptionList)
            ids = [o.id for o in listing.options]
            if coding.id in ids:
                listing.highlighted = ids.index(coding.id)

    @on(OptionList.OptionSelected, "#tr-codings")
    def _coding_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        transcript = self.transcript
        coding = self._coding(event.option.id)
        if transcript is None or coding is None:
            return
        turns = self.query_one(TurnList)
        turns.highlighted = transcript.turn_at(coding.start)
        turns.scroll_to_highlight()
        turns.focus()

    @on(OptionList.OptionSelected, "#tr-cited")
    def _cited_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        _, _, entry_id = (event.option.id or "").partition(":")
        if entry_id:
            self.eapp.open_entry(entry_id)

    @on(OptionList.OptionSelected, "#tr-turns")
    def _turn_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_turn()

    # -- codings ----------------------------------------------------------------------

    def _coding(self, ident: str | None) -> Coding | None:
        if self.transcript is None or not ident:
            return None
        return next((c for c in self.transcript.codings if c.id == ident), None)

    def _coding_on_turn(self, index: int | None) -> Coding | None:
        transcript = self.transcript
        if transcript is None or index is None or index >= len(transcript.turns):
            return None
        low, high = transcript.turn_spans[index]
        covering = [c for c in transcript.codings if c.start < high and c.end > low]
        listing = self.query_one("#tr-codings", OptionList).highlighted_option
        for coding in covering:
            if listing is not None and coding.id == listing.id:
                return coding
        return min(covering, key=lambda c: (c.start, c.end)) if covering else None

    def current_coding(self) -> Coding | None:
        if isinstance(self.focused, TurnList):
            return self._coding_on_turn(self._turn())
        option = self.query_one("#tr-codings", OptionList).highlighted_option
        return self._coding(option.id if option is not None else None)

    def codings_changed(self, coding: Coding | None) -> None:
        self._wanted = coding.id if coding is not None else None
        self._load(self.code)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_turn", "search", "jump", "next_match", "previous_match", "copy_citation"):
            return self.transcript is not None
        if action in ("recode", "memo", "remove"):
            return self.transcript is not None and bool(self.transcript.codings)
        return True

    # -- actions --------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open_turn(self) -> None:
        transcript = self.transcript
        index = self._turn()
        if transcript is None or index is None or not isinstance(self.focused, TurnList):
            return
        from eftertanke.tui.screens.passage import PassageDialog

        turn = transcript.turns[index]
        low, high = transcript.turn_spans[index]
        found = [
            Mark(max(c.start, low) - low, min(c.end, high) - low, tuple(c.themes), c.id)
            for c in transcript.codings
            if c.start < high and c.end > low
        ]
        when = f"{clock(turn.start)}  " if turn.start is not None else ""
        where = Source.transcript(transcript.id)

        def selected(span: tuple[int, int] | None) -> None:
            if span is not None:
                self.start_coding(where, low + span[0], low + span[1])

        self.app.push_screen(
            PassageDialog(turn.text, f"{when}{turn.speaker}", found, self.colours), selected
        )

    def action_copy_citation(self) -> None:
        """On a turn: its coding's words if it has one, else the whole turn; in
        the codings list: the highlighted coding."""
        coding = self.current_coding()
        index = self._turn()
        if coding is None and isinstance(self.focused, TurnList) and index is not None:
            self.start_copy_citation(turn=(self.code, index))
            return
        self.start_copy_citation(coding)

    # -- search and jump --------------------------------------------------------------

    @on(Input.Changed, "#tr-search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.search_for(event.value)

    @on(Input.Submitted, "#tr-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(TurnList).focus()
        self._go_match(1, include_current=True)

    @on(Input.Submitted, "#tr-jump")
    def _jump_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.jump_to(event.input)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()
