"""Plain-terminal guided prompts, driven by scripted input."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import eftertanke
from eftertanke.cli.terminal_guided import run_in_terminal
from eftertanke.guided import GuidedSession
from eftertanke.packs import load_builtin_packs, parse_pack

ENDED = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def packs():
    return load_builtin_packs()


class Script:
    """Feeds lines like a terminal would; records output and saved drafts."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.output: list[str] = []
        self.drafts: list[dict] = []

    def read_line(self) -> str | None:
        return self.lines.pop(0) if self.lines else None

    def write(self, text: str) -> None:
        self.output.append(text)

    @property
    def text(self) -> str:
        return "".join(self.output)

    def run(self, session: GuidedSession, **kwargs):
        return run_in_terminal(
            session,
            read_line=self.read_line,
            write=self.write,
            on_change=self.drafts.append,
            **kwargs,
        )


def test_daily_check_in_with_skips_back_and_ratings(packs) -> None:
    session = GuidedSession.start(packs["daily"], language="en")
    script = Script(
        [
            "A good talk with Mette.",  # energy-gave
            "",
            "",  # energy-took: skipped
            "Autonomy: yes.",  # needs
            "Competence: some doubt.",
            "",
            ":back",  # back to needs
            "",  # blank keeps the earlier answer
            "",  # demands-resources skipped
            ":skip",  # voice
            "A quiet hour.",  # lift
            "",
            "4",  # energy
            "seven",  # not a number: asked again
            "9",  # out of range: asked again
            "3",  # demands
            "",  # resources skipped
            ":back",  # back to resources
            ":back",  # back to demands
            "2",  # demands again
            "",  # resources
            "5",  # safety
            "4",  # wellbeing
        ]
    )
    entry = script.run(session, author="lone")
    assert entry is not None and script.lines == []
    assert entry.kind == "daily" and entry.author == "lone" and entry.language == "en"
    assert [(s.prompt_id, s.answer) for s in entry.sections] == [
        ("energy-gave", "A good talk with Mette."),
        ("needs", "Autonomy: yes.\nCompetence: some doubt."),
        ("lift", "A quiet hour."),
    ]
    assert entry.ratings == {"energy": 4, "demands": 2, "safety": 5, "wellbeing": 4}
    out = script.text
    assert "[1/6] (optional) What gave you energy today?" in out
    assert "  A moment, a task, a person." in out
    assert "Your earlier answer (Enter keeps it):" in out
    assert out.count("Type a number from 1 to 5") == 2
    assert "Energy (1 = Drained, 5 = Full of energy): " in out
    # A draft after every answer and rating, the last one holding it all.
    assert len(script.drafts) >= 8
    assert script.drafts[-1]["ratings"] == entry.ratings
    assert [a["prompt_id"] for a in script.drafts[-1]["answers"]] == [
        "energy-gave",
        "needs",
        "lift",
    ]


def test_required_prompt_waits_for_an_answer(packs) -> None:
    session = GuidedSession.start(packs["memo"], language="da")
    script = Script(["", ":skip", "Min idé", "", "", ""])
    entry = script.run(session)
    assert entry is not None
    assert [s.prompt_id for s in entry.sections] == ["memo"]
    assert script.text.count("Dette spørgsmål skal besvares") == 2
    assert "[1/3] Hvad vil du holde fast i med dette memo?" in script.text
    assert "[2/3] (valgfri)" in script.text


def test_quit_and_eof_return_none_after_drafts_were_offered(packs) -> None:
    session = GuidedSession.start(packs["post-interview"], interview="I02")
    script = Script(["Første indtryk", "", "Halvt skrevet", ":quit"])
    assert script.run(session) is None
    answers = {a["prompt_id"]: a["text"] for a in script.drafts[-1]["answers"]}
    # Text typed before the command is kept in the draft, not lost.
    assert answers == {"impressions": "Første indtryk", "emotions": "Halvt skrevet"}

    session = GuidedSession.start(packs["post-interview"], interview="I02")
    script = Script(["Kun dette"])  # then end of input
    assert script.run(session) is None
    assert session.answer_of("impressions") == ""  # not ended by a blank line
    assert script.drafts == []


def test_post_interview_commands_later_quote_lang_and_timing(packs) -> None:
    session = GuidedSession.start(
        packs["post-interview"], language="da", interview="I03", interview_ended=ENDED
    )
    lines = [
        "Stille og eftertænksom.",
        ":later",  # typed text kept; what follows is marked as added later
        "Og senere: trætheden.",
        "",
        ":lang en",
        "Moved.",
        "",
        ":quote 9.45 Vi lykkes sammen",
        ":quote nonsense",
    ] + [""] * 20
    script = Script(lines)
    entry = script.run(session, author="anna", clock=lambda: ENDED + timedelta(minutes=9))
    assert entry is not None
    assert entry.written_after_minutes == 9
    assert entry.language == "en"
    assert entry.title == "Reflection after interview I03"
    impressions, emotions = entry.sections
    assert impressions.answer == "Stille og eftertænksom.\n\nOg senere: trætheden."
    assert impressions.later_parts() == ("Stille og eftertænksom.\n\n", "Og senere: trætheden.")
    assert impressions.prompt_text == "What are your immediate impressions of the conversation?"
    assert emotions.answer == "Moved." and not emotions.added_later
    assert [(e.interview, e.timestamp, e.quote) for e in entry.excerpts] == [
        ("I03", "9.45", "Vi lykkes sammen"),
    ]
    out = script.text
    assert "Det, du skriver herfra, markeres som tilføjet senere fra hukommelsen." in out
    assert "[2/15] (optional) What feelings did the conversation stir in you" in out
    assert "Quote added: (I03, 9.45) Vi lykkes sammen" in out
    assert "type :quote TIME QUOTE".lower() in out.lower()  # usage for the bad one
    entry.validate()


def test_everything_skipped_saves_nothing(packs) -> None:
    session = GuidedSession.start(packs["daily"], language="en")
    script = Script([""] * 11)
    assert script.run(session) is None
    assert "empty" in script.text


def test_control_sequences_are_never_echoed(packs) -> None:
    pack = parse_pack(
        'id = "x"\nkind = "memo"\ntitle.da = "T"\ntitle.en = "T"\n'
        '[[prompts]]\nid = "a"\norientation = "self"\n'
        'question.da = "Farve \\u001b[31mrød"\nquestion.en = "Colour \\u001b[31mred"\n',
        "x.toml",
    )
    session = GuidedSession.start(pack, language="en")
    session.answer("evil \x1b]0;title\x07 text", advance=False)
    script = Script(["", ""])
    entry = script.run(session)
    assert entry is not None
    assert "\x1b" not in script.text and "\x07" not in script.text
    # Shown as visible placeholders, not obeyed by the terminal.
    assert "Colour ␛[31mred" in script.text
    assert "evil ␛]0;title␇ text" in script.text


def test_guided_modules_do_not_import_textual() -> None:
    src = Path(eftertanke.__file__).resolve().parents[1]
    code = (
        "import sys; import eftertanke.packs, eftertanke.guided, eftertanke.cli.terminal_guided; "
        "sys.exit(1 if 'textual' in sys.modules else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        env={"PYTHONPATH": str(src), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
