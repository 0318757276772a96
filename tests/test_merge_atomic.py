"""Merging another journal is all-or-nothing (issue 11: journal-wide changes).

A merge writes the interviews, the codebook and many shards. Cut off
part-way (a full disk, a kill), the journal must come back as it was before
the merge, never half merged; a process that had the journal open before the
crash must not build its next save on the half-merged files either.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Theme
from eftertanke.services.merge import merge_journal
from eftertanke.store import batch, intent
from eftertanke.store.journal import Journal


def _stored_view(root: Path) -> dict[str, object]:
    """What a reader sees: every entry's text and themes, the codebook's names."""
    journal = Journal(root, create=False)
    entries = {e.id: (e.title, e.body, tuple(sorted(e.themes))) for e in journal.entries(True)}
    return {"entries": entries, "themes": sorted(t.name for t in journal.themes())}


@pytest.fixture
def two_journals(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    ours = Journal(tmp_path / "ours")
    ours.add_theme(Theme(name="Tavshed", concept="safety"))
    for n in range(20):
        ours.add_entry(
            Entry(kind="memo", title=f"ours {n}", body=f"vores tekst {n}", themes=["Tavshed"])
        )
    theirs = Journal(tmp_path / "theirs")
    theirs.add_theme(Theme(name="Fremmed", concept="wellbeing"))
    added = []
    for n in range(40):
        entry = Entry(kind="memo", title=f"theirs {n}", body=f"deres tekst {n}", themes=["Fremmed"])
        theirs.add_entry(entry)
        added.append(entry.id)
    return ours.root, theirs.root, added


def test_a_merge_failing_part_way_leaves_the_journal_as_it_was(
    two_journals: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs, _ = two_journals
    before = _stored_view(ours)
    real = Journal.replace_table
    calls = {"n": 0}

    def fail_on_the_fifth(self: Journal, path: Path, table: str, rows: dict) -> bool:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real(self, path, table, rows)

    monkeypatch.setattr(Journal, "replace_table", fail_on_the_fifth)
    with pytest.raises(OSError):
        merge_journal(Journal(ours), Journal(theirs))
    monkeypatch.undo()
    assert calls["n"] == 5  # four files had been written when the disk filled
    assert _stored_view(ours) == before
    assert not intent.intent_path(ours).exists()
    merge_journal(Journal(ours), Journal(theirs))  # and it can be run again
    assert "Fremmed" in _stored_view(ours)["themes"]


def _crash_part_way(
    ours: Path, theirs: Path, monkeypatch: pytest.MonkeyPatch, after: int | None
) -> None:
    """Leave the journal as a SIGKILL would: ``after`` files written (None: all of
    them, killed just before the intent record was removed), the intent kept."""
    real = Journal.replace_table
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    def die(self: Journal, path: Path, table: str, rows: dict) -> bool:
        calls["n"] += 1
        if after is not None and calls["n"] > after:
            raise Killed
        return real(self, path, table, rows)

    def no_recovery(journal: Journal, payload: dict) -> str:
        raise RuntimeError("the process is dead: nothing runs")

    monkeypatch.setattr(Journal, "replace_table", die)
    monkeypatch.setitem(intent._RECOVERIES, batch.OPERATION, no_recovery)
    if after is None:
        monkeypatch.setattr(intent, "_clear", lambda root: (_ for _ in ()).throw(Killed()))
    with pytest.raises(Killed):
        merge_journal(Journal(ours), Journal(theirs))
    monkeypatch.undo()
    assert intent.intent_path(ours).exists()


def test_a_merge_killed_part_way_is_undone_by_the_next_open(
    two_journals: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs, added = two_journals
    before = _stored_view(ours)
    _crash_part_way(ours, theirs, monkeypatch, after=6)
    journal = Journal(ours)
    assert journal.recovered and "put back" in journal.recovered
    assert not intent.intent_path(ours).exists()
    assert _stored_view(ours) == before
    assert not set(added) & {e.id for e in journal.entries(True)}


def test_a_process_open_before_the_crash_undoes_it_before_its_own_save(
    two_journals: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs, added = two_journals
    long_running = Journal(ours)  # the app, opened before the merge
    before = _stored_view(ours)
    _crash_part_way(ours, theirs, monkeypatch, after=6)
    mine = long_running.add_entry(Entry(kind="memo", body="skrevet i appen", themes=["Tavshed"]))
    after = _stored_view(ours)
    assert after["entries"].pop(mine.id) == ("", "skrevet i appen", ("Tavshed",))
    assert after == before
    assert not intent.intent_path(ours).exists()


def test_a_record_saved_again_after_the_crash_is_kept_by_the_undo(
    two_journals: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older eftertanke (no recovery before writes) may save over a merged
    record before anyone recovers: that acknowledged save must survive the undo."""
    ours, theirs, added = two_journals
    _crash_part_way(ours, theirs, monkeypatch, after=None)
    # Take the record away while the old version saves, as if it never looked.
    path = intent.intent_path(ours)
    record = path.read_bytes()
    path.unlink()
    journal = Journal(ours)
    arrived = journal.get_entry(added[0])
    arrived.body = "rettet bagefter"
    journal.update_entry(arrived)
    path.write_bytes(record)
    reopened = Journal(ours)
    assert "kept" in (reopened.recovered or "")
    ids = {e.id for e in reopened.entries(True)}
    assert added[0] in ids and reopened.get_entry(added[0]).body == "rettet bagefter"
    assert not set(added[1:]) & ids


def test_a_merge_of_transcripts_killed_part_way_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Transcript shards are part of the one operation: killed after the
    transcripts were written but before the entries, nothing stays merged."""
    from eftertanke.domain import Interview
    from eftertanke.services import coding as codings
    from eftertanke.transcript import Transcript, Turn

    ours = Journal(tmp_path / "ours", author="mette")
    ours.add_theme(Theme(name="Tavshed", concept="safety"))
    ours.add_interview(Interview("I01", role="leder"))
    made = ours.transcripts.add(
        Transcript(
            "I01", [Turn("Mette", "Og i netværket?", 60.0), Turn("Leder", "Der tier jeg.", 65.0)]
        )
    )
    shutil.copytree(ours.root, tmp_path / "theirs")
    theirs = Journal(tmp_path / "theirs", author="jonas")
    codings.code_phrase(theirs, codings.TRANSCRIPT, made.id, "tier jeg", ["Tavshed"])
    for n in range(5):
        theirs.add_entry(Entry(kind="memo", body=f"deres tekst {n}"))
    # Interviews and themes are unchanged: the transcript shard is the first file written.
    _crash_part_way(ours.root, theirs.root, monkeypatch, after=1)
    journal = Journal(ours.root)
    assert journal.recovered and "put back" in journal.recovered
    assert journal.transcripts.get(made.id).codings == []
    assert [e.body for e in journal.entries()] == []
    merge_journal(journal, Journal(theirs.root))
    assert [c.quote for c in journal.transcripts.get(made.id).codings] == ["tier jeg"]
