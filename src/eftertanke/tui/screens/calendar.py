"""The calendar: a year of days coloured by well-being (``widgets.calendar``).

Opened from Home (c), from Analysis (c) and from the chart (c). Arrows move
a day or a month, PageUp/PageDown a year, t goes to today, Enter opens the
day's entries (one at once, more in Entries); g opens the chart.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from eftertanke.domain import now
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.screens.chart import journal_days, open_days
from eftertanke.tui.widgets.calendar import YearCalendar


class CalendarScreen(BaseScreen):
    CSS_PATH = "calendar.tcss"
    AUTO_FOCUS = "YearCalendar"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("t", "today", "Today"),
        Binding("g", "chart", "Chart"),
    ]

    def __init__(self, start: date | None = None) -> None:
        super().__init__()
        self._start = start

    def compose(self) -> ComposeResult:
        yield Header()
        yield YearCalendar(id="calendar")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.t("title")

    def refresh_data(self) -> None:
        app = self.eapp
        entries = Counter(row.created.date() for row in app.index.rows)
        calendar = self.query_one(YearCalendar)
        calendar.show(journal_days(app), dict(entries), app.lang, now().date(), self._start)

    def action_today(self) -> None:
        self.query_one(YearCalendar).cursor = now().date()

    def action_chart(self) -> None:
        from eftertanke.tui.screens.chart import ChartScreen

        if len(self.app.screen_stack) > 1 and isinstance(self.app.screen_stack[-2], ChartScreen):
            self.app.pop_screen()
        else:
            self.app.push_screen(ChartScreen(start=self.query_one(YearCalendar).cursor))

    def on_year_calendar_chosen(self, event: YearCalendar.Chosen) -> None:
        open_days(self.eapp, event.day, event.day, self.t("no_entries"))
