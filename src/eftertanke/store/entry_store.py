"""Entries in the store: reading (cached per shard, ids translated to names),
finding by id prefix, adding, updating with a revision check, and the trash.

A mixin of ``Journal`` (store/journal.py), which gives it the lock, the file
cache and the locked read-modify-write helpers; kept apart so each file has
one job.

Long because reading, adding, updating and trashing entries share the shard
cache and the revision check.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eftertanke.domain import (
    Entry,
    ValidationError,
    now,
    revision_of,
)
from eftertanke.store import files, layout, references
from eftertanke.store.errors import (
    AmbiguousIdError,
    JournalError,
    NotFoundError,
    RevisionConflictError,
)

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

MIN_PREFIX = 4
# Characters JSON writes escaped: a word holding one cannot be found in raw file text.
_JSON_ESCAPED = set('"\\') | {chr(c) for c in range(32)}


def _could_hide(word: str, raw: bytes) -> bool:
    """Whether ``raw`` may hold ``word`` only in a form that casefold expands:
    ß/ẞ for "ss", or a typographic ligature (ﬁ, ﬂ, ﬀ, ﬅ …) pasted from a PDF."""
    if "ss" in word and (b"\xc3\x9f" in raw or b"\xe1\xba\x9e" in raw):
        return True
    return any(pair in word for pair in ("ff", "fi", "fl", "st")) and b"\xef\xac" in raw


class EntryStore:
    """The entry methods of ``Journal``."""

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

    def raw_entries(
        self,
        include_deleted: bool = False,
        containing: list[str] | None = None,
        *,
        keep: bool = True,
        shards: Collection[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stored entry dicts. With ``containing`` (casefolded words), shards whose
        text lacks any of the words are skipped without being parsed: a search
        then parses only the files that can match. The caller still checks each
        entry; this only narrows which files are read.

        ``keep=False`` reads one shard at a time and keeps none that was not
        cached already: an export of 100,000 entries then holds one shard's
        entries at once, not the whole journal (the cache would keep them all).

        ``shards``: only the shards of these file names (a search reads those
        its index has not caught up with, services/search.py)."""
        refs = self._refs()
        # Stored text holds theme ids, not names: a word that is part of a theme
        # name cannot rule a shard out.
        words = [
            w
            for w in containing or []
            if not set(w) & _JSON_ESCAPED and not references.may_name(refs, w)
        ]
        for path in self.shard_paths():
            if shards is not None and path.name not in shards:
                continue
            if words and path not in self._cache and not self._may_contain(path, words):
                continue
            cached = keep or path in self._cache
            rows = self._named_rows(path, refs)
            if not cached:
                self._cache.pop(path, None)
                self._named.pop(path, None)
            for doc in rows.values():
                if include_deleted or not doc.get("deleted"):
                    yield doc
            del rows

    def shard_rows(self, path: Path) -> dict[str, dict[str, Any]]:
        """One entry shard's stored dicts by id, with names, the trashed too
        (the search index reads a changed shard alone). Not to be changed."""
        return self._named_rows(path, self._refs())

    def read_shard(self, path: Path) -> dict[str, dict[str, Any]]:
        """``shard_rows`` without keeping it: the shard is parsed and handed back,
        and left out of the cache unless it was cached already (the TUI's index
        reads the journal one shard at a time and keeps only its compact rows)."""
        cached = path in self._cache
        rows = self._named_rows(path, self._refs())
        if not cached:
            self._cache.pop(path, None)
            self._named.pop(path, None)
        return rows

    def name_references(self) -> references.References:
        """The theme and interview names the stored ids stand for."""
        return self._refs()

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
                f"entry id {ident!r} is too short: give at least {MIN_PREFIX} characters",
                key="error.entry_id_too_short",
                id=repr(ident),
                n=MIN_PREFIX,
            )
        if len(ident) == 36:
            doc = self._table(layout.shard_path(self.root, ident), layout.ENTRIES_TABLE).get(ident)
            if doc is not None and (include_deleted or not doc.get("deleted")):
                return ident
            raise NotFoundError(f"no entry with id {ident}", key="error.no_entry", id=ident)
        shard = layout.shard_path(self.root, ident) if len(ident) >= 2 else None
        paths = [shard] if shard is not None else self.shard_paths()
        matches = [
            doc_id
            for path in paths
            for doc_id, doc in self._table(path, layout.ENTRIES_TABLE).items()
            if doc_id.startswith(ident) and (include_deleted or not doc.get("deleted"))
        ]
        if not matches:
            raise NotFoundError(f"no entry with id {ident}", key="error.no_entry", id=ident)
        if len(matches) > 1:
            raise AmbiguousIdError(
                f"entry id {ident} is ambiguous: {len(matches)} entries start with it; give more characters",
                key="error.entry_id_ambiguous",
                id=ident,
                n=len(matches),
            )
        return matches[0]

    def get_entry(self, ident: str, include_deleted: bool = True) -> Entry:
        entry_id = self.resolve_entry_id(ident, include_deleted)
        doc = self._table(layout.shard_path(self.root, entry_id), layout.ENTRIES_TABLE)[entry_id]
        return self._loaded(doc)

    def _known_links(self) -> tuple[frozenset[str], frozenset[str]]:
        """The interview codes (lowercased) and live theme names (casefolded) an
        entry may name, worked out again only when themes.json or
        interviews.json changed (``_refs``): every save made each record an
        object for them."""
        refs = self._refs()
        cached = self._links_cache
        if cached is not None and cached[0] is refs:
            return cached[1]
        known = (
            frozenset(i.code.lower() for i in self.interviews()),
            frozenset(t.name.casefold() for t in self.themes()),
        )
        self._links_cache = (refs, known)
        return known

    def _check_links(self, entry: Entry) -> None:
        codes, known = self._known_links()
        if entry.interview and entry.interview.lower() not in codes:
            raise NotFoundError(
                f"unknown interview {entry.interview!r}",
                key="error.unknown_interview",
                code=repr(entry.interview),
            )
        for excerpt in entry.excerpts:
            if excerpt.interview and excerpt.interview.lower() not in codes:
                raise NotFoundError(
                    f"unknown interview {excerpt.interview!r} in an excerpt",
                    key="error.unknown_interview_excerpt",
                    code=repr(excerpt.interview),
                )
        for theme in entry.all_themes:
            if theme.casefold() not in known:
                raise NotFoundError(
                    f"unknown theme {theme!r}; add it first with: eftertanke theme add "
                    f"{theme!r} --concept drive|frames|safety|wellbeing",
                    key="error.unknown_theme_add_first",
                    name=repr(theme),
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
                raise NotFoundError(
                    f"no entry with id {entry.id}", key="error.no_entry", id=entry.id
                )
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
                key="error.entry_removed_meanwhile",
                id=short_id,
            )
        current = self._loaded(stored)
        if current.deleted is not None and entry.deleted is None:
            raise RevisionConflictError(
                f"entry {short_id} was moved to the trash meanwhile; nothing was saved",
                current,
                key="error.entry_trashed_meanwhile",
                id=short_id,
            )
        if current.revision != expected_revision:
            raise RevisionConflictError(
                f"entry {short_id} was changed elsewhere meanwhile (revision "
                f"{expected_revision} is now {current.revision}); nothing was saved",
                current,
                key="error.entry_changed_meanwhile",
                id=short_id,
                expected=expected_revision,
                now=current.revision,
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
