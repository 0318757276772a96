"""The command line imports only the modules of the command it runs
(cli/__init__.py, COMMAND_HOMES), and the map of commands to modules is the
modules' own."""

from __future__ import annotations

import importlib
import subprocess
import sys

from eftertanke.cli import COMMAND_HOMES, COMMAND_MODULES


def test_every_command_is_homed_where_it_is_made() -> None:
    made: dict[str, list[str]] = {}
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"eftertanke.cli.{name}")
        for command in module.COMMANDS:
            made.setdefault(command.name, []).append(name)
    extending = {"analyse": ["analyse_prompts"]}  # adds its subcommands to the group
    for group, modules in extending.items():
        made[group] += modules
    assert {k: tuple(v) for k, v in made.items()} == COMMAND_HOMES


def test_a_command_line_imports_only_its_commands_modules() -> None:
    code = (
        "import sys\n"
        "from eftertanke.cli import cli\n"
        "import click\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith('eftertanke.cli.'))\n"
        "before = loaded()\n"
        "assert 'eftertanke.cli.doctor' not in before, before\n"
        "assert 'eftertanke.cli.entries' not in before, before\n"
        "ctx = click.Context(cli)\n"
        "assert cli.get_command(ctx, 'doctor').name == 'doctor'\n"
        "assert 'eftertanke.cli.doctor' in loaded() and 'eftertanke.cli.entries' not in loaded()\n"
        "assert len(cli.list_commands(ctx)) == 28\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_command_loaded_when_asked_for_speaks_the_programs_language() -> None:
    """In a fresh process (nothing loaded before), a command's help is in the
    language asked for, anywhere on the line, and its options' too."""
    for args in (["new", "--help", "--lang", "da"], ["--lang", "da", "theme", "add", "--help"]):
        done = subprocess.run(
            [sys.executable, "-m", "eftertanke", *args], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "Brug:" in done.stdout
        assert any(
            words in done.stdout
            for words in ("Skriv et nyt indlæg, og vis dets id.", "Tilføj et tema under et begreb")
        ), done.stdout
    english = subprocess.run(
        [sys.executable, "-m", "eftertanke", "new", "--help", "--lang", "en"],
        capture_output=True,
        text=True,
    )
    assert "Write a new entry and print its id." in english.stdout
