"""Issue 11, cases 7 and 9: the journal manifest, and a doctor that checks every file.

Case 7: a shard whose primary vanished while its mirror is there must not drop
out of view, and the next write must not destroy the mirror's entries.
Case 9: an older, valid copy of a shard put back (plain or encrypted) is
detected and refused; doctor checks mirrors, the manifest and drafts, and
``doctor --repair`` mends each case, exiting non-zero while anything is wrong.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from conftest import Cli, snapshot

from eftertanke.domain import Entry
from eftertanke.services.merge import merge_file_data
from eftertanke.store import crypto, doctor, files, layout, reencrypt
from eftertanke.store import manifest as mf
from eftertanke.store.errors import JournalError
from eftertanke.store.journal import Journal

PASS = "correct horse battery"
ENV = {"EFTERTANKE_PASSPHRASE": PASS}
SHARD_IDS = [f"ab{n:06d}-0000-4000-8000-000000000000" for n in range(3)]
OTHER_ID = "cd000000-0000-4000-8000-000000000000"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)


def _journal(path: Path, *, encrypted: bool = False) -> Journal:
    """Three entries in shard ab, one in shard cd."""
    journal = Journal(path)
    for n, ident in enumerate(SHARD_IDS):
        journal.add_entry(Entry(id=ident, title=f"ab {n}", body=f"text {n}"))
    journal.add_entry(Entry(id=OTHER_ID, title="cd", body="other shard"))
    if encrypted:
        reencrypt.encrypt_journal(journal, PASS)
        journal = Journal(path, passphrase=PASS)
    return journal


def _shard(path: Path) -> Path:
    return path / layout.ENTRIES_DIR / "ab.json"


def _mirror(path: Path) -> Path:
    return path / layout.ENTRIES_DIR / "ab.json.mirror"


def _doctor(cli: Cli, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = cli("doctor", *args, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout + result.stderr


# -- case 7: a vanished primary ---------------------------------------------------


def test_a_vanished_primary_is_read_from_its_mirror_and_a_write_keeps_its_entries(
    journal_dir: Path,
) -> None:
    _journal(journal_dir)
    _shard(journal_dir).unlink()  # a sync tool deleted it; the mirror is still there
    journal = Journal(journal_dir)
    assert {e.id for e in journal.entries()} == {*SHARD_IDS, OTHER_ID}
    assert journal.count_entries() == 4
    # The next write to that shard starts from the mirror, not from nothing.
    new = journal.add_entry(Entry(id="ab999999-0000-4000-8000-000000000000", body="new"))
    journal.invalidate_cache()
    assert {e.id for e in journal.entries()} == {*SHARD_IDS, OTHER_ID, new.id}
    assert _shard(journal_dir).exists()
    mirrored = orjson.loads(_mirror(journal_dir).read_bytes())[layout.ENTRIES_TABLE]
    assert set(mirrored) == {*SHARD_IDS, new.id}
    # The store cannot speak to the user; it leaves a note for doctor.
    findings = doctor.check(journal_dir)
    assert any("restored it from its mirror" in f.message for f in findings), findings
    assert not any(f.level == "error" for f in findings), findings


def test_a_vanished_primary_on_the_command_line_lists_every_entry(
    cli: Cli, journal_dir: Path
) -> None:
    _journal(journal_dir)
    _shard(journal_dir).unlink()
    listed = orjson.loads(cli.ok("list", "--json"))
    assert {d["id"] for d in listed} == {*SHARD_IDS, OTHER_ID}
    code, out = _doctor(cli)
    assert code == 1 and "entries/ab.json is missing" in out, out
    code, out = _doctor(cli, "--repair")
    assert code == 0, out
    assert _shard(journal_dir).read_bytes() == _mirror(journal_dir).read_bytes()
    assert _doctor(cli)[0] == 0


def test_a_vanished_primary_whose_mirror_is_stale_is_refused_and_the_mirror_kept(
    cli: Cli, journal_dir: Path
) -> None:
    journal = _journal(journal_dir)
    old_mirror = _mirror(journal_dir).read_bytes()
    journal.add_entry(Entry(id="ab888888-0000-4000-8000-000000000000", body="later"))
    _shard(journal_dir).unlink()
    _mirror(journal_dir).write_bytes(old_mirror)  # not the version the manifest expects
    before = snapshot(journal_dir)
    listed = cli("list")
    assert listed.returncode == 1
    assert "entries/ab.json is missing" in listed.stderr
    assert "doctor --repair" in listed.stderr and "Traceback" not in listed.stderr
    journal = Journal(journal_dir)
    with pytest.raises(JournalError, match="doctor --repair"):
        journal.add_entry(Entry(id="ab777777-0000-4000-8000-000000000000", body="refused"))
    assert _mirror(journal_dir).read_bytes() == old_mirror
    assert not _shard(journal_dir).exists()
    for name in ("entries/ab.json.mirror",):
        assert snapshot(journal_dir)[name] == before[name]
    assert journal.get_entry(OTHER_ID).body == "other shard"  # the other shards read on


def test_a_repair_killed_between_set_aside_and_restore_is_mended(
    cli: Cli, journal_dir: Path
) -> None:
    _journal(journal_dir)
    shard = _shard(journal_dir)
    shard.write_bytes(b'{"entries": {"ab00')  # damaged
    # What the old repair did first, by hand: the damaged file moved aside, then killed.
    aside = journal_dir / layout.BACKUPS_DIR
    aside.mkdir(exist_ok=True)
    os.replace(shard, aside / "damaged-ab.json-20260101T000000000000Z")
    listed = orjson.loads(cli.ok("list", "--json"))
    assert {d["id"] for d in listed} == {*SHARD_IDS, OTHER_ID}
    assert _doctor(cli)[0] == 1
    code, out = _doctor(cli, "--repair")
    assert code == 0, out
    assert "restored entries/ab.json (missing) from its mirror" in out, out
    assert _doctor(cli)[0] == 0
    assert {e.id for e in Journal(journal_dir).entries()} == {*SHARD_IDS, OTHER_ID}


def test_repair_keeps_the_damaged_file_in_place_until_the_good_copy_replaces_it(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill at any moment of a repair: simulated by failing the restoring write."""
    _journal(journal_dir)
    shard = _shard(journal_dir)
    shard.write_bytes(b"not json")
    real = files.atomic_write_bytes

    def dies_on_the_shard(path: Path, data: bytes, *, durable: bool = True) -> None:
        if Path(path) == shard:
            raise KeyboardInterrupt  # the process dies here
        real(path, data, durable=durable)

    monkeypatch.setattr(files, "atomic_write_bytes", dies_on_the_shard)
    with pytest.raises(KeyboardInterrupt):
        doctor.repair(journal_dir)
    monkeypatch.setattr(files, "atomic_write_bytes", real)
    assert shard.read_bytes() == b"not json"  # never missing
    assert any(p.name.startswith("damaged-ab.json") for p in (journal_dir / "backups").iterdir())
    doctor.repair(journal_dir)
    assert not any(f.level == "error" for f in doctor.check(journal_dir))
    assert {e.id for e in Journal(journal_dir).entries()} == {*SHARD_IDS, OTHER_ID}


