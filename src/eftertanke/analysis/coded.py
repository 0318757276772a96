"""Coded passages, read from stored dicts: what every analysis counts.

A *unit* is one piece of coded material, of one of five kinds, kept apart
because they are different data (the counting rules are written out in
``report.counting_rules``):

* ``REFLECTION``: a coding of a span of an entry's body or of one answer;
* ``WHOLE``: an entry coded as a whole (``entry.themes``), one unit per entry;
* ``RESPONDENT``: a coding of the transcript that touches a respondent's turn;
* ``INTERVIEWER``: a coding of the transcript wholly inside the interviewer's
  turns (the researcher's own words in the interview);
* ``EXCERPT``: a respondent quote typed into a reflection, with its themes.

Everything here works on the stored entry dicts (``Journal.raw_entries``)
and transcript dicts (``journal.transcripts.raw()``), so that 10,000 entries
and 50,000 codings are counted without building domain objects for them.

Long because the five kinds of unit are read from stored dicts in one pass,
with the rules that keep them apart.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from eftertanke.entry_row import EntryRow
from eftertanke.snippet import merged
from eftertanke.transcript import Turn, citation_time

REFLECTION = "reflection"
WHOLE = "whole"
RESPONDENT = "respondent"
INTERVIEWER = "interviewer"
EXCERPT = "excerpt"
KINDS: tuple[str, ...] = (REFLECTION, WHOLE, RESPONDENT, INTERVIEWER, EXCERPT)
TRANSCRIPT_KINDS = frozenset({RESPONDENT, INTERVIEWER})

# Two codings of a reflection text are adjacent when at most this many
# characters and at most one sentence end (or line break) lie between them.
ADJACENT_CHARS = 200
ADJACENT_SENTENCE_ENDS = 1
# Two codings of a transcript are adjacent in the same or the next turn.
ADJACENT_TURNS = 1

_CLOSERS = "\"'”’»)\\]"
SENTENCE_END = re.compile(rf"[.!?…]+[{_CLOSERS}]*[ \t]*\n|\n|[.!?…]+[{_CLOSERS}]*(?=\s|$)")
WORD = re.compile(r"\S+")


class Ref(NamedTuple):
    """What stands behind a count: one unit, by where to find it."""

    owner: str  # the entry id, or the transcript id for RESPONDENT/INTERVIEWER
    kind: str  # one of KINDS
    coding: str = ""  # the coding's id (REFLECTION, RESPONDENT, INTERVIEWER)
    index: int = -1  # the excerpt's position in its entry (EXCERPT)


class Placed(NamedTuple):
    """A coding with its place in its source text, for overlap and adjacency."""

    ref: Ref
    themes: tuple[str, ...]
    start: int
    end: int
    first_turn: int  # transcripts: the turns the coding touches; -1 in reflections
    last_turn: int
    review: bool = False  # flagged for review: its place is not certain
    source: str = ""  # an entry's text: "body" or "section:<prompt id>"


def source_key(raw: dict[str, Any]) -> str:
    """Which text of an entry a coding spans: ``body`` or ``section:<prompt id>``."""
    if raw.get("source") == "section":
        return f"section:{raw.get('section')}"
    return "body"


def themes_of(value: Any) -> tuple[str, ...]:
    """A stored list of theme names, each once, in order (junk left out)."""
    if not value or not isinstance(value, list | tuple):
        return ()
    themes = tuple(value)
    # The store writes clean lists (checked here at C speed: join refuses a
    # non-string); anything else is cleaned, at a cost.
    try:
        "".join(themes)
    except TypeError:
        return tuple(dict.fromkeys(t for t in themes if isinstance(t, str) and t))
    if "" in themes or len(set(themes)) != len(themes):
        return tuple(dict.fromkeys(t for t in themes if t))
    return themes


def flagged(raw: dict[str, Any]) -> bool:
    """A coding flagged for review: its place in the text is not certain."""
    return bool(raw.get("review"))


# -- transcripts -------------------------------------------------------------------


@dataclass(slots=True)
class TranscriptLayout:
    """Where a stored transcript's turns are in its text (as ``Transcript.text``
    makes it: one line per turn), who speaks them, and when."""

    id: str
    interview: str
    speakers: list[str]
    interviewer: list[bool]  # per turn: spoken by an interviewer
    starts: list[float | None]  # per turn: seconds from the start
    line_starts: list[int]  # per turn: where its line begins in the text
    word_spans: list[tuple[int, int]]  # per turn: where its words are in the text
    texts: list[str]
    codings: list[dict[str, Any]] = field(default_factory=list)
    _placed: list[Placed] | None = None
    _word_base: list[int] | None = None  # per turn: the words of the turns before it

    @classmethod
    def of(cls, doc: dict[str, Any]) -> TranscriptLayout:
        interviewers = set(doc.get("interviewers") or ())
        speakers: list[str] = []
        flags: list[bool] = []
        starts: list[float | None] = []
        line_starts: list[int] = []
        spans: list[tuple[int, int]] = []
        texts: list[str] = []
        offset = 0
        for raw in doc.get("turns") or ():
            turn = Turn.from_dict(raw)
            prefix = len(turn.line_prefix())
            line_starts.append(offset)
            spans.append((offset + prefix, offset + prefix + len(turn.text)))
            speakers.append(turn.speaker)
            flags.append(turn.speaker in interviewers)
            starts.append(turn.start)
            texts.append(turn.text)
            offset += prefix + len(turn.text) + 1  # the newline
        codings = [c for c in doc.get("codings") or () if isinstance(c, dict)]
        layout = cls(
            str(doc.get("id") or ""),
            str(doc.get("interview") or ""),
            speakers,
            flags,
            starts,
            line_starts,
            spans,
            texts,
            codings,
        )
        return layout

    @property
    def placed(self) -> list[Placed]:
        """Every coding with themes, in text order, with the turns it touches and
        whose words it codes: worked out once, for every view."""
        if self._placed is None:
            self._placed = self._place()
        return self._placed

    def _place(self) -> list[Placed]:
        found = []
        for raw in self.codings:
            themes = themes_of(raw.get("themes"))
            if not themes:
                continue
            first, last = self.turns_of(raw)
            ref = Ref(self.id, self._kind(first, last), str(raw.get("id") or ""))
            start, end = int(raw.get("start") or 0), int(raw.get("end") or 0)
            found.append(Placed(ref, themes, start, end, first, last, flagged(raw)))
        found.sort(key=lambda p: (p.start, p.end))
        return found

    def _kind(self, first: int, last: int) -> str:
        if self.speakers and all(self.interviewer[first : last + 1]):
            return INTERVIEWER
        return RESPONDENT

    def turn_at(self, offset: int) -> int:
        """The turn whose line holds a text offset (as ``Transcript.turn_at``)."""
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def turns_of(self, raw: dict[str, Any]) -> tuple[int, int]:
        """The first and last turn a coding touches."""
        start = int(raw.get("start") or 0)
        end = max(int(raw.get("end") or 0), start + 1)
        return self.turn_at(start), self.turn_at(end - 1)

    def kind_of(self, raw: dict[str, Any]) -> str:
        """RESPONDENT when the coding touches a respondent's turn, else INTERVIEWER."""
        return self._kind(*self.turns_of(raw))

    def when(self, turn: int) -> str:
        """The turn's time as the thesis cites it ("9.45"), or "" without a time."""
        seconds = self.starts[turn] if 0 <= turn < len(self.starts) else None
        return citation_time(seconds) if seconds is not None else ""

    def _bases(self) -> list[int]:
        if self._word_base is None:
            bases, total = [], 0
            for text in self.texts:
                bases.append(total)
                total += len(text.split())
            bases.append(total)
            self._word_base = bases
        return self._word_base

    @property
    def total_words(self) -> int:
        """The words of every turn (not the times or speakers)."""
        return self._bases()[-1]

    def word_ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        """The words a span touches, as (first, last) word numbers of the whole
        transcript, one range per turn (the times and speakers are no words).

        A turn's words are separated by single spaces (``Turn.validate`` makes
        them so), so a word's number in its turn is the count of spaces before
        it: no word positions need be made for 6,000-word transcripts."""
        if end <= start or not self.texts:
            return []
        bases = self._bases()
        found = []
        for turn in range(self.turn_at(start), self.turn_at(end - 1) + 1):
            begin, finish = self.word_spans[turn]
            a, b = max(start, begin) - begin, min(end, finish) - begin
            if a >= b:
                continue  # only the turn's time and speaker are in the span
            text = self.texts[turn]
            first = text.count(" ", 0, a) + (text[a] == " ")
            last = text.count(" ", 0, b - 1)
            if first <= last:
                found.append((bases[turn] + first, bases[turn] + last))
        return found

    def coded_words(self, spans: Iterable[tuple[int, int]]) -> int:
        """Words of the turns with at least one character inside the spans; each once."""
        return union_count(r for start, end in spans for r in self.word_ranges(start, end))

    def cited_time(self, first: int, last: int) -> str:
        """The time of a passage as the thesis cites it: "9.45", or "9.45–10.15"
        for a passage over turns that start at different times; "" without times."""
        begin, end = self.when(first), self.when(last)
        if begin and end and begin != end:
            return f"{begin}–{end}"
        return begin or end

    def cited_speakers(self, first: int, last: int) -> str:
        """Who speaks in a passage's turns, each once, in order of speaking."""
        return ", ".join(dict.fromkeys(self.speakers[first : last + 1]))

    def reference(self, raw: dict[str, Any]) -> str:
        """A transcript coding's citation: (I03, 9.45), as an excerpt's."""
        cited = self.cited_time(*self.turns_of(raw))
        return f"({self.interview}, {cited})" if cited else f"({self.interview})"

    def seconds(self, raw: dict[str, Any]) -> float | None:
        """When a coding's first turn with a time starts, for ordering by time."""
        if not self.starts:
            return None
        first, last = self.turns_of(raw)
        for turn in range(first, last + 1):
            if self.starts[turn] is not None:
                return self.starts[turn]
        return None


