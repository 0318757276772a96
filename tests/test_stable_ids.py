"""Themes and interviews by stable id (issue 11, cases 6 and 8).

Entries refer to themes and interviews by their records' ids on disk, so a
rename, a merge of two themes or an interview code change is one atomic
write of themes.json or interviews.json: a SIGKILL or ENOSPC can only leave
the whole change or none of it. Names stay everywhere above the store.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from conftest import Cli

from eftertanke.domain import Entry, Excerpt, Interview, Theme
from eftertanke.store import layout, references
from eftertanke.store.journal import Journal
from eftertanke.store.storage import AtomicStorage

# -- helpers ----------------------------------------------------------------------


def data_snapshot(root: Path) -> dict[str, bytes]:
    """The bytes of every data file (not mirrors, backups, drafts or the lock)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in layout.data_files(root)}


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))


def stored_problems(root: Path) -> list[str]:
    journal = Journal(root, create=False)
    return [
        p.message
        for p in references.problems(
            dict(journal.stored_rows("themes")),
            dict(journal.stored_rows("interviews")),
            list(journal.stored_entries(include_deleted=True)),
        )
        if p.level == "error"
    ]


def make_coded_journal(root: Path, entries: int = 12) -> Journal:
    journal = Journal(root, author="Mette")
    journal.add_interview(Interview(code="I01", role="leader"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_theme(Theme(name="Tavshed i store fora", concept="safety", parent="Farlig tavshed"))
    journal.add_theme(Theme(name="Lykkes sammen", concept="drive"))
    for n in range(entries):
        journal.add_entry(
            Entry(
                kind="interview",
                body=f"Refleksion {n}",
                themes=["Farlig tavshed"] if n % 2 else ["Lykkes sammen", "Farlig tavshed"],
                interview="I01",
                excerpts=[Excerpt("I01", "9.45", f"citat {n}", ["Lykkes sammen"])],
            )
        )
    return journal


def eft(journal: Path, *args: str, author: str = "mette") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EFTERTANKE_AUTHOR": author}
    return subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args],
        capture_output=True, text=True, env=env, timeout=120, input="",
    )  # fmt: skip


def eft_ok(journal: Path, *args: str, author: str = "mette") -> str:
    result = eft(journal, *args, author=author)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


# -- one write ----------------------------------------------------------------------


def test_on_disk_entries_name_ids_and_everything_above_the_store_sees_names(
    journal_dir: Path, cli: Cli
) -> None:
    journal = make_coded_journal(journal_dir, entries=2)
    theme_ids = {t.name: t.id for t in journal.themes()}
    interview_id = journal.get_interview("I01").id
    stored = list(journal.stored_entries())
    assert all(doc["interview"] == interview_id for doc in stored)
    assert all(set(doc["themes"]) <= set(theme_ids.values()) for doc in stored)
    assert journal.stored_rows("themes")[theme_ids["Tavshed i store fora"]]["parent"] == (
        theme_ids["Farlig tavshed"]
    )
    # Names in every output: list/show --json and export json.
    listed = orjson.loads(cli.ok("list", "--json"))
    assert {tuple(d["themes"]) for d in listed} == {
        ("Farlig tavshed",),
        ("Lykkes sammen", "Farlig tavshed"),
    }
    assert {d["interview"] for d in listed} == {"I01"}
    shown = orjson.loads(cli.ok("show", listed[0]["id"], "--json"))
    assert shown["excerpts"][0]["interview"] == "I01"
    assert shown["excerpts"][0]["themes"] == ["Lykkes sammen"]
    out = journal_dir.parent / "export.json"
    cli.ok("export", "json", "--out", str(out))
    exported = orjson.loads(out.read_bytes())
    assert {tuple(d["themes"]) for d in exported["entries"]} == {tuple(d["themes"]) for d in listed}
    assert {d["interview"] for d in exported["entries"]} == {"I01"}


