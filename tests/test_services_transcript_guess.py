"""Direct tests of services/transcript_guess.py: the interviewer and language
guesses, and matching names to speakers."""

from __future__ import annotations

import pytest

from eftertanke.domain import ValidationError
from eftertanke.services.transcript_guess import (
    guess_interviewers,
    guess_language,
    interviewers_from_record,
    match_speaker,
    resolve_speakers,
)
from eftertanke.transcript import Turn

SPEAKERS = ["Mette Lund", "Karin Holm", "Jonas Berg"]


def test_guess_language_counts_common_words_and_leans_danish_on_a_tie() -> None:
    assert guess_language([Turn("A", "Hvad er det der giver dig energi, og hvordan?")]) == "da"
    assert guess_language([Turn("A", "What is it that gives you energy, and how?")]) == "en"
    assert guess_language([Turn("A", "12 34")]) == "da"


def test_guess_interviewers_is_who_asks_most_else_the_first() -> None:
    asks = [Turn("Karin", "Ja."), Turn("Mette", "Hvorfor? Hvordan?"), Turn("Karin", "Sådan?")]
    assert guess_interviewers(asks) == (["Mette"], "questions")
    tie = [Turn("Karin", "Ja?"), Turn("Mette", "Nej?")]
    assert guess_interviewers(tie) == (["Karin"], "questions")
    quiet = [Turn("Karin", "Ja."), Turn("Mette", "Nej.")]
    assert guess_interviewers(quiet) == (["Karin"], "first")
    assert guess_interviewers([Turn("Karin", "Hvad?"), Turn("?", "(host)")]) == ([], "")


def test_match_speaker_by_whole_name_or_a_unique_start() -> None:
    assert match_speaker("  mette   LUND ", SPEAKERS) == "Mette Lund"
    assert match_speaker("Karin", SPEAKERS) == "Karin Holm"
    assert match_speaker("Lund", SPEAKERS) is None
    assert match_speaker("", SPEAKERS) is None
    assert match_speaker("Anna", ["Anna A", "Anna B"]) is None  # two start so


def test_resolve_speakers_refuses_a_name_that_does_not_speak() -> None:
    assert resolve_speakers(["karin", "Karin Holm", "Jonas"], SPEAKERS, "x") == [
        "Karin Holm",
        "Jonas Berg",
    ]
    with pytest.raises(ValidationError, match="'Ruth' does not speak in I03.*Mette Lund"):
        resolve_speakers(["Ruth"], SPEAKERS, "I03")


def test_interviewers_from_record_reads_two_names_and_ignores_the_rest() -> None:
    assert interviewers_from_record("Mette Lund og Jonas Berg", SPEAKERS) == [
        "Mette Lund",
        "Jonas Berg",
    ]
    assert interviewers_from_record("Mette, Ruth", SPEAKERS) == ["Mette Lund"]
    assert interviewers_from_record("Jensen, Anna", ["Jensen, Anna", "Karin"]) == ["Jensen, Anna"]
    assert interviewers_from_record("", SPEAKERS) == []
