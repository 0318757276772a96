"""The Analysis screen's concept coverage: a row per interview, how much of
its reflections and transcript is coded under each concept, and the concepts
it leaves untouched; enter on a row posts ``InterviewChosen`` (the screen
opens the interview).

The shares are ``eftertanke.analysis.coverage``'s, computed by the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from eftertanke.analysis.labels import concept_label, w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.analysis.tables import coverage_cell
from eftertanke.domain import CONCEPTS
from eftertanke.textsafe import one_line
from eftertanke.tui.widgets.analysis_view import AnalysisView, InterviewChosen, view_css


class CoverageView(AnalysisView):
    """The coverage table and its legend."""

    SCOPED_CSS = False  # its rules name the view themselves
    DEFAULT_CSS = view_css("analysis_coverage.tcss")

    def __init__(self) -> None:
        super().__init__("coverage")

    def compose(self) -> ComposeResult:
        yield Static(id="coverage-empty", classes="empty")
        yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="coverage-note", classes="note")

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        coverage = result.coverage
        table = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        self.say_empty("" if coverage.rows else w("coverage_empty", lang), "#coverage-table")
        for key, label in (
            ("interview", w("interview", lang)),
            ("reflections", w("reflections", lang)),
            ("words", w("reflection_words", lang)),
            ("transcript", w("transcript_words", lang)),
            *((c, concept_label(c, lang)) for c in CONCEPTS),
            ("excerpts", w("excerpts", lang)),
            ("untouched", w("untouched", lang)),
        ):
            table.add_column(Text(label), key=key)
        for row in coverage.rows:
            cells = []
            for concept in CONCEPTS:
                if concept in row.untouched:
                    cells.append(Text(f" {w('untouched', lang).lower()} ", style="bold reverse"))
                else:
                    cells.append(Text(coverage_cell(row, concept), justify="right"))
            if not row.has_material:
                untouched = Text(w("no_material", lang), style="dim italic")
            else:
                untouched = Text(
                    ", ".join(concept_label(c, lang) for c in row.untouched), style="bold"
                )
            transcript = str(row.transcript_words) if row.has_transcript else "–"
            table.add_row(
                Text(one_line(row.interview, 16), style="bold"),
                Text(str(row.reflections), justify="right"),
                Text(str(row.reflection_words), justify="right"),
                Text(transcript, justify="right"),
                *cells,
                Text(str(row.excerpts_total), justify="right"),
                untouched,
                key=row.interview,
            )
        notes = []
        if coverage.rows:
            gaps = coverage.with_gaps
            notes = [
                w("coverage_legend", lang),
                w("coverage_gaps", lang, n=len(gaps)) if gaps else w("coverage_no_gaps", lang),
            ]
            if len(coverage.rows) == 1:
                notes.append(w("single_interview", lang, code=one_line(coverage.rows[0].interview)))
        self.query_one("#coverage-note", Static).update(Content("\n".join(notes)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(InterviewChosen(event.row_key.value))
