"""The TUI's index of the journal's entries: compact rows, read a shard at a time.

A row holds what the lists, the filters, Home and the codebook counts need,
not the entry's texts: its ``doc`` is the stored dict cut down by
``compact`` (the fields, the themes and interview codes of its excerpts and
coded passages, and for a body only the first line written, which is what a
list shows as the title). An entry's whole text is read from its shard when
it is shown (``entry``, ``doc``); screens that read every entry (Analysis,
positionality) stream them with ``docs``. Entries written in the last
``RECENT_DAYS`` are kept whole: Home's week figures read their answers.

The index is derived data, never the only copy of anything. It is read one
shard at a time (``Journal.read_shard`` keeps no parsed shard), so building
it holds its rows and one shard; the rows are kept per shard with the
shard's identity on disk and the codebook's names, and a rebuild after a
save or an outside change reads only the shards whose identity changed. The
rows are kept on disk as well (``services.row_cache``, derived, in the cache
folder): a start reads only the shards changed since the last run.

Words are found through the full-text index (``services.search.matching_ids``,
with its stems, so Danish word forms are found, and its prefixes); when it
cannot answer (an encrypted journal, a word it cannot take, an index still
warming), the shards that can hold the words are read and scanned.
"""

from __future__ import annotations

import bisect
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from eftertanke.domain import Entry, now
from eftertanke.entry_row import EntryRow
from eftertanke.services.query import EntryFilter, matches, searchable_text
from eftertanke.store import layout
from eftertanke.store.errors import EftertankeError
from eftertanke.store.journal import Journal

# Entries written this many days back are kept whole (Home's week figures).
RECENT_DAYS = 16
# The first written line is kept to this length: longer than any list's title.
LINE_LIMIT = 200
# Fields a row keeps as stored: none of them is text the writer wrote at length.
KEPT = (
    "id",
    "created",
    "updated",
    "kind",
    "data_type",
    "title",
    "themes",
    "concepts",
    "interview",
    "author",
    "deleted",
    "ratings",
    "conflict_of",
    "language",
    "pack",
    "revision",
)
_INTERNED = ("kind", "data_type", "interview", "author", "language", "pack")
_EXCERPT_KEPT = ("interview", "themes", "timestamp")
# Shards read for ``entry``/``doc`` are kept this many at a time (an entry
# shown, its links and conflict copies are read from one shard).
RECENT_SHARDS = 8

Stamp = tuple[int, int, int]


def first_line(doc: dict[str, Any]) -> str:
    """The first line written (body, then answers, then quotes), as
    ``EntryRow.display_title`` finds it, cut at ``LINE_LIMIT``."""
    for text in EntryRow(doc).texts():
        for line in text.splitlines():
            line = line.strip().lstrip("#> ").strip()
            if line:
                return line[:LINE_LIMIT]
    return ""


def compact(doc: dict[str, Any]) -> dict[str, Any]:
    """The stored dict without its texts: what lists, filters and counts read.
    ``body`` holds only the first line written (so the display title is the
    same); excerpts keep their interview, themes and time, coded passages their
    themes; sections, quotes, notes, memos and layers are left out."""
    out: dict[str, Any] = {}
    for key in KEPT:
        value = doc.get(key)
        if value:
            out[key] = sys.intern(value) if key in _INTERNED and isinstance(value, str) else value
    line = first_line(doc)
    if line:
        out["body"] = line
    excerpts = [
        {k: e[k] for k in _EXCERPT_KEPT if e.get(k)}
        for e in doc.get("excerpts") or ()
        if isinstance(e, dict)
    ]
    if excerpts:
        out["excerpts"] = excerpts
    codings = [
        {"themes": c["themes"]}
        for c in doc.get("codings") or ()
        if isinstance(c, dict) and c.get("themes")
    ]
    if codings:
        out["codings"] = codings
    return out


@dataclass(slots=True)
class IndexRow:
    """One entry in the index: its id, when it was written, and its compact stored dict."""

    id: str
    created: datetime
    # The compact stored dict (``compact``), or the whole one for a recent entry.
    doc: dict[str, Any]


@dataclass(slots=True)
class _Shard:
    """One shard's rows, kept with its identity on disk and the names they were read with."""

    stamp: Stamp | None
    names: list[dict[str, str]]
    rows: list[IndexRow]
    # The whole dicts of the entries that carry questions (few): the questions view.
    questions: list[dict[str, Any]] = field(default_factory=list)


