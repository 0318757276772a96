"""Exports of a large journal stream: one shard's entries at a time, bytes as
they go, in memory that stays flat as the journal grows (issue 16).

Memory is measured with tracemalloc, not timed: the peak of an export of
2,000 entries is compared with one of 200 (holding every entry would make it
about ten times as large)."""

from __future__ import annotations

import contextlib
import os
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from eftertanke.cli import cli as cli_group
from eftertanke.cli.render import json_text
from eftertanke.domain import Entry, Excerpt, Interview, Theme
from eftertanke.export.tables import excerpts_csv, json_export, ratings_csv
from eftertanke.store import layout
from eftertanke.store.journal import Journal

CPH = ZoneInfo("Europe/Copenhagen")
START = datetime(2024, 1, 1, 9, 0, tzinfo=CPH)
WORDS = "tryghed tavshed samtale rum interview refleksion mønster ".split()


def _journal(root: Path, n: int) -> Journal:
    journal = Journal(root)
    journal.add_interview(Interview(code="I01"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    batch = []
    for i in range(n):
        body = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(300))
        created = START + timedelta(hours=i * 7 % 5000, minutes=i)
        batch.append(
            Entry(
                kind="interview" if i % 3 == 0 else "daily",
                title=f"Entry {i}",
                body=body,
                created=created,
                updated=created,
                interview="I01" if i % 3 == 0 else None,
                themes=["Farlig tavshed"] if i % 2 else [],
                ratings={"energy": 1 + i % 5} if i % 4 else {},
                excerpts=[Excerpt("I01", "1.02", f"citat {i}", themes=["Farlig tavshed"])]
                if i % 3 == 0
                else [],
            ).validate()
        )
    journal.add_entries(batch)
    return journal


def _export(root: Path, *args: str) -> None:
    result = CliRunner().invoke(cli_group, ["--journal", str(root), "export", *args])
    assert result.exit_code == 0, result.output


def _peak(root: Path, *args: str) -> int:
    tracemalloc.start()
    try:
        _export(root, *args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_without_keeping_holds_one_shard_at_a_time(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j", 300)
    reader = Journal(journal.root)
    entries_dir = reader.root / layout.ENTRIES_DIR
    held = []
    seen = 0
    for _doc in reader.raw_entries(keep=False):
        seen += 1
        held.append(sum(1 for p in reader._cache if p.parent == entries_dir))
    assert seen == 300
    assert max(held) <= 1
    assert not any(p.parent == entries_dir for p in reader._cache)


def test_streamed_json_is_the_same_bytes(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j", 120)
    out = tmp_path / "all.json"
    _export(journal.root, "json", "-o", str(out))
    expected = json_export(
        journal.entries(), journal.interviews(), journal.themes(), journal.transcripts.all()
    )
    assert out.read_bytes() == expected


def test_filtered_streamed_json_is_the_same_bytes(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j", 60)
    out = tmp_path / "some.json"
    _export(journal.root, "json", "--kind", "interview", "-o", str(out))
    chosen = [e for e in journal.entries() if e.kind == "interview"]
    expected = json_export(chosen, journal.interviews(), journal.themes(), [])
    assert out.read_bytes() == expected


def test_empty_streamed_json_is_the_same_bytes(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    out = tmp_path / "none.json"
    _export(journal.root, "json", "-o", str(out))
    assert out.read_bytes() == json_export([], [], [], [])


def _assert_flat(low: int, high: int) -> None:
    """Each of the 1,800 more entries (each ~2.4 kB of text, ~20 kB held as
    objects) may add less than 2 kB to the peak: the spool's key and a shard's
    share, never the entry itself."""
    assert (high - low) / 1800 < 2000, (low, high)


def _flat(tmp_path: Path, name: str, *args: str) -> None:
    small = _journal(tmp_path / "small", 200).root
    large = _journal(tmp_path / "large", 2000).root
    _peak(small, *args, "-o", str(tmp_path / f"warm-{name}"))  # imports and caches first
    low = _peak(small, *args, "--force", "-o", str(tmp_path / f"warm-{name}"))
    high = _peak(large, *args, "-o", str(tmp_path / f"large-{name}"))
    _assert_flat(low, high)


def test_json_export_memory_is_flat(tmp_path: Path) -> None:
    _flat(tmp_path, "x.json", "json")


def test_streamed_csv_is_the_same_bytes(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j", 90)
    for table in ("ratings", "excerpts"):
        for excel in ((), ("--excel",)):
            out = tmp_path / f"{table}{len(excel)}.csv"
            _export(journal.root, "csv", "--table", table, *excel, "-o", str(out))
            if table == "ratings":
                expected = ratings_csv(journal.entries(), excel=bool(excel))
            else:
                expected = excerpts_csv(journal.entries(), journal.themes(), excel=bool(excel))
            assert out.read_bytes() == expected, (table, excel)


def test_csv_export_memory_is_flat(tmp_path: Path) -> None:
    _flat(tmp_path, "x.csv", "csv", "--table", "excerpts")


def _list(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli_group, ["--journal", str(root), "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_streamed_list_json_is_the_same_text(tmp_path: Path) -> None:
    journal = _journal(tmp_path / "j", 80)
    entries = journal.entries()
    assert _list(journal.root) == json_text([e.to_dict() for e in entries]) + "\n"
    assert _list(journal.root, "-n", "5") == json_text([e.to_dict() for e in entries[-5:]]) + "\n"
    assert _list(journal.root, "-n", "0") == "[]\n"
    daily = [e.to_dict() for e in entries if e.kind == "daily"]
    assert _list(journal.root, "--kind", "daily") == json_text(daily) + "\n"


def test_list_json_memory_is_flat(tmp_path: Path) -> None:
    small = _journal(tmp_path / "small", 200).root
    large = _journal(tmp_path / "large", 2000).root
    _list(small)

    def peak(root: Path) -> int:
        # Printed to a file, as to a terminal (the test runner would keep it all).
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            tracemalloc.start()
            try:
                cli_group.main(["--journal", str(root), "list", "--json"], standalone_mode=False)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    low, high = peak(small), peak(large)
    _assert_flat(low, high)


def test_markdown_folder_memory_is_flat(tmp_path: Path) -> None:
    _flat(tmp_path, "folder", "markdown")


def test_markdown_one_file_memory_is_flat(tmp_path: Path) -> None:
    _flat(tmp_path, "x.md", "markdown", "--one-file")


def test_refi_export_memory_is_flat(tmp_path: Path) -> None:
    _flat(tmp_path, "x.qdpx", "refi")
