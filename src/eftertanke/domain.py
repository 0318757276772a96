"""The domain model: entries, interviews, themes and their rules.

Pure dataclasses and validation only. No I/O, no TinyDB, no Textual: the store
turns these into plain dicts (``to_dict``) and back (``from_dict``).
Timestamps are timezone-aware ``datetime`` objects; on disk they are ISO 8601
strings with their offset, so an entry written in Copenhagen keeps its local
time of writing.

Long because it is every record type (entry, section, excerpt, coding,
interview, theme, carried question) with its validation and its dict form;
each rule sits beside the field it guards.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

from eftertanke import anchoring
from eftertanke.anchored_span import AnchoredSpan, new_span, stored_span
from eftertanke.entry_row import display_title
from eftertanke.errors import Translatable
from eftertanke.i18n import forms, t
from eftertanke.reflexivity import Layer, PositionMark, check_unique

CONCEPTS: tuple[str, ...] = ("drive", "frames", "safety", "wellbeing")


def concept_name(concept: str, lang: str) -> str:
    """A concept's name in ``lang``, from the catalogue (``domain.concept.<key>``).
    Looked up when asked: reading both catalogues when the domain is imported
    cost every command line 3 ms."""
    return t(f"domain.concept.{concept}", lang)


@cache
def _concept_names() -> dict[str, dict[str, str]]:
    return {c: forms(f"domain.concept.{c}") for c in CONCEPTS}


def __getattr__(name: str) -> object:
    # CONCEPT_NAMES, the concepts' names in each language ({"drive": {"da": ..., "en": ...}}),
    # is made on first use (PEP 562), for the reason concept_name gives.
    if name == "CONCEPT_NAMES":
        return _concept_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
ENTRY_KINDS: tuple[str, ...] = ("daily", "interview", "memo")
INTERVIEW_LEVELS: tuple[str, ...] = ("assistant", "leader", "head")
INTERVIEW_MODES: tuple[str, ...] = ("teams", "in-person", "phone")
INTERVIEW_STATUSES: tuple[str, ...] = ("planned", "done", "reflected", "transcribed", "coded")
ORIENTATIONS: tuple[str, ...] = ("respondent", "self", "method")
RATING_KEYS: tuple[str, ...] = ("energy", "demands", "resources", "safety", "wellbeing")
LANGUAGES: tuple[str, ...] = ("da", "en")
# Self-as-data (Chang, Autoethnography as Method): the kinds of personal data
# an autoethnographer collects. An entry's data type comes from its pack's
# ``data_type`` key; entries without one are ordinary reflections.
DATA_TYPES: tuple[str, ...] = ("chronology", "inventory", "self-observation", "self-reflection")

# A transcript timestamp as the thesis cites it: minutes.seconds ("9.45"),
# or h:mm:ss / mm:ss as transcription tools write it.
TIMESTAMP_RE = re.compile(r"^(\d{1,3}[.:]\d{2}([.:]\d{2})?)$")
INTERVIEW_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
MAX_TITLE = 300
MAX_THEME_NAME = 120


class ValidationError(Translatable, ValueError):
    """Raised when a domain object breaks a rule; the message is for people.

    With a catalogue ``key`` (and its values) it can be said in the user's
    language (``in_language``, from ``errors.Translatable``); the message
    stays the English one."""


def now() -> datetime:
    """The current moment with the local time zone attached."""
    return datetime.now(UTC).astimezone()


def new_id() -> str:
    return str(uuid.uuid4())


def audit_dict(record: Any) -> dict[str, Any]:
    """How a shared record (interview, theme, transcript) stores who made and
    last changed it, when, and at which revision: the tail of its stored dict."""
    return {
        "created": _iso(record.created),
        "updated": _iso(record.updated),
        "created_by": record.created_by,
        "updated_by": record.updated_by,
        "revision": record.revision,
    }


def record_values(cls: type, data: dict[str, Any], *times: str) -> dict[str, Any]:
    """A shared record's stored dict read back (the inverse of ``audit_dict``): its
    own fields only, ``created`` and ``updated`` parsed (now when missing), the
    other ``times`` parsed (None when missing), the revision as stored."""
    names = _field_names(cls)
    values = {k: v for k, v in data.items() if k in names}
    for key in times:
        values[key] = _parse_dt(values.get(key), key)
    for key in ("created", "updated"):
        values[key] = _parse_dt(values.get(key), key) or now()
    values["revision"] = revision_of(data)
    return values


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_dt(value: Any, what: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise ValidationError(f"{what}: not an ISO date and time: {value!r}") from exc
    if parsed.tzinfo is None:
        raise ValidationError(f"{what}: a time zone is required: {value!r}")
    return parsed


def _clean_list(values: Any, what: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise ValidationError(f"{what}: expected text, got {type(value).__name__}")
        value = value.strip()
        if value and value not in out:
            out.append(value)
    return out


def timestamp_seconds(value: str) -> float | None:
    """Seconds from the start of an interview for a cited time: 9.45 (minutes.seconds,
    as the thesis cites), 09:45, 1:09:45 or 1.09.45; None if it is not one."""
    parts = str(value or "").strip().replace(":", ".").split(".")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if any(n >= 60 for n in numbers[1:]) or any(len(p) != 2 for p in parts[1:]):
        return None
    if len(numbers) == 2:
        return float(numbers[0] * 60 + numbers[1])
    return float(numbers[0] * 3600 + numbers[1] * 60 + numbers[2])


def timestamp_key(value: str) -> tuple[int, float]:
    """Sorts cited times by when they were said (9.45 before 1:09:45); no time
    or an unreadable one last."""
    seconds = timestamp_seconds(value)
    return (0, seconds) if seconds is not None else (1, 0.0)


def revision_of(data: dict[str, Any] | None) -> int:
    """A stored record's revision: absent (written before revisions) or unreadable is 0."""
    value = (data or {}).get("revision")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return 0


