"""Removing records from every copy the journal folder keeps, and proving it.

A purge (``services/purge.py``) removes records from the live data files in
one all-or-nothing change; those files' mirrors are rewritten by the same
saves. What else in the folder may hold the text is handled here:

* **backups** (``backups/backup-*/`` and ``backups/pre-migration-schema-*/``):
  every data file in them is rewritten without the records, through the
  journal's codec; a backup with a file that cannot be read or rewritten
  (damaged, or encrypted under a key since replaced) is dropped whole, since
  it cannot be shown to be clean;
* **drafts** that belong to a purged record, and any file set aside by
  ``doctor`` (damaged drafts, migration reports) that still holds the text,
  are removed.

``find_text`` then reads every file in the folder (decrypting what is
encrypted) and names each one where any of the words are still found: the
proof ``doctor --find`` and ``purge`` give.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from eftertanke.store import files, layout
from eftertanke.store.storage import dump

# Rows of one table, changed in place; returns True if anything changed.
RowsChange = Callable[[str, dict[str, Any]], bool]

_SKIP = {".lock", ".git"}


@dataclass
class ScrubReport:
    """What a scrub did: backups rewritten or dropped, drafts and files removed."""

    backups_rewritten: int = 0
    backups_dropped: int = 0
    drafts_removed: int = 0
    files_removed: list[str] = field(default_factory=list)


def _decode(path: Path, raw: bytes, codec: files.Codec) -> bytes:
    if raw.startswith(files.ENCRYPTED_MAGIC):
        # Bound to the file's name in the journal (a backup's copy: its original's).
        return files.codec_for(codec, path).decode(raw, path)
    return raw


def decoded(path: Path, codec: files.Codec) -> bytes:
    """A data file's plain bytes (decrypted if need be); empty if it cannot be read."""
    try:
        return _decode(path, files.read_bytes(path), codec)
    except Exception:  # noqa: BLE001 - unreadable: holds nothing that can be read
        return b""


def _rewrite_backup(folder: Path, change: RowsChange, codec: files.Codec) -> bool | None:
    """Rewrite a backup's data files without the records: True if any changed,
    False if none held them, None if a file could not be read (drop it)."""
    planned: list[tuple[Path, bytes]] = []
    for path in sorted(folder.rglob("*.json")):
        try:
            raw = files.read_bytes(path)
            encrypted = raw.startswith(files.ENCRYPTED_MAGIC)
            data = orjson.loads(_decode(path, raw, codec))
        except Exception:  # noqa: BLE001 - unreadable in any way: the backup cannot be cleaned
            return None
        if not isinstance(data, dict):
            continue
        changed = False
        for table, rows in data.items():
            if isinstance(rows, dict) and change(table, rows):
                changed = True
        if changed:
            plain = dump(data)
            planned.append(
                (path, files.codec_for(codec, path).encode(plain) if encrypted else plain)
            )
    for path, encoded in planned:
        files.atomic_write_bytes(path, encoded)
    return bool(planned)


def scrub_backups(root: Path, change: RowsChange, codec: files.Codec, report: ScrubReport) -> None:
    directory = root / layout.BACKUPS_DIR
    if not directory.is_dir():
        return
    for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
        result = _rewrite_backup(folder, change, codec)
        if result is None:
            shutil.rmtree(folder, ignore_errors=True)
            report.backups_dropped += 1
        elif result:
            report.backups_rewritten += 1


def remove_drafts(
    root: Path, belongs: Callable[[dict[str, Any]], bool], codec: files.Codec, report: ScrubReport
) -> None:
    directory = root / layout.DRAFTS_DIR
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("*.json")):
        try:
            data = orjson.loads(_decode(path, files.read_bytes(path), codec))
        except Exception:  # noqa: BLE001 - an unreadable draft is judged by find_text below
            continue
        if isinstance(data, dict) and belongs(data):
            path.unlink(missing_ok=True)
            report.drafts_removed += 1


def needles(texts: Iterable[str], minimum: int = 12) -> list[bytes]:
    """The byte forms a text takes in the folder: as UTF-8, and as JSON writes it
    inside a string (escaped quotes, line breaks, backslashes). Short texts
    (under ``minimum`` characters) are left out: they say nothing on their own."""
    found: list[bytes] = []
    for text in texts:
        text = text.strip()
        if len(text) < minimum:
            continue
        for form in (text.encode("utf-8"), orjson.dumps(text)[1:-1]):
            if form not in found:
                found.append(form)
    return found


def find_text(root: Path, words: list[bytes], codec: files.Codec) -> list[str]:
    """Every file under the journal folder (relative paths) holding any of ``words``."""
    if not words:
        return []
    hits: list[str] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in _SKIP:
            continue
        try:
            raw = files.read_bytes(path)
            content = _decode(path, raw, codec)
        except Exception:  # noqa: BLE001 - unreadable: cannot be shown clean, so name it
            hits.append(f"{rel.as_posix()} (cannot be read to check)")
            continue
        if any(word in content for word in words):
            hits.append(rel.as_posix())
    return hits


def remove_set_aside(
    root: Path, words: list[bytes], codec: files.Codec, report: ScrubReport
) -> None:
    """Files ``doctor`` set aside under backups/ (not backup folders) that hold the words."""
    directory = root / layout.BACKUPS_DIR
    if not directory.is_dir():
        return
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        try:
            content = _decode(path, files.read_bytes(path), codec)
        except Exception:  # noqa: BLE001
            continue
        if any(word in content for word in words):
            path.unlink(missing_ok=True)
            report.files_removed.append(path.relative_to(root).as_posix())
