"""Plain text a person typed or pasted: a time at the start of a line, then
``Speaker: words``. The times read are::

    [09:45] Leder: ...        [1:02:05] Leder: ...       (09:45) Leder: ...
    09:45 Leder: ...          9.45 Leder: ...  (minutes.seconds, as the thesis cites)

The time and the speaker are each optional. A line with neither goes on with
the turn above it (after a blank line too, a new paragraph of one answer,
unless nobody is named: then each paragraph is a turn); a
line with a time and no speaker is a new turn of the same speaker, so the
time a transcriber noted is kept. A line holding only a time gives it to the
next turn; lines above the first time or speaker (a title, a date) are
left out. Brackets that are not a time (``[latter]``, ``[utydeligt]``) are words; a
bracket that tries to be one and is not (``[09:75]``) is an error, so a
typo never moves a quote to the wrong minute silently. This is also the form
``eftertanke transcript show`` prints, so its output reads back in.
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
    split_speaker,
)
from eftertanke.transcript import parse_citation_time

_BRACKETED = re.compile(r"^\s*[\[(](?P<time>[^\])]{1,15})[\])]\s*")
_CLOCK_START = re.compile(r"^\s*(?P<time>\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)(?=\s|$)\s*")
_CITED_START = re.compile(r"^\s*(?P<time>\d{1,3}\.\d{2}(?:\.\d{2})?)(?=\s|$)\s*")
_TIME_LIKE = re.compile(r"^\d[\d:.,]*$")
_AFTER_TIME = re.compile(r"^[-–—:|]\s*")
TIME_HINT = "a time like [09:45], [1:02:05] or 9.45"


def leading_time(line: str, number: int) -> tuple[float | None, str]:
    """(seconds, the rest of the line) when the line starts with a time;
    (None, line) when it does not."""
    bracketed = _BRACKETED.match(line)
    if bracketed:
        value = bracketed.group("time").strip()
        if not _TIME_LIKE.match(value):
            return None, line  # [latter], [inaudible]: words
        seconds = clock_seconds(value)
        if seconds is None:
            seconds = parse_citation_time(value)
        if seconds is None:
            raise expected(TIME_HINT, line, number)
        rest = line[bracketed.end() :]
    else:
        clock = _CLOCK_START.match(line)
        cited = None if clock else _CITED_START.match(line)
        match = clock or cited
        if match is None:
            return None, line
        value = match.group("time")
        seconds = clock_seconds(value) if clock else parse_citation_time(value)
        if seconds is None:
            if cited:
                return None, line  # "3.75 procent": a number, not a time
            raise expected(TIME_HINT, line, number)
        rest = line[match.end() :]
    return seconds, _AFTER_TIME.sub("", rest.strip())


def parse(data: bytes | str) -> ParsedTranscript:
    lines = lines_of(decode(data))
    segments: list[Segment] = []
    pending_time: float | None = None
    after_blank = False
    first_marked: int | None = None  # the first segment with a time or a speaker
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            after_blank = True
            continue
        seconds, rest = leading_time(line, number)
        speaker, words = split_speaker(rest)
        if seconds is not None and not words.strip():
            pending_time = seconds
            continue
        if seconds is None and pending_time is not None:
            seconds, pending_time = pending_time, None
        # Paragraphs of nobody in particular stay apart (see parsed.py).
        unnamed_paragraph = after_blank and segments and not segments[-1].speaker
        after_blank = False
        if speaker or seconds is not None or not segments or unnamed_paragraph:
            if (speaker or seconds is not None) and first_marked is None:
                first_marked = len(segments)
            if not speaker and segments:
                speaker = segments[-1].speaker
            segments.append(Segment(speaker, words, seconds, None, number))
        else:
            segments[-1].text += " " + words
    # A heading above the first timed or named line (the interview's title, a
    # date) is not a turn.
    left_out = first_marked or 0
    return finish("text", segments[left_out:], left_out=left_out)
