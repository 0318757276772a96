"""Tools for the kill-test suite: run the real CLI, SIGKILL it at a drawn moment,
then judge the journal it leaves.

Kill moments are real timing only (no hooks in product code): an operation is
first timed on a scratch copy of its journal, then each run is killed after a
delay drawn from [0, that duration], so kills land everywhere from interpreter
start-up to the last fsync. Some runs are instead killed as soon as the journal
folder is seen changing (the first temp file or replaced shard makes a
directory's mtime move), which aims kills into the middle of a multi-file write
that would otherwise be a small slice of the run.

Every draw comes from one ``random.Random`` per case, seeded from the suite
seed (``EFTERTANKE_KILL_SEED``, default below), and every failure message names
the seed, the case and the attempt, so a failure can be replayed exactly.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eftertanke.cli.context import AppContext
from eftertanke.domain import Entry
from eftertanke.store import Journal, doctor, files

DEFAULT_SEED = 20261202
PASSPHRASE = "kill suite passphrase"
TRACEBACK = "Traceback (most recent call last)"


def suite_seed() -> int:
    return int(os.environ.get("EFTERTANKE_KILL_SEED", DEFAULT_SEED))


def cli_argv(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "eftertanke", "--journal", str(root), *args]


def child_env(**extra: str) -> dict[str, str]:
    """The environment for CLI children: the test's isolated config, plus the passphrase
    (an encrypted journal is opened without asking)."""
    return {**os.environ, "EFTERTANKE_PASSPHRASE": PASSPHRASE, **extra}


@dataclass
class Run:
    argv: list[str]
    delay: float | None  # seconds after start the kill was due; None: ran to the end
    killed: bool
    returncode: int
    stdout: str
    stderr: str

    @property
    def acknowledged(self) -> bool:
        """Exited 0 on its own: what it printed is a promise the journal must keep."""
        return not self.killed and self.returncode == 0

    def describe(self) -> str:
        when = "not killed" if not self.killed else f"killed at {self.delay:.3f}s"
        args = self.argv[5:] if self.argv[3:4] == ["--journal"] else self.argv[1:]
        shown = " ".join(Path(a).name if a.startswith("/") else a for a in args)
        return f"{shown!r} {when}, rc {self.returncode}, stderr {self.stderr.strip()[-200:]!r}"


def run_to_end(argv: list[str], *, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env or child_env(), stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
    return Run(argv, None, False, done.returncode, done.stdout, done.stderr)


def _finish(proc: subprocess.Popen[str], argv: list[str], delay: float, killed: bool) -> Run:
    stdout, stderr = proc.communicate(timeout=120)
    if proc.returncode == -signal.SIGKILL:
        killed = True
    elif killed:
        killed = False  # it exited on its own in the instant before the signal
    return Run(argv, delay, killed, proc.returncode, stdout, stderr)


def _start(argv: list[str], env: dict[str, str] | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        text=True, env=env or child_env(),
    )


def run_killed_after(argv: list[str], delay: float, *, env: dict[str, str] | None = None) -> Run:
    """Start ``argv`` and SIGKILL it ``delay`` seconds later, unless it ended first."""
    proc = _start(argv, env)
    try:
        proc.wait(timeout=delay)
        return _finish(proc, argv, delay, killed=False)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        return _finish(proc, argv, delay, killed=True)


def _folder_stamp(dirs: list[Path]) -> tuple[Any, ...]:
    stamp = []
    for directory in dirs:
        try:
            st = os.stat(directory)
            stamp.append((st.st_ino, st.st_mtime_ns))
        except FileNotFoundError:
            stamp.append(None)
    return tuple(stamp)


def run_killed_on_change(
    argv: list[str], watch: list[Path], extra: float, *, limit: float,
    env: dict[str, str] | None = None,
) -> Run:
    """Start ``argv``; SIGKILL it ``extra`` seconds after any watched folder first
    changes (a temp file created or renamed into place), or at ``limit``."""
    before = _folder_stamp(watch)
    started = time.perf_counter()
    proc = _start(argv, env)
    deadline = started + limit
    while proc.poll() is None and time.perf_counter() < deadline:
        if _folder_stamp(watch) != before:
            time.sleep(extra)
            break
        time.sleep(0.0005)
    if proc.poll() is not None:
        return _finish(proc, argv, time.perf_counter() - started, killed=False)
    delay = time.perf_counter() - started
    proc.send_signal(signal.SIGKILL)
    return _finish(proc, argv, delay, killed=True)


@dataclass
class KillPlan:
    """The kill moments of one case, drawn from a seeded generator."""

    case: str
    seed: int = field(default_factory=suite_seed)
    rng: random.Random = field(init=False)
    kills: int = 0
    attempts: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:{self.case}")

    def where(self, run: Run | None = None) -> str:
        tail = f"; {run.describe()}" if run is not None else ""
        return (
            f"[kill case {self.case!r}, seed {self.seed} (EFTERTANKE_KILL_SEED), "
            f"attempt {self.attempts}]{tail}"
        )

    def run(self, argv: list[str], duration: float, *, watch: list[Path] | None = None,
            env: dict[str, str] | None = None) -> Run:
        """One attempt: mostly a delay drawn uniformly from [0, duration]; with
        ``watch``, every third attempt is killed just after the first write seen."""
        self.attempts += 1
        if watch and self.attempts % 3 == 0:
            extra = self.rng.uniform(0.0, min(0.05, duration / 4))
            result = run_killed_on_change(argv, watch, extra, limit=duration * 2, env=env)
        else:
            result = run_killed_after(argv, self.rng.uniform(0.0, duration), env=env)
        if result.killed:
            self.kills += 1
        else:
            assert TRACEBACK not in result.stderr, self.where(result)
        return result


def measure(argv_for: Any, template: Path, scratch: Path, *, env: dict[str, str] | None = None,
            runs: int = 1) -> float:
    """Wall time of an operation run to its end on a copy of ``template``.
    ``argv_for(root)`` gives the command line for a journal folder."""
    best = float("inf")
    for _ in range(runs):
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(template, scratch)
        started = time.perf_counter()
        result = run_to_end(argv_for(scratch), env=env)
        best = min(best, time.perf_counter() - started)
        assert result.returncode == 0, (argv_for(scratch), result.stdout, result.stderr)
    shutil.rmtree(scratch, ignore_errors=True)
    return best


# -- judging the journal a kill left ------------------------------------------------


def journal_codec(root: Path) -> files.Codec:
    """The codec as the CLI finds it (recovering a half-done re-encryption first)."""
    previous = os.environ.get("EFTERTANKE_PASSPHRASE")
    os.environ["EFTERTANKE_PASSPHRASE"] = PASSPHRASE
    try:
        return AppContext(journal_arg=str(root)).codec()
    finally:
        if previous is None:
            os.environ.pop("EFTERTANKE_PASSPHRASE", None)
        else:
            os.environ["EFTERTANKE_PASSPHRASE"] = previous


def _problems(findings: Iterable[doctor.Finding]) -> list[str]:
    return [f"{f.level}: {f.message}" for f in findings if f.level in ("error", "warning")]


def _summary(lines: list[str], shown: int = 3) -> str:
    more = f" and {len(lines) - shown} more" if len(lines) > shown else ""
    return f"{lines[:shown]}{more}"


def doctor_clean_or_repaired(root: Path, where: str) -> Journal:
    """``doctor`` finds nothing wrong, or ``doctor --repair`` makes it so; then the
    journal opens (which finishes or undoes any interrupted operation)."""
    codec = journal_codec(root)
    problems = _problems(doctor.check(root, codec))
    if problems:
        repaired = doctor.repair(root, codec)
        after = _problems(doctor.check(root, codec))
        assert not after, (
            f"{where}: doctor found {_summary(problems)}; after doctor --repair "
            f"({_summary([f.message for f in repaired])}) still {_summary(after)}"
        )
    journal = Journal(root, codec=codec)
    again = _problems(doctor.check(root, journal.codec))
    assert not again, f"{where}: doctor after opening the journal: {_summary(again)}"
    return journal


@dataclass
class Promise:
    """What an acknowledged write promised about one entry."""

    title: str
    body: str
    deleted: bool = False


class Ledger:
    """Every acknowledged write of a case: entry id to the text it must keep."""

    def __init__(self) -> None:
        self.entries: dict[str, Promise] = {}

    def promise(self, entry: Entry) -> None:
        self.entries[entry.id] = Promise(entry.title, entry.body, entry.deleted is not None)

    def adopt(self, journal: Journal, ids: Iterable[str]) -> None:
        """After an unacknowledged run, what the journal now holds is the baseline."""
        for entry_id in ids:
            self.promise(journal.get_entry(entry_id))

    def check(self, journal: Journal, where: str) -> dict[str, Entry]:
        found = {e.id: e for e in journal.entries(include_deleted=True)}
        for entry_id, promise in self.entries.items():
            entry = found.get(entry_id)
            assert entry is not None, f"{where}: acknowledged entry {entry_id} is gone"
            assert (entry.title, entry.body) == (promise.title, promise.body), (
                f"{where}: acknowledged entry {entry_id} changed: "
                f"{(entry.title, entry.body[:80])!r} != {(promise.title, promise.body[:80])!r}"
            )
            assert (entry.deleted is not None) == promise.deleted, (
                f"{where}: acknowledged entry {entry_id} deleted={entry.deleted} "
                f"but promised deleted={promise.deleted}"
            )
        return found


def themes_all_known(journal: Journal, entries: Iterable[Entry], where: str) -> None:
    known = {t.name.casefold() for t in journal.themes()}
    codes = {i.code.casefold() for i in journal.interviews()}
    for entry in entries:
        for theme in entry.all_themes:
            assert theme.casefold() in known, (
                f"{where}: entry {entry.id[:8]} uses theme {theme!r}, not in the codebook"
            )
        if entry.interview:
            assert entry.interview.casefold() in codes, (
                f"{where}: entry {entry.id[:8]} links interview {entry.interview!r}, which is unknown"
            )


def build_journal(root: Path, entries: list[Entry], setup: Any = None) -> Journal:
    """A journal holding ``entries``, made in-process. The fsyncs are skipped while
    building (a fixture, not a save under test), which makes it ~20x faster."""
    real_fsync = os.fsync
    os.fsync = lambda fd: None  # type: ignore[assignment]
    try:
        journal = Journal(root)
        if setup is not None:
            setup(journal)
        add_many = getattr(journal, "add_entries", None)
        if add_many is not None:
            add_many(entries)
        else:
            for entry in entries:
                journal.add_entry(entry)
    finally:
        os.fsync = real_fsync  # type: ignore[assignment]
    return Journal(root)
