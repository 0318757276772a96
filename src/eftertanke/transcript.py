"""An interview transcript: speaker turns with times, and the passages coded in it.

Pure dataclasses, like ``domain``. The transcript's *text*, the one coding
offsets point into (and the text a REFI-QDA TextSource carries), is made from
its turns, one line each::

    [09:45] Interviewer: Hvad giver dig energi i hverdagen?
    [09:52] Respondent: Det gør kollegerne.

A turn without a time has no bracket. The form is fixed, so offsets stay valid
for as long as the turns do; editing a turn re-anchors the codings like an
edited reflection (see ``anchoring``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import (
    LANGUAGES,
    Coding,
    ValidationError,
    _clean_list,
    _parse_dt,
    audit_dict,
    new_id,
    now,
    revision_of,
    timestamp_seconds,
)

TRANSCRIPT_FORMATS: tuple[str, ...] = ("vtt", "srt", "docx", "otter", "otr", "text")
MAX_TURNS = 20_000


def _hours_minutes_seconds(seconds: float) -> tuple[int, int, int]:
    """A time split as both the clock and the citation read it (whole seconds)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return hours, minutes, secs


def clock(seconds: float) -> str:
    """A time in a transcript as people read it: 09:45, or 1:02:03 past an hour."""
    hours, minutes, secs = _hours_minutes_seconds(seconds)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def citation_time(seconds: float) -> str:
    """A time as the thesis cites it: minutes.seconds, 9.45 (or 1.02.03)."""
    hours, minutes, secs = _hours_minutes_seconds(seconds)
    if hours:
        return f"{hours}.{minutes:02d}.{secs:02d}"
    return f"{minutes}.{secs:02d}"


def parse_citation_time(value: str) -> float | None:
    """Seconds from a cited time: 9.45, 09:45, 1:09:45 or 1.09.45; None if not one."""
    return timestamp_seconds(value)


@dataclass(slots=True)
class Turn:
    """One speaker's turn: what was said, and when (seconds from the start)."""

    speaker: str
    text: str
    start: float | None = None
    end: float | None = None

    def validate(self) -> Turn:
        self.speaker = " ".join((self.speaker or "").split()) or "?"
        # A turn is one line of the transcript's text: inner line breaks become spaces.
        self.text = " ".join((self.text or "").split())
        if not self.text:
            raise ValidationError(f"a turn of {self.speaker} has no words")
        for what, value in (("start", self.start), ("end", self.end)):
            if value is not None and (not isinstance(value, int | float) or value < 0):
                raise ValidationError(f"a turn's {what} time must be a number of seconds from 0")
        if self.start is not None and self.end is not None and self.end < self.start:
            self.end = self.start
        return self

    def line_prefix(self) -> str:
        stamp = f"[{clock(self.start)}] " if self.start is not None else ""
        return f"{stamp}{self.speaker}: "

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        return cls(
            speaker=str(data.get("speaker") or ""),
            text=str(data.get("text") or ""),
            start=data.get("start"),
            end=data.get("end"),
        )


@dataclass(slots=True)
class Transcript:
    """The transcript of one interview (``interview`` is its code above the store)."""

    interview: str
    turns: list[Turn] = field(default_factory=list)
    # Speaker names that are the interviewer(s); every other speaker is a respondent.
    interviewers: list[str] = field(default_factory=list)
    source_file: str = ""
    format: str = "text"
    language: str = "da"
    codings: list[Coding] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    created_by: str = ""
    updated_by: str = ""
    revision: int = 0
    _text: str | None = field(default=None, repr=False, compare=False)
    _spans: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    # -- the text --------------------------------------------------------------

    def _build(self) -> None:
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = 0
        for turn in self.turns:
            prefix = turn.line_prefix()
            start = offset + len(prefix)
            spans.append((start, start + len(turn.text)))
            parts.append(prefix + turn.text)
            offset = start + len(turn.text) + 1  # the newline
        self._text = "\n".join(parts)
        self._spans = spans

    def forget_text(self) -> None:
        """Call after changing ``turns`` in place, so the text is made anew."""
        self._text = None
        self._spans = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._build()
        assert self._text is not None
        return self._text

    @property
    def turn_spans(self) -> list[tuple[int, int]]:
        """Where each turn's words are in ``text`` (start, end), in turn order."""
        if self._spans is None:
            self._build()
        assert self._spans is not None
        return self._spans

    def turn_at(self, offset: int) -> int:
        """The index of the turn whose line holds a text offset."""
        spans = self.turn_spans
        low, high = 0, len(spans) - 1
        while low < high:
            middle = (low + high + 1) // 2
            line_start = spans[middle][0] - len(self.turns[middle].line_prefix())
            if line_start <= offset:
                low = middle
            else:
                high = middle - 1
        return max(low, 0)

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(turn.speaker for turn in self.turns))

    def is_interviewer(self, speaker: str) -> bool:
        return speaker in self.interviewers

    def words(self) -> int:
        return sum(len(turn.text.split()) for turn in self.turns)

    # -- rules -------------------------------------------------------------------

    def validate(self) -> Transcript:
        self.interview = (self.interview or "").strip()
        if not self.interview:
            raise ValidationError("a transcript belongs to an interview: give its code")
        if not self.turns:
            raise ValidationError("the transcript has no turns")
        if len(self.turns) > MAX_TURNS:
            raise ValidationError(f"a transcript has at most {MAX_TURNS} turns")
        for turn in self.turns:
            turn.validate()
        self.forget_text()
        if self.format not in TRANSCRIPT_FORMATS:
            raise ValidationError(
                f"unknown transcript format {self.format!r}; use one of "
                f"{', '.join(TRANSCRIPT_FORMATS)}"
            )
        if self.language not in LANGUAGES:
            raise ValidationError(f"unknown language {self.language!r}; use da or en")
        self.interviewers = _clean_list(self.interviewers, "interviewers")
        unknown = [name for name in self.interviewers if name not in self.speakers]
        if unknown:
            raise ValidationError(
                f"{unknown[0]!r} does not speak in this transcript; the speakers are "
                + ", ".join(self.speakers)
            )
        ids: set[str] = set()
        text = self.text
        for coding in self.codings:
            coding.source = "transcript"
            coding.section = None
            coding.validate()
            if coding.id in ids:
                raise ValidationError(f"two codings share the id {coding.id}")
            ids.add(coding.id)
            coding.anchor_to(text)
        return self

    # -- storage -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "interview": self.interview,
            "turns": [turn.to_dict() for turn in self.turns],
            "interviewers": list(self.interviewers),
            "source_file": self.source_file,
            "format": self.format,
            "language": self.language,
            "codings": [coding.to_dict() for coding in self.codings],
            **audit_dict(self),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        return cls(
            id=str(data["id"]),
            interview=str(data.get("interview") or ""),
            turns=[Turn.from_dict(t) for t in data.get("turns") or []],
            interviewers=[str(s) for s in data.get("interviewers") or []],
            source_file=str(data.get("source_file") or ""),
            format=str(data.get("format") or "text"),
            language=str(data.get("language") or "da"),
            codings=[Coding.from_dict(c) for c in data.get("codings") or []],
            created=_parse_dt(data.get("created"), "created") or now(),
            updated=_parse_dt(data.get("updated"), "updated") or now(),
            created_by=str(data.get("created_by") or ""),
            updated_by=str(data.get("updated_by") or ""),
            revision=revision_of(data),
        )


__all__ = [
    "TRANSCRIPT_FORMATS",
    "Transcript",
    "Turn",
    "citation_time",
    "clock",
    "parse_citation_time",
]
