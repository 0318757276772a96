"""Merging two journal folders: the result, idempotence, symmetry, and bad inputs."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from conftest import Cli, snapshot

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.services.merge import (
    conflict_copies,
    conflict_copy_id,
    describe_conflict_copies,
    keep_version,
    merge_journal,
    open_other_journal,
    read_journal_rows,
)
from eftertanke.store import Journal, JournalError, layout

CPH = timezone(timedelta(hours=1))
SHARED = "5a5a5a5a-1111-4111-8111-000000000001"
GONE = "6b6b6b6b-1111-4111-8111-000000000002"
ANNA_ONLY = "7c7c7c7c-1111-4111-8111-000000000003"
BEN_ONLY = "8d8d8d8d-1111-4111-8111-000000000004"


def t(minutes: int) -> datetime:
    return datetime(2026, 3, 1, 9, 0, tzinfo=CPH) + timedelta(minutes=minutes)


def common(path: Path, author: str) -> Journal:
    """The journal both researchers started from (as if copied)."""
    journal = Journal(path, author=author)
    journal.add_entry(
        Entry(id=SHARED, body="first draft", created=t(0), updated=t(0), author="anna")
    )
    journal.add_entry(
        Entry(id=GONE, body="to be deleted", created=t(0), updated=t(0), author="anna")
    )
    return journal


def edit(journal: Journal, entry_id: str, body: str, when: datetime) -> None:
    entry = journal.get_entry(entry_id)
    entry.body = body
    entry.updated = when
    entry.updated_by = journal.author
    journal.update_entry(entry, touch=False, check_links=False)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    anna = common(tmp_path / "anna", "anna")
    ben = common(tmp_path / "ben", "ben")
    anna.add_entry(Entry(id=ANNA_ONLY, body="Anna's day", created=t(5), updated=t(5)))
    ben.add_entry(Entry(id=BEN_ONLY, body="Ben's day", created=t(6), updated=t(6)))
    edit(anna, SHARED, "Anna's reading", t(10))
    edit(ben, SHARED, "Ben's reading", t(20))
    ben.delete_entry(GONE)
    anna.add_interview(Interview(code="I03", role="leader", notes="Anna", updated=t(1)))
    ben.add_interview(Interview(code="I03", role="leader", notes="Ben", updated=t(2)))
    ben.add_interview(Interview(code="I04", role="head"))
    anna.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    ben.add_theme(Theme(name="Autonomi", concept="drive"))
    return anna.root, ben.root


def content(path: Path) -> tuple[dict, dict, dict]:
    """What a journal holds; revisions count each journal's own writes, so they
    are left out (a merge changes the content of one side only)."""
    tables = read_journal_rows(Journal(path, create=False))
    return tuple(  # type: ignore[return-value]
        {doc_id: {k: v for k, v in doc.items() if k != "revision"} for doc_id, doc in rows.items()}
        for rows in tables
    )


def test_merge_brings_everything_and_keeps_the_conflict_copy(pair: tuple[Path, Path]) -> None:
    anna_path, ben_path = pair
    anna, ben = Journal(anna_path, author="anna"), Journal(ben_path, author="ben")
    anna_shared = anna.get_entry(SHARED).to_dict()
    report = merge_journal(anna, ben)
    copy_id = conflict_copy_id(SHARED, anna_shared)
    assert report.added == [BEN_ONLY]
    assert report.updated == [SHARED]
    assert report.deleted == [GONE]
    assert report.conflicts == [copy_id]
    assert report.interviews_added == ["I04"]
    assert report.interviews_updated == ["I03"]
    assert report.themes_added == ["Autonomi"]

    assert anna.get_entry(SHARED).body == "Ben's reading"
    assert anna.get_entry(SHARED).updated_by == "ben"
    copy = anna.get_entry(copy_id)
    assert (copy.body, copy.conflict_of, copy.updated_by) == ("Anna's reading", SHARED, "anna")
    assert anna.get_entry(GONE).deleted is not None
    assert {e.id for e in anna.entries()} == {SHARED, ANNA_ONLY, BEN_ONLY, copy_id}
    assert [e.id for e in conflict_copies(anna)] == [copy_id]
    assert describe_conflict_copies(anna) == [
        f"entry {copy_id[:8]} is a conflict copy of {SHARED[:8]}: anna's version was saved "
        "beside it after a merge or a concurrent edit (Anna's reading); open it and keep one "
        "version (k in the entry view), or delete the copy"
    ]
    assert [i.code for i in anna.interviews()] == ["I03", "I04"]
    assert anna.get_interview("I03").notes == "Ben"
    assert sorted(th.name for th in anna.themes()) == ["Autonomi", "Farlig tavshed"]
    # The copy is stored in the original's shard file.
    shard = anna_path / layout.ENTRIES_DIR / layout.shard_name(SHARED)
    assert copy_id in orjson.loads(shard.read_bytes())["entries"]


def test_merging_again_changes_no_file(pair: tuple[Path, Path]) -> None:
    anna_path, ben_path = pair
    merge_journal(Journal(anna_path), Journal(ben_path))
    before = snapshot(anna_path)
    report = merge_journal(Journal(anna_path), Journal(ben_path))
    assert not report.changed
    assert snapshot(anna_path) == before


def test_merging_in_either_direction_gives_the_same_journal(
    tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    anna_path, ben_path = pair
    anna_copy, ben_copy = tmp_path / "anna2", tmp_path / "ben2"
    shutil.copytree(anna_path, anna_copy)
    shutil.copytree(ben_path, ben_copy)
    merge_journal(Journal(anna_copy), Journal(ben_path))  # Ben's into Anna's
    merge_journal(Journal(ben_copy), Journal(anna_path))  # Anna's into Ben's
    assert content(anna_copy) == content(ben_copy)
    # And then each merged journal merged into the other changes nothing.
    assert not merge_journal(Journal(anna_copy), Journal(ben_copy)).changed


def test_keep_version_makes_the_copy_the_entry(pair: tuple[Path, Path]) -> None:
    anna_path, ben_path = pair
    anna = Journal(anna_path, author="anna")
    merge_journal(anna, Journal(ben_path))
    (copy,) = conflict_copies(anna)
    kept = keep_version(anna, copy.id)
    assert kept.id == SHARED
    assert anna.get_entry(SHARED).body == "Anna's reading"
    assert anna.get_entry(SHARED).conflict_of is None
    assert anna.get_entry(copy.id).deleted is not None
    assert conflict_copies(anna) == []
    # Merging Ben's journal again does not bring the discarded version back as live.
    merge_journal(anna, Journal(ben_path))
    assert anna.get_entry(copy.id).deleted is not None


# -- bad inputs change nothing -------------------------------------------------------


def test_a_newer_schema_is_refused_and_nothing_changes(
    tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    anna_path, ben_path = pair
    meta_path = ben_path / layout.META_FILE
    meta = orjson.loads(meta_path.read_bytes())
    meta_path.write_bytes(orjson.dumps({**meta, "schema": layout.SCHEMA_VERSION + 1}))
    before, other_before = snapshot(anna_path), snapshot(ben_path)
    with pytest.raises(JournalError, match="newer eftertanke"):
        merge_journal(Journal(anna_path), open_other_journal(ben_path))
    assert snapshot(anna_path) == before
    assert snapshot(ben_path) == other_before


def test_a_folder_that_is_not_a_journal_is_refused(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    anna_path, _ = pair
    stranger = tmp_path / "notes"
    stranger.mkdir()
    (stranger / "readme.txt").write_text("not a journal")
    empty = tmp_path / "empty"
    empty.mkdir()
    before = snapshot(anna_path)
    for folder in (stranger, empty, tmp_path / "missing", stranger / "readme.txt"):
        with pytest.raises(JournalError):
            open_other_journal(folder)
    assert snapshot(anna_path) == before
    assert not (empty / layout.META_FILE).exists()  # never made into a journal
    assert sorted(p.name for p in stranger.iterdir()) == ["readme.txt"]


def test_a_damaged_other_journal_is_refused_before_anything_is_written(
    pair: tuple[Path, Path],
) -> None:
    anna_path, ben_path = pair
    shard = ben_path / layout.ENTRIES_DIR / layout.shard_name(BEN_ONLY)
    shard.write_bytes(b'{"entries": {"x": {"id": "x", "created": "yesterday"}}}')
    before = snapshot(anna_path)
    with pytest.raises(JournalError):
        merge_journal(Journal(anna_path), Journal(ben_path))
    assert snapshot(anna_path) == before


def encrypt_by_hand(root: Path, passphrase: str) -> None:
    """An encrypted journal built with store/crypto.py: the wrapped key in the
    meta file, every data file sealed under its name."""
    from eftertanke.store import crypto, files

    data_key = crypto.new_data_key()
    codec = crypto.EncryptedCodec(root, data_key)
    for path in layout.data_files(root):
        if path.name == layout.META_FILE:
            continue
        path.write_bytes(codec.for_path(path).encode(path.read_bytes()))
    for mirror in root.rglob(f"*{files.MIRROR_SUFFIX}"):
        mirror.unlink()
    meta_path = root / layout.META_FILE
    meta = orjson.loads(meta_path.read_bytes())
    meta["encryption"] = crypto.encryption_section(data_key, passphrase, crypto.KdfParams.fresh(14))
    meta_path.write_bytes(orjson.dumps(meta, option=orjson.OPT_SORT_KEYS))


def test_an_encrypted_journal_with_the_wrong_passphrase_is_refused(pair: tuple[Path, Path]) -> None:
    anna_path, ben_path = pair
    encrypt_by_hand(ben_path, "correct horse battery")
    before, other_before = snapshot(anna_path), snapshot(ben_path)
    with pytest.raises(JournalError, match="passphrase"):
        open_other_journal(ben_path, "wrong passphrase!")
    with pytest.raises(JournalError, match="encrypted"):
        open_other_journal(ben_path)
    assert snapshot(anna_path) == before
    assert snapshot(ben_path) == other_before
    # With the right passphrase the same journal merges.
    report = merge_journal(
        Journal(anna_path), open_other_journal(ben_path, "correct horse battery")
    )
    assert BEN_ONLY in report.added


def test_merge_command_line(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    anna_path, ben_path = pair
    cli = Cli(anna_path)
    out = orjson.loads(cli.ok("merge", str(ben_path), "--json"))
    assert out["added"] == [BEN_ONLY] and len(out["conflicts"]) == 1
    assert "Nothing to merge" in cli.ok("merge", str(ben_path))
    before = snapshot(anna_path)
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    result = cli("merge", str(stranger))
    assert result.returncode == 1
    assert "not an eftertanke journal" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(anna_path) == before
