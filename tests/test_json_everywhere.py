"""Shell conventions: every command that prints data takes --json (issue 19).

The walk over the command tree fails when a command is added that neither
takes --json nor is named below as one that prints no data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eftertanke.cli import cli as program

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"

# Commands that print no data of their own, each with why: they change the
# journal and say so in a line (or print the new id), or write a file in the
# format they are named for. A new command goes here only if it is one of these.
NO_DATA = {
    "new": "writes an entry; prints its id",
    "edit": "changes an entry; one line",
    "delete": "moves an entry to the trash; one line",
    "restore": "takes an entry out of the trash; one line",
    "purge": "deletes for good after a question; one line of what went",
    "encrypt": "changes the folder; one line",
    "decrypt": "changes the folder; one line",
    "passwd": "changes the passphrase; one line",
    "serve": "runs a server; prints its address",
    "git-merge": "git's merge driver (hidden): writes the merged file",
    "interview add": "writes an interview; one line",
    "interview edit": "changes an interview; one line",
    "interview delete": "deletes an interview for good; one line",
    "theme add": "writes a theme; one line",
    "theme edit": "changes a theme; one line",
    "theme rename": "renames a theme; one line",
    "theme merge": "merges two themes; one line",
    "theme delete": "deletes a theme; one line",
    "code remove": "removes a coding; one line",
    "code recode": "changes a coding's themes; one line",
    "code memo": "changes a coding's memo; one line",
    "code move": "moves a coding; one line",
    "transcript remove": "removes a transcript; one line",
    "drafts discard": "removes a draft; one line",
    "analyse chart": "writes an SVG or PNG file",
    # The exports write their own formats (JSON is one of them: export json).
    "export csv": "a file in its format",
    "export docx": "a file in its format",
    "export html": "a file in its format",
    "export json": "a file in its format",
    "export markdown": "a file in its format",
    "export methods": "a file in its format",
    "export pdf": "a file in its format",
    "export qdc": "a file in its format",
    "export refi": "a file in its format",
    "export taguette": "a file in its format",
}


def _leaves(command: click.Command, path: str = "") -> list[tuple[str, click.Command]]:
    if isinstance(command, click.Group):
        found = []
        for name, sub in sorted(command.commands.items()):
            found += _leaves(sub, f"{path} {name}".strip())
        return found
    return [(path, command)]


def _options(command: click.Command) -> set[str]:
    return {opt for p in command.params if isinstance(p, click.Option) for opt in p.opts}


def test_every_data_command_takes_json() -> None:
    missing = [path for path, command in _leaves(program)
               if path not in NO_DATA and "--json" not in _options(command)]  # fmt: skip
    assert missing == [], "give these --json, or name them in NO_DATA with why"


def test_the_list_of_commands_without_data_is_current() -> None:
    leaves = dict(_leaves(program))
    assert sorted(set(NO_DATA) - set(leaves)) == [], "no such command any more"
    assert [p for p in NO_DATA if "--json" in _options(leaves[p])] == []


def test_every_format_json_has_json_as_its_alias() -> None:
    with_json_format = [
        path
        for path, command in _leaves(program)
        for param in command.params
        if isinstance(param, click.Option) and "--format" in param.opts
        and isinstance(param.type, click.Choice) and "json" in param.type.choices
    ]  # fmt: skip
    assert "analyse matrix" in with_json_format and "export jrnl" in with_json_format
    leaves = dict(_leaves(program))
    assert [p for p in with_json_format if "--json" not in _options(leaves[p])] == []


def test_export_jrnl_json_is_format_json(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    assert _run(journal, "new", "-m", "Et notat").exit_code == 0
    with_json = _run(journal, "export", "jrnl", "--json", "-o", "-")
    assert with_json.exit_code == 0, with_json.output
    assert json.loads(with_json.stdout) == json.loads(
        _run(journal, "export", "jrnl", "--format", "json", "-o", "-").stdout
    )
    assert _run(journal, "export", "jrnl", "--json", "--format", "text", "-o", "-").exit_code == 2


def test_the_group_drafts_takes_json_too() -> None:
    assert "--json" in _options(program.commands["drafts"])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "journal"
    shutil.copytree(DEMO, root)
    return root


def _run(journal: Path, *args: str) -> click.testing.Result:
    return CliRunner().invoke(program, ["--journal", str(journal), "--lang", "en", *args])


@pytest.mark.parametrize(
    "view", ["matrix", "coverage", "cooccurrence", "timeline", "balance", "goes-with"]
)
def test_analyse_json_is_format_json(demo: Path, view: str) -> None:
    with_format = _run(demo, "analyse", view, "--format", "json")
    with_json = _run(demo, "analyse", view, "--json")
    assert with_json.exit_code == 0, with_json.output
    assert json.loads(with_json.stdout) == json.loads(with_format.stdout)
    assert _run(demo, "analyse", view, "--json", "--format", "json").exit_code == 0
    clash = _run(demo, "analyse", view, "--json", "--format", "csv")
    assert clash.exit_code == 2 and "--format csv" in clash.output


def test_analyse_report_json_has_every_view(demo: Path) -> None:
    result = _run(demo, "analyse", "report", "--json", "--interview", "I01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["interviews"] == ["I01"]
    matrix = json.loads(_run(demo, "analyse", "matrix", "--json", "--interview", "I01").stdout)
    assert data["matrix"] == matrix
    assert {"coverage", "cooccurrence", "timeline", "balance", "goes_with", "counts"} <= set(data)
    assert data["counts"]["entries"] > 0
    assert _run(demo, "analyse", "report", "--json", "--out", "x.md").exit_code == 2


def test_theme_show_json(demo: Path) -> None:
    listed = json.loads(_run(demo, "theme", "list", "--json").stdout)
    used = next(th for th in listed if th["uses"])
    result = _run(demo, "theme", "show", used["name"], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == used["name"] and data["concept"] == used["concept"]
    assert data["entries"] and all("body" in e and "id" in e for e in data["entries"])


def test_import_json_reports_the_plan_and_asks_nothing(tmp_path: Path) -> None:
    source = tmp_path / "jrnl.json"
    entry = {"date": "2026-01-02", "time": "10:00", "title": "T", "body": "b @work",
             "tags": ["@work"], "starred": False}  # fmt: skip
    source.write_text(json.dumps({"tags": {"@work": 1}, "entries": [entry]}), encoding="utf-8")
    journal = tmp_path / "journal"
    dry = _run(journal, "import", "jrnl", str(source), "--json", "--dry-run")
    assert dry.exit_code == 0, dry.output
    data = json.loads(dry.stdout)
    assert data["dry_run"] is True and data["read"]["entries"] == 1 and data["added"] == 0
    assert data["mapping"]["work"]["theme"] is None
    # Without --yes or --dry-run --json would have to ask: a usage error instead.
    assert _run(journal, "import", "jrnl", str(source), "--json").exit_code == 2
    done = _run(journal, "import", "jrnl", str(source), "--json", "--yes")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["added"] == 1
