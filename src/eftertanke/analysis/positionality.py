"""The positionality register and its timeline, from domain data alone.

A pre-understanding is a memo entry with pack "positionality" and one
concept; the register lists them by concept (the four concepts' order, then
oldest first). A mark on a reflection's passage says that passage challenged
or confirmed one; the reflection's interview dates it, so the timeline runs
over the interviews in date order (undated ones after, by code), a column
each, and a row per pre-understanding holds what each interview did to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from eftertanke.domain import CONCEPTS, Entry, Interview
from eftertanke.reflexivity import POSITIONALITY_PACK, PositionMark


def is_position(entry: Entry) -> bool:
    return (
        entry.kind == "memo"
        and entry.pack == POSITIONALITY_PACK
        and len(entry.concepts) == 1
        and entry.deleted is None
    )


def position_text(entry: Entry) -> str:
    """The pre-understanding in the writer's words: its answer, else its body."""
    answers = [s.answer for s in entry.sections if s.answer.strip()]
    return (answers[0] if answers else entry.body).strip()


def register(entries: Iterable[Entry]) -> list[Entry]:
    """Every pre-understanding, by concept (in the concepts' order), oldest first."""
    found = [e for e in entries if is_position(e)]
    return sorted(found, key=lambda e: (CONCEPTS.index(e.concepts[0]), e.created, e.id))


@dataclass(frozen=True, slots=True)
class MarkedPassage:
    """One mark as the timeline shows it: which reflection, which interview, what it did."""

    mark: PositionMark
    reflection: str  # the reflection's entry id
    reflection_title: str
    interview: str  # the interview's code


@dataclass(slots=True)
class TimelineRow:
    """One pre-understanding, and the marked passages of each interview's reflections."""

    position: Entry
    cells: dict[str, list[MarkedPassage]] = field(default_factory=dict)  # by interview code

    @property
    def concept(self) -> str:
        return self.position.concepts[0]

    @property
    def text(self) -> str:
        return position_text(self.position)

    def verdicts(self, code: str) -> list[str]:
        return [p.mark.verdict for p in self.cells.get(code, [])]


@dataclass(slots=True)
class Timeline:
    """The positionality timeline: a row per pre-understanding, a column per interview."""

    interviews: list[str]  # codes, in date order
    rows: list[TimelineRow]
    dates: dict[str, datetime | None] = field(default_factory=dict)


def _interview_order(interviews: Iterable[Interview]) -> list[Interview]:
    return sorted(
        interviews,
        key=lambda i: (i.date is None, i.date.timestamp() if i.date else 0.0, i.code.casefold()),
    )


def timeline(entries: Iterable[Entry], interviews: Iterable[Interview]) -> Timeline:
    """Each pre-understanding across the interviews: the marks of each interview's
    reflections on it, in the passages' reading order. Interviews with no
    reflection and no mark are left out; a mark on an unlinked entry too."""
    entries = list(entries)
    known = _interview_order(interviews)
    rows = [TimelineRow(p) for p in register(entries)]
    by_id = {row.position.id: row for row in rows}
    reflected = {e.interview.casefold() for e in entries if e.interview and not e.deleted}
    code_of = {i.code.casefold(): i.code for i in known}
    for entry in sorted(entries, key=lambda e: e.created):
        if entry.deleted or not entry.interview or not entry.position_marks:
            continue
        code = code_of.get(entry.interview.casefold(), entry.interview)
        order = {s.prompt_id: n for n, s in enumerate(entry.sections)}
        for mark in sorted(
            entry.position_marks,
            key=lambda m: (order.get(m.section or "", len(order)), m.start),
        ):
            row = by_id.get(mark.position)
            if row is not None:
                passage = MarkedPassage(mark, entry.id, entry.display_title(60), code)
                row.cells.setdefault(code, []).append(passage)
    columns = [i.code for i in known if i.code.casefold() in reflected]
    return Timeline(columns, rows, {i.code: i.date for i in known})


__all__ = [
    "MarkedPassage",
    "Timeline",
    "TimelineRow",
    "is_position",
    "position_text",
    "register",
    "timeline",
]