REPAIR_CHILD = """
import sys
from pathlib import Path
from eftertanke.store import doctor
doctor.repair(Path(sys.argv[1]))
"""


def test_a_repair_sigkilled_at_random_moments_is_finished_by_the_next(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    base = tmp_path / "base"
    _journal(base)
    kills = 0
    for round_ in range(12):
        path = tmp_path / f"j{round_}"
        shutil.copytree(base, path)
        _shard(path).write_bytes(b"damaged")
        (path / mf.MANIFEST_FILE).write_bytes(b"also damaged")
        child = subprocess.Popen([sys.executable, "-c", REPAIR_CHILD, str(path)])
        time.sleep(rng.uniform(0.0, 0.3))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            kills += 1
        child.wait()
        doctor.repair(path)
        findings = doctor.check(path)
        assert not any(f.level == "error" for f in findings), (round_, findings)
        assert {e.id for e in Journal(path).entries()} == {*SHARD_IDS, OTHER_ID}
    assert kills >= 3  # the children really were killed mid-repair


# -- case 9: an older copy put back -----------------------------------------------


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_an_older_copy_put_back_is_refused_reported_and_repaired(
    cli: Cli, journal_dir: Path, encrypted: bool
) -> None:
    env = ENV if encrypted else {}
    journal = _journal(journal_dir, encrypted=encrypted)
    older = _shard(journal_dir).read_bytes()
    entry = journal.get_entry(SHARD_IDS[0])
    entry.body = "the later edit"
    journal.update_entry(entry)
    _shard(journal_dir).write_bytes(older)  # valid, authenticated, and older

    before = snapshot(journal_dir)
    shown = cli("show", SHARD_IDS[0], env=env)
    assert shown.returncode == 1 and "Traceback" not in shown.stderr
    assert "older than the journal's manifest" in shown.stderr
    assert "doctor --repair" in shown.stderr
    edited = cli("edit", SHARD_IDS[1], "-m", "would undo the later edit", env=env)
    assert edited.returncode == 1 and "older than the journal's manifest" in edited.stderr
    assert snapshot(journal_dir) == before  # nothing was written
    # The other shards read and write on.
    assert "other shard" in cli.ok("show", OTHER_ID[:8], env=env)

    code, out = _doctor(cli, env=env)
    assert code == 1 and "entries/ab.json is older than the manifest says" in out, out
    code, out = _doctor(cli, "--repair", env=env)
    assert code == 0, out
    assert "restored entries/ab.json (older) from its mirror" in out, out
    assert _doctor(cli, env=env)[0] == 0
    reopened = Journal(journal_dir, passphrase=PASS if encrypted else None)
    assert reopened.get_entry(SHARD_IDS[0]).body == "the later edit"
    assert len(reopened.entries()) == 4
    # The older copy was kept aside, never deleted.
    kept = [p for p in (journal_dir / "backups").iterdir() if p.name.startswith("damaged-ab.json")]
    assert [p.read_bytes() for p in kept] == [older]


def test_a_file_ahead_of_the_manifest_is_accepted_and_recorded_by_the_next_write(
    journal_dir: Path,
) -> None:
    """A crash between the shard write and the manifest write leaves the shard ahead."""
    journal = _journal(journal_dir)
    stale_manifest = (journal_dir / mf.MANIFEST_FILE).read_bytes()
    journal.add_entry(Entry(id="ab555555-0000-4000-8000-000000000000", body="ahead"))
    (journal_dir / mf.MANIFEST_FILE).write_bytes(stale_manifest)
    journal = Journal(journal_dir)
    assert len(journal.entries()) == 5
    findings = doctor.check(journal_dir)
    assert not any(f.level == "error" for f in findings), findings
    assert any("the manifest is behind entries/ab.json" in f.message for f in findings)
    journal.add_entry(Entry(id="ab666666-0000-4000-8000-000000000000", body="next"))
    assert not any("behind" in f.message for f in doctor.check(journal_dir))


# -- doctor: mirrors, drafts, the manifest -------------------------------------------


def test_a_mirror_out_of_step_or_damaged_is_reported_and_mended(
    cli: Cli, journal_dir: Path
) -> None:
    journal = _journal(journal_dir)
    old_mirror = _mirror(journal_dir).read_bytes()
    journal.add_entry(Entry(id="ab444444-0000-4000-8000-000000000000", body="newer"))
    _mirror(journal_dir).write_bytes(old_mirror)
    code, out = _doctor(cli)
    assert code == 1 and "entries/ab.json.mirror is out of step" in out, out
    code, out = _doctor(cli, "--repair")
    assert code == 0 and "wrote entries/ab.json.mirror again" in out, out
    assert _mirror(journal_dir).read_bytes() == _shard(journal_dir).read_bytes()

    _mirror(journal_dir).write_bytes(b"\x00garbage")
    code, out = _doctor(cli)
    assert code == 1 and "entries/ab.json.mirror is damaged" in out, out
    assert _doctor(cli, "--repair")[0] == 0
    assert _mirror(journal_dir).read_bytes() == _shard(journal_dir).read_bytes()
    assert _doctor(cli)[0] == 0


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_damaged_draft_is_reported_and_set_aside_never_deleted(
    cli: Cli, journal_dir: Path, encrypted: bool
) -> None:
    env = ENV if encrypted else {}
    journal = _journal(journal_dir, encrypted=encrypted)
    journal.save_draft("good", {"body": "a good draft"})
    bad = journal_dir / layout.DRAFTS_DIR / "edit-1234.json"
    damaged = b'{"body": "half a dra'
    bad.write_bytes(damaged)  # plain bytes in an encrypted journal cannot be decrypted either
    code, out = _doctor(cli, env=env)
    assert code == 1 and "the draft drafts/edit-1234.json cannot be read" in out, out
    code, out = _doctor(cli, "--repair", env=env)
    assert code == 0 and "set the unreadable draft drafts/edit-1234.json aside" in out, out
    assert not bad.exists()
    kept = [p for p in (journal_dir / "backups").iterdir() if "edit-1234" in p.name]
    assert [p.read_bytes() for p in kept] == [damaged]
    assert (journal_dir / layout.DRAFTS_DIR / "good.json").exists()
    assert _doctor(cli, env=env)[0] == 0


def test_a_missing_or_damaged_manifest_is_reported_and_rebuilt(
    cli: Cli, journal_dir: Path
) -> None:
    _journal(journal_dir)
    manifest = journal_dir / mf.MANIFEST_FILE
    manifest.unlink()  # as in a fresh clone: derived data, so a warning
    code, out = _doctor(cli)
    assert code == 0 and "warning: the manifest (manifest.json) is missing" in out, out
    assert "is not in the manifest" not in out, "said once, not once per file"
    assert manifest.exists()  # doctor opened the journal, which derived it
    manifest.unlink()
    done = doctor.repair(journal_dir)
    assert any("rebuilt the manifest (it was missing)" in f.message for f in done), done
    assert mf.load_file(journal_dir, files.PLAIN) is not None
    assert _doctor(cli)[0] == 0

    manifest.write_bytes(b"{not a manifest")
    assert "other shard" in cli.ok("show", OTHER_ID[:8])  # reads go on
    refused = cli("new", "-m", "not saved")
    assert refused.returncode == 1 and "manifest" in refused.stderr
    assert "doctor --repair" in refused.stderr and "Traceback" not in refused.stderr
    code, out = _doctor(cli)
    assert code == 1 and "manifest (manifest.json) is damaged" in out, out
    assert _doctor(cli, "--repair")[0] == 0
    assert _doctor(cli)[0] == 0
    cli.ok("new", "-m", "saved now")


def test_an_old_journal_without_a_manifest_gets_one_on_open(journal_dir: Path) -> None:
    _journal(journal_dir)
    (journal_dir / mf.MANIFEST_FILE).unlink()
    Journal(journal_dir)
    loaded = mf.load_file(journal_dir, files.PLAIN)
    assert loaded is not None
    assert set(loaded[0]) == {"entries/ab.json", "entries/cd.json"}
    assert not any(f.level == "error" for f in doctor.check(journal_dir))


def test_an_encrypted_manifest_is_authenticated(journal_dir: Path) -> None:
    journal = _journal(journal_dir, encrypted=True)
    manifest = journal_dir / mf.MANIFEST_FILE
    assert manifest.read_bytes().startswith(crypto.MAGIC)
    forged = orjson.dumps({"format": mf.FORMAT_NAME, "version": 1, "files": {}, "notes": []})
    manifest.write_bytes(forged)  # a plain manifest that would forget every generation
    reopened = Journal(journal_dir, passphrase=PASS)
    with pytest.raises(JournalError, match="manifest"):
        reopened.add_entry(Entry(body="refused"))
    assert any(
        f.level == "error" and "manifest" in f.message
        for f in doctor.check(journal_dir, journal.codec)
    )


# -- generations ----------------------------------------------------------------------


def test_every_write_gives_the_file_a_larger_generation(journal_dir: Path) -> None:
    journal = _journal(journal_dir)
    first = mf.generation_of(orjson.loads(_shard(journal_dir).read_bytes()))
    journal.add_entry(Entry(id="ab333333-0000-4000-8000-000000000000", body="more"))
    second = mf.generation_of(orjson.loads(_shard(journal_dir).read_bytes()))
    assert second > first > 0
    loaded = mf.load_file(journal_dir, files.PLAIN)
    assert loaded is not None and loaded[0]["entries/ab.json"].generation == second


def test_a_merged_file_is_newer_than_both_sides() -> None:
    ours = {mf.GENERATION_KEY: 2_000_000_000_000_000, "entries": {}}
    theirs = {mf.GENERATION_KEY: 1_000, "entries": {}}
    merged = merge_file_data({}, ours, theirs)
    assert merged[mf.GENERATION_KEY] > 2_000_000_000_000_000
    assert mf.without_generation(merged) == {"entries": {}}


def test_a_file_with_no_good_copy_is_taken_out_reported_once_and_the_journal_works_on(
    cli: Cli, journal_dir: Path
) -> None:
    _journal(journal_dir)
    shutil.rmtree(journal_dir / layout.BACKUPS_DIR)
    _shard(journal_dir).write_bytes(b"damaged")
    _mirror(journal_dir).write_bytes(b"damaged too")
    assert cli("list").returncode == 1
    code, out = _doctor(cli, "--repair")
    assert code == 1 and "no good copy of it exists" in out and "are lost" in out, out
    kept = sorted(p.read_bytes() for p in (journal_dir / "backups").iterdir())
    assert kept == [b"damaged", b"damaged too"]  # what was left is kept, never deleted
    assert _doctor(cli)[0] == 0
    assert [d["id"] for d in orjson.loads(cli.ok("list", "--json"))] == [OTHER_ID]
    cli.ok("new", "-m", "the journal works on")
