"""The theme × interview matrix: coded passages per theme and interview.

A cell counts the units (see ``coded``) coded with the theme that belong to
the interview, each kind apart:

* the respondent's words: transcript codings touching a respondent's turn,
  and excerpts (``excerpt.interview`` is the interview);
* the researcher's own: codings of reflections (entries linked to the
  interview) and transcript codings wholly in the interviewer's turns;
* whole-entry codings: entries linked to the interview coded with the theme
  as a whole (``entry.themes``), one per entry, never spread over its passages.

A unit coded with two themes counts once under each. Themes are grouped under
their concept (themes outside the codebook under "uncategorised"); only themes
with at least one unit get a row. Row totals add up the interviews; a
concept's subtotal and the grand total count *distinct* units, so one passage
coded with two themes of the same concept is counted once there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eftertanke.analysis.coded import (
    EXCERPT,
    INTERVIEWER,
    REFLECTION,
    RESPONDENT,
    WHOLE,
    Ref,
    TranscriptLayout,
    as_layouts,
    entry_units,
    outer_units,
)
from eftertanke.analysis.common import interview_order, live
from eftertanke.domain import CONCEPTS
from eftertanke.entry_row import EntryRow

UNCATEGORISED = ""
CellRef = Ref  # the name the views used before passages were coded


@dataclass(slots=True)
class Cell:
    """The units counted in one cell of the theme matrix, each kind apart."""

    reflection: int = 0  # coded passages of reflections
    whole: int = 0  # entries coded as a whole
    respondent: int = 0  # transcript codings touching a respondent's turn
    interviewer: int = 0  # transcript codings wholly in the interviewer's turns
    excerpts: int = 0

    @classmethod
    def of(cls, refs: Iterable[Ref]) -> Cell:
        cell = cls()
        for ref in refs:
            cell.add(ref.kind)
        return cell

    def add(self, kind: str) -> None:
        if kind == REFLECTION:
            self.reflection += 1
        elif kind == WHOLE:
            self.whole += 1
        elif kind == RESPONDENT:
            self.respondent += 1
        elif kind == INTERVIEWER:
            self.interviewer += 1
        elif kind == EXCERPT:
            self.excerpts += 1

    @property
    def respondent_words(self) -> int:
        """The respondent's words: coded respondent turns and excerpts."""
        return self.respondent + self.excerpts

    @property
    def own(self) -> int:
        """The researcher's own words: coded reflection passages and interviewer turns."""
        return self.reflection + self.interviewer

    @property
    def total(self) -> int:
        return self.respondent_words + self.own + self.whole

    def __add__(self, other: Cell) -> Cell:
        return Cell(
            self.reflection + other.reflection,
            self.whole + other.whole,
            self.respondent + other.respondent,
            self.interviewer + other.interviewer,
            self.excerpts + other.excerpts,
        )

    def to_json(self) -> dict[str, int]:
        return {
            "reflection": self.reflection,
            "whole_entry": self.whole,
            "transcript_respondent": self.respondent,
            "transcript_interviewer": self.interviewer,
            "excerpts": self.excerpts,
        }


@dataclass(slots=True)
class ThemeMatrix:
    """The theme and interview matrix: a cell per theme and interview, grouped by concept."""

    interviews: list[str]
    groups: list[tuple[str, list[str]]]  # (concept key or UNCATEGORISED, themes)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    refs: dict[tuple[str, str], list[Ref]] = field(default_factory=dict)
    concept_cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    total_cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def themes(self) -> list[str]:
        return [theme for _, themes in self.groups for theme in themes]

    def cell(self, theme: str, interview: str) -> Cell:
        return self.cells.get((theme, interview)) or Cell()

    def items(self, theme: str, interview: str | None = None) -> list[Ref]:
        """What a cell holds; with no interview, the theme's whole row."""
        if interview is not None:
            return list(self.refs.get((theme, interview), ()))
        return [ref for code in self.interviews for ref in self.refs.get((theme, code), ())]

    def row_total(self, theme: str) -> Cell:
        total = Cell()
        for code in self.interviews:
            total = total + self.cell(theme, code)
        return total

    def concept_cell(self, concept: str, interview: str | None = None) -> Cell:
        return self.concept_cells.get((concept, interview or "")) or Cell()

    def total_cell(self, interview: str | None = None) -> Cell:
        return self.total_cells.get(interview or "") or Cell()

    def to_json(self) -> dict[str, Any]:
        return {
            "interviews": self.interviews,
            "concepts": [
                {
                    "concept": concept or None,
                    "themes": [
                        {
                            "theme": theme,
                            "cells": {
                                code: self.cell(theme, code).to_json() for code in self.interviews
                            },
                            "total": self.row_total(theme).to_json(),
                        }
                        for theme in themes
                    ],
                    "subtotal": {
                        code: self.concept_cell(concept, code).to_json() for code in self.interviews
                    },
                    "total": self.concept_cell(concept).to_json(),
                }
                for concept, themes in self.groups
            ],
            "total": {code: self.total_cell(code).to_json() for code in self.interviews},
            "grand_total": self.total_cell().to_json(),
        }


