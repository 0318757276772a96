"""``list --search`` at a terminal leaves a detached process behind that
brings a search index it found behind up to date (cli/background_index.py);
piped, it starts none."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from eftertanke.domain import Entry
from eftertanke.services.search_index import WARM_SHARDS, SearchIndex, index_path
from eftertanke.store.journal import Journal

SHARDS = WARM_SHARDS + 4  # more than one search reads


def _journal_behind(root: Path, shards: int = SHARDS) -> Journal:
    journal = Journal(root, author="tester")
    for n in range(shards):
        journal.add_entry(
            Entry(id=f"{n:02x}000000-0000-4000-8000-{n:012d}", body=f"Kaffeautomaten {n}")
        )
    index_path(root).unlink(missing_ok=True)
    return journal


def _stale(journal: Journal) -> int:
    with SearchIndex.open(journal) as index:
        return len(index.stale_shards()[0])


def _search_at_a_terminal(root: Path, env: dict[str, str]) -> str:
    """The command with its output on a pseudo-terminal, as typed by a person."""
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(root), "list", "-s", "kaffeautomaten"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
    )
    os.close(follower)
    out = b""
    try:
        while chunk := os.read(leader, 65536):
            out += chunk
    except OSError:
        pass  # the terminal's other end closed: all is read
    os.close(leader)
    assert done.returncode == 0, done.stderr
    return out.decode()


def test_a_search_at_a_terminal_finishes_the_index_in_the_background(journal_dir: Path) -> None:
    journal = _journal_behind(journal_dir)
    out = _search_at_a_terminal(journal_dir, dict(os.environ))
    assert out.count("Kaffeautomaten") == SHARDS  # answered in full at once
    deadline = time.monotonic() + 30
    while _stale(journal) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _stale(journal) == 0, "the detached process did not finish the index"


def test_piped_or_asked_not_to_it_leaves_nothing_behind(journal_dir: Path) -> None:
    shards = 3 * WARM_SHARDS + 2
    journal = _journal_behind(journal_dir, shards)
    piped = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal_dir), "list", "-s", "kaffeautomaten"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.stdout.count("Kaffeautomaten") == shards
    out = _search_at_a_terminal(journal_dir, {**os.environ, "EFTERTANKE_NO_BACKGROUND": "1"})
    assert out.count("Kaffeautomaten") == shards
    time.sleep(1.0)
    # The two searches read WARM_SHARDS shards each themselves, and nothing more was read.
    assert _stale(journal) == shards - 2 * WARM_SHARDS
