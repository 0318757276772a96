"""Issue 11, "Must show": four writers plus a rename, through the real CLI.

Four loops of ``eftertanke new -m`` (separate processes, in parallel) tag
their entries with the theme being renamed, while a fifth loop renames it back
and forth. Afterwards every acknowledged entry (exit 0, id printed) is there
with its text, and every entry's themes are in the codebook: no writer may slip
an entry in under a name the rename has just retired. A writer that arrives
after the rename may be refused ("unknown theme"), never anything else.
"""

from __future__ import annotations

import random
import subprocess
import threading
from pathlib import Path

from killkit import build_journal, child_env, cli_argv, doctor_clean_or_repaired, suite_seed

from eftertanke.domain import Entry, Theme

WRITERS = 4
WRITES_EACH = 6
NAMES = ("Tavshed", "Stilhed")


def _setup(journal) -> None:  # type: ignore[no-untyped-def]
    journal.add_theme(Theme(name=NAMES[0], concept="safety"))
    journal.add_theme(Theme(name="Fast", concept="drive"))


def test_four_writers_and_a_rename_lose_nothing_and_leave_no_unknown_theme(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    seed = suite_seed()
    build_journal(
        root,
        [Entry(body=f"before {n}", title=f"before {n}", themes=[NAMES[0]]) for n in range(24)],
        _setup,
    )
    acknowledged: dict[str, str] = {}
    refused: list[str] = []
    odd: list[str] = []
    guard = threading.Lock()
    writers_done = threading.Event()
    renames: list[subprocess.CompletedProcess[str]] = []

    def writer(number: int) -> None:
        rng = random.Random(f"{seed}:writer{number}")
        for n in range(WRITES_EACH):
            body = f"writer {number} entry {n}: ærlig tekst"
            theme = rng.choice(NAMES)
            done = subprocess.run(
                cli_argv(root, "new", "-m", body, "--theme", theme, "--theme", "Fast"),
                capture_output=True, text=True, env=child_env(), timeout=120,
            )
            with guard:
                if done.returncode == 0:
                    acknowledged[done.stdout.strip()] = body
                elif done.returncode == 1 and "unknown theme" in done.stderr:
                    refused.append(done.stderr.strip())
                else:
                    odd.append(f"rc {done.returncode}: {done.stderr.strip()}")

    def renamer() -> None:
        current = 0
        while not writers_done.is_set():
            done = subprocess.run(
                cli_argv(root, "theme", "rename", NAMES[current], NAMES[1 - current]),
                capture_output=True, text=True, env=child_env(), timeout=120,
            )
            renames.append(done)
            if done.returncode != 0:
                return
            current = 1 - current

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    rename_thread = threading.Thread(target=renamer)
    rename_thread.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writers_done.set()
    rename_thread.join()

    where = f"[seed {suite_seed()} (EFTERTANKE_KILL_SEED)]"
    assert not odd, f"{where} writers failed other than by an unknown theme: {odd[:3]}"
    failed_renames = [r.stderr.strip() for r in renames if r.returncode != 0]
    assert not failed_renames, f"{where} a rename failed: {failed_renames[:1]}"
    assert len(renames) >= 2, f"{where} the renames did not overlap the writers"
    assert acknowledged, where

    journal = doctor_clean_or_repaired(root, where)
    entries = {e.id: e for e in journal.entries(include_deleted=True)}
    lost = [i for i in acknowledged if i not in entries]
    assert not lost, f"{where} {len(lost)} acknowledged entries are gone: {lost[:3]}"
    changed = [i for i, body in acknowledged.items() if entries[i].body != body]
    assert not changed, f"{where} acknowledged entries changed text: {changed[:3]}"
    known = {t.name for t in journal.themes()}
    assert len(known & set(NAMES)) == 1, f"{where} codebook holds {known}"
    unknown = {
        (e.id[:8], theme) for e in entries.values() for theme in e.all_themes if theme not in known
    }
    assert not unknown, (
        f"{where} {len(unknown)} entries use a theme not in the codebook, e.g. {sorted(unknown)[:3]}"
    )
    (current,) = known & set(NAMES)
    assert all(current in e.themes for e in entries.values()), where
    assert len(entries) == 24 + len(acknowledged), where
