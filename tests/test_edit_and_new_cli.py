"""`edit` without a terminal (issue 11, case 3) and guided `new` with bad flags
or a failing save (case 4), through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Cli, snapshot
from test_cli import PtySession

from eftertanke.domain import Entry, Interview
from eftertanke.services.writing import write_entry
from eftertanke.store import Journal, NotFoundError

MEMO_QUESTION = "What do you want to hold on to"


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    cli.ok("theme", "add", "Farlig tavshed", "--concept", "safety")
    cli.ok("interview", "add", "I03", "--role", "leader")
    return cli


def rated_entry(cli: Cli) -> str:
    """An entry that stays valid with an empty body (it has a rating), the
    case where an empty standard input used to wipe the text unnoticed."""
    return cli.ok("new", "-m", "Text worth keeping", "--title", "T", "--rate", "energy=3").strip()


# -- case 3: edit with standard input not a terminal --------------------------------


def test_edit_with_an_empty_stdin_and_no_options_changes_nothing(seeded: Cli) -> None:
    entry_id = rated_entry(seeded)
    before = snapshot(seeded.journal)
    for given in ("", "\n\n  \n"):
        result = seeded("edit", entry_id, input=given)
        assert result.returncode == 2, result
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "standard input is empty" in lines[0]
        assert "Traceback" not in result.stderr
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(seeded.journal), "edit", entry_id]
    devnull = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert devnull.returncode == 2 and "saved" not in devnull.stdout.lower()
    assert snapshot(seeded.journal) == before
    assert json.loads(seeded.ok("show", entry_id, "--json"))["body"] == "Text worth keeping"


def test_edit_with_piped_text_replaces_only_the_body(seeded: Cli) -> None:
    entry_id = rated_entry(seeded)
    seeded.ok("edit", entry_id, input="A new body from a pipe\n")
    stored = json.loads(seeded.ok("show", entry_id, "--json"))
    assert stored["body"] == "A new body from a pipe"
    assert stored["title"] == "T" and stored["ratings"] == {"energy": 3}
    assert "standard input" in seeded.ok("edit", "--help")


# -- case 4: guided new on a terminal ---------------------------------------------------


def guided_new(cli: Cli, *flags: str) -> PtySession:
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(cli.journal), "new",
            "--kind", "memo", *flags]
    return PtySession(argv, {**os.environ, "EFTERTANKE_LANG": "en", "TERM": "dumb"})


@pytest.mark.parametrize(
    "flags",
    [
        ("--rate", "energy=9"),
        ("--rate", "mood=3"),
        ("--title", "x" * 301),
        ("--theme", "No such theme"),
        ("--interview", "I99"),
        ("--at", "not a time at all"),
    ],
)
def test_guided_new_checks_every_flag_before_the_first_prompt(
    seeded: Cli, flags: tuple[str, ...]
) -> None:
    before = snapshot(seeded.journal)
    session = guided_new(seeded, *flags)
    session.send(":quit\n")  # what the old code would have read at its first prompt
    session.expect("eftertanke:")
    code = session.finish()
    transcript = session.transcript.decode(errors="replace")
    assert code in (1, 2), transcript
    assert MEMO_QUESTION not in transcript and "Enter twice" not in transcript
    assert snapshot(seeded.journal) == before
    assert json.loads(seeded.ok("list", "--json")) == []


def test_a_failing_save_keeps_the_guided_draft(seeded: Cli) -> None:
    session = guided_new(seeded)
    session.expect(MEMO_QUESTION)
    # The entries folder vanishes under the session (a sync tool, a bad
    # disk): the save at the end fails.
    entries = seeded.journal / "entries"
    entries.rename(seeded.journal / "entries-away")
    entries.write_text("not a folder")
    session.send("A memo worth keeping\n\n")
    for _ in range(6):
        session.send("\n")
    code = session.finish()
    transcript = session.transcript.decode(errors="replace")
    assert code == 1, transcript
    entries.unlink()
    (seeded.journal / "entries-away").rename(entries)
    drafts = Journal(seeded.journal).drafts()
    assert len(drafts) == 1 and "A memo worth keeping" in json.dumps(drafts[0])
    assert json.loads(seeded.ok("list", "--json")) == []


# -- the write use case ----------------------------------------------------------------------


def test_write_entry_discards_the_draft_only_after_the_save(journal_dir: Path) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.save_draft("d-fails", {"answers": {"memo": "kept"}})
    with pytest.raises(NotFoundError, match="unknown theme"):
        write_entry(journal, Entry(body="x", themes=["Nowhere"]), draft_id="d-fails")
    assert [d["draft_id"] for d in journal.drafts()] == ["d-fails"]
    assert journal.entries() == []
    journal.save_draft("d-works", {"answers": {"memo": "saved"}})
    entry = write_entry(journal, Entry(body="saved"), draft_id="d-works")
    assert [d["draft_id"] for d in journal.drafts()] == ["d-fails"]
    assert Journal(journal_dir).get_entry(entry.id).body == "saved"


def test_write_entry_moves_the_interview_on_without_undoing_an_edit(journal_dir: Path) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.add_interview(Interview(code="I03", role="leader"))
    stale = journal.get_interview("I03")
    other = Journal(journal_dir, author="ben")
    edited = other.get_interview("I03")
    edited.notes = "Ben's notes"
    other.update_interview(edited)
    write_entry(journal, Entry(kind="interview", body="Reflection"), interview=stale)
    stored = Journal(journal_dir).get_interview("I03")
    assert stored.status == "reflected" and stored.notes == "Ben's notes"