def as_layouts(transcripts: Iterable[Any]) -> list[TranscriptLayout]:
    """Stored transcript dicts as layouts (layouts made already are kept)."""
    return [
        t if isinstance(t, TranscriptLayout) else TranscriptLayout.of(t)
        for t in transcripts
        if isinstance(t, TranscriptLayout | dict)
    ]


# -- units ----------------------------------------------------------------------------


class Unit(NamedTuple):
    ref: Ref
    interview: str | None
    themes: tuple[str, ...]


def entry_units(row: EntryRow) -> list[Unit]:
    """An entry's units: its codings, its whole-entry coding, its excerpts."""
    entry_id = row.id
    code = row.interview or None
    found = []
    for raw in row.codings:
        themes = themes_of(raw.get("themes"))
        if themes:
            found.append(Unit(Ref(entry_id, REFLECTION, str(raw.get("id") or "")), code, themes))
    return found + outer_units(row, code)


def outer_units(row: EntryRow, code: str | None = None, *, whole: bool = True) -> list[Unit]:
    """An entry's units besides its coded passages: the whole-entry coding (under
    ``code``; left out with ``whole=False``) and its excerpts (each under the
    interview it quotes)."""
    entry_id = row.id
    found = []
    if whole:
        themes = themes_of(row.themes)
        if themes:
            found.append(Unit(Ref(entry_id, WHOLE), code, themes))
    for index, excerpt in enumerate(row.excerpts):
        themes = themes_of(excerpt.get("themes"))
        if themes:
            quoted = excerpt.get("interview") or None
            found.append(Unit(Ref(entry_id, EXCERPT, "", index), quoted, themes))
    return found


