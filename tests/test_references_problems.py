"""What doctor says of a stored value that is no record's id: named by name
(fine in a journal from before ids), or unknown."""

from __future__ import annotations

from eftertanke.store import references

THEMES = {"t1": {"id": "t1", "name": "Tavshed", "concept": "safety"}}
INTERVIEWS = {"i1": {"id": "i1", "code": "I01"}}
ENTRY = {
    "id": "abcdef123456",
    "themes": ["t1", "Tavshed", "Ukendt", "Ukendt"],
    "interview": "I01",
    "excerpts": [{"interview": "I09", "themes": []}],
}


def messages(by_name: bool) -> list[str]:
    return [p.message for p in references.problems(THEMES, INTERVIEWS, [ENTRY], by_name=by_name)]


def test_names_and_unknown_values_are_each_said_once() -> None:
    assert messages(by_name=False) == [
        "entry abcdef12 names theme 'Tavshed' by name, not by id",
        "entry abcdef12 uses unknown theme 'Ukendt'",
        "entry abcdef12 names interview 'I01' by code, not by id",
        "entry abcdef12 links unknown interview 'I09'",
    ]
    assert messages(by_name=True) == [
        "entry abcdef12 uses unknown theme 'Ukendt'",
        "entry abcdef12 links unknown interview 'I09'",
    ]
