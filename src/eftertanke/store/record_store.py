"""Interviews and the codebook in the store: one file each, records by id,
renames and merges as one write of the codebook (store/references.py).

Every change of the codebook also writes a record of its change log
(codebook_log.py, table ``codebook_log`` of themes.json) in the same atomic
write of the file, so a change and its log record never part.

A mixin of ``Journal`` (store/journal.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from eftertanke.codebook_log import (
    ADDED,
    CODEBOOK_LOG_TABLE,
    DESCRIBED,
    MERGED,
    MOVED,
    RENAMED,
    CodebookChange,
    read_log,
)
from eftertanke.domain import (
    Interview,
    Theme,
    ValidationError,
    doc_themes,
    now,
    revision_of,
)
from eftertanke.store import layout, references
from eftertanke.store.errors import (
    CorruptFileError,
    NotFoundError,
    RevisionConflictError,
)
from eftertanke.store.storage import AtomicStorage
from eftertanke.textsafe import scrub_surrogates


class RecordStore:
    """The interview and theme methods of ``Journal``."""

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

    def add_theme(self, theme: Theme, *, reason: str = "") -> Theme:
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

            def change(rows: dict[str, Any]) -> CodebookChange:
                stored = rows.get(theme.id)
                theme.revision = revision_of(stored) + 1
                rows[theme.id] = {**(stored or {}), **doc, "revision": theme.revision}
                return CodebookChange(
                    action=ADDED,
                    theme=theme.id,
                    name_after=theme.name,
                    concept_after=theme.concept,
                    parent_after=theme.parent,
                    reason=reason,
                    by=theme.created_by,
                )

            self._write_codebook(change)
        return theme

    def codebook_log(self) -> list[CodebookChange]:
        """Every change of the codebook, oldest first (empty in a journal from
        before the log: its history was not written down)."""
        return read_log(self._table(self.root / layout.THEMES_FILE, CODEBOOK_LOG_TABLE))

    def _write_codebook(self, change: Callable[[dict[str, Any]], CodebookChange | None]) -> None:
        """One locked read-modify-write of themes.json: the themes as ``change``
        leaves them and, in the same atomic write, the log record it returns
        (None: nothing worth logging changed). Other tables of the file are kept."""
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._guard_write()
            self._before_write()
            storage = AtomicStorage(path, self._codec(path), self.manifest, strict=True)
            tables = storage.read() or {}
            for table in (layout.THEMES_TABLE, CODEBOOK_LOG_TABLE):
                if not isinstance(tables.setdefault(table, {}), dict):
                    raise CorruptFileError(path, f"table {table!r} is not an object")
            record = change(tables[layout.THEMES_TABLE])
            if record is not None:
                record.validate()
                tables[CODEBOOK_LOG_TABLE][record.id] = record.to_dict()
            storage.write(scrub_surrogates(tables))
            self._cache.pop(path, None)

    @staticmethod
    def _parent_name(parent: str, existing: list[Theme]) -> str:
        for candidate in existing:
            if candidate.name.casefold() == parent.casefold():
                return candidate.name
        raise NotFoundError(f"unknown parent theme {parent!r}")

    def update_theme(
        self, theme: Theme, *, expected_revision: int | None = None, reason: str = ""
    ) -> Theme:
        """Save a theme's concept, parent, description or theory (not its name).
        With ``expected_revision``, a stale change raises RevisionConflictError.
        A new parent or concept is logged as a move, a new description or
        theory as described; a save that changes neither is not logged."""
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
            refs = self._refs()
            admit = _refuse_stale_record(
                f"theme {theme.name!r}", expected_revision, Theme.from_dict
            )

            def change(rows: dict[str, Any]) -> CodebookChange | None:
                stored = rows.get(theme.id)
                stored = stored if isinstance(stored, dict) else None
                if admit is not None:
                    admit(stored)
                doc = references.theme_to_stored(theme, refs, stored)
                theme.revision = revision_of(stored) + 1
                rows[theme.id] = {**(stored or {}), **doc, "revision": theme.revision}
                if stored is None:
                    return None
                before = references.theme_from_stored(stored, refs)
                return _update_record(before, theme, reason, theme.updated_by)

            self._write_codebook(change)
        return theme

    @staticmethod
    def _is_descendant(name: str, ancestor: str, themes: list[Theme]) -> bool:
        from eftertanke.codebook import is_under

        return is_under(name, ancestor, themes)

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

    def rename_theme(self, old: str, new: str, *, reason: str = "") -> tuple[Theme, int]:
        """Rename a theme: one atomic write of themes.json, since entries refer to
        it by id. Returns the theme and how many entries use it."""
        new = " ".join(new.split())
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            theme = self.get_theme(old)
            old_name = theme.name
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

            def change(rows: dict[str, Any]) -> CodebookChange | None:
                theme.revision = revision_of(rows.get(theme.id)) + 1
                renamed = references.renamed_theme(rows[theme.id], theme)
                rows[theme.id] = {**renamed, "revision": theme.revision}
                if old_name == theme.name:
                    return None
                return CodebookChange(
                    action=RENAMED,
                    theme=theme.id,
                    name_before=old_name,
                    name_after=theme.name,
                    reason=reason,
                    by=theme.updated_by,
                )

            self._write_codebook(change)
            count = self._entries_using(self._alias_ids(theme.id))
        return theme, count

    def merge_themes(self, source: str, target: str, *, reason: str = "") -> tuple[Theme, int]:
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

            def change(rows: dict[str, Any]) -> CodebookChange:
                alias = references.alias_record(rows[src.id], dst.id, when, who)
                rows[src.id] = {**alias, "revision": revision_of(rows[src.id]) + 1}
                for doc_id, doc in rows.items():
                    if doc.get("parent") == src.id:
                        rows[doc_id] = {
                            **doc,
                            "parent": dst.id if doc_id != dst.id else None,
                            "revision": revision_of(doc) + 1,
                        }
                return CodebookChange(
                    action=MERGED,
                    theme=src.id,
                    name_before=src.name,
                    name_after=dst.name,
                    concept_before=src.concept,
                    concept_after=dst.concept,
                    reason=reason,
                    by=who,
                )

            self._write_codebook(change)
        return self.get_theme(dst.name), count

    def theme_usage(self) -> dict[str, int]:
        """How many live entries and transcripts use each theme (on the whole
        entry, an excerpt or a coded passage)."""
        counts: dict[str, int] = {}
        for doc in itertools.chain(self.raw_entries(), self.transcripts.raw()):
            for name in doc_themes(doc):
                counts[name] = counts.get(name, 0) + 1
        return counts


def _update_record(before: Theme, after: Theme, reason: str, who: str) -> CodebookChange | None:
    """The log record of an edit: moved (parent or concept), else described, else none."""
    moved = (before.concept, before.parent) != (after.concept, after.parent)
    described = (before.description, before.theory) != (after.description, after.theory)
    if not moved and not described:
        return None
    return CodebookChange(
        action=MOVED if moved else DESCRIBED,
        theme=after.id,
        name_before=before.name,
        name_after=after.name,
        concept_before=before.concept,
        concept_after=after.concept,
        parent_before=before.parent,
        parent_after=after.parent,
        reason=reason,
        by=who,
    )


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