def test_theme_rename_writes_only_the_codebook(journal_dir: Path) -> None:
    journal = make_coded_journal(journal_dir)
    entry_ids = [e.id for e in journal.entries()]
    before = data_snapshot(journal_dir)
    _, count = journal.rename_theme("farlig tavshed", "Den farlige tavshed")
    assert count == len(entry_ids)
    assert changed_files(before, data_snapshot(journal_dir)) == ["themes.json"]
    reopened = Journal(journal_dir)
    assert all("Den farlige tavshed" in reopened.get_entry(i).themes for i in entry_ids)
    assert reopened.get_theme("Tavshed i store fora").parent == "Den farlige tavshed"
    assert "Farlig tavshed" not in [t.name for t in reopened.themes()]


def test_an_entry_saved_from_a_view_opened_before_a_rename_lands_on_the_renamed_theme(
    journal_dir: Path,
) -> None:
    journal = make_coded_journal(journal_dir, entries=1)
    stale = journal.entries()[0]  # read before the rename: names the old theme
    Journal(journal_dir).rename_theme("Farlig tavshed", "Den farlige tavshed")
    stale.body = "Skrevet videre"
    journal.update_entry(stale, check_links=False)
    assert stored_problems(journal_dir) == []
    assert "Den farlige tavshed" in Journal(journal_dir).get_entry(stale.id).themes


def test_theme_merge_writes_only_the_codebook_and_the_source_reads_as_the_target(
    journal_dir: Path, cli: Cli
) -> None:
    journal = make_coded_journal(journal_dir)
    source_id = journal.get_theme("Lykkes sammen").id
    before = data_snapshot(journal_dir)
    target, count = journal.merge_themes("Lykkes sammen", "Farlig tavshed")
    assert count == 12
    assert changed_files(before, data_snapshot(journal_dir)) == ["themes.json"]
    assert journal.stored_rows("themes")[source_id][references.ALIAS_KEY] == target.id
    for entry in Journal(journal_dir).entries():
        assert entry.themes == ["Farlig tavshed"]  # deduplicated
        assert entry.excerpts[0].themes == ["Farlig tavshed"]
    assert "Lykkes sammen" not in cli.ok("theme", "list")
    assert len(orjson.loads(cli.ok("list", "--theme", "Farlig tavshed", "--json"))) == 12
    assert Journal(journal_dir).theme_usage() == {"Farlig tavshed": 12}
    # A new theme may take the merged-away name; it is another theme.
    cli.ok("theme", "add", "Lykkes sammen", "--concept", "drive")
    assert Journal(journal_dir).theme_usage() == {"Farlig tavshed": 12}
    assert cli("doctor").returncode == 0


def test_interview_code_change_writes_only_the_interviews_file(journal_dir: Path) -> None:
    journal = make_coded_journal(journal_dir)
    before = data_snapshot(journal_dir)
    interview = journal.get_interview("I01")
    interview.code = "B07"
    journal.update_interview(interview)
    assert changed_files(before, data_snapshot(journal_dir)) == ["interviews.json"]
    for entry in Journal(journal_dir).entries():
        assert entry.interview == "B07" and entry.excerpts[0].interview == "B07"


def test_cli_rename_merge_and_recode_each_change_one_data_file(journal_dir: Path) -> None:
    make_coded_journal(journal_dir)
    for args, expected in (
        (("theme", "rename", "Farlig tavshed", "Tavshedens fare"), ["themes.json"]),
        (("theme", "merge", "Lykkes sammen", "Tavshedens fare"), ["themes.json"]),
        (("interview", "edit", "I01", "--code", "I09"), ["interviews.json"]),
    ):
        before = data_snapshot(journal_dir)
        eft_ok(journal_dir, *args)
        assert changed_files(before, data_snapshot(journal_dir)) == expected, args
    listed = orjson.loads(eft_ok(journal_dir, "list", "--json"))
    assert all(d["themes"] == ["Tavshedens fare"] and d["interview"] == "I09" for d in listed)


