"""Otter.ai's text export: a heading line per turn, the words, a blank line::

    Anna Jensen  0:03
    Hej, og tak fordi du ville være med.

    Speaker 2  1:02:05
    Det er fællesskabet.

    Transcribed by https://otter.ai

The name and the time are parted by two spaces (or a tab); one space is
read too when the name looks like one. A block without a heading continues
the turn before it (a paragraph break inside an answer). Otter's closing
"Transcribed by" line is left out.
"""

from __future__ import annotations

import re

from eftertanke.importers.transcripts.parsed import (
    ParsedTranscript,
    Segment,
    clock_seconds,
    decode,
    expected,
    finish,
    lines_of,
    looks_like_name,
)

_WIDE = re.compile(r"^(?P<name>\S.*?)(?:[ \u00a0]{2,}|\t)\s*(?P<time>\d\S*)\s*$")
_NARROW = re.compile(r"^(?P<name>\S.*?) (?P<time>\d\S*)\s*$")
_BARE = re.compile(r"^\s*(?P<time>\d{1,3}:\d\S*)\s*$")
_CREDIT = re.compile(r"^\s*Transcribed by\b.*otter\.ai", re.IGNORECASE)


def heading(line: str, number: int) -> tuple[str, float] | None:
    """(speaker, seconds) when the line is a turn's heading, None when it is words.

    A heading whose time is not one (``0:7x``) is an error, not words."""
    for pattern in (_WIDE, _BARE, _NARROW):
        match = pattern.match(line)
        if match is None:
            continue
        name = " ".join((match.groupdict().get("name") or "").split())
        if pattern is _NARROW and not looks_like_name(name):
            return None
        seconds = clock_seconds(match.group("time"))
        if seconds is None:
            if ":" not in match.group("time"):
                return None
            raise expected("a time like 0:03 or 1:02:05 after the speaker's name", line, number)
        return name, seconds
    return None


def is_otter(text: str) -> bool:
    """Whether a text file looks like Otter's export (its first line a heading)."""
    first = next((line for line in lines_of(text) if line.strip()), "")
    return bool(_WIDE.match(first) or _BARE.match(first))


def parse(data: bytes | str) -> ParsedTranscript:
    lines = lines_of(decode(data))
    segments: list[Segment] = []
    at_block_start = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            at_block_start = True
            continue
        if _CREDIT.match(line):
            continue
        head = heading(line, number) if at_block_start else None
        at_block_start = False
        if head is not None:
            segments.append(Segment(head[0], "", head[1], None, number))
        elif segments:
            segments[-1].text += " " + line
        else:
            raise expected("a turn heading such as 'Anna Jensen  0:03'", line, number)
    return finish("otter", segments)
