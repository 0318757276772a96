"""An in-memory index of the journal's entries for the TUI.

Filtering and searching 10,000 entries on every keystroke must take a few
milliseconds, so each entry's searchable text is lowered once when the index
is built, and only entries that pass the filter become ``Entry`` objects.
Rebuilding after a save is cheap: the journal re-parses only changed shards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eftertanke.domain import Entry
from eftertanke.entry_row import EntryRow
from eftertanke.services.query import EntryFilter, matches, searchable_text
from eftertanke.store.journal import Journal


@dataclass(slots=True)
class IndexRow:
    id: str
    created: datetime
    doc: dict[str, Any]
    text: str


class JournalIndex:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.rows: list[IndexRow] = []
        self.deleted: list[IndexRow] = []
        self._by_id: dict[str, IndexRow] = {}

    def rebuild(self) -> None:
        """Re-read the journal (changed shards only) and rebuild the rows, newest first."""
        # The journal hands back the very same dict for an entry whose shard
        # did not change, so its row (and lowered text) can be kept: after a
        # save only the changed shard's entries are worked on again.
        previous = {id(r.doc): r for r in (*self.rows, *self.deleted)}
        live: list[IndexRow] = []
        deleted: list[IndexRow] = []
        for doc in self.journal.raw_entries(include_deleted=True):
            row = previous.get(id(doc))
            if row is None or row.doc is not doc:
                row = IndexRow(doc["id"], datetime.fromisoformat(doc["created"]), doc, searchable_text(doc))
            (deleted if EntryRow(doc).deleted else live).append(row)
        live.sort(key=lambda r: r.created, reverse=True)
        deleted.sort(key=lambda r: r.created, reverse=True)
        self.rows, self.deleted = live, deleted
        self._by_id = {r.id: r for r in live}

    def __len__(self) -> int:
        return len(self.rows)

    def filter(self, flt: EntryFilter) -> list[IndexRow]:
        """Rows passing ``flt``, newest first."""
        words = flt.words()
        source = self.deleted if flt.deleted else self.rows
        return [row for row in source if matches(row.doc, flt, words, row.text)]

    def entry(self, entry_id: str) -> Entry | None:
        row = self._by_id.get(entry_id)
        return Entry.from_dict(row.doc) if row else None

    def latest(self, count: int) -> list[Entry]:
        return [Entry.from_dict(r.doc) for r in self.rows[:count]]

    def authors(self) -> list[str]:
        return sorted({EntryRow(r.doc).author for r in self.rows} - {""})
