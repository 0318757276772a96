"""The codebook's change log: one record per theme added, renamed, merged,
moved, described or deleted, with who, when, the names before and after and
an optional reason.

The log is history, so a record names themes as they were called at the
time (not by id only: a later rename must not rewrite what was written
then). Records are never changed or removed once written; the store writes
each in the same write as the change it describes (store/record_store.py,
services/theme_delete.py), and a merge of two journals unites the logs by
record id (services/merge.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import ValidationError, new_id, now

# The table in themes.json that holds the log, beside the themes themselves.
CODEBOOK_LOG_TABLE = "codebook_log"

ADDED = "added"
RENAMED = "renamed"
MERGED = "merged"
MOVED = "moved"  # parent or concept changed
DESCRIBED = "described"  # description or theory reference changed
DELETED = "deleted"
ACTIONS = (ADDED, RENAMED, MERGED, MOVED, DESCRIBED, DELETED)

# What a record must hold to be read back (doctor names a record without them).
REQUIRED_FIELDS = ("id", "action", "at", "theme")


@dataclass
class CodebookChange:
    """One change of the codebook, as written in the log."""

    action: str
    theme: str  # the theme record's id
    name_before: str | None = None  # None for an added theme
    name_after: str | None = None  # None for a deleted theme; the target of a merge
    concept_before: str | None = None
    concept_after: str | None = None
    parent_before: str | None = None  # parent theme names
    parent_after: str | None = None
    reason: str = ""
    by: str = ""
    at: datetime = field(default_factory=now)
    id: str = field(default_factory=new_id)

    def validate(self) -> CodebookChange:
        if self.action not in ACTIONS:
            raise ValidationError(
                f"unknown codebook change {self.action!r}; use one of {', '.join(ACTIONS)}"
            )
        self.reason = (self.reason or "").strip()
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "theme": self.theme,
            "name_before": self.name_before,
            "name_after": self.name_after,
            "concept_before": self.concept_before,
            "concept_after": self.concept_after,
            "parent_before": self.parent_before,
            "parent_after": self.parent_after,
            "reason": self.reason,
            "by": self.by,
            "at": self.at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodebookChange:
        missing = [name for name in REQUIRED_FIELDS if not data.get(name)]
        if missing:
            raise ValidationError(f"a codebook log record lacks {', '.join(missing)}")
        try:
            at = datetime.fromisoformat(str(data["at"]))
        except ValueError as exc:
            raise ValidationError(f"a codebook log record has a bad time {data['at']!r}") from exc

        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value is not None else None

        return cls(
            action=str(data["action"]),
            theme=str(data["theme"]),
            name_before=text("name_before"),
            name_after=text("name_after"),
            concept_before=text("concept_before"),
            concept_after=text("concept_after"),
            parent_before=text("parent_before"),
            parent_after=text("parent_after"),
            reason=str(data.get("reason") or ""),
            by=str(data.get("by") or ""),
            at=at,
            id=str(data["id"]),
        )


def in_order(changes: list[CodebookChange]) -> list[CodebookChange]:
    """Oldest first; records of the same moment in id order, so the order is stable."""
    return sorted(changes, key=lambda c: (c.at, c.id))


def read_log(rows: dict[str, Any]) -> list[CodebookChange]:
    """The log's stored records as changes, oldest first; unreadable records are
    skipped here (doctor names them)."""
    found = []
    for doc in rows.values():
        if not isinstance(doc, dict):
            continue
        try:
            found.append(CodebookChange.from_dict(doc))
        except ValidationError:
            continue
    return in_order(found)


def union(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Two logs as one: every record of either, by id. A record is never changed
    after it is written, so the same id holds the same record on both sides;
    should they differ anyway (a hand edit), the choice depends on the records
    only, never on the side, so both directions of a merge agree."""
    out = dict(ours)
    for ident, doc in theirs.items():
        mine = out.get(ident)
        if mine is None or _order(doc) > _order(mine):
            out[ident] = doc
    return out


def _order(doc: Any) -> bytes:
    import orjson

    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


__all__ = [
    "ACTIONS",
    "ADDED",
    "CODEBOOK_LOG_TABLE",
    "DELETED",
    "DESCRIBED",
    "MERGED",
    "MOVED",
    "REQUIRED_FIELDS",
    "RENAMED",
    "CodebookChange",
    "in_order",
    "read_log",
    "union",
]
