"""Merging carried questions (services/merge/entry_items.py): union by question
id, the newer question wins, and never a conflict copy for them."""

from __future__ import annotations

from datetime import datetime, timedelta

from eftertanke.domain import AnswerLink, Entry, Section
from eftertanke.services.merge import merge_entries
from eftertanke.services.merge.entry_items import merge_items
from eftertanke.services.questions import carry_questions

T0 = datetime(2026, 3, 3, 10, 0).astimezone()


def reflection() -> Entry:
    entry = Entry(
        kind="interview",
        pack="post-interview",
        sections=[Section("leads", "Spor?", "Spørg til tavsheden\nSpørg til weekenden")],
        created=T0,
        updated=T0,
    )
    carry_questions(entry)
    for question in entry.questions:
        question.created = question.updated = T0
    return entry.validate()


def test_a_question_closed_on_each_side_keeps_both_without_a_copy() -> None:
    base = reflection()
    anna, ben = Entry.from_dict(base.to_dict()), Entry.from_dict(base.to_dict())
    first, second = anna.questions[0], ben.questions[1]
    first.status, first.closed = "answered", T0 + timedelta(days=2)
    first.answered_by = AnswerLink(entry=base.id, start=0, end=5, section="leads", quote="Spørg")
    first.updated = anna.updated = T0 + timedelta(days=2)
    second.status, second.reason, second.closed = "dropped", "ikke relevant", T0 + timedelta(days=3)
    second.updated = ben.updated = T0 + timedelta(days=3)
    merged = merge_entries({base.id: anna.to_dict()}, {base.id: ben.to_dict()})
    assert merged.conflicts == [] and len(merged.rows) == 1
    statuses = [q["status"] for q in merged.rows[base.id]["questions"]]
    assert statuses == ["answered", "dropped"]
    back = merge_entries({base.id: ben.to_dict()}, {base.id: anna.to_dict()})
    assert back.rows == merged.rows
    assert merge_entries(merged.rows, {base.id: anna.to_dict()}).rows == merged.rows


def test_the_newer_question_wins_and_a_three_way_removal_stays() -> None:
    old = {"id": "q1", "updated": "2026-03-03T10:00:00+01:00", "status": "open"}
    newer = {**old, "updated": "2026-03-04T10:00:00+01:00", "status": "answered"}
    assert merge_items([old], [newer]) == [newer] == merge_items([newer], [old])
    added = {"id": "q2", "updated": "2026-03-05T10:00:00+01:00", "status": "open"}
    assert merge_items([old], [old, added]) == [old, added]
    # Three-way: q1 removed on one side, unchanged on the other: it stays removed.
    assert merge_items([], [old], [old], three_way=True) == []
    assert merge_items([], [newer], [old], three_way=True) == [newer]
