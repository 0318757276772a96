"""Direct tests of services/query.py: the filters every list, search and export
shares, on stored dicts."""

from __future__ import annotations

from datetime import UTC, datetime

from eftertanke.domain import Coding, Entry, Excerpt, Section
from eftertanke.services.query import (
    EntryFilter,
    doc_themes,
    matches,
    searchable_parts,
    searchable_text,
    select,
    select_rows,
)


def doc(**fields: object) -> dict[str, object]:
    return Entry(**fields).to_dict()  # type: ignore[arg-type]


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 12, tzinfo=UTC)


def test_searchable_text_holds_every_text_and_theme_casefolded() -> None:
    answer = "Svaret om Tryghed"
    entry = Entry(
        title="Titlen",
        body="Kroppen",
        sections=[Section("p", "Spørgsmål", answer)],
        excerpts=[Excerpt(interview="I01", timestamp="9.45", quote="Citatet", note="Noten")],
        themes=["Helhed"],
    )
    entry.codings.append(Coding.of(answer, 0, 6, ["Passage"], source="section", section="p",
                                   memo="Memoet"))  # fmt: skip
    text = searchable_text(entry.to_dict())
    for word in ("titlen", "kroppen", "svaret", "citatet", "noten", "memoet", "helhed", "passage"):
        assert word in text
    assert "spørgsmål" not in text  # the question is the pack's, not the person's words
    parts = searchable_parts(entry.to_dict())
    assert parts[:2] == ["Kroppen", answer]  # what was written first: a snippet comes from it
    assert parts.index("Titlen") > parts.index("Memoet") and parts[-2:] == ["Helhed", "Passage"]


def test_doc_themes_are_every_theme_the_entry_uses() -> None:
    entry = Entry(body="a b", themes=["Helhed"],
                  excerpts=[Excerpt(interview="I01", timestamp="9.45", quote="q", themes=["Citat"])])  # fmt: skip
    entry.codings.append(Coding.of("a b", 0, 1, ["Passage"]))
    assert doc_themes(entry.to_dict()) == {"helhed", "citat", "passage"}


def test_matches_checks_each_field_of_the_filter() -> None:
    d = doc(kind="interview", body="Om tavshed", interview="I03", author="Mette",
            themes=["Tavshed"], created=at(10))  # fmt: skip
    assert matches(d, EntryFilter())
    assert matches(d, EntryFilter(kinds=("interview",), interview="i03", author="mette"))
    assert not matches(d, EntryFilter(kinds=("memo",)))
    assert not matches(d, EntryFilter(interview="I04"))
    assert not matches(d, EntryFilter(author="Jonas"))
    assert matches(d, EntryFilter(themes=("TAVSHED",)))
    assert not matches(d, EntryFilter(themes=("Tavshed", "Andet")))
    # a theme under a concept counts for the concept
    assert matches(d, EntryFilter(concepts=("safety",), theme_concepts={"tavshed": "safety"}))
    assert not matches(d, EntryFilter(concepts=("safety",)))
    assert matches(d, EntryFilter(since=at(9), until=at(11)))
    assert not matches(d, EntryFilter(since=at(11)))
    assert not matches(d, EntryFilter(until=at(9)))
    assert matches(d, EntryFilter(search="TAVSHED om"))
    assert not matches(d, EntryFilter(search="tavshed larm"))
    assert not matches(d, EntryFilter(deleted=True))
    assert EntryFilter(search="  Ét  TO ").words() == ["ét", "to"]


def test_select_is_oldest_first_and_limit_keeps_the_newest() -> None:
    docs = [doc(body=f"n{day}", created=at(day)) for day in (5, 1, 3)]
    assert [e.body for e in select(docs, EntryFilter())] == ["n1", "n3", "n5"]
    assert [e.body for e in select(docs, EntryFilter(), limit=2)] == ["n3", "n5"]
    assert select(docs, EntryFilter(), limit=0) == []
    assert [e.body for e in select(docs, EntryFilter(search="n3"))] == ["n3"]
    assert all(isinstance(e, Entry) for e in select(docs, EntryFilter()))


def test_select_rows_are_the_stored_dicts_select_makes_entries_of() -> None:
    docs = [doc(body=f"n{day}", created=at(day)) for day in (5, 1, 3)]
    rows = select_rows(docs, EntryFilter(), limit=2)
    assert [r["body"] for r in rows] == ["n3", "n5"]
    assert all(any(r is d for d in docs) for r in rows)  # the very dicts, not copies
    assert [Entry.from_dict(r) for r in rows] == select(docs, EntryFilter(), limit=2)
    assert select_rows(docs, EntryFilter(search="n1")) == [docs[1]]