def test_a_search_word_from_a_theme_name_still_finds_the_entry(journal_dir: Path) -> None:
    make_coded_journal(journal_dir, entries=3)
    # The stored text holds ids; the search still sees the theme's name: on the
    # whole entry (two of them) or on an excerpt (the third), as --theme does.
    found = orjson.loads(eft_ok(journal_dir, "list", "--search", "lykkes", "--json"))
    assert len(found) == 3
    assert orjson.loads(eft_ok(journal_dir, "list", "--search", "tavshed", "--json")) != []


# -- killed at random moments ------------------------------------------------------------


def _kill_at_random(journal: Path, args: list[str], rng: random.Random) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(rng.uniform(0.05, 0.6))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def test_rename_merge_and_recode_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    journal = Journal(root, author="Mette")
    journal.add_interview(Interview(code="I01", role="leader"))
    journal.add_theme(Theme(name="Rk0", concept="safety"))
    journal.add_theme(Theme(name="Mål", concept="drive"))
    for n in range(300):
        journal.add_entry(
            Entry(body=f"tekst {n}", themes=["Rk0"], interview="I01" if n % 3 == 0 else None)
        )
    rng = random.Random(11)
    rename_at, code_at = 0, 0
    kills = 0
    for round_no in range(24):
        kind = round_no % 3
        if kind == 0:
            args = ["theme", "rename", f"Rk{rename_at}", f"Rk{rename_at + 1}"]
        elif kind == 1:
            # A fresh theme to merge away, used by some entries.
            name = f"Flet{round_no}"
            Journal(root).add_theme(Theme(name=name, concept="drive"))
            chosen = Journal(root).entries()[round_no : round_no + 20]
            for entry in chosen:
                entry.themes = [*entry.themes, name]
                Journal(root).update_entry(entry)
            args = ["theme", "merge", name, "Mål"]
        else:
            args = ["interview", "edit", f"I0{code_at + 1}", "--code", f"I0{code_at + 2}"]
        _kill_at_random(root, args, rng)
        kills += 1
        # After each kill: the journal opens, every entry's references exist.
        after = Journal(root)
        assert after.count_entries() == 300
        assert stored_problems(root) == []
        # Rerunning finishes the change, or finds it already done.
        if kind == 0:
            names = {t.name for t in after.themes()}
            if f"Rk{rename_at}" in names:
                eft_ok(root, *args)
            rename_at += 1
            assert all(e.themes[0] == f"Rk{rename_at}" for e in Journal(root).entries())
        elif kind == 1:
            if name in {t.name for t in after.themes()}:
                eft_ok(root, *args)
            assert all(name not in e.themes for e in Journal(root).entries())
            assert sum("Mål" in e.themes for e in Journal(root).entries()) >= 20
        else:
            codes = {i.code for i in after.interviews()}
            if f"I0{code_at + 1}" in codes:
                eft_ok(root, *args)
            code_at += 1
            linked = [e for e in Journal(root).entries() if e.interview]
            assert len(linked) == 100 and {e.interview for e in linked} == {f"I0{code_at + 1}"}
        doctor = eft(root, "doctor")
        assert doctor.returncode == 0, doctor.stdout + doctor.stderr
        assert "error" not in doctor.stdout
    assert kills >= 20


# -- no space left -------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_a_rename_on_a_full_disk_fails_cleanly_and_changes_nothing(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        root = mount / "journal"
        journal = make_coded_journal(root, entries=20)
        journal.add_theme(Theme(name="Et langt navn " + "x" * 100, concept="drive"))
        filler = mount / "filler"
        with open(filler, "wb", buffering=0) as handle:
            for chunk in (65536, 4096, 1):  # to the last byte of the last page
                try:
                    while True:
                        handle.write(b"\0" * chunk)
                except OSError:
                    pass
        before = data_snapshot(root)
        result = eft(root, "theme", "rename", "Farlig tavshed", "Den farlige tavshed " + "y" * 90)
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert data_snapshot(root) == before
        assert stored_problems(root) == []
        assert "Farlig tavshed" in {t.name for t in Journal(root).themes()}
        filler.unlink()
        eft_ok(root, "theme", "rename", "Farlig tavshed", "Den farlige tavshed")
        assert all("Den farlige tavshed" in e.themes for e in Journal(root).entries())
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


