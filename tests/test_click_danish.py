"""click's own words (usage errors, the chrome of --help) in the user's
language (issue 13): with --lang da, EFTERTANKE_LANG=da or the config file's
language, a mistyped option is refused in Danish and still exits 2."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eftertanke import i18n
from eftertanke.cli import cli, click_words, main

ENGLISH_CHROME = (
    "Usage:",
    "Options:",
    "No such option",
    "Missing argument",
    "Show this message and exit.",
    "Invalid value for",
    "for help",
    "Error:",
)


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env, prog_name="eftertanke")
    return result.exit_code, result.output


def run_main(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation(env=env) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def no_english(said: str) -> None:
    leaked = [word for word in ENGLISH_CHROME if word in said]
    assert leaked == [], said


def test_a_bad_option_is_refused_in_danish_with_exit_code_2(tmp_path: Path) -> None:
    code, said = invoke("--journal", str(tmp_path / "j"), "--lang", "da", "new", "--bogus")
    assert code == 2
    assert "Der er intet tilvalg ved navn '--bogus'." in said
    assert "Brug: " in said and "for at få hjælp" in said and "Fejl: " in said
    no_english(said)


def test_the_language_of_the_environment_words_a_missing_argument(tmp_path: Path) -> None:
    code, said = invoke("--journal", str(tmp_path / "j"), "show", env={"EFTERTANKE_LANG": "da"})
    assert code == 2
    assert "Mangler argumentet 'ENTRY_ID'." in said
    no_english(said)


def test_lang_after_the_subcommand_words_the_error_on_the_command_line(tmp_path: Path) -> None:
    code, _out, err = run_main("--journal", str(tmp_path / "j"), "list", "-n", "x", "--lang", "da")
    assert code == 2
    assert err.strip() == (
        "eftertanke: fejl: Ugyldig værdi for '-n': 'x' er ikke et gyldigt heltal."
    )


def test_help_is_headed_in_danish() -> None:
    code, said = invoke("--lang", "da", "new", "--help")
    assert code == 0
    assert said.startswith("Brug: eftertanke new")
    assert "\nTilvalg:\n" in said and "Vis denne hjælp og afslut." in said
    no_english(said)
    code, said = invoke("--lang", "da", "--help")
    assert code == 0 and "\nKommandoer:\n" in said and "Usage:" not in said


def test_english_stays_clicks_own_wording(tmp_path: Path) -> None:
    code, said = invoke("--journal", str(tmp_path / "j"), "new", "--bogus")
    assert code == 2
    assert "Usage: " in said and "No such option '--bogus'." in said
    assert "Try 'eftertanke new --help' for help." in said


def _clicks_messages() -> tuple[set[str], dict[str, str]]:
    """Every msgid click's modules pass to gettext and ngettext (singular: plural)."""
    singles: set[str] = set()
    plurals: dict[str, str] = {}
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and texts:
                singles.add(texts[0])
            if node.func.id == "ngettext" and len(texts) >= 2:
                plurals[texts[0]] = texts[1]
    return singles, plurals


def test_every_translated_message_is_one_click_still_says_and_english_is_its_wording() -> None:
    singles, plurals = _clicks_messages()
    assert sorted(set(click_words.MESSAGES) - singles) == []
    assert sorted(set(click_words.PLURALS) - set(plurals)) == []
    for msgid, name in click_words.MESSAGES.items():
        assert i18n.t(f"cli.click.{name}", "en") == msgid
    for singular, (one, other) in click_words.PLURALS.items():
        assert i18n.t(f"cli.click.{one}", "en") == singular
        assert i18n.t(f"cli.click.{other}", "en") == plurals[singular]


@pytest.mark.parametrize("word", ["file", "directory", "path"])
def test_a_path_parameters_kind_is_said_in_the_language_of_the_error(word: str) -> None:
    kind = click_words.gettext(word)
    click_words.use("da")
    try:
        assert kind.title() == i18n.t(f"cli.click.{click_words.PATH_KINDS[word]}", "da").title()
    finally:
        click_words.use(None)
    assert kind.title() == word.title()
