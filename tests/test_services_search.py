"""services/search.py: list --search through the index, the scan's words, the snippet."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftertanke.domain import Entry
from eftertanke.services.query import EntryFilter
from eftertanke.services.search import hit_snippet, scan_words, search
from eftertanke.store import Journal


def test_search_scan_words_and_snippet(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(kind="memo", body="Trygheden i ledergruppen var stor."))
    journal.add_entry(Entry(kind="memo", body="Om noget helt andet."))
    assert scan_words(["tryg*", "*", "leder"]) == ["tryg", "leder"]
    found = search(journal, EntryFilter(search="tryghed"))
    assert [e.body for e in found.entries] == ["Trygheden i ledergruppen var stor."]
    ranked = search(journal, EntryFilter(search="tryg*"), rank=True)
    assert ranked.entries and ranked.snippets
    doc = next(d for d in journal.raw_entries() if "Tryg" in str(d.get("body")))
    piece = hit_snippet(doc, ["tryghed"])
    assert piece is not None and "Trygheden" in str(piece)
    assert hit_snippet(doc, ["*"]) is None


def test_matching_ids_finds_word_forms_through_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eftertanke.services.search import matching_ids

    journal = Journal(tmp_path / "j")
    met = journal.add_entry(Entry(kind="memo", body="Mødet gik godt."))
    journal.add_entry(Entry(kind="memo", body="Om noget helt andet."))
    # "møder" is not in "Mødet": the stem finds it, as list --search does.
    assert matching_ids(journal, ["møder"]) == {met.id}
    assert matching_ids(journal, ["mød*"]) == {met.id}
    assert matching_ids(journal, ["møder", "andet"]) == set()
    assert matching_ids(journal, []) is None
    monkeypatch.setenv("EFTERTANKE_NO_SEARCH_INDEX", "1")
    assert matching_ids(journal, ["møder"]) is None  # the caller scans then


def test_warm_index_builds_the_whole_index_in_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search reads two stale shards here and scans; warm_index reads them
    all, step by step, stops when asked, and leaves the index answering."""
    from eftertanke.services import search_index
    from eftertanke.services.search import matching_ids, warm_index

    monkeypatch.setattr(search_index, "WARM_SHARDS", 2)
    journal = Journal(tmp_path / "j")
    for n, prefix in enumerate(["0a", "1b", "2c", "3d", "4e", "5f"]):
        journal.add_entry(
            Entry(id=f"{prefix}000000-0000-4000-8000-00000000000{n}", body=f"Trygheden {n}")
        )
    steps = []
    assert warm_index(journal, keep_going=lambda: steps.append(1) is None and len(steps) < 2) == 2
    assert matching_ids(journal, ["tryghed"]) is None, "two shards still stale: the caller scans"
    assert warm_index(journal) == 2
    assert len(matching_ids(journal, ["tryghed"]) or ()) == 6
    assert warm_index(journal) == 0, "current: nothing to read"
    monkeypatch.setenv("EFTERTANKE_NO_SEARCH_INDEX", "1")
    assert warm_index(journal) == 0
