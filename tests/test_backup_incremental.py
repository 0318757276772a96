"""Backups are incremental: a file unchanged since the newest backup is linked
to that backup's copy, not copied again; the live files are never linked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eftertanke.domain import Entry
from eftertanke.store import Journal, backup, doctor, layout
from eftertanke.store.backup import list_backups, take_backup

A = "aa000000-0000-4000-8000-000000000001"
B = "bb000000-0000-4000-8000-000000000002"


def age(root: Path, seconds: int = 3600) -> None:
    """Make every data file and backup copy look written ``seconds`` ago, long
    before the backup folders were made (settled)."""
    copies = [p for p in root.joinpath("backups").rglob("*") if p.is_file()]
    for path in [*layout.data_files(root), *copies]:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def journal_with_two_shards(root: Path) -> Journal:
    journal = Journal(root)
    journal.add_entry(Entry(id=A, body="første"))
    journal.add_entry(Entry(id=B, body="anden"))
    return journal


def test_an_unchanged_file_is_linked_to_the_earlier_backup_s_copy(journal_dir: Path) -> None:
    journal = journal_with_two_shards(journal_dir)
    first = take_backup(journal)
    age(journal_dir)
    journal.add_entry(Entry(id="bb000000-0000-4000-8000-000000000003", body="ny"))  # bb changes
    second = take_backup(journal)
    a1, a2 = first / "entries" / "aa.json", second / "entries" / "aa.json"
    b1, b2 = first / "entries" / "bb.json", second / "entries" / "bb.json"
    assert a1.stat().st_ino == a2.stat().st_ino  # unchanged: one copy on disk
    assert b1.stat().st_ino != b2.stat().st_ino  # changed: copied anew
    assert b"ny" in b2.read_bytes() and b"ny" not in b1.read_bytes()
    live = journal_dir / "entries" / "aa.json"
    assert live.stat().st_ino not in (a1.stat().st_ino, a2.stat().st_ino)  # never the live file
    assert a2.read_bytes() == live.read_bytes()


def test_a_file_written_just_before_the_earlier_backup_is_copied(journal_dir: Path) -> None:
    """Same size and time could be a rewrite within one tick of the clock."""
    journal = journal_with_two_shards(journal_dir)
    first = take_backup(journal)
    second = take_backup(journal)
    assert (first / "entries" / "aa.json").stat().st_ino != (
        second / "entries" / "aa.json"
    ).stat().st_ino


def test_without_links_the_backup_copies(journal_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = journal_with_two_shards(journal_dir)
    first = take_backup(journal)
    age(journal_dir)

    def no_links(*_args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(backup.os, "link", no_links)
    second = take_backup(journal)
    copy = second / "entries" / "aa.json"
    assert copy.stat().st_ino != (first / "entries" / "aa.json").stat().st_ino
    assert copy.read_bytes() == (journal_dir / "entries" / "aa.json").read_bytes()


def test_repair_restores_from_a_linked_backup_and_rotation_keeps_the_words(
    journal_dir: Path,
) -> None:
    journal = journal_with_two_shards(journal_dir)
    take_backup(journal)
    age(journal_dir)
    for _ in range(backup.KEEP):  # the first backup rotates away; its links live on
        take_backup(journal)
        age(journal_dir)
    assert len(list_backups(journal_dir)) == backup.KEEP
    (journal_dir / "entries" / "aa.json").write_bytes(b"garbage")
    (journal_dir / "entries" / "aa.json.mirror").write_bytes(b"also garbage")
    doctor.repair(journal_dir)
    assert Journal(journal_dir).get_entry(A).body == "første"


def test_purge_parts_linked_copies_and_cleans_every_backup(journal_dir: Path) -> None:
    from eftertanke.services.purge import plan_entries, purge

    journal = journal_with_two_shards(journal_dir)
    journal.add_entry(Entry(id="aa000000-0000-4000-8000-000000000009", body="Karin Holm sagde fra"))
    take_backup(journal)
    age(journal_dir)
    take_backup(journal)
    folders = list_backups(journal_dir)
    assert folders[0].joinpath("entries", "aa.json").stat().st_ino == folders[1].joinpath(
        "entries", "aa.json"
    ).stat().st_ino
    fresh = Journal(journal_dir)
    purge(fresh, plan_entries(fresh, ["aa000000-0000-4000-8000-000000000009"]))
    for path in journal_dir.rglob("*"):
        if path.is_file():
            assert b"Karin Holm" not in path.read_bytes(), path
    assert b"f\\u00f8rste" in folders[1].joinpath("entries", "aa.json").read_bytes() or (
        "første".encode() in folders[1].joinpath("entries", "aa.json").read_bytes()
    )


def test_a_copied_file_has_the_bytes_mode_and_times_of_the_live_one(tmp_path: Path) -> None:
    """A backup copies a changed file in the kernel (fileio.copy_file, no shutil),
    byte for byte, private, with the live file's times (for the next backup)."""
    import stat

    from eftertanke.fileio import copy_file

    source = tmp_path / "big.json"
    source.write_bytes(os.urandom(3 << 20) + b"\x00end")
    target = tmp_path / "copy.json"
    copy_file(source, target)
    assert target.read_bytes() == source.read_bytes()
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    copy_file(empty, tmp_path / "empty-copy.json")
    assert (tmp_path / "empty-copy.json").read_bytes() == b""
    journal = Journal(tmp_path / "j", author="tester")
    journal.add_entry(Entry(kind="memo", body="første"))
    folder = take_backup(journal)
    for copied in folder.rglob("*.json"):
        live = tmp_path / "j" / copied.relative_to(folder)
        assert copied.read_bytes() == live.read_bytes()
        assert stat.S_IMODE(copied.stat().st_mode) == 0o600
        assert copied.stat().st_mtime_ns == live.stat().st_mtime_ns
