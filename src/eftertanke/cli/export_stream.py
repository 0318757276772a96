"""The chosen entries of an export, one at a time: read shard by shard.

An export of a whole journal used to build every entry first (100,000 of
them held 2-3 GB). ``EntryStream`` reads the journal one shard at a time
(``Journal.raw_entries(keep=False)``), applies the filters, guards real names
entry by entry and collects as it goes what the export needs afterwards:
the interviews and themes the entries link to, and the entries that name
someone (the warning comes once, after the pass). The caller puts each
entry's bytes into a ``SortedSpool`` and writes them out in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eftertanke.domain import Entry, Interview, ValidationError
from eftertanke.i18n import t
from eftertanke.store.journal import Journal


class EntryStream:
    """The entries ``entry_ids`` and ``filters`` choose, guarded (see ``_guard``)."""

    def __init__(
        self, journal: Journal, entry_ids: tuple[str, ...], filters: dict[str, object], redact: bool
    ) -> None:
        from eftertanke.cli.entries import build_filter
        from eftertanke.cli.export_cmds import _echo_err, _lang
        from eftertanke.privacy.names import configured_names_key
        from eftertanke.store.files import PLAIN

        self.journal = journal
        self.redact = redact
        self.flt = build_filter(journal, **filters)  # type: ignore[arg-type]
        self.filtered = bool(entry_ids) or any(v not in (None, (), "") for v in filters.values())
        self.wanted = (
            {journal.resolve_entry_id(ident, include_deleted=False) for ident in entry_ids}
            if entry_ids
            else None
        )
        if journal.codec is not PLAIN:
            _echo_err(t("cli.export.not_encrypted", _lang()))
        key = configured_names_key(journal.root)
        self.key = key if key is not None and key.names else None
        if self.key is None and redact:
            raise ValidationError(t("cli.export.redact_needs_key", _lang()))
        self.codes: set[str] = set()
        self.names: set[str] = set()
        self.naming: list[str] = []
        self.count = 0

    def docs(self) -> Iterator[dict[str, Any]]:
        """The chosen stored dicts (with names), in the journal's shard order."""
        from eftertanke.export.journal_markdown import entry_links
        from eftertanke.services.query import matches

        words = self.flt.words()
        for doc in self.journal.raw_entries(containing=words, keep=False):
            if not matches(doc, self.flt, words):
                continue
            if self.wanted is not None and doc.get("id") not in self.wanted:
                continue
            entry_links(doc, self.codes, self.names)
            self.count += 1
            yield doc

    def __iter__(self) -> Iterator[Entry]:
        from eftertanke.privacy.names import entry_mentions, redact_entry

        for doc in self.docs():
            entry = Entry.from_dict(doc)
            if self.key is not None:
                if self.redact:
                    entry = redact_entry(entry, self.key)
                elif entry_mentions(entry, self.key):
                    self.naming.append(entry.id)
            yield entry

    def guarded_docs(self) -> Iterator[dict[str, Any]]:
        """The chosen stored dicts, guarded as ``__iter__`` guards the entries:
        without a names key, as stored (no objects are built)."""
        if self.key is None:
            yield from self.docs()
            return
        for entry in self:
            yield entry.to_dict()

    def linked(self, interviews: list[Interview], themes: list[Any], transcripts: list[Any]):  # type: ignore[no-untyped-def]
        """The transcripts, interviews and themes that go with the entries: all
        of them for a whole-journal export, the linked ones for a filtered one."""
        from eftertanke.export.journal_markdown import records_linked

        if not self.filtered:
            return transcripts, interviews, themes
        transcripts = [t for t in transcripts if _code(t).casefold() in self.codes]
        interviews, themes = records_linked(self.codes, self.names, interviews, themes, transcripts)
        return transcripts, interviews, themes

    def guard_interviews(self, interviews: list[Interview]) -> list[Interview]:
        """With --redact, the interviews' names replaced as ``_guard`` does."""
        key = self.key
        if key is None or not self.redact:
            return interviews
        from eftertanke.privacy.names import redact_interview

        return [redact_interview(i, key) for i in interviews]

    def warn(self) -> None:
        """The names warning ``_guard`` gives, once the entries have passed."""
        from eftertanke.cli.export_cmds import _echo_err, _lang

        naming = self.naming
        if naming:
            ids = ", ".join(i[:8] for i in naming[:10]) + (" …" if len(naming) > 10 else "")
            _echo_err(t("cli.export.names_warning", _lang(), n=len(naming), ids=ids))


