"""Shell conventions: a mistyped journal path is an error, never a new empty
journal; only commands that add something start one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Cli

READ_ONLY = [
    ("list",),
    ("show", "abcd"),
    ("interview", "list"),
    ("interview", "show", "I01"),
    ("theme", "list"),
    ("analyse", "matrix"),
    ("export", "json", "--out", "-"),
    ("transcript", "list"),
    ("code", "list"),
    ("drafts", "list"),
    ("cite", "abcd"),
    ("delete", "abcd"),
    ("edit", "abcd", "--title", "x"),
]


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_a_missing_journal_is_an_error_and_is_not_created(
    cli: Cli, journal_dir: Path, args: tuple[str, ...]
) -> None:
    result = cli(*args)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "no journal at" in result.stderr and str(journal_dir) in result.stderr
    assert "Traceback" not in result.stderr
    assert not journal_dir.exists()


def test_the_environment_variable_is_checked_the_same_way(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    missing = tmp_path / "typo"
    env = {**os.environ, "EFTERTANKE_JOURNAL": str(missing), "EFTERTANKE_LANG": "da"}
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "list"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert "ingen journal i" in result.stderr and "EFTERTANKE_JOURNAL" in result.stderr
    assert not missing.exists()


def test_adding_something_starts_a_journal(cli: Cli, journal_dir: Path) -> None:
    cli.ok("new", "-m", "Første notat")
    assert journal_dir.is_dir()
    assert "Første notat" in cli.ok("list")


def test_an_empty_folder_is_an_empty_journal(cli: Cli, journal_dir: Path) -> None:
    journal_dir.mkdir()
    assert cli.ok("list").strip()  # "No entries match." rather than an error


def _seeded_runner(journal_dir: Path):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from eftertanke.cli import cli as program

    runner = CliRunner()
    result = runner.invoke(program, ["--journal", str(journal_dir), "new", "-m", "Farvet linje"])
    assert result.exit_code == 0, result.output
    return runner, program


def test_no_color_drops_every_style(journal_dir: Path) -> None:
    runner, program = _seeded_runner(journal_dir)
    # color=True: as on a terminal, where styles are kept.
    coloured = runner.invoke(program, ["--journal", str(journal_dir), "list"], color=True)
    assert "\x1b[" in coloured.output
    plain = runner.invoke(program, ["--journal", str(journal_dir), "list"], color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 0 and "Farvet linje" in plain.output
    assert "\x1b[" not in plain.output


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--from", "soon"),
        ("list", "--to", "the day after"),
        ("list", "--from", "2026-03-10", "--to", "2026-03-01"),
        ("analyse", "matrix", "--from", "soon"),
        ("export", "csv", "--from", "soon", "--out", "-"),
        ("new", "-m", "x", "--at", "the day after"),
        ("interview", "add", "I04", "--role", "x", "--date", "når som helst"),
    ],
    ids=" ".join,
)
def test_an_unreadable_option_is_a_usage_error(cli: Cli, journal_dir: Path, args: tuple[str, ...]) -> None:
    journal_dir.mkdir()
    result = cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
