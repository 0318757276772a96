"""Direct tests of services/draft_keeper.py: a draft once let go stays gone,
and the record holding its text is saved before the draft goes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Section
from eftertanke.services.draft_keeper import DraftKeeper, discard_draft
from eftertanke.store.journal import Journal


def make_journal(root: Path) -> Journal:
    return Journal(root)


def test_a_write_is_stored_until_the_draft_is_discarded(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    keeper = DraftKeeper("d1")
    assert not keeper.on_disk
    assert keeper.write(journal, {"answers": ["Først"]}) is True
    assert keeper.on_disk
    assert [d["answers"] for d in journal.drafts()] == [["Først"]]
    keeper.discard(journal)
    assert keeper.closed and journal.drafts() == []
    # A late write (a timer tick's worker that lost the race) brings nothing back.
    assert keeper.write(journal, {"answers": ["Sent"]}) is False
    assert journal.drafts() == []


def test_a_discard_removes_a_resumed_draft_and_skips_the_disk_when_none_was_kept(
    tmp_path: Path,
) -> None:
    journal = make_journal(tmp_path / "j")
    journal.save_draft("kept", {"answers": ["Fra i går"]})
    DraftKeeper("kept", on_disk=True).discard(journal)
    assert journal.drafts() == []
    journal.save_draft("other", {"answers": ["Andet"]})
    DraftKeeper("other").discard(journal)  # this keeper never wrote it: left alone
    assert [d["draft_id"] for d in journal.drafts()] == ["other"]


def test_close_stops_later_writes_without_touching_the_disk(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    keeper = DraftKeeper("d1")
    keeper.write(journal, {"answers": ["Først"]})
    keeper.close()
    assert keeper.closed
    assert keeper.write(journal, {"answers": ["Sent"]}) is False
    assert [d["answers"] for d in journal.drafts()] == [["Først"]]
    keeper.discard(journal)  # what it wrote before closing is still removed
    assert journal.drafts() == []


def test_saving_holds_writes_off_and_lets_the_draft_go_once_the_save_is_done(
    tmp_path: Path,
) -> None:
    journal = make_journal(tmp_path / "j")
    keeper = DraftKeeper("d1")
    keeper.write(journal, {"answers": ["Et memo"]})
    results: list[bool] = []
    with keeper.saving():
        # A draft write from another thread waits for the save to finish.
        late = threading.Thread(target=lambda: results.append(keeper.write(journal, {"x": 1})))
        late.start()
        journal.add_entry(Entry(body="", sections=[Section("p", "Q", "Et memo")]))
        journal.discard_draft("d1")
        assert not keeper.closed
    late.join()
    assert keeper.closed and results == [False]
    assert len(journal.entries()) == 1 and journal.drafts() == []


def test_a_save_that_fails_leaves_the_draft_open(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    keeper = DraftKeeper("d1")
    with pytest.raises(OSError), keeper.saving():
        raise OSError("disk full")
    assert not keeper.closed
    assert keeper.write(journal, {"answers": ["Stadig her"]}) is True
    assert [d["answers"] for d in journal.drafts()] == [["Stadig her"]]


def test_discard_draft_removes_one_stored_draft(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    journal.save_draft("a", {"answers": []})
    journal.save_draft("b", {"answers": []})
    discard_draft(journal, "a")
    discard_draft(journal, "missing")  # no error
    assert [d["draft_id"] for d in journal.drafts()] == ["b"]
