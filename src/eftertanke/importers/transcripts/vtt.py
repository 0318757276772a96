"""WebVTT, as Microsoft Teams and Zoom write it.

Teams gives every cue an id and the speaker as a voice span::

    3f1c0a6e-.../17-0
    00:01:02.120 --> 00:01:05.480
    <v Anna Jensen>Hvad giver dig energi?</v>

Zoom numbers its cues and puts the speaker in front of the words::

    12
    00:01:02.120 --> 00:01:05.480
    Anna Jensen: Hvad giver dig energi?

Both are read, as are NOTE, STYLE and REGION blocks (skipped), cue settings,
other cue tags (``<c>``, ``<i>``, ``<b>``, inner timestamps: their words are
kept) and character references (``&amp;``). A cue with two voice spans gives
two turns. Consecutive cues of one speaker are one turn.

Why not webvtt-py: it keeps only the first voice of a cue (two speakers in
one cue lose the second), skips a malformed cue silently unless strict, and
then names the block, not the line; the cue grammar is small enough to read
here with line numbers.
"""

from __future__ import annotations

import html
import re

from eftertanke.importers.transcripts.cues import blocks, cue_of
from eftertanke.importers.transcripts.parsed import (
    ParsedTranscript,
    Segment,
    decode,
    expected,
    finish,
    lines_of,
    split_speaker,
)

EXAMPLE = "00:01:02.000 --> 00:01:05.000"
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_SKIPPED_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|</v\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _words(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup)).replace("\u00a0", " ")


def voices(text: str) -> list[tuple[str, str]]:
    """(speaker, words) for each voice span of a cue's text; the speaker is ""
    for words outside any span (before the first one)."""
    parts: list[tuple[str, str]] = []
    speaker = ""
    position = 0
    for match in _VOICE.finditer(text):
        parts.append((speaker, text[position : match.start()]))
        # After a closing </v> the words still belong to the voice that spoke last.
        if not match.group(0).startswith("</"):
            speaker = " ".join((match.group(1) or "").split())
        position = match.end()
    parts.append((speaker, text[position:]))
    found = []
    for who, markup in parts:
        words = _words(markup)
        if words.strip():
            found.append((who, words))
    return found


def parse(data: bytes | str) -> ParsedTranscript:
    lines = lines_of(decode(data))
    if not _HEADER.match(lines[0].strip()):
        raise expected("a WebVTT file starting with the line WEBVTT", lines[0], 1)
    segments: list[Segment] = []
    for block in blocks(lines, header=True)[1:]:
        if _SKIPPED_BLOCK.match(block.lines[0].strip()) and "-->" not in block.lines[0]:
            continue
        cue = cue_of(block, EXAMPLE)
        for speaker, words in voices(cue.text):
            if not speaker:
                speaker, words = split_speaker(words)
            segments.append(Segment(speaker, words, cue.start, cue.end, cue.line))
    return finish("vtt", segments, join=True)
