"""Doctor on coded passages and transcripts as stored: spans that do not fit
their text, a transcript without its interview, an interview with two."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from eftertanke.domain import Entry, Interview, Section, Theme
from eftertanke.services import coding as codings
from eftertanke.store import layout
from eftertanke.store.doctor import check
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

ANSWER = "Hun talte frit i den lille gruppe. I det store netværk tav hun."


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(tmp_path / "j", author="mette")
    journal.add_theme(Theme("Tryghed", "safety"))
    journal.add_interview(Interview("I01", role="leder"))
    entry = journal.add_entry(
        Entry(kind="interview", interview="I01", sections=[Section("q", "Tryghed?", ANSWER)])
    )
    transcript = journal.transcripts.add(
        Transcript(
            "I01", [Turn("Mette", "Og netværket?", 60.0), Turn("Leder", "Der tier jeg.", 65)]
        )
    )
    codings.code_phrase(journal, codings.ENTRY, entry.id, "talte frit", ["Tryghed"])
    codings.code_phrase(journal, codings.TRANSCRIPT, transcript.id, "tier jeg", ["Tryghed"])
    return journal


def messages(root: Path) -> list[str]:
    return [f"{f.level}: {f.message}" for f in check(root)]


def edit_shard(path: Path, table: str, change) -> None:  # noqa: ANN001
    data = orjson.loads(path.read_bytes())
    for doc in data[table].values():
        change(doc)
    path.write_bytes(orjson.dumps(data))


def test_a_coded_journal_with_a_transcript_is_sound(journal: Journal) -> None:
    assert [f.level for f in check(journal.root)] == ["info"]


def test_spans_that_do_not_fit_their_text_are_named(journal: Journal) -> None:
    (entry,) = journal.entries()
    shard = layout.shard_path(journal.root, entry.id)
    coding_id = entry.codings[0].id[:8]

    def outside(doc: dict) -> None:
        doc["codings"][0]["start"], doc["codings"][0]["end"] = 60, 90

    edit_shard(shard, "entries", outside)
    assert f"warning: entry {entry.id[:8]}: coding {coding_id} spans 60-90, outside its text " \
        f"({len(ANSWER)} characters)" in messages(journal.root)  # fmt: skip

    def moved(doc: dict) -> None:
        doc["codings"][0]["start"], doc["codings"][0]["end"] = 0, 10

    edit_shard(shard, "entries", moved)
    assert f"warning: entry {entry.id[:8]}: coding {coding_id} no longer covers its words " \
        "at 0-10" in messages(journal.root)  # fmt: skip

    def gone(doc: dict) -> None:
        doc["codings"][0]["section"] = "q-removed"

    edit_shard(shard, "entries", gone)
    assert any(
        "answer the entry does not have (prompt 'q-removed')" in m for m in messages(journal.root)
    )


def test_a_coding_flagged_for_review_is_named_once(journal: Journal) -> None:
    (entry,) = journal.entries()

    def rewrite(entry: Entry) -> None:
        entry.sections[0].answer = "Noget helt andet."

    journal.modify_entry(entry.id, rewrite)
    found = [m for m in messages(journal.root) if "coding" in m]
    assert len(found) == 1 and "needs review" in found[0]


def test_a_transcript_span_outside_its_turns_is_named(journal: Journal) -> None:
    (transcript,) = journal.transcripts.all()
    path = layout.transcript_path(journal.root, transcript.id)

    def outside(doc: dict) -> None:
        doc["codings"][0]["end"] = 10_000

    edit_shard(path, "transcripts", outside)
    assert any(
        m.startswith(f"warning: transcript {transcript.id[:8]}: coding") and "outside its text" in m
        for m in messages(journal.root)
    )


def test_a_transcript_must_belong_to_an_interview_of_the_journal(journal: Journal) -> None:
    (transcript,) = journal.transcripts.all()
    path = layout.transcript_path(journal.root, transcript.id)
    edit_shard(path, "transcripts", lambda doc: doc.update(interview="0000-gone"))
    found = messages(journal.root)
    assert (
        f"error: transcript {transcript.id[:8]} belongs to interview '0000-gone', which this "
        "journal does not have"
    ) in found
    assert not any("entry" in m and "0000-gone" in m for m in found)  # said once, rightly


def test_an_interview_with_two_transcripts_is_named(journal: Journal) -> None:
    (transcript,) = journal.transcripts.all()
    path = layout.transcript_path(journal.root, transcript.id)
    data = orjson.loads(path.read_bytes())
    twin = "ffffffff-0000-4000-8000-000000000001"
    doc = data["transcripts"][transcript.id]
    data["transcripts"][twin] = {**doc, "id": twin}
    path.write_bytes(orjson.dumps(data))
    found = [m for m in messages(journal.root) if "transcripts (" in m]
    ids = ", ".join(sorted([transcript.id[:8], "ffffffff"]))
    assert found == [
        f"warning: interview I01 has 2 transcripts ({ids}); only one is shown and coded"
    ]


def _answered(journal: Journal) -> tuple[Entry, Entry, str]:
    """A reflection carrying a question, answered by a passage of another entry."""
    from eftertanke.domain import AnswerLink, CarriedQuestion
    from eftertanke.services.questions import answer_question

    asking = journal.add_entry(
        Entry(kind="memo", body="Spurgte ikke.", questions=[CarriedQuestion("Hvornår tier hun?", "q")])
    )
    answering = journal.add_entry(Entry(kind="memo", body="Først tav hun. Så talte hun frit."))
    start = answering.body.index("talte hun frit")
    question = asking.questions[0]
    answer_question(
        journal,
        question.id,
        AnswerLink(answering.id, start, start + len("talte hun frit"), quote="talte hun frit"),
    )
    return asking, answering, question.id[:8]


def test_a_question_answered_by_a_passage_the_journal_holds_is_sound(journal: Journal) -> None:
    asking, _, _ = _answered(journal)
    assert not [m for m in messages(journal.root) if asking.id[:8] in m]


def test_answer_links_that_name_nothing_or_lost_their_words_are_named(journal: Journal) -> None:
    asking, answering, question = _answered(journal)
    where = f"entry {asking.id[:8]}: question {question} is answered by entry {answering.id[:8]}"
    journal.modify_entry(answering.id, lambda e: setattr(e, "body", "Hun sagde intet."))
    assert f"warning: {where}, whose text no longer holds the quoted words" in messages(journal.root)
    journal.delete_entry(answering.id)
    assert f"info: {where}, which is in the trash" in messages(journal.root)
    journal.restore_entry(answering.id)

    # A hand edit or a bad merge took the answering entry out of its shard.
    shard = layout.shard_path(journal.root, answering.id)
    data = orjson.loads(shard.read_bytes())
    del data["entries"][answering.id]
    shard.write_bytes(orjson.dumps(data))
    assert f"warning: {where}, which this journal does not have" in messages(journal.root)


def test_an_answer_from_a_purged_entry_is_info(journal: Journal) -> None:
    from eftertanke.services.purge import plan_entries, purge

    asking, answering, question = _answered(journal)
    purge(journal, plan_entries(journal, [answering.id]))
    assert (
        f"info: entry {asking.id[:8]}: question {question} is answered by entry "
        f"{answering.id[:8]}, which was purged (its words went with it)"
    ) in messages(journal.root)
