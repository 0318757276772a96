"""The app's index rows kept on disk, so a start parses no entry (issue 16).

The TUI's index (``tui/index.py``) holds a compact row per entry, kept per
entry shard with the shard's identity on disk (inode, size, mtime in ns).
This file keeps those rows between runs: on start, a shard whose identity is
unchanged takes its rows from here and is not read; the others are read and
the file is written anew. It is derived data, never the only copy of
anything: a file that is missing, of another version, of another folder or
damaged is ignored and rebuilt from the journal's files; the theme and
interview names are recorded too, and when one changed every shard is read.

It lives in the user's cache folder beside the search index, one file per
journal folder. An encrypted journal keeps none (the rows hold the first
line of each entry, and recent entries whole). A purge deletes it
(``forget``), as it deletes the search index.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from eftertanke.store.due_summary import cache_dir

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

FORMAT = "eftertanke-rows"
VERSION = "2"  # 2: a line a shard


def rows_path(root: Path) -> Path:
    """One file per journal folder, named as the due summary's."""
    from eftertanke.store.due_summary import cache_path

    return cache_dir() / "rows" / (cache_path(root).stem + ".json")


def read(journal: Journal) -> dict[str, Any] | None:
    """The kept rows: ``{"names": ..., "shards": {name: {"stamp", "rows",
    "questions"}}}``, or None when there are none to trust (the caller reads
    the shards then)."""
    if journal.encrypted:
        return None
    try:
        # Read a line at a time: the file is 54 MB at 100,000 entries, and its
        # bytes and their lines held at once were a third of the app's peak.
        with open(rows_path(journal.root), "rb") as handle:
            head = orjson.loads(handle.readline())
            if not (
                isinstance(head, dict)
                and head.get("format") == FORMAT
                and head.get("version") == VERSION
                and head.get("journal") == os.path.abspath(journal.root)
            ):
                return None
            # A line a shard, each parsed alone: at 100,000 entries one parse of
            # the whole file held the interpreter for half a second while Home
            # was drawn.
            shards: dict[str, Any] = {}
            for line in handle:
                if line.strip():
                    name, kept = orjson.loads(line)
                    shards[name] = kept
    except (OSError, orjson.JSONDecodeError, ValueError, TypeError):
        return None
    return {"names": head.get("names"), "shards": shards}


def write(journal: Journal, names: Any, shards: dict[str, dict[str, Any]]) -> None:
    """Keep ``shards`` (as ``read`` returns them) for the next start. A cache
    that cannot be written is no error: the next start reads the shards."""
    if journal.encrypted:
        return
    path = rows_path(journal.root)
    head = {
        "format": FORMAT,
        "version": VERSION,
        "journal": os.path.abspath(journal.root),
        "names": names,
    }
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(orjson.dumps(head) + b"\n")
            for name, kept in shards.items():
                out.write(orjson.dumps([name, kept]) + b"\n")
        os.replace(temp, path)  # derived data: no fsync, a torn file is ignored
    except OSError:
        try:
            os.remove(temp)
        except OSError:
            pass


def forget(journal: Journal) -> None:
    """Delete the journal's kept rows (a purge: no copy of the words may stay)."""
    try:
        os.remove(rows_path(journal.root))
    except FileNotFoundError:
        pass
