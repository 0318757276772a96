"""Merging a whole journal folder into this one, and its conflict copies.

Reads the other journal, merges every table by the rules, and writes all
changed files as one operation (``store.batch.rewrite_files``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eftertanke.codebook_log import LOG_TABLE
from eftertanke.domain import Entry, Interview, Theme, ValidationError
from eftertanke.services.merge.record_rules import (
    merge_codebook_log,
    merge_interviews,
    merge_themes,
)
from eftertanke.services.merge.rules import Doc, Rows, RowsMerge, advance_revisions, merge_entries
from eftertanke.services.merge.transcript_rules import (
    fold_transcripts,
    merge_transcripts,
    transcript_aside_entry,
)
from eftertanke.store import layout
from eftertanke.store.batch import FileRewrite, rewrite_files
from eftertanke.store.errors import JournalError

# -- two journals ----------------------------------------------------------------


@dataclass
class MergeReport:
    """What a journal merge did: what it added, updated, deleted and set aside, table by table."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    interviews_added: list[str] = field(default_factory=list)
    interviews_updated: list[str] = field(default_factory=list)
    themes_added: list[str] = field(default_factory=list)
    themes_updated: list[str] = field(default_factory=list)
    # Transcripts by their interview's code.
    transcripts_added: list[str] = field(default_factory=list)
    transcripts_updated: list[str] = field(default_factory=list)
    # Memo entries holding the words of a transcript version not kept.
    transcripts_set_aside: list[str] = field(default_factory=list)
    # Codebook change-log events brought over from the other journal, by id.
    codebook_log_added: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.added,
                self.updated,
                self.deleted,
                self.conflicts,
                self.interviews_added,
                self.interviews_updated,
                self.themes_added,
                self.themes_updated,
                self.transcripts_added,
                self.transcripts_updated,
                self.transcripts_set_aside,
                self.codebook_log_added,
            )
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
            "interviews_added": self.interviews_added,
            "interviews_updated": self.interviews_updated,
            "themes_added": self.themes_added,
            "themes_updated": self.themes_updated,
            "transcripts_added": self.transcripts_added,
            "transcripts_updated": self.transcripts_updated,
            "transcripts_set_aside": self.transcripts_set_aside,
            "codebook_log_added": self.codebook_log_added,
            "notes": self.notes,
        }


def check_is_journal(path: Path) -> None:
    """Refuse, before anything is opened, a folder that is not a journal."""
    if not path.exists():
        raise JournalError(f"no journal at {path}")
    if not path.is_dir():
        raise JournalError(f"{path} is a file, not a journal folder")
    if not (path / layout.META_FILE).is_file() and not (path / layout.LEGACY_V1_FILE).is_file():
        raise JournalError(f"{path} is not an eftertanke journal: it has no {layout.META_FILE}")


def open_other_journal(path: Path, passphrase: Any = None) -> Any:
    """The journal to merge from: it must already be a journal (never created here).

    ``passphrase`` (text, or a function asked only if the journal is
    encrypted) unlocks an encrypted one; a wrong one is refused before any
    of its files is read.
    """
    from eftertanke.store.errors import CorruptFileError
    from eftertanke.store.journal import Journal

    path = Path(path).expanduser()
    check_is_journal(path)
    try:
        return Journal(path, create=False, passphrase=passphrase)
    except CorruptFileError as exc:
        raise JournalError(f"cannot merge {path}: {exc}") from exc


def _validated(docs: Iterable[Doc], parse: Callable[[Doc], Any], what: str, source: Path) -> Rows:
    rows: Rows = {}
    for doc in docs:
        try:
            obj = parse(doc)
            if isinstance(obj, Entry):
                uuid.UUID(obj.id)
        except (ValidationError, KeyError, TypeError, ValueError) as exc:
            raise JournalError(f"cannot merge {source}: a damaged {what}: {exc}") from exc
        rows[str(doc["id"])] = doc
    return rows


def read_journal_rows(journal: Any) -> tuple[Rows, Rows, Rows]:
    """Every entry (trash included), interview and theme document of a journal,
    as stored: themes and interviews referred to by id."""
    root = journal.root
    entries = _validated(
        journal.stored_entries(include_deleted=True), Entry.from_dict, "entry", root
    )
    interviews = _validated(
        journal.stored_rows("interviews").values(), Interview.from_dict, "interview", root
    )
    themes = _validated(journal.stored_rows("themes").values(), Theme.from_dict, "theme", root)
    return entries, interviews, themes


