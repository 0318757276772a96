"""Two researchers, one journal, synced through real git with eftertanke's merge driver."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def eft(
    clone: Path, author: str, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EFTERTANKE_AUTHOR": author}
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(clone / "journal"), *args],
        cwd=clone, capture_output=True, text=True, env=env, timeout=60, input="",
    )  # fmt: skip
    if check:
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result


def clone(origin: Path, where: Path, name: str) -> Path:
    git(where.parent, "clone", "-q", str(origin), where.name)
    git(where, "config", "user.name", name)
    git(where, "config", "user.email", f"{name}@example.org")
    git(where, "config", "pull.rebase", "false")
    return where


def journal_state(clone: Path, author: str) -> list[dict]:
    live = orjson.loads(eft(clone, author, "list", "--json").stdout)
    trash = orjson.loads(eft(clone, author, "list", "--trash", "--json").stdout)
    return sorted(live + trash, key=lambda d: d["id"])


def no_conflict_markers(folder: Path) -> None:
    for path in folder.rglob("*"):
        if ".git" in path.relative_to(folder).parts or not path.is_file():
            continue
        data = path.read_bytes()
        for marker in (b"<<<<<<<", b">>>>>>>", b"\n=======\n"):
            assert marker not in data, f"conflict marker in {path}"


def test_two_clones_sync_through_git_and_end_with_the_same_journal(tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))

    # Anna starts the journal, sets up the merge driver and pushes.
    anna = clone(origin, tmp_path / "anna", "Anna")
    git(anna, "checkout", "-q", "-b", "main")
    shared = eft(
        anna, "anna", "new", "--title", "Shared memo", "-m", "The first version."
    ).stdout.strip()
    setup = orjson.loads(eft(anna, "anna", "git-setup", "--json").stdout)
    assert setup["gitattributes_added"] == ["journal/**/*.json merge=eftertanke"]
    assert (
        orjson.loads(eft(anna, "anna", "git-setup", "--json").stdout)["gitattributes_added"] == []
    )
    git(anna, "add", "-A")
    status = git(anna, "status", "--porcelain")
    assert ".lock" not in status and ".mirror" not in status and "backups/" not in status
    git(anna, "commit", "-q", "-m", "Start the journal")
    git(anna, "push", "-q", "-u", "origin", "main")

    # One new entry is a small diff: one file, a handful of lines (the entry, a
    # comma on its neighbour, the file's generation), the meta file untouched.
    eft(anna, "anna", "new", "-m", "A small diff.")
    numstat = [line.split("\t") for line in git(anna, "diff", "--numstat").splitlines()]
    untracked = git(anna, "ls-files", "--others", "--exclude-standard").split()
    assert len(numstat) + len(untracked) == 1
    if numstat:
        assert int(numstat[0][0]) + int(numstat[0][1]) <= 5
    else:
        assert len((anna / untracked[0]).read_text().splitlines()) <= 6
    git(anna, "add", "-A")
    git(anna, "commit", "-q", "-m", "One more")
    git(anna, "push", "-q")

    # Ben clones it; the driver lives in .git/config, so he runs git-setup too.
    ben = clone(origin, tmp_path / "ben", "Ben")
    eft(ben, "ben", "git-setup")
    assert "eftertanke git-merge" in git(ben, "config", "merge.eftertanke.driver")
    assert (
        git(ben, "status", "--porcelain") == ""
    )  # .gitattributes and .gitignore came with the clone

    # Each writes alone, and both edit the shared memo; Anna first, so Ben's edit is newer.
    anna_new = [eft(anna, "anna", "new", "-m", f"Anna's note {i}").stdout.strip() for i in range(3)]
    eft(anna, "anna", "edit", shared, "-m", "Anna's reading of the memo.")
    eft(anna, "anna", "interview", "add", "I01", "--role", "leader")
    eft(anna, "anna", "theme", "add", "Farlig tavshed", "--concept", "safety")
    git(anna, "add", "-A")
    git(anna, "commit", "-q", "-m", "Anna writes")
    git(anna, "push", "-q")

    ben_new = [eft(ben, "ben", "new", "-m", f"Ben's note {i}").stdout.strip() for i in range(3)]
    eft(ben, "ben", "edit", shared, "-m", "Ben's reading of the memo.")
    eft(ben, "ben", "interview", "add", "I02", "--role", "head")
    eft(ben, "ben", "interview", "add", "i01", "--role", "head of care")  # the same interview
    eft(ben, "ben", "theme", "add", "Autonomi", "--concept", "drive")
    git(ben, "add", "-A")
    git(ben, "commit", "-q", "-m", "Ben writes")
    git(ben, "pull", "-q", "--no-rebase", "--no-edit")  # the merge driver runs here
    git(ben, "push", "-q")
    git(anna, "pull", "-q", "--no-rebase", "--no-edit")

    anna_state, ben_state = journal_state(anna, "anna"), journal_state(ben, "ben")
    assert anna_state == ben_state
    by_id = {doc["id"]: doc for doc in anna_state}
    assert set(anna_new + ben_new) <= set(by_id)
    assert by_id[shared]["body"] == "Ben's reading of the memo."
    assert by_id[shared]["updated_by"] == "ben"
    copies = [doc for doc in anna_state if doc["conflict_of"] == shared]
    assert [c["body"] for c in copies] == ["Anna's reading of the memo."]
    assert copies[0]["updated_by"] == "anna" and copies[0]["id"][:2] == shared[:2]
    assert len(anna_state) == 1 + 1 + 3 + 3 + 1
    interviews = [
        sorted(
            (i["code"], i["role"])
            for i in orjson.loads(eft(c, "x", "interview", "list", "--json").stdout)
        )
        for c in (anna, ben)
    ]
    # I01 was added on both sides: one interview, the newer (Ben's) version.
    assert interviews[0] == interviews[1] == [("I02", "head"), ("i01", "head of care")]
    themes = [
        sorted(th["name"] for th in orjson.loads(eft(c, "x", "theme", "list", "--json").stdout))
        for c in (anna, ben)
    ]
    assert themes[0] == themes[1] == ["Autonomi", "Farlig tavshed"]
    assert git(anna, "status", "--porcelain") == "" and git(ben, "status", "--porcelain") == ""
    for folder in (anna, ben):
        no_conflict_markers(folder)
        assert eft(folder, "x", "doctor").returncode == 0

    # Syncing again is quiet: nothing new to merge, nothing changes.
    git(anna, "pull", "-q", "--no-rebase", "--no-edit")
    assert journal_state(anna, "anna") == anna_state


def test_the_driver_refuses_unreadable_input_and_leaves_ours_untouched(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_bytes(b"")
    ours.write_bytes(b'{"entries": {}}\n')
    theirs.write_bytes(b"<<<<<<< not json")
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "git-merge", str(base), str(ours), str(theirs), "x.json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "not journal data" in result.stderr and "Traceback" not in result.stderr
    assert ours.read_bytes() == b'{"entries": {}}\n'


def test_codings_and_transcripts_merge_through_git_without_conflict_copies(
    tmp_path: Path,
) -> None:
    from eftertanke.domain import Entry, Interview, Section, Theme
    from eftertanke.services import coding as codings
    from eftertanke.store.journal import Journal
    from eftertanke.transcript import Transcript, Turn

    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    anna = clone(origin, tmp_path / "anna", "Anna")
    git(anna, "checkout", "-q", "-b", "main")
    journal = Journal(anna / "journal", author="anna")
    for name in ("Tryghed", "Tavshed"):
        journal.add_theme(Theme(name, "safety"))
    journal.add_interview(Interview("I01", role="leder"))
    answer = "Hun talte frit i den lille gruppe. I det store netværk tav hun."
    entry = journal.add_entry(
        Entry(kind="interview", interview="I01", sections=[Section("q", "Tryghed?", answer)])
    )
    turns = [
        Turn("Anna", "Og i det store netværk?", 1040.0),
        Turn("Leder", "Der tier jeg.", 1045.0),
    ]
    transcript = journal.transcripts.add(Transcript("I01", turns, interviewers=["Anna"]))
    eft(anna, "anna", "git-setup")
    shard = f"journal/transcripts/{transcript.id[:2]}.json"
    assert git(anna, "check-attr", "merge", shard).strip().endswith("merge: eftertanke")
    git(anna, "add", "-A")
    git(anna, "commit", "-q", "-m", "Start")
    git(anna, "push", "-q", "-u", "origin", "main")
    ben = clone(origin, tmp_path / "ben", "Ben")
    eft(ben, "ben", "git-setup")

    # Each codes a different passage of the same reflection and transcript.
    work = [
        (anna, "anna", "talte frit i den lille gruppe", "Tryghed", "store netværk?"),
        (ben, "ben", "I det store netværk tav hun", "Tavshed", "Der tier jeg."),
    ]
    for folder, who, in_entry, theme, in_transcript in work:
        mine = Journal(folder / "journal", author=who)
        codings.code_phrase(mine, codings.ENTRY, entry.id, in_entry, [theme])
        codings.code_phrase(mine, codings.TRANSCRIPT, transcript.id, in_transcript, [theme])
        git(folder, "add", "-A")
        git(folder, "commit", "-q", "-m", f"{who} codes")
    git(anna, "push", "-q")
    git(ben, "pull", "-q", "--no-rebase", "--no-edit")  # the merge driver runs here
    git(ben, "push", "-q")
    git(anna, "pull", "-q", "--no-rebase", "--no-edit")

    expected = [
        ("entry", "I det store netværk tav hun", ["Tavshed"]),
        ("entry", "talte frit i den lille gruppe", ["Tryghed"]),
        ("transcript", "Der tier jeg.", ["Tavshed"]),
        ("transcript", "store netværk?", ["Tryghed"]),
    ]
    for folder in (anna, ben):
        merged = Journal(folder / "journal", create=False)
        found = sorted(
            (p.owner_kind, p.coding.quote, p.coding.themes) for p in codings.coded_passages(merged)
        )
        assert found == expected
        assert [e.id for e in merged.entries()] == [entry.id]  # no conflict copy
        no_conflict_markers(folder)
        # git leaves its own marks (files readable by others, the manifest
        # behind); nothing about the journal's content is wrong.
        doctor = eft(folder, "x", "doctor").stdout
        assert "error" not in doctor and "coding" not in doctor and "conflict" not in doctor
    assert git(anna, "status", "--porcelain") == "" and git(ben, "status", "--porcelain") == ""