class _Counts:
    """The matrix's counts while they are made: per theme and interview, per
    concept and interview, per interview."""

    def __init__(self, concepts_of: dict[str, str], wanted: set[str] | None) -> None:
        self.concepts_of = concepts_of
        self.wanted = wanted
        self.refs: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        self.cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
        # Each unit belongs to one interview, so only a unit coded with two
        # themes of one concept could be counted twice in a subtotal: it is
        # counted per concept it touches, once.
        self.concept_cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
        self.total_cells: dict[str, Cell] = defaultdict(Cell)
        self.group_of: dict[str, str] = {}
        self.seen_codes: set[str] = set()

    def group(self, theme: str) -> str:
        found = self.group_of.get(theme)
        if found is None:
            found = self.concepts_of.get(theme, UNCATEGORISED)
            found = self.group_of[theme] = found if found in CONCEPTS else UNCATEGORISED
        return found

    def counted(self, code: str | None) -> bool:
        return bool(code) and (self.wanted is None or code in self.wanted)

    def count(self, ref: Ref, code: str, themes: tuple[str, ...]) -> None:
        kind = ref.kind
        for theme in themes:
            self.refs[(theme, code)].append(ref)
            self.cells[(theme, code)].add(kind)
        if len(themes) == 1:
            self.concept_cells[(self.group(themes[0]), code)].add(kind)
        else:
            for concept in {self.group(t) for t in themes}:
                self.concept_cells[(concept, code)].add(kind)
        self.total_cells[code].add(kind)

    def entry(self, doc: dict[str, Any]) -> None:
        row = EntryRow(doc)
        code = row.interview
        if self.counted(code):
            self.seen_codes.add(code)  # a linked entry gives its interview a column
            units = entry_units(row)
        elif row.excerpts:
            units = outer_units(row, whole=False)  # only its excerpts may count
        else:
            return
        for ref, quoted, themes in units:
            if self.counted(quoted):
                self.seen_codes.add(quoted)
                self.count(ref, quoted, themes)

    def transcript(self, layout: TranscriptLayout) -> None:
        code = layout.interview
        if self.counted(code):
            self.seen_codes.add(code)
            for placed in layout.placed:
                self.count(placed.ref, code, placed.themes)

    def matrix(self, known_interviews: Iterable[str]) -> ThemeMatrix:
        codes = [
            c
            for c in interview_order(known_interviews, self.seen_codes)
            if self.wanted is None or c in self.wanted
        ]
        matrix = ThemeMatrix(
            interviews=codes, groups=[], cells=dict(self.cells), refs=dict(self.refs)
        )
        by_concept: dict[str, set[str]] = defaultdict(set)
        for theme, _code in self.refs:
            by_concept[self.group(theme)].add(theme)
        for concept in (*CONCEPTS, UNCATEGORISED):
            if by_concept.get(concept):
                matrix.groups.append((concept, sorted(by_concept[concept], key=str.casefold)))
        for (concept, code), cell in self.concept_cells.items():
            matrix.concept_cells[(concept, code)] = cell
            matrix.concept_cells[(concept, "")] = matrix.concept_cell(concept) + cell
        for code, cell in self.total_cells.items():
            matrix.total_cells[code] = cell
            matrix.total_cells[""] = matrix.total_cell() + cell
        return matrix


def theme_matrix(
    docs: Iterable[dict[str, Any]],
    concepts_of: dict[str, str],
    known_interviews: Iterable[str] = (),
    only: Iterable[str] | None = None,
    *,
    transcripts: Iterable[dict[str, Any]] | Iterable[TranscriptLayout] = (),
) -> ThemeMatrix:
    """Count coded passages per theme and interview.

    ``docs`` are stored entry dicts, ``transcripts`` stored transcript dicts
    (or their layouts); ``concepts_of`` maps theme names to concept keys;
    ``known_interviews`` gives the columns (interviews without material get
    an empty column); ``only`` limits the columns to those interviews.
    """
    counts = _Counts(concepts_of, set(only) if only is not None else None)
    for doc in live(docs):
        counts.entry(doc)
    for layout in as_layouts(transcripts):
        counts.transcript(layout)
    return counts.matrix(known_interviews)
