"""The journal repository: the one API the rest of eftertanke uses for data.

A ``Journal`` is a folder. Reads go through a small cache keyed by each
file's identity (inode, size, mtime), so a long-running TUI re-parses only
the shards another process changed. Every change takes the lock, re-reads
the file it changes from disk, and writes it back atomically.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from eftertanke.domain import (
    Entry,
    Interview,
    Theme,
    ValidationError,
    doc_themes,
    now,
    revision_of,
)
from eftertanke.store import files, layout, references
from eftertanke.store.errors import (
    AmbiguousIdError,
    CorruptFileError,
    JournalError,
    NewerSchemaError,
    NotFoundError,
    RevisionConflictError,
)
from eftertanke.store.lock import LOCK_NAME, JournalLock
from eftertanke.store.manifest import Manifest
from eftertanke.store.readonly import ReadOnlyJournalError, is_read_only
from eftertanke.store.storage import MIRROR_SUFFIX, AtomicStorage, open_db, parse
from eftertanke.textsafe import scrub_surrogates

# A passphrase, or a function asked for one only if the journal turns out encrypted.
Passphrase = str | Callable[[], str] | None

MIN_PREFIX = 4
# Characters JSON writes escaped: a word holding one cannot be found in raw file text.
_JSON_ESCAPED = set('"\\') | {chr(c) for c in range(32)}


def _could_hide(word: str, raw: bytes) -> bool:
    """Whether ``raw`` may hold ``word`` only in a form that casefold expands:
    ß/ẞ for "ss", or a typographic ligature (ﬁ, ﬂ, ﬀ, ﬅ …) pasted from a PDF."""
    if "ss" in word and (b"\xc3\x9f" in raw or b"\xe1\xba\x9e" in raw):
        return True
    return any(pair in word for pair in ("ff", "fi", "fl", "st")) and b"\xef\xac" in raw


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


class Journal:
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
        from eftertanke.store.transcripts import TranscriptStore

        # Interview transcripts and their coded passages (store/transcripts.py).
        self.transcripts = TranscriptStore(self)
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
            raise JournalError(f"{root} is a file, not a journal folder")
        if not root.exists():
            if not create:
                raise JournalError(f"no journal at {root}")
            from eftertanke.store import reencrypt

            try:
                reencrypt.create_journal_dir(root)
            except OSError as exc:
                raise JournalError(f"cannot create the journal {root}: {exc.strerror}") from exc
        if not os.access(root, os.R_OK | os.X_OK):
            raise JournalError(f"cannot open the journal {root}: permission denied")
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
                    f"and no {layout.META_FILE}"
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
                f"this version reads up to {layout.SCHEMA_VERSION}); upgrade eftertanke to open it"
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

            source = self._passphrase
            passphrase = source() if callable(source) else source
            if passphrase is None:
                raise crypto.PassphraseNeededError(
                    f"the journal {self.root} is encrypted: give the passphrase with "
                    "EFTERTANKE_PASSPHRASE or --passphrase-file"
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
        shards = self.shard_paths()
        if shards:
            candidates.append(shards[0])
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
        from eftertanke.store import intent

        if not intent.intent_path(self.root).exists():
            return
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
    ) -> int:
        """One read and one durable write of the file, under the lock. (TinyDB's
        own upsert writes the whole file twice for a new document: once for the
        update that matched nothing, once for the insert.)

        The record is written with the revision after the stored one (1 for a
        new record), which is returned. ``admit`` sees the stored record (None
        if absent) first and refuses the write by raising."""
        with self.lock:
            self._guard_write()
            self._before_write()
            storage = AtomicStorage(path, self._codec(path), self.manifest, strict=True)
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
            rows[doc_id] = {**stored, **clean} if stored is not None else clean
            storage.write(tables)
            return written

    def _modify(self, path: Path, table: str, change: Callable[[dict[str, Any]], bool]) -> bool:
        """Read-modify-write one table of one file under the lock; True if written."""
        with self.lock:
            self._guard_write()
            db = open_db(path, self._codec(path), self.manifest, strict=True)
            tables = db.storage.read() or {}
            rows = tables.setdefault(table, {})
            if not change(rows):
                return False
            tables[table] = scrub_surrogates(rows)
            self._before_write()
            db.storage.write(tables)
            return True

    def _before_write(self) -> None:
        if not self._backup_checked:
            self._backup_checked = True
            from eftertanke.store.backup import backup_if_due

            backup_if_due(self)

    # -- entries ------------------------------------------------------------

    def _stored(self, entry: Entry) -> dict[str, Any]:
        """The dict written to disk for ``entry``: every entry write goes through here.
        Themes and interviews are written as their records' ids (references.py)."""
        return references.entry_to_ids(entry.to_dict(), self._refs())

    def _loaded(self, doc: dict[str, Any]) -> Entry:
        """The entry a stored dict holds: every entry read goes through here."""
        return Entry.from_dict(references.entry_to_names(doc, self._refs()))

    def _refs(self) -> references.References:
        """The id ↔ name translation, rebuilt only when themes.json or
        interviews.json changed on disk (their cached identity)."""
        theme_path = self.root / layout.THEMES_FILE
        interview_path = self.root / layout.INTERVIEWS_FILE
        theme_rows = self._table(theme_path, layout.THEMES_TABLE)
        interview_rows = self._table(interview_path, layout.INTERVIEWS_TABLE)
        key = (self._identity(theme_path), self._identity(interview_path))
        cached = self._refs_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        refs = references.build(theme_rows, interview_rows)
        self._refs_cache = (key, refs)
        return refs

    def _identity(self, path: Path) -> tuple[int, int, int] | None:
        cached = self._cache.get(path)
        return cached[0] if cached is not None else None

    def _named_rows(self, path: Path, refs: references.References) -> dict[str, Any]:
        """A shard's entry dicts with names: translated once per version of the
        shard and of the codebook, so repeated reads (the TUI) cost nothing."""
        rows = self._table(path, layout.ENTRIES_TABLE)
        cached = self._named.get(path)
        if cached is not None and cached[0] is rows and cached[1] is refs:
            return cached[2]
        named = references.rows_to_names(rows, refs)
        self._named[path] = (rows, refs, named)
        return named

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
        def change(current: dict[str, Any]) -> bool:
            if current == rows:
                return False
            current.clear()
            current.update(rows)
            return True

        self.change_rows(kind, change)

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

        def change(current: dict[str, Any]) -> bool:
            if current == rows:
                return False
            current.clear()
            current.update(rows)
            return True

        return self.change_table(path, table, change)

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
            names = {p.name for p in directory.iterdir()}
        except FileNotFoundError:
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

    def raw_entries(
        self, include_deleted: bool = False, containing: list[str] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Stored entry dicts. With ``containing`` (casefolded words), shards whose
        text lacks any of the words are skipped without being parsed: a search
        then parses only the files that can match. The caller still checks each
        entry; this only narrows which files are read."""
        refs = self._refs()
        # Stored text holds theme ids, not names: a word that is part of a theme
        # name cannot rule a shard out.
        words = [
            w
            for w in containing or []
            if not set(w) & _JSON_ESCAPED and not references.may_name(refs, w)
        ]
        for path in self.shard_paths():
            if words and path not in self._cache and not self._may_contain(path, words):
                continue
            for doc in self._named_rows(path, refs).values():
                if include_deleted or not doc.get("deleted"):
                    yield doc

    def _may_contain(self, path: Path, words: list[str]) -> bool:
        try:
            raw = self._codec(path).decode(files.read_bytes(path), path)
        except FileNotFoundError:
            return True  # a vanished shard is read (from its mirror) or reported, never skipped
        if all(w.isascii() for w in words):
            # bytes.lower() runs at memory speed and agrees with casefold for
            # ASCII, so a word found is a maybe and a word missing is a no,
            # unless the text has a letter that casefolds into several (ß → ss).
            lowered = raw.lower()
            missing = [w for w in words if w.encode() not in lowered]
            if not missing:
                return True
            if not any(_could_hide(w, raw) for w in missing):
                return False
        text = raw.decode("utf-8", errors="replace").casefold()
        return all(word in text for word in words)

    def entries(self, include_deleted: bool = False) -> list[Entry]:
        """All entries, oldest first."""
        # raw_entries has already translated ids to names (cached per shard),
        # which is all _loaded adds to Entry.from_dict.
        found = [Entry.from_dict(d) for d in self.raw_entries(include_deleted)]
        found.sort(key=lambda e: e.created)
        return found

    def count_entries(self) -> int:
        return sum(1 for _ in self.raw_entries())

    def resolve_entry_id(self, ident: str, include_deleted: bool = True) -> str:
        ident = ident.strip().lower()
        if len(ident) < MIN_PREFIX:
            raise NotFoundError(
                f"entry id {ident!r} is too short: give at least {MIN_PREFIX} characters"
            )
        if len(ident) == 36:
            doc = self._table(layout.shard_path(self.root, ident), layout.ENTRIES_TABLE).get(ident)
            if doc is not None and (include_deleted or not doc.get("deleted")):
                return ident
            raise NotFoundError(f"no entry with id {ident}")
        shard = layout.shard_path(self.root, ident) if len(ident) >= 2 else None
        paths = [shard] if shard is not None else self.shard_paths()
        matches = [
            doc_id
            for path in paths
            for doc_id, doc in self._table(path, layout.ENTRIES_TABLE).items()
            if doc_id.startswith(ident) and (include_deleted or not doc.get("deleted"))
        ]
        if not matches:
            raise NotFoundError(f"no entry with id {ident}")
        if len(matches) > 1:
            raise AmbiguousIdError(
                f"entry id {ident} is ambiguous: {len(matches)} entries start with it; give more characters"
            )
        return matches[0]

    def get_entry(self, ident: str, include_deleted: bool = True) -> Entry:
        entry_id = self.resolve_entry_id(ident, include_deleted)
        doc = self._table(layout.shard_path(self.root, entry_id), layout.ENTRIES_TABLE)[entry_id]
        return self._loaded(doc)

    def _check_links(self, entry: Entry) -> None:
        codes = {i.code.lower() for i in self.interviews()}
        if entry.interview and entry.interview.lower() not in codes:
            raise NotFoundError(f"unknown interview {entry.interview!r}")
        for excerpt in entry.excerpts:
            if excerpt.interview and excerpt.interview.lower() not in codes:
                raise NotFoundError(f"unknown interview {excerpt.interview!r} in an excerpt")
        known = {t.name.casefold() for t in self.themes()}
        for theme in entry.all_themes:
            if theme.casefold() not in known:
                raise NotFoundError(
                    f"unknown theme {theme!r}; add it first with: eftertanke theme add "
                    f"{theme!r} --concept drive|frames|safety|wellbeing"
                )

    def add_entry(self, entry: Entry, *, check_links: bool = True) -> Entry:
        entry.validate()
        if not entry.author:
            entry.author = self.author
        entry.updated_by = entry.updated_by or entry.author
        path = layout.shard_path(self.root, entry.id)
        self._refuse_if_read_only()
        with self.lock:
            # Links are checked under the lock: a theme renamed or merged away
            # just before the write must not be written into a new entry.
            if check_links:
                self._check_links(entry)
            files.ensure_private_dir(path.parent)
            entry.revision = self._upsert(path, layout.ENTRIES_TABLE, entry.id, self._stored(entry))
        return entry

    def add_entries(self, entries: Iterable[Entry], *, check_links: bool = True) -> list[Entry]:
        """Add many new entries at once, all or nothing.

        Entries are grouped by shard and each shard is written once (adding
        them one by one rewrites a growing shard per entry: quadratic). The
        batch runs as an intent-recorded operation, so a crash part-way is
        undone on the next open. Every id must be new; nothing is written
        if any entry is invalid, links an unknown record or already exists.
        """
        batch = list(entries)
        by_shard: dict[Path, list[Entry]] = {}
        seen: set[str] = set()
        for entry in batch:
            entry.validate()
            if entry.id in seen:
                raise ValidationError(f"entry {entry.id[:8]} appears twice in the batch")
            seen.add(entry.id)
            if not entry.author:
                entry.author = self.author
            entry.updated_by = entry.updated_by or entry.author
            by_shard.setdefault(layout.shard_path(self.root, entry.id), []).append(entry)
        if not batch:
            return batch
        self._refuse_if_read_only()
        from eftertanke.store import intent

        with self.lock:
            self._guard_write()
            # Under the lock: a theme renamed away just before must not be written.
            if check_links:
                links = _LinkCheck(self)
                for entry in batch:
                    links.check(entry)
            for path, group in by_shard.items():
                stored = self._fresh_table(path, layout.ENTRIES_TABLE)
                for entry in group:
                    if entry.id in stored:
                        raise ValidationError(f"entry {entry.id[:8]} is already in the journal")
            with intent.operation(self, "add-entries", {"entries": [e.id for e in batch]}):
                files.ensure_private_dir(self.root / layout.ENTRIES_DIR)
                for path, group in sorted(by_shard.items()):
                    for entry in group:
                        entry.revision = 1  # every id is new (checked above)
                    docs = {entry.id: self._stored(entry) for entry in group}

                    def add(rows: dict[str, Any], docs: dict[str, Any] = docs) -> bool:
                        rows.update(docs)
                        return True

                    self._modify(path, layout.ENTRIES_TABLE, add)
        return batch

    def update_entry(
        self,
        entry: Entry,
        *,
        touch: bool = True,
        check_links: bool = True,
        expected_revision: int | None = None,
    ) -> Entry:
        """Save a changed entry. With ``expected_revision`` (the revision the
        change started from) a stale change is refused with
        RevisionConflictError instead of overwriting what another process
        saved, trashed or removed since; nothing is written then."""
        entry.validate()
        if touch:
            entry.updated = now()
            entry.updated_by = self.author or entry.updated_by
        path = layout.shard_path(self.root, entry.id)

        def admit(stored: dict[str, Any] | None) -> None:
            if expected_revision is not None:
                self._refuse_stale_entry(entry, stored, expected_revision)
            elif stored is None:
                raise NotFoundError(f"no entry with id {entry.id}")
            if check_links:
                self._check_links(entry)

        with self.lock:
            entry.revision = self._upsert(
                path, layout.ENTRIES_TABLE, entry.id, self._stored(entry), admit=admit
            )
        return entry

    def _refuse_stale_entry(
        self, entry: Entry, stored: dict[str, Any] | None, expected_revision: int
    ) -> None:
        short_id = entry.id[:8]
        if stored is None:
            raise RevisionConflictError(
                f"entry {short_id} was removed from the journal meanwhile; nothing was saved",
                None,
            )
        current = self._loaded(stored)
        if current.deleted is not None and entry.deleted is None:
            raise RevisionConflictError(
                f"entry {short_id} was moved to the trash meanwhile; nothing was saved", current
            )
        if current.revision != expected_revision:
            raise RevisionConflictError(
                f"entry {short_id} was changed elsewhere meanwhile (revision "
                f"{expected_revision} is now {current.revision}); nothing was saved",
                current,
            )

    def modify_entry(
        self,
        ident: str,
        change: Callable[[Entry], object],
        *,
        include_deleted: bool = False,
        check_links: bool = True,
    ) -> Entry:
        """Apply ``change`` to the stored entry in one locked read-modify-write,
        so changes made in parallel (``edit --add-theme``) all land. Nothing is
        written if ``change`` raises or leaves the entry as it was; the entry
        returned keeps its revision then."""
        with self.lock:
            entry_id = self.resolve_entry_id(ident, include_deleted)
            path = layout.shard_path(self.root, entry_id)
            result: list[Entry] = []

            def apply(rows: dict[str, Any]) -> bool:
                stored = rows.get(entry_id)
                if stored is None or (stored.get("deleted") and not include_deleted):
                    raise NotFoundError(f"no entry with id {entry_id}")
                entry = self._loaded(stored)
                before = self._stored(entry)
                change(entry)
                entry.validate()
                result.append(entry)
                if self._stored(entry) == before:
                    return False
                if check_links:
                    self._check_links(entry)
                entry.updated = now()
                entry.updated_by = self.author or entry.updated_by
                entry.revision = revision_of(stored) + 1
                rows[entry_id] = self._stored(entry)
                return True

            self._modify(path, layout.ENTRIES_TABLE, apply)
            return result[0]

    def _fresh_table(self, path: Path, table: str) -> dict[str, Any]:
        self._cache.pop(path, None)
        return self._table(path, table)

    def _set_deleted(self, ident: str, deleted: datetime | None) -> Entry:
        with self.lock:
            entry_id = self.resolve_entry_id(ident)
            path = layout.shard_path(self.root, entry_id)
            entry = self._loaded(self._fresh_table(path, layout.ENTRIES_TABLE)[entry_id])
            if deleted is not None and entry.deleted is not None:
                raise JournalError(f"entry {entry_id[:8]} is already in the trash")
            if deleted is None and entry.deleted is None:
                raise JournalError(f"entry {entry_id[:8]} is not in the trash")
            entry.deleted = deleted
            entry.updated = now()
            entry.updated_by = self.author or entry.updated_by
            entry.revision = self._upsert(path, layout.ENTRIES_TABLE, entry_id, self._stored(entry))
            return entry

    def delete_entry(self, ident: str) -> Entry:
        """Move an entry to the trash; ``restore_entry`` brings it back."""
        return self._set_deleted(ident, now())

    def restore_entry(self, ident: str) -> Entry:
        return self._set_deleted(ident, None)

    def rewrite_entries(self, change: Callable[[Entry], bool]) -> int:
        """Apply ``change`` to every entry (deleted too); returns how many changed."""
        changed = 0
        with self.lock:
            for path in self.shard_paths():

                def apply(rows: dict[str, Any]) -> bool:
                    nonlocal changed
                    any_changed = False
                    for doc_id, doc in rows.items():
                        entry = self._loaded(doc)
                        if change(entry):
                            entry.revision = revision_of(doc) + 1
                            rows[doc_id] = self._stored(entry)
                            changed += 1
                            any_changed = True
                    return any_changed

                self._modify(path, layout.ENTRIES_TABLE, apply)
        return changed

    # -- interviews ---------------------------------------------------------

    def interviews(self) -> list[Interview]:
        rows = self._table(self.root / layout.INTERVIEWS_FILE, layout.INTERVIEWS_TABLE)
        found = [Interview.from_dict(d) for d in rows.values() if not references.is_alias(d)]
        found.sort(key=lambda i: i.code.lower())
        return found

    def get_interview(self, code: str) -> Interview:
        wanted = code.strip().lower()
        for interview in self.interviews():
            if interview.code.lower() == wanted:
                return interview
        raise NotFoundError(f"unknown interview {code!r}")

    def add_interview(self, interview: Interview) -> Interview:
        interview.validate()
        interview.created_by = interview.created_by or self.author
        interview.updated_by = interview.updated_by or self.author
        path = self.root / layout.INTERVIEWS_FILE
        with self.lock:
            self._cache.pop(path, None)
            if any(i.code.lower() == interview.code.lower() for i in self.interviews()):
                raise ValidationError(f"an interview with code {interview.code!r} already exists")
            interview.revision = self._upsert(
                path, layout.INTERVIEWS_TABLE, interview.id, interview.to_dict()
            )
        return interview

    def update_interview(
        self,
        interview: Interview,
        *,
        old_code: str | None = None,
        expected_revision: int | None = None,
    ) -> Interview:
        """Save a changed interview. Entries refer to it by id, so a new code is
        this one write of interviews.json (``old_code`` is accepted for callers
        that still name it; it is not needed). With ``expected_revision``, a
        stale change raises RevisionConflictError."""
        interview.validate()
        interview.updated = now()
        interview.updated_by = self.author or interview.updated_by
        path = self.root / layout.INTERVIEWS_FILE
        with self.lock:
            self._cache.pop(path, None)
            others = [i for i in self.interviews() if i.id != interview.id]
            if any(i.code.lower() == interview.code.lower() for i in others):
                raise ValidationError(f"an interview with code {interview.code!r} already exists")
            existing = self.stored_rows("interviews").get(interview.id)
            doc = references.interview_to_stored(interview, existing)
            interview.revision = self._upsert(
                path,
                layout.INTERVIEWS_TABLE,
                interview.id,
                doc,
                admit=_refuse_stale_record(
                    f"interview {interview.code}", expected_revision, Interview.from_dict
                ),
            )
        return interview

    # -- themes -------------------------------------------------------------

    def themes(self) -> list[Theme]:
        """The codebook's live themes (aliases left by merges are hidden)."""
        rows = self._table(self.root / layout.THEMES_FILE, layout.THEMES_TABLE)
        refs = self._refs()
        found = [
            references.theme_from_stored(d, refs)
            for d in rows.values()
            if not references.is_alias(d)
        ]
        found.sort(key=lambda t: (t.concept, t.name.casefold()))
        return found

    def get_theme(self, name: str) -> Theme:
        wanted = " ".join(name.split()).casefold()
        for theme in self.themes():
            if theme.name.casefold() == wanted:
                return theme
        raise NotFoundError(f"unknown theme {name!r}")

    def add_theme(self, theme: Theme) -> Theme:
        theme.validate()
        theme.created_by = theme.created_by or self.author
        theme.updated_by = theme.updated_by or self.author
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            existing = self.themes()
            if any(t.name.casefold() == theme.name.casefold() for t in existing):
                raise ValidationError(f"a theme named {theme.name!r} already exists")
            if theme.parent:
                theme.parent = self._parent_name(theme.parent, existing)
            doc = references.theme_to_stored(theme, self._refs())
            theme.revision = self._upsert(path, layout.THEMES_TABLE, theme.id, doc)
        return theme

    @staticmethod
    def _parent_name(parent: str, existing: list[Theme]) -> str:
        for candidate in existing:
            if candidate.name.casefold() == parent.casefold():
                return candidate.name
        raise NotFoundError(f"unknown parent theme {parent!r}")

    def update_theme(self, theme: Theme, *, expected_revision: int | None = None) -> Theme:
        """Save a theme's concept, parent, description or theory (not its name).
        With ``expected_revision``, a stale change raises RevisionConflictError."""
        theme.validate()
        theme.updated = now()
        theme.updated_by = self.author or theme.updated_by
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            existing = [t for t in self.themes() if t.id != theme.id]
            if theme.parent:
                theme.parent = self._parent_name(theme.parent, existing)
                if self._is_descendant(theme.parent, theme.name, existing):
                    raise ValidationError(
                        f"{theme.parent!r} is under {theme.name!r}: that makes a loop"
                    )
            stored = self.stored_rows("themes").get(theme.id)
            doc = references.theme_to_stored(theme, self._refs(), stored)
            theme.revision = self._upsert(
                path,
                layout.THEMES_TABLE,
                theme.id,
                doc,
                admit=_refuse_stale_record(
                    f"theme {theme.name!r}", expected_revision, Theme.from_dict
                ),
            )
        return theme

    @staticmethod
    def _is_descendant(name: str, ancestor: str, themes: list[Theme]) -> bool:
        parents = {t.name: t.parent for t in themes}
        seen: set[str] = set()
        while name and name not in seen:
            if name == ancestor:
                return True
            seen.add(name)
            name = parents.get(name) or ""
        return False

    def _entries_using(self, theme_ids: set[str]) -> int:
        """How many entries (trash included) refer to any of these theme ids."""
        count = 0
        for doc in self.stored_entries(include_deleted=True):
            if set(doc_themes(doc)) & theme_ids:
                count += 1
        return count

    def _alias_ids(self, theme_id: str) -> set[str]:
        """A theme's id and the ids of every alias that ends at it."""
        rows = self.stored_rows("themes")
        return {i for i in rows if references.resolve_alias(rows, i) == theme_id} | {theme_id}

    def rename_theme(self, old: str, new: str) -> tuple[Theme, int]:
        """Rename a theme: one atomic write of themes.json, since entries refer to
        it by id. Returns the theme and how many entries use it."""
        new = " ".join(new.split())
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            theme = self.get_theme(old)
            if new.casefold() != theme.name.casefold() and any(
                t.name.casefold() == new.casefold() for t in self.themes()
            ):
                raise ValidationError(
                    f"a theme named {new!r} already exists; use 'theme merge' to join them"
                )
            theme.name = new
            theme.validate()
            theme.updated = now()
            theme.updated_by = self.author or theme.updated_by

            def change(rows: dict[str, Any]) -> bool:
                theme.revision = revision_of(rows.get(theme.id)) + 1
                renamed = references.renamed_theme(rows[theme.id], theme)
                rows[theme.id] = {**renamed, "revision": theme.revision}
                return True

            self._modify(path, layout.THEMES_TABLE, change)
            count = self._entries_using(self._alias_ids(theme.id))
        return theme, count

    def merge_themes(self, source: str, target: str) -> tuple[Theme, int]:
        """Fold ``source`` into ``target`` in one atomic write of themes.json:
        source stays as an alias record (``merged_into`` target), so every entry
        naming it reads as target. Returns target and how many entries it gained."""
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            src = self.get_theme(source)
            dst = self.get_theme(target)
            if src.id == dst.id:
                raise ValidationError("cannot merge a theme into itself")
            count = self._entries_using(self._alias_ids(src.id))
            when = now().isoformat()
            who = self.author or src.updated_by

            def change(rows: dict[str, Any]) -> bool:
                alias = references.alias_record(rows[src.id], dst.id, when, who)
                rows[src.id] = {**alias, "revision": revision_of(rows[src.id]) + 1}
                for doc_id, doc in rows.items():
                    if doc.get("parent") == src.id:
                        rows[doc_id] = {
                            **doc,
                            "parent": dst.id if doc_id != dst.id else None,
                            "revision": revision_of(doc) + 1,
                        }
                return True

            self._modify(path, layout.THEMES_TABLE, change)
        return self.get_theme(dst.name), count

    def theme_usage(self) -> dict[str, int]:
        """How many live entries and transcripts use each theme (on the whole
        entry, an excerpt or a coded passage)."""
        counts: dict[str, int] = {}
        for doc in itertools.chain(self.raw_entries(), self.transcripts.raw()):
            for name in doc_themes(doc):
                counts[name] = counts.get(name, 0) + 1
        return counts

    # -- drafts -------------------------------------------------------------

    def _drafts_dir(self) -> Path:
        return self.root / layout.DRAFTS_DIR

    def save_draft(self, draft_id: str, data: dict[str, Any]) -> None:
        if not draft_id or "/" in draft_id or draft_id.startswith("."):
            raise ValidationError(f"bad draft id {draft_id!r}")
        directory = self._drafts_dir()
        with self.lock:
            self._guard_write()
            files.ensure_private_dir(directory)
            payload = orjson.dumps(
                scrub_surrogates({**data, "draft_id": draft_id, "saved": now().isoformat()})
            )
            path = directory / f"{draft_id}.json"
            files.atomic_write_bytes(path, self._codec(path).encode(payload))

    def drafts(self) -> list[dict[str, Any]]:
        """Saved drafts, newest first; an unreadable draft is skipped, never fatal."""
        directory = self._drafts_dir()
        found: list[dict[str, Any]] = []
        if not directory.is_dir():
            return found
        for path in directory.glob("*.json"):
            try:
                data = orjson.loads(self._codec(path).decode(files.read_bytes(path), path))
            except (OSError, orjson.JSONDecodeError, JournalError):
                continue
            if isinstance(data, dict):
                found.append(data)
        found.sort(key=lambda d: str(d.get("saved", "")), reverse=True)
        return found

    def discard_draft(self, draft_id: str) -> None:
        self._refuse_if_read_only()
        with self.lock:
            try:
                (self._drafts_dir() / f"{draft_id}.json").unlink()
            except FileNotFoundError:
                pass

    # -- housekeeping -------------------------------------------------------

    def invalidate_cache(self) -> None:
        self._cache.clear()
        self.manifest.forget()
        self._named.clear()
        self._refs_cache = None


class _LinkCheck:
    """``Journal._check_links`` for a batch: the codebook and the interviews are
    read once, not once per entry."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._codes = {i.code.lower() for i in journal.interviews()}
        self._themes = {t.name.casefold() for t in journal.themes()}

    def check(self, entry: Entry) -> None:
        codes = [entry.interview, *(x.interview for x in entry.excerpts)]
        if any(code and code.lower() not in self._codes for code in codes) or any(
            name.casefold() not in self._themes for name in entry.all_themes
        ):
            self._journal._check_links(entry)  # raises the same error one entry would


def _refuse_stale_record(
    what: str, expected_revision: int | None, load: Callable[[dict[str, Any]], object]
) -> Callable[[dict[str, Any] | None], None] | None:
    """An ``admit`` check for an interview or theme update that started from
    ``expected_revision`` (None: no check)."""
    if expected_revision is None:
        return None

    def admit(stored: dict[str, Any] | None) -> None:
        if stored is None:
            raise RevisionConflictError(f"{what} was removed meanwhile; nothing was saved", None)
        if revision_of(stored) != expected_revision:
            raise RevisionConflictError(
                f"{what} was changed elsewhere meanwhile (revision {expected_revision} is now "
                f"{revision_of(stored)}); nothing was saved",
                load(stored),
            )

    return admit
