"""Direct tests of services/citation.py: a coded passage, a span of an entry and a
transcript turn cited in the configured style."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from eftertanke.citation import CitationStyle
from eftertanke.domain import Entry, Interview, Section, Theme, ValidationError
from eftertanke.services import citation as cite
from eftertanke.services import coding as codings
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

ANSWER = "Jeg var nervøs i starten, men det gik godt. Hun var åben."
DA = CitationStyle.of("da")


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir)
    journal.add_theme(Theme("Tryghed", "safety"))
    journal.add_interview(Interview("I07", role="chef", appendix="7", reflection_appendix="5"))
    journal.add_interview(Interview("I08", role="chef"))
    return journal


def told(journal: Journal) -> Transcript:
    return journal.transcripts.add(
        Transcript(
            "I07",
            [
                Turn("Forsker", "Hvordan var det?", 580.0),
                Turn("Chef", "Det var trygt. Helt.", 585.0),
            ],
            interviewers=["Forsker"],
        )
    )


def test_a_citation_is_its_words_and_reference() -> None:
    assert cite.Citation("", "(notat)").text == "(notat)"
    whole = cite.Citation("ord", "(ref)")
    assert whole.to_dict() == {"words": "ord", "reference": "(ref)", "text": whole.text}
    assert "ord" in whole.text and whole.text.endswith("(ref)")


def test_style_for_reads_the_config(isolated_env: Path) -> None:
    assert (
        cite.style_for("en").transcript(Interview("I07", appendix="7"), "9.45")
        == "(Appendix 7, 9.45)"
    )
    (isolated_env / "config.toml").write_text(
        '[citation]\ntranscript = "[{code}/{appendix} {time}]"\n'
    )
    assert cite.style_for("da").transcript(Interview("I07", appendix="7"), "9.45") == "[I07/7 9.45]"


def test_entry_and_turn_references(journal: Journal) -> None:
    written = datetime(2026, 3, 14, 12, tzinfo=UTC)
    reflection = Entry(kind="interview", interview="I07", body="x", created=written)
    assert (
        cite.entry_reference(journal, reflection, DA) == "(Bilag nr. 5, refleksion efter interview)"
    )
    memo = Entry(kind="memo", interview="I07", body="x", created=written)
    assert cite.entry_reference(journal, memo, DA) == "(notat, 14.03.2026)"
    lost = Entry(kind="interview", interview="I99", body="x", created=written)
    assert cite.entry_reference(journal, lost, DA) == "(notat, 14.03.2026)"
    assert cite.turn_reference(journal, told(journal), 1, DA) == "(Bilag nr. 7, 9.45)"


def test_cite_coding_quotes_within_the_turn_or_the_answer(journal: Journal) -> None:
    transcript = told(journal)
    entry = journal.add_entry(
        Entry(kind="interview", interview="I07", sections=[Section("p", "Q", ANSWER)])
    )
    in_entry = codings.code_phrase(journal, "entry", entry.id, "nervøs i starten", ["Tryghed"])
    in_turn = codings.code_phrase(
        journal, "transcript", transcript.id, "Chef: Det var trygt", ["Tryghed"]
    )
    first = cite.cite_coding(journal, in_entry.id[:8], DA)
    assert first.words == "[...] nervøs i starten [...]"
    assert first.reference == "(Bilag nr. 5, refleksion efter interview)"
    spoken = cite.cite_coding(journal, in_turn.id, DA)
    assert spoken.words == "Det var trygt"  # the speaker's name is not quoted
    assert spoken.reference == "(Bilag nr. 7, 9.45)"


def test_cite_entry_whole_or_a_span_of_the_one_text(journal: Journal) -> None:
    entry = journal.add_entry(Entry(kind="memo", body=ANSWER))
    assert cite.cite_entry(journal, entry.id, DA).words == ""
    assert cite.cite_entry(journal, entry.id, DA, span=(0, 3)).words == "Jeg [...]"
    two = journal.add_entry(Entry(kind="memo", body="Krop.", sections=[Section("p1", "Q", ANSWER)]))
    with pytest.raises(ValidationError, match="has 2 texts"):
        cite.cite_entry(journal, two.id, DA, span=(0, 3))
    assert cite.cite_entry(journal, two.id, DA, span=(0, 3), section="p1").words == "Jeg [...]"
    with pytest.raises(NotFoundError):
        cite.cite_entry(journal, two.id, DA, span=(0, 3), section="p9")


def test_cite_time_quotes_the_turn_spoken_then(journal: Journal) -> None:
    told(journal)
    at = cite.cite_time(journal, "I07", "9.47", DA)
    assert (at.words, at.reference) == ("Det var trygt. Helt.", "(Bilag nr. 7, 9.45)")
    assert cite.cite_time(journal, "I07", "0:01", DA).words == "Hvordan var det?"
    with pytest.raises(ValidationError):
        cite.cite_time(journal, "I07", "kl. ni", DA)
    with pytest.raises(NotFoundError, match="transcript import I08"):
        cite.cite_time(journal, "I08", "9.45", DA)


def test_cite_turn_quotes_the_whole_turn_or_says_there_is_none(journal: Journal) -> None:
    assert cite.cite_turn(journal, "I07", 1, DA) is None
    told(journal)
    turn = cite.cite_turn(journal, "i07", 1, DA)
    assert turn is not None
    assert (turn.words, turn.reference) == ("Det var trygt. Helt.", "(Bilag nr. 7, 9.45)")


def test_cited_languages_are_those_of_what_is_cited(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eftertanke.domain import Entry, Interview
    from eftertanke.services.citation import cited_languages
    from eftertanke.store import Journal

    journal = Journal(tmp_path / "j")
    journal.add_interview(Interview("I07", role="chef"))
    danish = journal.add_entry(Entry(kind="interview", interview="I07", body="På dansk."))
    journal.add_entry(Entry(kind="interview", interview="I07", language="en", body="English."))
    assert cited_languages(journal, danish.id[:8], None) == ["da"]
    assert sorted(cited_languages(journal, None, "I07")) == ["da", "en"]
    assert cited_languages(journal, "ffffffff", None) == []  # the citation itself says why
