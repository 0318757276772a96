"""Home's glance at the last weeks: energy, well-being and the balance, a day a cell.

Each day is a block whose height is the day's value on the fixed scale (a
rating on 1–5, the balance on −4…+4, ``analysis.plot.block``), so a steady
week at 3 looks steady and a day without a check-in is a dot, never a value
carried over. The strip holds up to six weeks, as many days as fit; under it
the first and the last day are named. The chart (g) shows the same series
in full, the calendar (c) a year of it; the last line says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from eftertanke import i18n
from eftertanke.analysis.plot import GAP, block
from eftertanke.analysis.timeline import BALANCE
from eftertanke.analysis.wellbeing import (
    RatedDays,
    periods_ending,
    rated_days,
    series,
    tick_label,
)
from eftertanke.dates import format_date
from eftertanke.domain import now
from eftertanke.tui.widgets.wellbeing_chart import append_runs

WEEKS = 6
KEYS = ("energy", "wellbeing", BALANCE)
LABEL = 15


class WellbeingTrend(Widget):
    """Three strips of day blocks on fixed scales, with each one's latest value."""

    COMPONENT_CLASSES = {
        "wellbeing-trend--axis",
        "wellbeing-trend--gap",
        "wellbeing-trend--energy",
        "wellbeing-trend--wellbeing",
        "wellbeing-trend--plus",
        "wellbeing-trend--minus",
    }

    DEFAULT_CSS = """
    WellbeingTrend { height: auto; }
    WellbeingTrend > .wellbeing-trend--axis { color: $text-muted; }
    WellbeingTrend > .wellbeing-trend--gap { color: $text-muted 60%; }
    WellbeingTrend > .wellbeing-trend--energy { color: #e8833a; }
    WellbeingTrend > .wellbeing-trend--wellbeing { color: #4aa3e0; }
    WellbeingTrend > .wellbeing-trend--plus { color: $success; }
    WellbeingTrend > .wellbeing-trend--minus { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rated = RatedDays()
        self.end = date(2000, 1, 1)
        self.lang = "en"

    def update_from(self, rows: Sequence[object], lang: str) -> str:
        """Draw the weeks up to today, or up to the latest rating if that is
        older (a journal picked up again still shows its last weeks); returns
        the end date's label ("" when it is today)."""
        data = getattr(self.app, "data", None)
        if data is not None and rows is data.index.rows:
            self.rated = data.rated  # the app's, computed when the journal was loaded
        else:
            self.rated = rated_days(getattr(r, "doc", r) for r in rows)  # type: ignore[misc]
        self.lang = lang
        today = now().date()
        latest = self.rated.last
        self.end = (
            latest if latest is not None and latest < today - timedelta(weeks=WEEKS) else today
        )
        self.refresh(layout=True)
        if self.end == today:
            return ""
        return format_date(datetime.combine(self.end, datetime.min.time()), lang)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return 5

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"wellbeing-trend--{name}", partial=True)

    def render(self) -> Text:
        lang = self.lang
        days = max(min(WEEKS * 7, self.size.width - LABEL), 7)
        shown = series(self.rated, "day", periods_ending(self.end, "day", days))
        out = Text(no_wrap=True, overflow="crop")
        if shown.is_empty:
            out.append(i18n.t("tui.trend.empty", lang), self._style("axis"))
            return out
        gap = self._style("gap")
        for key in KEYS:
            values = shown.values[key]
            known = [v for v in values if v is not None]
            latest = ""
            if known:
                latest = " " + i18n.decimal(known[-1], lang, signed=key == BALANCE)
            label = i18n.t(f"tui.trend.{key}", lang) + latest
            out.append(f"{label:<{LABEL}}"[:LABEL])
            cells = []
            for value in values:
                if value is None:
                    cells.append((GAP, gap))
                    continue
                if key == BALANCE:
                    style = self._style("plus" if value > 0 else "minus") if value else Style()
                else:
                    style = self._style(key)
                cells.append((block(value, key), style))
            append_runs(out, cells)
            out.append("\n")
        first = tick_label(shown.starts[0], "day", lang)
        last = tick_label(shown.starts[-1], "day", lang)
        scale = i18n.t("tui.trend.scale", lang)
        middle = max(days - len(first) - len(last), 1)
        centre = scale if len(scale) + 2 <= middle else ""
        out.append(" " * LABEL + first + centre.center(middle) + last, self._style("axis"))
        out.append("\n" + " " * LABEL + i18n.t("tui.trend.keys", lang), self._style("axis"))
        return out


class BlockStrip(Widget):
    """One series as a row of blocks on its fixed scale (a dot for a gap); when
    there are more values than columns, the latest are shown."""

    COMPONENT_CLASSES = {"block-strip--gap"}
    DEFAULT_CSS = """
    BlockStrip { height: 1; }
    BlockStrip > .block-strip--gap { color: $text-muted 60%; }
    """

    def __init__(self, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.values: list[float | None] = []

    def show(self, values: list[float | None]) -> None:
        self.values = list(values)
        self.refresh()

    def render(self) -> Text:
        width = max(self.size.width, 1)
        shown = self.values[-width:]
        gap = self.get_component_rich_style("block-strip--gap", partial=True)
        out = Text(no_wrap=True, overflow="crop")
        append_runs(out, ((block(v, self.key), gap if v is None else Style()) for v in shown))
        return out