def read_transcript_rows(journal: Any) -> Rows:
    """Every transcript document of a journal, as stored (interview and themes by id)."""
    from eftertanke.transcript import Transcript

    docs = (
        doc
        for path in journal.shard_paths(layout.TRANSCRIPTS_DIR)
        for doc in journal.stored_table(path, layout.TRANSCRIPTS_TABLE).values()
    )
    return _validated(docs, Transcript.from_dict, "transcript", journal.root)


def _by_shard(rows: Rows) -> dict[str, Rows]:
    shards: dict[str, Rows] = {}
    for doc_id, doc in rows.items():
        shards.setdefault(layout.shard_name(doc_id), {})[doc_id] = doc
    return shards


@dataclass
class _Theirs:
    """Everything read from the other journal, checked, before anything is written."""

    entries: Rows
    interviews: Rows
    themes: Rows
    transcripts: Rows
    log: Rows = field(default_factory=dict)


def read_codebook_log(journal: Any) -> Rows:
    """The other journal's codebook change log, every event checked."""
    from eftertanke.codebook_log import CodebookEvent

    rows = journal.stored_codebook_log()
    for doc in rows.values():
        try:
            CodebookEvent.from_dict(doc)
        except (ValidationError, KeyError, TypeError, ValueError) as exc:
            raise JournalError(
                f"cannot merge {journal.root}: a damaged codebook change: {exc}"
            ) from exc
    return dict(rows)


def _planned_records(
    target: Any,
    report: MergeReport,
    rewrites: list[FileRewrite],
    rule: Callable[[Rows, Rows, Rows | None], RowsMerge],
    their_rows: Rows,
    where: tuple[Path, str],
    news: tuple[list[str], list[str]],
    label: str,
) -> Rows:
    """Interviews or themes merged; ``news`` gets the labels of those added and
    updated. Returns the rows as they will stand."""
    path, table = where
    rows = target.stored_table(path, table)
    if not their_rows:
        return dict(rows)
    merged = rule(dict(rows), their_rows, None)
    merged.rows = advance_revisions(rows, merged.rows)
    report.notes.extend(merged.notes)
    if merged.changed_from(rows):
        added, updated = news
        added.extend(str(merged.rows[i].get(label)) for i in merged.added)
        updated.extend(str(merged.rows[i].get(label)) for i in merged.updated)
        rewrites.append(FileRewrite(path, table, merged.rows))
    return merged.rows


def _planned_entries(
    target: Any,
    report: MergeReport,
    rewrites: list[FileRewrite],
    their_entries: Rows,
    set_aside: Rows,
) -> None:
    """Each entries shard merged, with the memos of transcripts set aside."""
    theirs_by_shard = _by_shard(their_entries)
    aside_by_shard = _by_shard(set_aside)
    for shard in sorted(set(theirs_by_shard) | set(aside_by_shard)):
        path = target.root / layout.ENTRIES_DIR / shard
        rows = target.stored_table(path, layout.ENTRIES_TABLE)
        merged = merge_entries(dict(rows), theirs_by_shard.get(shard, {}))
        report.notes.extend(merged.notes)
        for doc_id, doc in aside_by_shard.get(shard, {}).items():
            # Like a conflict copy: once made, the memo is the researcher's to
            # change or delete, and a later merge never makes it again.
            if doc_id not in merged.rows:
                merged.rows[doc_id] = doc
                report.transcripts_set_aside.append(doc_id)
        merged.rows = advance_revisions(rows, merged.rows)
        if not merged.changed_from(rows):
            continue
        report.added.extend(merged.added)
        report.updated.extend(merged.updated)
        report.deleted.extend(merged.deleted)
        report.conflicts.extend(merged.conflicts)
        rewrites.append(FileRewrite(path, layout.ENTRIES_TABLE, merged.rows))