def transcript_units(layout: TranscriptLayout) -> Iterator[Unit]:
    code = layout.interview or None
    for placed in layout.placed:
        yield Unit(placed.ref, code, placed.themes)


# -- places, for overlap and adjacency ----------------------------------------------


def entry_placed(row: EntryRow) -> list[Placed]:
    """An entry's codings with themes, as stored, each with its source text's key."""
    entry_id = row.id
    found = []
    for raw in row.codings:
        themes = themes_of(raw.get("themes"))
        if themes:
            ref = Ref(entry_id, REFLECTION, str(raw.get("id") or ""))
            start, end = int(raw.get("start") or 0), int(raw.get("end") or 0)
            found.append(Placed(ref, themes, start, end, -1, -1, flagged(raw), source_key(raw)))
    return found


def by_source(placed: Iterable[Placed]) -> dict[str, list[Placed]]:
    """Codings not flagged for review, by source text, each source in text order."""
    found: dict[str, list[Placed]] = {}
    for place in placed:
        if not place.review:
            found.setdefault(place.source, []).append(place)
    for places in found.values():
        places.sort(key=lambda p: (p.start, p.end))
    return found


def transcript_places(layout: TranscriptLayout) -> list[Placed]:
    """The transcript's codings not flagged for review, in text order."""
    return [p for p in layout.placed if not p.review]


