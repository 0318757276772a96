"""Direct tests of services/themes.py: the starter codebook, and themes named
while writing: made in the same save as the entry, taken back when it fails."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Excerpt, Interview, Theme, ValidationError
from eftertanke.packs import starter_themes
from eftertanke.services import themes
from eftertanke.store.errors import RevisionConflictError
from eftertanke.store.journal import Journal


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    journal.add_interview(Interview("I01", role="leder"))
    journal.add_theme(Theme("Tavshed", "safety"))
    return journal


def names(journal: Journal) -> list[str]:
    return sorted(t.name for t in journal.themes())


def test_adopting_the_starter_codebook_twice_adds_nothing_the_second_time(
    journal: Journal,
) -> None:
    first_starter = starter_themes("da")[0]
    journal.add_theme(Theme(first_starter.name.upper(), "drive"))
    adopted = themes.adopt_starter_codebook(journal, "da", reason="start")
    total = len(starter_themes("da"))
    assert adopted == themes.StarterAdopted(added=total - 1, skipped=1)
    assert len(journal.themes()) == total + 1  # plus "Tavshed"
    assert themes.adopt_starter_codebook(journal, "da") == themes.StarterAdopted(0, total)


def test_new_theme_names_lists_what_the_codebook_lacks_with_a_likely_concept(
    journal: Journal,
) -> None:
    starter = starter_themes("da")[0]
    entry = Entry(body="x", themes=["tavshed", "Egen", starter.name.lower(), "egen"],
                  concepts=["wellbeing"])  # fmt: skip
    assert themes.new_theme_names(journal, entry) == [
        ("Egen", "wellbeing"),  # the entry's one concept
        (starter.name.lower(), starter.concept),  # the starter codebook's
    ]
    two = Entry(body="x", themes=["Egen"], concepts=["wellbeing", "drive"])
    assert themes.new_theme_names(journal, two) == [("Egen", None)]


def test_create_themes_skips_those_there_already(journal: Journal) -> None:
    made = themes.create_themes(journal, {"TAVSHED": "drive", "Ny": "drive"})
    assert [t.name for t in made] == ["Ny"]
    assert journal.get_theme("Tavshed").concept == "safety"


def test_forget_themes_removes_only_those_made(journal: Journal) -> None:
    made = themes.create_themes(journal, {"Ny": "drive", "Nyere": "safety"})
    themes.forget_themes(journal, made)
    assert names(journal) == ["Tavshed"]
    themes.forget_themes(journal, made)  # gone already: no error to hide the real one


def test_respell_themes_uses_the_codebook_spelling_everywhere(journal: Journal) -> None:
    entry = Entry(
        body="x",
        themes=["tavshed", "TAVSHED", "Ukendt"],
        excerpts=[Excerpt(interview="I01", timestamp="9.45", quote="q", themes=["tavSHED"])],
    )
    themes.respell_themes(journal, entry)
    assert entry.themes == ["Tavshed", "Ukendt"]
    assert entry.excerpts[0].themes == ["Tavshed"]


def test_adopt_themes_adds_then_respells(journal: Journal) -> None:
    entry = Entry(body="x", themes=["ny", "tavshed"])
    made = themes.adopt_themes(journal, entry, {"Ny": "drive"})
    assert [t.name for t in made] == ["Ny"]
    assert entry.themes == ["Ny", "Tavshed"]


def test_with_new_themes_takes_them_back_when_the_save_fails(journal: Journal) -> None:
    def failing() -> None:
        assert "Ny" in names(journal)  # made before the save runs
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        themes.with_new_themes(journal, {"Ny": "drive"}, failing)
    assert names(journal) == ["Tavshed"]
    assert themes.with_new_themes(journal, {"Ny": "drive"}, lambda: 42) == 42
    assert names(journal) == ["Ny", "Tavshed"]
    assert themes.with_new_themes(journal, None, lambda: "ok") == "ok"


def test_add_rename_and_merge_a_theme_through_the_codebook_s_use_cases(journal: Journal) -> None:
    assert themes.add_theme(journal, Theme("Ansvar", "drive")).name == "Ansvar"
    with pytest.raises(ValidationError):
        themes.add_theme(journal, Theme("ansvar", "drive"))
    assert themes.rename_theme(journal, "Ansvar", "Ansvar", reason="").name == "Ansvar"
    renamed = themes.rename_theme(journal, "Ansvar", "Ejerskab", reason="klarere")
    assert renamed.name == "Ejerskab"
    assert names(journal) == ["Ejerskab", "Tavshed"]
    target = themes.merge_theme(journal, "Ejerskab", "Tavshed", reason="samme")
    assert target.name == "Tavshed"
    assert names(journal) == ["Tavshed"]


def test_move_theme_takes_its_sub_themes_to_the_new_concept(journal: Journal) -> None:
    journal.add_theme(Theme("Stilhed", "safety", parent="Tavshed"))
    journal.add_theme(Theme("Pauser", "safety", parent="Stilhed"))
    opened = journal.get_theme("Tavshed")
    moved = themes.move_theme(
        journal, replace(opened, concept="drive"), expected_revision=opened.revision, reason="ny"
    )
    assert moved.concept == "drive"
    assert {t.name: t.concept for t in journal.themes()} == {
        "Tavshed": "drive",
        "Stilhed": "drive",
        "Pauser": "drive",
    }
    with pytest.raises(RevisionConflictError):
        themes.move_theme(
            journal, replace(opened, concept="safety"), expected_revision=opened.revision
        )