def write_table(stream: EntryStream, table: str, excel: bool, out: Path, force: bool) -> None:
    """``export csv``: the table's rows spooled entry by entry, written in time order."""
    from eftertanke.export import tables as tb
    from eftertanke.export.output import write_file_streamed
    from eftertanke.export.spool import SortedSpool

    concept_of = tb.concepts_by_theme(stream.journal.themes())
    header = tb.RATINGS_HEADER if table == "ratings" else tb.EXCERPTS_HEADER
    with SortedSpool() as spool:
        for entry in stream:
            if table == "ratings":
                rows = tb.ratings_rows(entry)
            else:
                rows = tb.excerpt_rows(entry, concept_of)
            if rows:
                spool.add(tb.json_entry_key(entry), tb.csv_lines(rows, excel))
        stream.warn()
        write_file_streamed(
            out, lambda write: tb.write_csv(write, header, spool.pieces(), excel), force=force
        )


def write_markdown(
    app: Any,
    stream: EntryStream,
    out: str,
    force: bool,
    one_file: bool,
    plain: bool,
) -> None:
    """``export markdown``: the folder (or one file) written entry by entry
    from a spool, in bounded memory (export/markdown_stream.py)."""
    from eftertanke.cli.export_cmds import (
        PARALLEL_FROM,
        _done,
        _guard_transcript_docs,
        document_language,
    )
    from eftertanke.export import markdown_stream as ms
    from eftertanke.export.journal_markdown import ExportSet
    from eftertanke.export.output import (
        can_fork,
        check_file_target,
        check_folder_target,
        write_file_streamed,
        write_folder,
    )
    from eftertanke.export.progress import progress
    from eftertanke.export.spool import SortedSpool

    journal = stream.journal
    if one_file and out != "-":
        check_file_target(Path(out), force)
    elif not one_file:
        check_folder_target(Path(out), force)
    with SortedSpool() as spool:
        entries = ms.SpooledEntries(spool, stream.guarded_docs(), facts=not one_file)
        transcripts, interviews, themes = stream.linked(
            journal.interviews(), journal.themes(), list(journal.transcripts.raw())
        )
        interviews = stream.guard_interviews(interviews)
        stream.warn()
        transcripts = _guard_transcript_docs(journal, transcripts, stream.redact)
        lang = document_language(app, entries.language_list())
        records = ExportSet([], interviews, themes, lang, transcripts, obsidian=not plain)
        counted = t("entries_count", app.lang, n=len(entries))
        if one_file:
            pieces = ms.one_file_pieces(entries, lang)
            write_file_streamed(Path(out), ms.write_pieces(pieces), force=force)
            _done(out, t("cli.export.entries_to", app.lang, entries=counted, path=out))
            return
        # Two processes share a large export: rendering is CPU work.
        parts = 2 if len(entries) >= PARALLEL_FROM and can_fork() else 1
        first, *helpers = ms.folder_parts(entries, records, parts)
        # The first part holds the records; the transcripts go with the last.
        total = len(range(0, len(entries), parts)) + len(records.interviews)
        total += len(records.themes) + 1 + (len(records.transcripts) if parts == 1 else 0)
        count = write_folder(
            Path(out), progress(first, total, "export"), force=force, helpers=helpers
        )
    files = t("cli.export.files", app.lang, n=count)
    _done(out, t("cli.export.entries_files_to", app.lang, entries=counted, files=files, path=out))


def write_refi(app: Any, stream: EntryStream, out: str, force: bool) -> tuple[int, int]:
    """``export refi``: the .qdpx written entry by entry (export/refi_stream.py);
    returns how many entries and transcripts it holds."""
    from eftertanke.cli.export_cmds import _guard_transcripts, document_language
    from eftertanke.export.journal_markdown import records_linked
    from eftertanke.export.output import check_file_target, write_file_handle
    from eftertanke.export.refi_stream import SpooledEntries, write_qdpx
    from eftertanke.export.spool import SortedSpool

    journal = stream.journal
    check_file_target(Path(out), force)
    with SortedSpool() as spool:
        entries = SpooledEntries(spool, stream)
        interviews, themes = journal.interviews(), journal.themes()
        if stream.filtered:
            interviews, _linked = records_linked(stream.codes, stream.names, interviews, themes)
        interviews = stream.guard_interviews(interviews)
        stream.warn()
        codes = {i.code.casefold() for i in interviews}
        transcripts = [t for t in journal.transcripts.all() if t.interview.casefold() in codes]
        transcripts = _guard_transcripts(journal, transcripts, stream.redact)
        lang = document_language(app, entries.language_list())
        write_file_handle(
            Path(out),
            lambda handle: write_qdpx(handle, entries, interviews, themes, lang, transcripts),
            force=force,
        )
    return stream.count, len(transcripts)


def _code(transcript: Any) -> str:
    if isinstance(transcript, dict):
        return str(transcript.get("interview") or "")
    return str(transcript.interview)
