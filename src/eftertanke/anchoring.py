"""Keeping a coded span on the same words when the text around it is edited.

A coding remembers the words it covers (``quote``) and a little of the text
on either side (``before`` and ``after``). When its source text changes, the
span is found again, in this order:

1. the same offsets still hold the same words: nothing moves;
2. the words occur elsewhere: the occurrence whose surroundings match best
   (ties: the one nearest the old place);
3. the words were edited but the text on both sides survives: the span
   between the two sides, if it is still mostly the same words;

and otherwise the span cannot be found, and the coding is flagged for the
researcher to review (never silently moved to text it did not code).

Pure string functions; no domain objects, no I/O.
"""

from __future__ import annotations

from difflib import SequenceMatcher

CONTEXT_CHARS = 40
# How alike the words between the surviving context must be to the old words
# (difflib's ratio) for step 3 to accept them.
MIN_SIMILARITY = 0.6


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after a span, as a coding remembers it."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def words_at(text: str, start: int, end: int) -> tuple[str, str, str] | None:
    """The words of ``text[start:end]`` and their context, as a new coding or mark
    remembers them; None when the span is not inside the text (end after start)."""
    if not 0 <= start < end <= len(text):
        return None
    return (text[start:end], *context(text, start, end))


def outside_message(text: str, start: int, end: int) -> str:
    """The one line that says a span is not inside its text."""
    return f"the span {start}-{end} is not inside the text (0-{len(text)}, end after start)"


def offsets_problem(start: object, end: object, what: str) -> str | None:
    """What is wrong with a stored span's offsets (``what``: "a coding's"), or None:
    both whole numbers from 0, the end after the start."""
    for name, value in (("start", start), ("end", end)):
        if not is_offset(value) or value < 0:  # type: ignore[operator]
            return f"{what} {name} must be a whole number from 0"
    if end <= start:  # type: ignore[operator]
        return f"{what} span must end after it starts"
    return None


def is_offset(value: object) -> bool:
    """A character offset as stored: an int, never a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def follow(
    text: str, start: int, end: int, quote: str, before: str = "", after: str = ""
) -> tuple[int, int, str, str, str] | None:
    """The span re-anchored into ``text`` with its words and context taken anew
    (start, end, quote, before, after), or None when the words cannot be found."""
    found = reanchor(text, start, end, quote, before, after)
    if found is None:
        return None
    new_start, new_end = found
    return (new_start, new_end, text[new_start:new_end], *context(text, new_start, new_end))


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    index = text.find(quote)
    while index != -1:
        found.append(index)
        index = text.find(quote, index + 1)
    return found


def reanchor(
    text: str, start: int, end: int, quote: str, before: str = "", after: str = ""
) -> tuple[int, int] | None:
    """Where the coded words are in ``text`` now, or None when they cannot be found."""
    if not quote:
        return None
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    hits = _occurrences(text, quote)
    if hits:

        def score(index: int) -> tuple[int, int]:
            fit = _common_suffix(text[:index], before) + _common_prefix(
                text[index + len(quote) :], after
            )
            return (-fit, abs(index - start))

        best = min(hits, key=score)
        return best, best + len(quote)
    return _between_context(text, start, quote, before, after)


def _between_context(
    text: str, start: int, quote: str, before: str, after: str
) -> tuple[int, int] | None:
    # The surviving sides must be telling (a dozen letters between them) and
    # each found exactly once; a side is empty only at the text's start or end.
    if len((before + after).strip()) < 12:
        return None
    if before:
        if text.count(before) != 1:
            return None
        new_start = text.index(before) + len(before)
    else:
        new_start = 0
    if after:
        if text.count(after, new_start) != 1:
            return None
        new_end = text.index(after, new_start)
    else:
        new_end = len(text)
    if new_end <= new_start:
        return None
    candidate = text[new_start:new_end]
    if SequenceMatcher(None, candidate, quote, autojunk=False).ratio() < MIN_SIMILARITY:
        return None
    return new_start, new_end


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every place a phrase occurs in a text, ignoring case, as (start, end)."""
    if not phrase:
        return []
    folded_text, folded_phrase = text.casefold(), phrase.casefold()
    if len(folded_text) != len(text) or len(folded_phrase) != len(phrase):
        # casefold changed lengths (ß -> ss): fall back to exact matching so the
        # offsets stay offsets into the original text.
        folded_text, folded_phrase = text, phrase
    return [(i, i + len(phrase)) for i in _occurrences(folded_text, folded_phrase)]
