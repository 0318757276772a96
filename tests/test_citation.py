"""Citations as the thesis writes them: appendix numbers, times, fragments with [...]."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from eftertanke.citation import CitationStyle, fragment
from eftertanke.domain import Entry, Interview, Section, Theme, ValidationError
from eftertanke.services import coding as codings
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

ANSWER = "Jeg var nervøs i starten, men det gik godt. Hun var åben om sin egen tvivl."


def test_a_fragment_elides_only_where_the_sentence_goes_on() -> None:
    start = ANSWER.index("nervøs")
    assert (
        fragment(ANSWER, start, start + len("nervøs i starten")) == "[...] nervøs i starten [...]"
    )
    assert fragment(ANSWER, 0, ANSWER.index(",")) == "Jeg var nervøs i starten [...]"
    assert fragment(ANSWER, ANSWER.index("men"), ANSWER.index(". Hun")) == "[...] men det gik godt"
    second = ANSWER.index("Hun")
    assert fragment(ANSWER, second, len(ANSWER)) == "Hun var åben om sin egen tvivl."
    assert (
        fragment(ANSWER, 0, ANSWER.index(".") + 1) == "Jeg var nervøs i starten, men det gik godt."
    )
    assert fragment("a\n\nb c", 0, 1) == "a"  # a line break ends a sentence
    with pytest.raises(ValidationError):
        fragment(ANSWER, 5, 5)


def test_styles_per_language_and_from_the_config() -> None:
    interview = Interview("I07", role="plejehjemsleder", appendix="7", reflection_appendix="5")
    written = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    da = CitationStyle.of("da")
    assert da.transcript(interview, "9.45") == "(Bilag nr. 7, 9.45)"
    assert da.reflection(interview, written) == "(Bilag nr. 5, refleksion efter interview)"
    assert da.reflection(None, written) == "(notat, 14.03.2026)"
    assert CitationStyle.of("en").transcript(interview, "9.45") == "(Appendix 7, 9.45)"
    unnumbered = Interview("I08", role="leder")
    assert da.transcript(unnumbered, "1.05") == "(I08, 1.05)"
    assert da.transcript(unnumbered, "") == "(I08)"
    mine = CitationStyle.of("da", {"citation": {"transcript": "[{code}/bilag {appendix} {time}]"}})
    assert mine.transcript(interview, "9.45") == "[I07/bilag 7 9.45]"
    with pytest.raises(ValidationError, match=r"uses \{page\}"):
        CitationStyle.of("da", {"citation": {"reflection": "(s. {page})"}})


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir)
    journal.add_theme(Theme("Tryghed", "safety"))
    journal.add_interview(Interview("I07", role="chef", appendix="7", reflection_appendix="5"))
    return journal


def test_cite_a_coded_passage_of_a_reflection_and_of_a_transcript(journal: Journal, cli) -> None:
    entry = journal.add_entry(
        Entry(kind="interview", interview="I07", sections=[Section("p1", "Q", ANSWER)])
    )
    in_entry = codings.code_phrase(journal, "entry", entry.id, "nervøs i starten", ["Tryghed"])
    transcript = journal.transcripts.add(
        Transcript(
            "I07",
            [
                Turn("Forsker", "Kan man sige fra?", 580),
                Turn("Karin", "Her er det trygt at sige fra.", 585),
            ],
            interviewers=["Forsker"],
        )
    )
    in_turn = codings.code_phrase(
        journal, "transcript", transcript.id, "trygt at sige fra", ["Tryghed"]
    )
    assert cli.ok("cite", in_entry.id[:8], "--lang", "da").strip() == (
        "\u201c[...] nervøs i starten [...]\u201d (Bilag nr. 5, refleksion efter interview)"
    )
    assert cli.ok("cite", in_turn.id[:8], "--lang", "da").strip() == (
        "\u201c[...] trygt at sige fra\u201d (Bilag nr. 7, 9.45)"
    )
    whole = orjson.loads(
        cli.ok("cite", "--transcript", "I07", "--at", "9.50", "--json", "--lang", "en")
    )
    assert whole == {
        "words": "Her er det trygt at sige fra.",
        "reference": "(Appendix 7, 9.45)",
        "text": "\u201cHer er det trygt at sige fra.\u201d (Appendix 7, 9.45)",
    }
    assert cli.ok("cite", entry.id[:8], "--lang", "en").strip() == (
        "(Appendix 5, reflection after interview)"
    )
    # Without --lang a citation is worded as what it cites is written.
    assert cli.ok("cite", entry.id[:8]).strip() == "(Bilag nr. 5, refleksion efter interview)"
    assert cli.ok("cite", in_turn.id[:8]).strip().endswith("(Bilag nr. 7, 9.45)")
    assert cli.ok("cite", "--transcript", "I07", "--at", "9.50").strip().endswith(
        "(Bilag nr. 7, 9.45)"
    )
    english = journal.add_entry(
        Entry(kind="interview", interview="I07", language="en", body="In English.")
    )
    assert cli.ok("cite", english.id[:8]).strip() == "(Appendix 5, reflection after interview)"
    spanned = cli.ok("cite", entry.id[:8], "--span", "44-51", "--lang", "da").strip()
    assert spanned.startswith("\u201cHun var [...]\u201d")


def test_bad_citations_are_one_line_and_exit_1_or_2(journal: Journal, cli) -> None:
    entry = journal.add_entry(Entry(kind="memo", body="a", sections=[Section("p", "Q", "b")]))
    assert cli("cite").returncode == 2
    assert cli("cite", entry.id[:8], "--span", "x").returncode == 2
    two = cli("cite", entry.id[:8], "--span", "0-1")
    assert two.returncode == 1 and "--section" in two.stderr
    no_transcript = cli("cite", "--transcript", "I07", "--at", "9.45")
    assert no_transcript.returncode == 1 and "transcript import I07" in no_transcript.stderr
    assert len(no_transcript.stderr.strip().splitlines()) == 1


def test_appendix_numbers_are_set_on_the_command_line(journal: Journal, cli) -> None:
    cli.ok(
        "interview",
        "add",
        "I09",
        "--role",
        "leder",
        "--appendix",
        "9",
        "--reflection-appendix",
        "10",
    )
    cli.ok("interview", "edit", "I09", "--appendix", "9a")
    interview = Journal(journal.root).get_interview("I09")
    assert (interview.appendix, interview.reflection_appendix) == ("9a", "10")
