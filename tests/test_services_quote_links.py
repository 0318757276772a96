"""Direct tests of services/quote_links.py: a reflection's quotes with the
transcript passage each cites (or why not), and a transcript's citing quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftertanke.domain import Entry, Excerpt, Interview
from eftertanke.services import quote_links as links
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

SAID = "Ja, det er trygt at sige fra i min ledergruppe, men ikke i de store fora."


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir)
    for code in ("I03", "I04"):
        journal.add_interview(Interview(code, role="leder"))
    journal.transcripts.add(
        Transcript(
            "I03",
            [Turn("Forsker", "Er det trygt?", 580.0), Turn("Leder", SAID, 585.0)],
            interviewers=["Forsker"],
        )
    )
    return journal


def reflection(journal: Journal, **extra: object) -> Entry:
    return journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            title="Om I03",
            body="Noter.",
            excerpts=[
                Excerpt("I03", "9.45", "det er trygt at sige fra"),
                Excerpt("I03", "9.50", "helt andre ord end dem hun sagde den dag"),
                Excerpt("I04", "", "et citat fra et andet interview uden udskrift"),
                Excerpt("I09", "", "et citat fra et interview der ikke findes"),
            ],
            **extra,  # type: ignore[arg-type]
        ),
        check_links=False,  # an interview recoded away since: the quote stays
    )


def test_links_for_entry_finds_each_quote_or_says_why_not(journal: Journal) -> None:
    entry = reflection(journal)
    found = links.links_for_entry(journal, entry)
    assert [(link.interview, link.reason) for link in found] == [
        ("I03", ""),
        ("I03", links.NOT_FOUND),
        ("I04", links.NO_TRANSCRIPT),
        ("I09", links.UNKNOWN_INTERVIEW),
    ]
    first = found[0]
    assert first.matched and (first.turn, first.speaker, first.at) == (1, "Leder", 585.0)
    assert first.words == "det er trygt at sige fra" and first.span is not None
    assert first.entry_title == "Om I03" and first.score == 1.0
    assert not found[1].matched and found[1].span is None


def test_citations_of_transcript_are_by_turn_and_unmatched(journal: Journal) -> None:
    entry = reflection(journal)
    journal.add_entry(Entry(kind="memo", body="Intet citat."))
    told = journal.transcripts.for_interview("I03")
    cited = links.citations_of_transcript(journal, told)
    assert list(cited.by_turn) == [1]
    assert [link.entry_id for link in cited.by_turn[1]] == [entry.id]
    assert [link.reason for link in cited.unmatched] == [links.NOT_FOUND]
    other = journal.transcripts.add(
        Transcript("I04", [Turn("A", "Noget andet.", 1.0)], interviewers=[])
    )
    assert links.citations_of_transcript(journal, other).by_turn == {}


def test_quotes_not_found_in_the_transcript_are_listed_by_the_time_they_cite(
    journal: Journal,
) -> None:
    """The Interview screen lists the quotes a transcript does not hold after
    the found ones: by when they were said (9.45 before 1:09:45), not in the
    order the reflections give them, and one without a time last."""
    journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            body="Citater, jeg ikke kan finde igen.",
            excerpts=[
                Excerpt("I03", "", "ord uden tid som hun aldrig sagde"),
                Excerpt("I03", "1:09:45", "ord fra slutningen hun aldrig sagde"),
                Excerpt("I03", "12.03", "ord fra midten hun aldrig sagde"),
                Excerpt("I03", "9.45", "ord fra starten hun aldrig sagde"),
            ],
        )
    )
    cited = links.citations_of_transcript(journal, journal.transcripts.for_interview("I03"))
    assert [link.quote.timestamp for link in cited.unmatched] == ["9.45", "12.03", "1:09:45", ""]
