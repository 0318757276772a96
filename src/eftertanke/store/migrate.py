"""Schema migrations, oldest first; each takes a backup before it changes anything.

Schema 1 kept everything in one ``journal.json`` (tables entries, interviews,
themes). Schema 2 splits entries into shards by UUID prefix so that one save
rewrites kilobytes, not the whole journal. A migration is idempotent: if it is
killed halfway, the meta file still says the old schema and the next open
runs it again from the untouched old file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from eftertanke.store import files, layout
from eftertanke.store.backup import take_backup
from eftertanke.store.storage import AtomicStorage

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal


def _v1_to_v2(journal: Journal) -> None:
    root = journal.root
    legacy = root / layout.LEGACY_V1_FILE
    tables = AtomicStorage(legacy, journal.codec).read() or {}
    shards: dict[str, dict[str, Any]] = {}
    for doc_id, doc in (tables.get(layout.ENTRIES_TABLE) or {}).items():
        shards.setdefault(layout.shard_name(doc_id), {})[doc_id] = doc
    files.ensure_private_dir(root / layout.ENTRIES_DIR)
    for name, rows in shards.items():
        journal._write_raw(root / layout.ENTRIES_DIR / name, {layout.ENTRIES_TABLE: rows})
    journal._write_raw(
        root / layout.INTERVIEWS_FILE,
        {layout.INTERVIEWS_TABLE: tables.get(layout.INTERVIEWS_TABLE) or {}},
    )
    journal._write_raw(
        root / layout.THEMES_FILE, {layout.THEMES_TABLE: tables.get(layout.THEMES_TABLE) or {}}
    )


MIGRATIONS: dict[int, Callable[[Journal], None]] = {1: _v1_to_v2}


def migrate(journal: Journal, meta: dict[str, Any]) -> None:
    schema = int(meta["schema"])
    journal.meta = dict(meta)
    legacy = journal.root / layout.LEGACY_V1_FILE
    _backup_raw(journal, schema)
    while schema < layout.SCHEMA_VERSION:
        MIGRATIONS[schema](journal)
        schema += 1
        meta = {**meta, "schema": schema, "format": layout.FORMAT_NAME}
        journal._write_raw(journal.root / layout.META_FILE, meta)
    if legacy.exists():
        legacy.unlink()
    journal.meta = meta


def _backup_raw(journal: Journal, schema: int) -> None:
    """Before migrating, keep the old files byte for byte as well as a snapshot."""
    backup_dir = journal.root / layout.BACKUPS_DIR / f"pre-migration-schema-{schema}"
    files.ensure_private_dir(backup_dir)
    for name in (layout.LEGACY_V1_FILE, layout.META_FILE):
        source = journal.root / name
        if source.exists():
            files.atomic_write_bytes(backup_dir / name, files.read_bytes(source))
    take_backup(journal)
