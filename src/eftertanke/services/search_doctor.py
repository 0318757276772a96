"""What ``eftertanke doctor`` says of the search index (services/search_index.py)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from eftertanke.services.search_index import SearchIndex, _meta, _wanted, index_path

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal


def doctor_findings(journal: Journal, *, repair: bool) -> list[tuple[str, str, tuple[Any, ...]]]:
    """What ``doctor`` says of the index, as (catalogue key, English, values):
    never an error, since the index is only derived data. Behind the journal
    or unreadable is said as info; with ``repair`` it is rebuilt from the
    journal's files."""
    if journal.encrypted:
        return [
            (
                "doctor.search_index.in_memory",
                "the journal is encrypted: its search index is kept in memory only",
                (),
            )
        ]
    path = index_path(journal.root)
    try:
        if repair:
            with SearchIndex.open(journal) as index:
                count = index.rebuild()
            return [
                (
                    "doctor.search_index.rebuilt",
                    f"search index rebuilt: {count} entries",
                    (("entries", ("entries_count", count)),),
                )
            ]
        if not path.exists():
            # None yet is the state of a journal never searched, no news: the
            # first search builds it (and --repair does, above).
            return []
        # Read only: doctor without --repair changes nothing, the cache neither.
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            if _meta(conn) != _wanted(journal.root):
                raise sqlite3.DatabaseError("another version")
            stale, gone = SearchIndex(journal, conn, path).stale_shards()
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return [
            (
                "doctor.search_index.unreadable",
                "the search index cannot be read; the next search builds it anew",
                (),
            )
        ]
    if stale or gone:
        n = len(stale) + len(gone)
        return [
            (
                "doctor.search_index.stale",
                f"the search index is behind in {n} entry files; the next search brings it up to date",
                (("files", ("count.files", n)),),
            )
        ]
    return []
