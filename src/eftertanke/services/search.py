"""``list --search``: the entries holding every word, through the index.

The index (``search_index``) narrows the search to the entries whose words
match; the filters of ``query.select`` (kind, theme, concept, interview,
author, dates, the trash) are then applied to those entries as the scan
applies them. If the index cannot answer (a word with punctuation in it,
one found inside too many words) or SQLite fails in any way, the search
falls back to the scan over the journal's files (``query.select``), so a
search never breaks because of its index. ``EFTERTANKE_NO_SEARCH_INDEX=1``
makes it scan always (to compare, or to rule the index out).
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from eftertanke.domain import Entry
from eftertanke.entry_row import EntryRow
from eftertanke.services.query import (
    EntryFilter,
    matches,
    searchable_parts,
    searchable_text,
    select_rows,
)
from eftertanke.services.search_words import TOKEN, fold, query_stems, stems
from eftertanke.snippet import Snippet, snippet
from eftertanke.store.errors import EftertankeError

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal


@dataclass
class Found:
    """The entries a search found, their snippets when ranked, and whether the index answered."""

    # The stored dicts, in the order found; ``entries`` makes them entries when
    # asked (a list of 1,000 lines needs only their rows: EntryRow).
    rows: list[dict[str, Any]]
    # entry id -> a piece of its text around the hits (only when ranked)
    snippets: dict[str, Snippet] = field(default_factory=dict)
    used_index: bool = False
    # Shards read from the files beside the index, which had not caught up with them.
    scanned: int = 0
    # The index is behind the journal (stale shards it did not read this time).
    behind: bool = False


    @cached_property
    def entries(self) -> list[Entry]:
        return [Entry.from_dict(doc) for doc in self.rows]


class _RankedWhileBehind(Exception):
    """A ranked search while the index is behind: the scan ranks them all."""


def scan_words(words: list[str]) -> list[str]:
    """The words as the scan matches them: a trailing ``*`` (a prefix) dropped,
    since the scan finds a word anywhere in the text anyway."""
    return [w.rstrip("*") for w in words if w.rstrip("*")]


def search(
    journal: Journal, flt: EntryFilter, limit: int | None = None, rank: bool = False
) -> Found:
    """The entries ``flt`` selects, oldest first (the newest ``limit``), or with
    ``rank`` best first (the best ``limit``) with a snippet each."""
    words = flt.words()
    if not words:
        return Found(select_rows(journal.raw_entries(include_deleted=flt.deleted), flt, limit))
    if os.environ.get("EFTERTANKE_NO_SEARCH_INDEX") or journal.encrypted:
        # An encrypted journal keeps no index on disk (search_index's docstring).
        return _found(_scan_docs(journal, flt), flt, limit, rank, used_index=False)
    try:
        answer = _indexed(journal, flt, words, rank)
    except EftertankeError:
        raise
    except _RankedWhileBehind:
        found = _found(_scan_docs(journal, flt), flt, limit, rank, used_index=False)
        found.behind = True
        return found
    except Exception:  # noqa: BLE001 - any failure of the index: the scan answers
        answer = None
    if answer is None:
        return _found(_scan_docs(journal, flt), flt, limit, rank, used_index=False)
    docs, scanned = answer
    found = _found(docs, flt, limit, rank, used_index=True)
    found.scanned = scanned
    found.behind = scanned > 0
    return found


def matching_ids(journal: Journal, words: list[str]) -> set[str] | None:
    """The ids of the entries (the trashed too) holding every word, found
    through the index as ``search`` finds them (stems, words inside words,
    prefixes); None when the index cannot answer (an encrypted journal, a word
    it cannot take, stale shards still to read, SQLite failing): the caller
    scans then. Each call reads at most ``WARM_SHARDS`` stale shards."""
    if not words or os.environ.get("EFTERTANKE_NO_SEARCH_INDEX") or journal.encrypted:
        return None
    from eftertanke.services.search_index import WARM_SHARDS, CannotAnswer, SearchIndex

    try:
        with SearchIndex.open(journal) as index:
            index.refresh(limit=WARM_SHARDS)
            if index.left:
                return None
            try:
                numbers = index.find_numbers(words)
            except CannotAnswer:
                return None
            return _ids(index.conn, numbers)
    except EftertankeError:
        raise
    except Exception:  # noqa: BLE001 - any failure of the index: the caller scans
        return None


def warm_index(
    journal: Journal, keep_going: Callable[[], bool] = lambda: True, step: int | None = None
) -> int:
    """Bring the index up to date in steps of ``step`` shards (``WARM_SHARDS``),
    for as long as ``keep_going()`` says; returns how many shards were read.

    A search reads only a few stale shards and scans meanwhile, so that no
    command pays for the whole build; the app, which stays open, builds the
    rest in a worker (about a minute at 100,000 entries) and its word search
    and the command line's are then answered by the index. Each step is its
    own transaction, so a search from another process waits at most one step
    (or scans, if SQLite says the file is busy). Nothing for an encrypted
    journal: its index lives in memory, for one command."""
    if os.environ.get("EFTERTANKE_NO_SEARCH_INDEX") or journal.encrypted:
        return 0
    from eftertanke.services.search_index import WARM_SHARDS, SearchIndex

    read = 0
    try:
        with SearchIndex.open(journal) as index:
            while keep_going():
                read += index.refresh(limit=step or WARM_SHARDS)
                if not index.left:
                    break
    except EftertankeError:
        raise
    except sqlite3.Error:
        pass  # busy, or damaged: derived data, and the next search mends it
    return read


def _ids(conn: sqlite3.Connection, numbers: set[int]) -> set[str]:
    """The entry ids of the indexed entries ``numbers``."""
    if len(numbers) > 2000:
        # A short word matches most entries: one pass over the table is
        # quicker than thousands of looked-up rows.
        return {ident for n, ident in conn.execute("SELECT n, id FROM docs") if n in numbers}
    out: set[str] = set()
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT id FROM docs WHERE n IN ({marks})"  # noqa: S608 - only marks
        out.update(row[0] for row in conn.execute(query, chunk))
    return out


def _indexed(
    journal: Journal, flt: EntryFilter, words: list[str], rank: bool = False
) -> tuple[list[tuple[float, dict[str, Any]]], int] | None:
    """(bm25 rank, stored dict) of the entries the index finds and ``flt``
    passes, and how many stale shards were scanned beside it; None when the
    scan has to answer.

    Shards the index has not caught up with (more than the few a search
    reads, as after the index was lost or many entries came from the command
    line) are scanned, and the index answers for the rest, so a search costs
    what is stale, not the whole journal. A ranked search then scans all:
    bm25 and the scan's counts do not rank on one scale."""
    from eftertanke.services.search_index import (
        WARM_SHARDS,
        CannotAnswer,
        SearchIndex,
        index_path,
    )

    for attempt in (1, 2):
        try:
            with SearchIndex.open(journal) as index:
                index.refresh(limit=WARM_SHARDS)
                stale = index.unread
                if stale and rank:
                    raise _RankedWhileBehind
                try:
                    ranks = index.find(words)
                except CannotAnswer:
                    return None
                docs = index.docs(list(ranks), leaving_out=stale)
            break
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return None  # another process is writing it: scan, keep the index
            if attempt == 2 or journal.encrypted:
                raise
            from eftertanke.services.search_index import _remove

            _remove(index_path(journal.root))
        except sqlite3.DatabaseError:
            if attempt == 2 or journal.encrypted:
                raise
            # Damaged beyond what opening noticed: it is derived data, build it anew.
            from eftertanke.services.search_index import _remove

            _remove(index_path(journal.root))
    no_words = dataclasses.replace(flt, search="")
    found = [(ranks[n], doc) for n, doc in docs.items() if matches(doc, no_words, [])]
    if stale:
        found += _scan_docs(journal, flt, stale)
    return found, len(stale)


