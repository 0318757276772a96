"""oTranscribe's .otr: JSON whose ``text`` is the transcript as HTML::

    {"text": "<p><span class=\\"timestamp\\" data-timestamp=\\"585.2\\">09:45</span>
              <b>Leder:</b> Det er kollegerne.</p>...", "media": "I03.m4a", ...}

A timestamp span (its ``data-timestamp`` is seconds) begins a turn at that
time; the span's own text (``09:45``) is only its label and is left out. The
speaker is a bold label at the start (``<b>Leder:</b>`` or ``<b>Leder</b>:``)
or a ``Leder:`` prefix; a timed turn without one goes on with the speaker
before it. A paragraph with neither time nor speaker continues the turn
above it. HTML is read with the standard library's parser: it is text, never
markup that is kept.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from eftertanke.importers.transcripts.errors import TranscriptFormatError, shown
from eftertanke.importers.transcripts.parsed import (
    ParsedTranscript,
    Segment,
    decode,
    finish,
    looks_like_name,
    split_speaker,
)

_BREAKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
_BOLD = {"b", "strong"}

# A piece of a line: a time (seconds, or the attribute as written when it is
# not a number), or words (bold or not).
Piece = tuple[str, object, bool]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[list[Piece]] = [[]]
        self._bold = 0
        self._in_stamp = 0

    def _break(self) -> None:
        if self.lines[-1]:
            self.lines.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._in_stamp:
            if tag == "span":
                self._in_stamp += 1
            return
        if tag in _BREAKS:
            self._break()
        elif tag in _BOLD:
            self._bold += 1
        elif tag == "span" and "timestamp" in (values.get("class") or "").split():
            self.lines[-1].append(("time", values.get("data-timestamp") or "", False))
            self._in_stamp = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self._in_stamp:
            if tag == "span":
                self._in_stamp -= 1
            return
        if tag in _BOLD and self._bold:
            self._bold -= 1
        elif tag in _BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._in_stamp and data:
            self.lines[-1].append(("words", data.replace("\u00a0", " "), bool(self._bold)))


def _line_of_attribute(raw: str, value: str) -> int | None:
    for match in re.finditer(r'data-timestamp=\\?"([^"\\]*)', raw):
        if match.group(1) == value:
            return raw.count("\n", 0, match.start()) + 1
    return None


def _seconds(value: object, raw: str) -> float:
    try:
        seconds = float(str(value))
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 10**7:  # also NaN and inf
        raise TranscriptFormatError(
            f"a timestamp's data-timestamp must be seconds such as 585.2, got {shown(str(value))}",
            _line_of_attribute(raw, str(value)),
        )
    return seconds


def _labelled(pieces: list[Piece]) -> tuple[str, str]:
    """(speaker, words) of a run of pieces: a bold label first, else a prefix."""
    words = [(str(text), bold) for kind, text, bold in pieces if kind == "words"]
    while words and not words[0][0].strip():
        words.pop(0)
    if words and words[0][1]:
        label = words[0][0].strip()
        rest = "".join(text for text, _ in words[1:])
        name = label.rstrip(":").strip()
        if (
            name
            and looks_like_name(name)
            and (label.endswith(":") or rest.lstrip().startswith(":") or rest[:1].isspace())
        ):
            return " ".join(name.split()), rest.lstrip().removeprefix(":")
    return split_speaker("".join(text for text, _ in words))


def parse(data: bytes | str) -> ParsedTranscript:
    raw = decode(data)
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TranscriptFormatError(
            f"the file is not valid JSON (column {exc.colno}: "
            f"{exc.msg.removesuffix(' at').lower()}); an oTranscribe file is JSON",
            exc.lineno,
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("text"), str):
        raise TranscriptFormatError(
            'an oTranscribe file is JSON with the transcript as HTML in its "text" field; '
            "this file has none",
            1,
        )
    reader = _Reader()
    reader.feed(document["text"])
    reader.close()
    segments: list[Segment] = []
    pending: float | None = None  # a time with no words after it yet
    for line in reader.lines:
        # Each time on the line begins a new turn; the words before the first
        # time, if any, belong to the line's start.
        runs: list[tuple[float | None, list[Piece]]] = [(None, [])]
        for piece in line:
            if piece[0] == "time":
                runs.append((_seconds(piece[1], raw), []))
            else:
                runs[-1][1].append(piece)
        for index, (seconds, pieces) in enumerate(runs):
            speaker, words = _labelled(pieces)
            if not words.strip():
                pending = seconds if seconds is not None else pending
                continue
            if seconds is None:
                seconds = pending
            pending = None
            unnamed_paragraph = index == 0 and bool(segments) and not segments[-1].speaker
            if speaker or seconds is not None or not segments or unnamed_paragraph:
                if not speaker and segments:
                    speaker = segments[-1].speaker
                segments.append(Segment(speaker, words, seconds))
            else:
                segments[-1].text += " " + words
    return finish("otr", segments)
