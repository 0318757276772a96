"""Cue blocks, as WebVTT and SRT both have them: an optional id line, a timing
line ``start --> end``, then the cue's text, with a blank line after.

Both formats are read here with the file's line numbers kept, so an error can
name the line a person has to fix. Like the WebVTT parsing rules, a timing
line that turns up where a cue's text was expected starts a new cue (a blank
line left out between two cues), instead of being read as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eftertanke.importers.transcripts.errors import TranscriptFormatError
from eftertanke.importers.transcripts.parsed import clock_seconds, expected

ARROW = "-->"
_TIMING = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)(?:\s.*)?$")


@dataclass(slots=True)
class Block:
    """A cue block: the file line it starts on, and its lines."""

    line: int  # the file line of its first line
    lines: list[str]


@dataclass(slots=True)
class Cue:
    """One cue: its id, its start and end in seconds, its text, and the line of its timing."""

    ident: str
    start: float
    end: float
    text: str  # its lines joined with newlines, tags still in
    line: int  # the file line of its timing line


def blocks(lines: list[str], first: int = 0, *, header: bool = False) -> list[Block]:
    """Blocks of non-blank lines from ``lines[first:]`` (line numbers from 1).

    With ``header`` the first block is a file header, which any timing line
    ends (there the blank line is often left out)."""
    found: list[Block] = []
    current: list[str] = []
    start = first
    in_header = header
    for index in range(first, len(lines)):
        line = lines[index]
        if not line.strip():
            if current:
                found.append(Block(start + 1, current))
                current = []
                in_header = False
            continue
        if current and ARROW in line and (in_header or len(current) > 1 or ARROW in current[0]):
            # An SRT cue number just above belongs to the new cue, not to the old one's words.
            carried = [current.pop()] if len(current) > 2 and current[-1].strip().isdigit() else []
            found.append(Block(start + 1, current))
            current = carried
            start = index - len(carried)
            in_header = False
        if not current:
            start = index
        current.append(line)
    if current:
        found.append(Block(start + 1, current))
    return found


def cue_of(block: Block, example: str) -> Cue:
    """The cue a block holds, or a TranscriptFormatError naming the bad line.

    ``example`` is a timing line of the format, for the message."""
    lines = block.lines
    what = f"a cue time like {example}"
    if ARROW in lines[0]:
        ident, timing_at = "", 0
    elif len(lines) > 1 and ARROW in lines[1]:
        ident, timing_at = lines[0].strip(), 1
    else:
        at = 1 if len(lines) > 1 else 0
        raise expected(what, lines[at], block.line + at)
    line_number = block.line + timing_at
    timing = lines[timing_at]
    match = _TIMING.match(timing)
    start = clock_seconds(match.group(1)) if match else None
    end = clock_seconds(match.group(2)) if match else None
    if start is None or end is None:
        raise expected(what, timing, line_number)
    if end < start:
        raise TranscriptFormatError(
            f"the cue ends ({match.group(2)}) before it starts ({match.group(1)})",  # type: ignore[union-attr]
            line_number,
        )
    return Cue(ident, start, end, "\n".join(lines[timing_at + 1 :]), line_number)