def _identity(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class JournalIndex:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.rows: list[IndexRow] = []
        self.deleted: list[IndexRow] = []
        self._by_id: dict[str, IndexRow] = {}
        self._deleted_by_id: dict[str, IndexRow] = {}
        self._shards: dict[str, _Shard] = {}
        self._read: OrderedDict[Path, tuple[Stamp | None, dict[str, dict[str, Any]]]] = (
            OrderedDict()
        )
        self._words: tuple[tuple[str, ...], int, set[str]] | None = None
        self._lock = threading.Lock()
        self._started = False
        self.generation = 0

    def rebuild(self) -> None:
        """Read the shards that changed since the last rebuild, one at a time,
        and rebuild the rows, newest first."""
        names = self._names()
        recent = now() - timedelta(days=RECENT_DAYS)
        if not self._started:
            # The first rebuild takes the rows kept on disk for every unchanged shard.
            self._started = True
            self._shards = self._shards or _kept_shards(self.journal, names)
        shards: dict[str, _Shard] = {}
        changed = False
        for path in self.journal.shard_paths():
            stamp = _identity(path)
            old = self._shards.get(path.name)
            if old is not None and stamp is not None and old.stamp == stamp and old.names == names:
                shards[path.name] = old
                continue
            changed = True
            docs = self.journal.read_shard(path)
            shards[path.name] = _Shard(
                stamp,
                names,
                [_row(doc, recent) for doc in docs.values()],
                [doc for doc in docs.values() if doc.get("questions")],
            )
            del docs
        if changed or shards.keys() != self._shards.keys():
            _keep_shards(self.journal, names, shards)
        self._publish(shards)

    def _publish(self, shards: dict[str, _Shard]) -> None:
        live: list[IndexRow] = []
        deleted: list[IndexRow] = []
        for shard in shards.values():
            for row in shard.rows:
                (deleted if row.doc.get("deleted") else live).append(row)
        live.sort(key=lambda r: r.created, reverse=True)
        deleted.sort(key=lambda r: r.created, reverse=True)
        self._shards = shards
        self.rows, self.deleted = live, deleted
        self._by_id = {r.id: r for r in live}
        self._deleted_by_id = {r.id: r for r in deleted}
        with self._lock:
            self._read.clear()
        self._words = None
        self.generation += 1

    def _names(self) -> list[dict[str, str]]:
        refs = self.journal.name_references()
        return [refs.themes.by_id, refs.interviews.by_id]

    def __len__(self) -> int:
        return len(self.rows)

    def written_between(self, start: datetime, end: datetime) -> list[IndexRow]:
        """The live rows written from ``start`` up to (not including) ``end``,
        newest first: found by bisection, since the rows are kept newest first
        (Home's looking back read every row's time on each refresh)."""
        def later_first(row: IndexRow) -> float:  # ascending along the rows
            return -row.created.timestamp()

        first = bisect.bisect_right(self.rows, -end.timestamp(), key=later_first)
        last = bisect.bisect_right(self.rows, -start.timestamp(), key=later_first)
        return self.rows[first:last]

    # -- finding ---------------------------------------------------------------

    def filter(self, flt: EntryFilter) -> list[IndexRow]:
        """Rows passing ``flt``, newest first."""
        words = flt.words()
        source = self.deleted if flt.deleted else self.rows
        if words:
            found = self.word_ids(words)
            source = [row for row in source if row.id in found]
        if not flt.narrows():
            # ``rows`` and ``deleted`` are already split by the trash: nothing
            # else to ask of each row (the common case, typing a search).
            return list(source)
        return [row for row in source if matches(row.doc, flt, [], "")]

    def word_ids(self, words: list[str]) -> set[str]:
        """The ids of the entries (trashed too) holding every word."""
        from eftertanke.services.search import matching_ids, scan_words

        key = tuple(words)
        cached = self._words
        if cached is not None and cached[0] == key and cached[1] == self.generation:
            return cached[2]
        found = matching_ids(self.journal, words)
        if found is None:
            plain = scan_words(words)
            docs = self.journal.raw_entries(include_deleted=True, containing=plain, keep=False)
            found = {
                str(doc["id"])
                for doc in docs
                if (text := searchable_text(doc)) and all(w in text for w in plain)
            }
        self._words = (key, self.generation, found)
        return found

    def knows_words(self, words: list[str]) -> bool:
        """True if ``word_ids(words)`` is answered without a lookup (asked last)."""
        cached = self._words
        return cached is not None and cached[0] == tuple(words) and cached[1] == self.generation

    def authors(self) -> list[str]:
        return sorted({EntryRow(r.doc).author for r in self.rows} - {""})

    def latest(self, count: int) -> list[IndexRow]:
        return self.rows[:count]

    # -- whole entries, read from their shards ---------------------------------------

    def doc(self, entry_id: str) -> dict[str, Any] | None:
        """The whole stored dict (with names) of an entry in the index, live or
        in the trash, read from its shard (the last few shards read are kept)."""
        if entry_id not in self._by_id and entry_id not in self._deleted_by_id:
            return None
        path = layout.shard_path(self.journal.root, entry_id)
        try:
            return self._shard_docs(path).get(entry_id)
        except (OSError, EftertankeError):
            return None  # gone or damaged since: shown as gone, the doctor says why

    def entry(self, entry_id: str, *, deleted: bool = False) -> Entry | None:
        """The entry, read whole; None if the index has no live one (with
        ``deleted``, one in the trash also)."""
        if entry_id not in self._by_id and not (deleted and entry_id in self._deleted_by_id):
            return None
        doc = self.doc(entry_id)
        return Entry.from_dict(doc) if doc is not None else None

    def docs(self) -> list[dict[str, Any]]:
        """Every live entry's whole stored dict, newest first as ``rows`` (read
        a shard at a time, no shard kept: for a screen that reads them all, in
        its worker)."""
        found = list(self.journal.raw_entries(keep=False))
        found.sort(key=lambda d: datetime.fromisoformat(d["created"]), reverse=True)
        return found

    def docs_of(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The whole stored dicts of ``ids`` (in the index), in that order,
        reading only their shards."""
        order = list(ids)
        by_shard: dict[Path, list[str]] = {}
        for entry_id in order:
            if entry_id in self._by_id or entry_id in self._deleted_by_id:
                by_shard.setdefault(layout.shard_path(self.journal.root, entry_id), []).append(
                    entry_id
                )
        found: dict[str, dict[str, Any]] = {}
        for path, wanted in by_shard.items():
            docs = self._shard_docs(path)
            found.update((i, docs[i]) for i in wanted if i in docs)
        return [found[i] for i in order if i in found]

    def question_docs(self) -> list[dict[str, Any]]:
        """The whole dicts of the entries that carry questions."""
        return [doc for shard in self._shards.values() for doc in shard.questions]

    def _shard_docs(self, path: Path) -> dict[str, dict[str, Any]]:
        stamp = _identity(path)
        with self._lock:  # screens read from their workers too
            cached = self._read.get(path)
            if cached is not None and cached[0] == stamp and stamp is not None:
                self._read.move_to_end(path)
                return cached[1]
        docs = self.journal.read_shard(path)
        with self._lock:
            self._read[path] = (stamp, docs)
            while len(self._read) > RECENT_SHARDS:
                self._read.popitem(last=False)
        return docs


def _row(doc: dict[str, Any], recent: datetime) -> IndexRow:
    created = datetime.fromisoformat(doc["created"])
    kept = doc if created >= recent else compact(doc)
    return IndexRow(str(doc["id"]), created, kept)


def _kept_shards(journal: Journal, names: list[dict[str, str]]) -> dict[str, _Shard]:
    """The shards' rows kept on disk (``services.row_cache``), if they were
    kept under the same names; nothing if the file is missing or damaged."""
    from eftertanke.services import row_cache

    data = row_cache.read(journal)
    if data is None or data.get("names") != names:
        return {}
    try:
        return {
            str(name): _Shard(
                tuple(kept["stamp"]) if kept["stamp"] else None,
                names,
                [
                    IndexRow(str(d["id"]), datetime.fromisoformat(d["created"]), _interned(d))
                    for d in kept["rows"]
                ],
                list(kept["questions"]),
            )
            for name, kept in data["shards"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError):
        return {}  # damaged: the shards are read


def _interned(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with its short repeated words (kind, author, language …) shared,
    as ``compact`` shares them: a kept row then costs what a read one does."""
    for key in _INTERNED:
        value = doc.get(key)
        if isinstance(value, str):
            doc[key] = sys.intern(value)
    return doc


def _keep_shards(journal: Journal, names: list[dict[str, str]], shards: dict[str, _Shard]) -> None:
    from eftertanke.services import row_cache

    row_cache.write(
        journal,
        names,
        {
            name: {
                "stamp": shard.stamp,
                "rows": [row.doc for row in shard.rows],
                "questions": shard.questions,
            }
            for name, shard in shards.items()
        },
    )
