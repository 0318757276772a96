"""SubRip (.srt): numbered cues with ``00:01:02,000 --> 00:01:05,000`` times.

The speaker, when the tool wrote one, is in front of the words
(``Anna Jensen: ...``, as Otter's and Zoom's SRT exports do); a cue without
one is a turn of an unknown speaker. Formatting tags (``<i>``, ``<font>``)
and ASS position codes (``{\\an8}``) are dropped, their words kept.

Why not the ``srt`` package: it reports a broken cue by character offset and
the cue grammar is the one WebVTT has (``cues``), so reading it here costs a
few lines and no dependency, and the error names the line.
"""

from __future__ import annotations

import html
import re

from eftertanke.importers.transcripts.cues import blocks, cue_of
from eftertanke.importers.transcripts.parsed import (
    ParsedTranscript,
    Segment,
    decode,
    finish,
    lines_of,
    split_speaker,
)

EXAMPLE = "00:01:02,000 --> 00:01:05,000"
_MARKUP = re.compile(r"<[^>]*>|\{\\[^}]*\}")


def parse(data: bytes | str) -> ParsedTranscript:
    lines = lines_of(decode(data))
    segments: list[Segment] = []
    for block in blocks(lines):
        cue = cue_of(block, EXAMPLE)
        words = html.unescape(_MARKUP.sub("", cue.text))
        speaker, words = split_speaker(words)
        segments.append(Segment(speaker, words, cue.start, cue.end, cue.line))
    return finish("srt", segments, join=True)
