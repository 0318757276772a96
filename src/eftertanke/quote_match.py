"""Finding a quote a reflection cites in the interview's transcript.

A researcher writes quotes to find later with an approximate time, as the
thesis cites them: an excerpt (``ctrl+g`` in the app: interview, "9.45",
the words), or one line per quote in the quotes prompt's answer::

    9.45 "Det er trygt at sige fra"
    17.20 om det store ledernetværk

(and, in any other text, a line that starts with a time and quotes words in
quote marks). Each is matched to the transcript turn near that time whose
words are most like the quote's, and the matched words become the span the
link points at.

The rule, written out because a link must never be a guess:

- words are compared by their first four letters, ignoring case, so
  "trygt", "tryg" and "trygge" are one word (Danish and English inflect at
  the end); punctuation and quote marks do not count;
- in one turn, the quote's words are aligned in order with the turn's
  (difflib), and the score of an aligned stretch of the turn is
  2 × matched letters / (letters of the quote + letters of the stretch),
  counting whole words: 1.0 for the exact words, less for each word
  missing, changed or put in between, and little for short words ("og",
  "at"); a stretch must match at least two words;
- turns starting within 90 seconds of the cited time are tried first; if
  none scores at least ``MIN_SCORE``, within 5 minutes; then the whole
  transcript (a quote without a time: the whole transcript at once);
- the best turn wins (ties: the nearer turn in time, then a respondent's
  turn over the interviewer's); below ``MIN_SCORE`` the quote is unmatched,
  and says so, with the best score seen.

Pure: domain objects in, plain results out; no journal, no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from eftertanke.domain import Entry
from eftertanke.transcript import Transcript, parse_citation_time

MIN_SCORE = 0.6
# Seconds either side of the cited time; None: the whole transcript.
WINDOWS: tuple[float | None, ...] = (90.0, 300.0, None)
KEY_LETTERS = 4
MIN_WORDS = 2
QUOTES_PROMPT = "quotes"
# Why a quote is unmatched (the command line and the app put them in words).
TOO_SHORT = "too-short"
NOT_FOUND = "not-found"

_WORD = re.compile(r"\w+")
_TIMED_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?\(?(?P<time>\d{1,3}[.:]\d{2}(?:[.:]\d{2})?)\)?(?=\s|$|[-–—:,])"
    r"\s*[-–—:,]?\s*(?P<text>.*)$"
)
# Words inside quote marks: "…", “…”, „…“, »…«, «…», '…' (not an apostrophe in a word).
_QUOTED = re.compile(
    r"\"([^\"]+)\"|“([^”]+)”|„([^“”]+)[“”]|»([^«]+)«|«([^»]+)»|(?<!\w)'([^']+)'(?!\w)"
)


@dataclass(frozen=True, slots=True)
class CitedQuote:
    """A quote written in a reflection, to be found in a transcript."""

    text: str  # the quoted words (quote marks taken off)
    timestamp: str  # as written ("9.45"); "" when none was given
    seconds: float | None
    interview: str | None  # the interview code it cites
    origin: str  # "excerpt", "quotes" (a line of the quotes prompt) or "text"
    section: str | None  # the prompt id of the answer it was written in (None: excerpt, body)
    index: int  # which excerpt, or which line of that text (from 0)
    line: str  # the line or excerpt as written, for showing


@dataclass(frozen=True, slots=True)
class Match:
    """Where a quote is in a transcript: a turn, and offsets into ``transcript.text``."""

    turn: int
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Attempt:
    """The outcome for one quote: ``match`` is None when nothing scored enough."""

    match: Match | None
    # The best score of the turns compared, also when unmatched (a turn whose
    # words cannot reach MIN_SCORE is not compared).
    best_score: float
    reason: str  # "" when matched; else TOO_SHORT or NOT_FOUND


def _unquoted(text: str) -> str | None:
    """The words in quote marks in ``text`` (all such parts, joined), or None."""
    parts = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    parts = [p.strip() for p in parts if p.strip()]
    return " … ".join(parts) if parts else None


def timed_lines(text: str, *, need_quote_marks: bool) -> list[tuple[int, str, str, str]]:
    """``(line number, time, words, line)`` for each line starting with a cited
    time. With ``need_quote_marks``, only lines quoting words in quote marks."""
    found = []
    for number, line in enumerate(text.splitlines()):
        m = _TIMED_LINE.match(line)
        if m is None or parse_citation_time(m.group("time")) is None:
            continue
        rest = m.group("text").strip()
        quoted = _unquoted(rest)
        if quoted is None and need_quote_marks:
            continue
        words = quoted if quoted is not None else rest
        if words:
            found.append((number, m.group("time"), words, line.strip()))
    return found


def quotes_of_entry(entry: Entry) -> list[CitedQuote]:
    """Every quote an entry cites with (or, for an excerpt, also without) a time."""
    found: list[CitedQuote] = []
    for index, excerpt in enumerate(entry.excerpts):
        stamp = excerpt.timestamp.strip()
        found.append(
            CitedQuote(
                text=excerpt.quote.strip(),
                timestamp=stamp,
                seconds=parse_citation_time(stamp) if stamp else None,
                interview=excerpt.interview or entry.interview,
                origin="excerpt",
                section=None,
                index=index,
                line=f"{stamp} {excerpt.quote}".strip(),
            )
        )
    texts = [(s.prompt_id, s.answer) for s in entry.sections if s.answer.strip()]
    if entry.body.strip():
        texts.append((None, entry.body))
    for prompt_id, text in texts:
        in_quotes_prompt = prompt_id == QUOTES_PROMPT
        for number, stamp, words, line in timed_lines(text, need_quote_marks=not in_quotes_prompt):
            found.append(
                CitedQuote(
                    text=words,
                    timestamp=stamp,
                    seconds=parse_citation_time(stamp),
                    interview=entry.interview,
                    origin="quotes" if in_quotes_prompt else "text",
                    section=prompt_id,
                    index=number,
                    line=line,
                )
            )
    return found


def _key(word: str) -> str:
    return word.casefold()[:KEY_LETTERS]


def _best_stretch(
    blocks: list[tuple[int, int, int]], quote_letters: list[int], turn_letters: list[int]
) -> tuple[float, int, int]:
    """The run of aligned blocks with the best score: (score, first word, end word)
    in the turn. ``blocks`` are difflib's (quote index, turn index, size); words
    weigh by their letters, so "og" and "at" count for little. A run must hold
    at least ``MIN_WORDS`` matched words."""
    best = (0.0, 0, 0)
    total = sum(quote_letters)
    for i in range(len(blocks)):
        matched = words = 0
        for j in range(i, len(blocks)):
            a, b, size = blocks[j]
            # A pair of words counts the letters both have ("trygt"/"trygge": 5).
            matched += sum(min(quote_letters[a + k], turn_letters[b + k]) for k in range(size))
            words += size
            if words < MIN_WORDS:
                continue
            first, end = blocks[i][1], blocks[j][1] + size
            score = 2 * matched / (total + sum(turn_letters[first:end]))
            if score > best[0]:
                best = (score, first, end)
    return best


class TranscriptWords:
    """A transcript's turns as words, ready to have many quotes looked up in it."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        spans = transcript.turn_spans
        self._words: list[list[tuple[int, int]]] = []  # per turn: (start, end) in the text
        self._letters: list[list[int]] = []
        self._keys: list[list[str]] = []
        self._key_sets: list[frozenset[str]] = []
        for turn, (offset, _end) in zip(transcript.turns, spans, strict=True):
            tokens = list(_WORD.finditer(turn.text))
            self._words.append([(offset + m.start(), offset + m.end()) for m in tokens])
            self._letters.append([len(m.group()) for m in tokens])
            keys = [_key(m.group()) for m in tokens]
            self._keys.append(keys)
            self._key_sets.append(frozenset(keys))
        self._matchers: dict[int, SequenceMatcher[str]] = {}  # made when first needed
        self._starts = sorted(
            (t.start, i) for i, t in enumerate(transcript.turns) if t.start is not None
        )
        self._timed = bool(self._starts)

    def _score(self, turn: int, keys: list[str], letters: list[int]) -> tuple[float, int, int]:
        # The most a turn can score is with every quote word it has matched in a
        # stretch of those words alone; a turn that cannot reach the threshold is
        # not aligned at all (most turns, for a quote of telling words).
        present = self._key_sets[turn]
        most = sum(n for key, n in zip(keys, letters, strict=True) if key in present)
        if 2 * most / (sum(letters) + most or 1) < MIN_SCORE:
            return (0.0, 0, 0)
        matcher = self._matchers.get(turn)
        if matcher is None:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(self._keys[turn])
            self._matchers[turn] = matcher
        matcher.set_seq1(keys)
        blocks = [(b.a, b.b, b.size) for b in matcher.get_matching_blocks() if b.size]
        if not blocks:
            return (0.0, 0, 0)
        return _best_stretch(blocks, letters, self._letters[turn])

    def _near(self, seconds: float, window: float) -> list[int]:
        """Turns starting within ``window`` of ``seconds``, or running over it."""
        low = bisect_left(self._starts, (seconds - window, -1))
        high = bisect_right(self._starts, (seconds + window, len(self._starts)))
        near = {index for _start, index in self._starts[low:high]}
        # A long turn that began earlier still covers the time.
        for start, index in reversed(self._starts[:low]):
            end = self.transcript.turns[index].end
            if end is not None and start <= seconds <= end:
                near.add(index)
            if seconds - start > 3600:
                break
        return sorted(near)

    def _distance(self, turn: int, seconds: float | None) -> float:
        start = self.transcript.turns[turn].start
        if seconds is None or start is None:
            return 0.0
        return abs(start - seconds)

    def _rank(
        self, turn: int, scored: dict[int, tuple[float, int, int]], seconds: float | None
    ) -> tuple[float, float, bool]:
        """Best score first; then nearer in time; then a respondent's turn."""
        interviewer = self.transcript.is_interviewer(self.transcript.turns[turn].speaker)
        return (-round(scored[turn][0], 3), self._distance(turn, seconds), interviewer)

    def find(self, words: str, seconds: float | None = None) -> Attempt:
        """Where the quoted ``words``, cited at ``seconds`` (None: no time), are."""
        found = _WORD.findall(words)
        keys = [_key(w) for w in found]
        letters = [len(w) for w in found]
        if len(keys) < MIN_WORDS:
            return Attempt(None, 0.0, TOO_SHORT)
        scored: dict[int, tuple[float, int, int]] = {}
        best_seen = 0.0
        windows = WINDOWS if seconds is not None and self._timed else (None,)
        for window in windows:
            if window is None:
                candidates = list(range(len(self.transcript.turns)))
            else:
                assert seconds is not None
                candidates = self._near(seconds, window)
            for turn in candidates:
                if turn not in scored:
                    scored[turn] = self._score(turn, keys, letters)
            if not candidates:
                continue
            best = min(candidates, key=lambda turn: self._rank(turn, scored, seconds))
            score, first, end = scored[best]
            best_seen = max(best_seen, score)
            if score >= MIN_SCORE:
                words_at = self._words[best]
                return Attempt(
                    Match(best, words_at[first][0], words_at[end - 1][1], round(score, 3)),
                    round(score, 3),
                    "",
                )
        return Attempt(None, round(best_seen, 3), NOT_FOUND)


__all__ = [
    "MIN_SCORE",
    "NOT_FOUND",
    "TOO_SHORT",
    "WINDOWS",
    "Attempt",
    "CitedQuote",
    "Match",
    "TranscriptWords",
    "quotes_of_entry",
    "timed_lines",
]
