"""Analysis by prompt (issue 20): every answer to one prompt across the
interviews in interview date order, and the prompt × interview matrix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from by_prompt_journal import build
from conftest import Cli, snapshot

from eftertanke.analysis.by_prompt import reflections
from eftertanke.analysis.by_prompt_tables import answers_plain, matrix_table
from eftertanke.analysis.render import to_plain
from eftertanke.packs import load_builtin_packs


@pytest.fixture
def found(tmp_path: Path):  # type: ignore[no-untyped-def]
    journal = build(tmp_path / "journal")
    pack = load_builtin_packs()["post-interview"]
    return reflections(list(journal.raw_entries()), journal.interviews(), pack, "da")


def test_interviews_come_in_date_order_and_only_reflected_ones(found) -> None:  # type: ignore[no-untyped-def]
    assert found.interviews == ["I01", "I03", "I02"]  # I03 was held before I02; I04 has none


def test_every_own_role_answer_side_by_side_in_order(found) -> None:  # type: ignore[no-untyped-def]
    own = found.answers_to("own-role")
    assert own.prompt.question.startswith("Hvad lagde du mærke til ved din egen rolle")
    assert [(a.interview, a.author) for a in own.answers] == [
        ("I01", "Mette"), ("I01", "Jonas"), ("I02", "Mette")
    ]  # fmt: skip
    assert own.skipped == ["I03"]
    assert own.answers[2].text == "Mine opsummeringer styrede samtalen mod tryghed."


def test_the_matrix_counts_words_and_marks_skips(found) -> None:  # type: ignore[no-untyped-def]
    matrix = found.matrix()
    assert matrix.cell("own-role", "I01") == 7 + 5  # both researchers' answers
    assert matrix.cell("own-role", "I03") == 0
    assert matrix.cell("not-asked", "I03") == 9  # the dash is a word too
    assert matrix.skipped("impressions") == []
    assert matrix.reflections == {"I01": 2, "I03": 1, "I02": 1}
    table = to_plain(matrix_table(matrix, "en"))
    assert table.startswith("Prompt × interview: words written (post-interview)")  # English words
    row = next(line for line in table.splitlines() if line.startswith("Hvad lagde du mærke til"))
    assert row.split()[-4:] == ["12", "–", "6", "1"]


def test_plain_answers_in_danish(found) -> None:  # type: ignore[no-untyped-def]
    text = answers_plain([found.answers_to("own-role")], "da")
    assert "I01 · 3. mar. 2026 · Mette · 7 ord" in text
    assert text.index("I01 · 3. mar.") < text.index("I02 · 10. mar.")
    assert "Sprunget over i: I03" in text


def test_cli_by_prompt_every_format(cli: Cli) -> None:
    build(cli.journal)
    out = cli.ok("--lang", "en", "analyse", "by-prompt", "own-role")
    assert "I01 · 3 Mar 2026 · Mette · 7 words" in out and "Skipped in: I03" in out
    data = json.loads(cli.ok("analyse", "by-prompt", "own-role", "--json"))
    assert data["interviews"] == ["I01", "I03", "I02"]
    assert [a["interview"] for a in data["prompts"][0]["answers"]] == ["I01", "I01", "I02"]
    markdown = cli.ok("--lang", "da", "analyse", "by-prompt", "not-asked", "--format", "markdown")
    assert markdown.startswith("# Svar pr. spørgsmål: post-interview")
    assert "> Jeg spurgte ikke til kompetence" in markdown
    rows = list(csv.reader(io.StringIO(cli.ok("analyse", "by-prompt", "--format", "csv"))))
    assert all(len(r) == len(rows[0]) for r in rows) and len(rows) > 10  # every prompt
    only = json.loads(cli.ok("analyse", "by-prompt", "own-role", "--interview", "I02", "--json"))
    assert [a["interview"] for a in only["prompts"][0]["answers"]] == ["I02"]


def test_cli_prompt_matrix(cli: Cli) -> None:
    build(cli.journal)
    data = json.loads(cli.ok("analyse", "prompt-matrix", "--json"))
    own = next(p for p in data["prompts"] if p["prompt"] == "own-role")
    assert own["words"] == {"I01": 12, "I03": 0, "I02": 6} and own["skipped"] == ["I03"]
    assert "Spørgsmål × interview" in cli.ok("--lang", "da", "analyse", "prompt-matrix")


@pytest.mark.parametrize(
    ("args", "words"),
    [(("by-prompt", "no-such"), "no-such"), (("by-prompt", "--pack", "nope"), "nope"),
     (("prompt-matrix", "--pack", "nope"), "post-interview")],
)  # fmt: skip
def test_unknown_prompt_or_pack_is_a_usage_error(
    cli: Cli, args: tuple[str, ...], words: str
) -> None:
    build(cli.journal)
    before = snapshot(cli.journal)
    result = cli("--lang", "en", "analyse", *args)
    assert result.returncode == 2 and words in result.stderr, result
    assert "Traceback" not in result.stderr and snapshot(cli.journal) == before
