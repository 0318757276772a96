"""Direct tests of services/interviews.py: the interview form's save."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eftertanke.domain import Interview, ValidationError
from eftertanke.services.interviews import save_interview
from eftertanke.store.errors import RevisionConflictError
from eftertanke.store.journal import Journal


def test_save_interview_adds_then_edits_with_the_revision_it_opened(journal_dir: Path) -> None:
    journal = Journal(journal_dir, author="mette")
    added = save_interview(journal, Interview("I01", role="leder"))
    assert [i.code for i in journal.interviews()] == ["I01"]
    opened = journal.get_interview("I01")
    moved = replace(opened, code="I02", role="chef")
    saved = save_interview(journal, moved, old_code="I01", expected_revision=opened.revision)
    assert saved.id == added.id
    assert [(i.code, i.role) for i in journal.interviews()] == [("I02", "chef")]
    # An edit from the revision before is refused and writes nothing.
    stale = replace(opened, role="direktør")
    with pytest.raises(RevisionConflictError):
        save_interview(journal, stale, old_code="I01", expected_revision=opened.revision)
    assert journal.get_interview("I02").role == "chef"
    with pytest.raises(ValidationError):
        save_interview(journal, Interview("i02", role="en anden"))
