"""The codebook's change log: one record per change, in the same write; merges unite it."""

from __future__ import annotations

from eftertanke.domain import Theme
from eftertanke.services.merge import merge_file_data, merge_journal
from eftertanke.services.theme_delete import delete_theme
from eftertanke.store.journal import Journal


def _log(journal: Journal) -> list[tuple[str, str | None, str | None, str]]:
    return [(c.action, c.name_before, c.name_after, c.reason) for c in journal.codebook_log()]


def test_every_kind_of_change_leaves_one_record(tmp_path) -> None:
    journal = Journal(tmp_path / "j", author="mette")
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    journal.rename_theme("Tavshed", "Farlig tavshed", reason="for bred")
    theme = journal.get_theme("Farlig tavshed")
    theme.concept = "frames"
    journal.update_theme(theme, reason="flyttet")
    theme = journal.get_theme("Farlig tavshed")
    theme.description = "at tie"
    journal.update_theme(theme)
    journal.add_theme(Theme(name="X", concept="drive"))
    journal.merge_themes("X", "Farlig tavshed")
    delete_theme(journal, "Farlig tavshed", reason="væk")
    assert _log(journal) == [
        ("added", None, "Tavshed", ""),
        ("renamed", "Tavshed", "Farlig tavshed", "for bred"),
        ("moved", "Farlig tavshed", "Farlig tavshed", "flyttet"),
        ("described", "Farlig tavshed", "Farlig tavshed", ""),
        ("added", None, "X", ""),
        ("merged", "X", "Farlig tavshed", ""),
        ("deleted", "Farlig tavshed", None, "væk"),
    ]
    assert all(c.by == "mette" for c in journal.codebook_log())


def test_merge_unions_the_logs(tmp_path) -> None:
    ours = Journal(tmp_path / "a")
    theirs = Journal(tmp_path / "b")
    ours.add_theme(Theme(name="A", concept="drive"))
    theirs.add_theme(Theme(name="B", concept="drive"))
    merge_journal(ours, theirs)
    assert sorted(n for _, _, n, _ in _log(ours)) == ["A", "B"]
    three = merge_file_data(
        {}, {"codebook_log": {"1": {"x": 1}}}, {"codebook_log": {"2": {"y": 2}}}
    )
    assert set(three["codebook_log"]) == {"1", "2"}
