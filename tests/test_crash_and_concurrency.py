"""Invariants 1 and 3: killed writers never tear a journal; concurrent writers lose nothing."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

from eftertanke.domain import Entry
from eftertanke.store import Journal, doctor

KILLS = 120


def _writer_until_killed(path: str, fd: int) -> None:
    """Child: save entries forever, reporting each id only after its save returned."""
    journal = Journal(path)
    n = 0
    while True:
        n += 1
        # Varied sizes so some saves rewrite big shards and some small ones.
        entry = Entry(body=f"entry {n} " + "ø" * random.randint(10, 4000), title=f"n{n}")
        journal.add_entry(entry)
        os.write(fd, (entry.id + "\n").encode())


def test_sigkill_at_random_moments_never_tears_or_loses_a_returned_save(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    Journal(path)  # create it
    confirmed: set[str] = set()
    rng = random.Random(1234)
    ctx = multiprocessing.get_context("fork")
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        child = ctx.Process(target=_writer_until_killed, args=(str(path), write_fd))
        child.start()
        os.close(write_fd)
        # Kill at a random moment after the child's first save returned, so each
        # kill hits a writer in its stride however loaded the machine is (a fixed
        # sleep from the start killed many children before they saved at all).
        chunks = [os.read(read_fd, 37)]
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        while chunk := os.read(read_fd, 65536):
            chunks.append(chunk)
        os.close(read_fd)
        confirmed.update(line for line in b"".join(chunks).decode().split("\n") if len(line) == 36)
        # Whatever moment the kill hit, the journal opens and holds every confirmed save.
        journal = Journal(path)
        ids = {doc["id"] for doc in journal.raw_entries()}
        assert confirmed <= ids
    assert len(confirmed) >= KILLS  # each child really was saving when killed
    assert not any(f.level == "error" for f in doctor.check(path))
    assert not list(path.rglob(".tmp-*"))  # stale temp files are cleaned on open


def _write_many(path: str, tag: str, count: int) -> None:
    journal = Journal(path)
    for n in range(count):
        journal.add_entry(Entry(body=f"{tag} {n}", title=f"{tag}-{n}"))


def test_two_processes_writing_200_entries_each_end_with_400(tmp_path: Path) -> None:
    path = tmp_path / "journal"
    Journal(path)
    ctx = multiprocessing.get_context("fork")
    writers = [ctx.Process(target=_write_many, args=(str(path), tag, 200)) for tag in ("a", "b")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=240)
        assert writer.exitcode == 0
    titles = {e.title for e in Journal(path).entries()}
    assert len(titles) == 400
    assert {f"a-{n}" for n in range(200)} <= titles and {f"b-{n}" for n in range(200)} <= titles


def _rename_while_writing(path: str) -> None:
    journal = Journal(path)
    for n in range(30):
        journal.rename_theme(f"t{n}", f"t{n + 1}")


def test_theme_rename_and_new_entries_interleave_without_losses(tmp_path: Path) -> None:
    from eftertanke.domain import Theme

    path = tmp_path / "journal"
    journal = Journal(path)
    journal.add_theme(Theme(name="t0", concept="drive"))
    for n in range(50):
        journal.add_entry(Entry(body=f"x{n}", themes=["t0"]))
    ctx = multiprocessing.get_context("fork")
    renamer = ctx.Process(target=_rename_while_writing, args=(str(path),))
    writer = ctx.Process(target=_write_many, args=(str(path), "w", 100))
    renamer.start()
    writer.start()
    renamer.join(timeout=240)
    writer.join(timeout=240)
    assert renamer.exitcode == 0 and writer.exitcode == 0
    final = Journal(path)
    assert final.count_entries() == 150
    assert final.theme_usage() == {"t30": 50}
