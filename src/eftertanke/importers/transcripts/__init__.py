"""Reading interview transcripts: WebVTT (Teams, Zoom), SRT, Teams .docx,
Otter's text export, oTranscribe's .otr and plain text with timestamps.

Each format is one module with a pure ``parse(bytes | str) -> ParsedTranscript``;
``detect`` chooses the format; every parser raises ``TranscriptFormatError``
naming the file line. ``read_transcript`` is the one entry point: it reads
nothing but the bytes it is given and stores nothing.
"""

from __future__ import annotations

import importlib

from eftertanke.importers.transcripts.detect import FORMATS, detect_format
from eftertanke.importers.transcripts.errors import TranscriptFormatError
from eftertanke.importers.transcripts.parsed import ParsedTranscript

# The module that reads each format (``text`` is plain text: plain.py).
_MODULES = {
    "vtt": "vtt",
    "srt": "srt",
    "docx": "docx",
    "otter": "otter",
    "otr": "otr",
    "text": "plain",
}


def parse_as(format: str, data: bytes | str) -> ParsedTranscript:
    """Read ``data`` as a transcript of the given format."""
    module = importlib.import_module(f"eftertanke.importers.transcripts.{_MODULES[format]}")
    return module.parse(data)


def read_transcript(name: str, data: bytes, format: str | None = None) -> ParsedTranscript:
    """Read a transcript file's bytes; errors name the file (``name``) and the line."""
    if not data.strip():
        raise TranscriptFormatError("the file is empty: there is nothing to import", None, name)
    try:
        return parse_as(detect_format(name, data, format), data)
    except TranscriptFormatError as exc:
        raise exc.in_file(name) from None


__all__ = [
    "FORMATS",
    "ParsedTranscript",
    "TranscriptFormatError",
    "detect_format",
    "parse_as",
    "read_transcript",
]
