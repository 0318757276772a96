"""Quotes written as lines: ``9.45 text`` is a quote said 9 minutes 45 seconds in.

The one reading of a "time, then words" line, for the app's quotes prompt,
the terminal's prompts and ``:quote`` alike. A line is a quote when it starts
(after an optional list bullet) with an interview time as the thesis cites
it: ``9.45``, ``09:45``, ``1:09:45`` or ``1.09.45``, bare, in brackets
(``[09:45]``, the way transcripts print it) or in parentheses, followed by a
space or a separator (``-``, ``–``, ``—``, ``:``) and then the words. Seconds
and minutes after the first part are two digits below 60, so ``12.5 %``,
``10.000 kr.`` and ``9.75`` are not times. Quote marks around the words
(``"…"``, ``“…”``, ``„…“``, ``»…«``, ``«…»``) are dropped, and ``#tags`` at
the end of the line are the quote's themes (``#farlig_tavshed`` reads as
"farlig tavshed"), as in any answer.

Pure functions of text; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eftertanke.domain import timestamp_seconds

_TIME = r"\d{1,3}[.:]\d{2}(?:[.:]\d{2})?"
_LINE_RE = re.compile(
    rf"^\s*(?:[-*•·]\s+)?"
    rf"(?:\[\s*(?P<bracketed>{_TIME})\s*\]|\(\s*(?P<parenthesised>{_TIME})\s*\)|(?P<bare>{_TIME}))"
    r"(?:\s*[-–—:]\s*|\s+)(?P<text>\S.*?)\s*$"
)
_TRAILING_TAGS_RE = re.compile(r"(?:\s+#[\w][\w-]*)+$")
_TAG_RE = re.compile(r"#([\w][\w-]*)")
_QUOTE_MARKS = (('"', '"'), ("“", "”"), ("„", "“"), ("»", "«"), ("«", "»"), ("'", "'"), ("‘", "’"))


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """A line read as a quote: the time as written (without brackets), the
    words without their quote marks, and the themes its trailing tags name."""

    timestamp: str
    quote: str
    themes: tuple[str, ...] = ()


def parse_quote_line(line: str) -> QuoteLine | None:
    """The quote a line holds, or None when it does not start with a time."""
    match = _LINE_RE.match(line)
    if match is None:
        return None
    timestamp = match.group("bracketed") or match.group("parenthesised") or match.group("bare")
    if timestamp_seconds(timestamp) is None:
        return None
    text = match.group("text")
    themes: tuple[str, ...] = ()
    tags = _TRAILING_TAGS_RE.search(text)
    if tags and tags.start() > 0:
        found = [t for t in _TAG_RE.findall(tags.group()) if not t.isdigit()]
        if found:
            themes = tuple(t.replace("_", " ").strip() for t in found)
            text = text[: tags.start()].rstrip()
    text = _unquoted(text)
    if not text:
        return None
    return QuoteLine(timestamp, text, themes)


def quote_lines(text: str) -> tuple[list[QuoteLine], list[str]]:
    """The quotes among ``text``'s lines, and the other lines as written."""
    quotes: list[QuoteLine] = []
    rest: list[str] = []
    for line in text.splitlines():
        parsed = parse_quote_line(line)
        if parsed is None:
            rest.append(line)
        else:
            quotes.append(parsed)
    return quotes, rest


def _unquoted(text: str) -> str:
    for opening, closing in _QUOTE_MARKS:
        if len(text) >= 2 and text.startswith(opening) and text.endswith(closing):
            inner = text[len(opening) : -len(closing)].strip()
            # "a" and "b" is two quotes, not one quoted text: keep it as written.
            if opening not in inner and closing not in inner:
                return inner
    return text
