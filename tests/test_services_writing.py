"""Direct tests of services/writing.py: the order that keeps text safe
(validate, save, move the interview on, and only then discard the draft)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Interview, Theme, ValidationError, now
from eftertanke.services import writing
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal


def spy(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the order of the journal calls the use case makes."""
    calls: list[str] = []
    for name in ("add_entry", "update_interview", "discard_draft"):
        real = getattr(journal, name)

        def recorded(*args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(journal, name, recorded)
    return calls


def test_minutes_after_counts_from_the_interview_end(tmp_path: Path) -> None:
    began = now() - timedelta(minutes=125, seconds=30)
    entry = Entry(kind="interview", body="x")
    done = Interview("I01", role="r", date=began, duration_minutes=30)
    assert writing.minutes_after(entry, done) == 95
    assert writing.minutes_after(entry, Interview("I01", role="r")) is None
    later = Interview("I01", role="r", date=now() + timedelta(hours=1), duration_minutes=30)
    assert writing.minutes_after(entry, later) is None  # written "before" it ended: unknown


def test_check_fields_refuses_a_bad_rating_before_any_text_is_written() -> None:
    writing.check_fields(Entry(kind="daily", ratings={"energy": 3}))  # no text yet is fine
    bad = Entry(kind="daily", ratings={"energy": 99})
    with pytest.raises(ValidationError):
        writing.check_fields(bad)
    assert bad.body == ""  # the probe is a copy: the entry is untouched


def test_write_entry_saves_then_moves_the_interview_then_discards_the_draft(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(journal_dir, author="tester")
    interview = journal.add_interview(
        Interview(
            "I02",
            role="leder",
            status="done",
            date=now() - timedelta(minutes=60),
            duration_minutes=30,
        )
    )
    journal.save_draft("d1", {"answers": {"p": "tekst"}})
    calls = spy(journal, monkeypatch)
    entry = writing.write_entry(
        journal, Entry(kind="interview", body="Refleksion"), interview=interview, draft_id="d1"
    )
    assert calls == ["add_entry", "update_interview", "discard_draft"]
    stored = Journal(journal_dir).get_entry(entry.id)
    assert stored.interview == "I02" and stored.written_after_minutes in (29, 30)
    assert Journal(journal_dir).get_interview("I02").status == "reflected"
    assert journal.drafts() == []


def test_write_entry_keeps_the_draft_when_the_save_fails(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.save_draft("d1", {"answers": {"p": "tekst"}})

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(journal, "add_entry", full_disk)
    with pytest.raises(OSError):
        writing.write_entry(journal, Entry(body="tekst"), draft_id="d1")
    assert [d["draft_id"] for d in journal.drafts()] == ["d1"]


def test_write_entry_validates_before_anything_is_written(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.save_draft("d1", {"answers": {}})
    calls = spy(journal, monkeypatch)
    with pytest.raises(ValidationError):
        writing.write_entry(journal, Entry(kind="nonsense", body="x"), draft_id="d1")
    assert calls == [] and len(journal.drafts()) == 1


def test_write_entry_leaves_a_reflected_interview_as_it_is(journal_dir: Path) -> None:
    journal = Journal(journal_dir, author="tester")
    interview = journal.add_interview(Interview("I02", role="leder", status="transcribed"))
    writing.write_entry(journal, Entry(kind="interview", body="x"), interview=interview)
    assert journal.get_interview("I02").status == "transcribed"
    writing.write_entry(
        journal, Entry(kind="memo", body="x"), interview=journal.get_interview("I02")
    )
    assert journal.get_interview("I02").revision == interview.revision


def test_write_new_entry_adds_its_new_themes_and_discards_the_draft_last(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.add_theme(Theme("Tavshed", "safety"))
    journal.add_interview(Interview("I01", role="leder", status="done"))
    journal.save_draft("d1", {"answers": {}})
    calls = spy(journal, monkeypatch)
    entry = writing.write_new_entry(
        journal,
        Entry(kind="interview", body="x", interview="I01", themes=["tavshed", "Ny"]),
        new_themes={"Ny": "drive"},
        draft_id="d1",
    )
    assert calls[-1] == "discard_draft" and calls.index("add_entry") < calls.index("discard_draft")
    assert Journal(journal_dir).get_entry(entry.id).themes == ["Tavshed", "Ny"]
    assert journal.get_theme("Ny").concept == "drive"
    assert journal.get_interview("I01").status == "reflected"


def test_a_refused_new_entry_takes_its_new_themes_back_and_keeps_the_draft(
    journal_dir: Path,
) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.save_draft("d1", {"answers": {}})
    with pytest.raises(NotFoundError):  # the interview does not exist
        writing.write_new_entry(
            journal,
            Entry(kind="interview", body="x", interview="I99", themes=["Ny"]),
            new_themes={"Ny": "drive"},
            draft_id="d1",
        )
    assert journal.themes() == [] and journal.entries() == []
    assert len(journal.drafts()) == 1


def test_save_new_entry_writes_without_a_draft(journal_dir: Path) -> None:
    journal = Journal(journal_dir, author="tester")
    journal.save_draft("other", {"answers": {}})
    entry = writing.save_new_entry(journal, Entry(body="kort"))
    assert Journal(journal_dir).get_entry(entry.id).body == "kort"
    assert len(journal.drafts()) == 1
