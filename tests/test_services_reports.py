"""Direct tests of services/reports.py: the documents one screen exports."""

from __future__ import annotations

from pathlib import Path

from eftertanke.domain import Entry, Excerpt, Interview, Theme
from eftertanke.services.reports import interview_appendix_of, theme_digest_of
from eftertanke.store.journal import Journal


def journal_with_a_quote(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    journal.add_interview(Interview("I03", role="leder"))
    journal.add_theme(Theme("Tavshed", "safety"))
    journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            body="Om mødet.",
            themes=["Tavshed"],
            excerpts=[
                Excerpt(
                    quote="Vi sagde ingenting",
                    interview="I03",
                    timestamp="9.45",
                    themes=["Tavshed"],
                )
            ],
        )
    )
    return journal


def test_theme_digest_of_holds_the_theme_s_excerpts_and_entries(journal_dir: Path) -> None:
    journal = journal_with_a_quote(journal_dir)
    text, entries = theme_digest_of(journal, "Tavshed", "da")
    assert "Tavshed" in text and "Vi sagde ingenting" in text
    assert [e.interview for e in entries] == ["I03"]


def test_interview_appendix_of_holds_the_interview_s_reflection(journal_dir: Path) -> None:
    journal = journal_with_a_quote(journal_dir)
    text, entries = interview_appendix_of(journal, journal.get_interview("I03"), "en")
    assert "I03" in text and "Vi sagde ingenting" in text
    assert len(entries) == 1
