"""Rotating whole-journal backups.

A backup is a folder ``backups/backup-<time>/`` holding byte copies of every
data file (still encoded, so an encrypted journal's backups stay encrypted).
Copying bytes in the kernel is cheap (no parsing), so one is taken before a
migration and before the first write of a process when the newest is older
than ``BACKUP_INTERVAL``; the newest ``KEEP`` are kept. Copies are made in a
staging folder and renamed into place, so a backup is complete or absent.

Incremental: a data file unchanged since the newest backup (same size and
modification time, which the copy keeps) is not copied again but hard-linked
to that backup's copy, so the first write of the hour costs the files that
changed, not the whole journal (100,000 entries: a few shards, not 150 MB).
The live files are never linked, only backup copies to each other: a file
damaged in place in the journal cannot damage a backup, and backups are
never written in place (purge replaces each copy by an atomic rename, which
parts it from its links). Where links cannot be made (another file system,
FAT), the file is copied.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from eftertanke.store import files, layout

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

BACKUP_INTERVAL = timedelta(hours=1)
KEEP = 10
SETTLED_NS = 2_000_000_000  # see take_backup
PREFIX = "backup-"


def backups_dir(root: Path) -> Path:
    return root / layout.BACKUPS_DIR


def list_backups(root: Path) -> list[Path]:
    """Backup folders, newest first (their names sort by time)."""
    directory = backups_dir(root)
    if not directory.is_dir():
        return []
    return sorted((p for p in directory.glob(f"{PREFIX}*") if p.is_dir()), reverse=True)


def take_backup(journal: Journal) -> Path:
    root = journal.root
    directory = backups_dir(root)
    files.ensure_private_dir(directory)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging = directory / f"{files.TEMP_PREFIX}{PREFIX}{stamp}"
    files.ensure_private_dir(staging)
    previous = next(iter(list_backups(root)), None)
    # A file last written this close to the earlier backup could have been
    # rewritten after it was copied within one tick of the file system's clock
    # (same size, same time): such a file is copied, never linked.
    settled = (previous.stat().st_mtime_ns - SETTLED_NS) if previous is not None else 0
    # Names, not Paths: at 10,000 entries the walk over 259 files cost more in
    # Path objects than in the links it makes.
    made: set[str] = set()
    live, kept = f"{root}/", f"{staging}/"
    before = f"{previous}/" if previous is not None else None
    for relative in layout.data_names(root):
        folder = os.path.dirname(relative)
        if folder and folder not in made:
            files.ensure_private_dir(staging / folder)
            made.add(folder)
        earlier = before + relative if before is not None else None
        _keep(live + relative, kept + relative, earlier, settled)
    final = directory / f"{PREFIX}{stamp}"
    staging.rename(final)
    for old in list_backups(root)[KEEP:]:
        _remove_tree(old)
    return final


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _keep(path: str, target: str, earlier: str | None, settled: int) -> None:
    """``path`` into the backup at ``target``: a link to the earlier backup's
    copy when the file has not changed since (and was written well before that
    backup, ``settled``), else a copy with the file's times."""
    source = os.stat(path)
    if earlier is not None and source.st_mtime_ns < settled:
        try:
            kept = os.stat(earlier)
            if (kept.st_size, kept.st_mtime_ns) == (source.st_size, source.st_mtime_ns):
                os.link(earlier, target)
                return
        except OSError:
            pass  # no earlier copy, or no links here: copy it
    files.copy_file(path, target)
    os.chmod(target, files.FILE_MODE)
    # The live file's times, so the next backup can tell it has not changed.
    os.utime(target, ns=(source.st_atime_ns, source.st_mtime_ns))


def backup_if_due(journal: Journal) -> Path | None:
    existing = list_backups(journal.root)
    if existing:
        age = time.time() - existing[0].stat().st_mtime
        if age < BACKUP_INTERVAL.total_seconds():
            return None
    if not layout.data_names(journal.root):
        return None
    return take_backup(journal)


def clean_unfinished(root: Path) -> None:
    """Remove staging folders left by a process killed while backing up."""
    directory = backups_dir(root)
    if directory.is_dir():
        for leftover in directory.glob(f"{files.TEMP_PREFIX}{PREFIX}*"):
            _remove_tree(leftover)
