"""The well-being chart: one rating on 1–5 and the balance on ±4, by day, week or month.

The series come from ``analysis.wellbeing`` (buckets, gaps, fixed scales) and
are drawn with ``analysis.plot`` as Braille lines: a day without a check-in
is a gap that no line crosses, and a value sits at the same height whatever
else the journal holds. Under the lines: a ◆ on each period with an
interview, the date axis in the app's language, and what the cursor's period
holds, as text (values, n, interviews), so nothing is told by colour alone.

Left/right move the cursor one period (home/end: first/last rated), the
chart scrolls to follow it; the screen sets ``period`` and ``measure``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from eftertanke import i18n
from eftertanke.analysis.plot import braille_rows, value_row
from eftertanke.analysis.timeline import BALANCE
from eftertanke.analysis.wellbeing import (
    RatedDays,
    Series,
    next_start,
    period_end,
    period_label,
    period_start,
    periods_ending,
    series,
    tick_label,
    ticks,
)

MEASURES: tuple[str, ...] = ("wellbeing", "energy", "demands", "resources", "safety")
# cells per bucket (a cell is two dot columns wide)
CELLS = {"day": 2, "week": 4, "month": 6}
GUTTER = 4  # the y labels: "+4 ┤"
MARKER = "◆"
EVENT_MARKER = "◇"  # a chronology event (self-as-data), where no interview was held


def word(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"tui.wellbeing_chart.{key}", lang, **values)


def append_runs(out: Text, cells: Iterable[tuple[str, Style]]) -> None:
    """Append characters, one span per run of equal style: a span per character
    makes drawing the chart many times slower."""
    run: list[str] = []
    current: Style | None = None
    for char, style in cells:
        if style != current and run:
            out.append("".join(run), current)
            run = []
        current = style
        run.append(char)
    if run:
        out.append("".join(run), current)


def _number(value: float, key: str, lang: str = "en") -> str:
    return i18n.decimal(value, lang, signed=key == BALANCE)


class WellbeingChart(Widget, can_focus=True):
    """A fixed-scale line chart of one measure and the balance, with a cursor."""

    COMPONENT_CLASSES = {
        "wellbeing-chart--axis",
        "wellbeing-chart--title",
        "wellbeing-chart--cursor",
        "wellbeing-chart--marker",
        "wellbeing-chart--zero",
        "wellbeing-chart--detail",
        "wellbeing-chart--energy",
        "wellbeing-chart--demands",
        "wellbeing-chart--resources",
        "wellbeing-chart--safety",
        "wellbeing-chart--wellbeing",
        "wellbeing-chart--balance",
    }

    DEFAULT_CSS = """
    WellbeingChart { height: 1fr; min-height: 14; }
    WellbeingChart:focus { background-tint: $foreground 3%; }
    WellbeingChart > .wellbeing-chart--axis { color: $text-muted; }
    WellbeingChart > .wellbeing-chart--title { text-style: bold; }
    WellbeingChart > .wellbeing-chart--cursor { background: $accent-muted; }
    WellbeingChart > .wellbeing-chart--marker { color: $warning; }
    WellbeingChart > .wellbeing-chart--zero { color: $text-muted 50%; }
    WellbeingChart > .wellbeing-chart--detail { color: $text; }
    WellbeingChart > .wellbeing-chart--energy { color: #e8833a; }
    WellbeingChart > .wellbeing-chart--demands { color: #9e99d6; }
    WellbeingChart > .wellbeing-chart--resources { color: #3fbf95; }
    WellbeingChart > .wellbeing-chart--safety { color: #ee5fa8; }
    WellbeingChart > .wellbeing-chart--wellbeing { color: #4aa3e0; }
    WellbeingChart > .wellbeing-chart--balance { color: $text; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Earlier", show=False),
        Binding("right", "move(1)", "Later", show=False),
        Binding("home", "edge('first')", "First", show=False),
        Binding("end", "edge('last')", "Last", show=False),
    ]

    period: reactive[str] = reactive("day")
    measure: reactive[str] = reactive("wellbeing")
    cursor: reactive[date] = reactive(date(2000, 1, 1))

    class Chosen(Message):
        """Enter on a period: the screen opens its entries."""

        def __init__(self, first: date, last: date) -> None:
            super().__init__()
            self.first = first
            self.last = last

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rated = RatedDays()
        self.lang = "en"
        self.today = date(2000, 1, 1)
        self._last: date | None = None  # the last period shown (its start)
        self._align = True  # place the window anew (on new data or a new period)
        self._day = self.today  # the day the cursor stands on, kept across periods

    # -- data ----------------------------------------------------------------------

    @property
    def day(self) -> date:
        """The day the cursor stands on (a week or month keeps it for the next switch)."""
        return self._day

    def show(self, rated: RatedDays, lang: str, today: date, start: date | None = None) -> None:
        """Draw ``rated``; the cursor starts on ``start``, else today, or the last
        rated day when that is later or far back (a journal picked up again
        shows its last weeks)."""
        first_time = self.rated.is_empty
        self.rated, self.lang, self.today = rated, lang, today
        if first_time:
            anchor = start or today
            if (
                start is None
                and rated.last is not None
                and (rated.last > today or (today - rated.last).days > 42)
            ):
                anchor = rated.last
            self._day = anchor
            self.set_reactive(WellbeingChart.cursor, period_start(anchor, self.period))
            self._align = True
        self.refresh()

    def watch_period(self, period: str) -> None:
        # the cursor keeps its day: the week or month that holds it
        self.set_reactive(WellbeingChart.cursor, period_start(self._day, period))
        self._align = True
        self.refresh()

    def watch_measure(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    # -- geometry ------------------------------------------------------------------

    @property
    def _visible(self) -> int:
        width = max(self.size.width - GUTTER, CELLS[self.period])
        return max(width // CELLS[self.period], 1)

    def window(self) -> Series:
        """The periods on screen, scrolled so the cursor is among them."""
        count, period = self._visible, self.period
        if self._align or self._last is None:
            # end on the last rated period; a short journal starts at the left edge
            self._align = False
            last = self.cursor
            if self.rated.first is not None and self.rated.last is not None:
                fit = next_start(period_start(self.rated.first, period), period, count - 1)
                last = max(
                    period_start(self.rated.last, period),
                    min(fit, period_start(self.today, period)),
                )
            self._last = last
        last = self._last
        first = next_start(last, period, -(count - 1))
        if self.cursor > last:
            last = self.cursor
        elif self.cursor < first:
            last = next_start(self.cursor, period, count - 1)
        self._last = last
        return series(self.rated, period, periods_ending(last, period, count))

    def _rows(self) -> tuple[int, int]:
        """Rows for the measure's plot and for the balance's."""
        room = max(self.size.height - 6, 6)
        balance = max(room // 3, 3)
        return room - balance, balance

    # -- keys ----------------------------------------------------------------------

    def go_to(self, day: date) -> None:
        self._day = day
        self.cursor = period_start(day, self.period)

    def action_move(self, steps: int) -> None:
        self.go_to(next_start(self.cursor, self.period, steps))

    def action_edge(self, which: str) -> None:
        day = self.rated.first if which == "first" else self.rated.last
        if day is not None:
            self.go_to(day)

    def key_enter(self) -> None:
        self.post_message(self.Chosen(self.cursor, period_end(self.cursor, self.period)))

    # -- drawing -------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"wellbeing-chart--{name}", partial=True)

    def render(self) -> Text:
        data = self.window()
        lang, measure = self.lang, self.measure
        top, bottom = self._rows()
        axis = self._style("axis")
        at = data.index_of(self.cursor)
        cells = CELLS[self.period]
        band = range(at * cells, (at + 1) * cells) if at is not None else range(0)
        out = Text(no_wrap=True, overflow="crop")
        name = i18n.t(f"analysis.{measure}", lang)
        out.append(word("title", lang, measure=name), self._style("title") + self._style(measure))
        out.append("   ")
        out.append(word("legend", lang, marker=MARKER), axis)
        out.append("\n")
        labels = {value_row(v, measure, top): str(v) for v in (5, 4, 3, 2, 1)}
        self._plot(out, data, measure, top, labels, None, band)
        self._markers(out, data, band)
        out.append(word("balance_title", lang), self._style("title"))
        out.append("\n")
        labels = {value_row(v, BALANCE, bottom): f"{v:+d}" if v else "0" for v in (4, 0, -4)}
        self._plot(out, data, BALANCE, bottom, labels, value_row(0, BALANCE, bottom), band)
        out.append(self._axis(data), axis)
        out.append("\n")
        out.append_text(self._detail(data, at))
        return out

    def _plot(
        self,
        out: Text,
        data: Series,
        key: str,
        rows: int,
        labels: dict[int, str],
        zero: int | None,
        band: range,
    ) -> None:
        """``key``'s Braille rows with their y labels; the cursor's columns lit,
        a dotted line at ``zero`` where nothing is drawn."""
        axis, cursor, line = self._style("axis"), self._style("cursor"), self._style(key)
        for row, text in enumerate(braille_rows(data.values[key], key, rows, CELLS[self.period])):
            label = labels.get(row, "")
            out.append(f"{label:>{GUTTER - 1}}{'┤' if label else '│'}", axis)
            row_cells = []
            for column, char in enumerate(text):
                style = line
                if char == "\u2800" and zero == row:
                    char, style = "┈", self._style("zero")
                row_cells.append((char, style + cursor if column in band else style))
            append_runs(out, row_cells)
            out.append("\n")

    def _markers(self, out: Text, data: Series, band: range) -> None:
        """A ◆ under each period with an interview."""
        cells = CELLS[self.period]
        axis, cursor, marker = self._style("axis"), self._style("cursor"), self._style("marker")
        marks = [" "] * (len(data.starts) * cells)
        for index, codes in enumerate(data.interviews):
            if codes:
                marks[index * cells + cells // 2] = MARKER
            elif data.events_at(index):
                marks[index * cells + cells // 2] = EVENT_MARKER
        out.append(" " * GUTTER)
        append_runs(
            out,
            (
                (
                    char,
                    (marker if char in (MARKER, EVENT_MARKER) else axis)
                    + (cursor if column in band else Style()),
                )
                for column, char in enumerate(marks)
            ),
        )
        out.append("\n")

    def _axis(self, data: Series) -> str:
        cells = CELLS[self.period]
        width = len(data.starts) * cells
        line = [" "] * width
        most = max(width // 8, 1)
        for n, index in enumerate(ticks(data.starts, self.period, most)):
            start = data.starts[index]
            with_year = self.period == "month" and (n == 0 or start.month == 1)
            label = tick_label(start, self.period, self.lang, with_year=with_year)
            column = index * cells
            if column + len(label) > width or any(
                c != " " for c in line[max(column - 2, 0) : column + len(label)]
            ):
                continue
            line[column : column + len(label)] = label
        return " " * GUTTER + "".join(line)

    def _detail(self, data: Series, at: int | None) -> Text:
        """Two lines: the cursor's period (and its interviews), then its values and n."""
        lang = self.lang
        out = Text(style=self._style("detail"))
        out.append(period_label(self.cursor, self.period, lang), "bold")
        if at is not None and data.interviews[at]:
            out.append("   ")
            out.append(MARKER + " ", self._style("marker"))
            out.append(word("interviews", lang, codes=", ".join(data.interviews[at])))
        for title in data.events_at(at) if at is not None else ():
            out.append("   ")
            out.append(EVENT_MARKER + " ", self._style("marker"))
            out.append(title)
        out.append("\n")
        if at is None or not data.checkins[at]:
            out.append(word("no_checkin", lang))
            return out
        for n, key in enumerate((self.measure, BALANCE)):
            value = data.values[key][at]
            shown = _number(value, key, lang) if value is not None else "–"
            if n:
                out.append("  ·  ")
            out.append(i18n.t(f"analysis.{key}", lang) + " ")
            out.append(shown, self._style(key) + Style(bold=True))
        out.append("  ·  ")
        if self.period == "day":
            out.append(word("checkins", lang, n=data.checkins[at]))
        else:
            out.append(word("days", lang, n=data.days[self.measure][at]))
        return out
