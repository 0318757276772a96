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
