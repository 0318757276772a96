"""Schema migrations, oldest first; each takes a backup before it changes anything.

Schema 1 kept everything in one ``journal.json`` (tables entries, interviews,
themes). Schema 2 splits entries into shards by UUID prefix so that one save
rewrites kilobytes, not the whole journal. A migration is idempotent: if it is
killed halfway, the meta file still says the old schema and the next open
runs it again from the untouched old file.

Schema 3 refers to themes and interviews by id (store/references.py). The
conversion is ``references.normalise``: it adds any theme or interview the
entries name but the journal lacks (a journal left half-renamed by a killed
older eftertanke names themes the codebook no longer has), writes the
codebook before any shard that refers to what it adds, leaves a value that
is already an id alone, and converts shard by shard; the meta file says 3
only once every shard is converted, so a killed run simply runs again.

Schema 4 adds coded passages on entries and transcripts under
``transcripts/``. Nothing stored changes meaning: an entry's themes were
and stay codings of the whole entry, and an excerpt's themes code the quote.
The migration writes no data (the backup above is still taken first); the new
number is what keeps an older eftertanke, which would drop an entry's codings
when it rewrote the entry, from opening the journal.

Schema 5 adds the reflexivity instruments inside entries (carry-forward
questions, ``questions``), stored only when present, so no stored entry
changes: ``_v4_to_v5`` writes nothing; the number keeps an older eftertanke,
which would drop them on a rewrite, out.
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
        journal.write_file(root / layout.ENTRIES_DIR / name, {layout.ENTRIES_TABLE: rows})
    journal.write_file(
        root / layout.INTERVIEWS_FILE,
        {layout.INTERVIEWS_TABLE: tables.get(layout.INTERVIEWS_TABLE) or {}},
    )
    journal.write_file(
        root / layout.THEMES_FILE, {layout.THEMES_TABLE: tables.get(layout.THEMES_TABLE) or {}}
    )


def _v2_to_v3(journal: Journal) -> None:
    from eftertanke.store.references import normalise

    journal.invalidate_cache()
    notes = normalise(journal, "found by the migration to schema 3")
    journal.migration_notes.extend(notes)
    if notes:
        report = journal.root / layout.BACKUPS_DIR / "migration-to-schema-3.txt"
        files.ensure_private_dir(report.parent)
        files.atomic_write_bytes(report, ("\n".join(notes) + "\n").encode("utf-8"))


def _v3_to_v4(journal: Journal) -> None:
    files.ensure_private_dir(journal.root / layout.TRANSCRIPTS_DIR)


def _v4_to_v5(journal: Journal) -> None:
    """Nothing to rewrite: schema 5 only adds optional entry fields (layout.py)."""


MIGRATIONS: dict[int, Callable[[Journal], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


def migrate(journal: Journal, meta: dict[str, Any]) -> None:
    schema = int(meta["schema"])
    journal.meta = dict(meta)
    legacy = journal.root / layout.LEGACY_V1_FILE
    _backup_raw(journal, schema)
    while schema < layout.SCHEMA_VERSION:
        MIGRATIONS[schema](journal)
        schema += 1
        meta = {**meta, "schema": schema, "format": layout.FORMAT_NAME}
        journal.write_file(journal.root / layout.META_FILE, meta)
    if legacy.exists():
        legacy.unlink()
    journal.meta = meta


def _backup_raw(journal: Journal, schema: int) -> None:
    """Before migrating, keep the old files byte for byte as well as a snapshot.

    The byte copy is taken once: a migration killed halfway runs again on
    partly converted files, and must not replace the copy of the untouched ones.
    """
    root = journal.root
    backup_dir = root / layout.BACKUPS_DIR / f"pre-migration-schema-{schema}"
    done = backup_dir / ".complete"
    if not done.exists():
        files.ensure_private_dir(backup_dir)
        sources = [root / layout.LEGACY_V1_FILE, *layout.data_files(root)]
        for source in sources:
            if source.exists():
                target = backup_dir / source.relative_to(root)
                files.ensure_private_dir(target.parent)
                files.atomic_write_bytes(target, files.read_bytes(source))
        files.atomic_write_bytes(done, b"")
    take_backup(journal)
