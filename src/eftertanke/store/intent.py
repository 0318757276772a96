"""All-or-nothing changes that touch several files of a journal.

Each file is written atomically, but a change that spans files (an import
writing a hundred shards, the codebook and the interviews) can be cut off
between two of them by a kill, a power cut or a full disk. Such a change is
run as a named *operation*:

1. an intent record (``intent.json``: the operation's name and what it is
   about to do) is written atomically and durably, through the journal's
   codec, so it is encrypted when the journal is;
2. the change is applied, file by file;
3. the intent record is removed.

A leftover intent means the change may be half done. The next process that
opens the journal (``Journal._prepare``, under the lock, before anything
else reads) hands it to the recovery function registered for its name,
which rolls the change back or forward. A recovery must be idempotent: it
may itself be cut off and run again. ``doctor`` reports a pending intent
and ``doctor --repair`` completes it.

Operations register with ``@recovery("name")``; ``operation(journal, name,
payload)`` wraps the change. Only one operation runs at a time in a journal
(they run under its lock); one started inside another is covered by the
outer one's record, whose payload must then describe both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from eftertanke.store import files, layout
from eftertanke.store.errors import CorruptFileError, JournalError

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

INTENT_FILE = layout.INTENT_FILE

# What a recovery gets: the open journal (its lock held) and the payload;
# it returns a short description of what it did, for doctor and the log.
Recovery = Callable[["Journal", dict[str, Any]], str]
_RECOVERIES: dict[str, Recovery] = {}


@dataclass(frozen=True)
class Intent:
    """An operation under way: its name, what it is about to do, and when it started."""

    name: str
    payload: dict[str, Any]
    started: str


def recovery(name: str) -> Callable[[Recovery], Recovery]:
    """Register how to finish or undo the operation ``name`` after a crash."""

    def register(function: Recovery) -> Recovery:
        _RECOVERIES[name] = function
        return function

    return register


def intent_path(root: Path) -> Path:
    return Path(root) / INTENT_FILE


def pending(root: Path, codec: files.Codec) -> Intent | None:
    """The operation a crash left unfinished in the journal at ``root``, if any."""
    path = intent_path(root)
    try:
        raw = files.read_bytes(path)
    except FileNotFoundError:
        return None
    data = files.codec_for(codec, path).decode(raw, path)
    try:
        record = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise CorruptFileError(path, f"not valid JSON ({exc})") from exc
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("name"), str)
        or not isinstance(record.get("payload"), dict)
    ):
        raise CorruptFileError(path, "not an operation record")
    return Intent(record["name"], record["payload"], str(record.get("started", "")))


def describe(found: Intent) -> str:
    """One line for doctor: what is pending and what opening the journal will do."""
    count = len(found.payload.get("entries") or [])
    what = f"{found.name} of {count} entries" if count else found.name
    since = f" (started {found.started})" if found.started else ""
    return (
        f"an interrupted {what}{since} is pending; the next command that opens the "
        "journal (or 'eftertanke doctor --repair') completes its recovery"
    )


def _write(journal: Journal, found: Intent) -> None:
    path = intent_path(journal.root)
    record = {"name": found.name, "payload": found.payload, "started": found.started}
    files.atomic_write_bytes(
        path, files.codec_for(journal.codec, path).encode(orjson.dumps(record))
    )


def _clear(root: Path) -> None:
    path = intent_path(root)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    files.fsync_dir(path.parent)


@contextmanager
def operation(journal: Journal, name: str, payload: dict[str, Any]) -> Iterator[None]:
    """Run the body as the all-or-nothing operation ``name``.

    If the body fails (a full disk, a refused write), the recovery runs at
    once, so the journal is left as it was; if that fails too, the record
    stays and the next open finishes the job. A kill leaves the record.
    """
    if name not in _RECOVERIES:
        raise ValueError(f"no recovery registered for the operation {name!r}")
    depth = getattr(journal, "_intent_depth", 0)
    if depth:
        # Inside another operation: its record already covers this change.
        journal._intent_depth = depth + 1
        try:
            yield
        finally:
            journal._intent_depth = depth
        return
    with journal.lock:
        if pending(journal.root, journal.codec) is not None:
            raise JournalError(
                f"the journal {journal.root} has an unfinished operation; "
                "run 'eftertanke doctor --repair' first; nothing was saved"
            )
        started = datetime.now(UTC).isoformat(timespec="seconds")
        _write(journal, Intent(name, payload, started))
        journal._intent_depth = 1
        try:
            yield
        except BaseException:
            journal._intent_depth = 0
            try:
                _RECOVERIES[name](journal, payload)
            except Exception:  # noqa: BLE001 - the record stays; the next open retries
                pass
            else:
                _clear(journal.root)
            raise
        journal._intent_depth = 0
        _clear(journal.root)


def recover(journal: Journal) -> str | None:
    """Under the journal's lock: finish or undo a leftover operation; what was done."""
    found = pending(journal.root, journal.codec)
    if found is None:
        return None
    function = _RECOVERIES.get(found.name)
    if function is None:
        raise JournalError(
            f"the journal {journal.root} has an unfinished operation {found.name!r} that this "
            "version of eftertanke does not know; open it with the version that started it"
        )
    done = function(journal, found.payload)
    _clear(journal.root)
    return done


