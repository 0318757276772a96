"""A year in pixels: one cell per day, coloured by the day's well-being.

Twelve rows, one per month, a cell per day. A rated day shows its
well-being as a digit 1–5 on a colour of a scale that reads the same in
grey and to colour-blind eyes (dark blue to yellow), so the digit, not the
colour, carries the value; ◆ marks an interview day; · a day without a
check-in (a day still to come is blank). Under the grid: the legend and what the cursor's day holds.

Left/right move a day, up/down a month (the same day of the month), PageUp
and PageDown a year, Home/End the first/last rated day; Enter asks the
screen to open the day's entries.
"""

from __future__ import annotations

import calendar as gregorian
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from eftertanke import i18n
from eftertanke.analysis.wellbeing import RatedDays, day_levels
from eftertanke.tui.widgets.wellbeing_chart import append_runs

LABEL = 5  # "mar  "
# dark blue to yellow (viridis): one step per level, readable as grey too
LEVEL_COLOURS = {1: "#440154", 2: "#3b528b", 3: "#21918c", 4: "#5ec962", 5: "#fde725"}
LEVEL_TEXT = {1: "#ffffff", 2: "#ffffff", 3: "#ffffff", 4: "#000000", 5: "#000000"}
MARKER = "◆"
NO_CHECKIN = "·"


def word(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"tui.calendar.{key}", lang, **values)


def shift_months(day: date, months: int) -> date:
    """The same day ``months`` months away (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class YearCalendar(Widget, can_focus=True):
    COMPONENT_CLASSES = {
        "year-calendar--axis",
        "year-calendar--empty",
        "year-calendar--cursor",
        "year-calendar--today",
        "year-calendar--marker",
        "year-calendar--title",
    }

    DEFAULT_CSS = """
    YearCalendar { height: auto; min-height: 19; }
    YearCalendar > .year-calendar--axis { color: $text-muted; }
    YearCalendar > .year-calendar--empty { color: $text-muted 60%; }
    YearCalendar > .year-calendar--cursor { text-style: bold reverse; }
    YearCalendar > .year-calendar--today { text-style: underline; }
    YearCalendar > .year-calendar--marker { color: $warning; }
    YearCalendar > .year-calendar--title { text-style: bold; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Day before", show=False),
        Binding("right", "move(1)", "Day after", show=False),
        Binding("up", "months(-1)", "Month before", show=False),
        Binding("down", "months(1)", "Month after", show=False),
        Binding("pageup", "months(-12)", "Year before", show=False),
        Binding("pagedown", "months(12)", "Year after", show=False),
        Binding("home", "edge('first')", "First", show=False),
        Binding("end", "edge('last')", "Last", show=False),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1))

    class Chosen(Message):
        """Enter on a day: the screen opens its entries."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rated = RatedDays()
        self.levels: dict[date, int] = {}
        self.entries: dict[date, int] = {}
        self.lang = "en"
        self.today = date(2000, 1, 1)

    def show(
        self, rated: RatedDays, entries: dict[date, int], lang: str, today: date, start: date | None
    ) -> None:
        """Draw ``rated``; ``entries`` counts every entry by day (for Enter's hint)."""
        first_time = not self.levels and not self.entries and self.today == date(2000, 1, 1)
        self.rated, self.entries, self.lang, self.today = rated, entries, lang, today
        self.levels = day_levels(rated)
        if first_time:
            anchor = start or today
            if start is None and rated.last is not None and rated.last.year != today.year:
                anchor = rated.last
            self.set_reactive(YearCalendar.cursor, anchor)
        self.refresh(layout=True)

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move(self, days: int) -> None:
        self.cursor = self.cursor + timedelta(days=days)

    def action_months(self, months: int) -> None:
        self.cursor = shift_months(self.cursor, months)

    def action_edge(self, which: str) -> None:
        day = self.rated.first if which == "first" else self.rated.last
        if day is not None:
            self.cursor = day

    def key_enter(self) -> None:
        self.post_message(self.Chosen(self.cursor))

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 19

    # -- drawing -------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"year-calendar--{name}", partial=True)

    def _cell(self, day: date) -> tuple[str, Style]:
        shown = self.levels.get(day)
        held = bool(self.rated.interviews.get(day))
        if shown is None:
            # a day still to come is blank; a past day without a rating is a dot
            mark = MARKER if held else (NO_CHECKIN if day <= self.today else " ")
            text, style = mark + " ", self._style("marker" if held else "empty")
        else:
            text = f"{shown}{MARKER if held else ' '}"
            style = Style(color=LEVEL_TEXT[shown], bgcolor=LEVEL_COLOURS[shown])
        if day == self.today:
            style = style + self._style("today")
        if day == self.cursor:
            style = style + self._style("cursor")
        return text, style

    def render(self) -> Text:
        lang, year = self.lang, self.cursor.year
        axis = self._style("axis")
        out = Text(no_wrap=True, overflow="crop")
        out.append(f"{year:<{LABEL}}", self._style("title"))
        header = [" "] * 62
        for number in (1, 5, 10, 15, 20, 25, 31):
            label = str(number)
            header[(number - 1) * 2 : (number - 1) * 2 + len(label)] = label
        out.append("".join(header), axis)
        out.append("\n")
        for month in range(1, 13):
            name = i18n.t(f"dates.month.{month:02d}", lang)[:3]
            out.append(
                f"{name:<{LABEL}}", self._style("title") if month == self.cursor.month else axis
            )
            days = range(1, gregorian.monthrange(year, month)[1] + 1)
            append_runs(out, (self._cell(date(year, month, number)) for number in days))
            out.append("\n")
        out.append("\n")
        out.append(" " * LABEL)
        for value in range(1, 6):
            out.append(f" {value} ", Style(color=LEVEL_TEXT[value], bgcolor=LEVEL_COLOURS[value]))
        out.append("  " + word("scale", lang), axis)
        out.append("\n" + " " * LABEL)
        out.append(MARKER, self._style("marker"))
        out.append(" " + word("interview", lang) + "   ", axis)
        out.append(NO_CHECKIN + " " + word("no_checkin", lang), axis)
        out.append("\n\n")
        out.append_text(self._detail())
        return out

    def _detail(self) -> Text:
        from eftertanke.analysis.wellbeing import period_label

        lang, day = self.lang, self.cursor
        out = Text()
        out.append(period_label(day, "day", lang), "bold")
        means = self.rated.means.get(day)
        out.append("  ·  ")
        if means and "wellbeing" in means:
            out.append(i18n.t("analysis.wellbeing", lang) + " ")
            out.append(i18n.decimal(means["wellbeing"], lang), "bold")
            out.append("  ·  ")
            out.append(word("checkins", lang, n=self.rated.checkins.get(day, 0)))
        elif means:
            out.append(word("other_ratings", lang))
        else:
            out.append(word("no_checkin_day", lang))
        codes = self.rated.interviews.get(day)
        if codes:
            out.append("  ·  ")
            out.append(MARKER + " ", self._style("marker"))
            out.append(word("interviews", lang, codes=", ".join(codes)))
        out.append("\n")
        count = self.entries.get(day, 0)
        out.append(
            word("entries", lang, n=count) if count else word("no_entries", lang),
            self._style("axis"),
        )
        return out
