"""``export jrnl``: back out to jrnl, and in again; stars stay stars; a dry run asks nothing."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry, Section, Theme
from eftertanke.export.jrnl import jrnl_json, jrnl_text
from eftertanke.store.journal import Journal

FIXTURE = Path(__file__).parent / "data" / "jrnl" / "jrnl-4.6-export.json"
JRNL = shutil.which("jrnl") or str(Path(sys.executable).parent / "jrnl")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli_group, list(args))
    return result.exit_code, result.stdout, result.stderr


def facts(journal: Path) -> list[tuple[object, ...]]:
    return [
        (e.title, e.body, e.created.strftime("%Y-%m-%d %H:%M"), e.themes, e.starred)
        for e in Journal(journal).entries()
    ]


def imported(tmp_path: Path) -> Path:
    target = tmp_path / "from-jrnl"
    code, out, err = run(
        "--journal", str(target), "import", "jrnl", str(FIXTURE), "--yes", "--concept", "safety"
    )
    assert code == 0, out + err
    return target


@pytest.mark.parametrize("form", ["text", "json"])
def test_export_then_import_gives_the_same_entries(tmp_path: Path, form: str) -> None:
    source = imported(tmp_path)
    out = tmp_path / f"export.{form}"
    code, said, err = run(
        "--journal", str(source), "export", "jrnl", "--format", form, "-o", str(out)
    )
    assert code == 0, err
    assert "Exported 6 entries" in said
    again = tmp_path / "again"
    code, said, err = run(
        "--journal", str(again), "import", "jrnl", str(out), "--yes", "--concept", "safety"
    )
    assert code == 0 and "added 6 entries" in said, said + err
    assert facts(again) == facts(source)
    # Into the journal it came from: the same ids, so nothing is added twice.
    code, said, _ = run("--journal", str(source), "import", "jrnl", str(out), "--yes")
    assert code == 0 and "added 0 entries, skipped 6 as duplicates" in said, said


def test_the_text_form_is_jrnls_journal_file(tmp_path: Path) -> None:
    source = imported(tmp_path)
    text = jrnl_text(Journal(source).entries()).decode()
    assert text == (FIXTURE.parent / "jrnl-4.6-journal.txt").read_text(encoding="utf-8")
    data = json.loads(jrnl_json(Journal(source).entries()))
    original = json.loads(FIXTURE.read_text(encoding="utf-8"))
    keys = ("title", "body", "date", "time", "starred")
    assert [{k: e[k] for k in keys} for e in data["entries"]] == [
        {k: e[k] for k in keys} for e in original["entries"]
    ]


def test_a_star_is_a_star_not_a_theme(tmp_path: Path) -> None:
    source = imported(tmp_path)
    journal = Journal(source)
    starred = [e for e in journal.entries() if e.starred]
    assert [e.title for e in starred] == ["Starred reflection about @Autonomi."]
    assert starred[0].themes == ["autonomi"]
    assert "starred" not in {t.name.casefold() for t in journal.themes()}
    assert "starred" not in json.dumps([e.to_dict() for e in journal.entries() if not e.starred])
    code, listed, _ = run("--journal", str(source), "list")
    assert code == 0 and "★ Starred reflection" in listed
    code, shown, _ = run("--lang", "da", "--journal", str(source), "show", starred[0].id[:8])
    assert code == 0 and "stjernemarkeret: ★" in shown
    # Entries stored before stars existed read as not starred, and a star survives a reload.
    assert Entry.from_dict({"id": starred[0].id, "body": "x"}).starred is False
    assert Entry.from_dict(starred[0].to_dict()).starred is True


def test_a_star_survives_the_markdown_round_trip(tmp_path: Path) -> None:
    source = imported(tmp_path)
    folder = tmp_path / "md"
    code, _, err = run("--journal", str(source), "export", "markdown", "-o", str(folder))
    assert code == 0, err
    marked = [p.name for p in folder.glob("*.md") if "\nstarred: true\n" in p.read_text("utf-8")]
    assert len(marked) == 1
    again = tmp_path / "again"
    code, said, err = run("--journal", str(again), "import", "markdown", str(folder), "--yes")
    assert code == 0, said + err
    assert [e.title for e in Journal(again).entries() if e.starred] == [
        "Starred reflection about @Autonomi."
    ]


def test_themes_sections_and_stars_of_an_eftertanke_entry_reach_jrnl(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    entry = journal.add_entry(
        Entry(
            kind="interview",
            title="Efter I03",
            body="Hun tav.",
            themes=["Farlig tavshed"],
            sections=[Section("impressions", "Umiddelbare indtryk", "Stille møde.")],
            ratings={"energy": 2},
            starred=True,
        )
    )
    text = jrnl_text([entry]).decode()
    lines = text.splitlines()
    assert lines[0].startswith("[") and lines[0].endswith("] Efter I03 *")
    assert "Hun tav.\n\nUmiddelbare indtryk\nStille møde.\n\n@farlig-tavshed\n" in text
    out = tmp_path / "out.txt"
    code, _, err = run("--journal", str(journal.root), "export", "jrnl", "-o", str(out))
    assert code == 0 and "jrnl has no place for ratings" in err
    back = tmp_path / "back"
    code, said, err = run("--journal", str(journal.root), "import", "jrnl", str(out), "--yes")
    assert code == 0, said + err
    copy = next(e for e in Journal(journal.root).entries() if e.id != entry.id)
    assert copy.themes == ["Farlig tavshed"] and copy.starred  # the tag maps back to the theme
    assert not back.exists()


def test_a_dry_run_asks_nothing_and_needs_no_yes(tmp_path: Path) -> None:
    target = tmp_path / "journal"
    Journal(target).count_entries()
    code, said, err = run("--journal", str(target), "import", "jrnl", str(FIXTURE), "--dry-run")
    assert code == 0, said + err
    assert "Would read 6 entries" in said and "#tryghed" in said
    assert Journal(target).count_entries() == 0 and not Journal(target).themes()


@pytest.mark.skipif(not Path(JRNL).exists(), reason="jrnl is not installed (pip install jrnl)")
def test_jrnl_itself_imports_the_export(tmp_path: Path) -> None:
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "jrnl_roundtrip_check.py"
    spec = importlib.util.spec_from_file_location("jrnl_roundtrip_check", script)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    report = module.roundtrip(imported(tmp_path), JRNL, tmp_path / "jrnl")
    assert report["imported"] == 6 and report["same"], report
