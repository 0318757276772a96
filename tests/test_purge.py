"""Deleting for good: after ``interview delete`` or ``purge`` a byte search of the
whole journal folder (backups, mirrors, drafts included) finds none of the text."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme
from eftertanke.services import coding as codings
from eftertanke.services import purge as purging
from eftertanke.services.drafts import edit_draft, edit_draft_id
from eftertanke.store import crypto, layout, reencrypt
from eftertanke.store.backup import list_backups, take_backup
from eftertanke.store.doctor import check
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

# Words that occur only in what belongs to interview I03.
SECRET_WORDS = [
    "Solhavens natteholdsleder",
    "hun græd over vagtplanen",
    "Ingen tør sige fra på personalemøder",
    "min egen uro efter samtalen med Karin",
    "Karin Østergaard, plejehjemmet Solhaven",
    "samtykke givet mundtligt den 3. marts",
]
KEPT_WORDS = ["Et indlæg om noget helt andet", "Interview fire handler om rammer"]


def every_byte(folder: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def found_in_folder(folder: Path, words: list[str]) -> list[str]:
    data = every_byte(folder)
    return [w for w in words if w.encode() in data or orjson.dumps(w)[1:-1] in data]


def build(root: Path, passphrase: str | None = None) -> dict[str, str]:
    journal = Journal(root, author="forsker")
    journal.add_theme(Theme("Tavshed", "safety"))
    journal.add_interview(
        Interview("I03", role="natteholdsleder", notes=SECRET_WORDS[4], consent=SECRET_WORDS[5])
    )
    journal.add_interview(Interview("I04", role="leder"))
    take_backup(journal)  # a backup holding the interview record only
    reflection = journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            title=SECRET_WORDS[0],
            sections=[
                Section("feeling", "Hvordan var det?", SECRET_WORDS[1] + ". " + SECRET_WORDS[3])
            ],
        )
    )
    codings.code_phrase(journal, "entry", reflection.id, SECRET_WORDS[1], ["Tavshed"])
    quoting = journal.add_entry(
        Entry(
            kind="memo",
            body=KEPT_WORDS[0],
            excerpts=[
                Excerpt("I03", "9.45", SECRET_WORDS[2]),
                Excerpt("I04", "1.02", KEPT_WORDS[1]),
            ],
        )
    )
    transcript = journal.transcripts.add(
        Transcript(
            "I03",
            [Turn("Forsker", "Hvordan er stemningen?", 580), Turn("Karin", SECRET_WORDS[2], 585)],
            interviewers=["Forsker"],
        )
    )
    codings.code_phrase(journal, "transcript", transcript.id, "Ingen tør sige fra", ["Tavshed"])
    take_backup(journal)  # a backup holding all of it
    journal.save_draft(
        edit_draft_id(reflection.id), edit_draft(reflection.id, "t", SECRET_WORDS[3], 1)
    )
    journal.save_draft(
        "new-i03", {"kind": "interview", "interview": "I03", "body": "kladde om I03"}
    )
    # A file doctor set aside under backups/, holding a copy of the text.
    (root / layout.BACKUPS_DIR / "damaged-draft.json").write_bytes(
        orjson.dumps({"body": SECRET_WORDS[0]})
    )
    return {"reflection": reflection.id, "quoting": quoting.id, "transcript": transcript.id}


def test_interview_delete_leaves_no_byte_of_its_text_in_the_folder(journal_dir: Path, cli) -> None:
    ids = build(journal_dir)
    assert found_in_folder(journal_dir, SECRET_WORDS) == SECRET_WORDS  # the test can see them
    refused = cli("interview", "delete", "I03")  # no terminal to ask on
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert found_in_folder(journal_dir, SECRET_WORDS) == SECRET_WORDS
    out = cli.ok("interview", "delete", "I03", "--yes")
    assert "1 reflection\n" in out and "its transcript (2 turns)" in out and "1 quote" in out
    assert "nowhere in the journal folder" in out
    assert found_in_folder(journal_dir, SECRET_WORDS) == []
    assert found_in_folder(journal_dir, KEPT_WORDS) == KEPT_WORDS
    journal = Journal(journal_dir)
    assert [i.code for i in journal.interviews()] == ["I04"]
    assert journal.transcripts.all() == []
    kept = journal.get_entry(ids["quoting"])
    assert [e.quote for e in kept.excerpts] == [KEPT_WORDS[1]]
    assert [d.get("draft_id") for d in journal.drafts()] == []
    assert len(list_backups(journal_dir)) >= 2  # rewritten, not dropped
    assert [f.level for f in check(journal_dir)] == ["info"]
    assert cli("doctor", "--find", SECRET_WORDS[2]).returncode == 0


def test_purge_removes_entries_from_the_trash_or_not(journal_dir: Path, cli) -> None:
    journal = Journal(journal_dir)
    trashed = journal.add_entry(Entry(body="Papirkurvens hemmelige tekst om tavshed"))
    live = journal.add_entry(Entry(body="Et levende indlæg der skal væk for altid"))
    stays = journal.add_entry(Entry(body=KEPT_WORDS[0]))
    take_backup(journal)
    journal.delete_entry(trashed.id)
    assert cli("doctor", "--find", "Papirkurvens hemmelige").returncode == 1
    out = cli.ok("purge", "--trash", "--yes")
    assert (
        "1 entry" in out and found_in_folder(journal_dir, ["Papirkurvens hemmelige tekst"]) == []
    )
    cli.ok("purge", live.id[:8], "--yes")
    assert found_in_folder(journal_dir, ["Et levende indlæg der skal væk"]) == []
    assert [e.id for e in Journal(journal_dir).entries(include_deleted=True)] == [stays.id]
    assert "Nothing to delete" in cli.ok("purge", "--trash", "--yes")
    assert cli("purge").returncode == 2


def test_purge_takes_the_conflict_copies_of_an_entry_with_it(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    original = journal.add_entry(Entry(body="Originalens tekst om vagtplanen"))
    journal.add_entry(Entry(body="Konfliktkopiens tekst om vagtplanen", conflict_of=original.id))
    plan = purging.plan_entries(journal, [original.id])
    assert len(plan.entry_ids) == 2
    purging.purge(journal, plan)
    assert Journal(journal_dir).entries(include_deleted=True) == []
    assert found_in_folder(journal_dir, ["tekst om vagtplanen"]) == []


def test_an_encrypted_journal_is_purged_in_its_encrypted_backups(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)
    build(journal_dir)
    reencrypt.encrypt_journal(Journal(journal_dir), "correct horse battery")
    journal = Journal(journal_dir, passphrase="correct horse battery")
    take_backup(journal)
    assert purging.where_found(journal, SECRET_WORDS[1])  # found through the decryption
    report = purging.purge(journal, purging.plan_interview(journal, "I03"))
    assert report.still_found == [] and report.scrub.backups_rewritten >= 1
    for word in SECRET_WORDS:
        assert purging.where_found(journal, word) == []
    reopened = Journal(journal_dir, passphrase="correct horse battery")
    assert [i.code for i in reopened.interviews()] == ["I04"]
    assert [f.level for f in check(journal_dir, reopened.codec)] == ["info"]


def test_a_purge_cut_off_part_way_is_undone_and_can_run_again(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = build(journal_dir)
    journal = Journal(journal_dir)
    plan = purging.plan_interview(journal, "I03")
    real = Journal.replace_table
    calls = []

    def dies_on_the_second_file(self, path, table, rows):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, path, table, rows)

    monkeypatch.setattr(Journal, "replace_table", dies_on_the_second_file)
    with pytest.raises(OSError):
        purging.purge(journal, plan)
    monkeypatch.setattr(Journal, "replace_table", real)
    # The failed change was put back at once: everything is as it was.
    reopened = Journal(journal_dir)
    assert not (journal_dir / "intent.json").exists()
    assert [i.code for i in reopened.interviews()] == ["I03", "I04"]
    assert reopened.get_entry(ids["reflection"]).title == SECRET_WORDS[0]
    assert len(reopened.get_entry(ids["quoting"]).excerpts) == 2
    report = purging.purge(reopened, purging.plan_interview(reopened, "I03"))
    assert report.still_found == [] and found_in_folder(journal_dir, SECRET_WORDS) == []


# -- carry-forward questions ------------------------------------------------------

QUESTION_WORDS = ["Spørg til Karins nattevagter", "for privat at spørge om"]
ANSWER_WORDS = "Hun talte selv om nattevagterne uden at blive spurgt"


def build_questions(root: Path) -> dict[str, str]:
    """I03's reflection carries two questions; one is answered by a passage of
    I04's reflection, the other dropped with a reason."""
    from eftertanke.services import questions as qs
    from eftertanke.services.writing import write_entry

    journal = Journal(root, author="forsker")
    journal.add_interview(Interview("I03", role="natteholdsleder"))
    journal.add_interview(Interview("I04", role="leder"))
    source = write_entry(
        journal,
        Entry(
            kind="interview",
            pack="post-interview",
            sections=[Section("leads", "Spor?", f"{QUESTION_WORDS[0]}\nOg om weekenden")],
        ),
        interview=journal.get_interview("I03"),
    )
    answer = write_entry(
        journal,
        Entry(
            kind="interview",
            pack="post-interview",
            sections=[Section("impressions", "Indtryk?", ANSWER_WORDS + ". " + KEPT_WORDS[1])],
        ),
        interview=journal.get_interview("I04"),
    )
    first, second = journal.get_entry(source.id).questions
    qs.answer_question(journal, first.id, qs.link_to_phrase(journal, answer.id, ANSWER_WORDS))
    qs.drop_question(journal, second.id, QUESTION_WORDS[1])
    take_backup(journal)
    return {"source": source.id, "answer": answer.id}


def test_interview_delete_takes_its_questions_text_and_reasons(journal_dir: Path, cli) -> None:
    build_questions(journal_dir)
    assert found_in_folder(journal_dir, QUESTION_WORDS) == QUESTION_WORDS
    out = cli.ok("interview", "delete", "I03", "--yes")
    assert "nowhere in the journal folder" in out
    assert found_in_folder(journal_dir, QUESTION_WORDS) == []
    assert found_in_folder(journal_dir, [ANSWER_WORDS]) == [ANSWER_WORDS]  # I04's stays


def test_purging_the_answering_entry_takes_its_words_out_of_the_question(
    journal_dir: Path, cli
) -> None:
    from eftertanke.services.questions import study_questions

    ids = build_questions(journal_dir)
    out = cli.ok("purge", ids["answer"], "--yes")
    assert "nowhere in the journal folder" in out
    assert found_in_folder(journal_dir, [ANSWER_WORDS]) == []
    assert found_in_folder(journal_dir, QUESTION_WORDS) == QUESTION_WORDS  # I03's stays
    answered = [q for q in study_questions(Journal(journal_dir)) if q.status == "answered"]
    assert len(answered) == 1 and answered[0].passage_deleted