# -- migration from schema 2 ------------------------------------------------------------


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    AtomicStorage(path).write(data)  # type: ignore[arg-type]


def build_schema2(root: Path, *, half_renamed: bool = False, entries: int = 40) -> dict[str, dict]:
    """A journal in the old layout: entries name themes and interview codes.

    ``half_renamed``: left by an older eftertanke killed while renaming
    "Farlig tavshed" to "Den farlige tavshed": the codebook has the new name,
    the first half of the shards still the old one.
    """
    stamp = "2026-03-01T09:00:00+01:00"
    themes = {}
    for n, (name, concept, parent) in enumerate(
        [
            ("Den farlige tavshed" if half_renamed else "Farlig tavshed", "safety", None),
            ("Tavshed i store fora", "safety", "Den farlige tavshed" if half_renamed else "Farlig tavshed"),
            ("Lykkes sammen", "drive", None),
        ]
    ):  # fmt: skip
        ident = f"0000000{n}-0000-4000-8000-000000000000"
        themes[ident] = {
            "id": ident, "name": name, "concept": concept, "parent": parent,
            "description": "", "theory": "", "created": stamp, "updated": stamp,
            "created_by": "", "updated_by": "",
        }  # fmt: skip
    interviews = {
        "10000000-0000-4000-8000-000000000000": Interview(
            code="I03", id="10000000-0000-4000-8000-000000000000", role="leader"
        ).to_dict()
    }
    shards: dict[str, dict] = {}
    originals: dict[str, dict] = {}
    for n in range(entries):
        ident = f"{n:02x}{n:06x}-0000-4000-8000-{n:012x}"
        old_name = "Farlig tavshed"
        if half_renamed and n >= entries // 2:
            old_name = "Den farlige tavshed"  # this shard was rewritten before the kill
        doc = {
            "id": ident, "kind": "interview", "title": f"Refleksion {n}", "body": f"Tekst {n}",
            "sections": [], "concepts": ["safety"] if n % 2 else [],
            "themes": [old_name, "Lykkes sammen"], "interview": "I03",
            "excerpts": [{"interview": "i03", "timestamp": "9.45", "quote": f"citat {n}",
                          "themes": [old_name], "note": ""}],
            "ratings": {}, "author": "Mette", "updated_by": "Mette", "language": "da",
            "pack": None, "created": stamp, "updated": stamp, "written_after_minutes": None,
            "deleted": None, "conflict_of": None,
        }  # fmt: skip
        shards.setdefault(layout.shard_name(ident), {})[ident] = doc
        originals[ident] = doc
    _write(root / layout.META_FILE, {"format": layout.FORMAT_NAME, "schema": 2, "created": stamp})
    _write(root / layout.THEMES_FILE, {layout.THEMES_TABLE: themes})
    _write(root / layout.INTERVIEWS_FILE, {layout.INTERVIEWS_TABLE: interviews})
    for name, rows in shards.items():
        _write(root / layout.ENTRIES_DIR / name, {layout.ENTRIES_TABLE: rows})
    os.chmod(root, 0o700)
    for path in root.rglob("*"):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    return originals


def test_a_schema_2_journal_migrates_to_ids_with_a_backup_and_only_once(
    journal_dir: Path, cli: Cli
) -> None:
    originals = build_schema2(journal_dir)
    old_bytes = data_snapshot(journal_dir)
    journal = Journal(journal_dir)
    assert journal.meta["schema"] == layout.SCHEMA_VERSION
    backup = journal_dir / layout.BACKUPS_DIR / "pre-migration-schema-2"
    for name, raw in old_bytes.items():
        assert (backup / name).read_bytes() == raw
    assert journal.migration_notes == []
    themes = {t.name: t for t in journal.themes()}
    for ident, doc in originals.items():
        entry = journal.get_entry(ident)
        assert entry.themes == doc["themes"] and entry.interview == "I03"
        assert entry.excerpts[0].interview == "I03" and entry.body == doc["body"]
    stored = list(journal.stored_entries())
    assert all(set(d["themes"]) <= {t.id for t in themes.values()} for d in stored)
    assert journal.stored_rows("themes")[themes["Tavshed i store fora"].id]["parent"] == (
        themes["Farlig tavshed"].id
    )
    assert stored_problems(journal_dir) == []
    assert cli("doctor").returncode == 0
    migrated = data_snapshot(journal_dir)
    Journal(journal_dir)
    assert data_snapshot(journal_dir) == migrated  # opening again changes nothing


