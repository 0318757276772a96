"""Importing jrnl's JSON export, as the real jrnl program writes it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eftertanke.cli import cli as cli_group
from eftertanke.importers.jrnl import read_jrnl
from eftertanke.importers.plan import ImportFileError
from eftertanke.store.journal import Journal

DATA = Path(__file__).parent / "data" / "jrnl"
FIXTURE = DATA / "jrnl-4.6-export.json"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli_group, list(args), catch_exceptions=False, standalone_mode=False
    )
    return result.exit_code, result.stdout


def test_every_entry_of_a_real_jrnl_export_arrives(tmp_path: Path) -> None:
    target = tmp_path / "journal"
    code, out = run(
        "--journal", str(target), "import", "jrnl", str(FIXTURE), "--yes", "--concept", "safety"
    )
    assert code == 0, out
    assert "added 6 entries, skipped 0 as duplicates, rejected 0" in out
    source = json.loads(FIXTURE.read_text(encoding="utf-8"))["entries"]
    entries = Journal(target).entries()
    assert len(entries) == len(source)
    for entry, item in zip(entries, source, strict=True):
        assert entry.title == item["title"]
        assert entry.body == (item["body"] or item["title"])
        assert entry.created.strftime("%Y-%m-%d %H:%M") == f"{item['date']} {item['time']}"
        assert entry.created.tzinfo is not None and entry.kind == "daily"
    by_title = {e.title: e for e in entries}
    assert "## En overskrift i brødteksten" in by_title[source[1]["title"]].body
    assert "```\nkode blok\n```" in by_title[source[1]["title"]].body
    assert by_title[source[1]["title"]].themes == ["fællesskab"]  # jrnl's '##' tag is not a tag
    starred = by_title["Starred reflection about @Autonomi."]
    assert starred.themes == ["autonomi"] and starred.starred  # a star, not a theme
    assert [e.title for e in entries if e.starred] == [starred.title]
    assert "starred" not in {t.name for t in Journal(target).themes()}
    assert by_title[source[0]["title"]].themes == ["tryghed", "farlig-tavshed"]
    assert {t.concept for t in Journal(target).themes()} >= {"safety"}


def test_importing_twice_adds_nothing(tmp_path: Path) -> None:
    target = tmp_path / "journal"
    run("--journal", str(target), "import", "jrnl", str(FIXTURE), "--yes")
    code, out = run("--journal", str(target), "import", "jrnl", str(FIXTURE), "--yes")
    assert code == 0 and "added 0 entries, skipped 6 as duplicates" in out
    assert Journal(target).count_entries() == 6


def test_without_a_concept_unknown_tags_stay_text(tmp_path: Path) -> None:
    target = tmp_path / "journal"
    code, _ = run(
        "--journal",
        str(target),
        "import",
        "jrnl",
        str(FIXTURE),
        "--yes",
        "--map",
        "autonomi=Autonomi som metodefrihed",
    )
    assert code == 0
    entries = {e.title: e for e in Journal(target).entries()}
    starred = entries["Starred reflection about @Autonomi."]
    assert starred.themes == ["Autonomi som metodefrihed"]  # a starter-codebook theme
    assert "#starred" not in starred.body and starred.starred
    plain = entries["Plain entry without tags."]
    assert plain.themes == [] and plain.body == "Body text follows here."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[1, 2, 3]", "not jrnl's JSON export"),
        (b'{"entries": [{"title": "x"}]}', "has no text field 'body'"),
        (
            b'{"entries": [{"title": "x", "body": "", "date": "14/3/2024", "time": "10:00"}]}',
            "date or time",
        ),
        (b"not json at all", "not jrnl's JSON export"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_jrnl_json_is_refused(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    target = tmp_path / "journal"
    with pytest.raises(ImportFileError, match=problem):
        run("--journal", str(target), "import", "jrnl", str(bad), "--yes")
    assert not target.exists() or Journal(target).count_entries() == 0


def test_plan_reads_the_fixture_without_writing(tmp_path: Path) -> None:
    plan = read_jrnl(FIXTURE, kind="memo", lang="en")
    assert len(plan.entries) == 6 and not plan.rejected
    assert all(e.kind == "memo" and e.language == "en" for _, e in plan.entries)


JRNL = shutil.which("jrnl") or str(Path(sys.executable).parent / "jrnl")


@pytest.mark.skipif(not Path(JRNL).exists(), reason="jrnl is not installed (pip install jrnl)")
def test_an_export_made_now_by_jrnl_arrives(tmp_path: Path) -> None:
    home = tmp_path / "home"
    config = tmp_path / "config" / "jrnl"
    config.mkdir(parents=True)
    journal_txt = tmp_path / "journal.txt"
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal_txt}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.6\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(home),
    }
    texts = [
        "2025-01-02 08:15: Morgen i plejeboligen. @tryghed og æøå 🌿.",
        "2025-01-03 21:40: Aften. Anden linje med @sparring.",
        "2025-01-04 12:00: En stjerne. *",
    ]
    for text in texts:
        subprocess.run([JRNL, text], env=env, check=True, capture_output=True, timeout=60)
    exported = subprocess.run(
        [JRNL, "--format", "json"], env=env, check=True, capture_output=True, timeout=60
    ).stdout
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    target = tmp_path / "journal"
    code, out = run("--journal", str(target), "import", "jrnl", str(path), "--yes")
    assert code == 0 and "added 3 entries" in out, out
    titles = [e.title for e in Journal(target).entries()]
    assert titles == ["Morgen i plejeboligen.", "Aften.", "En stjerne."]
