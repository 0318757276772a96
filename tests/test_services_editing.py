"""Direct tests of services/editing.py: an edit is saved only over the revision it
started from; otherwise both texts are kept (the edit as a conflict copy)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Theme, ValidationError
from eftertanke.services.editing import EditOutcome, conflict_copy, save_edit
from eftertanke.store.journal import Journal


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    journal.add_theme(Theme("Tavshed", "safety"))
    return journal


def test_an_edit_over_its_own_revision_is_saved(journal: Journal) -> None:
    entry = journal.add_entry(Entry(body="Først"))
    outcome = save_edit(
        journal, replace(entry, body="Bagefter", themes=["tavshed"]), entry.revision
    )
    assert not outcome.conflicted and outcome.conflict_copy is None
    stored = journal.get_entry(entry.id)
    assert stored.body == "Bagefter" and stored.themes == ["Tavshed"]
    assert outcome.entry.revision == entry.revision + 1 == stored.revision


def test_an_edit_over_a_changed_entry_becomes_a_conflict_copy(journal: Journal) -> None:
    entry = journal.add_entry(Entry(body="Først"))
    journal.modify_entry(entry.id, lambda e: setattr(e, "body", "Andetsteds"))
    outcome = save_edit(journal, replace(entry, body="Mit"), entry.revision)
    assert outcome.conflicted
    assert journal.get_entry(entry.id).body == "Andetsteds"  # the stored text stays
    assert outcome.entry.body == "Andetsteds"
    copy = journal.get_entry(outcome.conflict_copy.id)
    assert copy.body == "Mit" and copy.conflict_of == entry.id and copy.id != entry.id


def test_an_edit_of_an_entry_trashed_meanwhile_keeps_it_in_the_trash(journal: Journal) -> None:
    entry = journal.add_entry(Entry(body="Først"))
    journal.delete_entry(entry.id)
    outcome = save_edit(journal, replace(entry, body="Mit"), entry.revision)
    assert outcome.conflicted and journal.get_entry(entry.id).deleted is not None
    assert journal.get_entry(outcome.conflict_copy.id).deleted is None


def test_an_invalid_edit_saves_nothing_and_makes_no_theme(journal: Journal) -> None:
    entry = journal.add_entry(Entry(body="Først"))
    with pytest.raises(ValidationError):
        save_edit(
            journal,
            replace(entry, body="", sections=[]),
            entry.revision,
            new_themes={"Ny": "drive"},
        )
    assert [t.name for t in journal.themes()] == ["Tavshed"]
    assert journal.get_entry(entry.id).revision == entry.revision


def test_new_themes_go_in_with_the_edit(journal: Journal) -> None:
    entry = journal.add_entry(Entry(body="Først"))
    outcome = save_edit(
        journal, replace(entry, themes=["Ny"]), entry.revision, new_themes={"Ny": "drive"}
    )
    assert outcome == EditOutcome(outcome.entry)
    assert journal.get_theme("Ny").concept == "drive"
    assert journal.get_entry(entry.id).themes == ["Ny"]


def test_a_copy_of_a_copy_belongs_to_the_original(journal: Journal) -> None:
    entry = journal.add_entry(Entry(body="Først"))
    first = conflict_copy(journal, replace(entry, body="A"))
    second = conflict_copy(journal, replace(first, body="B"))
    assert first.conflict_of == second.conflict_of == entry.id
    assert len({entry.id, first.id, second.id}) == 3
    assert second.updated_by == "mette"
