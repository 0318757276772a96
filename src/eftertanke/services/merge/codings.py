"""Merging the coded passages of one entry or transcript, as stored dicts.

Two researchers coding the same reflection (or transcript) on two clones
each add codings with their own ids, so the rule is a union by coding id:

* a coding only on one side is kept; in a three-way merge (git, with the
  common ancestor) a coding removed on one side and unchanged on the other
  stays removed, and one removed on one side but changed on the other is
  kept (the change is the newer thought). Without an ancestor a removal
  cannot be told from a coding the other side has not seen yet, so it comes
  back: merging never drops a coding, it may only return one;
* a coding changed on both sides (recoded, moved, its memo edited) keeps the
  newer version's span and themes (``updated``; equal times are decided by
  a content hash, never by the side), and **both memos**: a memo is typed
  text, so when neither memo holds the other, the older is appended to the
  newer after a blank line. Merging again changes nothing, because the
  joined memo holds both;
* the result is in the order of the side whose codings it equals, else in
  reading order (source, answer, start, end, id), the same whichever side
  merges into which.

When the text the codings point into differs between the sides, the kept
codings are re-anchored into the kept text by their words and context
(``Coding.anchor_to``); a span that cannot be found is kept, flagged for
review, with its words, never moved to words it did not code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from eftertanke.domain import Coding, ValidationError

Doc = dict[str, Any]
MEMO_JOINER = "\n\n"
_ANCHOR_FIELDS = ("start", "end", "quote", "before", "after", "review")


@dataclass
class CodingsMerge:
    """The merged codings of one entry or transcript, with notes on what the other side gave."""

    codings: list[Doc]
    # One line per coding whose themes came from the other side's newer version.
    notes: list[str] = field(default_factory=list)


def time_of(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        return datetime.min.replace(tzinfo=UTC)
    return parsed


def content_digest(doc: Doc) -> str:
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _newer_first(a: Doc, b: Doc) -> tuple[Doc, Doc]:
    key_a, key_b = (
        (time_of(a.get("updated")), content_digest(a)),
        (time_of(b.get("updated")), content_digest(b)),
    )
    return (a, b) if key_a >= key_b else (b, a)


def join_memos(newer: str, older: str) -> str:
    """Both memos, the newer first; one that already holds the other is enough."""
    if older in newer:
        return newer
    if newer in older:
        return older
    return newer.rstrip() + MEMO_JOINER + older.lstrip()


def merge_coding_versions(a: Doc, b: Doc) -> Doc:
    """Two versions of one coding: the newer's span and themes, both memos."""
    if a == b:
        return a
    newer, older = _newer_first(a, b)
    memo = join_memos(str(newer.get("memo") or ""), str(older.get("memo") or ""))
    return newer if memo == (newer.get("memo") or "") else {**newer, "memo": memo}


def _by_id(codings: Any) -> dict[str, Doc]:
    out: dict[str, Doc] = {}
    for coding in codings or ():
        if isinstance(coding, dict) and coding.get("id"):
            out.setdefault(str(coding["id"]), coding)
    return out


def _reading_order(coding: Doc) -> tuple[str, str, int, int, str]:
    def number(value: Any) -> int:
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    return (
        str(coding.get("source") or ""),
        str(coding.get("section") or ""),
        number(coding.get("start")),
        number(coding.get("end")),
        str(coding.get("id")),
    )


def merge_codings(
    mine: Any,
    other: Any,
    base: Any = None,
    *,
    three_way: bool = False,
    text_of: Callable[[Doc], str | None] | None = None,
) -> CodingsMerge:
    """Merge two coding lists (``base``: the ancestor's, with ``three_way``).

    ``text_of`` gives the kept source text of a coding when the sides' texts
    differ: every kept coding is then re-anchored into it."""
    if mine == other and text_of is None:
        return CodingsMerge(list(mine or []))
    ours, theirs = _by_id(mine), _by_id(other)
    old = _by_id(base) if three_way else {}
    kept: dict[str, Doc] = {}
    notes: list[str] = []
    for coding_id in sorted(set(ours) | set(theirs)):
        a, b = ours.get(coding_id), theirs.get(coding_id)
        o = old.get(coding_id)
        if three_way:
            if (a == o and b is None) or (b == o and a is None):
                continue  # removed on one side, unchanged on the other
            if a == o and b is not None:
                kept[coding_id] = b
                continue
            if b == o and a is not None:
                kept[coding_id] = a
                continue
        if a is None or b is None:
            kept[coding_id] = a if a is not None else b  # type: ignore[assignment]
            continue
        merged = merge_coding_versions(a, b)
        kept[coding_id] = merged
        if merged != a and list(merged.get("themes") or []) != list(a.get("themes") or []):
            notes.append(
                f"coding {coding_id[:8]} was changed on both sides: kept the newer themes "
                f"({', '.join(map(str, merged.get('themes') or []))}); this side had "
                f"{', '.join(map(str, a.get('themes') or [])) or 'none'}"
            )
    values = list(kept.values())
    if text_of is not None:
        values = reanchor(values, text_of)
    return CodingsMerge(_ordered(values, mine, other), notes)


def _ordered(values: list[Doc], mine: Any, other: Any) -> list[Doc]:
    """The side's own list when the result equals it (nothing to rewrite), else
    reading order: the same whichever side merges into which."""
    result = _by_id(values)
    for side in (mine, other):
        if isinstance(side, list) and len(side) == len(values) and _by_id(side) == result:
            return list(side)
    return sorted(values, key=_reading_order)


def reanchor(codings: list[Doc], text_of: Callable[[Doc], str | None]) -> list[Doc]:
    """Follow each coding's words into the text it now points into (``text_of``
    gives a coding's source text, None when the source is gone)."""
    out: list[Doc] = []
    for raw in codings:
        try:
            coding = Coding.from_dict(raw)
        except (ValidationError, TypeError, ValueError):
            out.append(raw)  # unreadable: kept as it is (doctor names it)
            continue
        if coding.anchor_to(text_of(raw)):
            raw = {**raw, **{name: getattr(coding, name) for name in _ANCHOR_FIELDS}}
        out.append(raw)
    return out


def entry_text_of(doc: Doc) -> Callable[[Doc], str | None]:
    """The source text of an entry's coding: its body, or the answer it codes."""
    answers = {
        str(s.get("prompt_id")): str(s.get("answer") or "")
        for s in doc.get("sections") or ()
        if isinstance(s, dict)
    }

    def text_of(coding: Doc) -> str | None:
        if coding.get("source") == "section":
            return answers.get(str(coding.get("section")))
        if coding.get("source", "body") == "body":
            return str(doc.get("body") or "")
        return None

    return text_of


def transcript_text(doc: Doc) -> str:
    """The text a stored transcript's codings point into (``Transcript.text``)."""
    from eftertanke.transcript import Transcript, Turn

    turns = [Turn.from_dict(t) for t in doc.get("turns") or () if isinstance(t, dict)]
    return Transcript(interview=str(doc.get("interview") or ""), turns=turns).text


def transcript_text_of(doc: Doc) -> Callable[[Doc], str | None]:
    text = transcript_text(doc)
    return lambda _coding: text


__all__ = [
    "CodingsMerge",
    "entry_text_of",
    "join_memos",
    "merge_coding_versions",
    "merge_codings",
    "reanchor",
    "transcript_text",
    "transcript_text_of",
]