def _scan_docs(
    journal: Journal, flt: EntryFilter, shards: Collection[str] | None = None
) -> list[tuple[float, dict[str, Any]]]:
    """(minus the words' count, stored dict) of the entries ``flt`` passes,
    read from the files (of ``shards`` only, if given) one shard at a time:
    only what matches is kept (a scan of 100,000 entries held 800 MB)."""
    words = scan_words(flt.words())
    raw = journal.raw_entries(
        include_deleted=flt.deleted, containing=words, keep=False, shards=shards
    )
    found = []
    for doc in raw:
        text = searchable_text(doc)
        if matches(doc, flt, words, text):
            found.append((-float(sum(text.count(w) for w in words)), doc))
    return found


def _found(
    docs: list[tuple[float, dict[str, Any]]],
    flt: EntryFilter,
    limit: int | None,
    rank: bool,
    used_index: bool,
) -> Found:
    if rank:
        docs.sort(key=lambda pair: (pair[0], -EntryRow(pair[1]).created_at.timestamp()))
        if limit is not None:
            docs = docs[:limit]
    else:
        docs.sort(key=lambda pair: EntryRow(pair[1]).created_at)
        if limit is not None:
            docs = docs[-limit:] if limit else []
    snippets: dict[str, Snippet] = {}
    if rank:
        for _, doc in docs:
            piece = hit_snippet(doc, flt.words())
            if piece is not None:
                snippets[EntryRow(doc).id] = piece
    return Found([doc for _, doc in docs], snippets, used_index)


def hit_snippet(doc: dict[str, Any], words: list[str], width: int = 80) -> Snippet | None:
    """A piece of the entry's text around the words it matched: the tokens
    that match a word (by stem, inside, or as a prefix), marked where they are."""
    wanted = [(w.endswith("*"), fold(w.rstrip("*"))) for w in words if w.rstrip("*")]
    if not wanted:
        return None
    plain_stems: set[str] = set()
    for prefix, word in wanted:
        if not prefix:
            plain_stems |= query_stems(word)
    parts = searchable_parts(doc)
    tokens = sorted({tok for part in parts for tok in TOKEN.findall(part.casefold())})
    folded = [fold(tok) for tok in tokens]
    stemmed = stems(folded, str(doc.get("language") or "")) if plain_stems else folded
    hits = [
        token
        for token, form, stem in zip(tokens, folded, stemmed, strict=True)
        if stem in plain_stems
        or any(form.startswith(w) if prefix else w in form for prefix, w in wanted)
    ]
    return snippet(parts, sorted(hits, key=len, reverse=True), width) if hits else None
