"""Rotating whole-journal backups.

A backup is one file holding every data file's parsed tables. One is taken
before a migration, and before the first write of a process when the newest
is older than ``BACKUP_INTERVAL``; the newest ``KEEP`` are kept. Files that
cannot be parsed are left out of a backup, so a damaged journal never
overwrites the good copies with garbage.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from eftertanke.store import files, layout
from eftertanke.store.errors import JournalError
from eftertanke.store.storage import AtomicStorage

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

BACKUP_INTERVAL = timedelta(hours=1)
KEEP = 10
PREFIX = "backup-"


def backups_dir(journal: Journal) -> Path:
    return journal.root / layout.BACKUPS_DIR


def list_backups(journal: Journal) -> list[Path]:
    """Backup files, newest first (names sort by time)."""
    directory = backups_dir(journal)
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"{PREFIX}*.json"), reverse=True)


def take_backup(journal: Journal, reason: str = "routine") -> Path:
    snapshot: dict[str, Any] = {
        "schema": journal.meta.get("schema") if hasattr(journal, "meta") else None,
        "taken": datetime.now(UTC).isoformat(),
        "reason": reason,
        "files": {},
    }
    for path in layout.data_files(journal.root):
        try:
            tables = AtomicStorage(path, journal.codec).read()
        except (JournalError, OSError):
            continue
        snapshot["files"][path.relative_to(journal.root).as_posix()] = tables
    directory = backups_dir(journal)
    files.ensure_private_dir(directory)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"{PREFIX}{stamp}.json"
    files.atomic_write_bytes(target, journal.codec.encode(orjson.dumps(snapshot)))
    for old in list_backups(journal)[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
    return target


def backup_if_due(journal: Journal) -> Path | None:
    existing = list_backups(journal)
    if existing:
        age = datetime.now().timestamp() - existing[0].stat().st_mtime
        if age < BACKUP_INTERVAL.total_seconds():
            return None
    if not layout.data_files(journal.root):
        return None
    return take_backup(journal)


def read_backup(journal: Journal, path: Path) -> dict[str, Any] | None:
    """A backup's content, or None if the backup itself is unreadable."""
    try:
        data = orjson.loads(journal.codec.decode(files.read_bytes(path), path))
    except (OSError, orjson.JSONDecodeError, JournalError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    return data
