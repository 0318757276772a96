"""Coded passages and transcripts in the domain and the store: spans that follow
their words through edits, ids on disk, schema 4, and the codebook's changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from eftertanke import anchoring
from eftertanke.domain import Coding, Entry, Interview, Section, Theme, ValidationError
from eftertanke.services import coding as codings
from eftertanke.store import layout
from eftertanke.store.doctor import check
from eftertanke.store.errors import AmbiguousIdError, JournalError, NewerSchemaError, NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn, citation_time, clock, parse_citation_time

ANSWER = "Jeg var nervøs i starten, men samtalen blev tryg, da hun fortalte om kollegerne."


def reflection(journal: Journal) -> Entry:
    return journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            sections=[
                Section("feeling", "Hvordan havde du det?", ANSWER, concept="wellbeing"),
                Section("energy", "Hvad gav energi?", "Kollegerne og at lykkes sammen."),
            ],
        )
    )


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="forsker")
    journal.add_theme(Theme("Tryghed", "safety"))
    journal.add_theme(Theme("Kolleger", "drive"))
    journal.add_theme(Theme("Nervøsitet", "wellbeing"))
    journal.add_interview(Interview("I03", role="plejehjemsleder", interviewer="Forsker"))
    return journal


def transcript_of(code: str = "I03") -> Transcript:
    return Transcript(
        code,
        [
            Turn("Forsker", "Hvad giver dig energi i hverdagen?", 585.0, 591.0),
            Turn("Leder", "Det gør kollegerne, helt klart. Vi lykkes sammen.", 592.0, 600.0),
            Turn("Forsker", "Og når det er svært?", 3725.0),
        ],
        interviewers=["Forsker"],
        format="vtt",
    )


# -- re-anchoring -------------------------------------------------------------------


def test_a_span_follows_its_words_when_text_is_written_before_it() -> None:
    start = ANSWER.index("nervøs")
    entry = Entry(kind="memo", body=ANSWER)
    entry.codings.append(Coding.of(ANSWER, start, start + 6, ["Nervøsitet"]))
    entry.body = "Først: " + ANSWER
    entry.validate()
    coding = entry.codings[0]
    assert entry.body[coding.start : coding.end] == "nervøs"
    assert coding.review == ""


def test_a_span_picks_the_occurrence_whose_surroundings_match() -> None:
    text = "tryg her, og tryg der: det var trygt nok"
    start = text.index("tryg der")
    entry = Entry(kind="memo", body=text)
    entry.codings.append(Coding.of(text, start, start + 4, ["Tryghed"]))
    entry.body = "tryg! " + text
    entry.validate()
    coding = entry.codings[0]
    assert entry.body[coding.start : coding.end + 4] == "tryg der"


def test_an_edited_span_is_found_between_its_surviving_context() -> None:
    start = ANSWER.index("samtalen blev tryg")
    end = start + len("samtalen blev tryg")
    entry = Entry(kind="memo", body=ANSWER)
    entry.codings.append(Coding.of(ANSWER, start, end, ["Tryghed"]))
    entry.body = ANSWER.replace("samtalen blev tryg", "samtalen blev helt tryg")
    entry.validate()
    coding = entry.codings[0]
    assert entry.body[coding.start : coding.end] == "samtalen blev helt tryg"
    assert coding.quote == "samtalen blev helt tryg" and coding.review == ""


def test_a_span_whose_words_are_gone_is_flagged_for_review_not_moved() -> None:
    start = ANSWER.index("nervøs")
    entry = Entry(kind="memo", body=ANSWER)
    entry.codings.append(Coding.of(ANSWER, start, start + 6, ["Nervøsitet"]))
    entry.body = "Noget helt andet."
    entry.validate()
    coding = entry.codings[0]
    assert coding.review and coding.quote == "nervøs"
    # Writing the words back heals it.
    entry.body = ANSWER
    entry.validate()
    assert coding.review == "" and entry.body[coding.start : coding.end] == "nervøs"


def test_a_coding_of_a_removed_answer_is_flagged() -> None:
    entry = Entry(kind="memo", sections=[Section("a", "A?", ANSWER), Section("b", "B?", "x y z")])
    entry.codings.append(Coding.of(ANSWER, 0, 3, ["Tryghed"], source="section", section="a"))
    entry.sections = entry.sections[1:]
    entry.validate()
    assert entry.codings[0].review == "the coded text is gone"


def test_spans_and_themes_are_checked() -> None:
    with pytest.raises(ValidationError, match="not inside the text"):
        Coding.of("kort", 2, 9, ["Tryghed"])
    with pytest.raises(ValidationError, match="at least one theme"):
        Coding.of("kort", 0, 2, [])
    with pytest.raises(ValidationError, match="end after"):
        Coding(start=3, end=3, themes=["x"]).validate()
    entry = Entry(kind="memo", body="x")
    entry.codings.append(Coding(start=0, end=1, themes=["t"], source="transcript"))
    with pytest.raises(ValidationError, match="belongs to the transcript"):
        entry.validate()


def test_find_phrase_ignores_case_and_keeps_offsets() -> None:
    assert anchoring.find_phrase("Tryg og TRYG", "tryg") == [(0, 4), (8, 12)]
    # ß casefolds to ss: the offsets must still point into the original text.
    assert anchoring.find_phrase("Straße, straße", "straße") == [(8, 14)]


# -- the transcript's text ------------------------------------------------------------


def test_the_transcript_text_is_one_line_per_turn_with_its_time() -> None:
    transcript = transcript_of().validate()
    assert transcript.text.splitlines() == [
        "[09:45] Forsker: Hvad giver dig energi i hverdagen?",
        "[09:52] Leder: Det gør kollegerne, helt klart. Vi lykkes sammen.",
        "[1:02:05] Forsker: Og når det er svært?",
    ]
    for turn, (start, end) in zip(transcript.turns, transcript.turn_spans, strict=True):
        assert transcript.text[start:end] == turn.text
    second = transcript.turn_spans[1][0]
    assert transcript.turn_at(second) == 1 and transcript.turn_at(second - 9) == 1
    assert transcript.turn_at(0) == 0 and transcript.turn_at(len(transcript.text) - 1) == 2
    assert transcript.speakers == ["Forsker", "Leder"]


def test_times_as_the_thesis_cites_them() -> None:
    assert citation_time(585) == "9.45" and clock(585) == "09:45"
    assert citation_time(3725) == "1.02.05" and clock(3725) == "1:02:05"
    assert parse_citation_time("9.45") == 585 == parse_citation_time("09:45")
    assert parse_citation_time("1:02:05") == 3725
    assert parse_citation_time("9.75") is None and parse_citation_time("tryg") is None


def test_a_transcript_refuses_an_interviewer_who_does_not_speak() -> None:
    transcript = transcript_of()
    transcript.interviewers = ["Nogen"]
    with pytest.raises(ValidationError, match="does not speak"):
        transcript.validate()


# -- the store ----------------------------------------------------------------------


def test_entry_codings_are_stored_by_theme_id_and_read_by_name(journal: Journal) -> None:
    entry = reflection(journal)
    made = codings.code_phrase(journal, "entry", entry.id, "nervøs i starten", ["nervøsitet"])
    assert made.themes == ["Nervøsitet"]  # the codebook's spelling
    shard = layout.shard_path(journal.root, entry.id)
    raw = journal.stored_shard(shard)[entry.id]
    theme_id = next(t.id for t in journal.themes() if t.name == "Nervøsitet")
    assert raw["codings"][0]["themes"] == [theme_id]
    journal.rename_theme("Nervøsitet", "Uro")
    assert Journal(journal.root).get_entry(entry.id).codings[0].themes == ["Uro"]


def test_merging_a_theme_recodes_its_codings_and_drops_repeats(journal: Journal) -> None:
    entry = reflection(journal)
    codings.code_phrase(journal, "entry", entry.id, "kollegerne.", ["Kolleger", "Tryghed"])
    codings.code_phrase(journal, "entry", entry.id, "nervøs", ["Tryghed"])
    journal.merge_themes("Tryghed", "Kolleger")
    got = [c.themes for c in Journal(journal.root).get_entry(entry.id).codings]
    assert got == [["Kolleger"], ["Kolleger"]]
    assert journal.theme_usage() == {"Kolleger": 1}


def test_coding_the_same_span_again_adds_themes_to_it(journal: Journal) -> None:
    entry = reflection(journal)
    where = codings.Source.answer(entry.id, "feeling")
    first = codings.code_passage(journal, where, 8, 14, ["Nervøsitet"])
    again = codings.code_passage(journal, where, 8, 14, ["Tryghed"])
    assert again.id == first.id
    stored = journal.get_entry(entry.id).codings
    assert len(stored) == 1 and stored[0].themes == ["Nervøsitet", "Tryghed"]


def test_an_unknown_theme_or_phrase_changes_nothing(journal: Journal) -> None:
    entry = reflection(journal)
    before = journal.get_entry(entry.id).revision
    with pytest.raises(NotFoundError, match="unknown theme"):
        codings.code_phrase(journal, "entry", entry.id, "nervøs", ["Findes ikke"])
    with pytest.raises(NotFoundError, match="not in the text"):
        codings.code_phrase(journal, "entry", entry.id, "slet ikke her", ["Tryghed"])
    with pytest.raises(AmbiguousIdError, match="occurs 2 times"):
        codings.code_phrase(journal, "entry", entry.id, "kollegerne", ["Tryghed"])
    assert journal.get_entry(entry.id).revision == before


def test_editing_an_entry_re_anchors_its_stored_codings(journal: Journal) -> None:
    entry = reflection(journal)
    codings.code_phrase(journal, "entry", entry.id, "samtalen blev tryg", ["Tryghed"])
    current = journal.get_entry(entry.id)
    current.sections[0].answer = "Ærligt talt: " + current.sections[0].answer
    journal.update_entry(current, expected_revision=current.revision)
    coding = Journal(journal.root).get_entry(entry.id).codings[0]
    answer = journal.get_entry(entry.id).sections[0].answer
    assert answer[coding.start : coding.end] == "samtalen blev tryg"


def test_transcripts_are_stored_one_per_interview(journal: Journal) -> None:
    transcript = journal.transcripts.add(transcript_of("i03"))
    assert transcript.interview == "I03" and transcript.revision == 1
    assert journal.transcripts.for_interview("I03").id == transcript.id
    assert (journal.root / layout.TRANSCRIPTS_DIR / layout.shard_name(transcript.id)).exists()
    with pytest.raises(JournalError, match="already has a transcript"):
        journal.transcripts.add(transcript_of())
    replaced = journal.transcripts.add(transcript_of(), replace=True)
    assert replaced.id == transcript.id and replaced.revision == 2
    with pytest.raises(NotFoundError):
        journal.transcripts.add(transcript_of("I99"))
    # On disk the transcript names its interview by id.
    interview_id = journal.get_interview("I03").id
    stored = journal.stored_shard(layout.transcript_path(journal.root, transcript.id))
    assert stored[transcript.id]["interview"] == interview_id
    interview = journal.get_interview("I03")
    interview.code = "R03"
    journal.update_interview(interview)
    assert Journal(journal.root).transcripts.all()[0].interview == "R03"


def test_transcript_codings_follow_the_codebook_and_can_be_removed(journal: Journal) -> None:
    transcript = journal.transcripts.add(transcript_of())
    made = codings.code_phrase(journal, "transcript", transcript.id, "kollegerne", ["Kolleger"])
    passages = codings.coded_passages(journal)
    assert [(p.owner_kind, p.section_label, p.respondent) for p in passages] == [
        ("transcript", "Leder 09:52", True)
    ]
    assert journal.theme_usage() == {"Kolleger": 1}
    journal.rename_theme("Kolleger", "Kollegaer")
    assert journal.transcripts.get(transcript.id).codings[0].themes == ["Kollegaer"]
    codings.set_memo(journal, made.id[:6], "Energi fra fællesskabet")
    assert journal.transcripts.get(transcript.id).codings[0].memo == "Energi fra fællesskabet"
    codings.remove_coding(journal, made.id)
    assert journal.transcripts.get(transcript.id).codings == []


def test_a_stale_transcript_change_is_refused(journal: Journal) -> None:
    from eftertanke.store.errors import RevisionConflictError

    transcript = journal.transcripts.add(transcript_of())
    codings.code_phrase(journal, "transcript", transcript.id, "kollegerne", ["Kolleger"])
    with pytest.raises(RevisionConflictError):
        journal.transcripts.modify(
            transcript.id, lambda t: t.codings.clear(), expected_revision=transcript.revision
        )
    assert len(journal.transcripts.get(transcript.id).codings) == 1


# -- schema 4 ------------------------------------------------------------------------


def test_a_schema_3_journal_migrates_to_the_current_schema_with_a_backup_and_keeps_its_meaning(
    journal: Journal, tmp_path: Path
) -> None:
    entry = journal.add_entry(Entry(kind="memo", body="Tavshed i fora", themes=["Tryghed"]))
    root = journal.root
    meta = orjson.loads((root / layout.META_FILE).read_bytes())
    (root / layout.META_FILE).write_bytes(orjson.dumps({**meta, "schema": 3}))
    shutil.rmtree(root / layout.TRANSCRIPTS_DIR, ignore_errors=True)
    old = Journal(root)
    assert old.meta["schema"] == layout.SCHEMA_VERSION
    assert (root / layout.BACKUPS_DIR / "pre-migration-schema-3" / ".complete").exists()
    assert old.get_entry(entry.id).themes == ["Tryghed"]  # still codes the whole entry
    assert old.get_entry(entry.id).codings == []


def test_an_older_eftertanke_refuses_a_schema_4_journal(journal: Journal, monkeypatch) -> None:
    monkeypatch.setattr(layout, "SCHEMA_VERSION", 3)
    with pytest.raises(NewerSchemaError):
        Journal(journal.root)


def test_doctor_names_codings_that_need_review(journal: Journal) -> None:
    entry = reflection(journal)
    codings.code_phrase(journal, "entry", entry.id, "nervøs", ["Nervøsitet"])
    journal.transcripts.add(transcript_of())
    assert [f.level for f in check(journal.root)] == ["info"]
    current = journal.get_entry(entry.id)
    current.sections[0].answer = "Det hele gik fint."
    journal.update_entry(current)
    findings = check(journal.root)
    assert any(
        f.level == "warning" and "needs review" in f.message and "code list --review" in f.message
        for f in findings
    )
    assert [p.coding.review != "" for p in codings.coded_passages(journal, review_only=True)] == [
        True
    ]


def test_list_finds_an_entry_by_a_theme_on_one_of_its_passages(journal: Journal, cli) -> None:
    entry = reflection(journal)
    other = journal.add_entry(Entry(kind="memo", body="Intet kodet her"))
    codings.code_phrase(journal, "entry", entry.id, "nervøs", ["Nervøsitet"])
    codings.set_memo(journal, journal.get_entry(entry.id).codings[0].id, "ubehag ved optagelsen")
    listed = cli.ok("list", "--theme", "Nervøsitet", "--json")
    assert [doc["id"] for doc in orjson.loads(listed)] == [entry.id]
    found = cli.ok("list", "--search", "optagelsen", "--json")
    assert [doc["id"] for doc in orjson.loads(found)] == [entry.id] != [other.id]
