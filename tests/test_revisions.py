"""Record revisions: every write bumps one, and a stale update never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.services.editing import save_edit
from eftertanke.services.merge import conflict_copies, merge_file_data
from eftertanke.store import Journal, NotFoundError
from eftertanke.store.errors import JournalError, RevisionConflictError


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I03", role="plejeboligchef"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_theme(Theme(name="Lykkes sammen", concept="drive"))
    return journal


def other_process(journal: Journal) -> Journal:
    """A second handle on the same folder, as another eftertanke process has."""
    return Journal(journal.root, author="Ben")


# -- revisions are stored and bumped ------------------------------------------


def test_a_record_written_before_revisions_reads_as_revision_zero() -> None:
    doc = Entry(body="old").to_dict()
    del doc["revision"]
    assert Entry.from_dict(doc).revision == 0
    theme = Theme(name="T", concept="drive").to_dict()
    del theme["revision"]
    assert Theme.from_dict(theme).revision == 0
    assert Interview.from_dict({**Interview(code="I01").to_dict(), "revision": "x"}).revision == 0


def test_every_write_of_an_entry_bumps_its_revision(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="first"))
    assert entry.revision == 1
    assert Journal(journal_dir).get_entry(entry.id).revision == 1
    entry.body = "second"
    journal.update_entry(entry)
    assert entry.revision == 2
    assert journal.delete_entry(entry.id).revision == 3
    assert journal.restore_entry(entry.id).revision == 4
    assert journal.modify_entry(entry.id, lambda e: e.themes.append("Farlig tavshed")).revision == 5
    # A rename is one write of the codebook: entries refer to the theme by id,
    # so the entry's record, and its revision, stay as they were.
    journal.rename_theme("Farlig tavshed", "Tavshed")
    stored = Journal(journal_dir).get_entry(entry.id)
    assert stored.revision == 5 and stored.themes == ["Tavshed"]


def test_interviews_and_themes_carry_revisions(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    interview = journal.get_interview("I03")
    theme = journal.get_theme("Lykkes sammen")
    assert interview.revision == 1 and theme.revision == 1
    interview.notes = "noter"
    journal.update_interview(interview)
    theme.description = "beskrivelse"
    journal.update_theme(theme)
    fresh = Journal(journal_dir)
    assert fresh.get_interview("I03").revision == 2
    assert fresh.get_theme("Lykkes sammen").revision == 2
    fresh.rename_theme("Lykkes sammen", "At lykkes")
    assert Journal(journal_dir).get_theme("At lykkes").revision == 3


# -- stale updates are refused ---------------------------------------------------


def test_a_stale_entry_update_is_refused_and_writes_nothing(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    mine = journal.get_entry(entry.id)
    theirs = other_process(journal).get_entry(entry.id)
    theirs.body = "their text"
    other_process(journal).update_entry(theirs)
    mine.body = "my text"
    with pytest.raises(RevisionConflictError, match="changed elsewhere") as caught:
        journal.update_entry(mine, expected_revision=1)
    assert isinstance(caught.value, JournalError)
    assert caught.value.current.body == "their text"
    assert Journal(journal_dir).get_entry(entry.id).body == "their text"


def test_an_update_at_the_stored_revision_goes_in(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    entry.body = "changed"
    journal.update_entry(entry, expected_revision=1)
    entry.body = "changed again"
    journal.update_entry(entry, expected_revision=2)
    assert Journal(journal_dir).get_entry(entry.id).body == "changed again"


def test_an_update_never_brings_back_an_entry_trashed_meanwhile(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    other_process(journal).delete_entry(entry.id)
    entry.body = "edited"
    with pytest.raises(RevisionConflictError, match="trash") as caught:
        journal.update_entry(entry, expected_revision=1)
    assert caught.value.current.deleted is not None
    stored = Journal(journal_dir).get_entry(entry.id)
    assert stored.deleted is not None and stored.body == "original"


def test_an_update_of_an_entry_removed_meanwhile_is_a_conflict(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    ghost = Entry(body="never stored")
    with pytest.raises(RevisionConflictError, match="removed") as caught:
        journal.update_entry(ghost, expected_revision=1)
    assert caught.value.current is None
    with pytest.raises(NotFoundError):
        journal.update_entry(ghost)


def test_stale_interview_and_theme_updates_are_refused(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    mine_i, mine_t = journal.get_interview("I03"), journal.get_theme("Lykkes sammen")
    other = other_process(journal)
    theirs_i, theirs_t = other.get_interview("I03"), other.get_theme("Lykkes sammen")
    theirs_i.notes, theirs_t.description = "their notes", "their description"
    other.update_interview(theirs_i, expected_revision=1)
    other.update_theme(theirs_t, expected_revision=1)
    mine_i.notes, mine_t.description = "my notes", "my description"
    with pytest.raises(RevisionConflictError) as caught_i:
        journal.update_interview(mine_i, expected_revision=1)
    with pytest.raises(RevisionConflictError) as caught_t:
        journal.update_theme(mine_t, expected_revision=1)
    assert caught_i.value.current.notes == "their notes"
    assert caught_t.value.current.description == "their description"
    fresh = Journal(journal_dir)
    assert fresh.get_interview("I03").notes == "their notes"
    assert fresh.get_theme("Lykkes sammen").description == "their description"


def test_a_stale_interview_code_change_rewrites_no_entry(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="x", interview="I03"))
    stale = journal.get_interview("I03")
    fresh = other_process(journal).get_interview("I03")
    fresh.notes = "moved on"
    other_process(journal).update_interview(fresh)
    stale.code = "I09"
    with pytest.raises(RevisionConflictError):
        journal.update_interview(stale, old_code="I03", expected_revision=1)
    assert Journal(journal_dir).get_entry(entry.id).interview == "I03"


# -- modify_entry ------------------------------------------------------------------


def test_modify_entry_changes_the_stored_version_not_a_stale_one(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    journal.get_entry(entry.id)  # this handle now caches the original
    theirs = other_process(journal).get_entry(entry.id)
    theirs.body = "their text"
    other_process(journal).update_entry(theirs)
    changed = journal.modify_entry(entry.id[:8], lambda e: e.themes.append("Lykkes sammen"))
    stored = Journal(journal_dir).get_entry(entry.id)
    assert stored.body == "their text" and stored.themes == ["Lykkes sammen"]
    assert changed.revision == stored.revision == 3


def test_modify_entry_writes_nothing_when_the_change_fails_or_changes_nothing(
    journal_dir: Path,
) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    unchanged = journal.modify_entry(entry.id, lambda e: None)
    assert unchanged.revision == 1
    with pytest.raises(NotFoundError, match="unknown theme"):
        journal.modify_entry(entry.id, lambda e: e.themes.append("No such theme"))
    with pytest.raises(ValueError, match="empty"):
        journal.modify_entry(entry.id, lambda e: setattr(e, "body", ""))
    stored = Journal(journal_dir).get_entry(entry.id)
    assert stored.revision == 1 and stored.body == "original" and stored.themes == []


def test_modify_entry_refuses_an_entry_in_the_trash(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    journal.delete_entry(entry.id)
    with pytest.raises(NotFoundError):
        journal.modify_entry(entry.id, lambda e: setattr(e, "title", "t"))


def test_a_new_entry_cannot_use_a_theme_renamed_just_before_its_write(journal_dir: Path) -> None:
    """The link check runs under the lock, with the write: a theme renamed
    after the caller looked it up is refused, not written as a dead name."""
    journal = make_journal(journal_dir)
    journal.themes()  # the caller's view, taken before the rename
    other_process(journal).rename_theme("Farlig tavshed", "Tavshed")
    with pytest.raises(NotFoundError, match="unknown theme"):
        journal.add_entry(Entry(body="x", themes=["Farlig tavshed"]))


# -- save_edit -------------------------------------------------------------------------


def test_save_edit_saves_an_edit_of_the_current_version(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    entry.body = "edited"
    outcome = save_edit(journal, entry, base_revision=1)
    assert outcome.conflict_copy is None and not outcome.conflicted
    assert outcome.entry.revision == 2
    assert Journal(journal_dir).get_entry(entry.id).body == "edited"


def test_save_edit_over_a_concurrent_edit_keeps_both_texts(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original", themes=["Lykkes sammen"]))
    theirs = other_process(journal).get_entry(entry.id)
    theirs.body = "their text"
    other_process(journal).update_entry(theirs)
    entry.body = "my text"
    outcome = save_edit(journal, entry, base_revision=1)
    assert outcome.conflicted and outcome.entry.body == "their text"
    fresh = Journal(journal_dir)
    assert fresh.get_entry(entry.id).body == "their text"
    copies = conflict_copies(fresh)
    assert [(c.id, c.conflict_of, c.body) for c in copies] == [
        (outcome.conflict_copy.id, entry.id, "my text")
    ]
    # Same shard as the original, like the copies merge makes.
    assert copies[0].id[:2] == entry.id[:2] and copies[0].themes == ["Lykkes sammen"]


def test_save_edit_never_brings_back_an_entry_trashed_meanwhile(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original"))
    other_process(journal).delete_entry(entry.id)
    entry.body = "written while it was being deleted"
    outcome = save_edit(journal, entry, base_revision=1)
    fresh = Journal(journal_dir)
    assert fresh.get_entry(entry.id).deleted is not None
    assert entry.id not in {e.id for e in fresh.entries()}
    assert outcome.conflict_copy is not None
    assert fresh.get_entry(outcome.conflict_copy.id).body == "written while it was being deleted"


def test_save_edit_naming_a_theme_renamed_meanwhile_is_refused_whole(journal_dir: Path) -> None:
    """The edit still names the old theme: it is refused with one clear error
    (the $EDITOR caller keeps the text in its form file), nothing is written."""
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="original", themes=["Farlig tavshed"]))
    other_process(journal).rename_theme("Farlig tavshed", "Tavshed")
    entry.body = "my text"
    with pytest.raises(NotFoundError, match="unknown theme"):
        save_edit(journal, entry, base_revision=1)
    stored = Journal(journal_dir).get_entry(entry.id)
    assert stored.body == "original" and stored.themes == ["Tavshed"]
    assert conflict_copies(Journal(journal_dir)) == []


# -- merges move revisions on --------------------------------------------------------------


def test_a_merge_that_changes_an_entry_gives_it_a_higher_revision() -> None:
    """An editor holding our version must see a change a merge brought in,
    even when the other side's revision number is the same as ours."""
    ours = Entry(body="ours", revision=2).to_dict()
    theirs = {**ours, "body": "theirs", "updated": "2099-01-01T00:00:00+00:00"}
    merged = merge_file_data({}, {"entries": {ours["id"]: ours}}, {"entries": {ours["id"]: theirs}})
    kept = merged["entries"][ours["id"]]
    assert kept["body"] == "theirs" and kept["revision"] == 3
    again = merge_file_data({}, merged, {"entries": {ours["id"]: theirs}})
    assert again["entries"][ours["id"]] == kept
