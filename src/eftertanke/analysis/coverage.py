"""Coverage: how much of each interview's material is coded, under each concept and theme.

For every interview, two sources of words, kept apart:

* its **reflections**: the answers and bodies of the entries linked to it;
* its **transcript**: the words of every turn (not the times or speakers).

A source's *coded words* for a theme are the words with at least one
character inside a coded passage of the theme (a word coded twice counts
once); for a concept, inside a coded passage of any theme under it. Shares
are of all the source's words. Whole-entry codings and excerpts have no span,
so they add no coded words; they are counted apart, and they do touch their
concept. A concept with no coded passage, whole-entry coding or excerpt in an
interview is *untouched* there. Codings flagged for review have no certain
span and add no coded words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eftertanke.analysis.coded import (
    EXCERPT,
    WHOLE,
    TranscriptLayout,
    as_layouts,
    coded_words,
    entry_texts,
    entry_units,
    flagged,
    source_key,
    themes_of,
    union_count,
    word_positions,
)
from eftertanke.analysis.common import interview_order, live
from eftertanke.domain import CONCEPTS
from eftertanke.entry_row import EntryRow

REFLECTIONS = "reflections"
TRANSCRIPT = "transcript"


def _zero() -> dict[str, int]:
    return dict.fromkeys(CONCEPTS, 0)


@dataclass(slots=True)
class InterviewCoverage:
    """One interview's words, reflections and transcript apart, and the coded ones among them."""

    interview: str
    reflections: int = 0  # entries linked to the interview
    reflection_words: int = 0
    transcript_words: int = 0
    has_transcript: bool = False
    # coded words per concept and per theme, in the reflections and the transcript
    coded: dict[str, dict[str, int]] = field(
        default_factory=lambda: {REFLECTIONS: _zero(), TRANSCRIPT: _zero()}
    )
    theme_words: dict[str, dict[str, int]] = field(
        default_factory=lambda: {REFLECTIONS: {}, TRANSCRIPT: {}}
    )
    passages: dict[str, int] = field(default_factory=_zero)  # coded passages per concept
    whole: dict[str, int] = field(default_factory=_zero)  # whole-entry codings per concept
    excerpts: dict[str, int] = field(default_factory=_zero)
    excerpts_total: int = 0

    def total(self, source: str) -> int:
        return self.reflection_words if source == REFLECTIONS else self.transcript_words

    def share(self, concept: str, source: str = REFLECTIONS) -> float:
        total = self.total(source)
        return self.coded[source][concept] / total if total else 0.0

    def theme_share(self, theme: str, source: str = REFLECTIONS) -> float:
        total = self.total(source)
        return self.theme_words[source].get(theme, 0) / total if total else 0.0

    @property
    def untouched(self) -> list[str]:
        return [c for c in CONCEPTS if not (self.passages[c] or self.whole[c] or self.excerpts[c])]

    @property
    def has_material(self) -> bool:
        return bool(self.reflection_words or self.transcript_words or self.excerpts_total)

    def to_json(self) -> dict[str, Any]:
        def shares(source: str) -> dict[str, float]:
            return {c: round(self.share(c, source), 4) for c in CONCEPTS}

        themes = sorted(
            {*self.theme_words[REFLECTIONS], *self.theme_words[TRANSCRIPT]}, key=str.casefold
        )
        return {
            "interview": self.interview,
            "reflections": self.reflections,
            "reflection_words": self.reflection_words,
            "transcript_words": self.transcript_words if self.has_transcript else None,
            "coded_words": {
                REFLECTIONS: dict(self.coded[REFLECTIONS]),
                TRANSCRIPT: dict(self.coded[TRANSCRIPT]),
            },
            "shares": {REFLECTIONS: shares(REFLECTIONS), TRANSCRIPT: shares(TRANSCRIPT)},
            "themes": [
                {
                    "theme": theme,
                    "reflection_words": self.theme_words[REFLECTIONS].get(theme, 0),
                    "transcript_words": self.theme_words[TRANSCRIPT].get(theme, 0),
                    "reflection_share": round(self.theme_share(theme, REFLECTIONS), 4),
                    "transcript_share": round(self.theme_share(theme, TRANSCRIPT), 4),
                }
                for theme in themes
            ],
            "passages": dict(self.passages),
            "whole_entry": dict(self.whole),
            "excerpts": dict(self.excerpts),
            "excerpts_total": self.excerpts_total,
            "untouched": self.untouched,
        }


@dataclass(slots=True)
class Coverage:
    """The coverage of every interview, a row each."""

    rows: list[InterviewCoverage]

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def with_gaps(self) -> list[InterviewCoverage]:
        return [r for r in self.rows if r.untouched]

    def to_json(self) -> dict[str, Any]:
        return {"interviews": [r.to_json() for r in self.rows]}


