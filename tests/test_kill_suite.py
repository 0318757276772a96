"""Issue 11, "Must show": SIGKILL the real CLI (and a TUI save) at random moments.

Each case runs one operation over and over on its own journal, killing it at a
moment drawn from [0, measured duration] (see killkit.py) until it has been
killed ``QUOTA`` times. After every run, killed or not:

- ``doctor`` is clean, or ``doctor --repair`` makes it clean;
- every acknowledged write (a command that exited 0 and printed its result) is
  there with exactly the same title and body, in or out of the trash as promised;
- the operation itself happened completely or not at all: after a killed
  rename every entry has the old name or every entry has the new one, and the
  codebook agrees; a killed import left all of its entries or none; and so on;
- running the operation again works.

The seed is printed in every failure; replay with EFTERTANKE_KILL_SEED=<seed>.
At the end of the file, the same operations meet a full disk (ENOSPC on a small
tmpfs): one clear line, exit 1, and a journal exactly as before.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from conftest import snapshot
from killkit import (
    TRACEBACK,
    KillPlan,
    Ledger,
    Run,
    build_journal,
    child_env,
    cli_argv,
    doctor_clean_or_repaired,
    journal_codec,
    measure,
    run_to_end,
    themes_all_known,
)

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.store import Journal, files

ENTRIES = 90  # spread over ~75 shards, so multi-file operations touch many files
SMALL = 24  # for single-entry operations, where the journal's size only costs time
# SIGKILLs per case: 110 in all. The TUI save has fewer: each run starts Textual.
QUOTA = {
    "theme rename": 13, "theme merge": 13, "interview edit --code": 13, "import jrnl": 12,
    "merge OTHER": 12, "encrypt/decrypt": 12, "edit -m": 10, "delete/restore": 10,
    "doctor --repair": 9, "TUI save": 6,
}
TUI_SCRIPT = Path(__file__).with_name("kill_tui_save.py")


def _base_entries(count: int, tag: str = "base", big: int = 0) -> list[Entry]:
    """Entries on Alpha or Beta+Anchor, a third linked to I01; with ``big``, every
    other body is that many characters long (a shard too large for a nearly full disk)."""
    start = datetime(2026, 1, 1, 9, 0).astimezone()
    out = []
    for n in range(count):
        padding = "ø" * (big if big and n % 2 else n % 7 * 40)
        out.append(
            Entry(
                body=f"{tag} body {n}: ærlig tekst om tavshed " + padding,
                title=f"{tag} {n}",
                themes=["Alpha"] if n % 2 else ["Beta", "Anchor"],
                interview="I01" if n % 3 == 0 else None,
                kind="interview" if n % 3 == 0 else "daily",
                created=start + timedelta(hours=n),
            )
        )
    return out


def _codebook(journal: Journal) -> None:
    journal.add_theme(Theme(name="Alpha", concept="drive"))
    journal.add_theme(Theme(name="Beta", concept="safety"))
    journal.add_theme(Theme(name="Anchor", concept="frames"))
    journal.add_interview(Interview(code="I01", role="plejeboligchef"))


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One template journal, copied by each case that changes many files."""
    root = tmp_path_factory.mktemp("kill-base") / "journal"
    build_journal(root, _base_entries(ENTRIES), _codebook)
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kill-small") / "journal"
    build_journal(root, _base_entries(SMALL), _codebook)
    return root


def _copy(base: Path, tmp_path: Path, name: str = "journal") -> tuple[Path, Ledger]:
    root = tmp_path / name
    shutil.copytree(base, root)
    ledger = Ledger()
    for entry in Journal(root).entries(include_deleted=True):
        ledger.promise(entry)
    return root, ledger


def _kill_loop(plan: KillPlan, attempt: Callable[[], None]) -> None:
    quota = QUOTA[plan.case]
    while plan.kills < quota:
        assert plan.attempts < quota * 4, (
            f"{plan.where()}: only {plan.kills} of {plan.attempts} runs were killed"
        )
        attempt()


def test_the_suite_kills_at_least_100_times() -> None:
    assert sum(QUOTA.values()) >= 100


def _names(journal: Journal) -> set[str]:
    return {t.name for t in journal.themes()}


def _ids_with_theme(journal: Journal, name: str) -> set[str]:
    return {e.id for e in journal.entries(include_deleted=True) if name in e.themes}


# -- the cases -------------------------------------------------------------------


