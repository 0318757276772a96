"""Well-being over time: the daily ratings as series by day, week or month,
on fixed scales, with gaps where nothing was rated (the app's chart, its
calendar and Home's trend, and the chart's SVG and PNG export).

Input is stored entry dicts (as the store and the TUI index hold them), so
the series can be computed without building Entry objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from eftertanke import i18n
from eftertanke.analysis.timeline import BALANCE
from eftertanke.domain import RATING_KEYS
from eftertanke.entry_row import EntryRow

# -- the chart's series: rated days, bucketed by day, week or month ----------------
#
# A day's value for a rating is the mean of that day's check-ins (the day is
# the local date the entry was written); a week's or a month's value is the
# mean of its rated days' values, so a day with two check-ins does not weigh
# double (the same rule as ``analysis.timeline``). The balance is resources
# minus demands on a day where both are rated; a bucket's balance is the mean
# of its days' balances. A bucket without a rated day is ``None``: a gap,
# drawn as a gap, never bridged.

Values = list[float | None]
CHART_KEYS: tuple[str, ...] = (*RATING_KEYS, BALANCE)
PERIODS: tuple[str, ...] = ("day", "week", "month")
RATING_SCALE = (1.0, 5.0)
_NUMBERS = (int, float)
_RATED = frozenset(RATING_KEYS)
BALANCE_SCALE = (-4.0, 4.0)
# Self-as-data: a chronology entry is a life event, marked on the timeline.
CHRONOLOGY = "chronology"
EVENT_TITLE = 32


def scale_of(key: str) -> tuple[float, float]:
    """The fixed scale of a series: 1–5 for a rating, −4…+4 for the balance."""
    return BALANCE_SCALE if key == BALANCE else RATING_SCALE


def on_scale(value: float, key: str) -> float:
    """Where ``value`` sits on its series' fixed scale: 0.0 at the bottom, 1.0 at the
    top; values outside the scale are held at its ends."""
    low, high = scale_of(key)
    return min(max((value - low) / (high - low), 0.0), 1.0)


@dataclass(slots=True)
class RatedDays:
    """Every rated day's means (and the balance), its check-ins, the interview days
    and the days of chronology events (self-as-data: a life event's entry is dated
    with the event; ``events`` holds their titles)."""

    means: dict[date, dict[str, float]] = field(default_factory=dict)
    checkins: dict[date, int] = field(default_factory=dict)
    interviews: dict[date, tuple[str, ...]] = field(default_factory=dict)
    events: dict[date, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.means

    @property
    def first(self) -> date | None:
        return min(self.means) if self.means else None

    @property
    def last(self) -> date | None:
        return max(self.means) if self.means else None


def rated_days(
    docs: Iterable[dict[str, Any]],
    interview_dates: Iterable[tuple[str, date]] = (),
) -> RatedDays:
    """The daily means of every rated, live entry; ``interview_dates`` are
    (code, day) pairs for the markers."""
    sums: dict[date, dict[str, float]] = {}
    counts: dict[date, dict[str, int]] = {}
    checkins: dict[date, int] = {}
    # The local date an entry was written is the date part of its stored ISO
    # time (written with its own offset): parsed once per distinct day.
    parsed: dict[str, date] = {}
    events: dict[date, list[str]] = {}
    for doc in docs:
        row = EntryRow(doc)
        if row.data_type == CHRONOLOGY and not row.deleted:
            day = date.fromisoformat(row.created[:10])
            events.setdefault(day, []).append(row.display_title(EVENT_TITLE))
        ratings = row.ratings
        if not ratings or row.deleted:
            continue
        stamp = row.created[:10]
        day = parsed.get(stamp)
        if day is None:
            day = parsed[stamp] = date.fromisoformat(stamp)
        day_sums = sums.setdefault(day, {})
        day_counts = counts.setdefault(day, {})
        rated = False
        for key, value in ratings.items():
            if key in _RATED and isinstance(value, _NUMBERS):
                day_sums[key] = day_sums.get(key, 0.0) + value
                day_counts[key] = day_counts.get(key, 0) + 1
                rated = True
        if rated:
            checkins[day] = checkins.get(day, 0) + 1
    means: dict[date, dict[str, float]] = {}
    for day, day_sums in sums.items():
        if not day_sums:
            continue
        values = {key: day_sums[key] / counts[day][key] for key in day_sums}
        if "resources" in values and "demands" in values:
            values[BALANCE] = values["resources"] - values["demands"]
        means[day] = values
    interviews: dict[date, list[str]] = {}
    for code, day in interview_dates:
        interviews.setdefault(day, []).append(code)
    return RatedDays(
        means,
        checkins,
        {d: tuple(sorted(c)) for d, c in interviews.items()},
        {d: tuple(titles) for d, titles in events.items()},
    )


def period_start(day: date, period: str) -> date:
    """The first day of the day, week (Monday) or month ``day`` falls in."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def next_start(start: date, period: str, steps: int = 1) -> date:
    """The start of the period ``steps`` periods after (or before) the one at ``start``."""
    if period == "week":
        return start + timedelta(weeks=steps)
    if period == "month":
        months = start.year * 12 + start.month - 1 + steps
        return date(months // 12, months % 12 + 1, 1)
    return start + timedelta(days=steps)


def period_end(start: date, period: str) -> date:
    """The last day of the period starting at ``start``."""
    return next_start(start, period) - timedelta(days=1)


def periods_ending(last: date, period: str, count: int) -> list[date]:
    """The starts of ``count`` consecutive periods, the last one holding ``last``."""
    end = period_start(last, period)
    return [next_start(end, period, -n) for n in range(max(count, 0) - 1, -1, -1)]


@dataclass(slots=True)
class Series:
    """The chart's values: one bucket per period, ``None`` where nothing was rated.

    ``days[key][i]`` is how many rated days stand behind ``values[key][i]``
    (the *n* of a week's or month's mean); ``checkins[i]`` how many rated
    check-ins fell in the bucket; ``interviews[i]`` the interviews held in it;
    ``events[i]`` the chronology events in it (empty when none were given).
    """

    period: str
    starts: list[date]
    values: dict[str, Values]
    days: dict[str, list[int]]
    checkins: list[int]
    interviews: list[tuple[str, ...]]
    events: list[tuple[str, ...]] = field(default_factory=list)

    def events_at(self, index: int) -> tuple[str, ...]:
        return self.events[index] if index < len(self.events) else ()

    @property
    def is_empty(self) -> bool:
        return not any(self.checkins)

    def index_of(self, day: date) -> int | None:
        start = period_start(day, self.period)
        try:
            return self.starts.index(start)
        except ValueError:
            return None

    def segments(self, key: str) -> list[list[tuple[int, float]]]:
        """The runs of consecutive buckets with a value: a line is drawn within
        a run and broken between runs (a run of one bucket is a single point)."""
        out: list[list[tuple[int, float]]] = []
        current: list[tuple[int, float]] = []
        for index, value in enumerate(self.values[key]):
            if value is None:
                if current:
                    out.append(current)
                current = []
            else:
                current.append((index, value))
        if current:
            out.append(current)
        return out


def series(rated: RatedDays, period: str, starts: list[date]) -> Series:
    """Bucket ``rated`` into the periods beginning at ``starts`` (consecutive, oldest first)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    values: dict[str, Values] = {key: [] for key in CHART_KEYS}
    days: dict[str, list[int]] = {key: [] for key in CHART_KEYS}
    checkins: list[int] = []
    interviews: list[tuple[str, ...]] = []
    events: list[tuple[str, ...]] = []
    means_of, checkins_of, held_on = rated.means.get, rated.checkins.get, rated.interviews.get
    events_on = rated.events.get
    one_day = timedelta(days=1)
    for start in starts:
        totals: dict[str, list[float]] = {}  # key -> [sum, count]
        held: list[str] = []
        happened: list[str] = []
        n_checkins = 0
        day = start
        stop = next_start(start, period)
        while day < stop:
            means = means_of(day)
            if means:
                n_checkins += checkins_of(day, 0)
                for key, value in means.items():
                    total = totals.get(key)
                    if total is None:
                        totals[key] = [value, 1]
                    else:
                        total[0] += value
                        total[1] += 1
            codes = held_on(day)
            if codes:
                held.extend(codes)
            happened.extend(events_on(day, ()))
            day += one_day
        for key in CHART_KEYS:
            total = totals.get(key)
            values[key].append(total[0] / total[1] if total else None)
            days[key].append(int(total[1]) if total else 0)
        checkins.append(n_checkins)
        interviews.append(tuple(held))
        events.append(tuple(happened))
    return Series(period, list(starts), values, days, checkins, interviews, events)


def span_series(rated: RatedDays, period: str) -> Series:
    """From the period of the first rated day to that of the last (empty when none)."""
    if rated.first is None or rated.last is None:
        return series(rated, period, [])
    starts = [period_start(rated.first, period)]
    last = period_start(rated.last, period)
    while starts[-1] < last:
        starts.append(next_start(starts[-1], period))
    return series(rated, period, starts)


def level(value: float | None) -> int | None:
    """A rating mean as the whole step 1–5 it rounds to (half up), for the calendar."""
    if value is None:
        return None
    return min(max(int(value + 0.5), 1), 5)


# -- the chart's words: ticks on the date axis and a period's name ------------------


def _month(day: date, lang: str, *, short: bool = False) -> str:
    name = i18n.t(f"dates.month.{day.month:02d}", lang)
    return name[:3] if short else name


def tick_label(start: date, period: str, lang: str, *, with_year: bool = False) -> str:
    """A short date-axis label in ``lang``: a day or a week's Monday '2 Mar' / '2. mar',
    a month 'Mar' / 'mar' (with the year: 'Mar 2026')."""
    if period == "month":
        key = "analysis.chart_tick_month_year" if with_year else "analysis.chart_tick_month"
        return i18n.t(key, lang, month=_month(start, lang, short=True), year=start.year)
    return i18n.t(
        "analysis.chart_tick_day", lang, day=start.day, month=_month(start, lang, short=True)
    )


def period_label(start: date, period: str, lang: str) -> str:
    """A period spelled out in ``lang``: 'Tuesday 10 March 2026', 'Week 11, 9 Mar – 15 Mar', 'March 2026'."""
    if period == "week":
        end = period_end(start, period)
        return i18n.t(
            "analysis.chart_period_week",
            lang,
            week=start.isocalendar().week,
            first=tick_label(start, "day", lang),
            last=tick_label(end, "day", lang),
            year=end.year,
        )
    if period == "month":
        return i18n.t(
            "analysis.chart_period_month", lang, month=_month(start, lang), year=start.year
        )
    return i18n.t(
        "analysis.chart_period_day",
        lang,
        weekday=i18n.t(f"dates.weekday.{start.weekday()}", lang),
        day=start.day,
        month=_month(start, lang),
        year=start.year,
    )


def ticks(starts: list[date], period: str, most: int) -> list[int]:
    """Which buckets get a date label, at most ``most`` of them: for days the
    first of each month and Mondays, for weeks those starting a month, for
    months each January, thinned evenly; the first bucket always."""
    if not starts or most <= 0:
        return []
    if period == "day":
        wanted = [i for i, d in enumerate(starts) if d.weekday() == 0 or d.day == 1]
    elif period == "week":
        wanted = [i for i, d in enumerate(starts) if d.day <= 7]
    else:
        wanted = list(range(len(starts)))
    if not wanted or wanted[0] != 0:
        wanted.insert(0, 0)
    # a label needs room: a Monday right after the first of a month gives way
    room = 3 if period == "day" else 1
    kept: list[int] = []
    for index in wanted:
        if kept and index - kept[-1] < room:
            if starts[index].day == 1 and len(kept) > 1:
                kept[-1] = index
            continue
        kept.append(index)
    wanted = kept
    if len(wanted) > most:
        step = -(-len(wanted) // most)
        wanted = wanted[::step]
    return wanted


def day_levels(rated: RatedDays, key: str = "wellbeing") -> dict[date, int]:
    """Each rated day's ``key`` as the whole step 1–5 it rounds to (the calendar's colours)."""
    out: dict[date, int] = {}
    for day, means in rated.means.items():
        shown = level(means.get(key))
        if shown is not None:
            out[day] = shown
    return out
