"""Concurrent edits from real processes lose nothing (issue 11, cases 2 and the
"4 writers plus a rename" check): a slow $EDITOR against an edit and a delete,
parallel field-level edits, writers racing a theme rename."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import Cli
from test_cli import PtySession

from eftertanke.domain import Entry, Theme
from eftertanke.services.merge import conflict_copies
from eftertanke.store import Journal

EDITOR_TEXT = "Written in the slow editor"

# An $EDITOR that says it has opened the file, waits until the test lets it
# go, then writes a new body under the form's header.
SLOW_EDITOR = f"""#!/bin/sh
touch "$MARKS/opened"
while [ ! -e "$MARKS/go" ]; do sleep 0.05; done
awk '{{print}} /^---$/{{print "{EDITOR_TEXT}"; exit}}' "$1" > "$1.new" && mv "$1.new" "$1"
"""


def eftertanke(journal: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args]


def wait_for(path: Path, what: str, timeout: float = 120, *, filled: bool = False) -> None:
    """Wait until ``path`` exists (``filled``: and is not empty)."""
    deadline = time.monotonic() + timeout
    while not path.exists() or (filled and not path.stat().st_size):
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def drain(session: PtySession) -> str:
    """Everything the session wrote, up to its exit."""
    while True:
        try:
            chunk = os.read(session.main, 65536)
        except OSError:
            break
        if not chunk:
            break
        session.transcript += chunk
    return session.transcript.decode(errors="replace")


def start_slow_edit(tmp_path: Path, journal: Path, entry_id: str) -> tuple[PtySession, Path]:
    marks = tmp_path / "marks"
    marks.mkdir()
    editor = tmp_path / "slow-editor.sh"
    editor.write_text(SLOW_EDITOR)
    editor.chmod(0o700)
    env = {**os.environ, "EDITOR": str(editor), "MARKS": str(marks), "TERM": "dumb"}
    session = PtySession(eftertanke(journal, "edit", entry_id), env)
    wait_for(marks / "opened", "the editor to open")
    return session, marks


def finish_slow_edit(session: PtySession, marks: Path) -> tuple[int, str]:
    (marks / "go").touch()
    code = session.proc.wait(timeout=60)
    transcript = drain(session)
    os.close(session.main)
    return code, transcript


def seeded_journal(path: Path) -> tuple[Journal, str]:
    journal = Journal(path, author="tester")
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    entry = journal.add_entry(Entry(body="The first text", themes=["Farlig tavshed"]))
    return journal, entry.id


def test_slow_editor_over_a_concurrent_edit_keeps_both_texts(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    _, entry_id = seeded_journal(journal_dir)
    session, marks = start_slow_edit(tmp_path, journal_dir, entry_id)
    Cli(journal_dir).ok("edit", entry_id, "-m", "Another process's text")
    code, transcript = finish_slow_edit(session, marks)
    assert code == 0, transcript
    journal = Journal(journal_dir)
    assert journal.get_entry(entry_id).body == "Another process's text"
    copies = conflict_copies(journal)
    assert [(c.conflict_of, c.body) for c in copies] == [(entry_id, EDITOR_TEXT)]
    warning = [line for line in transcript.splitlines() if "conflict copy" in line]
    assert len(warning) == 1
    assert entry_id[:8] in warning[0] and copies[0].id[:8] in warning[0]


def test_slow_editor_never_brings_back_an_entry_deleted_meanwhile(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    _, entry_id = seeded_journal(journal_dir)
    session, marks = start_slow_edit(tmp_path, journal_dir, entry_id)
    cli = Cli(journal_dir)
    cli.ok("edit", entry_id, "-m", "Edited, then deleted")
    cli.ok("delete", entry_id)
    code, transcript = finish_slow_edit(session, marks)
    assert code == 0, transcript
    journal = Journal(journal_dir)
    stored = journal.get_entry(entry_id)
    assert stored.deleted is not None and stored.body == "Edited, then deleted"
    live = {e.id: e for e in journal.entries()}
    assert entry_id not in live
    (copy,) = conflict_copies(journal)
    assert copy.body == EDITOR_TEXT and copy.id in live
    assert "trash" in transcript and copy.id[:8] in transcript


def test_two_loops_of_fifty_add_theme_edits_keep_all_hundred_themes(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    journal = Journal(journal_dir, author="tester")
    names = [f"R{k}" for k in range(1, 101)]
    for name in names:
        journal.add_theme(Theme(name=name, concept="drive"))
    entry_id = journal.add_entry(Entry(body="One entry, many hands")).id
    command = " ".join(eftertanke(journal_dir, "edit", entry_id, "--add-theme"))
    loops = [
        subprocess.Popen(
            ["sh", "-c", f'for k in $(seq {first} {first + 49}); do {command} "R$k" || exit 1; done'],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for first in (1, 51)
    ]
    for loop in loops:
        _, err = loop.communicate(timeout=600)
        assert loop.returncode == 0, err.decode(errors="replace")
    stored = Journal(journal_dir).get_entry(entry_id)
    assert sorted(stored.themes) == sorted(names)
    assert stored.body == "One entry, many hands"
    assert stored.revision == 101


def test_four_writers_and_a_rename_lose_no_acknowledged_entry(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    journal = Journal(journal_dir, author="tester")
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    # Entries for the rename to rewrite, so it holds the lock while writers wait.
    for k in range(60):
        journal.add_entry(Entry(body=f"Older entry {k}", themes=["Tavshed"]))
    outputs = [tmp_path / f"writer-{w}.ids" for w in range(4)]
    writers = []
    for w, out in enumerate(outputs):
        command = " ".join(eftertanke(journal_dir, "new", "--theme", "Tavshed", "-m"))
        script = f'for k in $(seq 1 8); do {command} "Writer {w}, entry $k" >> "{out}"; done'
        writers.append(subprocess.Popen(["sh", "-c", script], stderr=subprocess.PIPE))
    for out in outputs:
        wait_for(out, "a writer's first entry", filled=True)
    rename = subprocess.run(
        eftertanke(journal_dir, "theme", "rename", "Tavshed", "Stilhed"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rename.returncode == 0, rename.stderr
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        # A writer that starts after the rename is refused (unknown theme): not acknowledged.
        for line in err.decode(errors="replace").splitlines():
            assert "unknown theme 'Tavshed'" in line, line
    acknowledged = [line for out in outputs for line in out.read_text().split()]
    assert len(acknowledged) >= 4
    fresh = Journal(journal_dir)
    for entry_id in acknowledged:
        entry = fresh.get_entry(entry_id)
        assert entry.deleted is None and entry.themes == ["Stilhed"], (entry_id, entry.themes)
    everything = json.loads(Cli(journal_dir).ok("list", "--json"))
    assert all(doc["themes"] == ["Stilhed"] for doc in everything)
    assert len(everything) == 60 + len(acknowledged)
