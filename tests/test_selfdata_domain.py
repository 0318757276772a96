"""Self-as-data (issue 20): an entry's data type, stored only when set."""

from __future__ import annotations

import pytest

from eftertanke.domain import DATA_TYPES, Entry, ValidationError
from eftertanke.store import layout


def test_the_four_data_types_follow_chang() -> None:
    assert DATA_TYPES == ("chronology", "inventory", "self-observation", "self-reflection")


def test_an_entry_without_a_data_type_stores_no_key() -> None:
    entry = Entry(kind="memo", body="Et memo").validate()
    assert "data_type" not in entry.to_dict()


def test_a_data_type_round_trips_and_is_checked() -> None:
    entry = Entry(kind="memo", body="Flyttede til Aarhus", data_type="chronology").validate()
    stored = entry.to_dict()
    assert stored["data_type"] == "chronology"
    assert Entry.from_dict(stored).data_type == "chronology"
    with pytest.raises(ValidationError, match="data type"):
        Entry(kind="memo", body="x", data_type="diary").validate()


def test_the_schema_is_5_so_an_older_eftertanke_refuses_what_it_would_drop() -> None:
    assert layout.SCHEMA_VERSION == 5
