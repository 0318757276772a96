"""Reflexive balance: whose story a post-interview reflection tells.

For each reflection (an entry of kind ``interview``) the words of its
passages are sorted by the orientation of the prompt they answer:
*respondent* (what the respondent said), *self* (the writer's own
experience), *method* (the research process); the body and prompts without an
orientation are *unspecified*. Shares are of all the reflection's words.

A reflection is gently flagged as *self-heavy* when its self-writing
outweighs the respondent- and method-writing together (more than half of the
oriented words): the thesis's own worry that autoethnography turns
"writerly rather than readerly". It is a prompt to look, not a verdict.

*Minutes after* is how soon the reflection was written after its interview
ended: the minutes recorded with the entry (``written_after_minutes``), else
computed from the interview's date and duration and the entry's creation
time (``None`` when neither is known, or the entry predates the end).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from typing import Any

from eftertanke.analysis.common import live, passages, word_count
from eftertanke.domain import ORIENTATIONS
from eftertanke.entry_row import EntryRow

UNSPECIFIED = "unspecified"
ORIENTATION_KEYS: tuple[str, ...] = (*ORIENTATIONS, UNSPECIFIED)


def _zero() -> dict[str, int]:
    return dict.fromkeys(ORIENTATION_KEYS, 0)


@dataclass(slots=True)
class ReflectionBalance:
    """One reflection's words by orientation, and how soon after its interview it was written."""

    entry_id: str
    interview: str | None
    created: datetime
    title: str
    words: dict[str, int] = field(default_factory=_zero)
    added_later_words: int = 0
    minutes_after: int | None = None
    minutes_source: str | None = None  # "recorded" or "computed"

    @property
    def total(self) -> int:
        return sum(self.words.values())

    def share(self, orientation: str) -> float:
        return self.words[orientation] / self.total if self.total else 0.0

    @property
    def self_heavy(self) -> bool:
        return self.words["self"] > self.words["respondent"] + self.words["method"]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "interview": self.interview,
            "created": self.created.isoformat(),
            "title": self.title,
            "words": dict(self.words),
            "total_words": self.total,
            "shares": {k: round(self.share(k), 4) for k in ORIENTATION_KEYS},
            "added_later_words": self.added_later_words,
            "self_heavy": self.self_heavy,
            "minutes_after": self.minutes_after,
            "minutes_source": self.minutes_source,
        }


@dataclass(slots=True)
class ReflexiveBalance:
    """Every reflection's balance, and the words by orientation over all of them."""

    rows: list[ReflectionBalance]

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def words(self) -> dict[str, int]:
        total = _zero()
        for row in self.rows:
            for key, value in row.words.items():
                total[key] += value
        return total

    @property
    def total(self) -> int:
        return sum(self.words.values())

    def share(self, orientation: str) -> float:
        total = self.total
        return self.words[orientation] / total if total else 0.0

    @property
    def flagged(self) -> list[ReflectionBalance]:
        return [r for r in self.rows if r.self_heavy]

    @property
    def median_minutes(self) -> float | None:
        known = [r.minutes_after for r in self.rows if r.minutes_after is not None]
        return median(known) if known else None

    def to_json(self) -> dict[str, Any]:
        words = self.words
        total = sum(words.values())
        return {
            "reflections": [r.to_json() for r in self.rows],
            "project": {
                "words": words,
                "total_words": total,
                "shares": {
                    k: round(words[k] / total, 4) if total else 0.0 for k in ORIENTATION_KEYS
                },
                "self_heavy": len(self.flagged),
                "median_minutes_after": self.median_minutes,
            },
        }


def reflexive_balance(
    docs: Iterable[dict[str, Any]],
    interview_ends: dict[str, datetime] | None = None,
    only: Iterable[str] | None = None,
) -> ReflexiveBalance:
    """One row per post-interview reflection, oldest first.

    ``interview_ends`` maps interview codes to when each ended
    (``Interview.ended``), for reflections without recorded minutes.
    """
    ends = interview_ends or {}
    wanted = set(only) if only is not None else None
    rows = []
    for doc in live(docs):
        entry = EntryRow(doc)
        if entry.kind != "interview":
            continue
        code = entry.interview or None
        if wanted is not None and code not in wanted:
            continue
        created = entry.created_at
        row = ReflectionBalance(entry.id, code, created, entry.display_title())
        for passage in passages(doc):
            words = word_count(passage.text)
            orientation = (
                passage.orientation if passage.orientation in ORIENTATIONS else UNSPECIFIED
            )
            row.words[orientation] += words
            if passage.added_later:
                row.added_later_words += word_count(passage.later_text)
        recorded = entry.written_after_minutes
        if isinstance(recorded, int) and recorded >= 0:
            row.minutes_after, row.minutes_source = recorded, "recorded"
        elif code in ends and created >= ends[code]:
            row.minutes_after = int((created - ends[code]).total_seconds() // 60)
            row.minutes_source = "computed"
        rows.append(row)
    rows.sort(key=lambda r: (r.created, r.entry_id))
    return ReflexiveBalance(rows)
