"""Analysis: looking back across interviews and over time.

Seven tabs, each its own widget: the theme × interview matrix (a cell lists
the coded passages, excerpts and whole-entry codings behind it; enter opens
one; ``widgets/analysis_matrix``), coverage of each interview's reflections
and transcript (``analysis_coverage``), theme pairs that meet (the passages
where they meet are listed; ``analysis_pairs``), well-being over time (by
week and by day, with the resources − demands balance; ``analysis_wellbeing``),
the reflexive balance of each post-interview reflection (``analysis_balance``),
what goes with good and bad days (``analysis_goes_with``) and every answer by
prompt (``by_prompt``).

The screen composes the tabs, runs the compute worker and opens what a view
asks for. Everything is computed in a thread worker from the app's data layer
(its index and the transcripts ``app.data`` loaded; ``eftertanke.analysis``),
then each view draws itself from the result; user text goes in as
``Text``/``Content`` only, never as markup.

Opening a coded passage (a view's ``PassageChosen``) opens where it is: a
reflection's passage opens its entry, with the coded words shown beside it; a
transcript passage opens the transcript view at its turn, with the speaker,
the time and the words.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, TabbedContent, TabPane

from eftertanke.analysis.coded import REFLECTION, Ref, as_layouts
from eftertanke.analysis.goes_with import GoesWith
from eftertanke.analysis.labels import w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses, analyse_all
from eftertanke.textsafe import one_line
from eftertanke.tui import strings
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.analysis_balance import BalanceView
from eftertanke.tui.widgets.analysis_coverage import CoverageView
from eftertanke.tui.widgets.analysis_goes_with import GoesWithView
from eftertanke.tui.widgets.analysis_matrix import MatrixView
from eftertanke.tui.widgets.analysis_pairs import PairsView
from eftertanke.tui.widgets.analysis_view import (
    AnalysisView,
    EntryChosen,
    InterviewChosen,
    PassageChosen,
    snippet,
)
from eftertanke.tui.widgets.analysis_wellbeing import WellbeingView
from eftertanke.tui.widgets.by_prompt import ByPromptView

# The views in their tabs' order; the by-prompt tab comes last.
VIEWS: tuple[type[AnalysisView], ...] = (
    MatrixView,
    CoverageView,
    PairsView,
    WellbeingView,
    BalanceView,
    GoesWithView,
)
TABS = ("matrix", "coverage", "pairs", "wellbeing", "balance", "goeswith", "byprompt")
# What a tab's number key focuses (the well-being strips take no keys).
FOCUS = {
    "matrix": "#matrix-table",
    "coverage": "#coverage-table",
    "pairs": "#pairs-table",
    "balance": "#balance-table",
    "goeswith": "#goeswith-table",
    "byprompt": "#byprompt-prompts",
}
FULL_TAB_NAMES_WIDTH = 130


class AnalysisScreen(BaseScreen):
    """The analysis views in tabs; keys 1–7 switch between them."""

    CSS_PATH = "analysis.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+r", "refresh", "Recompute"),
        Binding("g", "app.go('chart')", "Chart"),
        Binding("c", "app.go('calendar')", "Calendar"),
        Binding("p", "app.go('positionality')", "Positionality", show=False),
        *(Binding(str(n), f"show_tab('{tab}')", tab, show=False) for n, tab in enumerate(TABS, 1)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: Analyses | None = None
        self.goes_with: GoesWith | None = None
        self._lookup = PassageLookup(())

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="analysis-tabs", initial="matrix"):
            for view in VIEWS:
                yield view()
            with TabPane("byprompt", id="byprompt"):
                yield ByPromptView(id="byprompt-view")
        yield Footer()

    # -- words and data ------------------------------------------------------------

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.t("title")
        self._label_tabs()
        if self.result is not None:
            self._show(self.result, self._lookup)
            self._compute_by_prompt()  # the pack's questions in the new language

    def _label_tabs(self) -> None:
        """Tab names, short below 100 columns so every tab is seen on 80, and below
        ``FULL_TAB_NAMES_WIDTH`` (the seven full names need about 130)."""
        narrow = self.has_class("-narrow") or 0 < self.size.width < FULL_TAB_NAMES_WIDTH
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            short = strings.key_of(type(self), f"tab.{tab}.short")
            key = f"tab.{tab}.short" if narrow and short else f"tab.{tab}"
            tabs.get_tab(tab).label = Content(self.t(key))

    def on_resize(self) -> None:
        # The -narrow class follows the width (the app's breakpoints).
        self.call_after_refresh(self._label_tabs)

    def refresh_data(self) -> None:
        if self.result is None:
            self.query_one(MatrixView).say(self.t("computing"))
        self._compute()
        self._compute_by_prompt()

    @work(thread=True, exclusive=True, group="analysis-by-prompt")
    def _compute_by_prompt(self) -> None:
        """Every reflection's answers by prompt (analysis.by_prompt), from the index."""
        from eftertanke.analysis.by_prompt import DEFAULT_PACK, reflections
        from eftertanke.packs import load_packs

        app = self.eapp
        lang = app.lang
        pack = load_packs().packs.get(DEFAULT_PACK)
        found = reflections(app.index.docs(), app.data.interviews, pack, lang)
        view = self.query_one(ByPromptView)
        self.app.call_from_thread(view.show, found, lang)

    @work(thread=True, exclusive=True, group="analysis")
    def _compute(self) -> None:
        app = self.eapp
        docs = app.index.docs()  # whole entries, read here in the worker
        transcripts = as_layouts(app.data.transcripts)
        result = analyse_all(
            docs,
            app.data.themes,
            app.data.interviews,
            top_pairs=None,
            transcripts=transcripts,
        )
        lookup = PassageLookup(docs, transcripts)
        self.app.call_from_thread(self._show, result, lookup)

    def _show(self, result: Analyses, lookup: PassageLookup) -> None:
        self.result = result
        self._lookup = lookup
        self.goes_with = result.goes_with
        lang = self.eapp.lang
        for view in self.query(AnalysisView):
            view.show(result, lookup, lang)

    # -- opening what a view asks for ----------------------------------------------

    def on_passage_chosen(self, message: PassageChosen) -> None:
        message.stop()
        self._open(message.ref)

    def on_entry_chosen(self, message: EntryChosen) -> None:
        message.stop()
        self.eapp.open_entry(message.entry_id)

    def on_interview_chosen(self, message: InterviewChosen) -> None:
        message.stop()
        self.eapp.open_interview(message.code)

    def _open(self, ref: Ref) -> None:
        """Open where a unit is: its entry, or its interview for a transcript passage."""
        shown = self._lookup.show(ref)
        if shown is None:
            return
        if shown.in_transcript:
            # The transcript view opens at the passage's first turn; its speaker,
            # time and words are shown beside it, as for a reflection's passage.
            if shown.interview:
                self.eapp.open_transcript(shown.interview, turn=max(shown.turn, 0))
            message = self.t(
                "opened_turns",
                reference=shown.reference,
                speakers=one_line(shown.where, 40),
                words=snippet(shown.words),
            )
            self.app.notify(message, markup=False, timeout=10)
            return
        # A reflection's passage opens at its words, selected; anything else
        # (an excerpt, a whole-entry coding) opens its entry.
        self.eapp.open_entry(ref.owner, ref.coding if ref.kind == REFLECTION else None)
        if ref.kind == REFLECTION:
            where = one_line(shown.where, 40) if shown.where else w("body", self.eapp.lang)
            message = f"{self.t('opened_passage', where=where)}\n“{snippet(shown.words)}”"
            self.app.notify(message, markup=False, timeout=10)

    # -- actions ---------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = FOCUS.get(tab)
        if focus:
            widget = self.query_one(focus)
            if widget.display:
                widget.focus()

    def action_refresh(self) -> None:
        self._compute()
        self._compute_by_prompt()
