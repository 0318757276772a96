"""Every command's and option's help in the user's language (issue 13): the
English stays in the code, each language's words are in the catalogue under
cli.help.<command path>[.opt.<param>] (eftertanke.cli.help_words)."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from eftertanke import i18n
from eftertanke.cli import cli, help_words


def helped(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], env=env, prog_name="eftertanke")
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_new_help_is_danish_for_the_command_and_its_options() -> None:
    said = helped("--lang", "da", "new")
    assert "Skriv et nyt indlæg, og vis dets id." in said
    assert "Mærk med et tema (kan gentages)." in said
    assert "Knyt til et interview (fx I03)." in said
    for english in ("Write a new entry", "Tag with a theme", "Link to an interview", "Title of"):
        assert english not in said


def test_a_subcommand_and_a_group_list_are_danish_with_lang_after_the_command() -> None:
    said = helped("theme", "add", "--lang", "da")
    assert "Tilføj et tema under et begreb, eller startkodebogen med --starter." in said
    assert "Hvorfor: gemmes i kodebogens ændringslog." in said
    listed = helped("--lang", "da", "transcript")
    assert "Interviewtransskriptioner: talernes replikker" in listed
    assert "Importér FILE som transskription af interview CODE." in listed  # short help
    assert "Import FILE as" not in listed


def test_a_required_option_is_marked_in_danish() -> None:
    said = helped("--lang", "da", "code", "add")
    assert "Kan gentages. [påkrævet]" in said
    assert "[required]" not in said
    assert "Repeatable. [required]" in helped("--lang", "en", "code", "add")


def test_the_environment_language_says_the_root_help_and_examples_stay(tmp_path: Path) -> None:
    said = helped(env={"EFTERTANKE_LANG": "da"})
    assert "en refleksionsjournal til autoetnografi" in said
    assert "Sprog for uddata og spørgsmål." in said
    code = helped("--lang", "da", "code")
    assert 'eftertanke code add 5d2a --phrase "det er trygt at sige fra" --theme Tryghed' in code


def test_english_help_is_the_code_s_own_text_after_a_danish_run() -> None:
    helped("--lang", "da", "new")
    said = helped("--lang", "en", "new")
    assert "Write a new entry and print its id." in said
    assert "Tag with a theme (repeatable)." in said
    assert "Mærk" not in said


def test_a_command_without_words_in_the_catalogue_keeps_its_english() -> None:
    @click.group()
    def root() -> None:
        """Root."""

    @root.command()
    @click.option("--x", help="An option nobody translated.")
    def fresh(x: str | None) -> None:
        """A command nobody translated."""

    help_words.use(root, "da")
    command = root.commands["fresh"]
    assert command.help == "A command nobody translated."
    assert command.params[0].help == "An option nobody translated."  # type: ignore[attr-defined]


def test_every_help_text_has_words_in_both_languages_and_english_is_the_code_s() -> None:
    texts = help_words.english_texts(cli)
    assert len(texts) > 300
    en, da = i18n.catalogue("en"), i18n.catalogue("da")
    missing = {lang: sorted(set(texts) - set(words)) for lang, words in (("en", en), ("da", da))}
    assert missing == {"en": [], "da": []}, "run scripts/extract_help.py, then translate"
    drifted = sorted(key for key, text in texts.items() if en[key] != text)
    assert drifted == [], "the code's help changed: run scripts/extract_help.py"
    stale = sorted(k for k in en if k.startswith(f"{help_words.PREFIX}.") and k not in texts)
    assert stale == [], "help of commands or options that are gone"


# Keys whose Danish is rightly the English word for word (a bare example, a
# format name); none yet.
SAME_IN_BOTH: set[str] = set()


def test_the_danish_help_is_translated_not_copied() -> None:
    texts = help_words.english_texts(cli)
    da = i18n.catalogue("da")
    copied = sorted(k for k, text in texts.items() if da[k] == text and k not in SAME_IN_BOTH)
    assert copied == [], "translate these in da.json (or list them in SAME_IN_BOTH)"
