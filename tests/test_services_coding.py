"""Direct tests of services/coding.py: coding a span or a phrase, changing and
removing a coding, and the passages read model every list starts from."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftertanke.domain import Entry, Interview, Section, Theme, ValidationError
from eftertanke.services import coding as codings
from eftertanke.services.coding import ENTRY, TRANSCRIPT, Source
from eftertanke.store.errors import AmbiguousIdError, NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

FEELING = "Jeg var nervøs, men samtalen blev tryg."
ENERGY = "Kollegerne gav energi."
BODY = "Et notat om tryghed."


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    for name, concept in (
        ("Tryghed", "safety"),
        ("Kolleger", "drive"),
        ("Nervøsitet", "wellbeing"),
    ):
        journal.add_theme(Theme(name, concept))
    journal.add_interview(Interview("I03", role="leder"))
    return journal


def reflection(journal: Journal) -> Entry:
    return journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            title="",
            body=BODY,
            sections=[Section("feeling", "Hvordan?", FEELING), Section("energy", "Energi?", ENERGY),
                      Section("empty", "Tom?", "  ")],
        )
    )  # fmt: skip


def transcript(journal: Journal) -> Transcript:
    return journal.transcripts.add(
        Transcript(
            "I03",
            [Turn("Forsker", "Er du tryg?", 5.0), Turn("Leder", "Ja, tryg nu.", 9.0)],
            interviewers=["Forsker"],
        )
    )


def test_entry_sources_are_the_answers_then_the_body(journal: Journal) -> None:
    entry = reflection(journal)
    assert codings.entry_sources(entry) == [
        (Source.answer(entry.id, "feeling"), FEELING),
        (Source.answer(entry.id, "energy"), ENERGY),
        (Source.body(entry.id), BODY),
    ]


def test_source_text_of_an_answer_a_body_and_a_transcript(journal: Journal) -> None:
    entry, told = reflection(journal), transcript(journal)
    assert codings.source_text(journal, Source.answer(entry.id, "energy")) == ENERGY
    assert codings.source_text(journal, Source.body(entry.id)) == BODY
    assert codings.source_text(journal, Source.transcript(told.id)) == told.text
    with pytest.raises(NotFoundError, match="no answer to prompt 'nope'"):
        codings.source_text(journal, Source.answer(entry.id, "nope"))


def test_code_passage_stores_the_words_and_the_same_span_gains_themes(journal: Journal) -> None:
    entry = reflection(journal)
    where = Source.answer(entry.id, "feeling")
    start = FEELING.index("nervøs")
    first = codings.code_passage(journal, where, start, start + 6, ["nervøsitet"], memo="m")
    assert (first.quote, first.themes, first.author) == ("nervøs", ["Nervøsitet"], "mette")
    again = codings.code_passage(journal, where, start, start + 6, ["Tryghed", "Nervøsitet"])
    stored = journal.get_entry(entry.id).codings
    assert len(stored) == 1 and again.id == first.id
    assert stored[0].themes == ["Nervøsitet", "Tryghed"] and stored[0].memo == "m"
    with pytest.raises(NotFoundError, match="unknown theme"):
        codings.code_passage(journal, where, 0, 3, ["Ukendt"])
    with pytest.raises(ValidationError):
        codings.code_passage(journal, where, 0, 3, [])


def test_locate_and_code_a_phrase_once_in_any_text(journal: Journal) -> None:
    entry, told = reflection(journal), transcript(journal)
    where, start, end = codings.locate_phrase(journal, ENTRY, entry.id, "KOLLEGERNE")
    assert where == Source.answer(entry.id, "energy") and ENERGY[start:end] == "Kollegerne"
    with pytest.raises(AmbiguousIdError, match="2 times"):
        codings.locate_phrase(journal, TRANSCRIPT, told.id, "tryg")
    with pytest.raises(NotFoundError):
        codings.locate_phrase(journal, ENTRY, entry.id, "findes ikke")
    with pytest.raises(ValidationError):
        codings.locate_phrase(journal, ENTRY, entry.id, "   ")
    coded = codings.code_phrase(journal, TRANSCRIPT, told.id, "tryg nu", ["Tryghed"])
    assert journal.transcripts.get(told.id).codings[0].id == coded.id


def test_passages_read_model_in_reading_order_with_labels(journal: Journal) -> None:
    entry, told = reflection(journal), transcript(journal)
    codings.code_phrase(journal, ENTRY, entry.id, "notat", ["Tryghed"])
    codings.code_phrase(journal, ENTRY, entry.id, "energi", ["Kolleger"])
    codings.code_phrase(journal, ENTRY, entry.id, "nervøs", ["Nervøsitet"])
    codings.code_phrase(journal, TRANSCRIPT, told.id, "tryg nu", ["Tryghed"])
    doc = journal.get_entry(entry.id).to_dict()
    of_entry = list(codings.passages_of_entry(doc))
    assert [(p.coding.quote, p.section_label) for p in of_entry] == [
        ("nervøs", "Hvordan?"), ("energi", "Energi?"), ("notat", "body")]  # fmt: skip
    assert {p.label for p in of_entry} == {BODY}  # no title: the first line written
    (turn,) = codings.passages_of_transcript(journal.transcripts.get(told.id))
    assert (turn.label, turn.section_label, turn.respondent) == (
        "Transcript I03",
        "Leder 00:09",
        True,
    )
    assert [p.coding.quote for p in codings.passages_of(journal, ENTRY, entry.id[:8])] == [
        "nervøs", "energi", "notat"]  # fmt: skip
    assert codings.passages_of(journal, TRANSCRIPT, told.id)[0].source == Source.transcript(told.id)
    every = codings.coded_passages(journal)
    assert [p.owner_kind for p in every] == [ENTRY, ENTRY, ENTRY, TRANSCRIPT]
    assert [p.coding.quote for p in codings.coded_passages(journal, theme="tryghed")] == [
        "notat", "tryg nu"]  # fmt: skip
    assert codings.coded_passages(journal, interview="I04") == []
    assert codings.coded_passages(journal, review_only=True) == []


def test_find_change_and_remove_a_coding_by_a_prefix_of_its_id(journal: Journal) -> None:
    entry = reflection(journal)
    coding = codings.code_phrase(journal, ENTRY, entry.id, "nervøs", ["Nervøsitet"])
    with pytest.raises(NotFoundError, match="too short"):
        codings.find_coding(journal, coding.id[:3])
    assert codings.find_coding(journal, coding.id[:6].upper()).coding.id == coding.id
    assert codings.recode(journal, coding.id[:6], ["tryghed"]).themes == ["Tryghed"]
    assert codings.set_memo(journal, coding.id, "usikker").memo == "usikker"
    start = FEELING.index("samtalen")
    moved = codings.move_span(journal, coding.id, start, start + len("samtalen"))
    assert moved.quote == "samtalen" and moved.review == ""
    stored = journal.get_entry(entry.id).codings[0]
    assert (stored.quote, stored.themes, stored.memo) == ("samtalen", ["Tryghed"], "usikker")
    codings.remove_coding(journal, coding.id)
    assert journal.get_entry(entry.id).codings == []
    assert journal.get_entry(entry.id).sections[0].answer == FEELING  # the text stays
    with pytest.raises(NotFoundError):
        codings.find_coding(journal, coding.id)


def test_entry_label_is_the_one_title_rule() -> None:
    assert codings.entry_label(Entry(title="Titel", body="x").to_dict()) == "Titel"
    assert codings.entry_label(Entry(body="# Overskrift\nmere").to_dict()) == "Overskrift"
    long = Entry(body="ord " * 30).to_dict()
    assert codings.entry_label(long) == Entry.from_dict(long).display_title()
    assert codings.entry_label(long).endswith("…") and len(codings.entry_label(long)) == 61
    blank = Entry(body="x").to_dict() | {"body": ""}
    assert codings.entry_label(blank) == str(blank["id"])[:8]
