"""Well-being over time: the daily ratings as series by day and by week.

A day's value for a rating is the mean of that day's ratings (the day is the
local date the entry was written); a week's value (Monday to Sunday) is the
mean of its rated days' values, so a day with two check-ins does not weigh
double. The *balance* is resources minus demands (the job demands–resources
view): on a day where both are rated, the difference of the day's means;
for a week, the mean of its days' balances. Positive: resources outweigh
demands. Days and weeks without ratings are ``None`` (gaps, not zeros).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from eftertanke.domain import RATING_KEYS
from eftertanke.entry_row import EntryRow

BALANCE = "balance"
SERIES_KEYS: tuple[str, ...] = (*RATING_KEYS, BALANCE)

Values = list[float | None]


@dataclass(slots=True)
class Timeline:
    """The daily ratings as series by day and by week, with the balance."""

    days: list[date]
    daily: dict[str, Values]
    weeks: list[date]  # the Monday of each week
    weekly: dict[str, Values]
    rated_entries: int

    @property
    def is_empty(self) -> bool:
        return not self.rated_entries

    @property
    def rated_days(self) -> int:
        return sum(
            1
            for i in range(len(self.days))
            if any(self.daily[k][i] is not None for k in RATING_KEYS)
        )

    def summary(self, key: str) -> dict[str, float | None]:
        """Mean, lowest and highest of the daily values, and the first and last week's."""
        known = [v for v in self.daily[key] if v is not None]
        weeks = [v for v in self.weekly[key] if v is not None]
        return {
            "mean": sum(known) / len(known) if known else None,
            "min": min(known) if known else None,
            "max": max(known) if known else None,
            "first_week": weeks[0] if weeks else None,
            "last_week": weeks[-1] if weeks else None,
        }

    def to_json(self, by: str = "both") -> dict[str, Any]:
        def rounded(values: Values) -> list[float | None]:
            return [round(v, 4) if v is not None else None for v in values]

        out: dict[str, Any] = {"rated_entries": self.rated_entries}
        if by in ("day", "both"):
            out["daily"] = [
                {"date": d.isoformat(), **{k: rounded(self.daily[k])[i] for k in SERIES_KEYS}}
                for i, d in enumerate(self.days)
            ]
        if by in ("week", "both"):
            out["weekly"] = [
                {
                    "week": f"{w.isocalendar().year}-W{w.isocalendar().week:02d}",
                    "monday": w.isoformat(),
                    **{k: rounded(self.weekly[k])[i] for k in SERIES_KEYS},
                }
                for i, w in enumerate(self.weeks)
            ]
        out["summary"] = {
            k: {n: (round(v, 4) if v is not None else None) for n, v in self.summary(k).items()}
            for k in SERIES_KEYS
        }
        return out


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def timeline(
    docs: Iterable[dict[str, Any]], since: date | None = None, until: date | None = None
) -> Timeline:
    """The series from the first to the last rated day (within ``since``..``until``)."""
    sums: dict[date, dict[str, float]] = {}
    counts: dict[date, dict[str, int]] = {}
    rated = 0
    for doc in docs:
        row = EntryRow(doc)
        ratings = row.ratings
        if not ratings or row.deleted:
            continue
        day = row.created_at.date()
        if (since and day < since) or (until and day > until):
            continue
        rated += 1
        day_sums = sums.get(day)
        if day_sums is None:
            day_sums = sums[day] = {}
            counts[day] = {}
        day_counts = counts[day]
        for key, value in ratings.items():
            if key in RATING_KEYS:
                day_sums[key] = day_sums.get(key, 0.0) + value
                day_counts[key] = day_counts.get(key, 0) + 1
    if not sums:
        return Timeline([], {k: [] for k in SERIES_KEYS}, [], {k: [] for k in SERIES_KEYS}, 0)
    first, last = min(sums), max(sums)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    daily: dict[str, Values] = {k: [] for k in SERIES_KEYS}
    for day in days:
        day_sums = sums.get(day, {})
        day_counts = counts.get(day, {})
        for key in RATING_KEYS:
            daily[key].append(day_sums[key] / day_counts[key] if key in day_sums else None)
        resources, demands = daily["resources"][-1], daily["demands"][-1]
        daily[BALANCE].append(
            resources - demands if resources is not None and demands is not None else None
        )
    monday = first - timedelta(days=first.weekday())
    weeks = [monday + timedelta(weeks=n) for n in range((last - monday).days // 7 + 1)]
    weekly: dict[str, Values] = {k: [] for k in SERIES_KEYS}
    offset = (first - monday).days  # days of the first week before the first rated day
    for n in range(len(weeks)):
        start = max(n * 7 - offset, 0)
        stop = (n + 1) * 7 - offset
        for key in SERIES_KEYS:
            weekly[key].append(_mean(daily[key][start:stop]))
    return Timeline(days, daily, weeks, weekly, rated)