def _count_words(
    target: InterviewCoverage,
    source: str,
    words: Callable[[list[tuple[int, int]]], int],
    spans: dict[str, list[tuple[int, int]]],
    concepts_of: dict[str, str],
) -> None:
    """Add one text's coded words (``words`` counts them), by theme and by
    concept, to ``target``."""
    by_concept: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for theme, theme_spans in spans.items():
        found = words(theme_spans)
        bucket = target.theme_words[source]
        bucket[theme] = bucket.get(theme, 0) + found
        concept = concepts_of.get(theme)
        if concept in CONCEPTS:
            by_concept[concept].extend(theme_spans)
    for concept, concept_spans in by_concept.items():
        target.coded[source][concept] += words(concept_spans)


def _spans(codings: Iterable[dict[str, Any]]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Coded spans by source key, then by theme (codings flagged for review left out)."""
    found: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for raw in codings:
        if flagged(raw):
            continue
        span = (int(raw.get("start") or 0), int(raw.get("end") or 0))
        for theme in themes_of(raw.get("themes")):
            found[source_key(raw)][theme].append(span)
    return found


def _tally(
    target: InterviewCoverage, kind: str, themes: tuple[str, ...], concepts_of: dict[str, str]
) -> None:
    concepts = {concepts_of.get(t) for t in themes} & set(CONCEPTS)
    if kind == EXCERPT:
        target.excerpts_total += 1
        counts = target.excerpts
    elif kind == WHOLE:
        counts = target.whole
    else:
        counts = target.passages
    for concept in concepts:
        counts[concept] += 1


def _cover_reflection(
    target: InterviewCoverage, row: EntryRow, concepts_of: dict[str, str]
) -> None:
    """A reflection on the interview: its units, and its words coded per concept."""
    target.reflections += 1
    for ref, _code, themes in entry_units(row):
        if ref.kind != EXCERPT:
            _tally(target, ref.kind, themes, concepts_of)
    texts = entry_texts(row)
    spans = _spans(row.codings)
    for key, text in texts.items():
        if not text.strip():
            continue
        if key in spans:
            positions = word_positions(text)
            target.reflection_words += len(positions[0])

            def words(theme_spans: list[tuple[int, int]], at: Any = positions) -> int:
                return coded_words(at, theme_spans)

            _count_words(target, REFLECTIONS, words, spans[key], concepts_of)
        else:
            target.reflection_words += len(text.split())


def _cover_transcript(
    target: InterviewCoverage, layout: TranscriptLayout, concepts_of: dict[str, str]
) -> None:
    """The interview's transcript: its units, and its words coded per theme and concept."""
    target.has_transcript = True
    target.transcript_words += layout.total_words
    by_theme: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_concept: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for placed in layout.placed:
        _tally(target, placed.ref.kind, placed.themes, concepts_of)
        if placed.review:
            continue
        ranges = layout.word_ranges(placed.start, placed.end)  # once per coding
        for theme in placed.themes:
            by_theme[theme].extend(ranges)
        for concept in {concepts_of.get(t) for t in placed.themes} & set(CONCEPTS):
            by_concept[concept].extend(ranges)  # type: ignore[index]
    words = target.theme_words[TRANSCRIPT]
    for theme, ranges in by_theme.items():
        words[theme] = words.get(theme, 0) + union_count(ranges)
    for concept, ranges in by_concept.items():
        target.coded[TRANSCRIPT][concept] += union_count(ranges)


def concept_coverage(
    docs: Iterable[dict[str, Any]],
    concepts_of: dict[str, str],
    known_interviews: Iterable[str] = (),
    only: Iterable[str] | None = None,
    *,
    transcripts: Iterable[Any] = (),
) -> Coverage:
    wanted = set(only) if only is not None else None
    rows: dict[str, InterviewCoverage] = {}

    def row(code: str | None) -> InterviewCoverage | None:
        if not code or (wanted is not None and code not in wanted):
            return None
        found = rows.get(code)
        if found is None:
            found = rows[code] = InterviewCoverage(code)
        return found

    for doc in live(docs):
        entry = EntryRow(doc)
        for excerpt in entry.excerpts:
            target = row(excerpt.get("interview"))
            if target is not None:
                _tally(target, EXCERPT, themes_of(excerpt.get("themes")), concepts_of)
        target = row(entry.interview)
        if target is not None:
            _cover_reflection(target, entry, concepts_of)
    for layout in as_layouts(transcripts):
        target = row(layout.interview)
        if target is not None:
            _cover_transcript(target, layout, concepts_of)
    codes = [c for c in interview_order(known_interviews, rows) if wanted is None or c in wanted]
    return Coverage([rows.get(code) or InterviewCoverage(code) for code in codes])
