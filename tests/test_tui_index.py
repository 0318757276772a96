"""The TUI's index of entries (tui/index.py, issue 16): compact rows without the
entries' texts, read a shard at a time, words found through the full-text index,
whole entries read from their shards when shown."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Excerpt, Interview
from eftertanke.services.query import EntryFilter
from eftertanke.store import Journal
from eftertanke.tui.index import JournalIndex, compact

OLD = datetime(2021, 3, 4, 10, 0, tzinfo=UTC)


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role="leder", status="done"))
    return journal


def old_entry(body: str, **fields: object) -> Entry:
    return Entry(kind="memo", body=body, created=OLD, **fields)  # type: ignore[arg-type]


def ids(rows: list) -> list[str]:
    return [r.id for r in rows]


def test_a_row_holds_no_text_but_the_first_line_and_the_entry_opens_whole(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    entry = journal.add_entry(
        old_entry(
            "Første linje.\n\nDernæst skrev jeg om hemmelighedskræmmeri.",
            interview="I01",
            excerpts=[Excerpt("I01", "9.45", "et citat om stilhed", note="en note")],
        )
    )
    index = JournalIndex(journal)
    index.rebuild()
    (row,) = index.rows
    kept = repr(row.doc)
    for word in ("hemmelighedskræmmeri", "citat", "note"):
        assert word not in kept
    assert row.doc["body"] == "Første linje." and row.doc["excerpts"] == [
        {"interview": "I01", "timestamp": "9.45"}
    ]
    shown = index.entry(entry.id)
    assert shown is not None and "hemmelighedskræmmeri" in shown.body
    assert shown.excerpts[0].quote == "et citat om stilhed"
    # the filters still work on the compact rows
    assert ids(index.filter(EntryFilter(interview="i01"))) == [entry.id]
    assert compact(journal.read_shard(next(iter(journal.shard_paths()))).popitem()[1])["id"]


@pytest.mark.parametrize("indexed", [True, False])
def test_words_are_found_in_their_danish_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    journal = make_journal(tmp_path / "j")
    met = journal.add_entry(old_entry("Vi talte længe.\nMødet gik godt til sidst."))
    journal.add_entry(old_entry("Om noget helt andet."))
    if not indexed:
        # The index cannot answer (as for an encrypted journal): the shards are scanned.
        monkeypatch.setenv("EFTERTANKE_NO_SEARCH_INDEX", "1")
    index = JournalIndex(journal)
    index.rebuild()
    assert ids(index.filter(EntryFilter(search="sidst"))) == [met.id]
    assert ids(index.filter(EntryFilter(search="mød"))) == [met.id]
    # "møder" is not in the text: the index's stems find "Mødet"; the scan cannot
    expected = [met.id] if indexed else []
    assert ids(index.filter(EntryFilter(search="møder"))) == expected


def test_the_rows_follow_a_save_a_delete_and_an_outside_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = make_journal(tmp_path / "j")
    first = journal.add_entry(old_entry("Den første."))
    for n in range(40):  # entries in many shards
        journal.add_entry(old_entry(f"Fyld {n}."))
    index = JournalIndex(journal)
    index.rebuild()
    read: list[Path] = []
    real = Journal.read_shard
    monkeypatch.setattr(Journal, "read_shard", lambda self, p: read.append(p) or real(self, p))

    first.body = "Den første, rettet med et nyt ord: kvist."
    journal.update_entry(first)
    index.rebuild()
    assert len(read) == 1  # only the changed shard is read again
    shown = index.entry(first.id)
    assert shown is not None and "kvist" in shown.body
    assert ids(index.filter(EntryFilter(search="kvist"))) == [first.id]

    journal.delete_entry(first.id)
    index.rebuild()
    assert first.id not in ids(index.rows) and first.id in ids(index.deleted)
    assert index.entry(first.id) is None and index.entry(first.id, deleted=True) is not None

    done = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(tmp_path / "j")]
        + ["new", "-m", "Skrevet udefra om granskov."],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    index.rebuild()
    (found,) = index.filter(EntryFilter(search="granskov"))
    assert found.doc["body"] == "Skrevet udefra om granskov." and len(index.rows) == 41


def test_the_rows_written_between_two_moments_are_found_by_bisection(tmp_path: Path) -> None:
    """Home's looking back asks for the rows of a few days: from the first
    moment (included) up to the last (not included), newest first, the trash
    left out, whatever the zone the entries were written in."""
    from datetime import timedelta, timezone

    journal = make_journal(tmp_path / "j")
    plus14 = timezone(timedelta(hours=14))
    start = datetime(2026, 3, 20, tzinfo=UTC)
    made = {}
    for hours in (-1, 0, 5, 23, 24, 30):
        moment = (start + timedelta(hours=hours)).astimezone(plus14 if hours % 2 else UTC)
        made[hours] = journal.add_entry(Entry(kind="memo", body=f"{hours}", created=moment)).id
    journal.delete_entry(made[5])
    index = JournalIndex(journal)
    index.rebuild()
    found = index.written_between(start, start + timedelta(hours=24))
    assert ids(found) == [made[23], made[0]]
    assert ids(index.written_between(start, start)) == []
    assert len(index.written_between(start - timedelta(days=9), start + timedelta(days=9))) == 5
