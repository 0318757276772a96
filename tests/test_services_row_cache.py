"""services/row_cache.py: the app's index rows kept between runs (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftertanke.domain import Entry
from eftertanke.services import row_cache
from eftertanke.store import Journal
from eftertanke.tui.index import JournalIndex


def built(journal: Journal) -> JournalIndex:
    index = JournalIndex(journal)
    index.rebuild()
    return index


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []
    real = Journal.read_shard
    monkeypatch.setattr(Journal, "read_shard", lambda self, p: read.append(p) or real(self, p))
    return read


def test_a_start_takes_the_kept_rows_and_reads_only_changed_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "j")
    for n in range(30):
        journal.add_entry(Entry(kind="memo", body=f"Nummer {n}."))
    first = built(journal)
    path = row_cache.rows_path(journal.root)
    assert path.exists() and row_cache.read(journal) is not None
    read = count_reads(monkeypatch)
    again = built(Journal(tmp_path / "j"))
    assert read == [] and [r.doc for r in again.rows] == [r.doc for r in first.rows]
    added = Journal(tmp_path / "j").add_entry(Entry(kind="memo", body="En ny."))
    third = built(Journal(tmp_path / "j"))
    assert len(read) == 1 and third.rows[0].id == added.id and len(third.rows) == 31


@pytest.mark.parametrize("damage", [None, b"not json{", b'{"format": "eftertanke-rows"}'])
def test_a_missing_or_damaged_file_is_rebuilt_from_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | None
) -> None:
    journal = Journal(tmp_path / "j")
    entry = journal.add_entry(Entry(kind="memo", body="Kun én."))
    built(journal)
    path = row_cache.rows_path(journal.root)
    if damage is None:
        path.unlink()
    else:
        path.write_bytes(damage)
    assert row_cache.read(journal) is None
    read = count_reads(monkeypatch)
    index = built(Journal(tmp_path / "j"))
    assert read and [r.id for r in index.rows] == [entry.id]
    assert row_cache.read(journal) is not None  # written anew


def test_kept_rows_of_a_damaged_shape_are_not_trusted(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    entry = journal.add_entry(Entry(kind="memo", body="Kun én."))
    built(journal)
    data = row_cache.read(journal)
    assert data is not None
    name = next(iter(data["shards"]))
    data["shards"][name]["rows"] = [{"id": entry.id}]  # no "created"
    row_cache.write(journal, data["names"], data["shards"])
    index = built(Journal(tmp_path / "j"))
    assert [r.id for r in index.rows] == [entry.id]


def test_forget_deletes_the_kept_rows(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(kind="memo", body="Kun én."))
    built(journal)
    row_cache.forget(journal)
    row_cache.forget(journal)  # twice: nothing to delete is fine
    assert not row_cache.rows_path(journal.root).exists()
    assert row_cache.read(journal) is None


def test_an_encrypted_journal_keeps_no_rows_and_is_searched_by_scanning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eftertanke.services.query import EntryFilter
    from eftertanke.store import crypto, reencrypt

    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)
    journal = Journal(tmp_path / "j")
    entry = journal.add_entry(Entry(kind="memo", body="Første linje.\nHemmelig granskov."))
    reencrypt.encrypt_journal(journal, "hemmeligt kodeord")
    locked = Journal(tmp_path / "j", passphrase="hemmeligt kodeord")
    index = built(locked)
    assert not row_cache.rows_path(locked.root).exists() and row_cache.read(locked) is None
    assert [r.id for r in index.filter(EntryFilter(search="granskov"))] == [entry.id]


def test_the_rows_are_kept_a_line_a_shard(tmp_path: Path) -> None:
    """Each shard's rows are parsed alone at a start (the app's worker then
    lets Home draw between them), and a torn last line means no cache."""
    journal = Journal(tmp_path / "j")
    for n in range(40):
        journal.add_entry(Entry(kind="memo", body=f"Nummer {n}."))
    built(journal)
    path = row_cache.rows_path(journal.root)
    lines = path.read_bytes().splitlines()
    assert len(lines) == 1 + len(journal.shard_paths())
    assert len(row_cache.read(journal)["shards"]) == len(journal.shard_paths())
    path.write_bytes(path.read_bytes()[:-20])
    assert row_cache.read(journal) is None