def check_concept(concept: str) -> str:
    key = concept.strip().lower()
    if key not in CONCEPTS:
        raise ValidationError(
            f"unknown concept {concept!r}; use one of {', '.join(CONCEPTS)}",
            key="error.unknown_concept",
            concept=repr(concept),
            keys=", ".join(CONCEPTS),
        )
    return key


def later_start(answer: str, added_later: Any, start: Any) -> int | None:
    """Where the added-later part of ``answer`` begins: None when nothing is
    marked, 0 when all of it is (the stored form before partial marks), else
    an offset inside the answer. A start that does not fit the answer (an
    old or hand-edited record) marks the whole answer, never less."""
    if not added_later:
        return None
    if isinstance(start, int) and not isinstance(start, bool) and 0 < start < len(answer):
        return start
    return 0


def split_added_later(answer: str, added_later: Any, start: Any = None) -> tuple[str, str]:
    """``answer`` as (written in the first sitting, added later from memory)."""
    begins = later_start(answer, added_later, start)
    if begins is None:
        return answer, ""
    return answer[:begins], answer[begins:]


@dataclass(slots=True)
class Section:
    """One answered prompt of a guided reflection."""

    prompt_id: str
    prompt_text: str
    answer: str = ""
    concept: str | None = None
    orientation: str | None = None
    # True when the writer marks the passage as added later from memory,
    # not written in the first sitting (the thesis's transparency demand).
    added_later: bool = False
    # Where the added-later part begins in ``answer`` (the writer pressed
    # "added later" after writing what comes before). None: all of it, as
    # every section stored before partial marks says.
    added_later_from: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "prompt_id": self.prompt_id,
            "prompt_text": self.prompt_text,
            "answer": self.answer,
            "concept": self.concept,
            "orientation": self.orientation,
            "added_later": self.added_later,
        }
        start = later_start(self.answer, self.added_later, self.added_later_from)
        if start:
            # Only when part of the answer is marked: a record of a whole
            # mark (or none) stays exactly as older versions wrote it.
            data["added_later_from"] = start
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        answer = str(data.get("answer", ""))
        added_later = bool(data.get("added_later", False))
        start = later_start(answer, added_later, data.get("added_later_from"))
        return cls(
            prompt_id=str(data.get("prompt_id", "")),
            prompt_text=str(data.get("prompt_text", "")),
            answer=answer,
            concept=data.get("concept"),
            orientation=data.get("orientation"),
            added_later=added_later,
            added_later_from=start or None,
        )

    def later_parts(self) -> tuple[str, str]:
        """The answer as (first sitting, added later from memory)."""
        return split_added_later(self.answer, self.added_later, self.added_later_from)

    def validate(self) -> None:
        if not self.prompt_id:
            raise ValidationError("a section needs a prompt id")
        self.added_later_from = (
            later_start(self.answer, self.added_later, self.added_later_from) or None
        )
        if self.concept is not None:
            self.concept = check_concept(self.concept)
        if self.orientation is not None and self.orientation not in ORIENTATIONS:
            raise ValidationError(
                f"unknown orientation {self.orientation!r}; use one of {', '.join(ORIENTATIONS)}"
            )


