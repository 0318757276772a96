"""``eftertanke question …`` and ``new --kind interview`` on a terminal: a question
carried forward from I01's reflection is printed before I02's first prompt,
listed, answered by a passage of I02's reflection, dropped and reopened."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Cli

from eftertanke.domain import Entry, Interview, Section
from eftertanke.services.writing import write_entry
from eftertanke.store.journal import Journal

NOT_ASKED = "Jeg spurgte ikke til hendes egen leder."
LEAD = "Lyt efter tavsheden i ledergruppen"
I02_ANSWER = "Hun fortalte om sin egen leder, der aldrig spurgte ind."


@pytest.fixture
def study(cli: Cli) -> dict[str, str]:
    journal = Journal(cli.journal, author="mette")
    journal.add_interview(Interview("I01", role="leder", status="done"))
    journal.add_interview(Interview("I02", role="leder", status="done"))
    i01 = write_entry(
        journal,
        Entry(
            kind="interview",
            pack="post-interview",
            sections=[
                Section("impressions", "Indtryk?", "En rolig samtale."),
                Section("not-asked", "Hvad spurgte du ikke om?", NOT_ASKED),
                Section("leads", "Hvilke spor?", LEAD),
            ],
        ),
        interview=journal.get_interview("I01"),
    )
    i02 = write_entry(
        journal,
        Entry(
            kind="interview",
            pack="post-interview",
            sections=[
                Section("impressions", "Indtryk?", I02_ANSWER),
                Section("q-safety", "Tryghed?", "Om sin egen leder sagde hun intet."),
            ],
        ),
        interview=journal.get_interview("I02"),
    )
    first, lead = journal.get_entry(i01.id).questions
    return {"i01": i01.id, "i02": i02.id, "q": first.id, "lead": lead.id}


def questions(cli: Cli, *args: str) -> list[dict]:
    return json.loads(cli.ok("question", "list", "--json", *args))


def test_list_shows_the_open_questions_by_interview(cli: Cli, study: dict[str, str]) -> None:
    out = cli.ok("--lang", "da", "question", "list")
    assert out.splitlines()[0] == "I01"
    assert f"{study['q'][:8]}  åben" in out and NOT_ASKED in out
    listed = questions(cli)
    assert [q["text"] for q in listed] == [NOT_ASKED, LEAD]
    assert {q["interview"] for q in listed} == {"I01"}
    assert questions(cli, "--interview", "I02") == []
    assert questions(cli, "--status", "answered") == []


def test_answered_by_a_phrase_of_i02s_reflection(cli: Cli, study: dict[str, str]) -> None:
    out = cli.ok("question", "answer", study["q"][:8], "--entry", study["i02"][:8],
                 "--phrase", "der aldrig spurgte ind")  # fmt: skip
    assert "answered" in out and "der aldrig spurgte ind" in out
    [answered] = questions(cli, "--status", "answered")
    assert answered["passage"] == "der aldrig spurgte ind"
    assert answered["answered_in"] == "I02"
    assert answered["answered_by"]["section"] == "impressions"
    da = cli.ok("--lang", "da", "question", "list", "--status", "answered")
    assert "besvaret af »der aldrig spurgte ind« (I02)" in da


def test_answered_by_a_span(cli: Cli, study: dict[str, str]) -> None:
    start = I02_ANSWER.index("sin egen leder")
    span = f"{start}-{start + len('sin egen leder')}"
    cli.ok("question", "answer", study["q"], "--entry", study["i02"],
           "--section", "impressions", "--span", span)  # fmt: skip
    [answered] = questions(cli, "--status", "answered")
    assert answered["passage"] == "sin egen leder"


def test_answer_refuses_unclear_passages_and_changes_nothing(
    cli: Cli, study: dict[str, str]
) -> None:
    from conftest import snapshot

    before = snapshot(cli.journal / "entries")
    twice = cli("question", "answer", study["q"], "--entry", study["i02"], "--phrase", "egen leder")
    assert twice.returncode == 1 and "2 times" in twice.stderr
    neither = cli("question", "answer", study["q"], "--entry", study["i02"])
    assert neither.returncode == 2
    two_texts = cli("question", "answer", study["q"], "--entry", study["i02"], "--span", "0-3")
    assert two_texts.returncode == 2
    unknown = cli("question", "answer", "ffffffff", "--entry", study["i02"], "--phrase", "aldrig")
    assert unknown.returncode == 1 and "no carried question" in unknown.stderr
    for result in (twice, neither, two_texts, unknown):
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert snapshot(cli.journal / "entries") == before


def test_dropped_with_a_reason_then_reopened(cli: Cli, study: dict[str, str]) -> None:
    missing = cli("question", "drop", study["lead"])
    assert missing.returncode == 2
    cli.ok("question", "drop", study["lead"][:8], "--reason", "Passer ikke til I02's rolle")
    [dropped] = questions(cli, "--status", "dropped")
    assert dropped["reason"] == "Passer ikke til I02's rolle"
    assert "droppet: Passer ikke til I02's rolle" in cli.ok("--lang", "da", "question", "list")
    reopened = json.loads(cli.ok("question", "reopen", study["lead"], "--json"))
    assert reopened["status"] == "open" and "reason" not in reopened


def test_purged_answering_entry_says_the_passage_was_deleted(
    cli: Cli, study: dict[str, str]
) -> None:
    cli.ok("question", "answer", study["q"], "--entry", study["i02"], "--phrase", "aldrig spurgte")
    cli.ok("purge", study["i02"], "--yes")
    [answered] = questions(cli, "--status", "answered")
    assert answered["passage_deleted"] is True and answered["passage"] is None
    assert "answered (the passage was deleted)" in cli.ok("question", "list")


def _on_terminal(argv: list[str], env: dict[str, str], until: str) -> str:
    main, secondary = pty.openpty()
    proc = subprocess.Popen(argv, stdin=secondary, stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    seen = b""
    deadline = time.time() + 30
    while until.encode() not in seen and time.time() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                seen += os.read(main, 65536)
            except OSError:
                break
    os.write(main, b":quit\n")
    proc.wait(timeout=30)
    os.close(main)
    return seen.decode(errors="replace")


def test_new_interview_on_a_terminal_prints_the_open_questions_first(
    cli: Cli, study: dict[str, str]
) -> None:
    Journal(cli.journal).add_interview(Interview("I03", role="chef", status="done"))
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(cli.journal), "new",
            "--kind", "interview", "--interview", "I03"]  # fmt: skip
    shown = _on_terminal(argv, {**os.environ, "EFTERTANKE_LANG": "da", "TERM": "dumb"}, "1/")
    heading = shown.index("Åbne spørgsmål fra tidligere interviews (2):")
    assert heading < shown.index(f"I01  {NOT_ASKED}") < shown.index("1/")
    # A daily check-in does not show them.
    daily = [*argv[:5], "new", "--kind", "daily"]
    assert "Åbne spørgsmål" not in _on_terminal(daily, {**os.environ, "TERM": "dumb"}, "1/")


def test_question_modules_do_not_import_textual(tmp_path: Path) -> None:
    code = "import sys, eftertanke.cli.questions, eftertanke.services.questions; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_usage_errors_in_danish(cli: Cli, study: dict[str, str]) -> None:
    result = cli("--lang", "da", "question", "answer", study["q"], "--entry", study["i02"])
    assert result.returncode == 2 and "angiv de besvarende ord" in result.stderr
    both = cli("--lang", "da", "question", "answer", study["q"], "--entry", study["i02"],
               "--phrase", "aldrig", "--body")  # fmt: skip
    assert both.returncode == 2 and "hører til --span" in both.stderr


def test_errors_in_danish(cli: Cli, study: dict[str, str]) -> None:
    unknown = cli("--lang", "da", "question", "reopen", "ffffffff")
    assert unknown.returncode == 1 and "intet spørgsmål med id ffffffff" in unknown.stderr
    empty = cli("--lang", "da", "question", "drop", study["lead"], "--reason", " ")
    assert empty.returncode == 1 and "skriv, hvorfor spørgsmålet droppes" in empty.stderr