def _planned_rewrites(target: Any, report: MergeReport, theirs: _Theirs) -> list[FileRewrite]:
    """The files a merge changes, as they should stand after it; fills ``report``."""
    root = target.root
    rewrites: list[FileRewrite] = []
    interviews = _planned_records(
        target,
        report,
        rewrites,
        merge_interviews,
        theirs.interviews,
        (root / layout.INTERVIEWS_FILE, layout.INTERVIEWS_TABLE),
        (report.interviews_added, report.interviews_updated),
        "code",
    )
    _planned_records(
        target,
        report,
        rewrites,
        merge_themes,
        theirs.themes,
        (root / layout.THEMES_FILE, layout.THEMES_TABLE),
        (report.themes_added, report.themes_updated),
        "name",
    )
    # The change log is append-only: both journals' events are kept.
    log_rows = target.stored_codebook_log()
    merged_log = merge_codebook_log(dict(log_rows), theirs.log, None)
    if merged_log.changed_from(log_rows):
        report.codebook_log_added.extend(merged_log.added)
        rewrites.append(FileRewrite(root / layout.THEMES_FILE, LOG_TABLE, merged_log.rows))
    set_aside = _planned_transcripts(target, report, theirs.transcripts, interviews, rewrites)
    _planned_entries(target, report, rewrites, theirs.entries, set_aside)
    return rewrites


def _planned_transcripts(
    target: Any, report: MergeReport, theirs: Rows, interviews: Rows, rewrites: list[FileRewrite]
) -> Rows:
    """Plan the transcript shards' rewrites; returns the memo entries to add
    for transcript versions whose words were not kept (id → document)."""
    from eftertanke.store.references import resolve_alias

    table = layout.TRANSCRIPTS_TABLE
    shards = {path.name: path for path in target.shard_paths(layout.TRANSCRIPTS_DIR)}
    stored = {name: target.stored_table(path, table) for name, path in shards.items()}
    ours: Rows = {doc_id: doc for rows in stored.values() for doc_id, doc in rows.items()}
    if not theirs and len({str(d.get("interview")) for d in ours.values()}) == len(ours):
        return {}
    merged = merge_transcripts(ours, theirs)
    folded = fold_transcripts(merged.rows, interviews)
    rows = advance_revisions(ours, folded.rows)
    report.notes.extend(merged.notes)

    def code(doc: Doc) -> str:
        ident = str(doc.get("interview") or "")
        live = resolve_alias(interviews, ident) or ident
        return str(interviews.get(live, {}).get("code") or ident)

    # Said only when it changes this journal (merging again folds the same pair).
    for doc_id in sorted(folded.removed) if rows != ours else ():
        report.notes.append(
            f"interview {code(merged.rows[doc_id])} had a transcript in each journal; "
            "kept the newer, with the codings of both"
        )
    for doc_id, doc in rows.items():
        before = ours.get(doc_id)
        if before is None:
            report.transcripts_added.append(code(doc))
        elif before != doc:
            report.transcripts_updated.append(code(doc))
    aside = {**merged.set_aside, **folded.set_aside}
    memos = [transcript_aside_entry(doc, code(doc)) for _, doc in sorted(aside.items())]
    by_shard: dict[str, Rows] = {}
    for doc_id, doc in rows.items():
        by_shard.setdefault(layout.shard_name(doc_id), {})[doc_id] = doc
    for name in sorted(set(by_shard) | set(stored)):
        new_rows = by_shard.get(name, {})
        if new_rows != stored.get(name, {}):
            path = shards.get(name, target.root / layout.TRANSCRIPTS_DIR / name)
            rewrites.append(FileRewrite(path, table, new_rows))
    return {memo["id"]: memo for memo in memos}


def merge_journal(target: Any, other: Any) -> MergeReport:
    """Bring ``other``'s entries, interviews, themes and transcripts into ``target``.

    Everything of ``other`` is read and checked before anything is written,
    so a damaged journal changes nothing. The writes run under the target's
    lock as one all-or-nothing operation (store/batch.py): a merge cut short
    by a kill or a full disk is undone on the next open, and can be run again.
    """
    if Path(target.root).resolve() == Path(other.root).resolve():
        raise JournalError("cannot merge a journal into itself")
    theirs = _Theirs(
        *read_journal_rows(other), read_transcript_rows(other), read_codebook_log(other)
    )
    report = MergeReport()
    with target.lock:
        target.invalidate_cache()
        # Everything is worked out first and written as one operation: a kill
        # or a full disk part-way leaves the journal as it was before the merge.
        rewrites = _planned_rewrites(target, report, theirs)
        rewrite_files(target, rewrites)
        target.invalidate_cache()
    for items in (
        report.added,
        report.updated,
        report.deleted,
        report.conflicts,
        report.transcripts_added,
        report.transcripts_updated,
        report.transcripts_set_aside,
        report.codebook_log_added,
    ):
        items.sort()
    return report
