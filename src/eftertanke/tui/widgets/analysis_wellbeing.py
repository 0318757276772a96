"""The Analysis screen's well-being over time: a block strip per series
(well-being, energy, demands, resources, safety and the resources − demands
balance), by week and then by day, with the last value and the mean.

The series are ``eftertanke.analysis.timeline``'s, computed by the screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from eftertanke.analysis.labels import w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.analysis.tables import timeline_span
from eftertanke.analysis.timeline import BALANCE, SERIES_KEYS, Timeline
from eftertanke.i18n import decimal
from eftertanke.tui.widgets.analysis_view import AnalysisView, view_css
from eftertanke.tui.widgets.trend import BlockStrip

PERIODS = ("week", "day")


class WellbeingView(AnalysisView):
    """The strips by week and by day, and the legend with the period covered."""

    SCOPED_CSS = False  # its rules name the view themselves
    DEFAULT_CSS = view_css("analysis_wellbeing.tcss")

    def __init__(self) -> None:
        super().__init__("wellbeing")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="wellbeing-body"):
            yield Static(id="wellbeing-empty", classes="empty")
            for by in PERIODS:
                yield Static(id=f"wellbeing-title-{by}", classes="panel-title")
                for key in SERIES_KEYS:
                    with Horizontal(classes="series-row"):
                        yield Static(id=f"label-{by}-{key}", classes="series-label")
                        yield BlockStrip(key, id=f"spark-{by}-{key}")
                        yield Static(id=f"value-{by}-{key}", classes="series-value")
            yield Static(id="wellbeing-note", classes="note")

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        series = result.timeline
        empty = series.is_empty
        self.say_empty(w("timeline_empty", lang) if empty else "")
        for by in PERIODS:
            title = self.query_one(f"#wellbeing-title-{by}", Static)
            title.update(Content(w("timeline_weekly" if by == "week" else "timeline_daily", lang)))
            title.display = not empty
            for key in SERIES_KEYS:
                self._show_series(series, by, key, lang)
        notes = [w("timeline_legend", lang)] if not empty else []
        if not empty:
            notes.append(timeline_span(series, lang))
        self.query_one("#wellbeing-note", Static).update(Content("\n".join(notes)))

    def _show_series(self, series: Timeline, by: str, key: str, lang: str) -> None:
        """One strip: its label, its blocks, and the last value with the mean."""
        values = series.weekly if by == "week" else series.daily
        known = [v for v in values[key] if v is not None]
        row = self.query_one(f"#label-{by}-{key}", Static)
        row.update(Content(w(key, lang)))
        row.parent.display = not series.is_empty  # type: ignore[union-attr]
        self.query_one(f"#spark-{by}-{key}", BlockStrip).show(values[key])
        last = known[-1] if known else None
        mean = (
            series.summary(key)["mean"]
            if by == "day"
            else (sum(known) / len(known) if known else None)
        )
        text = ""
        if last is not None and mean is not None:
            signed = key == BALANCE
            text = (
                f"{decimal(last, lang, signed=signed)}  "
                f"({w('mean', lang).lower()} {decimal(mean, lang, signed=signed)})"
            )
        self.query_one(f"#value-{by}-{key}", Static).update(Content(text))