def sentence_ends(text: str) -> int:
    return len(SENTENCE_END.findall(text))


def meeting_pairs(places: list[Placed], text: str | None) -> Iterator[tuple[Placed, Placed]]:
    """Every two codings of one source that overlap or are adjacent.

    ``text`` is the reflection text the codings span (the sentence rule), or
    None for a transcript (the turn rule). ``places`` is in text order."""
    for i, first in enumerate(places):
        for second in places[i + 1 :]:
            if second.start < first.end:
                yield first, second  # they overlap
                continue
            if text is None:
                if second.first_turn > first.last_turn + ADJACENT_TURNS:
                    break  # every later coding starts in a later turn still
                yield first, second
                continue
            if second.start - first.end > ADJACENT_CHARS:
                break
            if sentence_ends(text[first.end : second.start]) <= ADJACENT_SENTENCE_ENDS:
                yield first, second


def entry_texts(row: EntryRow) -> dict[str, str]:
    """An entry's texts by source key (``body``, ``section:<prompt id>``)."""
    texts = {"body": row.body}
    for section in row.sections:
        texts[f"section:{section.get('prompt_id')}"] = section.get("answer") or ""
    return texts


def entry_text(row: EntryRow, key: str) -> str:
    """One of an entry's texts by its source key ("" when it is gone)."""
    if key == "body":
        return row.body
    return row.answer(key.removeprefix("section:")) if key.startswith("section:") else ""


# -- words ------------------------------------------------------------------------------


def word_positions(text: str) -> tuple[list[int], list[int]]:
    matches = list(WORD.finditer(text))
    return [m.start() for m in matches], [m.end() for m in matches]


def union_count(ranges: Iterable[tuple[int, int]]) -> int:
    """How many whole numbers the inclusive (first, last) ranges cover together."""
    count, reach = 0, -1
    for first, last in sorted(ranges):
        if last > reach:
            count += last - max(first, reach + 1) + 1
            reach = last
    return count


def coded_words(words: tuple[list[int], list[int]], spans: Iterable[tuple[int, int]]) -> int:
    """Words with at least one character inside the spans; each word once."""
    starts, ends = words
    count = 0
    last = 0  # words before this index are counted already
    for start, end in merged(spans):
        first = max(bisect_right(ends, start), last)  # the first word ending after start
        stop = bisect_left(starts, end)  # words starting before end
        if stop > first:
            count += stop - first
            last = stop
    return count


__all__ = [
    "ADJACENT_CHARS",
    "ADJACENT_SENTENCE_ENDS",
    "ADJACENT_TURNS",
    "EXCERPT",
    "INTERVIEWER",
    "KINDS",
    "REFLECTION",
    "RESPONDENT",
    "TRANSCRIPT_KINDS",
    "WHOLE",
    "as_layouts",
    "Placed",
    "Ref",
    "TranscriptLayout",
    "Unit",
    "coded_words",
    "by_source",
    "entry_placed",
    "entry_text",
    "entry_texts",
    "entry_units",
    "outer_units",
    "meeting_pairs",
    "transcript_places",
    "transcript_units",
    "union_count",
]
