"""Well-being over time: the daily ratings as series by day.

Input is stored entry dicts (as the store and the TUI index hold them), so
the series can be computed without building Entry objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from eftertanke.domain import RATING_KEYS


def daily_means(docs: Iterable[dict[str, Any]], since: date, until: date) -> dict[str, list[float | None]]:
    """For each rating key, one value per day from ``since`` to ``until``
    (inclusive): the mean of that day's ratings, or None for a day without."""
    days = (until - since).days + 1
    sums = {key: [0.0] * days for key in RATING_KEYS}
    counts = {key: [0] * days for key in RATING_KEYS}
    for doc in docs:
        ratings = doc.get("ratings")
        if not ratings or doc.get("deleted"):
            continue
        day = datetime.fromisoformat(doc["created"]).date()
        offset = (day - since).days
        if not 0 <= offset < days:
            continue
        for key, value in ratings.items():
            if key in sums:
                sums[key][offset] += value
                counts[key][offset] += 1
    return {
        key: [s / c if c else None for s, c in zip(sums[key], counts[key], strict=True)]
        for key in RATING_KEYS
    }


def filled(values: list[float | None]) -> list[float]:
    """From the first rated day on, carry the last known value over days
    without a rating (for sparklines); days before the first rating are left out."""
    out: list[float] = []
    last: float | None = None
    for value in values:
        if value is not None:
            last = value
        if last is not None:
            out.append(last)
    return out


def window(today: date, weeks: int) -> tuple[date, date]:
    return today - timedelta(weeks=weeks) + timedelta(days=1), today


def latest_rating_day(docs: Iterable[dict[str, Any]]) -> date | None:
    days = [
        datetime.fromisoformat(d["created"]).date()
        for d in docs
        if d.get("ratings") and not d.get("deleted")
    ]
    return max(days) if days else None
