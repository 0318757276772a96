"""The stored form of a journal's files, for migration, merge, repair and purge.

Above the store everything sees names and codes; these methods hand out and
take the records as written on disk (themes and interviews by id), whole
tables at a time, under the journal's lock. A mixin of ``Journal``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eftertanke.store import files, layout
from eftertanke.store.storage import MIRROR_SUFFIX


class StoredForm:
    """The stored-form methods of ``Journal``."""

    # -- the stored form, for migration, merge and repair ----------------------

    def _kind_file(self, kind: str) -> tuple[Path, str]:
        if kind == "themes":
            return self.root / layout.THEMES_FILE, layout.THEMES_TABLE
        if kind == "interviews":
            return self.root / layout.INTERVIEWS_FILE, layout.INTERVIEWS_TABLE
        raise ValueError(f"unknown kind of record {kind!r}")

    def stored_rows(self, kind: str) -> dict[str, Any]:
        """Theme or interview records as stored (ids, aliases); read-only."""
        return self._table(*self._kind_file(kind))

    def stored_shard(self, path: Path) -> dict[str, Any]:
        """One shard's entry (or transcript) dicts as stored (ids); read-only."""
        return self._table(path, layout.SHARD_DIRS.get(path.parent.name, layout.ENTRIES_TABLE))

    def all_shard_paths(self) -> list[Path]:
        """The shards of every sharded table: entries, then transcripts."""
        return [path for folder in layout.SHARD_DIRS for path in self.shard_paths(folder)]

    def stored_entries(self, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        """Every entry dict as stored on disk (themes and interviews by id)."""
        for path in self.shard_paths():
            for doc in self.stored_shard(path).values():
                if include_deleted or not doc.get("deleted"):
                    yield doc

    def change_rows(self, kind: str, change: Callable[[dict[str, Any]], bool]) -> bool:
        """A locked read-modify-write of the theme or interview records, as
        stored; one atomic write (or none if ``change`` returns False)."""
        return self._modify(*self._kind_file(kind), change)

    def replace_rows(self, kind: str, rows: dict[str, Any]) -> None:
        self.change_rows(kind, _replaced_by(rows))

    def rewrite_shard(self, path: Path, change: Callable[[dict[str, Any]], bool]) -> bool:
        """A locked read-modify-write of one shard's stored entry (or transcript) dicts."""
        files.ensure_private_dir(path.parent)
        table = layout.SHARD_DIRS.get(path.parent.name, layout.ENTRIES_TABLE)
        return self._modify(path, table, change)

    def stored_table(self, path: Path, table: str) -> dict[str, Any]:
        """One table of one data file as stored, read fresh from disk; read-only."""
        self._cache.pop(path, None)
        return self._table(path, table)

    def change_table(
        self, path: Path, table: str, change: Callable[[dict[str, Any]], bool]
    ) -> bool:
        """A locked read-modify-write of one table of one data file, as stored."""
        files.ensure_private_dir(path.parent)
        return self._modify(path, table, change)

    def replace_table(self, path: Path, table: str, rows: dict[str, Any]) -> bool:
        """Make one table of one data file hold exactly ``rows``; True if written."""
        return self.change_table(path, table, _replaced_by(rows))

    def write_file(self, path: Path, data: Any) -> None:
        """Write a whole data file (migrations); the caller holds the lock."""
        self._write_raw(path, data)

    def shard_paths(self, folder: str = layout.ENTRIES_DIR) -> list[Path]:
        """Every shard (of entries, or of the table ``folder`` holds), including
        one whose file vanished but whose mirror or manifest record says it
        existed: reading it then serves the mirror or fails clearly, so records
        never silently drop out of view."""
        directory = self.root / folder
        try:
            names = os.listdir(directory)  # names, not a Path each (512 at 10,000 entries)
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = {n for n in names if n.endswith(".json") and not n.startswith(".")}
        found |= {
            n[: -len(MIRROR_SUFFIX)]
            for n in names
            if n.endswith(".json" + MIRROR_SUFFIX) and not n.startswith(".")
        }
        prefix = folder + "/"
        found |= {n[len(prefix) :] for n in self.manifest.names() if n.startswith(prefix)}
        return [directory / n for n in sorted(found)]


def _replaced_by(rows: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    """A change that makes a table hold exactly ``rows`` (no write if it does)."""

    def change(current: dict[str, Any]) -> bool:
        if current == rows:
            return False
        current.clear()
        current.update(rows)
        return True

    return change
