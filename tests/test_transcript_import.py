"""Transcript import: every format's samples read into the turns written out
below by hand, bad files refused with the line named and nothing stored,
replacing and renaming keep codings on their words, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from conftest import Cli, snapshot

from eftertanke.domain import Interview, Theme, ValidationError
from eftertanke.errors import JournalError, NotFoundError
from eftertanke.importers.transcripts import (
    TranscriptFormatError,
    detect_format,
    parse_as,
    read_transcript,
)
from eftertanke.services import coding as codings
from eftertanke.services import transcripts as service
from eftertanke.services.transcript_guess import (
    guess_interviewers,
    guess_language,
    interviewers_from_record,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Turn

DATA = Path(__file__).parent / "data" / "transcripts"

# Each sample's turns: (speaker, words, start, end), in seconds.
EXPECTED: dict[str, tuple[str, list[tuple[str, str, float | None, float | None]]]] = {
    "teams_da.vtt": ("vtt", [
        ("Mette Lund", "Velkommen, og tak fordi du vil være med. Hvad er det, der giver dig "
         "personlig energi til at være leder?", 3.12, 12.9),
        ("Karin Holm", "Det er beboerne og personalet. Når vi lykkes sammen om en svær dag, så "
         "går jeg hjem med mere energi, end jeg kom med.", 14.2, 25.3),
        ("Jonas Berg", "Må jeg spørge ind til tilsynet? Hvordan påvirker det din trivsel?",
         602.0, 606.64),
        ("Karin Holm", "Tilsynet fylder meget. Jeg bruger aftenerne på dokumentation & mails.",
         607.1, 615.87),
        ("Mette Lund", "Kan du tale frit om problemer i din egen ledergruppe?", 3723.5, 3729.0),
        ("Karin Holm", "I den lille gruppe, ja. I de store fora tier jeg.", 3729.4, 3736.25),
    ]),
    "zoom_en.vtt": ("vtt", [
        ("Ruth Evans", "Thank you for making time for this. What gives you personal energy as "
         "a leader in the public sector?", 2.04, 11.8),
        ("Helen Moore", "Honestly? The residents. When a new carer finds her feet, that is a "
         "good day.", 12.5, 19.02),
        ("?", "(coughing)", 19.02, 22.0),
        ("Sam Patel", "How do time pressure and external demands affect your well-being?",
         940.0, 947.5),
        ("Helen Moore", "The inspections. I write reports at night, and I stop sleeping well.",
         948.2, 959.9),
        ("Ruth Evans", "What could lift leader well-being, looking back?", 3630.25, 3636.0),
        ("Helen Moore", "Supervision, and a leader group where I can say I am not coping.",
         3636.0, 3644.75),
    ]),
    "interview_da.srt": ("srt", [
        ("Mette Lund", "Lad os starte med drivkraften. Hvad giver dig energi i hverdagen?",
         1.5, 9.0),
        ("Karin Holm", "At se en ny medarbejder finde sig til rette. Det giver mig meget.",
         10.1, 17.8),
        ("Jonas Berg", "Hvordan er det at være den, der skal skabe tryghed?", 1200.0, 1206.5),
        ("Karin Holm", "Det er tungt. Jeg bærer meget alene.", 3910.0, 3918.4),
    ]),
    "interview_en.srt": ("srt", [
        ("?", "How do you experience psychological safety in your role?", 0.9, 4.4),
        ("?", "In my own leader group I can say anything.", 5.0, 12.25),
        ("?", "In the big forums I keep quiet.", 12.25, 18.0),
        ("?", "Thank you.", 4320.0, 4323.5),
    ]),
    "teams_da.docx": ("docx", [
        ("Mette Lund", "Velkommen. Hvad giver dig energi som leder?", 3.0, None),
        ("Karin Holm", "Fællesskabet med personalet. Og at vi lykkes sammen.", 11.0, None),
        ("Jonas Berg", "Hvordan påvirker tidspresset din trivsel?", 760.0, None),
        ("Karin Holm", "Jeg sover dårligt i perioder med tilsyn.", 767.0, None),
        ("Mette Lund", "Tak for samtalen.", 3675.0, None),
    ]),
    "teams_en.docx": ("docx", [
        ("Ruth Evans", "How do you experience psychological safety as a leader?", 2.5, 7.1),
        ("Helen Moore", "With the other managers, yes. With the director, less so.", 7.9, 15.3),
        ("Sam Patel", "Is there silence that worries you?", 2530.0, 2534.8),
        ("Helen Moore", "When nobody reports a mistake, I worry.", 3785.25, 3792.0),
    ]),
    "otter_da.txt": ("otter", [
        ("Mette Lund", "Hvad giver dig personlig energi til at være leder i den offentlige "
         "sektor?", 4.0, None),
        ("Karin Holm", "Det gør medarbejderne. Når de tør sige, at noget er svært, så ved jeg, "
         "at vi er et godt sted.", 12.0, None),
        ("Jonas Berg", "Og ledergruppen?", 842.0, None),
        ("Karin Holm", "Der savner jeg sparring.", 3609.0, None),
    ]),
    "otter_en.txt": ("otter", [
        ("Speaker 1", "Shall we begin?", 0.0, None),
        ("Speaker 2", "Yes, go ahead.", 3.0, None),
        ("Speaker 1", "Based on your experience, what could lift leader well-being?", 5.0, None),
        ("Speaker 2", "Structure, first of all. A calendar with room to think. And someone to "
         "call when it goes wrong.", 11.0, None),
        ("Speaker 3", "Thank you both.", 4530.0, None),
    ]),
    "otranscribe_da.otr": ("otr", [
        ("Interviewer", "Hvordan oplever du psykologisk tryghed i din lederrolle?", 5.3, None),
        ("Leder", "I min egen ledergruppe kan jeg sige alt. Men i det store forum er jeg mere "
         "forsigtig.", 12.9, None),
        ("Medinterviewer", "Hvad sker der, når nogen tier?", 585.0, None),
        ("Leder", "Så bliver det farligt.", 3725.6, None),
    ]),
    "otranscribe_en.otr": ("otr", [
        ("Ruth", "How do time pressure and resources affect your well-being?", 0.0, None),
        ("Helen", "There is never enough time.", 8.25, None),
        ("Helen", "I work most evenings.", 14.75, None),
        ("Sam", "And what has worked?", 3601.5, None),
        ("Helen", "A mentor from another municipality.", 3605.0, None),
    ]),
    "plain_da.txt": ("text", [
        ("Interviewer", "Hvad giver dig energi?", 5.0, None),
        ("Leder", "Når vi lykkes sammen. [griner] Det er det, jeg går på arbejde for.", 12.0, None),
        ("Medinterviewer", "Og tilsynet?", 585.0, None),
        ("Leder", "Det tager min tid fra personalet.", 592.0, None),
        ("Leder", "Jeg har brug for sparring.", 3725.0, None),
    ]),
    "plain_en.txt": ("text", [
        ("Ruth Evans", "Based on your experience, what has worked for leader well-being?",
         2.0, None),
        ("Helen Moore", "Supervision. [pause] And a director who asks how I am.", 9.0, None),
        ("Sam Patel", "What could be better?", 21.0, None),
        ("Helen Moore", "Fewer reports, more time on the floor.", 3870.0, None),
    ]),
}  # fmt: skip

# Each broken sample: the line the error names (None: the whole file) and words it says.
BROKEN: dict[str, tuple[int | None, str]] = {
    "broken_timestamp.vtt": (8, "a cue time like 00:01:02.000 --> 00:01:05.000 was expected, "
                                "got '00:00:04.500 --> 00:00:0x.000'"),
    "broken_header.vtt": (1, "starting with the line WEBVTT was expected, got 'WEBVT'"),
    "broken_timestamp.srt": (6, "got '00:00:05,000 -> 00:00:07,000'"),
    "broken_truncated.docx": (None, "not a Word document that can be read"),
    "broken_json.otr": (2, "not valid JSON"),
    "broken_timestamp.otr": (2, "data-timestamp must be seconds such as 585.2, got 'ni'"),
    "broken_time.txt": (4, "a time like 0:03 or 1:02:05 after the speaker's name was expected"),
    "broken_time_plain.txt": (2, "got '[09:75] Leder: Kollegerne.'"),
    "broken_latin1.txt": (5, "not UTF-8 text: byte 0xe6"),
    "empty.vtt": (None, "the file is empty"),
    "empty.txt": (None, "the file is empty"),
}  # fmt: skip


def turns_of(name: str) -> list[tuple[str, str, float | None, float | None]]:
    parsed = read_transcript(name, (DATA / name).read_bytes())
    return [(t.speaker, t.text, t.start, t.end) for t in parsed.turns]


# -- the parsers -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sample_reads_into_the_turns_written_out(name: str) -> None:
    format, turns = EXPECTED[name]
    parsed = read_transcript(name, (DATA / name).read_bytes())
    assert parsed.format == format
    assert [(t.speaker, t.text, t.start, t.end) for t in parsed.turns] == turns


def test_every_format_has_a_danish_and_an_english_sample() -> None:
    formats = [format for format, _ in EXPECTED.values()]
    assert sorted(set(formats)) == sorted(["vtt", "srt", "docx", "otter", "otr", "text"])
    assert all(formats.count(f) == 2 for f in set(formats))
    assert {guess_language(parse_as(f, (DATA / n).read_bytes()).turns) for n, (f, _) in
            EXPECTED.items()} == {"da", "en"}  # fmt: skip


def test_lines_above_the_first_turn_are_counted_as_left_out() -> None:
    assert read_transcript("x.docx", (DATA / "teams_da.docx").read_bytes()).left_out == 3
    assert read_transcript("x.txt", (DATA / "plain_da.txt").read_bytes()).left_out == 1
    assert read_transcript("x.vtt", (DATA / "teams_da.vtt").read_bytes()).left_out == 0


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_refused_naming_the_file_and_its_line(name: str) -> None:
    line, words = BROKEN[name]
    with pytest.raises(TranscriptFormatError) as caught:
        read_transcript(name, (DATA / name).read_bytes())
    error = caught.value
    assert error.line == line
    assert words in str(error)
    where = f"{name}, line {line}: " if line is not None else f"{name}: "
    assert str(error).startswith(where)
    assert "\n" not in str(error)


def test_two_voices_in_one_cue_are_two_turns_and_voice_classes_are_read() -> None:
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Mette Lund>Hvad giver energi?</v> "
        "<v.loud Karin Holm>Kollegerne.</v>\n\n00:04.000 --> 00:06.500\n"
        "<v Karin Holm><c.yellow>Og</c> at <00:05.000>lykkes.\n"
    )
    parsed = parse_as("vtt", vtt)
    assert [(t.speaker, t.text, t.start, t.end) for t in parsed.turns] == [
        ("Mette Lund", "Hvad giver energi?", 1.0, 4.0),
        ("Karin Holm", "Kollegerne. Og at lykkes.", 1.0, 6.5),
    ]


def test_a_cue_with_no_blank_line_before_the_next_still_gives_both() -> None:
    vtt = "WEBVTT\n00:00:01.000 --> 00:00:02.000\nLeder: En\n00:00:02.000 --> 00:00:03.000\nTo\n"
    parsed = parse_as("vtt", vtt)
    assert [(t.speaker, t.text) for t in parsed.turns] == [("Leder", "En"), ("?", "To")]


def test_a_cue_that_ends_before_it_starts_is_an_error_on_its_line() -> None:
    with pytest.raises(TranscriptFormatError, match=r"^line 4: the cue ends \(00:00:01.000\) "):
        parse_as("vtt", "WEBVTT\n\nid\n00:00:05.000 --> 00:00:01.000\n<v A>x</v>\n")


def test_a_block_that_is_neither_a_cue_nor_a_note_is_an_error() -> None:
    with pytest.raises(TranscriptFormatError, match=r"^line 6: a cue time like .* got 'Hej'"):
        parse_as("vtt", "WEBVTT\n\nNOTE en note\nover to linjer\n\nHej\n")


def test_utf16_with_its_byte_order_mark_is_read() -> None:
    text = "[00:02] Leder: Fællesskabet.\n"
    parsed = parse_as("text", text.encode("utf-16"))
    assert [(t.speaker, t.text, t.start) for t in parsed.turns] == [("Leder", "Fællesskabet.", 2.0)]


def test_a_sentence_with_a_colon_is_speech_not_a_speaker() -> None:
    parsed = parse_as(
        "text", "[00:02] Leder: Det er sådan: vi gør det sammen.\nDet er sådan: ja.\n"
    )
    assert [(t.speaker, t.text) for t in parsed.turns] == [
        ("Leder", "Det er sådan: vi gør det sammen. Det er sådan: ja.")
    ]


def test_plain_text_without_names_or_times_is_one_turn_per_paragraph() -> None:
    parsed = parse_as("text", "Første afsnit\nfortsat.\n\nAndet afsnit.\n")
    assert [(t.speaker, t.text, t.start) for t in parsed.turns] == [
        ("?", "Første afsnit fortsat.", None),
        ("?", "Andet afsnit.", None),
    ]


def test_the_transcripts_own_text_reads_back_in() -> None:
    from eftertanke.transcript import Transcript

    parsed = read_transcript("teams_da.vtt", (DATA / "teams_da.vtt").read_bytes())
    text = Transcript("I03", parsed.turns).validate().text
    again = parse_as("text", text)
    assert [(t.speaker, t.text, t.start) for t in again.turns] == [
        (t.speaker, t.text, float(int(t.start))) for t in parsed.turns
    ]


def test_the_format_comes_from_the_extension_and_the_content() -> None:
    vtt = (DATA / "teams_da.vtt").read_bytes()
    assert detect_format("a.vtt", vtt) == "vtt"
    assert detect_format("a.download", vtt) == "vtt"
    assert detect_format("a.txt", (DATA / "otter_da.txt").read_bytes()) == "otter"
    assert detect_format("a.txt", (DATA / "plain_da.txt").read_bytes()) == "text"
    assert detect_format("a.txt", (DATA / "interview_da.srt").read_bytes()) == "srt"
    assert detect_format("a", (DATA / "teams_en.docx").read_bytes()) == "docx"
    assert detect_format("a", (DATA / "otranscribe_en.otr").read_bytes()) == "otr"
    assert detect_format("a.vtt", vtt, "text") == "text"
    with pytest.raises(TranscriptFormatError, match="unknown transcript format 'pdf'"):
        detect_format("a.vtt", vtt, "pdf")


# -- who is the interviewer -----------------------------------------------------------


def test_the_interviewer_guess_is_who_asks_most_else_who_speaks_first() -> None:
    asks = [Turn("R", "Jeg tænker."), Turn("I", "Hvorfor? Og hvordan?"), Turn("R", "Ja?")]
    assert guess_interviewers(asks) == (["I"], "questions")
    tie = [Turn("A", "Hvad?"), Turn("B", "Hvem?")]
    assert guess_interviewers(tie) == (["A"], "questions")
    silent = [Turn("B", "Godt."), Turn("A", "Fint.")]
    assert guess_interviewers(silent) == (["B"], "first")
    assert guess_interviewers([Turn("A", "Hvad?"), Turn("?", "Nej?")]) == ([], "")


def test_the_record_can_name_two_interviewers_by_first_name_or_whole() -> None:
    speakers = ["Mette Lund", "Karin Holm", "Jonas Berg"]
    assert interviewers_from_record("mette og Jonas Berg", speakers) == ["Mette Lund", "Jonas Berg"]
    assert interviewers_from_record("ML", speakers) == []
    assert interviewers_from_record("Lund, Mette", ["Lund, Mette", "Karin"]) == ["Lund, Mette"]
    assert interviewers_from_record("", speakers) == []


# -- the service ----------------------------------------------------------------------


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="forsker")
    journal.add_theme(Theme("Tryghed", "safety"))
    journal.add_theme(Theme("Tilsyn", "frames"))
    journal.add_interview(Interview("I03", role="plejeboligchef", status="reflected"))
    journal.add_interview(Interview("I07", role="leder", status="coded", interviewer="Ruth"))
    return journal


def test_an_import_stores_turns_marks_the_guessed_interviewer_and_moves_the_status(
    journal: Journal,
) -> None:
    result = service.import_transcript(journal, "i03", DATA / "teams_da.vtt")
    assert result.interviewers_from == "questions" and result.guessed
    assert result.status_before == "reflected"
    stored = journal.transcripts.for_interview("I03")
    assert stored is not None and stored.id == result.transcript.id
    assert stored.interviewers == ["Mette Lund"]
    assert (stored.format, stored.language, stored.source_file) == ("vtt", "da", "teams_da.vtt")
    turns = [(t.speaker, t.text, t.start, t.end) for t in stored.turns]
    assert turns == EXPECTED["teams_da.vtt"][1]
    assert journal.get_interview("I03").status == "transcribed"


def test_the_record_names_the_interviewer_and_a_later_status_stays(journal: Journal) -> None:
    result = service.import_transcript(journal, "I07", DATA / "otranscribe_en.otr")
    assert result.interviewers_from == "record" and not result.guessed
    assert result.transcript.interviewers == ["Ruth"] and result.transcript.language == "en"
    assert result.status_before is None and journal.get_interview("I07").status == "coded"


def test_given_interviewers_win_and_an_unknown_one_stores_nothing(journal: Journal) -> None:
    before = snapshot(journal.root)
    with pytest.raises(ValidationError, match="'Nobody' does not speak in teams_da.vtt"):
        service.import_transcript(journal, "I03", DATA / "teams_da.vtt", interviewer="Nobody")
    assert snapshot(journal.root) == before
    result = service.import_transcript(
        journal, "I03", DATA / "teams_da.vtt", interviewer=["jonas berg", "Mette"]
    )
    assert result.transcript.interviewers == ["Jonas Berg", "Mette Lund"]
    assert result.interviewers_from == "given"


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_stores_nothing(journal: Journal, name: str) -> None:
    before = snapshot(journal.root)
    with pytest.raises(TranscriptFormatError):
        service.import_transcript(journal, "I03", DATA / name)
    assert snapshot(journal.root) == before
    assert journal.transcripts.all() == []


def test_a_second_import_needs_replace_and_changes_nothing_without_it(journal: Journal) -> None:
    service.import_transcript(journal, "I03", DATA / "teams_da.vtt")
    before = snapshot(journal.root)
    with pytest.raises(JournalError, match="already has a transcript; use --replace"):
        service.import_transcript(journal, "I03", DATA / "otter_da.txt")
    assert snapshot(journal.root) == before
    with pytest.raises(NotFoundError, match="unknown interview 'I99'"):
        service.import_transcript(journal, "I99", DATA / "otter_da.txt")


def test_replacing_carries_codings_over_re_anchored_or_flagged(journal: Journal) -> None:
    first = service.import_transcript(journal, "I03", DATA / "teams_da.vtt").transcript
    kept = codings.code_phrase(
        journal, "transcript", first.id, "I de store fora tier jeg", ["Tryghed"]
    )
    lost = codings.code_phrase(journal, "transcript", first.id, "dokumentation & mails", ["Tilsyn"])
    # The corrected transcript: an earlier turn is longer, one phrase is gone.
    corrected = (DATA / "teams_da.vtt").read_text(encoding="utf-8")
    corrected = corrected.replace("Velkommen,", "Velkommen til,").replace(
        "Jeg bruger aftenerne på dokumentation &amp; mails.", "Resten skriver jeg om aftenen."
    )
    path = journal.root.parent / "teams_da_rettet.vtt"
    path.write_text(corrected, encoding="utf-8")
    result = service.import_transcript(journal, "I03", path, replace=True)
    assert (result.replaced, result.carried, result.flagged) == (True, 2, 1)
    stored = journal.transcripts.for_interview("I03")
    assert stored.id == first.id and len(stored.codings) == 2
    by_id = {c.id: c for c in stored.codings}
    moved = by_id[kept.id]
    assert stored.text[moved.start : moved.end] == "I de store fora tier jeg"
    shift = (
        len(" til")
        + len("Resten skriver jeg om aftenen.")
        - len("Jeg bruger aftenerne på dokumentation & mails.")
    )
    assert moved.start == kept.start + shift and not moved.review
    flagged = by_id[lost.id]
    assert flagged.review and flagged.quote == "dokumentation & mails"
    assert 0 <= flagged.start < flagged.end <= len(stored.text)


def test_renaming_a_speaker_moves_codings_and_leaves_no_trace_of_the_name(
    journal: Journal,
) -> None:
    first = service.import_transcript(journal, "I03", DATA / "teams_da.vtt").transcript
    inside = codings.code_phrase(
        journal, "transcript", first.id, "Tilsynet fylder meget", ["Tilsyn"]
    )
    across = codings.code_phrase(
        journal, "transcript", first.id, "Karin Holm: I den lille", ["Tryghed"]
    )
    renamed = service.rename_speaker(journal, "I03", "karin holm", "R03")
    assert renamed.speakers == ["Mette Lund", "R03", "Jonas Berg"]
    by_id = {c.id: c for c in renamed.codings}
    assert renamed.text[by_id[inside.id].start : by_id[inside.id].end] == "Tilsynet fylder meget"
    assert renamed.text[by_id[across.id].start : by_id[across.id].end] == "R03: I den lille"
    assert not any(c.review for c in renamed.codings)
    stored = b"".join(p.read_bytes() for p in (journal.root / "transcripts").glob("*.json"))
    assert b"Karin" not in stored
    with pytest.raises(ValidationError, match="'Karin Holm' does not speak"):
        service.rename_speaker(journal, "I03", "Karin Holm", "R04")


def test_renaming_the_interviewer_keeps_them_the_interviewer(journal: Journal) -> None:
    service.import_transcript(journal, "I03", DATA / "teams_da.vtt")
    renamed = service.rename_speaker(journal, "I03", "Mette Lund", "I1")
    assert renamed.interviewers == ["I1"]
    assert service.set_interviewers(journal, "I03", ["I1", "Jonas"]).interviewers == [
        "I1",
        "Jonas Berg",
    ]


def test_removing_a_transcript_leaves_the_interview(journal: Journal) -> None:
    service.import_transcript(journal, "I03", DATA / "teams_da.vtt")
    removed = service.remove_transcript(journal, "I03")
    assert removed.interview == "I03" and journal.transcripts.all() == []
    assert journal.get_interview("I03").code == "I03"
    with pytest.raises(NotFoundError, match="I03 has no transcript; import one with"):
        service.remove_transcript(journal, "I03")


# -- the command line -----------------------------------------------------------------


@pytest.fixture
def study(cli: Cli) -> Cli:
    cli.ok("interview", "add", "I03", "--role", "plejeboligchef", "--status", "reflected")
    cli.ok("theme", "add", "Tryghed", "--concept", "safety")
    return cli


def test_cli_import_reports_the_turns_and_the_guess(study: Cli) -> None:
    out = study.ok("transcript", "import", "I03", str(DATA / "teams_da.vtt"))
    assert out.splitlines() == [
        "Imported the transcript of I03 from teams_da.vtt (vtt): 6 turns, 3 speakers, 86 words.",
        "Interviewer: Mette Lund, a guess (asks the most questions); correct it with: "
        "eftertanke transcript speakers I03 --interviewer NAME",
        "Interview I03 is now transcribed (was reflected).",
    ]
    listed = json.loads(study.ok("transcript", "list", "--json"))
    assert [(t["interview"], t["turns"], t["interviewers"]) for t in listed] == [
        ("I03", 6, ["Mette Lund"])
    ]


def test_cli_import_in_danish_with_json(study: Cli) -> None:
    out = study.ok("--lang", "da", "transcript", "import", "I03", str(DATA / "teams_da.docx"),
                   "--interviewer", "Mette Lund", "--interviewer", "Jonas Berg")  # fmt: skip
    assert out.splitlines()[0] == (
        "Importerede transskriptionen af I03 fra teams_da.docx (docx): 5 replikker, 3 talere, 30 ord."
    )
    assert "Udelod 3 linjer over den første replik" in out
    data = json.loads(
        study.ok("transcript", "import", "I03", str(DATA / "otter_da.txt"), "--replace", "--json")
    )
    assert (data["format"], data["turns"], data["replaced"], data["interviewers_from"]) == (
        "otter", 4, True, "previous",
    )  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_cli_a_bad_file_is_one_line_exit_1_and_the_journal_is_untouched(
    study: Cli, name: str
) -> None:
    before = snapshot(study.journal)
    result = study("transcript", "import", "I03", str(DATA / name))
    assert result.returncode == 1
    line, words = BROKEN[name]
    where = f"{name}, line {line}: " if line is not None else f"{name}: "
    assert result.stderr.startswith(f"eftertanke: error: {where}")
    assert words in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert snapshot(study.journal) == before


def test_cli_show_marks_the_interviewer_and_finds_a_time_and_a_word(study: Cli) -> None:
    study.ok("transcript", "import", "I03", str(DATA / "teams_da.vtt"))
    shown = study.ok("transcript", "show", "I03").splitlines()
    assert shown[1] == "Interviewer: Mette Lund · Respondents: Karin Holm, Jonas Berg"
    assert shown[3].startswith("[00:03] Mette Lund (interviewer): Velkommen, og tak")
    assert shown[-1] == "[1:02:09] Karin Holm: I den lille gruppe, ja. I de store fora tier jeg."
    around = study.ok("transcript", "show", "I03", "--at", "10.05").splitlines()[3:]
    assert [line[:12] for line in around] == [
        "  [00:03] Me",
        "  [00:14] Ka",
        "> [10:02] Jo",
        "  [10:07] Ka",
        "  [1:02:03] ",
    ]
    found = json.loads(study.ok("transcript", "show", "I03", "--search", "TILSYN", "--json"))
    assert [(t["speaker"], t["cite"], t["interviewer"]) for t in found["turns"]] == [
        ("Jonas Berg", "10.02", False),
        ("Karin Holm", "10.07", False),
    ]
    late = json.loads(study.ok("transcript", "show", "I03", "--at", "1:02:05", "--json"))
    assert late["at"] == 4 and [t["index"] for t in late["turns"]] == [2, 3, 4, 5]
    bad = study("transcript", "show", "I03", "--at", "9.75")
    assert bad.returncode == 2 and "is not a time" in bad.stderr


def test_cli_speakers_rename_and_interviewer(study: Cli) -> None:
    study.ok("transcript", "import", "I03", str(DATA / "teams_da.vtt"))
    out = study.ok("transcript", "speakers", "I03", "--rename", "Karin Holm=R03",
                   "--interviewer", "Mette Lund", "--interviewer", "Jonas")  # fmt: skip
    assert out.splitlines() == [
        "Renamed Karin Holm to R03 (3 turns).",
        "The interviewer of I03 is now Mette Lund, Jonas Berg.",
        "Mette Lund (interviewer)  2 turns, 30 words",
        "R03  3 turns, 45 words",
        "Jonas Berg (interviewer)  1 turn, 11 words",
    ]
    bad = study("transcript", "speakers", "I03", "--rename", "Nobody=R09")
    assert bad.returncode == 1 and "'Nobody' does not speak" in bad.stderr
    assert study("transcript", "speakers", "I03", "--rename", "R03").returncode == 2


def test_cli_remove_asks_and_yes_removes(study: Cli) -> None:
    study.ok("transcript", "import", "I03", str(DATA / "teams_da.vtt"))
    asked = study("transcript", "remove", "I03")
    assert (
        asked.returncode == 1
        and "Remove the transcript of I03 (6 turns, 0 codings)?" in asked.stdout
    )
    assert "aborted" in asked.stderr
    assert (
        study.ok("transcript", "remove", "I03", "--yes").strip() == "Removed the transcript of I03."
    )
    gone = study("transcript", "show", "I03")
    assert gone.returncode == 1 and "I03 has no transcript" in gone.stderr
    assert study.ok("transcript", "list").strip() == "No transcripts yet."


def test_cli_stored_control_characters_are_shown_not_obeyed(study: Cli, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("[00:01] Leder: rød\x1b[31m tekst\x07\n", encoding="utf-8")
    study.ok("transcript", "import", "I03", str(hostile))
    shown = study.ok("transcript", "show", "I03")
    assert "\x1b" not in shown and "\x07" not in shown and "␛[31m" in shown
    raw = orjson.loads(study.ok("transcript", "show", "I03", "--json"))
    assert raw["turns"][0]["text"] == "rød\x1b[31m tekst\x07"


def test_importing_transcripts_stays_off_the_paths_of_other_commands(tmp_path: Path) -> None:
    # python-docx (and lxml) load only when a .docx is read, and no parser
    # loads for `new`: the command line stays fast.
    code = (
        "import sys\n"
        "from eftertanke.cli import main\n"
        f"try:\n    main(['--journal', {str(tmp_path / 'j')!r}, 'new', '-m', 'x'])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "loaded = [m for m in sys.modules if m in ('docx', 'lxml') or "
        "m.startswith('eftertanke.importers.transcripts')]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
