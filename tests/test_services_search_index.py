"""services/search_index.py: where the index lives, and forgetting it."""

from __future__ import annotations

from pathlib import Path

from eftertanke.domain import Entry
from eftertanke.services.query import EntryFilter
from eftertanke.services.search import search
from eftertanke.services.search_index import forget, index_path
from eftertanke.store import Journal


def test_index_path_is_per_journal_and_forget_removes_it(tmp_path: Path) -> None:
    one, two = Journal(tmp_path / "a"), Journal(tmp_path / "b")
    assert index_path(one.root) != index_path(two.root)
    one.add_entry(Entry(kind="memo", body="Tavshed i fora"))
    search(one, EntryFilter(search="tavshed"))
    assert index_path(one.root).exists()
    forget(one)
    assert not index_path(one.root).exists()
    assert search(one, EntryFilter(search="tavshed")).entries  # built again when asked
