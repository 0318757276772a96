"""Direct tests of services/purge.py: each plan names what goes without writing,
and the purge removes it from the live files, drafts and backups, and says where
its words are still found."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

from eftertanke.domain import Entry, Excerpt, Interview
from eftertanke.services import purge as purging
from eftertanke.services.drafts import edit_draft, edit_draft_id
from eftertanke.services.editing import conflict_copy
from eftertanke.store.backup import take_backup
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

SECRET = "Karins hemmelige vagtplan"
OTHER = "Et helt andet emne"


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    journal.add_interview(Interview("I03", role="leder", notes="private noter"))
    journal.add_interview(Interview("I04", role="leder"))
    return journal


def test_plan_entries_takes_the_conflict_copies_too_and_writes_nothing(journal: Journal) -> None:
    entry = journal.add_entry(Entry(title="Titel", body=SECRET))
    copy = conflict_copy(journal, Entry.from_dict({**entry.to_dict(), "body": SECRET + " 2"}))
    before = snapshot(journal.root)
    plan = purging.plan_entries(journal, [entry.id[:8]])
    assert plan.entry_ids == {entry.id, copy.id}
    assert SECRET in plan.texts and plan.titles[0].endswith("Titel")
    assert not plan.empty and snapshot(journal.root) == before


def test_plan_trash_is_only_what_is_in_the_trash(journal: Journal) -> None:
    kept = journal.add_entry(Entry(body=OTHER))
    trashed = journal.add_entry(Entry(body=SECRET))
    journal.delete_entry(trashed.id)
    plan = purging.plan_trash(journal)
    assert plan.entry_ids == {trashed.id} and kept.id not in plan.entry_ids


def test_plan_interview_takes_its_reflections_transcript_and_quotes(journal: Journal) -> None:
    reflection = journal.add_entry(Entry(kind="interview", interview="I03", body=SECRET))
    quoting = journal.add_entry(
        Entry(body=OTHER, excerpts=[Excerpt(interview="I03", timestamp="9.45", quote=SECRET)])
    )
    journal.transcripts.add(Transcript("I03", [Turn("Karin", SECRET, 1.0)], interviewers=[]))
    plan = purging.plan_interview(journal, "i03")
    assert plan.interview_codes == ["I03"] and plan.entry_ids == {reflection.id}
    assert quoting.id not in plan.entry_ids and plan.excerpts == 1
    assert len(plan.transcript_ids) == 1 and plan.turns == 1
    assert "private noter" in plan.texts
    with pytest.raises(NotFoundError):
        purging.plan_interview(journal, "I99")


def test_purge_leaves_no_byte_of_the_text_and_keeps_the_rest(journal: Journal) -> None:
    gone = journal.add_entry(Entry(body=SECRET))
    kept = journal.add_entry(Entry(body=OTHER))
    journal.save_draft(edit_draft_id(gone.id), edit_draft(gone.id, "", SECRET + " kladde", 1))
    take_backup(journal)
    report = purging.purge(journal, purging.plan_entries(journal, [gone.id]))
    assert report.entries == 1 and report.scrub.drafts_removed == 1
    assert report.scrub.backups_rewritten + report.scrub.backups_dropped >= 1
    assert SECRET.encode() not in every_byte(journal.root)
    fresh = Journal(journal.root)
    assert [e.id for e in fresh.entries(include_deleted=True)] == [kept.id]
    assert report.still_found == [] and report.outside  # exports are out of its reach


def test_purge_of_an_empty_plan_changes_nothing(journal: Journal) -> None:
    journal.add_entry(Entry(body=OTHER))
    before = snapshot(journal.root)
    report = purging.purge(journal, purging.plan_trash(journal))
    assert report.entries == 0 and snapshot(journal.root) == before


def test_where_found_names_the_files_holding_the_words(journal: Journal) -> None:
    journal.add_entry(Entry(body=OTHER))
    found = purging.where_found(journal, "helt andet")
    assert found and all("entries" in f for f in found)
    assert purging.where_found(journal, "findes ikke nogen steder") == []


def test_plan_and_report_lines_say_what_goes_and_what_was_done(tmp_path: Path) -> None:
    journal = purging.Journal(tmp_path / "j")
    journal.add_interview(Interview(code="I03", role="chef"))
    journal.add_entry(Entry(kind="interview", interview="I03", title="Efter I03", body="Ord"))
    plan = purging.plan_interview(journal, "I03")
    lines = purging.plan_lines(plan, "da")
    assert "I03" in lines[0] and lines[1].endswith(" Efter I03") and "sikkerhedskopier" in lines[-1]
    report = purging.purge(journal, plan)
    said = purging.report_lines(report, "en")
    assert said[0][0].startswith("Deleted for good: 1 entry, 1 interview")
    assert ("The deleted words are nowhere in the journal folder.", False) in said


def test_words_that_also_stay_elsewhere_are_named_not_reported_as_left_behind(
    tmp_path: Path,
) -> None:
    """The interviewer asks every respondent the same question: purging one
    interview leaves that question in the others' transcripts, which is no
    leftover of the purge and must not read as one."""
    from eftertanke.transcript import Transcript, Turn

    journal = purging.Journal(tmp_path / "j")
    question = "Kan du fortælle om en dag, hvor det lykkedes?"
    for code, answer in (("I01", "Karin fortalte om vagtplanen i marts"), ("I02", "Noget andet helt")):
        journal.add_interview(Interview(code=code, role="chef"))
        journal.transcripts.add(
            Transcript(code, [Turn("Mette", question, 10), Turn("R", answer, 20)], interviewers=["Mette"])
        )
    take_backup(journal)
    report = purging.purge(journal, purging.plan_interview(journal, "I01"))
    assert report.shared == [question]
    assert report.still_found == []
    for path in (tmp_path / "j").rglob("*"):
        if path.is_file():
            assert b"vagtplanen i marts" not in path.read_bytes()
    said = purging.report_lines(report, "en")
    assert any("word for word in what stays" in line and warn for line, warn in said)
    assert ("The deleted words are nowhere in the journal folder.", False) in said


def test_what_purge_cannot_reach_is_said_in_the_reader_s_language(tmp_path: Path) -> None:
    journal = purging.Journal(tmp_path / "j")
    journal.add_entry(Entry(kind="memo", body="Et memo der skal væk for altid"))
    (tmp_path / ".git").mkdir()
    report = purging.purge(journal, purging.plan_entries(journal, [journal.entries()[0].id]))
    danish = [line for line, _warn in purging.report_lines(report, "da")]
    assert any("git-repository" in line for line in danish)
    assert any("eksporter og andre kloner" in line for line in danish)
    assert not any("outside the folder" in line for line in danish)
