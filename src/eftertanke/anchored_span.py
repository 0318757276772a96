"""What every record anchored to a span of text does with its span.

A coding (``domain.Coding``), a position mark (``reflexivity.PositionMark``)
and the passage that answered a carried question (``domain.AnswerLink``)
each hold ``start``, ``end`` and the words they cover with a little text on
either side (``quote``, ``before``, ``after``). Taking those words from a
text, writing and reading them, and following them through an edit are the
same for all three, so they are written once here, as a mixin, and each
record keeps only what is its own (its fields, its rules, its messages).

The records live in different modules (``domain`` imports ``reflexivity``),
so the error to raise is passed in: each raises its own ``ValidationError``.
Pure, no I/O; the string work is ``anchoring``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eftertanke import anchoring

Invalid = Callable[[str], Exception]


def new_span(text: str, start: int, end: int, invalid: Invalid) -> dict[str, Any]:
    """The span fields of a new record on ``text[start:end]`` (start, end and the
    words with their context), as keyword arguments for its constructor; raises
    ``invalid(message)`` when the span is not inside the text."""
    words = anchoring.words_at(text, start, end)
    if words is None:
        raise invalid(anchoring.outside_message(text, start, end))
    quote, before, after = words
    return {"start": start, "end": end, "quote": quote, "before": before, "after": after}


def stored_span(
    data: dict[str, Any], what: str, invalid: Invalid, *, strict: bool = True
) -> dict[str, Any]:
    """The span fields of a stored record, as keyword arguments. ``strict``: an
    offset that is not a whole number raises ``invalid`` ("{what} offset must
    be ..."); otherwise it reads as 0 (a link that names nothing shows nothing)."""

    def whole(value: Any) -> int:
        if anchoring.is_offset(value):
            return value
        if strict:
            raise invalid(f"{what} offset must be a whole number: {value!r}")
        return 0

    return {
        "start": whole(data.get("start", 0)),
        "end": whole(data.get("end", 0)),
        "quote": str(data.get("quote") or ""),
        "before": str(data.get("before") or ""),
        "after": str(data.get("after") or ""),
    }


class AnchoredSpan:
    """The span half of a record: its stored words and following them into a
    text that has changed. Mixed into slotted dataclasses, so it has no slots
    of its own; the record declares the fields."""

    __slots__ = ()

    start: int
    end: int
    quote: str
    before: str
    after: str
    review: str

    def check_offsets(self, what: str, invalid: Invalid) -> None:
        """Raise ``invalid`` when the offsets are not a span (``what``: "a coding's")."""
        problem = anchoring.offsets_problem(self.start, self.end, what)
        if problem:
            raise invalid(problem)

    def span_words(self) -> dict[str, str]:
        """The covered words and their context, in the order records store them."""
        return {"quote": self.quote, "before": self.before, "after": self.after}

    def span_dict(self) -> dict[str, Any]:
        """The offsets, then the words: how a record writes its span."""
        return {"start": self.start, "end": self.end, **self.span_words()}

    def follow_words(self, text: str | None, *, gone: str, edited: str) -> bool:
        """Move the span onto its words in ``text`` (the source as it is now) and
        clear ``review``; when the source is gone (None) or the words cannot be
        found, keep the old span and say why in ``review`` (``gone``, ``edited``).
        True if anything changed."""
        if text is None:
            return self._flag(gone)
        found = anchoring.follow(text, self.start, self.end, self.quote, self.before, self.after)
        if found is None:
            return self._flag(edited)
        new = (*found, "")
        old = (self.start, self.end, self.quote, self.before, self.after, self.review)
        if new == old:
            return False
        self.start, self.end, self.quote, self.before, self.after = found
        self.review = ""
        return True

    def _flag(self, reason: str) -> bool:
        changed = self.review != reason
        self.review = reason
        return changed


__all__ = ["AnchoredSpan", "Invalid", "new_span", "stored_span"]
