"""services/layers.py: a dated layer appended to an entry, the original untouched."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Section, ValidationError, now
from eftertanke.services.layers import add_layer
from eftertanke.store import Journal


def test_add_layer_appends_and_never_touches_the_original(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j", author="Mette")
    entry = journal.add_entry(Entry(kind="interview", sections=[Section("own-role", "Min rolle?", "Jeg lyttede.")]))
    later = now() + timedelta(days=30)
    saved, layer = add_layer(journal, entry.id, "Nu ser jeg, at jeg styrede samtalen.",
                             section="own-role", when=later)  # fmt: skip
    fresh = journal.get_entry(entry.id)
    assert fresh.sections[0].answer == "Jeg lyttede."
    assert [(x.text, x.section, x.author) for x in fresh.layers] == [
        ("Nu ser jeg, at jeg styrede samtalen.", "own-role", "Mette")
    ]
    assert layer.written == later and saved.id == entry.id
    with pytest.raises(ValidationError):
        add_layer(journal, entry.id, "Om et svar der ikke findes", section="no-such-prompt")
    assert len(journal.get_entry(entry.id).layers) == 1


def test_a_layer_s_words_are_found_by_search_through_the_index_and_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eftertanke.services import search_index
    from eftertanke.services.query import EntryFilter
    from eftertanke.services.search import search

    monkeypatch.setattr(search_index, "WARM_SHARDS", None)
    journal = Journal(tmp_path / "j", author="Mette")
    entry = journal.add_entry(Entry(kind="memo", body="Første udgave."))
    add_layer(journal, entry.id, "Genlæst: her ses magtforholdet tydeligt.")
    found = search(journal, EntryFilter(search="magtforholdet"))
    assert [e.id for e in found.entries] == [entry.id] and found.used_index
    monkeypatch.setenv("EFTERTANKE_NO_SEARCH_INDEX", "1")
    assert [e.id for e in search(journal, EntryFilter(search="magtforholdet")).entries] == [entry.id]
