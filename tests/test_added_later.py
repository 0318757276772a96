"""Added later from memory: part of an answer, stored compatibly, shown and exported where it begins."""

from __future__ import annotations

import pytest

from eftertanke.analysis.balance import reflexive_balance
from eftertanke.domain import Entry, Section, split_added_later
from eftertanke.export.markdown import entry_body_markdown, entry_markdown
from eftertanke.guided.answer import Answer
from eftertanke.importers.markdown import parse_entry_body


def partly(answer: str = "Skrevet med det samme.\n\nKom senere fra hukommelsen.") -> Section:
    return Section("emotions", "Hvilke følelser?", answer, None, "self", True,
                   added_later_from=answer.index("Kom"))


def test_an_old_record_of_a_whole_mark_reads_and_writes_as_before() -> None:
    old = {"prompt_id": "p", "prompt_text": "Q", "answer": "Alt", "concept": None,
           "orientation": None, "added_later": True}
    section = Section.from_dict(old)
    assert section.later_parts() == ("", "Alt")
    assert section.to_dict() == old
    unmarked = dict(old, added_later=False)
    assert Section.from_dict(unmarked).to_dict() == unmarked


def test_a_partial_mark_is_stored_as_an_offset_and_a_bad_one_marks_all() -> None:
    section = partly()
    data = section.to_dict()
    assert data["added_later_from"] == len("Skrevet med det samme.\n\n")
    assert Section.from_dict(data).later_parts() == ("Skrevet med det samme.\n\n", "Kom senere fra hukommelsen.")
    for bad in (0, -3, 999, "7", True, None):
        assert Section.from_dict(dict(data, added_later_from=bad)).later_parts()[0] == ""
    assert split_added_later("abc", False, 2) == ("abc", "")


@pytest.mark.parametrize(("lang", "mark"), [("da", "tilføjet senere fra hukommelsen"),
                                            ("en", "added later from memory")])
def test_the_view_and_the_export_put_the_mark_where_the_added_text_begins(lang: str, mark: str) -> None:
    entry = Entry(kind="interview", title="Refleksion", sections=[partly()])
    shown = entry_body_markdown(entry, lang)
    assert shown.index("Skrevet med") < shown.index(f"*({mark})*") < shown.index("Kom senere")


@pytest.mark.parametrize("answer", [
    "Skrevet med det samme.\n\nKom senere fra hukommelsen.",
    "Første linje\nanden linje\n\nSenere linje\nog en til",
    "- et punkt\n- to punkter\n\n- tilføjet punkt",
    "*(ligner et mærke)*\n\n*(også dette)*",
])
def test_a_partly_added_answer_round_trips_through_markdown(answer: str) -> None:
    start = answer.rindex("\n\n") + 2
    section = Section("leads", "Spor?", answer, None, "method", True, added_later_from=start)
    entry = Entry(kind="interview", title="Refleksion", sections=[section, Section("q", "Q?", "Intet senere")])
    document = entry_markdown(entry, "da")
    body = document.split("\n---\n", 1)[1]
    _, sections, _ = parse_entry_body(body, entry.title)
    assert [s.to_dict() for s in sections] == [s.to_dict() for s in entry.sections]


def test_the_balance_counts_only_the_added_words() -> None:
    entry = Entry(kind="interview", title="R", sections=[partly()])
    row = reflexive_balance([entry.to_dict()]).rows[0]
    assert row.added_later_words == 4  # "Kom senere fra hukommelsen."


@pytest.mark.parametrize(("old", "new", "mark", "moved"), [
    ("abc", "abcdef", 3, 3),  # typed after the mark
    ("abcdef", "Xabcdef", 3, 4),  # typed before it
    ("abcdef", "abdef", 3, 2),  # deleted before it
    ("abcdef", "abcdXf", 3, 3),  # changed after it
    ("abcdef", "aZf", 3, 1),  # replaced across it: the new text is added
    ("abcdef", "", 3, 0),
])
def test_an_edit_moves_the_mark_with_the_text(old: str, new: str, mark: int, moved: int) -> None:
    assert Answer(old, True, "", mark).retyped(new) == moved


def test_editing_a_reflection_keeps_a_partial_mark_while_its_text_stands() -> None:
    from eftertanke.services.reflection_form import (
        AnswerEdit,
        ReflectionEdit,
        answer_slots,
        apply_edit,
    )

    entry = Entry(kind="interview", title="R", sections=[partly(), Section("q", "Q?", "Andet")])
    slots = answer_slots(entry, None)

    def edited(first_text: str) -> Section:
        edit = ReflectionEdit(
            title="R", body="", quotes=[], themes=[], concepts=[], ratings={}, interview=None,
            answers=[AnswerEdit(slots[0], first_text, True), AnswerEdit(slots[1], "Andet", False)],
        )
        return apply_edit(entry, edit).validate().sections[0]

    assert edited(slots[0].answer).later_parts() == partly().later_parts()
    assert edited("Omskrevet helt.").later_parts() == ("", "Omskrevet helt.")
