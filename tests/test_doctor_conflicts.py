"""`eftertanke doctor` lists the conflict copies a merge left behind."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import Cli

from eftertanke.domain import Entry
from eftertanke.services.merge import merge_journal
from eftertanke.store import Journal

CPH = timezone(timedelta(hours=1))
SHARED = "5a5a5a5a-2222-4222-8222-000000000001"


def test_doctor_lists_conflict_copies(tmp_path: Path, cli: Cli) -> None:
    base = tmp_path / "base"
    Journal(base, author="anna").add_entry(
        Entry(id=SHARED, body="first", created=datetime(2026, 3, 1, 9, tzinfo=CPH),
              updated=datetime(2026, 3, 1, 9, tzinfo=CPH))
    )
    ours, theirs = cli.journal, tmp_path / "theirs"
    shutil.copytree(base, ours)
    shutil.copytree(base, theirs)
    for path, author, text, minute in ((ours, "anna", "annas version", 10), (theirs, "ben", "bens version", 20)):
        journal = Journal(path, author=author)
        entry = journal.get_entry(SHARED)
        entry.body = text
        entry.updated = datetime(2026, 3, 1, 9, minute, tzinfo=CPH)
        journal.update_entry(entry, touch=False)
    before = cli("doctor")
    assert "conflict" not in before.stdout
    merge_journal(Journal(ours, author="anna"), Journal(theirs, create=False))
    result = cli("doctor")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "conflict" in line]
    assert len(lines) == 1 and lines[0].startswith("warning:") and SHARED[:8] in lines[0]
