"""Shell completion of theme names, interview codes and entry ids (issue 19).

Driven as a shell drives it: ``_EFTERTANKE_COMPLETE=bash_complete`` (or zsh,
fish) with COMP_WORDS and COMP_CWORD in the environment, through click's
testing runner, on a small journal made here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import snapshot

from eftertanke.cli import cli as program


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("completion") / "journal"
    # Made before the per-test isolated_env applies: its own config folder and author.
    config = tmp_path_factory.mktemp("completion-config")
    runner = CliRunner(env={"EFTERTANKE_CONFIG_DIR": str(config), "EFTERTANKE_AUTHOR": "tester"})

    def run(*args: str) -> str:
        result = runner.invoke(program, ["--journal", str(root), *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("theme", "add", "Farlig tavshed", "--concept", "safety")
    run("theme", "add", "Fællesskab", "--concept", "frames")
    run("theme", "add", "Drivkraft", "--concept", "drive")
    run("interview", "add", "I01", "--role", "afdelingschef")
    run("interview", "add", "I02", "--role", "plejehjemsleder")
    run("new", "-m", "Tavshed i de store fora", "--theme", "Farlig tavshed", "--title", "Fora")
    run("new", "-m", "Et notat der ryger i papirkurven", "--title", "Væk")
    return root


def complete(words: str, *, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
    """The values the program suggests for the last word of ``words``."""
    parts = words.split(" ")
    environ = {
        "_EFTERTANKE_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1) if shell != "fish" else parts[-1],
        **(env or {}),
    }
    result = CliRunner().invoke(program, [], prog_name="eftertanke", env=environ)
    assert result.exit_code == 0, (result.output, result.exception)
    if shell == "bash":
        return [line.partition(",")[2] for line in result.output.splitlines() if line]
    if shell == "zsh":
        lines = result.output.splitlines()
        return lines[1::3]  # type, value, help
    return [line.partition(",")[2].split("\t")[0] for line in result.output.splitlines()]


def _ids(journal: Path) -> dict[str, str]:
    import json

    out = CliRunner().invoke(program, ["--journal", str(journal), "list", "--json"]).output
    return {e["title"]: e["id"] for e in json.loads(out)}


def test_theme_names(journal: Path) -> None:
    at = f"eftertanke --journal {journal}"
    assert complete(f"{at} theme show F") == ["Farlig tavshed", "Fællesskab"]
    assert complete(f"{at} theme show fæ") == ["Fællesskab"]  # any case
    assert complete(f"{at} list --theme ") == ["Drivkraft", "Farlig tavshed", "Fællesskab"]
    assert complete(f"{at} theme merge Drivkraft F") == ["Farlig tavshed", "Fællesskab"]
    for command in ("theme rename", "theme delete", "theme edit", "analyse matrix --theme"):
        assert complete(f"{at} {command} D") == ["Drivkraft"], command
    assert complete(f"{at} code add --theme D") == ["Drivkraft"]
    assert complete(f"{at} edit abcd --add-theme D") == ["Drivkraft"]


def test_interview_codes_with_their_roles(journal: Path) -> None:
    at = f"eftertanke --journal {journal}"
    assert complete(f"{at} interview show ") == ["I01", "I02"]
    for command in ("interview edit", "interview delete", "transcript show", "list --interview",
                    "new --interview", "cite --transcript", "export csv --out - --interview"):  # fmt: skip
        assert complete(f"{at} {command} I0") == ["I01", "I02"], command
    assert complete(f"{at} interview show i02") == ["I02"]
    zsh = CliRunner().invoke(program, [], prog_name="eftertanke", env={
        "_EFTERTANKE_COMPLETE": "zsh_complete", "COMP_WORDS": f"{at} interview show I01",
        "COMP_CWORD": "5"})  # fmt: skip
    assert zsh.output.splitlines() == ["plain", "I01", "afdelingschef"]


def test_entry_ids(journal: Path) -> None:
    ids = _ids(journal)
    at = f"eftertanke --journal {journal}"
    fora = ids["Fora"]
    assert complete(f"{at} show {fora[:3]}") == [fora]
    assert sorted(complete(f"{at} show ")) == sorted(ids.values())
    assert complete(f"{at} edit {fora[:1]}") == [i for i in ids.values() if i[0] == fora[0]]
    assert complete(f"{at} code list {fora[:4]}") == [fora]
    assert complete(f"{at} show zz") == []


def test_the_trash_is_offered_only_to_restore(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    runner = CliRunner()
    keep = runner.invoke(program, ["--journal", str(root), "new", "-m", "bliver"]).output.strip()
    gone = runner.invoke(program, ["--journal", str(root), "new", "-m", "ryger"]).output.strip()
    assert runner.invoke(program, ["--journal", str(root), "delete", gone]).exit_code == 0
    at = f"eftertanke --journal {root}"
    assert complete(f"{at} show ") == [keep]
    assert complete(f"{at} restore ") == [gone]
    assert sorted(complete(f"{at} purge ")) == sorted([keep, gone])


def test_the_journal_from_the_environment_and_after_the_subcommand(journal: Path) -> None:
    assert complete("eftertanke theme show D", env={"EFTERTANKE_JOURNAL": str(journal)}) == [
        "Drivkraft"
    ]
    assert complete(f"eftertanke theme show --journal {journal} D") == ["Drivkraft"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells(journal: Path, shell: str) -> None:
    assert complete(f"eftertanke --journal {journal} theme show D", shell=shell) == ["Drivkraft"]


def test_a_missing_journal_is_no_suggestions_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo"
    for words in ("theme show ", "show ", "list --interview "):
        assert complete(f"eftertanke --journal {missing} {words}") == []
    assert complete("eftertanke theme show ", env={"EFTERTANKE_JOURNAL": str(missing)}) == []
    assert not missing.exists()


def test_completion_changes_nothing_in_the_journal(journal: Path) -> None:
    before = snapshot(journal)
    complete(f"eftertanke --journal {journal} theme show ")
    complete(f"eftertanke --journal {journal} show ")
    assert snapshot(journal) == before


def test_damaged_files_and_a_broken_config_give_no_suggestions(
    tmp_path: Path, isolated_env: Path
) -> None:
    root = tmp_path / "journal"
    root.mkdir()
    (root / "themes.json").write_text("{not json", encoding="utf-8")
    (root / "entries").mkdir()
    (root / "entries" / "ab.json").write_bytes(b"\xff\xfe")
    assert complete(f"eftertanke --journal {root} theme show ") == []
    assert complete(f"eftertanke --journal {root} show ab") == []
    (isolated_env / "config.toml").write_text("journal = [", encoding="utf-8")
    assert complete("eftertanke theme show ") == []


ENCRYPTED_ENV = {"EFTERTANKE_PASSPHRASE": "en lang og hemmelig sætning"}


def test_an_encrypted_journal_needs_its_passphrase_at_hand(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    runner = CliRunner()
    for args in (("theme", "add", "Drivkraft", "--concept", "drive"), ("encrypt", "--cost", "14")):
        result = runner.invoke(program, ["--journal", str(root), *args], env=ENCRYPTED_ENV)
        assert result.exit_code == 0, result.output
    at = f"eftertanke --journal {root}"
    assert complete(f"{at} theme show ") == []  # no passphrase: nothing, and nothing asked
    assert complete(f"{at} theme show ", env=ENCRYPTED_ENV) == ["Drivkraft"]
    secret = tmp_path / "pass.txt"
    secret.write_text(ENCRYPTED_ENV["EFTERTANKE_PASSPHRASE"] + "\n", encoding="utf-8")
    secret.chmod(0o600)
    assert complete(f"{at} --passphrase-file {secret} theme show ") == ["Drivkraft"]
    wrong = {"EFTERTANKE_PASSPHRASE": "forkert"}
    assert complete(f"{at} theme show ", env=wrong) == []


def test_the_installed_entry_point_passes_completion_to_click(journal: Path) -> None:
    # eftertanke.launch:main (the `due` fast path) in front of the command line.
    env = {**os.environ, "_EFTERTANKE_COMPLETE": "bash_complete",
           "COMP_WORDS": f"eftertanke --journal {journal} theme show D", "COMP_CWORD": "5"}  # fmt: skip
    code = "import sys; sys.argv = ['eftertanke']; from eftertanke.launch import main; main()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["plain,Drivkraft"]
    source = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        env={**os.environ, "_EFTERTANKE_COMPLETE": "bash_source"},
    )  # fmt: skip
    assert "_eftertanke_completion" in source.stdout and "complete " in source.stdout


# The options and arguments that name a theme, an interview or an entry.
TAKES_A_NAME = {"--theme", "--add-theme", "--remove-theme", "--parent", "--digest",
                "--interview", "--transcript", "--appendix", "--entry"}  # fmt: skip
NAMED_ARGUMENTS = {"entry_id", "ids", "ident", "code", "name", "old", "source", "target"}
# Those that take a new name or something else than the journal's records.
NEW_OR_OTHER = {
    ("interview add", "code"), ("theme add", "name"), ("git-merge", "name"),
    ("interview add", "--transcript"), ("interview edit", "--transcript"),  # a file's place
    ("interview add", "--appendix"), ("interview edit", "--appendix"),  # a number
}  # fmt: skip


def _leaves(command, path: str = ""):  # type: ignore[no-untyped-def]
    import click

    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _leaves(sub, f"{path} {name}".strip())
    else:
        yield path, command


def test_every_parameter_that_names_a_record_completes_it() -> None:
    import click

    missing = []
    for path, command in _leaves(program):
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            if isinstance(param, click.Option):
                key = next((o for o in param.opts if o in TAKES_A_NAME), None)
            else:
                key = param.name if param.name in NAMED_ARGUMENTS else None
            if key is None or (path, key) in NEW_OR_OTHER:
                continue
            # click keeps a shell_complete= callback here (click.core.Parameter).
            if getattr(param, "_custom_shell_complete", None) is None:
                missing.append(f"{path} {key}")
    assert missing == [], "give these shell_complete= (cli/completion.py)"


def test_question_ids(tmp_path: Path) -> None:
    from eftertanke.domain import Entry, Interview, Section
    from eftertanke.services.writing import write_entry
    from eftertanke.store import Journal

    root = tmp_path / "j"
    journal = Journal(root, author="t")
    journal.add_interview(Interview("I01", role="chef"))
    write_entry(journal, Entry(kind="interview", interview="I01", pack="post-interview",
                               sections=[Section("not-asked", "Ikke spurgt?", "Om tavshed i ledergruppen")]))  # fmt: skip
    ids = [q["id"] for e in Journal(root).raw_entries() for q in e.get("questions") or []]
    assert ids, "the reflection carried a question forward"
    offered = complete(f"eftertanke --journal {root} question drop {ids[0][:3]}")
    assert offered == [ids[0]]
