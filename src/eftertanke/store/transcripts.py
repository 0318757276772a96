"""Interview transcripts in the store: one record per interview, sharded by id.

A transcript of a one-hour interview is 40-80 KB; keeping them out of the
entry shards and out of one shared file means coding a passage rewrites one
small file, whatever the study's size. On disk a transcript names its
interview, and its codings their themes, by record id (``references``), as
entries do.

Reached as ``journal.transcripts``; every method takes the journal lock for
its read-modify-write, as the entry methods do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eftertanke.domain import now, revision_of
from eftertanke.store import files, layout, references
from eftertanke.store.errors import JournalError, NotFoundError, RevisionConflictError
from eftertanke.transcript import Transcript

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

TABLE = layout.TRANSCRIPTS_TABLE


class TranscriptStore:
    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    # -- reading -------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return self._journal.shard_paths(layout.TRANSCRIPTS_DIR)

    def raw(self) -> Iterator[dict[str, Any]]:
        """Stored transcript dicts with names and codes (as analysis reads entries)."""
        journal = self._journal
        refs = journal._refs()
        for path in self.paths():
            for doc in journal._table(path, TABLE).values():
                yield references.entry_to_names(doc, refs)

    def all(self) -> list[Transcript]:
        found = [Transcript.from_dict(doc) for doc in self.raw()]
        found.sort(key=lambda t: t.interview.casefold())
        return found

    def for_interview(self, code: str) -> Transcript | None:
        """The transcript of an interview (by code, or an old code), or None."""
        interview = self._journal.get_interview(code)
        for doc in self.raw():
            if str(doc.get("interview") or "").casefold() == interview.code.casefold():
                return Transcript.from_dict(doc)
        return None

    def get(self, transcript_id: str) -> Transcript:
        path = layout.transcript_path(self._journal.root, transcript_id)
        doc = self._journal._table(path, TABLE).get(transcript_id)
        if doc is None:
            raise NotFoundError(f"no transcript with id {transcript_id}")
        return Transcript.from_dict(references.entry_to_names(doc, self._journal._refs()))

    # -- writing -------------------------------------------------------------------

    def _stored(self, transcript: Transcript) -> dict[str, Any]:
        return references.entry_to_ids(transcript.to_dict(), self._journal._refs())

    def _check(self, transcript: Transcript) -> None:
        journal = self._journal
        interview = journal.get_interview(transcript.interview)  # NotFoundError if unknown
        transcript.interview = interview.code
        known = {t.name.casefold() for t in journal.themes()}
        for coding in transcript.codings:
            for theme in coding.themes:
                if theme.casefold() not in known:
                    raise NotFoundError(
                        f"unknown theme {theme!r}; add it first with: eftertanke theme add "
                        f'"{theme}" --concept KEY',
                        key="error.unknown_theme_add",
                        name=repr(theme),
                        typed=theme,
                    )

    def add(self, transcript: Transcript, *, replace: bool = False) -> Transcript:
        """Store the transcript of an interview. An interview has one transcript:
        with ``replace`` an existing one is replaced in the same write (its
        codings are carried over by the caller, see services.transcripts)."""
        journal = self._journal
        transcript.validate()
        with journal.lock:
            journal._guard_write()
            self._check(transcript)
            existing = self.for_interview(transcript.interview)
            if existing is not None and existing.id != transcript.id:
                if not replace:
                    raise JournalError(
                        f"interview {transcript.interview} already has a transcript; "
                        "use --replace to replace it"
                    )
                transcript.id = existing.id
                transcript.created = existing.created
                transcript.created_by = existing.created_by
            transcript.created_by = transcript.created_by or journal.author
            transcript.updated = now()
            transcript.updated_by = journal.author or transcript.updated_by
            path = layout.transcript_path(journal.root, transcript.id)
            files.ensure_private_dir(path.parent)
            transcript.revision = journal._upsert(
                path, TABLE, transcript.id, self._stored(transcript)
            )
        return transcript

    def modify(
        self,
        transcript_id: str,
        change: Callable[[Transcript], object],
        *,
        expected_revision: int | None = None,
    ) -> Transcript:
        """Apply ``change`` to the stored transcript in one locked read-modify-write;
        nothing is written if it raises or changes nothing."""
        journal = self._journal
        path = layout.transcript_path(journal.root, transcript_id)
        result: list[Transcript] = []
        with journal.lock:

            def apply(rows: dict[str, Any]) -> bool:
                stored = rows.get(transcript_id)
                if stored is None:
                    raise NotFoundError(f"no transcript with id {transcript_id}")
                if expected_revision is not None and revision_of(stored) != expected_revision:
                    current = Transcript.from_dict(
                        references.entry_to_names(stored, journal._refs())
                    )
                    raise RevisionConflictError(
                        f"the transcript of {current.interview} was changed elsewhere "
                        "meanwhile; nothing was saved",
                        current,
                        key="error.transcript_changed_meanwhile",
                        code=current.interview,
                    )
                transcript = Transcript.from_dict(
                    references.entry_to_names(stored, journal._refs())
                )
                before = self._stored(transcript)
                change(transcript)
                transcript.validate()
                result.append(transcript)
                if self._stored(transcript) == before:
                    return False
                self._check(transcript)
                transcript.updated = now()
                transcript.updated_by = journal.author or transcript.updated_by
                transcript.revision = revision_of(stored) + 1
                rows[transcript_id] = self._stored(transcript)
                return True

            journal._modify(path, TABLE, apply)
        return result[0]

    def remove(self, transcript_id: str) -> Transcript:
        """Remove a transcript and its codings from the journal for good."""
        journal = self._journal
        path = layout.transcript_path(journal.root, transcript_id)
        removed: list[Transcript] = []
        with journal.lock:

            def apply(rows: dict[str, Any]) -> bool:
                stored = rows.pop(transcript_id, None)
                if stored is None:
                    raise NotFoundError(f"no transcript with id {transcript_id}")
                removed.append(
                    Transcript.from_dict(references.entry_to_names(stored, journal._refs()))
                )
                return True

            journal._modify(path, TABLE, apply)
        return removed[0]
