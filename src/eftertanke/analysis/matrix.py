"""The theme × interview matrix: where each theme turns up, in whose words.

Each cell holds two counts, kept apart because they are different data:

* **excerpts**: respondent quotes from that interview coded with the theme
  (``excerpt.interview`` is the interview, the theme is in ``excerpt.themes``);
* **passages**: the writer's reflection passages (see ``common``) in entries
  linked to the interview whose entry is tagged with the theme
  (``entry.themes``), leaving out a passage answering a prompt of *another*
  concept than the theme's (an answer to the drive question is not counted
  under a safety theme). General passages (impressions, own role, …) and the
  body count for every theme of their entry.

Themes are grouped under their concept (themes outside the codebook under
"uncategorised"); only themes with at least one count get a row. Row totals
add up the interviews; a concept's subtotal and the grand total count
*distinct* excerpts and passages, so one quote coded with two themes of the
same concept is counted once there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from eftertanke.analysis.common import interview_order, live, passages
from eftertanke.domain import CONCEPTS

UNCATEGORISED = ""
EXCERPT = "excerpt"
PASSAGE = "passage"


class CellRef(NamedTuple):
    """What stands behind a count: an excerpt or a passage of one entry."""

    entry_id: str
    source: str  # EXCERPT or PASSAGE
    index: int  # the excerpt's or section's position in the entry (-1: the body)


@dataclass(slots=True)
class Cell:
    excerpts: int = 0
    passages: int = 0

    @property
    def total(self) -> int:
        return self.excerpts + self.passages

    def to_json(self) -> dict[str, int]:
        return {"excerpts": self.excerpts, "passages": self.passages}


@dataclass(slots=True)
class ThemeMatrix:
    interviews: list[str]
    groups: list[tuple[str, list[str]]]  # (concept key or UNCATEGORISED, themes)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    refs: dict[tuple[str, str], list[CellRef]] = field(default_factory=dict)
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

    def items(self, theme: str, interview: str | None = None) -> list[CellRef]:
        """What a cell holds; with no interview, the theme's whole row."""
        if interview is not None:
            return list(self.refs.get((theme, interview), ()))
        return [ref for code in self.interviews for ref in self.refs.get((theme, code), ())]

    def row_total(self, theme: str) -> Cell:
        cells = [self.cell(theme, code) for code in self.interviews]
        return Cell(sum(c.excerpts for c in cells), sum(c.passages for c in cells))

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


def theme_matrix(
    docs: Iterable[dict[str, Any]],
    concepts_of: dict[str, str],
    known_interviews: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> ThemeMatrix:
    """Count excerpts and reflection passages per theme and interview.

    ``concepts_of`` maps theme names to concept keys; ``known_interviews``
    gives the columns (interviews without material get an empty column);
    ``only`` limits the columns to those interviews.
    """
    wanted = set(only) if only is not None else None
    refs: dict[tuple[str, str], list[CellRef]] = defaultdict(list)
    seen_codes: set[str] = set()
    for doc in live(docs):
        entry_id = doc["id"]
        for index, excerpt in enumerate(doc.get("excerpts") or ()):
            code = excerpt.get("interview")
            themes = excerpt.get("themes")
            if not code or (wanted is not None and code not in wanted):
                continue
            seen_codes.add(code)
            if themes:
                ref = CellRef(entry_id, EXCERPT, index)
                for theme in dict.fromkeys(themes):
                    refs[(theme, code)].append(ref)
        code = doc.get("interview")
        themes = doc.get("themes")
        if not code or (wanted is not None and code not in wanted):
            continue
        seen_codes.add(code)
        if not themes:
            continue
        found = passages(doc)
        for theme in dict.fromkeys(themes):
            concept = concepts_of.get(theme)
            bucket = refs[(theme, code)]
            for passage in found:
                if concept is None or not passage.concepts or concept in passage.concepts:
                    bucket.append(CellRef(entry_id, PASSAGE, passage.index))
    codes = [
        c for c in interview_order(known_interviews, seen_codes) if wanted is None or c in wanted
    ]
    matrix = ThemeMatrix(interviews=codes, groups=[])
    by_concept: dict[str, list[str]] = defaultdict(list)
    concept_refs: dict[tuple[str, str], set[CellRef]] = defaultdict(set)
    for (theme, code), items in refs.items():
        if not items:
            continue
        cell = Cell(
            sum(1 for r in items if r.source == EXCERPT),
            sum(1 for r in items if r.source == PASSAGE),
        )
        matrix.cells[(theme, code)] = cell
        matrix.refs[(theme, code)] = items
        concept = concepts_of.get(theme, UNCATEGORISED)
        if concept not in CONCEPTS:
            concept = UNCATEGORISED
        if theme not in by_concept[concept]:
            by_concept[concept].append(theme)
        for key in ((concept, code), (concept, ""), ("*", code), ("*", "")):
            concept_refs[key].update(items)
    for concept in (*CONCEPTS, UNCATEGORISED):
        if by_concept.get(concept):
            matrix.groups.append((concept, sorted(by_concept[concept], key=str.casefold)))
    for (concept, code), items in concept_refs.items():
        cell = Cell(
            sum(1 for r in items if r.source == EXCERPT),
            sum(1 for r in items if r.source == PASSAGE),
        )
        if concept == "*":
            matrix.total_cells[code] = cell
        else:
            matrix.concept_cells[(concept, code)] = cell
    return matrix
