"""Which transcript format a file is in: from its name's extension, and from
its first bytes where the extension does not decide (a ``.txt`` is Otter's
export or plain text; a file without a known extension is sniffed)."""

from __future__ import annotations

import re

from eftertanke.importers.transcripts.errors import TranscriptFormatError

FORMATS: tuple[str, ...] = ("vtt", "srt", "docx", "otter", "otr", "text")
_BY_EXTENSION = {".vtt": "vtt", ".webvtt": "vtt", ".srt": "srt", ".docx": "docx", ".otr": "otr"}
_SRT_START = re.compile(r"^\s*\d+\s*\n\s*\d+:\d{2}:\d{2}[,.]\d+\s*-->", re.MULTILINE)
_ZIP = b"PK\x03\x04"


def _head_text(data: bytes) -> str:
    return data[:4096].decode("utf-8-sig", errors="replace").lstrip("\ufeff").replace("\r", "")


def sniff(data: bytes) -> str:
    """The format a file's content shows (plain text when nothing else fits)."""
    from eftertanke.importers.transcripts import otter

    if data.startswith(_ZIP):
        return "docx"
    head = _head_text(data)
    stripped = head.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if stripped.startswith("{") and '"text"' in head:
        return "otr"
    if _SRT_START.match(head):
        return "srt"
    if otter.is_otter(head):
        return "otter"
    return "text"


def detect_format(name: str, data: bytes, given: str | None = None) -> str:
    """The format to read ``data`` (from a file called ``name``) as.

    ``given`` (``--format``) wins. A known extension decides, except that a
    ``.txt`` (or an unknown extension) is told apart by its content."""
    if given:
        if given not in FORMATS:
            raise TranscriptFormatError(
                f"unknown transcript format {given!r}; use one of {', '.join(FORMATS)}"
            )
        return given
    lowered = name.lower()
    for extension, format in _BY_EXTENSION.items():
        if lowered.endswith(extension):
            return format
    return sniff(data)
