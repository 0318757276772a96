"""Interviews and the codebook in the store: one file each, records by id,
renames and merges as one write of the codebook (store/references.py).

A mixin of ``Journal`` (store/journal.py).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from eftertanke import codebook_log
from eftertanke.codebook_log import CodebookEvent
from eftertanke.domain import (
    Interview,
    Theme,
    ValidationError,
    now,
    revision_of,
)
from eftertanke.entry_row import doc_themes
from eftertanke.store import layout, references
from eftertanke.store.errors import NotFoundError
from eftertanke.store.record_checks import refuse_stale_record, refuse_taken_code


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
        raise NotFoundError(
            f"unknown interview {code!r}", key="error.unknown_interview", code=repr(code)
        )

    def add_interview(self, interview: Interview) -> Interview:
        interview.validate()
        interview.created_by = interview.created_by or self.author
        interview.updated_by = interview.updated_by or self.author
        path = self.root / layout.INTERVIEWS_FILE
        with self.lock:
            self._cache.pop(path, None)
            refuse_taken_code(interview.code, self.interviews())
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
            refuse_taken_code(
                interview.code, [i for i in self.interviews() if i.id != interview.id]
            )
            existing = self.stored_rows("interviews").get(interview.id)
            doc = references.interview_to_stored(interview, existing)
            interview.revision = self._upsert(
                path,
                layout.INTERVIEWS_TABLE,
                interview.id,
                doc,
                admit=refuse_stale_record(
                    ("interview", interview.code), expected_revision, Interview.from_dict
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
        raise NotFoundError(f"unknown theme {name!r}", key="error.unknown_theme", name=repr(name))

    def add_theme(self, theme: Theme, *, reason: str = "") -> Theme:
        """Add a theme; the codebook log records it (with ``reason``) in the same write."""
        theme.validate()
        theme.created_by = theme.created_by or self.author
        theme.updated_by = theme.updated_by or self.author
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            existing = self.themes()
            if any(t.name.casefold() == theme.name.casefold() for t in existing):
                raise ValidationError(
                    f"a theme named {theme.name!r} already exists",
                    key="error.theme_exists",
                    name=repr(theme.name),
                )
            if theme.parent:
                theme.parent = self._parent_name(theme.parent, existing)
            doc = references.theme_to_stored(theme, self._refs())
            event = self.codebook_event(
                codebook_log.ADDED,
                theme,
                reason,
                at=theme.created,
                by=theme.created_by,
                concept=theme.concept,
                parent=theme.parent,
            )
            theme.revision = self._upsert(path, layout.THEMES_TABLE, theme.id, doc, log=[event])
        return theme

    def codebook_event(self, kind: str, theme: Theme, reason: str, **details: Any) -> CodebookEvent:
        """The one place a codebook change becomes a log event: who is the
        journal's author (if it knows one), when is now unless given."""
        details.setdefault("at", now())
        details.setdefault("by", self.author)
        return CodebookEvent(
            kind=kind, theme_id=theme.id, name=theme.name, reason=reason, **details
        ).validate()

    def codebook_log(self) -> list[CodebookEvent]:
        """Every recorded change of the codebook, oldest first."""
        rows = self._table(self.root / layout.THEMES_FILE, codebook_log.LOG_TABLE)
        return codebook_log.load_log(rows)

    def stored_codebook_log(self) -> dict[str, Any]:
        """The log table as stored, for merge and delete (store/batch.py)."""
        return self.stored_table(self.root / layout.THEMES_FILE, codebook_log.LOG_TABLE)

    def _update_events(
        self, before: Theme | None, after: Theme, reason: str
    ) -> list[CodebookEvent]:
        """A moved event if the concept or parent changed, an edited one if the
        description or theory did."""
        if before is None:
            return []
        events = []
        old_parent = (before.parent or "").casefold()
        if before.concept != after.concept or old_parent != (after.parent or "").casefold():
            events.append(
                self.codebook_event(
                    codebook_log.MOVED,
                    after,
                    reason,
                    at=after.updated,
                    concept=after.concept,
                    parent=after.parent,
                    old_concept=before.concept,
                    old_parent=before.parent,
                )
            )
        fields = [f for f in ("description", "theory") if getattr(before, f) != getattr(after, f)]
        if fields:
            events.append(
                self.codebook_event(
                    codebook_log.EDITED, after, reason, at=after.updated, fields=fields
                )
            )
        return events

    @staticmethod
    def _parent_name(parent: str, existing: list[Theme]) -> str:
        for candidate in existing:
            if candidate.name.casefold() == parent.casefold():
                return candidate.name
        raise NotFoundError(
            f"unknown parent theme {parent!r}", key="error.unknown_parent_theme", name=repr(parent)
        )

    def update_theme(
        self, theme: Theme, *, expected_revision: int | None = None, reason: str = ""
    ) -> Theme:
        """Save a theme's concept, parent, description or theory (not its name).
        With ``expected_revision``, a stale change raises RevisionConflictError.
        A move (concept or parent) and an edit (description, theory) are logged."""
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
            before = (
                references.theme_from_stored(stored, self._refs()) if stored is not None else None
            )
            doc = references.theme_to_stored(theme, self._refs(), stored)
            theme.revision = self._upsert(
                path,
                layout.THEMES_TABLE,
                theme.id,
                doc,
                admit=refuse_stale_record(
                    ("theme", repr(theme.name)), expected_revision, Theme.from_dict
                ),
                log=self._update_events(before, theme, reason),
            )
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
        return references.with_aliases(rows, theme_id)

    def rename_theme(self, old: str, new: str, *, reason: str = "") -> tuple[Theme, int]:
        """Rename a theme: one atomic write of themes.json, since entries refer to
        it by id, with the rename logged. Returns the theme and how many entries use it."""
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
                    f"a theme named {new!r} already exists; use 'theme merge' to join them",
                    key="error.theme_exists_merge",
                    name=repr(new),
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

            log = []
            if new != old_name:
                log.append(
                    self.codebook_event(
                        codebook_log.RENAMED,
                        replace(theme, name=old_name),
                        reason,
                        at=theme.updated,
                        new_name=new,
                    )
                )
            self._modify(path, layout.THEMES_TABLE, change, log)
            count = self._entries_using(self._alias_ids(theme.id))
        return theme, count

    def merge_themes(self, source: str, target: str, *, reason: str = "") -> tuple[Theme, int]:
        """Fold ``source`` into ``target`` in one atomic write of themes.json:
        source stays as an alias record (``merged_into`` target), so every entry
        naming it reads as target. The merge (and the move of source's
        sub-themes under target) is logged in the same write. Returns target and
        how many entries it gained."""
        path = self.root / layout.THEMES_FILE
        with self.lock:
            self._cache.pop(path, None)
            src = self.get_theme(source)
            dst = self.get_theme(target)
            if src.id == dst.id:
                raise ValidationError("cannot merge a theme into itself")
            count = self._entries_using(self._alias_ids(src.id))
            moment = now()
            when = moment.isoformat()
            who = self.author or src.updated_by
            log = [
                self.codebook_event(
                    codebook_log.MERGED, src, reason, at=moment, into_id=dst.id, into_name=dst.name
                )
            ]
            for child in self.themes():
                if child.parent and child.parent.casefold() == src.name.casefold():
                    log.append(
                        self.codebook_event(
                            codebook_log.MOVED,
                            child,
                            reason,
                            at=moment,
                            concept=child.concept,
                            parent=dst.name if child.id != dst.id else None,
                            old_concept=child.concept,
                            old_parent=src.name,
                        )
                    )

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

            self._modify(path, layout.THEMES_TABLE, change, log)
        return self.get_theme(dst.name), count

    def theme_usage(self) -> dict[str, int]:
        """How many live entries and transcripts use each theme (on the whole
        entry, an excerpt or a coded passage)."""
        counts: dict[str, int] = {}
        for doc in itertools.chain(self.raw_entries(), self.transcripts.raw()):
            for name in doc_themes(doc):
                counts[name] = counts.get(name, 0) + 1
        return counts
