"""services/positionality.py: the register of pre-understandings and the marks on reflections."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Interview, Section, ValidationError
from eftertanke.services.positionality import (
    add_position,
    find_position,
    load_timeline,
    mark_passage,
    register,
)
from eftertanke.store import Journal
from eftertanke.store.errors import NotFoundError


def test_a_pre_understanding_challenged_by_an_i03_passage(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j", author="Mette")
    journal.add_interview(Interview("I03", role="chef", date=datetime(2026, 3, 10, 9, tzinfo=UTC)))
    position = add_position(journal, "safety", "Ledere taler frit med deres egen chef.")
    assert [p.id for p in register(journal)] == [position.id]
    assert find_position(journal, position.id[:8]).id == position.id
    memo = journal.add_entry(Entry(kind="memo", body="Ikke en forforståelse"))
    with pytest.raises(NotFoundError):
        find_position(journal, memo.id)
    reflection = journal.add_entry(Entry(kind="interview", interview="I03",
        sections=[Section("impressions", "Indtryk?", "Hun sagde først fra efter et år.")]))  # fmt: skip
    with pytest.raises(ValidationError):
        mark_passage(journal, position.id, reflection.id, "maybe", phrase="sagde først fra")
    marked, mark = mark_passage(journal, position.id, reflection.id, "challenged",
                                phrase="sagde først fra", memo="Tryghed kom sent")  # fmt: skip
    assert mark.verdict == "challenged" and marked.id == reflection.id
    timeline = load_timeline(journal)
    assert timeline.interviews == ["I03"]
    assert timeline.rows[0].verdicts("I03") == ["challenged"]
