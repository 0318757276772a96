"""What every transcript parser returns, and the small rules they share.

A parser reads a file's bytes into *segments* (a speaker, words, and the
times it has), and ``finish`` makes turns of them. In the cue formats (WebVTT,
SRT) consecutive cues of the same named speaker become one turn, as a reader
sees them: Teams cuts one answer into a cue every few seconds. In the
paragraph formats (Teams .docx, Otter, oTranscribe, plain text) a segment is
a paragraph the tool or the transcriber began on purpose, with its own time,
and stays a turn. Segments without a speaker are never joined: with nobody
to attribute them to, a cue is the smallest honest unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eftertanke.importers.transcripts.errors import TranscriptFormatError, shown
from eftertanke.transcript import Turn

UNKNOWN_SPEAKER = "?"


@dataclass(slots=True)
class ParsedTranscript:
    """A transcript file read into turns, before it belongs to an interview."""

    format: str
    turns: list[Turn]
    # Lines (or paragraphs) above the first turn that were left out: the
    # title, date and length a Teams document starts with, a heading.
    left_out: int = 0

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(turn.speaker for turn in self.turns))

    def words(self) -> int:
        return sum(len(turn.text.split()) for turn in self.turns)


@dataclass(slots=True)
class Segment:
    """A speaker's words as a parser reads them, with the times the file gives."""

    speaker: str  # "" when the file does not say
    text: str
    start: float | None = None
    end: float | None = None
    line: int = 0  # the file line it starts on, for errors


def joined(segments: list[Segment], join: bool = True) -> list[Turn]:
    """Turns from segments; with ``join``, consecutive segments of one named
    speaker are one turn."""
    turns: list[Turn] = []
    last_speaker = ""
    for segment in segments:
        text = " ".join(segment.text.split())
        if not text:
            continue
        if join and turns and segment.speaker and segment.speaker == last_speaker:
            turn = turns[-1]
            turn.text = f"{turn.text} {text}"
            # A joined turn ends when its last segment does; a segment without an
            # end leaves it unknown rather than inventing one.
            turn.end = segment.end
            if turn.start is None:
                turn.start = segment.start
            continue
        turns.append(Turn(segment.speaker or UNKNOWN_SPEAKER, text, segment.start, segment.end))
        last_speaker = segment.speaker
    return turns


def finish(
    format: str, segments: list[Segment], *, join: bool = False, left_out: int = 0
) -> ParsedTranscript:
    turns = joined(segments, join)
    if not turns:
        raise TranscriptFormatError("the file holds no spoken words: there is nothing to import")
    return ParsedTranscript(format, turns, left_out)


# -- text ---------------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes | str) -> str:
    """A text file's characters: UTF-8 (with or without a byte-order mark), or
    UTF-16 when it starts with its byte-order mark (Windows' "Unicode").

    Anything else is refused with the line of the first byte that is not
    UTF-8: guessing an old code page would store wrong letters silently."""
    if isinstance(data, str):
        text = data
    elif data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TranscriptFormatError(
                "the file starts like UTF-16 text but is not; save it as UTF-8"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise TranscriptFormatError(
                f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read "
                "(save the file as UTF-8, e.g. iconv -f latin1 -t utf-8)",
                line,
            ) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise TranscriptFormatError("the file holds a NUL character: it is not a text file", line)
    if not text.strip():
        raise TranscriptFormatError("the file is empty: there is nothing to import")
    return text


def lines_of(text: str) -> list[str]:
    """The file's lines without their endings (\\n, \\r\\n or a lone \\r)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# -- times ----------------------------------------------------------------------------

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


def clock_seconds(value: str) -> float | None:
    """Seconds from h:mm:ss(.fff) or m:ss(.fff); None if it is not one (or
    minutes or seconds are 60 or more)."""
    match = _CLOCK.match(value.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        # Rounded to the millisecond, so 00:00:03.120 is exactly 3.12.
        return round(total + int(fraction) / 10 ** len(fraction), 3)
    return float(total)


# -- speakers -------------------------------------------------------------------------

# "Anna Jensen: words", "Speaker 2: words", "R03: words", "Anne-Mette la Cour: words".
# A name is at most five words, each capitalised or a number, with the small
# lower-case particles of Nordic and European names allowed between them;
# that keeps a sentence with a colon in it ("Det er sådan: vi ...") as speech.
_PARTICLES = {"af", "de", "del", "der", "den", "di", "du", "la", "le", "van", "von", "zu"}
_PREFIX = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s+(\S.*)$", re.DOTALL)


def looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or "://" in name:
        return False
    first = words[0]
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    for word in words:
        if word in _PARTICLES:
            continue
        head = word.lstrip("(")
        if not head or not (head[0].isupper() or head[0].isdigit()):
            return False
        if not all(c.isalnum() or c in "-'.()’" for c in word):
            return False
    return not words[-1].endswith(".") or len(words[-1]) <= 3


def split_speaker(text: str) -> tuple[str, str]:
    """("Anna Jensen", "words") from "Anna Jensen: words"; ("", text) when the
    text does not start with a speaker's name."""
    match = _PREFIX.match(text)
    if match and looks_like_name(match.group(1)):
        return " ".join(match.group(1).split()), match.group(2)
    return "", text


def expected(what: str, got: str, line: int) -> TranscriptFormatError:
    return TranscriptFormatError(f"{what} was expected, got {shown(got)}", line)
