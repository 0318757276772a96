"""The journal repository: the one API the rest of eftertanke uses for data.

The ``Journal`` class is put together from one file per job: opening,
locking and raw file access here; entries in ``entry_store``; interviews and
the codebook in ``record_store``; drafts in ``draft_store``; the stored form (ids, whole
tables) that migration, merge and repair work on in ``stored_form``; transcripts in
``transcripts`` (reached as ``journal.transcripts``).

A ``Journal`` is a folder. Reads go through a small cache keyed by each
file's identity (inode, size, mtime), so a long-running TUI re-parses only
the shards another process changed. Every change takes the lock, re-reads
the file it changes from disk, and writes it back atomically.

Long because it opens, locks and reads the folder's files for every mixin; the
jobs themselves are in the files named above.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eftertanke.codebook_log import LOG_TABLE, CodebookEvent, appended
from eftertanke.domain import (
    now,
    revision_of,
)
from eftertanke.store import files, layout, references, splice
from eftertanke.store.draft_store import DraftStore
from eftertanke.store.entry_store import EntryStore
from eftertanke.store.errors import (
    CorruptFileError,
    JournalError,
    NewerSchemaError,
)
from eftertanke.store.lock import LOCK_NAME, JournalLock
from eftertanke.store.manifest import Manifest
from eftertanke.store.readonly import ReadOnlyJournalError, is_read_only
from eftertanke.store.record_store import RecordStore
from eftertanke.store.storage import GENERATION_KEY, AtomicStorage, open_db, parse
from eftertanke.store.stored_form import StoredForm
from eftertanke.textsafe import scrub_surrogates

if TYPE_CHECKING:
    from eftertanke.store.transcripts import TranscriptStore


def _append_log(path: Path, tables: dict[str, Any], log: list[CodebookEvent] | None) -> None:
    """Append codebook events to the log table of themes.json, in the write
    that makes the change they describe: the change and its record land
    together or not at all. Events are only ever added (codebook_log.py)."""
    if not log:
        return
    if path.name != layout.THEMES_FILE:
        raise ValueError("codebook events belong in the codebook's file")
    rows = tables.get(LOG_TABLE) or {}
    if not isinstance(rows, dict):
        raise CorruptFileError(path, f"table {LOG_TABLE!r} is not an object")
    tables[LOG_TABLE] = scrub_surrogates(appended(rows, log))


# A passphrase, or a function asked for one only if the journal turns out encrypted.
Passphrase = str | Callable[[], str] | None


def _read_meta(root: Path) -> dict[str, Any] | None:
    """The meta file; always plain (it holds no secret, only how to unlock the rest)."""
    path = root / layout.META_FILE
    try:
        raw = files.read_bytes(path)
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise JournalError(f"cannot read the journal {root}: permission denied") from exc
    meta = parse(files.PLAIN.decode(raw, path), path)
    if not isinstance(meta, dict) or "schema" not in meta:
        raise CorruptFileError(path, "no schema version")
    return meta


class Journal(StoredForm, EntryStore, RecordStore, DraftStore):
    """A journal folder and everything in it."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        codec: files.Codec = files.PLAIN,
        author: str = "",
        passphrase: Passphrase = None,
    ) -> None:
        self.root = Path(path).expanduser()
        self.codec = codec
        self.author = author
        self._passphrase = passphrase
        self._cache: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}
        # The codebook as the translation needs it, keyed on the identity of
        # themes.json and interviews.json; and each shard's rows with names,
        # keyed on the shard's cached rows and that translation.
        self._refs_cache: tuple[Any, references.References] | None = None
        # What a new entry may link to (EntryStore._known_links), for that translation.
        self._links_cache: tuple[references.References, Any] | None = None
        self._named: dict[Path, tuple[Any, references.References, dict[str, Any]]] = {}
        # What a migration on opening changed for people to know (recovered themes).
        self.migration_notes: list[str] = []
        self._backup_checked = False
        self._meta_stamp: tuple[int, int, int] | None = None
        # What opening did about an operation a crash left half done (see store/intent.py).
        self.recovered: str | None = None
        self._intent_depth = 0
        # What the store last wrote of each data file (store/manifest.py).
        self.manifest = Manifest(self.root, lambda: self.codec)
        if os.path.lexists(layout.swap_marker(self.root)):
            from eftertanke.store import reencrypt

            reencrypt.recover_if_needed(self.root)
        self._open(create)
        self.lock = JournalLock(self.root)
        with self.lock:
            self._prepare()

    # -- opening -----------------------------------------------------------

    def _open(self, create: bool) -> None:
        root = self.root
        if root.exists() and not root.is_dir():
            raise JournalError(
                f"{root} is a file, not a journal folder",
                key="error.journal_is_file",
                path=str(root),
            )
        if not root.exists():
            if not create:
                raise JournalError(f"no journal at {root}", key="error.no_journal", path=str(root))
            from eftertanke.store import reencrypt

            try:
                reencrypt.create_journal_dir(root)
            except OSError as exc:
                raise JournalError(f"cannot create the journal {root}: {exc.strerror}") from exc
        if not os.access(root, os.R_OK | os.X_OK):
            raise JournalError(
                f"cannot open the journal {root}: permission denied",
                key="error.journal_denied",
                path=str(root),
            )
        # Readable but not writable (a read-only mount, or no write permission):
        # opened for reading, and every write is refused with one line.
        self.read_only = is_read_only(root)
        try:
            names = {p.name for p in root.iterdir()}
        except PermissionError as exc:
            raise JournalError(f"cannot open the journal {root}: permission denied") from exc
        names.discard(LOCK_NAME)
        if layout.META_FILE not in names and names - {layout.LEGACY_V1_FILE}:
            allowed = {layout.DRAFTS_DIR, layout.BACKUPS_DIR, *layout.SHARD_DIRS}
            if not names - {layout.LEGACY_V1_FILE} <= allowed:
                raise JournalError(
                    f"{root} is not an eftertanke journal: it holds other files "
                    f"and no {layout.META_FILE}",
                    key="error.not_a_journal",
                    path=str(root),
                    meta=layout.META_FILE,
                )

    def _prepare(self) -> None:
        """Under the lock: clean up after crashes, create or migrate the layout."""
        root = self.root
        # The passphrase is checked before anything in the folder is touched.
        meta = _read_meta(root)
        self._unlock(meta)
        if self.read_only:
            self._prepare_read_only(meta)
            return
        for directory in (root, *(root / n for n in layout.SHARD_DIRS), root / layout.DRAFTS_DIR):
            files.clean_stale_temp_files(directory)
        from eftertanke.store.backup import clean_unfinished

        clean_unfinished(root)
        self._tighten_permissions()
        if meta is None:
            if (root / layout.LEGACY_V1_FILE).exists():
                meta = {"format": layout.FORMAT_NAME, "schema": 1}
            else:
                meta = {
                    "format": layout.FORMAT_NAME,
                    "schema": layout.SCHEMA_VERSION,
                    "created": now().isoformat(),
                }
                files.ensure_private_dir(root / layout.ENTRIES_DIR)
                self._write_meta(meta)
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise CorruptFileError(root / layout.META_FILE, f"schema {schema!r} is not a number")
        if schema > layout.SCHEMA_VERSION:
            raise NewerSchemaError(
                f"the journal {root} was written by a newer eftertanke (schema {schema}; "
                f"this version reads up to {layout.SCHEMA_VERSION}); upgrade eftertanke to open it",
                key="error.newer_schema",
                path=str(root),
                schema=schema,
                supported=layout.SCHEMA_VERSION,
            )
        if schema < layout.SCHEMA_VERSION:
            from eftertanke.store.migrate import migrate

            migrate(self, meta)
        self.meta = _read_meta(root) or meta
        self._meta_stamp = self._stat_meta()
        self.manifest.ensure()
        self._recover_pending_operation()

    def _prepare_read_only(self, meta: dict[str, Any] | None) -> None:
        """Open a journal that cannot be written: only what reading needs.
        Anything that would have to write first (create, migrate, finish an
        interrupted operation) is refused, since reading on would mislead."""
        root = self.root
        if meta is None:
            raise JournalError(
                f"the journal {root} is read-only and holds no journal yet; nothing was saved"
            )
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise CorruptFileError(root / layout.META_FILE, f"schema {schema!r} is not a number")
        if schema != layout.SCHEMA_VERSION:
            newer = schema > layout.SCHEMA_VERSION
            raise (NewerSchemaError if newer else JournalError)(
                f"the journal {root} is read-only and was written by "
                f"{'a newer' if newer else 'an older'} eftertanke (schema {schema}); "
                "open it where it can be written"
                + (" to upgrade it" if not newer else " with a newer eftertanke")
            )
        from eftertanke.store import intent

        pending = intent.pending(root, self.codec)
        if pending is not None:
            raise JournalError(
                f"the journal {root} is read-only and has an unfinished {pending.name}; "
                "open it once where it can be written to finish it"
            )
        self.meta = meta
        self._meta_stamp = self._stat_meta()

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnlyJournalError(self.root)

    def _unlock(self, meta: dict[str, Any] | None) -> None:
        """Match the codec to the journal: unlock an encrypted one with the
        passphrase, refuse to treat ciphertext as plain or plain as ciphertext."""
        section = (meta or {}).get("encryption")
        if section is not None and not isinstance(section, dict):
            raise CorruptFileError(
                self.root / layout.META_FILE, "the encryption settings are not an object"
            )
        if section:
            if getattr(self.codec, "encrypted", False):
                if self.codec.key_id != section.get("key_id"):  # type: ignore[attr-defined]
                    raise JournalError(f"the journal {self.root} is encrypted with another key")
                return
            from eftertanke.store import crypto
            from eftertanke.store.errors import PassphraseNeededError

            source = self._passphrase
            passphrase = source() if callable(source) else source
            if passphrase is None:
                raise PassphraseNeededError(
                    f"the journal {self.root} is encrypted: give the passphrase with "
                    "EFTERTANKE_PASSPHRASE or --passphrase-file",
                    key="error.passphrase_needed",
                    path=str(self.root),
                    env="EFTERTANKE_PASSPHRASE",
                )
            self.codec = crypto.open_codec(self.root, section, passphrase)
            return
        if getattr(self.codec, "encrypted", False):
            raise JournalError(f"the journal {self.root} is not encrypted")
        self._refuse_stray_ciphertext()

    def _refuse_stray_ciphertext(self) -> None:
        """A plain journal whose data is encrypted lost its encryption settings:
        writing on would put plain text beside ciphertext, so stop."""
        candidates = [self.root / layout.THEMES_FILE, self.root / layout.INTERVIEWS_FILE]
        entries = self.root / layout.ENTRIES_DIR
        try:
            shards = [n for n in os.listdir(entries) if n.endswith(".json") and n[:1] != "."]
        except OSError:
            shards = []
        if shards:
            candidates.append(entries / min(shards))
        for path in candidates:
            try:
                with open(path, "rb") as handle:
                    head = handle.read(len(files.ENCRYPTED_MAGIC))
            except OSError:
                continue
            if head == files.ENCRYPTED_MAGIC:
                raise JournalError(
                    f"{path} is encrypted but the journal's meta file has no encryption "
                    "settings; run 'eftertanke doctor --repair' to restore the meta file"
                )

    @cached_property
    def transcripts(self) -> TranscriptStore:
        """Interview transcripts and their coded passages (store/transcripts.py);
        made when first used, since a memo written from the shell needs neither
        (2 ms of imports)."""
        from eftertanke.store.transcripts import TranscriptStore

        return TranscriptStore(self)

    @property
    def encrypted(self) -> bool:
        return bool(getattr(self.codec, "encrypted", False))

    def _stat_meta(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.root / layout.META_FILE)
        except OSError:
            return None
        return (st.st_dev, st.st_ino, st.st_mtime_ns)

    def _recover_pending_operation(self) -> None:
        """Under the lock, before a write: a journal-wide change that another
        process left half done since this one opened the journal is finished or
        undone first (store/intent.py), so this write never builds on half of it."""
        if self._intent_depth:
            return
        if not (self.root / layout.INTENT_FILE).exists():
            return
        from eftertanke.store import intent

        self._intent_depth = 1
        try:
            self.recovered = intent.recover(self)
        finally:
            self._intent_depth = 0

    def _guard_write(self) -> None:
        """Under the lock, before a write: is this still the journal we opened?

        Another process may have encrypted, decrypted or re-keyed the folder
        since (it swaps in a new folder with a new meta file). Writing on with
        the old codec would put plain text into an encrypted journal, or
        ciphertext nobody can read; one stat tells, and the write is refused.
        """
        self._refuse_if_read_only()
        self._recover_pending_operation()
        stamp = self._stat_meta()
        if stamp == self._meta_stamp:
            return
        meta = _read_meta(self.root)
        if meta is None:
            raise JournalError(f"the journal {self.root} has lost its meta file; nothing was saved")
        section = meta.get("encryption") or {}
        if section.get("key_id") != getattr(self.codec, "key_id", None):
            raise JournalError(
                f"the journal {self.root} was encrypted, decrypted or re-keyed by another "
                "eftertanke process; nothing was saved: close and open it again"
            )
        self.meta = meta
        self._meta_stamp = stamp

    def _codec(self, path: Path) -> files.Codec:
        return files.codec_for(self.codec, path)

    def _tighten_permissions(self) -> None:
        """A journal copied or cloned (git writes 0644) is made private again.

        Only the folder's own mode is checked on every open; the walk over
        the files happens only when the folder itself is found open to others.
        """
        try:
            if not os.stat(self.root).st_mode & 0o077:
                return
        except OSError:
            return
        for path in [self.root, *self.root.rglob("*")]:
            if path.is_symlink():
                continue
            try:
                os.chmod(path, files.DIR_MODE if path.is_dir() else files.FILE_MODE)
            except OSError:
                pass

    # -- raw file access -----------------------------------------------------

    def _write_raw(self, path: Path, data: Any) -> None:
        if path == self.root / layout.META_FILE:
            self._write_meta(data)
            return
        # Through the manifest, so a rewritten file (a migration) gets a new
        # generation instead of looking like an older copy put back.
        AtomicStorage(path, self._codec(path), self.manifest).write(data)

    def _write_meta(self, meta: dict[str, Any]) -> None:
        AtomicStorage(self.root / layout.META_FILE, files.PLAIN).write(meta)

    def _read_tables(self, path: Path) -> dict[str, Any]:
        """A data file's tables, parsed once per version of the file on disk."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self._cache.pop(path, None)
            # Gone, though it may have existed: its mirror is served, or a clear error.
            return self.manifest.missing_primary(path, strict=False) or {}
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        data = AtomicStorage(path, self._codec(path), self.manifest).read() or {}
        self._cache[path] = (key, data)
        return data

    def _table(self, path: Path, table: str) -> dict[str, Any]:
        tables = self._read_tables(path)
        value = tables.get(table, {})
        if not isinstance(value, dict):
            raise CorruptFileError(path, f"table {table!r} is not an object")
        return value

    def _upsert(
        self,
        path: Path,
        table: str,
        doc_id: str,
        doc: dict[str, Any],
        *,
        admit: Callable[[dict[str, Any] | None], object] | None = None,
        log: list[CodebookEvent] | None = None,
    ) -> int:
        """One read and one durable write of the file, under the lock. (TinyDB's
        own upsert writes the whole file twice for a new document: once for the
        update that matched nothing, once for the insert.)

        The record is written with the revision after the stored one (1 for a
        new record), which is returned. ``admit`` sees the stored record (None
        if absent) first and refuses the write by raising. ``log``: codebook
        events appended in the same write (store/record_store.py)."""
        with self.lock:
            self._guard_write()
            self._before_write()
            storage = AtomicStorage(path, self._codec(path), self.manifest, strict=True)
            # A file as the last save left it is changed at its document's line
            # (store/splice.py): at 100,000 entries parsing and serialising the
            # shard's other 400 documents was two thirds of a save.
            lines = None
            if not log and splice.plain_id(doc_id):
                lines = splice.open_lines(path, table, self._codec(path), self.manifest)
            if lines is not None:
                stored = lines.stored(doc_id)
            else:
                tables = storage.read() or {}
                rows = tables.setdefault(table, {})
                if not isinstance(rows, dict):
                    raise CorruptFileError(path, f"table {table!r} is not an object")
                stored = rows.get(doc_id)
            stored = stored if isinstance(stored, dict) else None
            if admit is not None:
                admit(stored)
            written = revision_of(stored) + 1
            clean = scrub_surrogates({**doc, "revision": written})
            # As TinyDB's update did: fields this version does not know are kept.
            new = {**stored, **clean} if stored is not None else clean
            if lines is not None:
                generation = self.manifest.stamp(path, {GENERATION_KEY: lines.generation})
                storage.write_dumped(lines.with_document(doc_id, new, generation), generation)
                return written
            rows[doc_id] = new
            _append_log(path, tables, log)
            storage.write(tables)
            return written

    def _modify(
        self,
        path: Path,
        table: str,
        change: Callable[[dict[str, Any]], bool],
        log: list[CodebookEvent] | None = None,
    ) -> bool:
        """Read-modify-write one table of one file under the lock; True if written.
        ``log``: codebook events appended in the same write, if it happens."""
        with self.lock:
            self._guard_write()
            db = open_db(path, self._codec(path), self.manifest, strict=True)
            tables = db.storage.read() or {}
            rows = tables.setdefault(table, {})
            if not change(rows):
                return False
            tables[table] = scrub_surrogates(rows)
            _append_log(path, tables, log)
            self._before_write()
            db.storage.write(tables)
            return True

    def _before_write(self) -> None:
        if not self._backup_checked:
            self._backup_checked = True
            from eftertanke.store.backup import backup_if_due

            backup_if_due(self)

    # -- housekeeping -------------------------------------------------------

    def invalidate_cache(self) -> None:
        self._cache.clear()
        self.manifest.forget()
        self._named.clear()
        self._refs_cache = None
