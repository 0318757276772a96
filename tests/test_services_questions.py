"""Direct tests of services/questions.py and carry_forward.py: a question carried
forward from I01's reflection, shown before I02, answered by a passage of I02's
reflection; dropped with a reason; reopened; kept through edits."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from eftertanke.carry_forward import question_lines
from eftertanke.domain import Entry, Interview, Section, ValidationError
from eftertanke.services import questions as qs
from eftertanke.services.coding import Source
from eftertanke.services.editing import save_edit
from eftertanke.services.writing import write_entry
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal

NOT_ASKED = "Jeg spurgte ikke til hendes egen leder.\n\n- Hvad med weekenden?"
LEADS = "Spørg til tavsheden i ledergruppen"
I02_ANSWER = "Hun fortalte om sin egen leder, der aldrig spurgte ind."


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    start = datetime(2026, 3, 2, 10, 0).astimezone()
    journal.add_interview(Interview("I01", role="leder", date=start, status="done"))
    journal.add_interview(Interview("I02", role="leder", date=start + timedelta(days=7)))
    return journal


def i01_reflection(journal: Journal) -> Entry:
    entry = Entry(
        kind="interview",
        pack="post-interview",
        sections=[
            Section("impressions", "Indtryk?", "En rolig samtale."),
            Section("not-asked", "Hvad spurgte du ikke om?", NOT_ASKED),
            Section("leads", "Hvilke spor?", LEADS),
        ],
    )
    return write_entry(journal, entry, interview=journal.get_interview("I01"))


def i02_reflection(journal: Journal) -> Entry:
    entry = Entry(
        kind="interview",
        pack="post-interview",
        sections=[Section("impressions", "Indtryk?", I02_ANSWER)],
    )
    return write_entry(journal, entry, interview=journal.get_interview("I02"))


def test_lines_are_questions_without_list_marks() -> None:
    assert question_lines(NOT_ASKED) == [
        "Jeg spurgte ikke til hendes egen leder.",
        "Hvad med weekenden?",
    ]
    assert question_lines("  \n1. En\n2) To\n* En") == ["En", "To"]


def test_carried_prompt_ids_come_from_the_pack() -> None:
    assert qs.carried_prompt_ids("post-interview") == ["not-asked", "leads"]
    assert qs.carried_prompt_ids("daily") == []
    assert qs.carried_prompt_ids(None) == []


def test_writing_a_reflection_carries_its_questions(journal: Journal) -> None:
    entry = i01_reflection(journal)
    stored = journal.get_entry(entry.id)
    assert [q.text for q in stored.questions] == [
        "Jeg spurgte ikke til hendes egen leder.",
        "Hvad med weekenden?",
        LEADS,
    ]
    assert {q.status for q in stored.questions} == {"open"}
    assert [q.prompt_id for q in stored.questions] == ["not-asked", "not-asked", "leads"]


def test_open_questions_are_shown_before_the_next_interview(journal: Journal) -> None:
    i01_reflection(journal)
    found = qs.open_questions(journal, before="I02")
    assert [q.interview for q in found] == ["I01"] * 3
    assert qs.open_questions(journal, before="I01") == []


def test_answered_by_a_passage_of_i02(journal: Journal) -> None:
    source = i01_reflection(journal)
    answer = i02_reflection(journal)
    question = journal.get_entry(source.id).questions[0]
    link = qs.link_to_phrase(journal, answer.id[:8], "sin egen leder")
    closed = qs.answer_question(journal, question.id[:8], link)
    assert closed.status == "answered" and closed.closed is not None
    [listed] = qs.study_questions(journal, status="answered")
    assert listed.passage == "sin egen leder"
    assert listed.answered_in == "I02"
    assert not listed.passage_deleted
    assert len(qs.open_questions(journal)) == 2
    assert len(qs.study_questions(journal, interview="I01")) == 3
    assert qs.study_questions(journal, interview="I02") == []


def test_a_span_links_too_and_follows_an_edit(journal: Journal) -> None:
    source = i01_reflection(journal)
    answer = i02_reflection(journal)
    start = I02_ANSWER.index("egen")
    link = qs.link_to(journal, Source.answer(answer.id, "impressions"), start, start + 4)
    qs.answer_question(journal, journal.get_entry(source.id).questions[1].id, link)
    edited = journal.get_entry(answer.id)
    edited.sections[0].answer = "Først dette. " + I02_ANSWER
    save_edit(journal, edited, edited.revision)
    [listed] = qs.study_questions(journal, status="answered")
    assert listed.passage == "egen"
    with pytest.raises(ValidationError):
        qs.link_to(journal, Source.answer(answer.id, "impressions"), 5, 500)


def test_passage_deleted_when_the_answering_entry_goes(journal: Journal) -> None:
    source = i01_reflection(journal)
    answer = i02_reflection(journal)
    link = qs.link_to_phrase(journal, answer.id, "sin egen leder")
    qs.answer_question(journal, journal.get_entry(source.id).questions[0].id, link)
    journal.delete_entry(answer.id)
    [listed] = qs.study_questions(journal, status="answered")
    assert listed.passage is None and listed.passage_deleted


def test_dropped_with_a_reason_and_reopened(journal: Journal) -> None:
    source = i01_reflection(journal)
    qid = journal.get_entry(source.id).questions[2].id
    with pytest.raises(ValidationError):
        qs.drop_question(journal, qid, "  ")
    dropped = qs.drop_question(journal, qid, "Ikke relevant for I02's rolle")
    assert dropped.status == "dropped" and dropped.reason == "Ikke relevant for I02's rolle"
    [listed] = qs.study_questions(journal, status="dropped")
    assert listed.question.reason == "Ikke relevant for I02's rolle"
    reopened = qs.reopen_question(journal, qid)
    assert reopened.status == "open" and reopened.reason == "" and reopened.closed is None
    assert len(qs.open_questions(journal)) == 3


def test_unknown_and_ambiguous_ids(journal: Journal) -> None:
    i01_reflection(journal)
    with pytest.raises(NotFoundError):
        qs.find_question(journal, "zzzz")
    with pytest.raises(ValidationError):
        qs.find_question(journal, " ")
    [question] = [q for q in qs.study_questions(journal) if q.question.prompt_id == "leads"]
    entry_id, found = qs.find_question(journal, question.question.id.upper())
    assert found.id == question.question.id and entry_id == question.entry_id


def test_an_edit_keeps_unchanged_lines_and_closed_questions(journal: Journal) -> None:
    source = i01_reflection(journal)
    before = journal.get_entry(source.id).questions
    qs.drop_question(journal, before[1].id, "besvaret i forvejen")
    edited = journal.get_entry(source.id)
    # The dropped line is removed, the first is kept, the lead is rewritten.
    edited.sections[1].answer = "Jeg spurgte ikke til hendes egen leder."
    edited.sections[2].answer = "Spørg til tavsheden"
    save_edit(journal, edited, edited.revision)
    after = journal.get_entry(source.id).questions
    by_id = {q.id: q for q in after}
    assert before[0].id in by_id and by_id[before[0].id].status == "open"
    assert by_id[before[1].id].status == "dropped"
    assert before[2].id not in by_id  # an open question whose line changed
    assert [q.text for q in after if q.status == "open"] == [
        "Jeg spurgte ikke til hendes egen leder.",
        "Spørg til tavsheden",
    ]


def test_old_entries_read_and_write_the_same_bytes(journal: Journal) -> None:
    entry = Entry(kind="memo", body="Intet at spørge om.")
    assert "questions" not in entry.to_dict()
    data = i01_reflection(journal).to_dict()
    assert Entry.from_dict(data).to_dict() == data


def test_an_answered_question_needs_its_link() -> None:
    from eftertanke.domain import CarriedQuestion

    with pytest.raises(ValidationError):
        CarriedQuestion("Hvad?", "leads", status="answered").validate()
    with pytest.raises(ValidationError):
        CarriedQuestion("Hvad?", "leads", status="maybe").validate()


def test_a_schema_4_journal_opens_as_5_and_refuses_an_older_eftertanke(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orjson

    from eftertanke.store import layout
    from eftertanke.store.errors import NewerSchemaError

    entry = i01_reflection(journal)
    before = {p.name: p.read_bytes() for p in (journal.root / layout.ENTRIES_DIR).iterdir()}
    meta_path = journal.root / layout.META_FILE
    meta = orjson.loads(meta_path.read_bytes())
    meta_path.write_bytes(orjson.dumps({**meta, "schema": 4}))
    migrated = Journal(journal.root)
    assert migrated.meta["schema"] == 5 == layout.SCHEMA_VERSION
    assert {p.name: p.read_bytes() for p in (journal.root / layout.ENTRIES_DIR).iterdir()} == before
    assert len(migrated.get_entry(entry.id).questions) == 3
    monkeypatch.setattr(layout, "SCHEMA_VERSION", 4)
    with pytest.raises(NewerSchemaError):
        Journal(journal.root)


def test_carry_questions_on_an_entry_without_a_carrying_pack() -> None:
    entry = Entry(kind="daily", pack="daily", sections=[Section("needs", "?", "Ro\nTid")])
    assert qs.carry_questions(entry) is False and entry.questions == []
    reflection = Entry(
        kind="interview", pack="post-interview", sections=[Section("leads", "?", LEADS)]
    )
    assert qs.carry_questions(reflection) is True
    assert qs.carry_questions(reflection) is False  # the same lines again: nothing new


def test_questions_of_reads_entry_dicts_without_the_store(journal: Journal) -> None:
    source = i01_reflection(journal)
    docs = list(journal.raw_entries(False))
    found = qs.questions_of(docs)
    assert [q.entry_id for q in found] == [source.id] * 3
    assert qs.questions_of(docs, interview="i01") == found
    assert qs.questions_of(docs, status="dropped") == []
    assert qs.open_before(found, "I02") == found and qs.open_before(found, "I01") == []
    assert qs.open_before(found, None) == found