def test_a_half_converted_shard_set_finishes_converting_and_keeps_ids_as_they_are(
    journal_dir: Path,
) -> None:
    originals = build_schema2(journal_dir)
    # A migration killed halfway: the first shards already hold ids, the meta says 2.
    theme_ids = {d["name"]: i for i, d in AtomicStorage(journal_dir / layout.THEMES_FILE).read()["themes"].items()}  # fmt: skip
    shards = sorted((journal_dir / layout.ENTRIES_DIR).glob("*.json"))
    for path in shards[: len(shards) // 2]:
        tables = AtomicStorage(path).read()
        for doc in tables["entries"].values():
            doc["themes"] = [theme_ids[n] for n in doc["themes"]]
            doc["interview"] = "10000000-0000-4000-8000-000000000000"
        AtomicStorage(path).write(tables)
    journal = Journal(journal_dir)
    assert stored_problems(journal_dir) == []
    assert journal.migration_notes == []
    for ident, doc in originals.items():
        assert journal.get_entry(ident).themes == doc["themes"]


def test_a_journal_left_half_renamed_by_an_old_version_migrates_onto_existing_themes(
    journal_dir: Path, cli: Cli
) -> None:
    originals = build_schema2(journal_dir, half_renamed=True)
    journal = Journal(journal_dir)
    # Decision: an unknown name becomes a theme of its own (it cannot be told
    # from a real theme the codebook lost), under the entry's concept, reported.
    names = {t.name: t for t in journal.themes()}
    assert names["Farlig tavshed"].concept == "safety"
    assert len(journal.migration_notes) == 1
    note = journal.migration_notes[0]
    assert "'Farlig tavshed'" in note and "theme merge" in note
    assert (journal_dir / layout.BACKUPS_DIR / "migration-to-schema-3.txt").is_file()
    assert stored_problems(journal_dir) == []
    for ident, doc in originals.items():
        assert journal.get_entry(ident).themes == doc["themes"]
    doctor = cli("doctor")
    assert doctor.returncode == 0 and "'Farlig tavshed' was named by 20 entries" in doctor.stdout
    # The way out the report gives: join the old name onto the new one.
    cli.ok("theme", "merge", "Farlig tavshed", "Den farlige tavshed")
    entries = Journal(journal_dir).entries()
    assert all(e.themes == ["Den farlige tavshed", "Lykkes sammen"] for e in entries)
    assert "Farlig tavshed" not in cli.ok("doctor")


def test_the_migration_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    originals = build_schema2(root, half_renamed=True, entries=256)
    rng = random.Random(3)
    for _ in range(8):
        if orjson.loads((root / layout.META_FILE).read_bytes())["schema"] == layout.SCHEMA_VERSION:
            break
        _kill_at_random(root, ["list"], rng)
    journal = Journal(root)
    assert journal.meta["schema"] == layout.SCHEMA_VERSION
    assert stored_problems(root) == []
    assert {t.name for t in journal.themes()} >= {"Farlig tavshed", "Den farlige tavshed"}
    assert [t.name for t in journal.themes()].count("Farlig tavshed") == 1
    for ident, doc in originals.items():
        entry = journal.get_entry(ident)
        assert entry.themes == doc["themes"] and entry.body == doc["body"]
    # The byte copy kept is of the untouched old files.
    backup = root / layout.BACKUPS_DIR / "pre-migration-schema-2" / layout.ENTRIES_DIR
    first = sorted(backup.glob("*.json"))[0]
    assert b'"Farlig tavshed"' in first.read_bytes()


# -- case 8: merging after a rename on one side ------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _clone(origin: Path, where: Path, name: str) -> Path:
    _git(where.parent, "clone", "-q", str(origin), where.name)
    _git(where, "config", "user.name", name)
    _git(where, "config", "user.email", f"{name}@example.org")
    _git(where, "config", "pull.rebase", "false")
    return where


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_case8_git_pull_after_a_rename_on_one_side_uses_the_renamed_theme(
    tmp_path: Path,
) -> None:
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    anna = _clone(origin, tmp_path / "anna", "Anna")
    _git(anna, "checkout", "-q", "-b", "main")
    aj = anna / "journal"
    eft_ok(aj, "theme", "add", "Farlig tavshed", "--concept", "safety")
    eft_ok(aj, "theme", "add", "Lykkes sammen", "--concept", "drive")
    eft_ok(aj, "new", "-m", "Første", "--theme", "Farlig tavshed")
    eft_ok(aj, "git-setup")
    _git(anna, "add", "-A")
    _git(anna, "commit", "-q", "-m", "start")
    _git(anna, "push", "-q", "-u", "origin", "main")
    ben = _clone(origin, tmp_path / "ben", "Ben")
    bj = ben / "journal"
    eft_ok(bj, "git-setup", author="ben")

    # Anna renames one theme and merges another into it; Ben, not yet pulled,
    # writes with both old names.
    eft_ok(aj, "theme", "rename", "Farlig tavshed", "Den farlige tavshed")
    eft_ok(aj, "theme", "merge", "Lykkes sammen", "Den farlige tavshed")
    _git(anna, "commit", "-q", "-am", "rename")
    _git(anna, "push", "-q")
    for n in range(3):
        eft_ok(bj, "new", "-m", f"Bens note {n}", "--theme", "Farlig tavshed", author="ben")
    eft_ok(bj, "new", "-m", "Bens anden", "--theme", "Lykkes sammen", author="ben")
    _git(ben, "add", "-A")
    _git(ben, "commit", "-q", "-m", "ben writes")
    _git(ben, "pull", "-q", "--no-rebase", "--no-edit")  # the merge driver runs
    _git(ben, "push", "-q")
    _git(anna, "pull", "-q", "--no-rebase", "--no-edit")
    for journal in (aj, bj):
        listed = orjson.loads(eft_ok(journal, "list", "--json"))
        assert len(listed) == 5
        assert all(d["themes"] == ["Den farlige tavshed"] for d in listed), listed
        names = [line for line in eft_ok(journal, "theme", "list").splitlines()]
        assert not any("Farlig tavshed" in n or "Lykkes sammen" in n for n in names)
        assert eft(journal, "doctor").returncode == 0
    # A theme both clones added on their own (two ids) ends as one, entries on it.
    eft_ok(aj, "theme", "add", "Autonomi", "--concept", "drive")
    eft_ok(aj, "new", "-m", "Annas autonomi", "--theme", "Autonomi")
    _git(anna, "add", "-A")
    _git(anna, "commit", "-q", "-m", "autonomi a")
    _git(anna, "push", "-q")
    eft_ok(bj, "theme", "add", "autonomi", "--concept", "drive", author="ben")
    eft_ok(bj, "new", "-m", "Bens autonomi", "--theme", "autonomi", author="ben")
    _git(ben, "add", "-A")
    _git(ben, "commit", "-q", "-m", "autonomi b")
    _git(ben, "pull", "-q", "--no-rebase", "--no-edit")
    listed = orjson.loads(eft_ok(bj, "list", "--search", "autonomi", "--json"))
    assert len(listed) == 2
    assert len({tuple(d["themes"]) for d in listed}) == 1
    assert sum("utonomi" in n for n in eft_ok(bj, "theme", "list").splitlines()) == 1
    assert eft(bj, "doctor").returncode == 0


def test_case8_eftertanke_merge_after_a_rename_on_one_side_uses_the_renamed_theme(
    tmp_path: Path,
) -> None:
    ours = tmp_path / "ours"
    make_coded_journal(ours, entries=4)
    theirs = tmp_path / "theirs"
    shutil.copytree(ours, theirs)  # a clone: the same theme ids
    eft_ok(ours, "theme", "rename", "Farlig tavshed", "Den farlige tavshed")
    for n in range(3):
        eft_ok(theirs, "new", "-m", f"Ny {n}", "--theme", "Farlig tavshed", author="ben")
    for target, source in ((ours, theirs), (theirs, ours)):
        eft_ok(target, "merge", str(source))
        listed = orjson.loads(eft_ok(target, "list", "--json"))
        assert len(listed) == 7
        assert all("Den farlige tavshed" in d["themes"] for d in listed)
        assert all("Farlig tavshed" not in d["themes"] for d in listed)
        assert eft(target, "doctor").returncode == 0


def test_merging_independent_journals_maps_a_theme_by_name(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for root, who in ((ours, "anna"), (theirs, "ben")):
        eft_ok(root, "theme", "add", "Farlig tavshed", "--concept", "safety", author=who)
        eft_ok(root, "interview", "add", "I01", "--role", "leader", author=who)
        eft_ok(root, "new", "-m", f"{who} skriver", "--theme", "Farlig tavshed",
               "--interview", "I01", author=who)  # fmt: skip
    assert Journal(ours).get_theme("Farlig tavshed").id != Journal(theirs).get_theme(
        "Farlig tavshed"
    ).id
    eft_ok(ours, "merge", str(theirs))
    listed = orjson.loads(eft_ok(ours, "list", "--json"))
    assert len(listed) == 2
    assert all(d["themes"] == ["Farlig tavshed"] and d["interview"] == "I01" for d in listed)
    assert [t.name for t in Journal(ours).themes()] == ["Farlig tavshed"]
    assert len(Journal(ours).interviews()) == 1
    assert eft(ours, "doctor").returncode == 0
    before = data_snapshot(ours)
    eft_ok(ours, "merge", str(theirs))
    assert data_snapshot(ours) == before  # merging again changes nothing


# -- doctor: referential integrity --------------------------------------------------------


def test_doctor_finds_and_repairs_references_to_nothing(journal_dir: Path, cli: Cli) -> None:
    journal = make_coded_journal(journal_dir, entries=3)
    ghost_theme = "deadbeef-0000-4000-8000-000000000001"
    ghost_interview = "deadbeef-0000-4000-8000-000000000002"
    victim = journal.entries()[0]
    path = layout.shard_path(journal_dir, victim.id)

    def damage(rows: dict) -> bool:
        doc = dict(rows[victim.id])
        doc["themes"] = [*doc["themes"], ghost_theme, "Ukendt navn"]
        doc["interview"] = ghost_interview
        rows[victim.id] = doc
        return True

    journal.rewrite_shard(path, damage)
    a, b = journal.get_theme("Farlig tavshed").id, journal.get_theme("Lykkes sammen").id

    def loop(rows: dict) -> bool:
        rows[a] = {**rows[a], references.ALIAS_KEY: b}
        rows[b] = {**rows[b], references.ALIAS_KEY: a}
        return True

    journal.change_rows("themes", loop)
    found = cli("doctor")
    assert found.returncode == 1
    for words in ("unknown theme 'deadbeef", "unknown theme 'Ukendt navn'",
                  "unknown interview 'deadbeef", "chain that loops"):  # fmt: skip
        assert words in found.stdout, found.stdout
    repaired = cli("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "unknown theme deadbeef" in repaired.stdout
    assert stored_problems(journal_dir) == []
    entry = Journal(journal_dir).get_entry(victim.id)
    assert "unknown theme deadbeef" in entry.themes and "Ukendt navn" in entry.themes
    assert entry.body == victim.body
    assert cli("doctor").returncode == 0
