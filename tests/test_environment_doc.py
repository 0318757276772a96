"""Every EFTERTANKE_ environment variable the source reads is documented:
in ``eftertanke --help`` (both languages) and in the README (issue 19)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eftertanke.cli import cli as program

REPO = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\b_?EFTERTANKE_[A-Z][A-Z_]*[A-Z]")


def _in_source() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "src").rglob("*.py"):
        found |= set(NAME.findall(path.read_text(encoding="utf-8")))
    return found


def _help(*args: str) -> str:
    result = CliRunner().invoke(program, [*args, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_source_names_the_variables_we_know() -> None:
    # A sanity check of the scan itself: it finds what the program reads.
    assert {"EFTERTANKE_JOURNAL", "EFTERTANKE_PASSPHRASE", "EFTERTANKE_CACHE_DIR"} <= _in_source()


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_variable_is_in_the_help(lang: str) -> None:
    text = _help("--lang", lang)
    missing = sorted(name for name in _in_source() if name not in text)
    assert missing == [], f"add them to cli/environment.py (and the catalogue): {missing}"
    assert "NO_COLOR" in text


def test_the_list_is_worded_in_the_language() -> None:
    assert "Environment variables:" in _help("--lang", "en")
    danish = _help("--lang", "da")
    assert "Miljøvariabler:" in danish and "journalens mappe" in danish
    after = CliRunner().invoke(program, ["--help", "--lang", "da"])
    assert "Miljøvariabler:" in after.output


def test_the_language_comes_from_the_environment_too() -> None:
    result = CliRunner().invoke(program, ["--help"], env={"EFTERTANKE_LANG": "da"})
    assert "Miljøvariabler:" in result.output


def test_every_variable_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _in_source() if f"`{name}`" not in readme)
    assert missing == [], f"document them in README.md: {missing}"


def test_help_in_danish_after_a_run_in_english_in_the_same_process() -> None:
    # click keeps each command's --help option once made; it is made anew in the new language.
    assert "Show this message and exit." in CliRunner().invoke(program, ["new", "--help"]).output
    danish = CliRunner().invoke(program, ["--lang", "da", "new", "--help"]).output
    assert "Vis denne hjælp og afslut." in danish
    assert "Show this message and exit." in CliRunner().invoke(program, ["new", "--help"]).output
