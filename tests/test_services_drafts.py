"""Direct tests of services/drafts.py: every editor's draft described, found and
read back the same way."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Section
from eftertanke.services import drafts
from eftertanke.store.errors import AmbiguousIdError, NotFoundError
from eftertanke.store.journal import Journal

GUIDED = {
    "draft_id": "0f3c9a",
    "format": 1,
    "pack": {"id": "daily"},
    "interview": "I03",
    "saved": "2026-03-14T10:00:00+00:00",
    "answers": [
        {"prompt_id": "p1", "prompt_text": "Hvordan gik dagen?", "text": ""},
        {"prompt_id": "p2", "prompt_text": "Hvad gav energi?", "text": "  Kollegerne   i dag "},
    ],
}


def test_describe_tells_each_editor_s_draft_apart() -> None:
    guided = drafts.describe(GUIDED)
    assert (guided.kind, guided.pack, guided.interview) == ("guided", "daily", "I03")
    assert guided.saved == datetime.fromisoformat("2026-03-14T10:00:00+00:00")
    assert guided.belongs_to == "I03"
    edit = drafts.describe({"draft_id": "edit-abc", **drafts.edit_draft("abc", "T", "B", 2)})
    assert (edit.kind, edit.entry, edit.belongs_to) == ("edit", "abc", "abc")
    form = drafts.form_draft("theme-rename", "Tavshed", "id1", 3, {"name": "Ny"})
    theme = drafts.describe({"draft_id": "form-x", **form})
    assert (theme.kind, theme.theme, theme.form, theme.belongs_to) == (
        "theme", "Tavshed", "theme-rename", "Tavshed")  # fmt: skip
    interview = drafts.describe(
        {"draft_id": "f", **drafts.form_draft("interview", "I04", None, None, {})}
    )
    assert (interview.kind, interview.interview) == ("interview", "I04")
    odd = drafts.describe({"draft_id": "z", "saved": "not a date"})
    assert (odd.kind, odd.saved) == ("unknown", None)
    assert guided.to_dict()["preview"] == "Kollegerne i dag"


def test_field_texts_and_preview_are_the_words_typed() -> None:
    assert drafts.field_texts(drafts.describe(GUIDED)) == [
        ("Hvordan gik dagen?", ""),
        ("Hvad gav energi?", "  Kollegerne   i dag "),
    ]
    edited = Entry(body="Krop", sections=[Section("p", "Spørgsmål", "Svar")])
    data = {"draft_id": "edit-x", **drafts.reflection_draft(edited, 1)}
    info = drafts.describe(data)
    assert drafts.field_texts(info) == [("title", ""), ("body", "Krop"), ("Spørgsmål", "Svar")]
    assert drafts.preview(info) == "Krop"
    form = drafts.describe({"draft_id": "f", **drafts.form_draft("theme-add", None, None, None,
                                                                 {"name": "Ny", "note": None})})  # fmt: skip
    assert drafts.field_texts(form) == [("name", "Ny")]
    assert drafts.preview(drafts.describe({**GUIDED, "answers": []})) == ""
    assert (
        len(drafts.preview(drafts.describe({"draft_id": "e", "edit_of": "a", "body": "x" * 99})))
        == 60
    )


def test_list_and_find_drafts_by_id_or_a_unique_start(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    journal.save_draft("abc1", {**GUIDED})
    journal.save_draft("abc2", {**GUIDED})
    journal.save_draft("xyz", drafts.edit_draft("e1", "", "b", 1))
    assert sorted(d.id for d in drafts.list_drafts(journal)) == ["abc1", "abc2", "xyz"]
    assert drafts.find_draft(journal, " x ").id == "xyz"
    assert drafts.find_draft(journal, "abc1").id == "abc1"
    with pytest.raises(AmbiguousIdError):
        drafts.find_draft(journal, "abc")
    with pytest.raises(NotFoundError):
        drafts.find_draft(journal, "q")


def test_edit_drafts_hold_the_edit_and_the_revision_it_began_from(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    stored = journal.add_entry(Entry(title="Gammel", body="Gammel krop"))
    assert drafts.edit_draft_id(stored.id) == f"edit-{stored.id}"
    assert drafts.edit_draft_for(journal, stored.id) is None
    plain = drafts.edit_draft(stored.id, "Ny titel", "Ny krop", stored.revision)
    journal.save_draft(drafts.edit_draft_id(stored.id), plain)
    found = drafts.edit_draft_for(journal, stored.id)
    assert found is not None and drafts.base_revision(found) == stored.revision
    back = drafts.edited_entry(stored, found)
    assert (back.id, back.title, back.body) == (stored.id, "Ny titel", "Ny krop")
    whole = Entry.from_dict({**stored.to_dict(), "themes": ["Ny"]})
    data = drafts.reflection_draft(whole, 1, {"Ny": "drive"})
    assert drafts.edited_entry(stored, data).themes == ["Ny"]
    assert drafts.draft_new_themes(data) == {"Ny": "drive"}
    assert drafts.draft_new_themes({"new_themes": ["no"]}) == {}
    broken = {**data, "entry": {"id": stored.id, "kind": 7}}
    assert drafts.edited_entry(stored, broken).body == stored.body  # the stored entry's parts


def test_form_drafts_and_their_ids() -> None:
    assert drafts.form_draft_id("interview", "rid") == "form-interview-rid"
    new_one, new_two = (
        drafts.form_draft_id("theme-add", None),
        drafts.form_draft_id("theme-add", None),
    )
    assert new_one.startswith("form-theme-add-new-") and new_one != new_two
    data = drafts.form_draft("interview", "I01", "rid", 4, {"role": "leder"})
    assert data["fields"] == {"role": "leder"} and drafts.base_revision(data) == 4
    assert drafts.base_revision({"base_revision": True}) is None
    assert drafts.base_revision({}) is None
