"""Theme co-occurrence: which themes are coded together, strongest pairs first.

Two themes *meet* (the rules are written out in ``report.counting_rules``):

* in one unit coded with both: a coded passage, an excerpt, or an entry
  coded as a whole with both;
* where a coded passage with one theme overlaps, or is adjacent to, a coded
  passage with the other in the *same source* (one answer, one body, one
  transcript; see ``coded.meeting_pairs`` for adjacency).

Whole-entry codings meet only each other (an entry coded as a whole does not
meet every passage of the entry), and an excerpt meets nothing outside
itself: neither has a place in a text. Codings flagged for review have no
certain place and meet only within themselves.

``count`` is the number of places the pair meets (one passage with both, or
one pair of meeting passages, is one place), split by kind of material.
``share`` is the part of the two themes' units that meet the other theme:
the units carrying either theme that carry both or meet a unit carrying the
other, over all units carrying either (1.0: always together).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from eftertanke.analysis.coded import (
    EXCERPT,
    REFLECTION,
    TRANSCRIPT_KINDS,
    WHOLE,
    Placed,
    Ref,
    as_layouts,
    by_source,
    entry_placed,
    entry_text,
    meeting_pairs,
    outer_units,
    transcript_places,
    transcript_units,
)
from eftertanke.analysis.common import live
from eftertanke.entry_row import EntryRow

TRANSCRIPT = "transcript"
PLACE_KINDS: tuple[str, ...] = (REFLECTION, TRANSCRIPT, EXCERPT, WHOLE)


def _place_kind(kind: str) -> str:
    return TRANSCRIPT if kind in TRANSCRIPT_KINDS else kind


@dataclass(frozen=True, slots=True)
class Pair:
    """Two themes that meet: the places they meet, by kind of material, and their share."""

    first: str
    second: str
    reflection: int  # places in reflections (codings of answers and bodies)
    transcript: int  # places in transcripts
    excerpts: int
    whole: int  # entries coded as a whole with both
    share: float
    refs: tuple[Ref, ...] = field(default=(), compare=False)  # the units that meet

    @property
    def count(self) -> int:
        return self.reflection + self.transcript + self.excerpts + self.whole

    def to_json(self) -> dict[str, Any]:
        return {
            "themes": [self.first, self.second],
            "count": self.count,
            "reflection": self.reflection,
            "transcript": self.transcript,
            "excerpts": self.excerpts,
            "whole_entry": self.whole,
            "share": round(self.share, 4),
        }


@dataclass(slots=True)
class Cooccurrence:
    """The theme pairs that meet, strongest first, and the coded units counted."""

    pairs: list[Pair]
    units: int  # coded passages, excerpts and whole-entry codings with a theme

    @property
    def is_empty(self) -> bool:
        return not self.pairs

    def to_json(self) -> dict[str, Any]:
        return {"units": self.units, "pairs": [p.to_json() for p in self.pairs]}


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class _Tally:
    """Units, the themes each carries, and where two themes meet."""

    def __init__(self) -> None:
        self.places: Counter[tuple[tuple[str, str], str]] = Counter()
        self.met: dict[tuple[str, str], dict[Ref, None]] = defaultdict(dict)
        self.carrying: Counter[str] = Counter()
        self.both: Counter[tuple[str, str]] = Counter()
        self.units = 0

    def unit(self, ref: Ref, themes: tuple[str, ...]) -> None:
        self.units += 1
        self.carrying.update(themes)
        if len(themes) > 1:
            kind = _place_kind(ref.kind)
            for pair in combinations(sorted(themes), 2):
                self.both[pair] += 1
                self.places[(pair, kind)] += 1
                self.met[pair][ref] = None

    def meetings(self, source: list[Placed], text: str | None) -> None:
        for one, other in meeting_pairs(source, text):
            kind = _place_kind(one.ref.kind)
            found = {_key(a, b) for a in one.themes for b in other.themes if a != b}
            for pair in found:
                self.places[(pair, kind)] += 1
                self.met[pair][one.ref] = None
                self.met[pair][other.ref] = None

    def entry(self, doc: dict[str, Any]) -> None:
        row = EntryRow(doc)
        placed = entry_placed(row) if row.codings else []
        for place in placed:
            self.unit(place.ref, place.themes)
        if row.themes or row.excerpts:
            for ref, _code, themes in outer_units(row):
                self.unit(ref, themes)
        if len(placed) > 1:
            for source, group in by_source(placed).items():
                if len(group) > 1:
                    self.meetings(group, entry_text(row, source))

    def pairs(self) -> list[Pair]:
        pairs = []
        for key, refs in self.met.items():
            a, b = key
            either = self.carrying[a] + self.carrying[b] - self.both[key]
            pairs.append(
                Pair(
                    a,
                    b,
                    self.places[(key, REFLECTION)],
                    self.places[(key, TRANSCRIPT)],
                    self.places[(key, EXCERPT)],
                    self.places[(key, WHOLE)],
                    len(refs) / either if either else 0.0,
                    tuple(refs),
                )
            )
        pairs.sort(key=lambda p: (-p.count, -p.share, p.first.casefold(), p.second.casefold()))
        return pairs


def theme_cooccurrence(
    docs: Iterable[dict[str, Any]],
    top: int | None = None,
    *,
    transcripts: Iterable[Any] = (),
) -> Cooccurrence:
    tally = _Tally()
    for doc in live(docs):
        tally.entry(doc)
    for layout in as_layouts(transcripts):
        for ref, _code, themes in transcript_units(layout):
            tally.unit(ref, themes)
        placed = transcript_places(layout)
        if len(placed) > 1:
            tally.meetings(placed, None)
    pairs = tally.pairs()
    if top is not None:
        pairs = pairs[:top]
    return Cooccurrence(pairs, tally.units)
