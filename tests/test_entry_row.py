"""The read model over a stored entry dict: one display-title rule, no copies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eftertanke.domain import Entry, Excerpt, Section
from eftertanke.entry_row import EntryRow, display_title, doc_themes

WHEN = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


def _entry(**fields: object) -> Entry:
    return Entry(kind="memo", created=WHEN, updated=WHEN, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": "Tryghed i små fora", "body": "ignored"}, "Tryghed i små fora"),
        ({"body": "\n\n# Første linje\nanden"}, "Første linje"),
        ({"body": "#\n> \n> citeret start"}, "citeret start"),
        (
            {"sections": [Section(prompt_id="p", prompt_text="Q", answer="svaret her")]},
            "svaret her",
        ),
        (
            {
                "interview": "I03",
                "excerpts": [Excerpt(interview="I03", timestamp="9.45", quote="Vi lykkes")],
            },
            "Vi lykkes",
        ),
        ({"body": "x" * 70}, "x" * 60 + "…"),
        ({}, ""),
    ],
)
def test_one_display_title_for_rows_and_entries(fields: dict, expected: str) -> None:
    entry = _entry(**fields)
    assert EntryRow(entry.to_dict()).display_title() == expected
    assert entry.display_title() == expected


def test_display_title_cuts_at_the_limit_given() -> None:
    assert display_title("", ["abcdefghij"], 4) == "abcd…"
    assert display_title("", ["abcd"], 4) == "abcd"


def test_a_row_reads_the_stored_dict_without_copying() -> None:
    doc = _entry(
        body="b",
        themes=["tryghed"],
        interview="I03",
        sections=[Section(prompt_id="p", prompt_text="Q", answer="a")],
        excerpts=[Excerpt(interview="I07", timestamp="1:09:45", quote="q", themes=["skyggen"])],
    ).to_dict()
    row = EntryRow(doc)
    assert row.sections is doc["sections"] and row.excerpts is doc["excerpts"]
    assert list(row.answers) == ["a"]
    assert list(row.texts()) == ["b", "a", "q"]
    assert row.interviews() == {"I03", "I07"}
    assert row.all_themes == ["tryghed", "skyggen"] == doc_themes(doc)
    assert row.created_at == WHEN and not row.deleted
    assert not hasattr(row, "__dict__")


def test_an_empty_dict_reads_as_empty_fields() -> None:
    row = EntryRow({})
    assert (row.id, row.kind, row.title, row.body, row.interview, row.author) == ("",) * 6
    assert (row.sections, row.excerpts, row.codings, row.themes, row.concepts) == ((),) * 5
    assert row.ratings == {} and not row.deleted and row.written_after_minutes is None
    assert row.questions == () and row.conflict_of == "" and row.layers == ()


def test_an_entrys_layers_read_as_stored() -> None:
    layers = [{"id": "l1", "written": "2026-05-01T10:00:00+02:00", "text": "Senere"}]
    assert EntryRow({"layers": layers}).layers is layers
    assert EntryRow({"layers": None}).layers == ()


def test_a_conflict_copy_and_its_questions_read_as_stored() -> None:
    questions = [{"id": "q1", "text": "Hvorfor?"}]
    row = EntryRow({"questions": questions, "conflict_of": "abc", "kind": "interview"})
    assert row.questions is questions and row.conflict_of == "abc"


def test_a_section_and_its_answer_are_found_by_prompt() -> None:
    row = EntryRow({"sections": [{"prompt_id": "p1", "answer": "første"}, {"prompt_id": "p2"}]})
    assert row.section("p1") == {"prompt_id": "p1", "answer": "første"}
    assert row.answer("p1") == "første"
    assert row.answer("p2") == "" and row.section("p2") == {"prompt_id": "p2"}
    assert row.section("gone") is None and row.answer("gone") == ""
    assert EntryRow({}).answer("p1") == ""
