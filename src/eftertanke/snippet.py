"""Where a search hit is in a text, and a one-line snippet around it.

The search (``services.query``) matches casefolded words anywhere in an
entry's text, so "tavshed" finds "Tavshed" and "TAVSHED" and "Ålborg" is
found by "ålborg". A list of results wants to show *where*: a short piece
of the text around the first hit, with every hit marked. This module answers
that with plain data, a string and the spans of the hits in it, so the app
can draw it with styles (never by building markup out of user text) and an
export or an analysis could reuse it.

Casefolding may lengthen a text ("ß" folds to "ss", "ﬁ" to "fi"), so a hit
found in the folded text is mapped back to the characters of the original
that it covers. When folding keeps the length, as it does for Danish and
English text, the positions are the same and no map is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eftertanke.textsafe import one_line

Span = tuple[int, int]

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Snippet:
    """One line of text and the ``[start, end)`` spans of the hits in it."""

    text: str
    hits: tuple[Span, ...]


def _folded(text: str) -> tuple[str, list[int] | None]:
    """``text`` casefolded, and for each folded character the index of the
    original character it came from (None when the two line up one to one)."""
    folded = text.casefold()
    if len(folded) == len(text):
        # Folding never shortens a character, so equal lengths mean every
        # character folded to exactly one.
        return folded, None
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(char.casefold()))
    return folded, origin


def find_hits(text: str, words: Sequence[str]) -> list[Span]:
    """Spans of ``text`` where any of ``words`` (casefolded) occurs, sorted,
    with overlapping and touching spans merged."""
    words = [w for w in words if w]
    if not words or not text:
        return []
    folded, origin = _folded(text)
    found: list[Span] = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            end = at + len(word)
            if origin is None:
                found.append((at, end))
            else:
                found.append((origin[at], origin[end - 1] + 1))
            at = folded.find(word, at + 1)
    return merged(found)


def merged(spans: Iterable[Span]) -> list[Span]:
    """The spans in order, overlapping and touching ones joined (analysis counts
    coded words over the same union)."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def snippet(texts: Iterable[str], words: Sequence[str], width: int = 80) -> Snippet | None:
    """A piece of at most about ``width`` characters around the first hit.

    ``texts`` are tried in order (say the body, the answers, the quotes); the
    one holding the most different words wins, the earlier on a tie. The
    piece is squeezed onto one line and made safe for a terminal; it starts
    a little before the first hit, at a word boundary where one is near, and
    is marked with "…" where it was cut. None when no text holds a word.
    """
    words = [w for w in words if w]
    if not words:
        return None
    best: tuple[int, str] | None = None
    for text in texts:
        if not text:
            continue
        folded = text.casefold()
        count = sum(1 for w in words if w in folded)
        if count and (best is None or count > best[0]):
            best = (count, text)
            if count == len(words):
                break
    if best is None:
        return None
    # Squeezing whitespace cannot split a hit (a search word has none), and
    # the terminal placeholders only replace control characters.
    line = one_line(best[1])
    hits = find_hits(line, words)
    if not hits:
        return None
    return _window(line, hits, max(width, 8))


def _window(line: str, hits: list[Span], width: int) -> Snippet:
    """The part of ``line`` that shows the first hit, ``width`` characters
    long with its "…" marks."""
    if len(line) <= width:
        return Snippet(line, tuple(hits))
    first_start, first_end = hits[0]
    # A third of the room before the hit, so that it reads in its context.
    lead = max(0, min(width // 3, width - (first_end - first_start) - 2))
    start = max(0, first_start - lead)
    room = width - (1 if start else 0)
    if start + room >= len(line):
        # The end is within reach: show the whole tail, as much as fits.
        start = len(line) - (width - 1)
    start = _word_start(line, start, first_start)
    room = width - (1 if start else 0)
    end = len(line) if start + room >= len(line) else start + room - 1  # a cell for "…"
    prefix = ELLIPSIS if start else ""
    suffix = ELLIPSIS if end < len(line) else ""
    shift = len(prefix) - start
    shown = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in hits if e > start and s < end
    )
    return Snippet(prefix + line[start:end] + suffix, shown)


def _word_start(line: str, start: int, limit: int) -> int:
    """``start`` moved on to the beginning of a word if one begins soon
    (before ``limit``, the first hit), so a snippet does not open mid-word."""
    if start <= 0 or line[start - 1] == " ":
        return start
    space = line.find(" ", start, min(limit, start + 12))
    return space + 1 if space >= 0 else start
