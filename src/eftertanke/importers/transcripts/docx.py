"""Microsoft Teams' Word transcript (.docx), in the two shapes Teams has written.

Teams today starts with the meeting's title, date and length, then one
paragraph per turn, its lines parted by line breaks::

    Interview I03
    14. marts 2026, 10:00
    32m 14s
    Anna Jensen started transcription
    Anna Jensen   0:03
    Hej, og tak fordi du ville være med.
    Bo Holm   1:02:05
    Det er fællesskabet.
    Anna Jensen stopped transcription

Older Teams (and Stream) wrote a cue time, then the name, then the words::

    0:00:03.120 --> 0:00:08.440
    Anna Jensen
    Hej, og tak fordi du ville være med.

Both are read. Lines before the first turn (title, date, length) and the
"started/stopped transcription" lines are left out. A *line* in an error is
a paragraph of the document, or a line of one after a line break, counted
from the top: the text is quoted so it can be found with Word's search.

python-docx reads the file: a .docx is a zip of XML parts, and the text of
a paragraph (runs, line breaks, tabs, hyperlinks) is its job. It is imported
only when a .docx is read, so no other command pays for it.
"""

from __future__ import annotations

import io
import re

from eftertanke.importers.transcripts.errors import TranscriptFormatError
from eftertanke.importers.transcripts.parsed import (
    ParsedTranscript,
    Segment,
    clock_seconds,
    expected,
    finish,
)

EXAMPLE = "0:00:03.120 --> 0:00:08.440"
_HEADING = re.compile(r"^(?P<name>\S.*?)(?:[ \u00a0]{2,}|\t)\s*(?P<time>\d\S*)$")
_ARROW = re.compile(r"^(?:(?P<name>\S.*?)\s+)?(?P<start>\d\S*)\s*-->\s*(?P<end>\d\S*)$")
# "Anna Jensen started transcription", and Danish Teams' wording as far as we
# know it ("startede transskriptionen"); matched at the end of a line only.
_TRANSCRIPTION_EVENT = re.compile(
    r"\b(?:started|stopped|startede|stoppede)\s+(?:the\s+)?(?:transcription|transskription\w*|"
    r"transskribering\w*)\s*$",
    re.IGNORECASE,
)


def document_lines(data: bytes) -> list[str]:
    """The text of a Word document, one entry per paragraph line."""
    try:
        from docx import Document  # python-docx; imported here, when a .docx is read

        document = Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure to open is "not a readable .docx"
        raise TranscriptFormatError(
            "the file is not a Word document that can be read: it is cut off or damaged, "
            f"or not a .docx ({type(exc).__name__}); export the transcript from Teams again"
        ) from None
    lines: list[str] = []
    for paragraph in document.paragraphs:
        lines.extend(paragraph.text.replace("\r", "\n").split("\n"))
    return lines


def parse(data: bytes | str) -> ParsedTranscript:
    if isinstance(data, str) or not data:
        raise TranscriptFormatError("the file is empty: there is nothing to import")
    lines = document_lines(data)
    segments: list[Segment] = []
    name_next: Segment | None = None  # an old-style cue waiting for its speaker line
    skipped = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if _TRANSCRIPTION_EVENT.search(line):
            continue
        if name_next is not None:
            name_next.speaker = " ".join(line.split())
            name_next = None
            continue
        if "-->" in line:
            arrow = _ARROW.match(line)
            start = clock_seconds(arrow.group("start")) if arrow else None
            end = clock_seconds(arrow.group("end")) if arrow else None
            if arrow is None or start is None or end is None:
                raise expected(f"a cue time like {EXAMPLE}", line, number)
            segment = Segment(" ".join((arrow.group("name") or "").split()), "", start, end, number)
            segments.append(segment)
            if not segment.speaker:
                name_next = segment
            continue
        heading = _HEADING.match(line)
        if heading and ":" in heading.group("time"):
            seconds = clock_seconds(heading.group("time"))
            if seconds is None:
                raise expected("a time like 0:03 or 1:02:05 after the speaker's name", line, number)
            segments.append(
                Segment(" ".join(heading.group("name").split()), "", seconds, None, number)
            )
            continue
        if segments:
            segments[-1].text += " " + line
        else:
            skipped += 1  # the title, date and length above the first turn
    if not any(segment.text.strip() for segment in segments):
        raise TranscriptFormatError(
            "no turns were found: a Teams transcript has a line such as 'Anna Jensen   0:03' "
            f"(or a cue time like {EXAMPLE}) above each turn"
        )
    return finish("docx", segments, left_out=skipped)
