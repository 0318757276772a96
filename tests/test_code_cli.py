"""``eftertanke code``: coding passages of reflections and transcripts from the
command line, on a hand-built journal whose offsets are written out by hand."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from conftest import snapshot

from eftertanke.cli import main
from eftertanke.domain import Entry, Interview, Section, Theme
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

IMPRESSIONS = "Hun var rolig. Det er trygt at sige fra, sagde hun, og hun mente det."
SAFETY = "I ledergruppen er der tryghed. I de store fora er der tavshed."
BODY = "Kort note om tavshed og om at sige fra."
HOSTILE = "Han skrev [@click=app.quit]x[/] og \x1b[31mrødt\x1b[0m i chatten."


def run(root: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    """The command in this process, through ``main`` (its exit codes and one-line errors)."""
    runner = CliRunner()
    with runner.isolation(input=input) as (out, err, _):
        try:
            main(["--journal", str(root), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def setup(journal_dir: Path) -> dict[str, str]:
    journal = Journal(journal_dir, author="forsker")
    for name, concept in (("Tryghed", "safety"), ("Tavshed", "safety"), ("Fællesskab", "drive")):
        journal.add_theme(Theme(name, concept))
    journal.add_interview(Interview("I03", role="plejehjemsleder", interviewer="Forsker"))
    reflection = journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            title="Refleksion efter I03",
            sections=[
                Section(
                    "impressions", "Hvad er dine umiddelbare indtryk af samtalen?", IMPRESSIONS
                ),
                Section("q-safety", "Spørgsmålet om psykologisk tryghed", SAFETY),
            ],
        )
    )
    note = journal.add_entry(Entry(kind="memo", body=BODY))
    hostile = journal.add_entry(Entry(kind="memo", body=HOSTILE))
    transcript = journal.transcripts.add(
        Transcript(
            "I03",
            [
                Turn("Forsker", "Hvad giver dig energi?", 585.0, 591.0),
                Turn("Leder", "Det gør kollegerne. Vi lykkes sammen.", 592.0, 600.0),
            ],
            interviewers=["Forsker"],
        )
    )
    return {
        "reflection": reflection.id,
        "note": note.id,
        "hostile": hostile.id,
        "transcript": transcript.id,
    }


def codings_of(root: Path, entry_id: str) -> list[tuple[str, str | None, int, int, list[str]]]:
    entry = Journal(root).get_entry(entry_id)
    return [(c.source, c.section, c.start, c.end, c.themes) for c in entry.codings]


# -- code add -------------------------------------------------------------------------


def test_a_phrase_that_occurs_once_is_coded_where_it_is(journal_dir: Path, setup: dict) -> None:
    code, out, err = run(
        journal_dir,
        "code",
        "add",
        setup["reflection"][:6],
        "--phrase",
        "trygt at sige fra",
        "--theme",
        "tryghed",
        "--theme",
        "Tavshed",
    )
    assert code == 0, err
    # "Hun var rolig. Det er " is 22 characters; the phrase is 17.
    assert codings_of(journal_dir, setup["reflection"]) == [
        ("section", "impressions", 22, 39, ["Tryghed", "Tavshed"])
    ]
    coding_id = Journal(journal_dir).get_entry(setup["reflection"]).codings[0].id
    assert out == f'Coded {coding_id[:8]}: "trygt at sige fra" (Tryghed, Tavshed).\n'


def test_a_phrase_found_twice_is_refused_with_the_count_and_nothing_changes(
    journal_dir: Path, setup: dict
) -> None:
    before = snapshot(journal_dir)
    # "er der" is in the safety answer twice; "sige fra" once in each of two entries
    # (only this entry's texts count).
    code, out, err = run(
        journal_dir, "code", "add", setup["reflection"], "--phrase", "er der", "--theme", "Tryghed"
    )
    assert code == 1 and out == ""
    assert err == (
        "eftertanke: error: the phrase 'er der' occurs 2 times; quote more of it, or give --span\n"
    )
    code, _, err = run(
        journal_dir,
        "code",
        "add",
        setup["reflection"],
        "--phrase",
        "slet ikke",
        "--theme",
        "Tryghed",
    )
    assert code == 1 and "is not in the text" in err
    assert snapshot(journal_dir) == before


def test_a_span_in_an_entry_of_several_texts_needs_the_text_named(
    journal_dir: Path, setup: dict
) -> None:
    before = snapshot(journal_dir)
    code, _, err = run(
        journal_dir, "code", "add", setup["reflection"], "--span", "0-3", "--theme", "Tryghed"
    )
    assert code == 2
    assert err.count("\n") == 1
    assert "has 2 texts" in err
    assert "--section impressions (Hvad er dine umiddelbare…)" in err
    assert "--section q-safety (Spørgsmålet om psykologisk tryghed)" in err
    assert snapshot(journal_dir) == before
    code, _, err = run(
        journal_dir,
        "code",
        "add",
        setup["reflection"],
        "--span",
        "0-3",
        "--section",
        "nope",
        "--theme",
        "Tryghed",
    )
    assert code == 1 and "has no prompt 'nope'" in err and "--section q-safety" in err
    # "I de store fora er der tavshed." starts at 31; "tavshed" is 54-61.
    code, out, err = run(
        journal_dir,
        "code",
        "add",
        setup["reflection"],
        "--span",
        "54-61",
        "--section",
        "q-safety",
        "--theme",
        "Tavshed",
        "--memo",
        "farlig?",
    )
    assert code == 0, err
    assert '"tavshed"' in out
    entry = Journal(journal_dir).get_entry(setup["reflection"])
    assert [(c.section, c.quote, c.memo) for c in entry.codings] == [
        ("q-safety", "tavshed", "farlig?")
    ]


def test_a_span_in_an_entry_of_one_text_needs_no_section(journal_dir: Path, setup: dict) -> None:
    # "Kort " is 5 characters: "note" is 5-9.
    code, out, err = run(
        journal_dir, "code", "add", setup["note"], "--span", "5-9", "--theme", "Tavshed"
    )
    assert code == 0, err
    assert codings_of(journal_dir, setup["note"]) == [("body", None, 5, 9, ["Tavshed"])]
    assert '"note"' in out
    code, _, err = run(
        journal_dir, "code", "add", setup["note"], "--span", "30-99", "--body", "--theme", "Tavshed"
    )
    assert code == 1 and "is not inside the text (0-39" in err


@pytest.mark.parametrize(
    "args",
    [
        ("--phrase", "sige fra", "--theme", "Tryghed"),  # neither an ID nor --transcript
        ("ID", "--transcript", "I03", "--phrase", "x", "--theme", "Tryghed"),
        ("ID", "--theme", "Tryghed"),  # neither --span nor --phrase
        ("ID", "--span", "1-4", "--phrase", "x", "--theme", "Tryghed"),
        ("ID", "--phrase", "sige fra", "--section", "impressions", "--theme", "Tryghed"),
        ("ID", "--span", "1-4", "--section", "impressions", "--body", "--theme", "Tryghed"),
        ("--transcript", "I03", "--span", "1-4", "--body", "--theme", "Tryghed"),
        ("ID", "--span", "4", "--theme", "Tryghed"),
        ("ID", "--span", "a-b", "--theme", "Tryghed"),
        ("ID", "--phrase", "sige fra"),  # no theme
    ],
)
def test_usage_errors_are_exit_2_one_line_and_change_nothing(
    journal_dir: Path, setup: dict, args: tuple[str, ...]
) -> None:
    before = snapshot(journal_dir)
    argv = [setup["reflection"] if a == "ID" else a for a in args]
    code, out, err = run(journal_dir, "code", "add", *argv)
    assert code == 2, (out, err)
    assert err.startswith("eftertanke: error: ") and err.count("\n") == 1
    assert snapshot(journal_dir) == before


def test_an_unknown_theme_entry_or_interview_is_a_data_error(
    journal_dir: Path, setup: dict
) -> None:
    before = snapshot(journal_dir)
    for argv, words in [
        ((setup["reflection"], "--phrase", "sige fra", "--theme", "Findes ikke"), "unknown theme"),
        (("ffff0000", "--phrase", "sige fra", "--theme", "Tryghed"), "no entry with id"),
        (("--transcript", "I99", "--phrase", "sige", "--theme", "Tryghed"), "unknown interview"),
    ]:
        code, _, err = run(journal_dir, "code", "add", *argv)
        assert code == 1 and words in err, err
    assert snapshot(journal_dir) == before


def test_a_transcript_passage_is_coded_and_listed_with_speaker_and_time(
    journal_dir: Path, setup: dict
) -> None:
    code, out, err = run(
        journal_dir,
        "code",
        "add",
        "--transcript",
        "i03",
        "--phrase",
        "vi lykkes sammen",
        "--theme",
        "Fællesskab",
    )
    assert code == 0, err
    transcript = Journal(journal_dir).transcripts.get(setup["transcript"])
    coding = transcript.codings[0]
    # Line 1 is "[09:45] Forsker: Hvad giver dig energi?" (39 characters and a newline);
    # line 2 "[09:52] Leder: Det gør kollegerne. Vi lykkes sammen." has the words at 35.
    assert (coding.start, coding.end) == (40 + 35, 40 + 51)
    assert transcript.text[coding.start : coding.end] == "Vi lykkes sammen"
    code, out, _ = run(journal_dir, "code", "list", "--transcript", "I03")
    assert out == (
        f'{coding.id[:8]}  {"transcript I03 Leder 09:52":<34}  [Fællesskab]  "Vi lykkes sammen"\n'
    )
    code, out, _ = run(journal_dir, "--lang", "da", "code", "list", "--transcript", "I03")
    assert "transskription I03 Leder 09:52" in out
    code, _, err = run(
        journal_dir, "code", "add", "--transcript", "I03", "--span", "0-5", "--theme", "Tryghed"
    )
    assert code == 0, err


# -- code list ---------------------------------------------------------------------------


def _code_three(root: Path, setup: dict) -> dict[str, str]:
    ids = {}
    for key, argv in {
        "calm": (setup["reflection"], "--phrase", "rolig", "--theme", "Tryghed", "--memo", "m"),
        "silence": (setup["reflection"], "--phrase", "tavshed", "--theme", "Tavshed"),
        "note": (
            setup["note"],
            "--phrase",
            "at sige fra",
            "--theme",
            "Tryghed",
            "--theme",
            "Tavshed",
        ),
    }.items():
        code, out, err = run(root, "code", "add", *argv, "--json")
        assert code == 0, err
        ids[key] = orjson.loads(out)["id"]
    return ids


def test_list_gives_one_line_per_coding_filtered(journal_dir: Path, setup: dict) -> None:
    ids = _code_three(journal_dir, setup)
    r, n = setup["reflection"][:8], setup["note"][:8]
    calm = f'{ids["calm"][:8]}  {"entry " + r + " impressions":<34}  [Tryghed]  "rolig"  [memo]'
    silence = f'{ids["silence"][:8]}  {"entry " + r + " q-safety":<34}  [Tavshed]  "tavshed"'
    note = f'{ids["note"][:8]}  {"entry " + n + " body":<34}  [Tryghed, Tavshed]  "at sige fra"'
    _, out, _ = run(journal_dir, "code", "list")
    # Entries oldest first (the reflection was written first), answers in their order.
    assert out.splitlines() == [calm, silence, note]
    _, out, _ = run(journal_dir, "code", "list", "--theme", "tryghed")
    assert out.splitlines() == [calm, note]
    _, out, _ = run(journal_dir, "code", "list", setup["reflection"][:5], "--theme", "Tavshed")
    assert out.splitlines() == [silence]
    _, out, _ = run(journal_dir, "code", "list", "--interview", "I03")
    assert out.splitlines() == [calm, silence]
    _, out, _ = run(journal_dir, "code", "list", "--review")
    assert out == "No codings match.\n"
    code, _, err = run(journal_dir, "code", "list", "--theme", "Ukendt")
    assert code == 1 and "unknown theme 'Ukendt'" in err
    code, _, err = run(journal_dir, "code", "list", setup["note"], "--transcript", "I03")
    assert code == 2


def test_list_marks_a_coding_whose_words_were_edited_away(journal_dir: Path, setup: dict) -> None:
    ids = _code_three(journal_dir, setup)
    journal = Journal(journal_dir)
    entry = journal.get_entry(setup["note"])
    entry.body = "Helt ny tekst."
    journal.update_entry(entry)
    _, out, _ = run(journal_dir, "code", "list", "--review")
    assert out.splitlines() == [
        f"{ids['note'][:8]}  {'entry ' + setup['note'][:8] + ' body':<34}  [Tryghed, Tavshed]  "
        '"at sige fra"  [needs review: the coded words were edited; check the span]'
    ]


def test_list_json_has_stable_keys(journal_dir: Path, setup: dict) -> None:
    ids = _code_three(journal_dir, setup)
    _, out, _ = run(journal_dir, "code", "list", "--json")
    rows = orjson.loads(out)
    assert [list(row) for row in rows] == [
        [
            "id",
            "owner_kind",
            "owner",
            "interview",
            "source",
            "section",
            "start",
            "end",
            "quote",
            "themes",
            "memo",
            "author",
            "created",
            "review",
        ]
    ] * 3
    first = rows[0]
    assert {k: v for k, v in first.items() if k != "created"} == {
        "id": ids["calm"],
        "owner_kind": "entry",
        "owner": setup["reflection"],
        "interview": "I03",
        "source": "section",
        "section": "impressions",
        "start": 8,
        "end": 13,
        "quote": "rolig",
        "themes": ["Tryghed"],
        "memo": "m",
        "author": "tester",
        "review": "",
    }


# -- remove, recode, memo, move -------------------------------------------------------


def test_remove_recode_memo_and_move(journal_dir: Path, setup: dict) -> None:
    ids = _code_three(journal_dir, setup)
    short = ids["note"][:6]
    code, out, err = run(journal_dir, "code", "recode", short, "--theme", "fællesskab")
    assert code == 0 and out == f"Recoded {ids['note'][:8]}: Fællesskab.\n", err
    code, out, _ = run(journal_dir, "code", "memo", short, "-", input="Fra stdin.\n")
    assert out == f"Saved the memo of {ids['note'][:8]}.\n"
    assert Journal(journal_dir).get_entry(setup["note"]).codings[0].memo == "Fra stdin."
    code, out, _ = run(journal_dir, "--lang", "da", "code", "memo", short, "")
    assert out == f"Slettede memoet til {ids['note'][:8]}.\n"
    # "Kort note om tavshed" : "tavshed" is 13-20.
    code, out, _ = run(journal_dir, "code", "move", short, "--span", "13-20")
    assert code == 0 and out == f'Moved {ids["note"][:8]} to "tavshed".\n'
    assert codings_of(journal_dir, setup["note"]) == [("body", None, 13, 20, ["Fællesskab"])]
    code, out, _ = run(journal_dir, "code", "remove", short)
    assert out == f'Removed coding {ids["note"][:8]} ("tavshed"); the text is as it was.\n'
    assert codings_of(journal_dir, setup["note"]) == []
    assert Journal(journal_dir).get_entry(setup["note"]).body == BODY
    code, _, err = run(journal_dir, "code", "remove", short)
    assert code == 1 and f"no coding with id {short}" in err
    code, _, err = run(journal_dir, "code", "remove", "abc")
    assert code == 1 and "too short" in err
    code, _, err = run(journal_dir, "code", "move", ids["calm"], "--span", "0-999")
    assert code == 1 and "not inside the text" in err


# -- hostile text ----------------------------------------------------------------------


def test_hostile_text_in_a_coded_phrase_is_printed_literally(
    journal_dir: Path, setup: dict, cli
) -> None:
    code, out, err = run(
        journal_dir,
        "code",
        "add",
        setup["hostile"],
        "--phrase",
        "[@click=app.quit]x[/] og \x1b[31mrødt",
        "--theme",
        "Tryghed",
    )
    assert code == 0, err
    assert '"[@click=app.quit]x[/] og ␛[31mrødt"' in out and "\x1b" not in out
    # And in a real process, as a terminal user sees it:
    listed = cli.ok("code", "list", setup["hostile"])
    assert "[@click=app.quit]x[/] og ␛[31mrødt" in listed and "\x1b" not in listed
    as_json = cli.ok("code", "list", "--json")
    assert "\x1b" not in as_json
    assert orjson.loads(as_json)[0]["quote"] == "[@click=app.quit]x[/] og \x1b[31mrødt"


def test_exit_codes_in_a_real_process(cli, setup: dict) -> None:
    result = cli("code", "add", setup["reflection"], "--phrase", "er der", "--theme", "Tryghed")
    assert result.returncode == 1 and "occurs 2 times" in result.stderr
    assert "Traceback" not in result.stderr
    result = cli("code", "add", setup["reflection"], "--span", "1-2", "--theme", "Tryghed")
    assert result.returncode == 2 and "Traceback" not in result.stderr
