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
