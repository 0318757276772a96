"""Issue 11, case 11: an import writes each shard once and is all or nothing.

A batch of new entries is one intent-recorded operation (store/intent.py):
killed at any moment, the next command that opens the journal leaves either
the whole import or none of it, and doctor is clean afterwards.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import Cli

from eftertanke.domain import Entry, Theme
from eftertanke.importers.jrnl import read_jrnl
from eftertanke.importers.plan import apply_plan, propose_mapping, tags_to_map
from eftertanke.store import doctor, files, intent, layout
from eftertanke.store.journal import Journal

SEED = 20261202
SIZE = 2000
KILLS = 12


def jrnl_file(path: Path, size: int = SIZE, tags: tuple[str, ...] = ("@ro", "@uro")) -> Path:
    start = datetime(2020, 1, 6, 7, 0)
    entries = []
    for number in range(size):
        moment = start + timedelta(hours=13 * number)
        entries.append(
            {
                "title": f"Dag {number}.",
                "body": f"Refleksion nummer {number} om tavshed og tryghed i lederkredsen. " * 4,
                "date": moment.strftime("%Y-%m-%d"),
                "time": moment.strftime("%H:%M"),
                "tags": [tags[number % len(tags)]],
                "starred": False,
            }
        )
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    return path


def import_in_process(journal: Journal, source: Path) -> int:
    plan = read_jrnl(source)
    choices = propose_mapping(tags_to_map(plan, journal.themes()), journal.themes(),
                              concept="safety")
    return apply_plan(journal, plan, choices).added


def test_the_import_batch_writes_each_shard_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(body="Der før importen"))
    source = jrnl_file(tmp_path / "jrnl.json")
    writes: Counter[str] = Counter()
    real = files.atomic_write_bytes

    def counting(path: Path, data: bytes, *, durable: bool = True) -> None:
        writes[Path(path).relative_to(journal.root).as_posix()] += 1
        real(path, data, durable=durable)

    monkeypatch.setattr(files, "atomic_write_bytes", counting)
    assert import_in_process(journal, source) == SIZE
    shards = {name: n for name, n in writes.items() if name.startswith("entries/")}
    assert len(shards) >= 2 * 200  # about 256 shards and their mirrors
    assert set(shards.values()) == {1}, sorted(n for n in shards.items() if n[1] > 1)[:5]
    # Per new theme (two tags), not per entry; TinyDB's upsert of a new
    # record writes twice (an update that matches nothing, then the insert).
    assert writes[layout.THEMES_FILE] <= 2 * 2
    assert writes[intent.INTENT_FILE] == 1
    assert not intent.intent_path(journal.root).exists()
    assert Journal(journal.root).count_entries() == SIZE + 1


def test_a_failure_part_way_undoes_the_batch_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_theme(Theme(name="ro", concept="drive"))
    kept = journal.add_entry(Entry(body="Der før importen", themes=["ro"]))
    source = jrnl_file(tmp_path / "jrnl.json", size=600)
    real = Journal._modify
    shard_writes = 0

    def failing(self: Journal, path: Path, table: str, change):  # type: ignore[no-untyped-def]
        nonlocal shard_writes
        if table == layout.ENTRIES_TABLE and self._intent_depth > 0:
            shard_writes += 1
            if shard_writes == 40:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(self, path, table, change)

    monkeypatch.setattr(Journal, "_modify", failing)
    with pytest.raises(OSError):
        import_in_process(journal, source)
    monkeypatch.setattr(Journal, "_modify", real)
    after = Journal(journal.root)
    assert [e.id for e in after.entries()] == [kept.id]
    assert [t.name for t in after.themes()] == ["ro"]  # the new theme "uro" went too
    assert not intent.intent_path(journal.root).exists()
    assert import_in_process(after, source) == 600  # and it can simply be run again


def test_a_leftover_intent_is_rolled_back_on_open_and_by_doctor(tmp_path: Path) -> None:
    """What a kill leaves: the record and some of the batch on disk."""
    root = tmp_path / "j"
    journal = Journal(root)
    kept = journal.add_entry(Entry(body="Der før"))
    batch = [Entry(body=f"Halvt importeret {n}") for n in range(50)]
    theme = Theme(name="Halv", concept="drive")
    intent._write(journal, intent.Intent("import", {
        "entries": [e.id for e in batch], "themes": [theme.id], "interviews": []}, "now"))
    journal._intent_depth = 1  # writing inside the operation, as the import does
    journal.add_theme(theme)
    for entry in batch[:20]:
        journal.add_entry(entry)
    journal._intent_depth = 0
    (level, message), = intent.doctor_findings(root, files.PLAIN)
    assert level == "info" and "interrupted import of 50 entries" in message
    findings = doctor.check(root)
    assert not [f for f in findings if f.level == "error"]
    assert any("interrupted import" in f.message for f in findings)
    done = doctor.repair(root)
    assert any("removed 20 entries, 1 themes" in f.message for f in done), done
    assert not intent.intent_path(root).exists()
    reopened = Journal(root)
    assert [e.id for e in reopened.entries()] == [kept.id] and reopened.themes() == []
    assert reopened.recovered is None
    assert any("all files are sound" in f.message for f in doctor.check(root))
    # Opening (any command) does the same as doctor --repair.
    intent._write(reopened, intent.Intent("add-entries", {"entries": [batch[0].id]}, "now"))
    reopened._intent_depth = 1
    reopened.add_entry(batch[0])
    reopened._intent_depth = 0
    assert "removed 1 entries" in (Journal(root).recovered or "")
    assert Journal(root).count_entries() == 1


def test_a_process_writing_after_a_crash_finishes_the_recovery_first(tmp_path: Path) -> None:
    """The app had the journal open when an import in a shell was killed: its next
    save undoes the half-done import first, and its own entry stands."""
    root = tmp_path / "j"
    app = Journal(root)
    importer = Journal(root)
    batch = [Entry(body=f"Halvt importeret {n}") for n in range(10)]
    intent._write(importer, intent.Intent("import", {"entries": [e.id for e in batch]}, "now"))
    importer._intent_depth = 1
    for entry in batch[:4]:
        importer.add_entry(entry)
    mine = app.add_entry(Entry(body="skrevet i appen"))
    assert "removed 4 entries" in (app.recovered or "")
    assert [e.id for e in Journal(root).entries()] == [mine.id]
    assert not intent.intent_path(root).exists()


def test_the_intent_of_an_encrypted_journal_is_encrypted(tmp_path: Path) -> None:
    from eftertanke.store import crypto

    root = tmp_path / "secret"
    Journal(root).add_entry(Entry(body="før"))
    crypto_journal = _encrypted(root)
    batch = [Entry(body="hemmelig import")]
    intent._write(crypto_journal, intent.Intent("import", {"entries": [batch[0].id]}, "now"))
    raw = intent.intent_path(root).read_bytes()
    assert raw.startswith(files.ENCRYPTED_MAGIC) and batch[0].id.encode() not in raw
    crypto_journal._intent_depth = 1  # inside the operation
    crypto_journal.add_entry(batch[0])
    reopened = Journal(root, passphrase="correct horse battery staple")
    assert "removed 1 entries" in (reopened.recovered or "")
    assert [e.body for e in reopened.entries()] == ["før"]
    assert crypto.read_section(root) is not None


def _encrypted(root: Path) -> Journal:
    from eftertanke.store import crypto, reencrypt

    journal = Journal(root)
    reencrypt.encrypt_journal(journal, "correct horse battery staple", log_n=crypto.MIN_LOG_N)
    return Journal(root, passphrase="correct horse battery staple")


def test_an_import_killed_at_random_moments_is_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    base_id = cli.ok("new", "-m", "Der før importen").strip()
    source = jrnl_file(tmp_path / "jrnl.json")
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(cli.journal),
            "import", "jrnl", str(source), "--yes", "--concept", "safety"]
    # How long a whole import takes here, so the kills land across all of it.
    scratch = [*argv[:3], "--journal", str(tmp_path / "scratch"), *argv[5:]]
    began = time.monotonic()
    subprocess.run(scratch, check=True, capture_output=True, timeout=120)
    duration = time.monotonic() - began
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for kill in range(KILLS):
        delay = rng.uniform(0.1, 1.3) * duration
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=60)
        acknowledged = b"added 2000 entries" in out
        # The next command (any command opens the journal) finishes the job.
        listed = json.loads(cli.ok("list", "--json"))
        where = f"seed {SEED}, kill {kill} after {delay:.2f} s of {duration:.2f} s"
        assert len(listed) in (1, SIZE + 1), (where, len(listed))
        if acknowledged:
            assert len(listed) == SIZE + 1, where
        journal = Journal(cli.journal)
        assert len(journal.themes()) == (2 if len(listed) == SIZE + 1 else 0), where
        problems = [f for f in doctor.check(cli.journal) if f.level != "info"]
        assert not problems, (where, problems)
        assert not intent.intent_path(cli.journal).exists(), where
        outcomes["all" if len(listed) == SIZE + 1 else "none"] += 1
        if len(listed) == SIZE + 1:  # start the next round from the same state
            _reset(cli, base_id)
    print(f"seed {SEED}: {dict(outcomes)} over {KILLS} kills, import {duration:.2f} s")
    assert sum(outcomes.values()) == KILLS


def _reset(cli: Cli, keep_id: str) -> None:
    """Back to the one entry from before the import (and no themes)."""
    journal = Journal(cli.journal)
    keep = journal.get_entry(keep_id)
    with journal.lock:
        for path in journal.shard_paths():
            journal._modify(path, layout.ENTRIES_TABLE,
                            lambda rows: bool([rows.pop(k) for k in list(rows) if k != keep.id]))
        journal._modify(journal.root / layout.THEMES_FILE, layout.THEMES_TABLE,
                        lambda rows: bool([rows.pop(k) for k in list(rows)]) or True)
    assert [e.id for e in Journal(cli.journal).entries()] == [keep_id]


def test_add_entries_refuses_an_existing_id_and_writes_nothing(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    first = journal.add_entry(Entry(body="først"))
    before = {p.name: p.read_bytes() for p in journal.shard_paths()}
    with pytest.raises(Exception, match="already in the journal"):
        journal.add_entries([Entry(body="ny"), Entry(id=first.id, body="igen")])
    assert {p.name: p.read_bytes() for p in journal.shard_paths()} == before
    assert os.listdir(journal.root).count(intent.INTENT_FILE) == 0
    with pytest.raises(Exception, match="unknown theme"):
        journal.add_entries([Entry(body="ny"), Entry(body="med tema", themes=["Ukendt"])])
    assert {p.name: p.read_bytes() for p in journal.shard_paths()} == before