def test_killed_theme_rename_is_all_or_nothing(base: Path, tmp_path: Path) -> None:
    root, ledger = _copy(base, tmp_path)
    tagged = _ids_with_theme(Journal(root), "Alpha")
    plan = KillPlan("theme rename")
    duration = measure(lambda r: cli_argv(r, "theme", "rename", "Alpha", "Gamma"), root,
                       tmp_path / "scratch")
    state = {"name": "Alpha", "other": "Gamma"}

    def attempt() -> None:
        run = plan.run(cli_argv(root, "theme", "rename", state["name"], state["other"]), duration,
                       watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        found = ledger.check(journal, where)
        present = _names(journal) & {"Alpha", "Gamma"}
        assert len(present) == 1, f"{where}: codebook holds {present}"
        (name,) = present
        if run.acknowledged:
            assert name == state["other"], where
        elif not run.killed:
            pytest.fail(f"{where}: a rename that was not killed failed")
        on_name = {i for i, e in found.items() if name in e.themes}
        on_other = {i for i, e in found.items() if ({"Alpha", "Gamma"} - {name}) & set(e.themes)}
        assert on_name == tagged and not on_other, (
            f"{where}: half renamed: {len(on_name)} of {len(tagged)} entries on {name!r}, "
            f"{len(on_other)} still on the other name"
        )
        themes_all_known(journal, found.values(), where)
        state["name"], state["other"] = name, ({"Alpha", "Gamma"} - {name}).pop()

    _kill_loop(plan, attempt)


def test_killed_theme_merge_is_all_or_nothing(base: Path, tmp_path: Path) -> None:
    template = base
    journal = Journal(template)
    alpha = _ids_with_theme(journal, "Alpha")
    beta = _ids_with_theme(journal, "Beta")
    plan = KillPlan("theme merge")
    duration = measure(lambda r: cli_argv(r, "theme", "merge", "Alpha", "Beta"), template,
                       tmp_path / "scratch")

    def attempt() -> None:
        shutil.rmtree(tmp_path / "journal", ignore_errors=True)
        root, ledger = _copy(template, tmp_path)
        run = plan.run(cli_argv(root, "theme", "merge", "Alpha", "Beta"), duration,
                       watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        found = ledger.check(journal, where)
        merged = "Alpha" not in _names(journal)
        assert "Beta" in _names(journal), where
        if run.acknowledged:
            assert merged, where
        elif not run.killed:
            pytest.fail(f"{where}: a merge that was not killed failed")
        on_alpha = {i for i, e in found.items() if "Alpha" in e.themes}
        on_beta = {i for i, e in found.items() if "Beta" in e.themes}
        if merged:
            assert not on_alpha and on_beta == alpha | beta, (
                f"{where}: merged, but {len(on_alpha)} entries still on Alpha and "
                f"{len(on_beta)} of {len(alpha | beta)} on Beta"
            )
        else:
            assert on_alpha == alpha and on_beta == beta, (
                f"{where}: not merged, but {len(on_alpha)} of {len(alpha)} entries on Alpha, "
                f"{len(on_beta)} of {len(beta)} on Beta (half merged)"
            )
        themes_all_known(journal, found.values(), where)
        rerun = run_to_end(cli_argv(root, "theme", "merge", "Alpha", "Beta")) if not merged else None
        if rerun is not None:
            assert rerun.returncode == 0, f"{where}: rerunning the merge failed: {rerun.stderr}"

    _kill_loop(plan, attempt)


def test_killed_interview_code_change_is_all_or_nothing(base: Path, tmp_path: Path) -> None:
    root, ledger = _copy(base, tmp_path)
    linked = {e.id for e in Journal(root).entries(include_deleted=True) if e.interview}
    plan = KillPlan("interview edit --code")
    duration = measure(lambda r: cli_argv(r, "interview", "edit", "I01", "--code", "I02"), root,
                       tmp_path / "scratch")
    state = {"code": "I01", "other": "I02"}

    def attempt() -> None:
        run = plan.run(
            cli_argv(root, "interview", "edit", state["code"], "--code", state["other"]), duration,
            watch=[root, root / "entries"],
        )
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        found = ledger.check(journal, where)
        codes = {i.code for i in journal.interviews()}
        assert len(codes & {"I01", "I02"}) == 1, f"{where}: interviews {codes}"
        (code,) = codes & {"I01", "I02"}
        if run.acknowledged:
            assert code == state["other"], where
        elif not run.killed:
            pytest.fail(f"{where}: a code change that was not killed failed")
        on_code = {i for i, e in found.items() if e.interview == code}
        assert on_code == linked, (
            f"{where}: half recoded: {len(on_code)} of {len(linked)} entries link {code}"
        )
        themes_all_known(journal, found.values(), where)
        state["code"], state["other"] = code, ({"I01", "I02"} - {code}).pop()

    _kill_loop(plan, attempt)


def _jrnl_file(path: Path, tag: str, count: int) -> Path:
    entries = [
        {
            "title": f"{tag} {n}.",
            "body": f"Imported text {n} of {tag}, med æøå.",
            "date": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "time": f"{n % 24:02d}:{n % 60:02d}",
            "tags": [],
            "starred": False,
        }
        for n in range(count)
    ]
    path.write_bytes(orjson.dumps({"tags": {}, "entries": entries}))
    return path


def test_killed_import_leaves_all_or_none(base: Path, tmp_path: Path) -> None:
    root, ledger = _copy(base, tmp_path)
    plan = KillPlan("import jrnl")
    count = 30
    probe = _jrnl_file(tmp_path / "probe.json", "probe", count)
    duration = measure(lambda r: cli_argv(r, "import", "jrnl", str(probe), "--yes"), root,
                       tmp_path / "scratch")

    def attempt() -> None:
        tag = f"imp{plan.attempts + 1}"
        source = _jrnl_file(tmp_path / f"{tag}.json", tag, count)
        run = plan.run(cli_argv(root, "import", "jrnl", str(source), "--yes"), duration,
                       watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        found = ledger.check(journal, where)
        mine = [e for e in found.values() if e.title.startswith(f"{tag} ")]
        if run.acknowledged:
            assert len(mine) == count, f"{where}: acknowledged import holds {len(mine)}"
        elif not run.killed:
            pytest.fail(f"{where}: an import that was not killed failed")
        assert len(mine) in (0, count), (
            f"{where}: a killed import left {len(mine)} of {count} entries (part done)"
        )
        # The journal is not stuck: the next command that opens it sees the same.
        again = Journal(root, codec=journal.codec)
        assert sum(e.title.startswith(f"{tag} ") for e in again.entries()) == len(mine), where
        ledger.adopt(journal, [e.id for e in mine])

    _kill_loop(plan, attempt)


def test_killed_edit_keeps_the_old_or_the_new_text(small: Path, tmp_path: Path) -> None:
    root, ledger = _copy(small, tmp_path)
    target = sorted(ledger.entries)[0]
    plan = KillPlan("edit -m")
    duration = measure(lambda r: cli_argv(r, "edit", target, "-m", "probe"), root,
                       tmp_path / "scratch")

    def attempt() -> None:
        before = ledger.entries[target].body
        text = f"edited text {plan.attempts + 1}: ærlig"
        run = plan.run(cli_argv(root, "edit", target, "-m", text), duration,
                       watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        body = journal.get_entry(target).body
        if run.acknowledged:
            ledger.entries[target].body = text
        elif not run.killed:
            pytest.fail(f"{where}: an edit that was not killed failed")
        else:
            assert body in (before, text), f"{where}: body is {body[:80]!r}"
            ledger.adopt(journal, [target])
        ledger.check(journal, where)

    _kill_loop(plan, attempt)


def test_killed_delete_and_restore(small: Path, tmp_path: Path) -> None:
    root, ledger = _copy(small, tmp_path)
    target = sorted(ledger.entries)[1]
    plan = KillPlan("delete/restore")
    duration = measure(lambda r: cli_argv(r, "delete", target), root, tmp_path / "scratch")

    def attempt() -> None:
        deleted = ledger.entries[target].deleted
        verb = "restore" if deleted else "delete"
        run = plan.run(cli_argv(root, verb, target), duration, watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        if run.acknowledged:
            ledger.entries[target].deleted = not deleted
        elif not run.killed:
            pytest.fail(f"{where}: {verb} that was not killed failed")
        else:
            ledger.adopt(journal, [target])
        ledger.check(journal, where)

    _kill_loop(plan, attempt)


def _damage_a_shard(root: Path, plan: KillPlan) -> Path:
    shards = sorted((root / "entries").glob("*.json"))
    victim = plan.rng.choice(shards)
    victim.write_bytes(b'{"entries": {"broken')  # torn by something other than eftertanke
    return victim


def test_killed_doctor_repair_is_finished_by_the_next_repair(small: Path, tmp_path: Path) -> None:
    root, ledger = _copy(small, tmp_path)
    plan = KillPlan("doctor --repair")
    scratch = tmp_path / "probe"
    shutil.copytree(root, scratch)
    _damage_a_shard(scratch, plan)
    duration = measure(lambda r: cli_argv(r, "doctor", "--repair"), scratch, tmp_path / "scratch")

    def attempt() -> None:
        victim = _damage_a_shard(root, plan)
        run = plan.run(cli_argv(root, "doctor", "--repair"), duration,
                       watch=[root, root / "entries", root / "backups"])
        where = plan.where(run) + f" (damaged {victim.name})"
        if not run.killed:
            assert run.returncode == 0, f"{where}: repair did not end clean"
        journal = doctor_clean_or_repaired(root, where)
        ledger.check(journal, where)
        assert journal.count_entries() == sum(not p.deleted for p in ledger.entries.values()), (
            f"{where}: list shows {journal.count_entries()} entries"
        )

    _kill_loop(plan, attempt)


def test_killed_encrypt_and_decrypt(small: Path, tmp_path: Path) -> None:
    root, ledger = _copy(small, tmp_path)
    plan = KillPlan("encrypt/decrypt")
    duration = max(
        measure(lambda r: cli_argv(r, "encrypt", "--cost", "14"), root, tmp_path / "scratch"),
        1.0,
    )

    def attempt() -> None:
        encrypted = bool(getattr(journal_codec(root), "encrypted", False))
        args = ("decrypt", "--yes") if encrypted else ("encrypt", "--cost", "14")
        run = plan.run(cli_argv(root, *args), duration, watch=[root, root.parent])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        if run.acknowledged:
            assert journal.encrypted is not encrypted, where
        elif not run.killed:
            pytest.fail(f"{where}: {args[0]} that was not killed failed")
        ledger.check(journal, where)
        if journal.encrypted:  # never half: no plain shard beside ciphertext
            plain = [p.name for p in (root / "entries").glob("*.json")
                     if not p.read_bytes().startswith(files.ENCRYPTED_MAGIC)]
            assert not plain, f"{where}: plain shards in an encrypted journal: {plain[:3]}"

    _kill_loop(plan, attempt)


def test_killed_merge_of_another_journal_is_all_or_nothing(
    base: Path, tmp_path: Path
) -> None:
    """``merge OTHER`` is all-or-nothing (store/batch.py): after a kill the journal is
    sound, every acknowledged entry is intact, the other journal's entries arrived
    all or none, and running the merge again gives exactly a whole merge."""
    other, _ = _copy(base, tmp_path, "other")
    other_journal = Journal(other)
    other_journal.add_theme(Theme(name="Fremmed", concept="wellbeing"))  # only over there
    added = []
    for n, entry in enumerate(_base_entries(30, tag="other")):
        if n % 3 == 0:
            entry.themes.append("Fremmed")
        other_journal.add_entry(entry)
        added.append(entry.id)
    plan = KillPlan("merge OTHER")
    template, ledger = _copy(base, tmp_path, "template")
    duration = measure(lambda r: cli_argv(r, "merge", str(other)), template, tmp_path / "scratch")
    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    assert run_to_end(cli_argv(reference, "merge", str(other))).returncode == 0
    whole = _view(reference)

    def attempt() -> None:
        shutil.rmtree(tmp_path / "journal", ignore_errors=True)
        root = tmp_path / "journal"
        shutil.copytree(template, root)
        run = plan.run(cli_argv(root, "merge", str(other)), duration,
                       watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        found = ledger.check(journal, where)
        arrived = [i for i in added if i in found]
        if run.acknowledged:
            assert len(arrived) == len(added), where
        elif not run.killed:
            pytest.fail(f"{where}: a merge that was not killed failed")
        assert len(arrived) in (0, len(added)), (
            f"{where}: a killed merge brought {len(arrived)} of {len(added)} entries (half merged)"
        )
        themes_all_known(journal, found.values(), where)
        rerun = run_to_end(cli_argv(root, "merge", str(other)))
        assert rerun.returncode == 0, f"{where}: merging again failed: {rerun.stderr}"
        assert _view(root) == whole, f"{where}: {len(arrived)} of {len(added)} arrived; the rerun did not give a whole merge"

    _kill_loop(plan, attempt)


def test_killed_tui_save_keeps_the_old_or_the_new_text(small: Path, tmp_path: Path) -> None:
    root, ledger = _copy(small, tmp_path)
    target = sorted(ledger.entries)[2]
    plan = KillPlan("TUI save")

    def argv(r: Path, text: str) -> list[str]:
        return [sys.executable, str(TUI_SCRIPT), str(r), target, text]

    duration = measure(lambda r: argv(r, "probe text"), root, tmp_path / "scratch")

    def attempt() -> None:
        before = ledger.entries[target].body
        text = f"TUI text {plan.attempts + 1}: typed in the app, ærligt"
        run = plan.run(argv(root, text), duration, watch=[root, root / "entries"])
        where = plan.where(run)
        journal = doctor_clean_or_repaired(root, where)
        body = journal.get_entry(target).body
        if run.acknowledged:
            assert "SAVED" in run.stdout, where
            ledger.entries[target].body = text
        elif not run.killed:
            pytest.fail(f"{where}: a TUI save that was not killed failed: {run.stdout}")
        else:
            assert body in (before, text), f"{where}: body is {body[:80]!r}"
            ledger.adopt(journal, [target])
        ledger.check(journal, where)

    _kill_loop(plan, attempt)


# -- a full disk ------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, unmounted afterwards. Skipped only where mounting is impossible."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    """Fill the disk to the last byte with a ballast file (unbuffered, so the
    ENOSPC comes from our own write, never later from a close)."""
    ballast = disk / "ballast"
    fd = os.open(ballast, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 16, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    return ballast


def test_a_full_disk_fails_each_write_with_one_line_and_changes_nothing(
    small_disk: Path, tmp_path: Path
) -> None:
    root = small_disk / "journal"
    build_journal(root, _base_entries(12), _codebook)
    journal = Journal(root)
    ids = sorted(e.id for e in journal.entries())
    journal.delete_entry(ids[1])
    journal.add_theme(Theme(name="Solo", concept="wellbeing"))
    sealed = small_disk / "sealed"
    build_journal(sealed, _base_entries(3, tag="sealed"), _codebook)
    assert run_to_end(cli_argv(sealed, "encrypt", "--cost", "14")).returncode == 0
    damaged = small_disk / "damaged"
    build_journal(damaged, _base_entries(4, tag="damaged"), _codebook)
    other = tmp_path / "other"
    build_journal(other, _base_entries(5, tag="other"), _codebook)
    source = _jrnl_file(tmp_path / "import.json", "full", 20)
    ledgers = {}
    for folder in (root, sealed, damaged):
        codec = journal_codec(folder)
        ledger = Ledger()
        for entry in Journal(folder, codec=codec).entries(include_deleted=True):
            ledger.promise(entry)
        ledgers[folder] = ledger
    (sorted((damaged / "entries").glob("*.json"))[0]).write_bytes(b"{torn")
    ballast = _fill(small_disk)

    writes: list[tuple[Path, tuple[str, ...]]] = [
        (root, ("new", "-m", "written on a full disk")),
        (root, ("edit", ids[0], "-m", "edited on a full disk")),
        (root, ("delete", ids[2])),
        (root, ("restore", ids[1])),
        (root, ("theme", "add", "Fresh", "--concept", "drive")),
        (root, ("theme", "rename", "Alpha", "Gamma")),
        (root, ("theme", "merge", "Alpha", "Beta")),
        (root, ("interview", "edit", "I01", "--code", "I09")),
        (root, ("import", "jrnl", str(source), "--yes")),
        (root, ("merge", str(other))),
        (root, ("encrypt", "--cost", "14")),
        (sealed, ("decrypt", "--yes")),
        (damaged, ("doctor", "--repair")),
    ]
    failures = []
    for folder, args in writes:
        before = snapshot(folder)
        run = run_to_end(cli_argv(folder, *args))
        lines = run.stderr.strip().splitlines()
        line = lines[-1] if lines else ""
        if TRACEBACK in run.stderr or run.returncode != 1 or len(lines) != 1 or not (
            "no space left on device" in line.lower() and "nothing was saved" in line
        ):
            failures.append(f"{' '.join(args)}: rc {run.returncode}, stderr {run.stderr.strip()!r}")
            continue
        if snapshot(folder) != before:
            # Judged as a user would after freeing space: doctor, then the promises.
            ballast.unlink()
            where = f"full disk, {' '.join(args)}"
            journal = doctor_clean_or_repaired(folder, where)
            ledgers[folder].check(journal, where)
            themes_all_known(journal, journal.entries(include_deleted=True), where)
            ballast = _fill(small_disk)
    assert not failures, "on a full disk:\n" + "\n".join(failures)


def _tui_on_full_disk(root: Path, entry_id: str) -> Run:
    return run_to_end([sys.executable, str(TUI_SCRIPT), str(root), entry_id, "typed on a full disk"],
                      env=child_env())


def test_a_tui_save_on_a_full_disk_keeps_the_text_and_changes_nothing(
    small_disk: Path
) -> None:
    root = small_disk / "journal"
    build_journal(root, _base_entries(6), _codebook)
    entry_id = sorted(e.id for e in Journal(root).entries())[0]
    stored = Journal(root).get_entry(entry_id).body
    _fill(small_disk)
    run = _tui_on_full_disk(root, entry_id)
    assert run.returncode == 1 and "FAILED" in run.stdout, (run.stdout, run.stderr)
    assert "no space left on device" in run.stdout.lower(), run.stdout
    assert TRACEBACK not in run.stderr
    assert Journal(root).get_entry(entry_id).body == stored


def _view(root: Path) -> tuple[object, ...]:
    """What a user sees of a journal, without timestamps: the oracle for 'all or nothing'."""
    journal = Journal(root, codec=journal_codec(root))
    entries = sorted(
        (e.id, e.title, e.body, tuple(sorted(e.all_themes)), e.interview or "", e.deleted is None)
        for e in journal.entries(include_deleted=True)
    )
    themes = sorted(t.name for t in journal.themes())
    codes = sorted(i.code for i in journal.interviews())
    return tuple(entries), tuple(themes), tuple(codes)


# Operations that promise "run it again to finish" rather than all-or-nothing.
RESUMABLE = {"merge"}
NEARLY_FULL_OPS: list[tuple[str, ...]] = [
    ("theme", "rename", "Alpha", "Gamma"),
    ("theme", "merge", "Alpha", "Beta"),
    ("interview", "edit", "I01", "--code", "I09"),
    ("import", "jrnl", "{import}", "--yes"),
    ("merge", "{other}"),
    ("encrypt", "--cost", "14"),
]


def test_a_disk_that_fills_midway_leaves_each_change_whole_or_undone(
    small_disk: Path, tmp_path: Path
) -> None:
    """ENOSPC during a multi-file change (the disk has room for a few files, not all):
    the change is complete, or it failed with one line and the journal shows
    exactly what it showed before."""
    template = tmp_path / "template"
    build_journal(template, _base_entries(16, big=12_000), _codebook)
    other = tmp_path / "other"
    build_journal(other, _base_entries(6, tag="other"), _codebook)
    source = _jrnl_file(tmp_path / "import.json", "midway", 16)
    failures = []
    for args in NEARLY_FULL_OPS:
        args = tuple({"{import}": str(source), "{other}": str(other)}.get(a, a) for a in args)
        reference = tmp_path / "reference"
        shutil.rmtree(reference, ignore_errors=True)
        shutil.copytree(template, reference)
        done = run_to_end(cli_argv(reference, *args))
        assert done.returncode == 0, (args, done.stderr)
        after_view = _view(reference)
        for room in (12 * 1024,):  # room for the small shards, not the big ones
            root = small_disk / "journal"
            shutil.copytree(template, root)
            before_view = _view(root)
            ballast = _fill(small_disk)
            os.truncate(ballast, max(0, ballast.stat().st_size - room))
            run = run_to_end(cli_argv(root, *args))
            ballast.unlink()
            where = f"disk full midway ({room // 1024} KB free), {' '.join(args)}: {run.describe()}"
            if TRACEBACK in run.stderr:
                failures.append(f"{where}: a traceback")
            elif run.returncode == 0:
                if _view(root) != after_view:
                    failures.append(f"{where}: exit 0 but the change is not whole")
            else:
                line = run.stderr.strip()
                if run.returncode != 1 or "\n" in line or "nothing was saved" not in line:
                    failures.append(f"{where}: not one clear line")
                try:
                    doctor_clean_or_repaired(root, where)
                except AssertionError as exc:
                    failures.append(str(exc)[:400])
                if args[0] in RESUMABLE:
                    rerun = run_to_end(cli_argv(root, *args))
                    if rerun.returncode != 0 or _view(root) != after_view:
                        failures.append(f"{where}: with space again, rerunning did not finish it")
                elif _view(root) != before_view:
                    half = "the full change" if _view(root) == after_view else "half of it"
                    failures.append(f"{where}: failed, yet the journal shows {half}")
            shutil.rmtree(root)
    assert not failures, "\n".join(failures)
