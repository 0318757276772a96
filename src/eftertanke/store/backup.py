"""Rotating whole-journal backups.

A backup is a folder ``backups/backup-<time>/`` holding byte copies of every
data file (still encoded, so an encrypted journal's backups stay encrypted).
Copying bytes in the kernel is cheap (no parsing), so one is taken before a
migration and before the first write of a process when the newest is older
than ``BACKUP_INTERVAL``; the newest ``KEEP`` are kept. Copies are made in a
staging folder and renamed into place, so a backup is complete or absent.
Copies, not hard links: a file damaged in place must not damage its backup.
"""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from eftertanke.store import files, layout

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

BACKUP_INTERVAL = timedelta(hours=1)
KEEP = 10
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
    for path in layout.data_files(root):
        target = staging / path.relative_to(root)
        if target.parent != staging:
            files.ensure_private_dir(target.parent)
        shutil.copyfile(path, target)
        target.chmod(files.FILE_MODE)
    final = directory / f"{PREFIX}{stamp}"
    staging.rename(final)
    for old in list_backups(root)[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def backup_if_due(journal: Journal) -> Path | None:
    existing = list_backups(journal.root)
    if existing:
        age = time.time() - existing[0].stat().st_mtime
        if age < BACKUP_INTERVAL.total_seconds():
            return None
    if not layout.data_files(journal.root):
        return None
    return take_backup(journal)


def clean_unfinished(root: Path) -> None:
    """Remove staging folders left by a process killed while backing up."""
    directory = backups_dir(root)
    if directory.is_dir():
        for leftover in directory.glob(f"{files.TEMP_PREFIX}{PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)
