"""The codebook's change log: every theme added, renamed, merged, moved,
edited or deleted, with when, by whom and (optionally) why.

Pure: the event record and its rules. The store appends events in the same
atomic write as the change they describe (``store/record_store.py``, table
``codebook_log`` of ``themes.json``), and never changes or removes one: the
log is append-only, and a merge of two journals keeps the events of both
(``services/merge/record_rules.merge_codebook_log``).

An event names the theme by id and by the name it had *at the time* (and the
other names the change involved), since later renames must not rewrite the
history of what the codebook was called when the analysis was done.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import ValidationError, _parse_dt, now

LOG_TABLE = "codebook_log"

ADDED = "added"
RENAMED = "renamed"
MERGED = "merged"
MOVED = "moved"
EDITED = "edited"
DELETED = "deleted"
KINDS = (ADDED, RENAMED, MERGED, MOVED, EDITED, DELETED)

MAX_REASON = 2000

# Event ids are derived from the event itself, so writing the same history
# twice (the demo journal's script) gives the same ids, and two journals that
# hold the same event merge it into one.
_NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4c55-9a51-2f0f6b7f1c0e")


@dataclass
class CodebookEvent:
    """One change to the codebook: what happened to a theme, when, by whom and why."""

    kind: str
    theme_id: str
    name: str  # the theme's name when it happened (before a rename)
    at: datetime = field(default_factory=now)
    by: str = ""
    reason: str = ""
    concept: str | None = None  # added, and moved: the concept after
    parent: str | None = None  # added, and moved: the parent's name after
    old_concept: str | None = None  # moved: before
    old_parent: str | None = None  # moved: before
    new_name: str | None = None  # renamed
    into_id: str | None = None  # merged: the theme it went into
    into_name: str | None = None
    fields: list[str] = field(default_factory=list)  # edited: which fields
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = str(
                uuid.uuid5(
                    _NAMESPACE,
                    "|".join(
                        str(v)
                        for v in (
                            self.kind,
                            self.theme_id,
                            self.at.isoformat(),
                            self.name,
                            self.new_name,
                            self.into_id,
                            self.concept,
                            self.parent,
                        )
                    ),
                )
            )

    def validate(self) -> CodebookEvent:
        if self.kind not in KINDS:
            raise ValidationError(f"unknown kind of codebook change {self.kind!r}")
        if not self.theme_id or not self.name:
            raise ValidationError("a codebook change names its theme")
        if self.kind == RENAMED and not self.new_name:
            raise ValidationError("a rename names the new name")
        if self.kind == MERGED and not (self.into_id and self.into_name):
            raise ValidationError("a merge names the theme it went into")
        self.reason = " ".join((self.reason or "").split())
        if len(self.reason) > MAX_REASON:
            raise ValidationError(f"a reason is at most {MAX_REASON} characters")
        return self

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "theme": self.theme_id,
            "name": self.name,
            "by": self.by,
            "reason": self.reason,
        }
        for key, value in (
            ("concept", self.concept),
            ("parent", self.parent),
            ("old_concept", self.old_concept),
            ("old_parent", self.old_parent),
            ("new_name", self.new_name),
            ("into", self.into_id),
            ("into_name", self.into_name),
        ):
            if value is not None:
                doc[key] = value
        if self.fields:
            doc["fields"] = list(self.fields)
        return doc

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> CodebookEvent:
        if not isinstance(doc, dict):
            raise ValidationError("a codebook change is not an object")

        def text(key: str) -> str | None:
            value = doc.get(key)
            return None if value is None else str(value)

        at = _parse_dt(doc.get("at"), "at")
        if at is None:
            raise ValidationError("a codebook change has no time")
        return cls(
            kind=str(doc.get("kind") or ""),
            theme_id=str(doc.get("theme") or ""),
            name=str(doc.get("name") or ""),
            at=at,
            by=str(doc.get("by") or ""),
            reason=str(doc.get("reason") or ""),
            concept=text("concept"),
            parent=text("parent"),
            old_concept=text("old_concept"),
            old_parent=text("old_parent"),
            new_name=text("new_name"),
            into_id=text("into"),
            into_name=text("into_name"),
            fields=[str(f) for f in doc.get("fields") or []],
            id=str(doc.get("id") or ""),
        ).validate()


def ordered(events: list[CodebookEvent]) -> list[CodebookEvent]:
    """Oldest first; events of the same moment in a stable order."""
    return sorted(events, key=lambda e: (e.at, e.id))


def load_log(rows: dict[str, Any]) -> list[CodebookEvent]:
    """The stored log table as events, oldest first (a damaged event is skipped:
    doctor names it)."""
    found = []
    for doc in rows.values():
        try:
            found.append(CodebookEvent.from_dict(doc))
        except (ValidationError, TypeError, ValueError):
            continue
    return ordered(found)


def appended(rows: dict[str, Any], events: list[CodebookEvent]) -> dict[str, Any]:
    """The log table with ``events`` added; an existing event is never replaced."""
    out = dict(rows)
    for event in events:
        event.validate()
        out.setdefault(event.id, event.to_dict())
    return out


__all__ = [
    "ADDED",
    "DELETED",
    "EDITED",
    "KINDS",
    "LOG_TABLE",
    "MERGED",
    "MOVED",
    "RENAMED",
    "CodebookEvent",
    "appended",
    "load_log",
    "ordered",
]


# -- in words ------------------------------------------------------------------------


def _place(concept: str | None, parent: str | None, lang: str) -> str:
    from eftertanke.domain import CONCEPTS, concept_name
    from eftertanke.i18n import t

    shown = concept_name(concept, lang) if concept in CONCEPTS else concept or ""
    if parent:
        return t("codebook_log.place_parent", lang, parent=parent, concept=shown)
    return t("codebook_log.place_top", lang, concept=shown)


def describe(event: CodebookEvent, lang: str) -> str:
    """What happened, in one sentence without the time, who or why:
    'renamed “Tavshed” to “Farlig tavshed”'."""
    from eftertanke.i18n import t

    if event.kind == ADDED:
        return t(
            "codebook_log.added",
            lang,
            name=event.name,
            place=_place(event.concept, event.parent, lang),
        )
    if event.kind == RENAMED:
        return t("codebook_log.renamed", lang, name=event.name, new_name=event.new_name or "")
    if event.kind == MERGED:
        return t("codebook_log.merged", lang, name=event.name, into=event.into_name or "")
    if event.kind == MOVED:
        return t(
            "codebook_log.moved",
            lang,
            name=event.name,
            before=_place(event.old_concept, event.old_parent, lang),
            after=_place(event.concept, event.parent, lang),
        )
    if event.kind == EDITED:
        names = [t(f"codebook_log.field.{f}", lang) for f in event.fields] or [
            t("codebook_log.field.description", lang)
        ]
        fields = (
            names[0]
            if len(names) == 1
            else t("codebook_log.and", lang, first=", ".join(names[:-1]), last=names[-1])
        )
        return t("codebook_log.edited", lang, name=event.name, fields=fields)
    return t("codebook_log.deleted", lang, name=event.name)