@dataclass(slots=True)
class Excerpt:
    """A quote from an interview, cited as (I03, 9.45)."""

    interview: str
    timestamp: str
    quote: str
    themes: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "interview": self.interview,
            "timestamp": self.timestamp,
            "quote": self.quote,
            "themes": list(self.themes),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Excerpt:
        return cls(
            interview=str(data.get("interview", "")),
            timestamp=str(data.get("timestamp", "")),
            quote=str(data.get("quote", "")),
            themes=list(data.get("themes") or []),
            note=str(data.get("note", "")),
        )

    def validate(self) -> None:
        if not self.quote.strip():
            raise ValidationError("an excerpt needs the quoted text")
        if self.timestamp and not TIMESTAMP_RE.match(self.timestamp.strip()):
            raise ValidationError(
                f"excerpt timestamp {self.timestamp!r} is not like 9.45, 09:45 or 1:09:45"
            )
        self.timestamp = self.timestamp.strip()
        self.themes = _clean_list(self.themes, "excerpt themes")

    @property
    def reference(self) -> str:
        """The citation form the thesis uses: (I03, 9.45)."""
        if self.timestamp:
            return f"({self.interview}, {self.timestamp})"
        return f"({self.interview})"


CODING_SOURCES: tuple[str, ...] = ("body", "section", "transcript")
MAX_MEMO = 20_000


