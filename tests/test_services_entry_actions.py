"""Direct tests of the use cases behind the entry view, the picker's new themes and saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftertanke.domain import Entry, Interview, Section, Theme, ValidationError
from eftertanke.services import entry_actions
from eftertanke.services.editing import save_edit
from eftertanke.services.themes import create_themes, with_new_themes
from eftertanke.services.writing import write_new_entry
from eftertanke.store import Journal
from eftertanke.store.errors import NotFoundError, RevisionConflictError


def make(path: Path) -> tuple[Journal, Entry]:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role="leder", status="done"))
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    entry = journal.add_entry(Entry(kind="memo", body="Tekst."))
    return journal, entry


def names(journal: Journal) -> list[str]:
    return [th.name for th in journal.themes()]


def test_link_theme_uses_the_codebook_spelling_and_checks_the_revision(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    saved = entry_actions.link_theme(journal, entry.id, "tavshed", entry.revision)
    assert saved.themes == ["Tavshed"] and saved.revision == entry.revision + 1
    with pytest.raises(RevisionConflictError):
        entry_actions.unlink_theme(journal, entry.id, "Tavshed", entry.revision)
    assert journal.get_entry(entry.id).themes == ["Tavshed"]
    assert entry_actions.unlink_theme(journal, entry.id, "TAVSHED", saved.revision).themes == []


def test_link_theme_with_a_concept_makes_the_theme_in_the_same_save(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    entry_actions.link_theme(journal, entry.id, "Ny", entry.revision, concept="drive")
    assert journal.get_theme("Ny").concept == "drive"
    assert journal.get_entry(entry.id).themes == ["Ny"]


def test_a_refused_link_leaves_no_new_theme(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    journal.modify_entry(entry.id, lambda e: setattr(e, "body", "Ændret"))
    with pytest.raises(RevisionConflictError):
        entry_actions.link_theme(journal, entry.id, "Ny", entry.revision, concept="drive")
    assert names(journal) == ["Tavshed"]


def test_a_trashed_entry_is_not_linked(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    trashed = entry_actions.set_trashed(journal, entry.id, True)
    with pytest.raises(NotFoundError):
        entry_actions.link_theme(journal, entry.id, "Tavshed", trashed.revision)
    assert entry_actions.set_trashed(journal, entry.id, False).deleted is None


def test_stored_entry_is_none_for_a_missing_entry(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    assert entry_actions.stored_entry(journal, entry.id) == journal.get_entry(entry.id)
    assert entry_actions.stored_entry(journal, "0" * 32) is None


def test_export_entry_keeps_an_existing_file_unless_told(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    target = tmp_path / "out.md"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        entry_actions.export_entry(entry, target, overwrite=False, lang="da")
    assert target.read_text() == "mine"
    entry_actions.export_entry(entry, target, overwrite=True, lang="da")
    assert "Tekst." in target.read_text()


def test_with_new_themes_takes_the_themes_back_when_the_save_fails(tmp_path: Path) -> None:
    journal, _ = make(tmp_path / "j")

    def failing() -> None:
        raise ValidationError("refused")

    with pytest.raises(ValidationError):
        with_new_themes(journal, {"A": "drive", "Tavshed": "safety"}, failing)
    assert names(journal) == ["Tavshed"]
    assert [th.name for th in create_themes(journal, {"tavshed": "drive", "B": "frames"})] == ["B"]


def test_write_new_entry_makes_its_new_themes_or_none(tmp_path: Path) -> None:
    journal, _ = make(tmp_path / "j")
    entry = Entry(kind="memo", body="Om sparring", themes=["sparring"], interview="I01")
    write_new_entry(journal, entry, new_themes={"sparring": "drive"})
    assert journal.get_theme("Sparring").name == "sparring"
    bad = Entry(kind="memo", body="x", themes=["Junk"], interview="I99")
    with pytest.raises(NotFoundError):
        write_new_entry(journal, bad, new_themes={"Junk": "drive"})
    assert sorted(names(journal)) == ["Tavshed", "sparring"]
    empty = Entry(kind="memo", body="", themes=["Junk"])
    with pytest.raises(ValidationError):
        write_new_entry(journal, empty, new_themes={"Junk": "drive"})
    assert sorted(names(journal)) == ["Tavshed", "sparring"]


def test_write_new_entry_discards_the_draft_only_after_the_save(tmp_path: Path) -> None:
    journal, _ = make(tmp_path / "j")
    journal.save_draft("d1", {"answers": []})
    with pytest.raises(NotFoundError):
        write_new_entry(journal, Entry(kind="memo", body="x", interview="I99"), draft_id="d1")
    assert [d["draft_id"] for d in journal.drafts()] == ["d1"]
    write_new_entry(journal, Entry(kind="memo", body="x"), draft_id="d1")
    assert journal.drafts() == []


def test_save_edit_with_a_new_theme(tmp_path: Path) -> None:
    journal, entry = make(tmp_path / "j")
    entry.sections = [Section(prompt_id="p", prompt_text="?", answer="svar")]
    edited = Entry.from_dict(entry.to_dict())
    edited.themes = ["Ny"]
    outcome = save_edit(journal, edited, entry.revision, new_themes={"Ny": "frames"})
    assert not outcome.conflicted and journal.get_entry(entry.id).themes == ["Ny"]
    refused = Entry.from_dict(journal.get_entry(entry.id).to_dict())
    refused.themes = ["Ny", "Junk"]
    refused.interview = "I99"
    with pytest.raises(NotFoundError):
        save_edit(journal, refused, refused.revision, new_themes={"Junk": "drive"})
    assert names(journal) == ["Ny", "Tavshed"]


def test_the_kept_edit_of_an_entry_is_found_and_discarded(tmp_path: Path) -> None:
    from eftertanke.services.drafts import edit_draft, edit_draft_id

    journal, entry = make(tmp_path / "j")
    assert entry_actions.edit_draft_of(journal, entry.id) is None
    journal.save_draft(edit_draft_id(entry.id), edit_draft(entry.id, "", "Halvt", entry.revision))
    journal.save_draft("guided-1", {"format": 1, "answers": []})
    kept = entry_actions.edit_draft_of(journal, entry.id)
    assert kept is not None and kept["body"] == "Halvt"
    entry_actions.discard_draft(journal, edit_draft_id(entry.id))
    assert entry_actions.edit_draft_of(journal, entry.id) is None
    assert [d["draft_id"] for d in journal.drafts()] == ["guided-1"]
