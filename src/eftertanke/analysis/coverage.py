"""Concept coverage: how much of each interview's material falls under each concept.

For every interview: the words of the writer's reflection passages (entries
linked to the interview) under each concept (a passage's concept is its
section's, see ``common``; words of general passages are counted apart), and
the respondent excerpts from the interview whose themes fall under each
concept (an excerpt coded with themes of two concepts counts under both).
A concept with neither words nor excerpts is *untouched* for that interview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eftertanke.analysis.common import interview_order, live, passages, word_count
from eftertanke.domain import CONCEPTS


@dataclass(slots=True)
class InterviewCoverage:
    interview: str
    reflections: int = 0  # entries linked to the interview
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CONCEPTS, 0))
    general_words: int = 0  # passages without a concept
    excerpts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CONCEPTS, 0))
    excerpts_total: int = 0
    uncoded_excerpts: int = 0  # excerpts without a theme of a known concept
    # Every word once, though a body tagged with two concepts counts under both.
    total_words: int = 0

    def share(self, concept: str) -> float:
        return self.words[concept] / self.total_words if self.total_words else 0.0

    @property
    def untouched(self) -> list[str]:
        return [c for c in CONCEPTS if not self.words[c] and not self.excerpts[c]]

    @property
    def has_material(self) -> bool:
        return bool(self.total_words or self.excerpts_total)

    def to_json(self) -> dict[str, Any]:
        return {
            "interview": self.interview,
            "reflections": self.reflections,
            "words": dict(self.words),
            "general_words": self.general_words,
            "total_words": self.total_words,
            "shares": {c: round(self.share(c), 4) for c in CONCEPTS},
            "excerpts": dict(self.excerpts),
            "excerpts_total": self.excerpts_total,
            "uncoded_excerpts": self.uncoded_excerpts,
            "untouched": self.untouched,
        }


@dataclass(slots=True)
class Coverage:
    rows: list[InterviewCoverage]

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def with_gaps(self) -> list[InterviewCoverage]:
        return [r for r in self.rows if r.untouched]

    def to_json(self) -> dict[str, Any]:
        return {"interviews": [r.to_json() for r in self.rows]}


def concept_coverage(
    docs: Iterable[dict[str, Any]],
    concepts_of: dict[str, str],
    known_interviews: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> Coverage:
    wanted = set(only) if only is not None else None
    rows: dict[str, InterviewCoverage] = {}

    def row(code: str) -> InterviewCoverage:
        found = rows.get(code)
        if found is None:
            found = rows[code] = InterviewCoverage(code)
        return found

    for doc in live(docs):
        for excerpt in doc.get("excerpts") or ():
            code = excerpt.get("interview")
            if not code or (wanted is not None and code not in wanted):
                continue
            target = row(code)
            target.excerpts_total += 1
            concepts = {concepts_of.get(t) for t in excerpt.get("themes") or ()} & set(CONCEPTS)
            if not concepts:
                target.uncoded_excerpts += 1
            for concept in concepts:
                target.excerpts[concept] += 1
        code = doc.get("interview")
        if not code or (wanted is not None and code not in wanted):
            continue
        target = row(code)
        target.reflections += 1
        for passage in passages(doc):
            words = word_count(passage.text)
            target.total_words += words
            if not passage.concepts:
                target.general_words += words
            for concept in passage.concepts:
                target.words[concept] += words
    codes = [c for c in interview_order(known_interviews, rows) if wanted is None or c in wanted]
    return Coverage([rows.get(code) or InterviewCoverage(code) for code in codes])
