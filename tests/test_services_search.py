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
