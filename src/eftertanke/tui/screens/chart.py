"""The well-being chart: a rating and the balance over days, weeks or months.

Opened from Home (g) and from Analysis (g). 1, 2 and 3 choose day, week or
month (a week's or month's value is the mean of its rated days, with that
n shown); m and M step through the ratings; left/right move the cursor;
Enter lists the entries of the cursor's period; c opens the calendar;
x exports the chart (the whole span, at the shown period) as SVG or PNG.
The series are computed by ``analysis.wellbeing`` from the app's index.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, Static

from eftertanke.analysis.labels import w
from eftertanke.analysis.wellbeing import PERIODS, RatedDays
from eftertanke.domain import now
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.wellbeing_chart import MEASURES, WellbeingChart


def journal_days(app) -> RatedDays:  # type: ignore[no-untyped-def]
    """The app's rated days and interview days (computed when the data is loaded)."""
    return app.data.rated


class ChartScreen(BaseScreen):
    CSS_PATH = "chart.tcss"
    AUTO_FOCUS = "WellbeingChart"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("1", "period('day')", "Day"),
        Binding("2", "period('week')", "Week"),
        Binding("3", "period('month')", "Month"),
        Binding("m", "measure(1)", "Measure"),
        Binding("M", "measure(-1)", "Previous measure", show=False),
        Binding("c", "calendar", "Calendar"),
        Binding("ctrl+e", "export", "Export"),
    ]

    def __init__(self, period: str = "day", start: date | None = None) -> None:
        super().__init__()
        self._period = period if period in PERIODS else "day"
        self._start = start

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="chart-choices")
        chart = WellbeingChart(id="chart")
        chart.set_reactive(WellbeingChart.period, self._period)
        yield chart
        yield Static(id="chart-empty")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.t("title")
        self._show_choices()

    def refresh_data(self) -> None:
        rated = journal_days(self.eapp)
        chart = self.query_one(WellbeingChart)
        chart.show(rated, self.eapp.lang, now().date(), self._start)
        empty = self.query_one("#chart-empty", Static)
        empty.display = rated.is_empty
        empty.update(Content(self.t("empty")))

    def _show_choices(self) -> None:
        """The periods and the ratings as one line of chips, the chosen ones lit
        (it fits 80 columns in both languages)."""
        chart = self.query_one(WellbeingChart)
        parts: list[str | tuple[str, str]] = []
        for n, period in enumerate(PERIODS, 1):
            label = f" {n} {self.t(f'period.{period}')} "
            parts.append((label, "reverse bold" if period == chart.period else "dim"))
        parts.append("  ")
        for measure in MEASURES:
            name = w(measure, self.eapp.lang)
            parts.append((f" {name} ", "reverse bold" if measure == chart.measure else "dim"))
        self.query_one("#chart-choices", Static).update(Content.assemble(*parts))

    def action_period(self, period: str) -> None:
        self.query_one(WellbeingChart).period = period
        self._show_choices()

    def action_measure(self, step: int) -> None:
        chart = self.query_one(WellbeingChart)
        chart.measure = MEASURES[(MEASURES.index(chart.measure) + step) % len(MEASURES)]
        self._show_choices()

    def action_calendar(self) -> None:
        from eftertanke.tui.screens.calendar import CalendarScreen

        stack = self.app.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], CalendarScreen):
            self.app.pop_screen()
        else:
            self.app.push_screen(CalendarScreen(self.query_one(WellbeingChart).day))

    def action_export(self) -> None:
        """The chart of the whole span at the shown period, as SVG or PNG (by the
        file name), as ``eftertanke analyse chart`` writes it."""
        from eftertanke.tui.screens.export_dialog import ExportDialog

        chart = self.query_one(WellbeingChart)
        if chart.rated.is_empty:
            self.notify(self.t("empty"), severity="warning")
            return
        period, rated = chart.period, chart.rated
        name = f"./{self.t('file_name', period=self.t(f'period.{period}').lower())}"
        self.app.push_screen(
            ExportDialog(name, "tui.chart.export_heading"),
            lambda choice: self._export(choice, period, rated),
        )

    def _export(self, choice, period: str, rated: RatedDays) -> None:  # type: ignore[no-untyped-def]
        if choice is None:
            return
        path, _overwrite = choice
        lang = self.eapp.lang

        def write() -> None:
            from eftertanke.analysis.chart import series_svg
            from eftertanke.analysis.wellbeing import span_series
            from eftertanke.store.files import atomic_write_bytes

            svg = series_svg(span_series(rated, period), lang)
            try:
                if path.suffix.lower() == ".png":
                    from eftertanke.export.chart_png import svg_to_png

                    data = svg_to_png(svg)
                else:
                    data = svg.encode("utf-8")
                atomic_write_bytes(path, data)
            except OSError as exc:
                message = f"{path}: {exc.strerror or exc}"
                self.app.call_from_thread(self.notify, message, severity="error", markup=False)
                return
            done = self.eapp.tr("exported_to", path=str(path))
            self.app.call_from_thread(self.notify, done, markup=False)

        self.run_worker(write, thread=True, exclusive=True, group="chart-export")

    def on_wellbeing_chart_chosen(self, event: WellbeingChart.Chosen) -> None:
        open_days(self.eapp, event.first, event.last, self.t("no_entries"))


def open_days(app, first, last, nothing: str) -> None:  # type: ignore[no-untyped-def]
    """The entries written from ``first`` to ``last``: one opens at once, more in Entries."""
    rows = [r for r in app.index.rows if first <= r.created.date() <= last]
    if not rows:
        app.notify(nothing, timeout=3)
    elif len(rows) == 1:
        app.open_entry(rows[0].id)
    else:
        app.browse(since=first.isoformat(), until=last.isoformat())
