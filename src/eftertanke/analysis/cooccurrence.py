"""Theme co-occurrence: which themes are coded together, strongest pairs first.

A *unit* is an entry (its own themes, ``entry.themes``: the writer's coding
of their reflection) or an excerpt (``excerpt.themes``: the coding of a
respondent's words); the two are counted apart and together. Two themes
co-occur when both are on the same unit. ``jaccard`` is the pair's count over
the number of units carrying either theme (1.0: always together).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from eftertanke.analysis.common import live


@dataclass(frozen=True, slots=True)
class Pair:
    first: str
    second: str
    entries: int
    excerpts: int
    jaccard: float

    @property
    def count(self) -> int:
        return self.entries + self.excerpts

    def to_json(self) -> dict[str, Any]:
        return {
            "themes": [self.first, self.second],
            "count": self.count,
            "entries": self.entries,
            "excerpts": self.excerpts,
            "jaccard": round(self.jaccard, 4),
        }


@dataclass(slots=True)
class Cooccurrence:
    pairs: list[Pair]
    units: int  # entries and excerpts with at least one theme

    @property
    def is_empty(self) -> bool:
        return not self.pairs

    def to_json(self) -> dict[str, Any]:
        return {"units": self.units, "pairs": [p.to_json() for p in self.pairs]}


def theme_cooccurrence(docs: Iterable[dict[str, Any]], top: int | None = None) -> Cooccurrence:
    in_entries: Counter[tuple[str, str]] = Counter()
    in_excerpts: Counter[tuple[str, str]] = Counter()
    carrying: Counter[str] = Counter()
    units = 0

    def count(themes: Iterable[str], into: Counter[tuple[str, str]]) -> None:
        nonlocal units
        unique = sorted(set(themes))
        if not unique:
            return
        units += 1
        carrying.update(unique)
        if len(unique) > 1:
            into.update(combinations(unique, 2))

    for doc in live(docs):
        count(doc.get("themes") or (), in_entries)
        for excerpt in doc.get("excerpts") or ():
            count(excerpt.get("themes") or (), in_excerpts)
    pairs = []
    for key in in_entries.keys() | in_excerpts.keys():
        a, b = key
        together = in_entries[key] + in_excerpts[key]
        either = carrying[a] + carrying[b] - together
        pairs.append(
            Pair(a, b, in_entries[key], in_excerpts[key], together / either if either else 0.0)
        )
    pairs.sort(key=lambda p: (-p.count, -p.jaccard, p.first.casefold(), p.second.casefold()))
    if top is not None:
        pairs = pairs[:top]
    return Cooccurrence(pairs, units)
