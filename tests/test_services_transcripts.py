"""Direct tests of services/transcripts.py: import (nothing written on a bad file),
replace with codings carried over, interviewers, a speaker renamed, removal."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

from eftertanke.domain import Coding, Interview, Theme, ValidationError
from eftertanke.errors import JournalError, NotFoundError
from eftertanke.importers.transcripts import TranscriptFormatError
from eftertanke.services import coding as codings
from eftertanke.services import transcripts as service
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

DATA = Path(__file__).parent / "data" / "transcripts"


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    journal.add_theme(Theme("Energi", "drive"))
    journal.add_interview(Interview("I07", role="leder", status="done", interviewer="Mette Lund"))
    return journal


def test_read_file_refuses_a_file_too_large_to_be_a_transcript(tmp_path: Path) -> None:
    huge = tmp_path / "huge.vtt"
    with huge.open("wb") as out:
        out.truncate(service.MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(ValidationError, match="huge.vtt is 50 MB"):
        service.read_file(huge)
    assert service.read_file(DATA / "plain_da.txt").format == "text"


def test_import_moves_the_interview_on_and_takes_the_record_s_interviewer(journal: Journal) -> None:
    result = service.import_transcript(journal, "i07", DATA / "teams_da.vtt")
    assert result.transcript.interview == "I07" and not result.replaced
    assert result.interviewers_from == "record" and not result.guessed
    assert result.transcript.interviewers == ["Mette Lund"]
    assert result.status_before == "done" and journal.get_interview("I07").status == "transcribed"
    assert result.transcript.language == "da"
    assert service.transcript_of(journal, "I07").id == result.transcript.id


def test_a_second_import_needs_replace_and_carries_the_codings(journal: Journal) -> None:
    first = service.import_transcript(journal, "I07", DATA / "teams_da.vtt")
    codings.code_phrase(journal, "transcript", first.transcript.id, "personlig energi", ["Energi"])
    before = snapshot(journal.root)
    with pytest.raises(JournalError, match="--replace"):
        service.import_transcript(journal, "I07", DATA / "teams_da.vtt")
    assert snapshot(journal.root) == before
    again = service.import_transcript(journal, "I07", DATA / "teams_da.vtt", replace=True,
                                      interviewer="Jonas")  # fmt: skip
    assert again.replaced and (again.carried, again.flagged) == (1, 0)
    assert again.transcript.id == first.transcript.id
    assert again.interviewers_from == "given" and again.transcript.interviewers == ["Jonas Berg"]
    stored = journal.transcripts.get(first.transcript.id)
    coding = stored.codings[0]
    assert stored.text[coding.start : coding.end] == "personlig energi"


def test_a_bad_file_or_a_wrong_name_writes_nothing(journal: Journal) -> None:
    before = snapshot(journal.root)
    with pytest.raises(TranscriptFormatError, match="broken_timestamp.vtt, line 8"):
        service.import_transcript(journal, "I07", DATA / "broken_timestamp.vtt")
    with pytest.raises(ValidationError, match="does not speak"):
        service.import_transcript(journal, "I07", DATA / "teams_da.vtt", interviewer="Ruth")
    assert snapshot(journal.root) == before


def test_transcript_of_an_interview_without_one_says_what_to_do(journal: Journal) -> None:
    with pytest.raises(NotFoundError, match="eftertanke transcript import I07 FILE"):
        service.transcript_of(journal, "i07")


def test_interview_transcript_is_the_record_and_its_transcript_or_none(
    journal: Journal,
) -> None:
    interview, transcript = service.interview_transcript(journal, "i07")
    assert (interview.code, transcript) == ("I07", None)
    journal.transcripts.add(Transcript("I07", [Turn("Mette Lund", "Hvordan gik det?", 1.0)]))
    interview, transcript = service.interview_transcript(journal, "I07")
    assert transcript is not None and transcript.turns[0].text == "Hvordan gik det?"
    with pytest.raises(NotFoundError):
        service.interview_transcript(journal, "I99")


def test_carry_codings_re_anchors_or_flags(journal: Journal) -> None:
    old = Transcript("I07", [Turn("A", "Vi lykkes sammen.", 1.0)], interviewers=[])
    at = old.text.index("lykkes")
    old.codings.append(Coding.of(old.text, at, at + 6, ["Energi"]))
    moved = Transcript("I07", [Turn("B", "Jo. Vi lykkes sammen.", 1.0)], interviewers=[])
    assert service.carry_codings(old, moved) == (1, 0)
    assert moved.text[moved.codings[0].start : moved.codings[0].end] == "lykkes"
    gone = Transcript("I07", [Turn("A", "x", 1.0)], interviewers=[])
    assert service.carry_codings(old, gone) == (1, 1)
    assert 0 <= gone.codings[0].start < gone.codings[0].end <= len(gone.text)


def test_interviewers_rename_and_remove(journal: Journal) -> None:
    imported = service.import_transcript(journal, "I07", DATA / "teams_da.vtt").transcript
    codings.code_phrase(journal, "transcript", imported.id, "personlig energi", ["Energi"])
    chosen = service.set_interviewers(journal, "I07", ["Mette", "jonas berg"])
    assert chosen.interviewers == ["Mette Lund", "Jonas Berg"]
    renamed = service.rename_speaker(journal, "I07", "Karin", "R03")
    assert "Karin Holm" not in renamed.speakers and "R03" in renamed.speakers
    coding = renamed.codings[0]
    assert renamed.text[coding.start : coding.end] == "personlig energi"
    with pytest.raises(ValidationError, match="empty"):
        service.rename_speaker(journal, "I07", "R03", "   ")
    removed = service.remove_transcript(journal, "I07")
    assert removed.id == imported.id and journal.transcripts.for_interview("I07") is None
    assert journal.get_interview("I07").code == "I07"  # the interview stays
