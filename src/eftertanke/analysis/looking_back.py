"""Looking back: what was written on this day a week, a month and a year ago,
and the week's figures for a weekly review.

Pure functions over stored entry dicts (as the store and the TUI index hold
them). A day is the local date an entry was written (as Home's "today").

*On this day*: a week ago is seven days back; a month ago the same day of
the month before (the 31st looks back to the last day of a shorter month);
a year ago the same date a year before (29 February to the 28th).

*The week* of a weekly review is the seven days ending today: a review
written on any day of the week then covers a whole week of check-ins, and is
set beside the seven days before it. Its figures follow the chart's rule
(``wellbeing.rated_days``, by local day here): a day's value is the mean of its check-ins, the
week's the mean of its rated days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any

from eftertanke.analysis.common import live
from eftertanke.analysis.timeline import BALANCE
from eftertanke.analysis.wellbeing import CHART_KEYS
from eftertanke.domain import RATING_KEYS
from eftertanke.entry_row import EntryRow

SPANS: tuple[str, ...] = ("week", "month", "year")
WEEK_DAYS = 7
ENERGY_PROMPTS: tuple[str, ...] = ("energy-gave", "energy-took")


def months_back(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier, held at that month's last day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def days_back(today: date) -> list[tuple[str, date]]:
    """(span, day) for a week, a month and a year before ``today``."""
    return [
        ("week", today - timedelta(days=7)),
        ("month", months_back(today, 1)),
        ("year", months_back(today, 12)),
    ]


def local_day(doc: dict[str, Any], zone: tzinfo | None = None) -> date | None:
    """The local date an entry was written (in ``zone``; the system's by default)."""
    try:
        return EntryRow(doc).created_at.astimezone(zone).date()
    except (KeyError, TypeError, ValueError):
        return None


# Two times in two zones are at most 26 hours apart (UTC-12 to UTC+14): the
# day an entry was written, in any zone, is within two days of the day its
# stored time (in the writer's zone) begins with.
_ZONE_SLACK = timedelta(days=2)


def _written_near(docs: Iterable[dict[str, Any]], days: Iterable[date]) -> Iterable[dict[str, Any]]:
    """The docs that may have been written on one of ``days`` in any zone, told
    by the first ten characters of their stored time, not by parsing it: at
    100,000 entries Home parsed every entry's time twice on each refresh."""
    near = {
        (day + timedelta(days=shift)).isoformat()
        for day in days
        for shift in range(-_ZONE_SLACK.days, _ZONE_SLACK.days + 1)
    }
    for doc in docs:
        created = doc.get("created")
        if not isinstance(created, str) or created[:10] in near:
            yield doc  # an odd stored time is left to local_day to judge


@dataclass(slots=True)
class LookBack:
    """The live entries written on this day a week, a month or a year ago."""

    span: str  # "week", "month" or "year"
    day: date
    entries: list[dict[str, Any]]  # that day's live entries, in the order written


def on_this_day(
    docs: Iterable[dict[str, Any]], today: date, zone: tzinfo | None = None
) -> list[LookBack]:
    """What was written a week, a month and a year before ``today``: one item per
    span, empty where nothing was written (the three days are always apart:
    7 days, 28 to 31, 365 or 366)."""
    wanted = days_back(today)
    days = {day for _span, day in wanted}
    found: dict[date, list[tuple[str, dict[str, Any]]]] = {day: [] for day in days}
    for doc in live(_written_near(docs, days)):
        day = local_day(doc, zone)
        if day in found:
            found[day].append((EntryRow(doc).created, doc))
    return [
        LookBack(span, day, [d for _c, d in sorted(found[day], key=lambda p: p[0])])
        for span, day in wanted
    ]


# -- the week's figures ----------------------------------------------------------


@dataclass(slots=True)
class DayGlance:
    """One check-in of the week: when, its ratings, what gave and took energy."""

    day: date
    entry_id: str
    ratings: dict[str, int]
    answers: dict[str, str]  # prompt id ("energy-gave", "energy-took") -> answer

    @property
    def weekday(self) -> int:
        return self.day.weekday()


@dataclass(slots=True)
class WeekFigures:
    """A weekly review's week: check-ins, rating means beside the week before, interviews."""

    first: date
    last: date
    checkins: int  # daily entries written in the week
    rated_days: int
    means: dict[str, float | None]
    previous: dict[str, float | None]  # the seven days before, for comparison
    previous_rated_days: int
    interviews: list[str]  # codes of the interviews held in the week
    reflections: int  # post-interview reflections written in the week
    days: list[DayGlance] = field(default_factory=list)  # the check-ins, oldest first

    @property
    def is_empty(self) -> bool:
        return not self.checkins and not self.interviews and not self.reflections


def _means(
    means: dict[date, dict[str, float]], first: date, last: date
) -> tuple[dict[str, float | None], int]:
    inside = [values for day, values in means.items() if first <= day <= last]
    out: dict[str, float | None] = {}
    for key in CHART_KEYS:
        known = [values[key] for values in inside if key in values]
        out[key] = sum(known) / len(known) if known else None
    return out, len(inside)


def week_figures(
    docs: Iterable[dict[str, Any]],
    interview_dates: Iterable[tuple[str, date]],
    today: date,
    zone: tzinfo | None = None,
) -> WeekFigures:
    """The figures of the seven days ending ``today``, beside the seven before."""
    first = today - timedelta(days=WEEK_DAYS - 1)
    before = first - timedelta(days=WEEK_DAYS)
    by_day: dict[date, list[dict[str, Any]]] = {}
    fortnight = [before + timedelta(days=n) for n in range((today - before).days + 1)]
    for doc in live(_written_near(docs, fortnight)):
        day = local_day(doc, zone)
        if day is not None and before <= day <= today:
            by_day.setdefault(day, []).append(doc)
    recent = [EntryRow(doc) for docs_of_day in by_day.values() for doc in docs_of_day]
    means = {day: m for day, m in ((d, _day_means(ds)) for d, ds in by_day.items()) if m}
    week, rated = _means(means, first, today)
    previous, previous_rated = _means(means, before, first - timedelta(days=1))
    checkins = sorted(
        (
            row
            for row in recent
            if row.kind == "daily" and first <= (local_day(row.doc, zone) or before) <= today
        ),
        key=lambda row: row.created,
    )
    glances = [
        DayGlance(
            local_day(row.doc, zone) or today,
            row.id,
            {k: v for k, v in row.ratings.items() if isinstance(v, int)},
            {
                prompt: answer.strip()
                for prompt in ENERGY_PROMPTS
                if isinstance(answer := row.answer(prompt), str) and answer.strip()
            },
        )
        for row in checkins
    ]
    held = sorted({code for code, day in interview_dates if first <= day <= today})
    reflections = sum(
        1
        for row in recent
        if row.kind == "interview" and first <= (local_day(row.doc, zone) or before) <= today
    )
    return WeekFigures(
        first, today, len(glances), rated, week, previous, previous_rated, held, reflections,
        glances,
    )  # fmt: skip


def _day_means(docs: list[dict[str, Any]]) -> dict[str, float]:
    """One day's means, by the chart's rule (``wellbeing.rated_days``): each
    rating's mean over the day's check-ins, and resources − demands of those."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for doc in docs:
        for key, value in EntryRow(doc).ratings.items():
            if key in RATING_KEYS and isinstance(value, int | float):
                sums[key] = sums.get(key, 0.0) + value
                counts[key] = counts.get(key, 0) + 1
    out = {key: sums[key] / counts[key] for key in sums}
    if "resources" in out and "demands" in out:
        out[BALANCE] = out["resources"] - out["demands"]
    return out
