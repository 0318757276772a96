"""The Markdown exports of a large journal, written entry by entry (issue 16).

``export markdown`` of 100,000 entries used to hold every entry, and every
file of the folder or the whole one-file document, at once (1-2 GB). Here
the chosen entries pass once: each stored dict is pickled into a
``SortedSpool`` (a temporary file) under its time and id, and only the small
facts the export needs of the whole set are kept: the date, id, title, kind
and interview of each entry (for ``index.md`` and the unique file names) and
the count of each language (for the headings). The files are then written
one entry at a time from the spool, in time order, with the same bytes as
``journal_markdown.folder_parts`` and ``one_file_document`` give for the
whole set (those stay the reference, and the TUI's small exports).
"""

from __future__ import annotations

import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eftertanke.entry_row import EntryRow
from eftertanke.export import journal_markdown as jm
from eftertanke.export.markdown import doc_filename, doc_markdown
from eftertanke.export.spool import SortedSpool


class SpooledEntries:
    """Stored entry dicts spooled in export order (time written, then id), with
    their facts (``facts=False``: the count and the languages only)."""

    def __init__(self, spool: SortedSpool, docs: Iterable[dict[str, Any]], facts: bool = True):
        self.spool = spool
        self.languages: Counter[str] = Counter()
        # (created, id, title, kind, interview, file name before clashes), per entry.
        self.facts: list[tuple[Any, ...]] = []
        for doc in docs:
            row = EntryRow(doc)
            key = jm.export_order(doc)
            spool.add(key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
            self.languages[str(row.language or "da")] += 1
            if facts:
                title = row.display_title(80)
                kind = sys.intern(row.kind) if row.kind else None
                interview = sys.intern(str(row.interview)) if row.interview else None
                self.facts.append((*key, title, kind, interview, doc_filename(doc, title)))
        self.facts.sort(key=lambda fact: (fact[0], fact[1]))

    def __len__(self) -> int:
        return len(self.spool)

    def docs(self, start: int = 0, step: int = 1) -> Iterator[dict[str, Any]]:
        """Every ``step``-th entry from the ``start``-th on, in order."""
        for piece in self.spool.pieces(start=start, step=step):
            yield pickle.loads(piece)

    def language_list(self) -> Iterator[str]:
        """Each entry's language, for ``document_language`` (counted, not kept)."""
        return self.languages.elements()


def folder_parts(
    entries: SpooledEntries, records: jm.ExportSet, parts: int = 1
) -> list[Iterator[tuple[str, bytes]]]:
    """``journal_markdown.folder_parts`` for spooled entries; ``records`` holds
    the interviews, themes, transcripts, language and form (its entries are not
    read). Each part reads the spool at its own offsets: a forked helper may
    write its share of the entries beside this process."""
    facts = entries.facts
    unique = jm._unique((fact[1], fact[5]) for fact in facts)
    files = [unique[fact[1]] for fact in facts]
    del unique
    names = jm.record_file_names(records)
    lang = records.lang

    def index() -> bytes:
        lines = (
            jm.index_entry_line(created, ident, title, kind, interview, files[n], lang)
            for n, (created, ident, title, kind, interview, _name) in enumerate(facts)
        )
        return jm._encode("".join(jm.index_pieces(records, len(facts), lines, names)))

    def notes(start: int, step: int) -> Iterator[tuple[str, dict[str, Any], str]]:
        for n, doc in enumerate(entries.docs(start, step)):
            k = start + n * step
            yield files[k], doc, facts[k][2]

    return jm.folder_streams(records, names, index, notes, parts)


def one_file_pieces(entries: SpooledEntries, lang: str) -> Iterator[bytes]:
    """``journal_markdown.one_file_bytes`` for spooled entries, piece by piece:
    the same bytes, one entry's part at a time."""
    if len(entries) == 1:
        yield jm._encode(doc_markdown(next(entries.docs()), lang))
        return
    pending = ""  # the newlines at the end so far: the document ends with one
    texts = (jm.one_file_chunk(doc, lang) for doc in entries.docs())
    for text in _chain(jm.one_file_head(lang, len(entries)), texts):
        kept = text.rstrip("\n")
        if kept:
            yield jm._encode(pending + kept)
            pending = text[len(kept) :]
        else:
            pending += text
    yield b"\n"


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def write_pieces(pieces: Iterable[bytes]) -> Callable[[Callable[[bytes], object]], None]:
    """A ``produce`` for ``output.write_file_streamed`` writing ``pieces``."""

    def produce(write: Callable[[bytes], object]) -> None:
        for piece in pieces:
            write(piece)

    return produce


__all__ = ["SpooledEntries", "folder_parts", "one_file_pieces", "write_pieces"]
