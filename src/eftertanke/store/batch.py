"""Rewriting several data files as one all-or-nothing change, undone record by record.

A merge of another journal changes the interviews, the codebook and any
number of shards. Each file is written atomically, but a kill or a full disk
between two of them used to leave the journal half merged. ``rewrite_files``
runs such a change as an intent-recorded operation (store/intent.py) whose
record holds, for every record it changes, the stored version from before
and a digest of the version it writes. A crash part-way is then undone on
the next open: a record still holding what the change wrote goes back to
what it was (or away, if the change added it); a record changed since, by a
process that already had the journal open, is left alone, because that
later save was acknowledged to somebody and must not be lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from eftertanke.store import intent
from eftertanke.textsafe import scrub_surrogates

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

OPERATION = "rewrite-records"
Rows = dict[str, Any]


@dataclass(frozen=True)
class FileRewrite:
    """A data file's table as it should stand after the change."""

    path: Path
    table: str
    rows: Rows


def digest(doc: Any) -> str | None:
    """What a stored record is, byte for byte as the store writes it (None: absent)."""
    if doc is None:
        return None
    return hashlib.sha256(orjson.dumps(scrub_surrogates(doc), option=orjson.OPT_SORT_KEYS)).hexdigest()


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Per changed record: the stored version before, and the digest of the one after."""
    out: dict[str, Any] = {}
    for doc_id in set(before) | set(after):
        old, new = before.get(doc_id), after.get(doc_id)
        if digest(old) != digest(new):
            out[doc_id] = {"before": old, "after": digest(new)}
    return out


def rewrite_files(journal: Journal, rewrites: list[FileRewrite]) -> int:
    """Write every file of ``rewrites`` or, after a crash, none; returns files written.

    The caller holds (or this takes) the journal's lock for the whole change,
    so the versions read here as "before" are the ones being replaced.
    """
    with journal.lock:
        plan: list[tuple[FileRewrite, dict[str, Any]]] = []
        for rewrite in rewrites:
            current = journal.stored_table(rewrite.path, rewrite.table)
            changes = _changes(current, rewrite.rows)
            if changes:
                plan.append((rewrite, changes))
        if not plan:
            return 0
        root = journal.root
        payload = {
            "files": [
                {
                    "file": rewrite.path.relative_to(root).as_posix(),
                    "table": rewrite.table,
                    "records": changes,
                }
                for rewrite, changes in plan
            ]
        }
        with intent.operation(journal, OPERATION, payload):
            for rewrite, _ in plan:
                journal.replace_table(rewrite.path, rewrite.table, rewrite.rows)
        return len(plan)


@intent.recovery(OPERATION)
def undo_rewrite(journal: Journal, payload: dict[str, Any]) -> str:
    """Put back every record that still holds what the interrupted change wrote."""
    restored = 0
    kept = 0
    for item in payload.get("files") or []:
        path = journal.root / str(item["file"])
        records: dict[str, Any] = item.get("records") or {}

        def change(rows: Rows, records: dict[str, Any] = records) -> bool:
            nonlocal restored, kept
            changed = False
            for doc_id, record in records.items():
                current = rows.get(doc_id)
                if digest(current) == digest(record.get("before")):
                    continue  # never written, or already put back
                if digest(current) != record.get("after"):
                    kept += 1  # saved again since: that save stands
                    continue
                if record.get("before") is None:
                    rows.pop(doc_id, None)
                else:
                    rows[doc_id] = record["before"]
                restored += 1
                changed = True
            return changed

        if path.exists() or any(r.get("before") is not None for r in records.values()):
            journal.change_table(path, str(item["table"]), change)
    journal.invalidate_cache()
    note = f"; {kept} changed again since were kept" if kept else ""
    return f"undid an interrupted journal-wide change: {restored} records put back{note}"


__all__ = ["FileRewrite", "rewrite_files", "undo_rewrite"]
