"""Quotes in reflections, linked to the transcript passages they cite, both ways.

From a reflection: each quote it cites (an excerpt, a line of the quotes
prompt, a timed line in quote marks; see ``quote_match``) with the turn and
words of the interview's transcript it was found at, or why it was not.
From a transcript: for each turn, the reflections that cite it.

Links are worked out from the journal as it is, each time they are asked
for, and never stored: a quote edited, a transcript replaced or an interview
renamed can never leave a link pointing at the wrong words. That is cheap
enough: each transcript is made into words once per call, and a reflection
cites a few dozen quotes at most (benchmarks/coding_bench.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eftertanke.domain import Entry, timestamp_key
from eftertanke.entry_row import EntryRow
from eftertanke.quote_match import (
    NOT_FOUND,
    TOO_SHORT,
    CitedQuote,
    TranscriptWords,
    quotes_of_entry,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript

# Why a quote has no link, besides quote_match's TOO_SHORT and NOT_FOUND.
NO_INTERVIEW = "no-interview"  # a quote line in a reflection not linked to an interview
UNKNOWN_INTERVIEW = "unknown-interview"
NO_TRANSCRIPT = "no-transcript"
REASONS = (TOO_SHORT, NOT_FOUND, NO_INTERVIEW, UNKNOWN_INTERVIEW, NO_TRANSCRIPT)


@dataclass(frozen=True, slots=True)
class QuoteLink:
    """A quote of a reflection and the transcript passage it cites (if found)."""

    entry_id: str
    entry_title: str
    quote: CitedQuote
    interview: str | None  # the interview's code as it is now
    transcript_id: str | None
    turn: int | None  # index into the transcript's turns; None: unmatched
    start: int | None  # offsets into ``transcript.text``
    end: int | None
    score: float  # the match's likeness (0-1); when unmatched, the best seen
    reason: str  # "" when matched, else one of REASONS
    speaker: str | None = None  # the matched turn's speaker
    at: float | None = None  # the matched turn's start (seconds), if timed
    words: str = ""  # the transcript's words at the span

    @property
    def matched(self) -> bool:
        return self.turn is not None

    @property
    def span(self) -> tuple[int, int] | None:
        if self.start is None or self.end is None:
            return None
        return self.start, self.end


@dataclass(slots=True)
class Citations:
    """Every reflection quote that cites one transcript."""

    transcript: Transcript
    by_turn: dict[int, list[QuoteLink]] = field(default_factory=dict)  # in turn order
    unmatched: list[QuoteLink] = field(default_factory=list)  # cite it, but not found in it


class _Transcripts:
    """The journal's transcripts by interview code, made into words once per call."""

    def __init__(self, journal: Journal) -> None:
        self.codes = {i.code.casefold(): i.code for i in journal.interviews()}
        self._docs = {
            str(doc.get("interview") or "").casefold(): doc for doc in journal.transcripts.raw()
        }
        self._words: dict[str, TranscriptWords] = {}

    def words(self, code: str) -> TranscriptWords | None:
        key = code.casefold()
        if key not in self._words:
            doc = self._docs.get(key)
            if doc is None:
                return None
            self._words[key] = TranscriptWords(Transcript.from_dict(doc))
        return self._words[key]

    def use(self, transcript: Transcript) -> None:
        """Look quotes of its interview up in this transcript (the caller's copy)."""
        self._words[transcript.interview.casefold()] = TranscriptWords(transcript)


def _link(
    entry: Entry,
    quote: CitedQuote,
    words: TranscriptWords | None,
    code: str | None,
    reason: str = "",
) -> QuoteLink:
    base: dict[str, Any] = {
        "entry_id": entry.id,
        "entry_title": entry.display_title(),
        "quote": quote,
        "interview": code,
        "transcript_id": words.transcript.id if words is not None else None,
    }
    if words is None:
        return QuoteLink(**base, turn=None, start=None, end=None, score=0.0, reason=reason)
    attempt = words.find(quote.text, quote.seconds)
    if attempt.match is None:
        return QuoteLink(
            **base, turn=None, start=None, end=None, score=attempt.best_score, reason=attempt.reason
        )
    found = attempt.match
    turn = words.transcript.turns[found.turn]
    return QuoteLink(
        **base,
        turn=found.turn,
        start=found.start,
        end=found.end,
        score=found.score,
        reason="",
        speaker=turn.speaker,
        at=turn.start,
        words=words.transcript.text[found.start : found.end],
    )


def _links(entry: Entry, transcripts: _Transcripts, only: str | None = None) -> list[QuoteLink]:
    out = []
    for quote in quotes_of_entry(entry):
        cited = quote.interview
        if only is not None and (cited or "").casefold() != only:
            continue
        if not cited:
            out.append(_link(entry, quote, None, None, NO_INTERVIEW))
            continue
        code = transcripts.codes.get(cited.casefold())
        if code is None:
            out.append(_link(entry, quote, None, cited, UNKNOWN_INTERVIEW))
            continue
        words = transcripts.words(code)
        out.append(_link(entry, quote, words, code, "" if words is not None else NO_TRANSCRIPT))
    return out


def links_for_entry(journal: Journal, entry: Entry) -> list[QuoteLink]:
    """Every quote the entry cites, in the order written (excerpts, then each
    text's lines), each with its transcript passage or the reason it has none."""
    return _links(entry, _Transcripts(journal))


def _cites(doc: dict[str, Any], code: str) -> bool:
    """Whether the entry reflects on, or quotes, the interview ``code`` (casefolded)."""
    return any(named.casefold() == code for named in EntryRow(doc).interviews())


def citations_of_transcript(journal: Journal, transcript: Transcript) -> Citations:
    """For each turn of the transcript, the reflection quotes found at it (oldest
    reflection first), and the quotes citing it that were not found."""
    code = transcript.interview.casefold()
    transcripts = _Transcripts(journal)
    transcripts.use(transcript)
    found = Citations(transcript)
    docs = sorted(
        (d for d in journal.raw_entries() if _cites(d, code)), key=lambda d: EntryRow(d).created
    )
    by_turn: dict[int, list[QuoteLink]] = {}
    for doc in docs:
        for link in _links(Entry.from_dict(doc), transcripts, only=code):
            if link.turn is not None and link.transcript_id == transcript.id:
                by_turn.setdefault(link.turn, []).append(link)
            else:
                found.unmatched.append(link)
    found.by_turn = dict(sorted(by_turn.items()))
    # The quotes not found are listed by the time they cite (9.45 before
    # 1:09:45, one without a time last), as the appendix lists quotes;
    # reflections stay oldest first within one time.
    found.unmatched.sort(key=lambda link: timestamp_key(link.quote.timestamp))
    return found


__all__ = [
    "NOT_FOUND",
    "NO_INTERVIEW",
    "NO_TRANSCRIPT",
    "REASONS",
    "TOO_SHORT",
    "UNKNOWN_INTERVIEW",
    "Citations",
    "QuoteLink",
    "citations_of_transcript",
    "links_for_entry",
]