# -- recoveries of the store's own operations ----------------------------------


def _remove_ids(journal: Journal, path: Path, table: str, ids: set[str]) -> int:
    removed = 0

    def change(rows: dict[str, Any]) -> bool:
        nonlocal removed
        for doc_id in ids:
            if rows.pop(doc_id, None) is not None:
                removed += 1
        return removed > 0

    if path.exists():
        journal._modify(path, table, change)
    return removed


@recovery("import")
@recovery("add-entries")
def undo_added_records(journal: Journal, payload: dict[str, Any]) -> str:
    """Roll back a batch of new records: none of it was acknowledged (the
    command reports success only after the record is cleared), and every id
    in the batch was new, so removing them restores the journal exactly."""
    by_shard: dict[Path, set[str]] = {}
    for entry_id in payload.get("entries") or []:
        by_shard.setdefault(layout.shard_path(journal.root, str(entry_id)), set()).add(
            str(entry_id)
        )
    entries = sum(
        _remove_ids(journal, path, layout.ENTRIES_TABLE, ids) for path, ids in by_shard.items()
    )
    themes = _remove_ids(
        journal,
        journal.root / layout.THEMES_FILE,
        layout.THEMES_TABLE,
        {str(i) for i in payload.get("themes") or []},
    )
    interviews = _remove_ids(
        journal,
        journal.root / layout.INTERVIEWS_FILE,
        layout.INTERVIEWS_TABLE,
        {str(i) for i in payload.get("interviews") or []},
    )
    journal.invalidate_cache()
    return (
        f"undid an interrupted batch: removed {entries} entries, {themes} themes and "
        f"{interviews} interviews it had written"
    )


# -- doctor ---------------------------------------------------------------------


def doctor_findings(root: Path, codec: files.Codec) -> list[tuple[str, str]]:
    """``(level, message)`` for doctor's check: a pending operation is an info
    line (the next open recovers it), an unreadable record an error."""
    try:
        found = pending(root, codec)
    except JournalError as exc:
        return [("error", f"{INTENT_FILE}: {exc}")]
    return [] if found is None else [("info", describe(found))]


def doctor_repair(root: Path, codec: files.Codec) -> list[tuple[str, str]]:
    """Complete a pending operation for ``doctor --repair`` (outside doctor's
    own lock: opening the journal takes it and runs the recovery)."""
    try:
        if pending(root, codec) is None:
            return []
    except JournalError as exc:
        return [("error", f"{INTENT_FILE}: {exc}")]
    from eftertanke.store.journal import Journal

    try:
        journal = Journal(root, create=False, codec=codec)
    except JournalError as exc:
        return [("error", f"the interrupted operation was not recovered: {exc}")]
    return [("info", journal.recovered or "the interrupted operation was recovered")]


# Operations defined elsewhere in the store register their recoveries on import;
# importing them here means every open of a journal knows how to recover them.
from eftertanke.store import batch as _batch  # noqa: E402,F401