@dataclass(slots=True)
class Coding(AnchoredSpan):
    """A passage coded with themes: a span of one source text.

    The source is an entry's free body, one of its answers (``section`` is the
    prompt id) or an interview transcript (the coding then lives on the
    transcript). ``start`` and ``end`` are character offsets into that text;
    ``quote``, ``before`` and ``after`` are the coded words and their
    surroundings when coded, which re-anchor the span when the text is edited
    (see ``anchoring``). ``review`` says why a span could not be re-anchored:
    the coding is kept, at its old words, for the researcher to look at.
    """

    start: int
    end: int
    themes: list[str] = field(default_factory=list)
    source: str = "body"
    section: str | None = None
    quote: str = ""
    before: str = ""
    after: str = ""
    memo: str = ""
    author: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    review: str = ""

    @classmethod
    def of(
        cls,
        text: str,
        start: int,
        end: int,
        themes: list[str],
        *,
        source: str = "body",
        section: str | None = None,
        memo: str = "",
        author: str = "",
    ) -> Coding:
        """A new coding of ``text[start:end]``, remembering its words and context."""
        span = new_span(text, start, end, ValidationError)
        coding = cls(
            **span, themes=list(themes), source=source, section=section, memo=memo, author=author
        )
        return coding.validate()

    def validate(self) -> Coding:
        if self.source not in CODING_SOURCES:
            raise ValidationError(
                f"unknown coding source {self.source!r}; use one of {', '.join(CODING_SOURCES)}"
            )
        if self.source == "section" and not self.section:
            raise ValidationError("a coding of an answer needs the prompt id of its section")
        if self.source != "section":
            self.section = None
        self.check_offsets("a coding's", ValidationError)
        self.themes = _clean_list(self.themes, "coding themes")
        if not self.themes:
            raise ValidationError("a coding needs at least one theme")
        if len(self.memo) > MAX_MEMO:
            raise ValidationError(f"a coding memo is at most {MAX_MEMO} characters")
        try:
            uuid.UUID(self.id)
        except (ValueError, AttributeError, TypeError) as exc:
            raise ValidationError(f"coding id {self.id!r} is not a UUID") from exc
        return self

    def anchor_to(self, text: str | None) -> bool:
        """Follow the coded words into ``text`` (the source as it is now); True if
        the coding changed. ``None``: the source is gone (an answer removed)."""
        if text is not None and not self.quote and self.end <= len(text):
            # Written without its words (an import): take them from the text.
            self.quote = text[self.start : self.end]
            self.before, self.after = anchoring.context(text, self.start, self.end)
            return True
        return self.follow_words(
            text,
            gone="the coded text is gone",
            edited="the coded words were edited; check the span",
        )

    def overlaps(self, other: Coding) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "themes": list(self.themes),
            **self.span_words(),
            "memo": self.memo,
            "author": self.author,
            "created": _iso(self.created),
            "updated": _iso(self.updated),
            "review": self.review,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Coding:
        return cls(
            **stored_span(data, "a coding", ValidationError),
            id=str(data.get("id") or new_id()),
            source=str(data.get("source") or "body"),
            section=data.get("section"),
            themes=list(data.get("themes") or []),
            memo=str(data.get("memo") or ""),
            author=str(data.get("author") or ""),
            created=_parse_dt(data.get("created"), "coding created") or now(),
            updated=_parse_dt(data.get("updated"), "coding updated") or now(),
            review=str(data.get("review") or ""),
        )


QUESTION_STATUSES: tuple[str, ...] = ("open", "answered", "dropped")
MAX_QUESTION = 2_000


@dataclass(slots=True)
class AnswerLink(AnchoredSpan):
    """Where a carried question was answered: a span of another entry's answer
    (``section`` its prompt id) or body (``section`` None), with its words and
    their surroundings like a coding's anchor (``anchoring``), so the link shows
    the words and follows them through an edit. A purge of the answering entry
    takes the words out and leaves the id, which then names nothing."""

    entry: str
    start: int
    end: int
    section: str | None = None
    quote: str = ""
    before: str = ""
    after: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.entry, "section": self.section, **self.span_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerLink:
        # Lenient offsets: a purged answering entry may leave a link with no span.
        section = data.get("section")
        return cls(
            **stored_span(data, "an answer link", ValidationError, strict=False),
            entry=str(data.get("entry") or ""),
            section=str(section) if section else None,
        )


@dataclass(slots=True)
class CarriedQuestion:
    """A question a reflection carries forward to the next interviews: one line
    of an answer to a prompt marked ``carry_forward`` in its pack ("what did
    you not ask", "which leads"). It lives on the reflection that raised it;
    it is open until answered by a passage (``answered_by``) or dropped with a
    ``reason``, and can be reopened."""

    text: str
    prompt_id: str
    status: str = "open"
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    closed: datetime | None = None
    answered_by: AnswerLink | None = None
    reason: str = ""

    def validate(self) -> CarriedQuestion:
        self.text = " ".join((self.text or "").split())
        if not self.text:
            raise ValidationError("a carried question needs its text")
        if len(self.text) > MAX_QUESTION or len(self.reason) > MAX_QUESTION:
            raise ValidationError(f"a carried question is at most {MAX_QUESTION} characters")
        if self.status not in QUESTION_STATUSES:
            raise ValidationError(
                f"unknown question status {self.status!r}; use one of {', '.join(QUESTION_STATUSES)}"
            )
        try:
            uuid.UUID(self.id)
        except (ValueError, AttributeError, TypeError) as exc:
            raise ValidationError(f"question id {self.id!r} is not a UUID") from exc
        if self.status == "answered" and self.answered_by is None:
            raise ValidationError("an answered question needs the passage that answered it")
        if self.status != "answered":
            self.answered_by = None
        if self.status == "open":
            self.closed, self.reason = None, ""
        return self

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "prompt_id": self.prompt_id,
            "status": self.status,
            "created": _iso(self.created),
            "updated": _iso(self.updated),
        }
        if self.closed is not None:
            data["closed"] = _iso(self.closed)
        if self.answered_by is not None:
            data["answered_by"] = self.answered_by.to_dict()
        if self.reason:
            data["reason"] = self.reason
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CarriedQuestion:
        link = data.get("answered_by")
        return cls(
            id=str(data.get("id") or new_id()),
            text=str(data.get("text") or ""),
            prompt_id=str(data.get("prompt_id") or ""),
            status=str(data.get("status") or "open"),
            created=_parse_dt(data.get("created"), "question created") or now(),
            updated=_parse_dt(data.get("updated"), "question updated") or now(),
            closed=_parse_dt(data.get("closed"), "question closed"),
            answered_by=AnswerLink.from_dict(link) if isinstance(link, dict) else None,
            reason=str(data.get("reason") or ""),
        )


