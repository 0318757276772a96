"""Reflexivity records kept on an entry: re-reading layers and position marks.

A ``Layer`` is what the writer sees now, re-reading an old entry (Ellis'
layered accounts): dated, by its author, optionally about one answer
(``section``, a prompt id). Layers are appended, never edited; the original
text is never touched, and a layer goes only with its entry (purge).

A ``PositionMark`` sits on the reflection holding a passage and says that
the passage challenged or confirmed a pre-understanding of the
positionality register (``position``: the id of a memo entry with pack
"positionality"). Its span is anchored as a coding's is (``anchoring``):
``quote``, ``before`` and ``after`` follow the words when the text is edited.

Pure dataclasses, no I/O; the entry (``domain.Entry``) validates and stores
them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eftertanke.anchored_span import AnchoredSpan, new_span, stored_span

VERDICTS: tuple[str, ...] = ("challenged", "confirmed")
POSITIONALITY_PACK = "positionality"
MAX_LAYER = 50_000
MAX_MARK_MEMO = 20_000


def _invalid(message: str) -> Exception:
    # The domain's error, looked up when raised: domain imports this module.
    from eftertanke.domain import ValidationError

    return ValidationError(message)


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def _time(value: Any, what: str) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif value:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise _invalid(f"{what}: not an ISO date and time: {value!r}") from exc
    else:
        return _now()
    if parsed.tzinfo is None:
        raise _invalid(f"{what}: a time zone is required: {value!r}")
    return parsed


def _check_id(value: str, what: str) -> None:
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError, TypeError) as exc:
        raise _invalid(f"{what} id {value!r} is not a UUID") from exc


@dataclass(slots=True)
class Layer:
    """A dated re-reading of an entry, kept apart from what it re-reads."""

    text: str
    written: datetime = field(default_factory=_now)
    author: str = ""
    section: str | None = None  # the prompt id of the answer it re-reads; None: the whole
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def validate(self) -> Layer:
        self.text = self.text.strip("\n")
        if not self.text.strip():
            raise _invalid("a layer needs text: what do you see now?")
        if len(self.text) > MAX_LAYER:
            raise _invalid(f"a layer is at most {MAX_LAYER} characters")
        if self.written.tzinfo is None:
            raise _invalid("a layer's date needs a time zone")
        self.section = self.section or None
        _check_id(self.id, "layer")
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "written": self.written.isoformat(),
            "author": self.author,
            "text": self.text,
            "section": self.section,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Layer:
        return cls(
            id=str(data.get("id") or uuid.uuid4()),
            written=_time(data.get("written"), "layer written"),
            author=str(data.get("author") or ""),
            text=str(data.get("text") or ""),
            section=data.get("section") or None,
        )


@dataclass(slots=True)
class PositionMark(AnchoredSpan):
    """A passage of a reflection marked as challenging or confirming a pre-understanding."""

    position: str  # the pre-understanding's entry id
    verdict: str
    start: int
    end: int
    section: str | None = None  # prompt id; None: the entry's body
    quote: str = ""
    before: str = ""
    after: str = ""
    memo: str = ""
    author: str = ""
    review: str = ""
    created: datetime = field(default_factory=_now)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @classmethod
    def of(
        cls,
        text: str,
        start: int,
        end: int,
        position: str,
        verdict: str,
        *,
        section: str | None = None,
        memo: str = "",
        author: str = "",
    ) -> PositionMark:
        span = new_span(text, start, end, _invalid)
        mark = cls(
            **span, position=position, verdict=verdict, section=section, memo=memo, author=author
        )
        return mark.validate()

    def validate(self) -> PositionMark:
        if self.verdict not in VERDICTS:
            raise _invalid(f"unknown verdict {self.verdict!r}; use challenged or confirmed")
        _check_id(self.position, "pre-understanding")
        _check_id(self.id, "position mark")
        self.check_offsets("a position mark's", _invalid)
        if len(self.memo) > MAX_MARK_MEMO:
            raise _invalid(f"a position mark's memo is at most {MAX_MARK_MEMO} characters")
        self.section = self.section or None
        return self

    def anchor_to(self, text: str | None) -> None:
        """Follow the marked words into ``text`` (None: the answer is gone)."""
        self.follow_words(
            text,
            gone="the marked text is gone",
            edited="the marked words were edited; check the span",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "position": self.position,
            "verdict": self.verdict,
            "section": self.section,
            **self.span_dict(),
            "memo": self.memo,
            "author": self.author,
            "created": self.created.isoformat(),
            "review": self.review,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PositionMark:
        return cls(
            **stored_span(data, "a position mark", _invalid),
            id=str(data.get("id") or uuid.uuid4()),
            position=str(data.get("position") or ""),
            verdict=str(data.get("verdict") or ""),
            section=data.get("section") or None,
            memo=str(data.get("memo") or ""),
            author=str(data.get("author") or ""),
            created=_time(data.get("created"), "position mark created"),
            review=str(data.get("review") or ""),
        )


def check_unique(items: list[Any], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        item.validate()
        if item.id in seen:
            raise _invalid(f"two {what} share the id {item.id}")
        seen.add(item.id)


@dataclass(frozen=True, slots=True)
class LayerView:
    """A layer as it is shown: in order, with how long after the entry it came."""

    layer: Layer
    minutes_after: float
    section_text: str  # the prompt it re-reads, or ""


def layers_in_order(entry: Any) -> list[LayerView]:
    """The entry's layers oldest first, each with its distance from the entry."""
    prompts = {s.prompt_id: s.prompt_text for s in entry.sections}
    ordered = sorted(entry.layers, key=lambda x: (x.written, x.id))
    return [
        LayerView(
            layer,
            max(0.0, (layer.written - entry.created).total_seconds() / 60),
            prompts.get(layer.section or "", layer.section or ""),
        )
        for layer in ordered
    ]


__all__ = [
    "POSITIONALITY_PACK",
    "VERDICTS",
    "Layer",
    "LayerView",
    "PositionMark",
    "check_unique",
    "layers_in_order",
]
