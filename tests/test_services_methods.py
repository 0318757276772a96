"""Direct tests of services/methods.py: what the methods appendix reads from the
journal (the trash left out), and the appendix made from it."""

from __future__ import annotations

from pathlib import Path

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.services.methods import methods_markdown, methods_sources
from eftertanke.store.journal import Journal


def journal_with_trash(journal_dir: Path) -> tuple[Journal, Entry, Entry]:
    journal = Journal(journal_dir, author="mette")
    journal.add_interview(Interview("I01", role="leder"))
    journal.add_theme(Theme("Tavshed", "safety"), reason="fra første interview")
    kept = journal.add_entry(Entry(kind="interview", interview="I01", body="Refleksion"))
    gone = journal.add_entry(Entry(body="Smidt ud"))
    journal.delete_entry(gone.id)
    return journal, kept, gone


def test_methods_sources_are_the_live_journal_or_the_copies_given(journal_dir: Path) -> None:
    journal, kept, _gone = journal_with_trash(journal_dir)
    sources = methods_sources(journal, "da")
    assert [e.id for e in sources.entries] == [kept.id]
    assert [i.code for i in sources.interviews] == ["I01"]
    assert [t.name for t in sources.themes] == ["Tavshed"]
    assert [event.kind for event in sources.log] == ["added"]
    assert "daily" in sources.packs
    assert sources.style.transcript(Interview("I01", appendix="3"), "9.45") == "(Bilag nr. 3, 9.45)"
    redacted = [Entry(body="R01 sagde noget")]
    given = methods_sources(journal, "en", entries=redacted, interviews=[])
    assert given.entries == redacted and given.interviews == []


def test_methods_markdown_is_the_appendix_and_the_entries_it_drew_on(journal_dir: Path) -> None:
    journal, kept, _gone = journal_with_trash(journal_dir)
    text, entries = methods_markdown(journal, "en")
    assert text.startswith("---\n") and "# Methods appendix" in text and 'language: "en"' in text
    assert [e.id for e in entries] == [kept.id]
    danish, _ = methods_markdown(journal, "da")
    assert 'language: "da"' in danish and danish != text