@dataclass(slots=True)
class Entry:
    """A journal entry: a daily check-in, a reflection after an interview, or a memo."""

    kind: str = "memo"
    title: str = ""
    body: str = ""
    id: str = field(default_factory=new_id)
    sections: list[Section] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    interview: str | None = None
    excerpts: list[Excerpt] = field(default_factory=list)
    # Passages coded with themes; ``themes`` above codes the whole entry.
    codings: list[Coding] = field(default_factory=list)
    # Questions this reflection carries forward to the next interviews.
    questions: list[CarriedQuestion] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)
    # Re-readings appended later, never edited; and passages marked against
    # pre-understandings of the positionality register (``reflexivity``).
    layers: list[Layer] = field(default_factory=list)
    position_marks: list[PositionMark] = field(default_factory=list)
    author: str = ""
    updated_by: str = ""
    language: str = "da"
    pack: str | None = None
    # A mark the writer sets on an entry to find it again (jrnl's star); not a
    # theme, so it never enters the codebook. Stored only when set.
    starred: bool = False
    # Self-as-data: one of DATA_TYPES, set from the pack (None: not self-data).
    data_type: str | None = None
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    written_after_minutes: int | None = None
    deleted: datetime | None = None
    conflict_of: str | None = None
    # Set by the store: one more than the stored record's on every write, so
    # an update can say which version it started from (0: never stored).
    revision: int = 0

    def validate(self) -> Entry:
        if self.kind not in ENTRY_KINDS:
            raise ValidationError(
                f"unknown kind {self.kind!r}; use one of {', '.join(ENTRY_KINDS)}"
            )
        try:
            uuid.UUID(self.id)
        except (ValueError, AttributeError, TypeError) as exc:
            raise ValidationError(f"entry id {self.id!r} is not a UUID") from exc
        self.title = (self.title or "").strip()
        if len(self.title) > MAX_TITLE:
            raise ValidationError(
                f"the title is longer than {MAX_TITLE} characters",
                key="error.title_too_long",
                n=MAX_TITLE,
            )
        if (
            not self.body.strip()
            and not any(s.answer.strip() for s in self.sections)
            and not (self.ratings)
        ):
            raise ValidationError(
                "the entry is empty: write a body, answer a prompt or rate", key="error.entry_empty"
            )
        for section in self.sections:
            section.validate()
        for excerpt in self.excerpts:
            excerpt.validate()
        self._validate_codings()
        self._validate_questions()
        self._validate_reflexivity()
        self.concepts = [check_concept(c) for c in _clean_list(self.concepts, "concepts")]
        self.themes = _clean_list(self.themes, "themes")
        for key, value in self.ratings.items():
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise ValidationError(
                    f"rating {key!r} must be a whole number from 1 to 5",
                    key="error.rating_range",
                    rating=repr(key),
                )
        if self.language not in LANGUAGES:
            raise ValidationError(f"unknown language {self.language!r}; use da or en")
        if self.written_after_minutes is not None and self.written_after_minutes < 0:
            raise ValidationError("written_after_minutes cannot be negative")
        if not isinstance(self.starred, bool):
            raise ValidationError("starred must be true or false")
        if self.data_type is not None and self.data_type not in DATA_TYPES:
            raise ValidationError(
                f"unknown data type {self.data_type!r}; use one of {', '.join(DATA_TYPES)}"
            )
        if self.created.tzinfo is None or self.updated.tzinfo is None:
            raise ValidationError("created and updated need a time zone")
        return self

    def source_text(self, source: str, section: str | None = None) -> str | None:
        """The text a coding of this entry spans: its body or one answer (None: gone)."""
        if source == "body":
            return self.body
        if source == "section":
            for candidate in self.sections:
                if candidate.prompt_id == section:
                    return candidate.answer
        return None

    def _validate_codings(self) -> None:
        ids: set[str] = set()
        for coding in self.codings:
            coding.validate()
            if coding.source == "transcript":
                raise ValidationError("a transcript coding belongs to the transcript, not an entry")
            if coding.id in ids:
                raise ValidationError(f"two codings share the id {coding.id}")
            ids.add(coding.id)
            coding.anchor_to(self.source_text(coding.source, coding.section))

    def _validate_questions(self) -> None:
        ids: set[str] = set()
        for question in self.questions:
            question.validate()
            if question.id in ids:
                raise ValidationError(f"two carried questions share the id {question.id}")
            ids.add(question.id)

    def _validate_reflexivity(self) -> None:
        check_unique(self.layers, "layers")
        check_unique(self.position_marks, "position marks")
        for mark in self.position_marks:
            mark.anchor_to(self.source_text("section" if mark.section else "body", mark.section))

    def coded_themes(self) -> list[str]:
        """Themes on passages of the entry, without repeats, in coding order."""
        seen: list[str] = []
        for coding in self.codings:
            for theme in coding.themes:
                if theme not in seen:
                    seen.append(theme)
        return seen

    @property
    def all_themes(self) -> list[str]:
        """Themes on the entry, its excerpts and its coded passages, without repeats."""
        seen = list(self.themes)
        for themes in [e.themes for e in self.excerpts] + [c.themes for c in self.codings]:
            for theme in themes:
                if theme not in seen:
                    seen.append(theme)
        return seen

    @property
    def text(self) -> str:
        """Everything written in the entry, for search and word counts."""
        parts = [self.title, self.body]
        parts.extend(s.answer for s in self.sections)
        parts.extend(e.quote for e in self.excerpts)
        return "\n".join(p for p in parts if p)

    def display_title(self, limit: int = 60) -> str:
        """The title, or the first line written (the rule is in ``entry_row``)."""
        texts = [self.body, *(s.answer for s in self.sections), *(e.quote for e in self.excerpts)]
        return display_title(self.title, texts, limit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "body": self.body,
            "sections": [s.to_dict() for s in self.sections],
            "concepts": list(self.concepts),
            "themes": list(self.themes),
            "interview": self.interview,
            "excerpts": [e.to_dict() for e in self.excerpts],
            "codings": [c.to_dict() for c in self.codings],
            "ratings": dict(self.ratings),
            "author": self.author,
            "updated_by": self.updated_by,
            "language": self.language,
            "pack": self.pack,
            "created": _iso(self.created),
            "updated": _iso(self.updated),
            "written_after_minutes": self.written_after_minutes,
            "deleted": _iso(self.deleted),
            "conflict_of": self.conflict_of,
            "revision": self.revision,
            # Absent when not set: entries stored before stars existed read the same.
            **({"starred": True} if self.starred else {}),
            **({"data_type": self.data_type} if self.data_type else {}),
            **({"questions": [q.to_dict() for q in self.questions]} if self.questions else {}),
            # Absent when empty, so entries without them keep their bytes.
            **({"layers": [x.to_dict() for x in self.layers]} if self.layers else {}),
            **(
                {"position_marks": [m.to_dict() for m in self.position_marks]}
                if self.position_marks
                else {}
            ),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        return cls(
            id=str(data["id"]),
            kind=str(data.get("kind", "memo")),
            title=str(data.get("title") or ""),
            body=str(data.get("body") or ""),
            sections=[Section.from_dict(s) for s in data.get("sections") or []],
            concepts=list(data.get("concepts") or []),
            themes=list(data.get("themes") or []),
            interview=data.get("interview"),
            excerpts=[Excerpt.from_dict(e) for e in data.get("excerpts") or []],
            codings=[Coding.from_dict(c) for c in data.get("codings") or []],
            questions=[
                CarriedQuestion.from_dict(q)
                for q in data.get("questions") or []
                if isinstance(q, dict)
            ],
            ratings={str(k): int(v) for k, v in (data.get("ratings") or {}).items()},
            layers=[Layer.from_dict(x) for x in data.get("layers") or [] if isinstance(x, dict)],
            position_marks=[
                PositionMark.from_dict(m)
                for m in data.get("position_marks") or []
                if isinstance(m, dict)
            ],
            author=str(data.get("author") or ""),
            updated_by=str(data.get("updated_by") or ""),
            language=str(data.get("language") or "da"),
            pack=data.get("pack"),
            starred=data.get("starred") is True,
            data_type=str(data["data_type"]) if data.get("data_type") else None,
            created=_parse_dt(data.get("created"), "created") or now(),
            updated=_parse_dt(data.get("updated"), "updated") or now(),
            written_after_minutes=data.get("written_after_minutes"),
            deleted=_parse_dt(data.get("deleted"), "deleted"),
            conflict_of=data.get("conflict_of"),
            revision=revision_of(data),
        )


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    """A dataclass's field names, worked out once (``fields`` is slow, and the
    store loads every interview and theme on each link check)."""
    found = _FIELD_NAMES.get(cls)
    if found is None:
        found = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    return found


def _appendix_number(value: Any, what: str) -> str:
    number = " ".join(str(value or "").split())
    if len(number) > 20:
        raise ValidationError(f"the {what} number is at most 20 characters, like 7 or 7a")
    return number


@dataclass(slots=True)
class Interview:
    """An interview: its code, the respondent's role, when and how it was held, and its status."""

    code: str
    role: str = ""
    level: str | None = None
    organisation: str = ""
    date: datetime | None = None
    mode: str | None = None
    interviewer: str = ""
    duration_minutes: int | None = None
    transcript: str = ""
    consent: str = ""
    status: str = "planned"
    notes: str = ""
    # The thesis's appendix numbers: of the transcript ("Bilag nr. 7") and of
    # the reflection written after the interview ("Bilag nr. 5").
    appendix: str = ""
    reflection_appendix: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    created_by: str = ""
    updated_by: str = ""
    revision: int = 0

    def validate(self) -> Interview:
        self.code = (self.code or "").strip()
        if not INTERVIEW_CODE_RE.match(self.code):
            raise ValidationError(
                f"interview code {self.code!r} must be a short code of letters and digits, like I03",
                key="error.interview_code",
                code=repr(self.code),
            )
        if self.level is not None and self.level not in INTERVIEW_LEVELS:
            raise ValidationError(
                f"unknown level {self.level!r}; use one of {', '.join(INTERVIEW_LEVELS)}"
            )
        if self.mode is not None and self.mode not in INTERVIEW_MODES:
            raise ValidationError(
                f"unknown mode {self.mode!r}; use one of {', '.join(INTERVIEW_MODES)}"
            )
        if self.status not in INTERVIEW_STATUSES:
            raise ValidationError(
                f"unknown status {self.status!r}; use one of {', '.join(INTERVIEW_STATUSES)}"
            )
        if self.duration_minutes is not None and not 0 < self.duration_minutes <= 24 * 60:
            raise ValidationError(
                "duration must be between 1 and 1440 minutes", key="error.duration_range"
            )
        if self.date is not None and self.date.tzinfo is None:
            raise ValidationError("the interview date needs a time zone")
        self.appendix = _appendix_number(self.appendix, "appendix")
        self.reflection_appendix = _appendix_number(self.reflection_appendix, "reflection appendix")
        return self

    @property
    def ended(self) -> datetime | None:
        """When the interview ended: its start plus its duration (30 min if unknown)."""
        if self.date is None:
            return None
        from datetime import timedelta

        return self.date + timedelta(minutes=self.duration_minutes or 30)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "role": self.role,
            "level": self.level,
            "organisation": self.organisation,
            "date": _iso(self.date),
            "mode": self.mode,
            "interviewer": self.interviewer,
            "duration_minutes": self.duration_minutes,
            "transcript": self.transcript,
            "consent": self.consent,
            "status": self.status,
            "notes": self.notes,
            "appendix": self.appendix,
            "reflection_appendix": self.reflection_appendix,
            **audit_dict(self),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Interview:
        return cls(**record_values(cls, data, "date"))


@dataclass(slots=True)
class Theme:
    """A theme of the codebook: its name, its concept, and the theme it sits under."""

    name: str
    concept: str
    parent: str | None = None
    description: str = ""
    theory: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    created_by: str = ""
    updated_by: str = ""
    revision: int = 0

    def validate(self) -> Theme:
        self.name = " ".join((self.name or "").split())
        if not self.name:
            raise ValidationError("a theme needs a name", key="error.theme_needs_name")
        if len(self.name) > MAX_THEME_NAME:
            raise ValidationError(
                f"a theme name is at most {MAX_THEME_NAME} characters",
                key="error.theme_name_too_long",
                n=MAX_THEME_NAME,
            )
        self.concept = check_concept(self.concept)
        if self.parent is not None:
            self.parent = self.parent.strip() or None
        if self.parent == self.name:
            raise ValidationError("a theme cannot be its own parent", key="error.theme_own_parent")
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "concept": self.concept,
            "parent": self.parent,
            "description": self.description,
            "theory": self.theory,
            **audit_dict(self),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Theme:
        return cls(**record_values(cls, data))


def rename_theme_in_entry(entry: Entry, old: str, new: str) -> bool:
    """Replace theme ``old`` by ``new`` everywhere in an entry; True if it changed."""
    changed = False

    def swap(themes: list[str]) -> list[str]:
        nonlocal changed
        if old not in themes:
            return themes
        changed = True
        out: list[str] = []
        for theme in themes:
            theme = new if theme == old else theme
            if theme not in out:
                out.append(theme)
        return out

    map_entry_themes(entry, swap)
    return changed


def map_entry_themes(
    entry: Entry, change: Callable[[list[str]], list[str]], *, drop_bare_codings: bool = False
) -> None:
    """Put every theme list of an entry through ``change``: its own, its excerpts'
    and its codings'. ``drop_bare_codings``: a coding left with no theme goes."""
    entry.themes = change(entry.themes)
    for excerpt in entry.excerpts:
        excerpt.themes = change(excerpt.themes)
    for coding in entry.codings:
        coding.themes = change(coding.themes)
    if drop_bare_codings:
        entry.codings = [c for c in entry.codings if c.themes]


__all__ = [
    "CODING_SOURCES",
    "CONCEPTS",
    "concept_name",
    "DATA_TYPES",
    "ENTRY_KINDS",
    "INTERVIEW_LEVELS",
    "INTERVIEW_MODES",
    "INTERVIEW_STATUSES",
    "LANGUAGES",
    "ORIENTATIONS",
    "QUESTION_STATUSES",
    "RATING_KEYS",
    "AnswerLink",
    "CarriedQuestion",
    "Coding",
    "Entry",
    "Excerpt",
    "Interview",
    "Section",
    "Theme",
    "ValidationError",
    "new_id",
    "now",
    "rename_theme_in_entry",
    "replace",
    "revision_of",
    "timestamp_key",
    "timestamp_seconds",
]
