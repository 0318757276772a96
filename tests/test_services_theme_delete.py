"""Direct tests of services/theme_delete.py: the plan writes nothing; the delete
cascades through entries, excerpts, codings and transcripts, and children move up."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

from eftertanke.domain import Entry, Excerpt, Interview, Theme
from eftertanke.services import coding as codings
from eftertanke.services.theme_delete import (
    ThemeHasChildrenError,
    delete_theme,
    plan_theme_delete,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

BODY = "Vi tier om det svære, og så står vi alene med det."


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    journal.add_interview(Interview("I01", role="leder"))
    journal.add_theme(Theme("Tavshed", "safety"))
    journal.add_theme(Theme("Alene", "safety"))
    return journal


def seeded(journal: Journal) -> Entry:
    entry = journal.add_entry(
        Entry(
            body=BODY,
            themes=["Tavshed", "Alene"],
            excerpts=[Excerpt(interview="I01", timestamp="9.45", quote="q", themes=["Tavshed"])],
        )
    )
    codings.code_phrase(journal, "entry", entry.id, "Vi tier", ["Tavshed"])
    codings.code_phrase(journal, "entry", entry.id, "står vi alene", ["Tavshed", "Alene"])
    transcript = journal.transcripts.add(
        Transcript("I01", [Turn("Leder", "Vi tier, altid.", 1.0)], interviewers=[])
    )
    codings.code_phrase(journal, "transcript", transcript.id, "Vi tier", ["Tavshed"])
    return entry


def test_the_plan_counts_everything_and_writes_nothing(journal: Journal) -> None:
    seeded(journal)
    before = snapshot(journal.root)
    plan = plan_theme_delete(journal, "tavshed")
    assert (plan.entries, plan.whole_entries, plan.excerpts, plan.transcripts) == (1, 1, 1, 1)
    assert (plan.codings_removed, plan.codings_changed, plan.codings) == (2, 1, 3)
    assert snapshot(journal.root) == before


def test_the_delete_removes_the_theme_from_everything_but_the_text(journal: Journal) -> None:
    entry = seeded(journal)
    delete_theme(journal, "Tavshed", reason="for bred")
    fresh = Journal(journal.root)
    assert [t.name for t in fresh.themes()] == ["Alene"]
    stored = fresh.get_entry(entry.id)
    assert stored.body == BODY and stored.themes == ["Alene"]
    assert stored.excerpts[0].themes == []
    assert [(c.quote, c.themes) for c in stored.codings] == [("står vi alene", ["Alene"])]
    assert fresh.transcripts.for_interview("I01").codings == []
    assert fresh.codebook_log()[-1].kind == "deleted"


def test_a_theme_with_children_is_refused_unless_they_move_up(journal: Journal) -> None:
    journal.add_theme(Theme("Top", "safety"))
    journal.add_theme(Theme("Midt", "safety", parent="Top"))
    journal.add_theme(Theme("Bund", "safety", parent="Midt"))
    with pytest.raises(ThemeHasChildrenError, match="Bund"):
        delete_theme(journal, "Midt")
    assert journal.get_theme("Midt").name == "Midt"
    plan = delete_theme(journal, "Midt", reparent=True)
    assert plan.children == ["Bund"] and plan.parent == "Top"
    assert Journal(journal.root).get_theme("Bund").parent == "Top"
