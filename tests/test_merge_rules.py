"""The merge rules, one at a time, each with its expected result written out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.services.merge import (
    conflict_copy_id,
    merge_entries,
    merge_file_data,
    merge_interviews,
    merge_meta,
    merge_themes,
)
from eftertanke.store.layout import shard_name

CPH = timezone(timedelta(hours=1))
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=CPH)
SHARED = "5a5a5a5a-0000-4000-8000-000000000001"
ONLY_OURS = "11111111-0000-4000-8000-000000000002"
ONLY_THEIRS = "22222222-0000-4000-8000-000000000003"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def entry(entry_id: str, body: str, updated: int, by: str = "anna", **extra: object) -> dict:
    doc = Entry(
        id=entry_id,
        body=body,
        author="anna",
        updated_by=by,
        created=T0,
        updated=at(updated),
        language="en",
    ).to_dict()
    doc.update(extra)
    return doc


def deleted(doc: dict, minutes: int) -> dict:
    return {**doc, "deleted": at(minutes).isoformat(), "updated": at(minutes).isoformat()}


# -- entries, two ways -----------------------------------------------------------


def test_new_on_each_side_are_both_kept() -> None:
    ours = {ONLY_OURS: entry(ONLY_OURS, "mine", 1)}
    theirs = {ONLY_THEIRS: entry(ONLY_THEIRS, "yours", 2)}
    merged = merge_entries(ours, theirs)
    assert merged.rows == {ONLY_OURS: ours[ONLY_OURS], ONLY_THEIRS: theirs[ONLY_THEIRS]}
    assert merged.added == [ONLY_THEIRS]
    assert merged.conflicts == [] and merged.updated == []


def test_identical_versions_change_nothing() -> None:
    doc = entry(SHARED, "same", 5)
    merged = merge_entries({SHARED: doc}, {SHARED: dict(doc)})
    assert merged.rows == {SHARED: doc}
    assert not merged.changed_from({SHARED: doc})


def test_both_changed_newer_wins_and_older_becomes_a_linked_conflict_copy() -> None:
    anna = entry(SHARED, "Anna's reading of the interview", 10, by="anna")
    ben = entry(SHARED, "Ben's reading of the interview", 20, by="ben")
    merged = merge_entries({SHARED: anna}, {SHARED: ben})
    copy_id = conflict_copy_id(SHARED, anna)
    assert merged.rows == {
        SHARED: ben,
        copy_id: {**anna, "id": copy_id, "conflict_of": SHARED},
    }
    assert merged.updated == [SHARED]
    assert merged.conflicts == [copy_id]
    # The copy is in the same shard file as the original (git writes one file).
    assert copy_id != SHARED and shard_name(copy_id) == shard_name(SHARED)
    assert Entry.from_dict(merged.rows[copy_id]).validate().conflict_of == SHARED


def test_equal_times_are_decided_by_content_not_by_side() -> None:
    a = entry(SHARED, "version a", 10)
    b = entry(SHARED, "version b", 10)
    one = merge_entries({SHARED: a}, {SHARED: b}).rows
    other = merge_entries({SHARED: b}, {SHARED: a}).rows
    assert one == other
    assert len(one) == 2 and {one[SHARED]["body"]} < {"version a", "version b"}


def test_only_bookkeeping_differs_no_conflict_copy() -> None:
    a = entry(SHARED, "same text", 10, by="anna")
    b = entry(SHARED, "same text", 12, by="ben")
    merged = merge_entries({SHARED: a}, {SHARED: b})
    assert merged.rows == {SHARED: b}
    assert merged.conflicts == []


def test_deleted_on_one_side_changed_before_the_deletion_stays_deleted() -> None:
    edited = entry(SHARED, "edited at 10", 10)
    tombstone = deleted(entry(SHARED, "original", 0), 30)
    merged = merge_entries({SHARED: edited}, {SHARED: tombstone})
    # Deleted (at 30, after the edit at 10), with the newest text in the trash, no copy.
    assert merged.rows == {
        SHARED: {**edited, "deleted": at(30).isoformat(), "updated": at(30).isoformat()}
    }
    assert merged.deleted == [SHARED]
    assert merged.conflicts == []


def test_deleted_on_one_side_changed_after_the_deletion_comes_back() -> None:
    tombstone = deleted(entry(SHARED, "original", 0), 30)
    edited = entry(SHARED, "edited at 45, after the deletion", 45)
    merged = merge_entries({SHARED: tombstone}, {SHARED: edited})
    assert merged.rows == {SHARED: edited}
    assert merged.rows[SHARED]["deleted"] is None
    assert merged.conflicts == []


def test_deletion_propagates_to_an_unchanged_entry() -> None:
    plain = entry(SHARED, "original", 0)
    tombstone = deleted(plain, 30)
    assert merge_entries({SHARED: plain}, {SHARED: tombstone}).rows == {SHARED: tombstone}
    assert merge_entries({SHARED: tombstone}, {SHARED: plain}).rows == {SHARED: tombstone}


def test_merge_twice_changes_nothing() -> None:
    anna = {SHARED: entry(SHARED, "Anna", 10), ONLY_OURS: entry(ONLY_OURS, "a", 1)}
    ben = {SHARED: entry(SHARED, "Ben", 20, by="ben"), ONLY_THEIRS: entry(ONLY_THEIRS, "b", 2)}
    once = merge_entries(anna, ben).rows
    twice = merge_entries(once, ben)
    assert twice.rows == once
    assert not twice.changed_from(once)
    assert twice.added == twice.updated == twice.conflicts == []


def test_merge_in_both_directions_gives_the_same_content() -> None:
    anna = {
        SHARED: entry(SHARED, "Anna", 10),
        ONLY_OURS: entry(ONLY_OURS, "a", 1),
    }
    ben = {
        SHARED: entry(SHARED, "Ben", 20, by="ben"),
        ONLY_THEIRS: deleted(entry(ONLY_THEIRS, "b", 2), 3),
    }
    assert merge_entries(anna, ben).rows == merge_entries(ben, anna).rows
    expected_ids = {SHARED, ONLY_OURS, ONLY_THEIRS, conflict_copy_id(SHARED, anna[SHARED])}
    assert set(merge_entries(anna, ben).rows) == expected_ids


def test_a_trashed_conflict_copy_is_not_brought_back() -> None:
    anna = entry(SHARED, "Anna", 10)
    ben = entry(SHARED, "Ben", 20, by="ben")
    copy_id = conflict_copy_id(SHARED, anna)
    ours = merge_entries({SHARED: anna}, {SHARED: ben}).rows
    ours[copy_id] = deleted(ours[copy_id], 60)  # the writer chose Ben's version
    again = merge_entries(ours, {SHARED: anna})
    assert again.rows[copy_id]["deleted"] == at(60).isoformat()
    assert not again.changed_from(ours)


# -- entries, three ways (git) --------------------------------------------------------


def test_three_way_one_side_changed_takes_it_without_a_copy() -> None:
    base = entry(SHARED, "original", 0)
    changed = entry(SHARED, "changed by Ben", 20, by="ben")
    merged = merge_entries({SHARED: base}, {SHARED: changed}, base={SHARED: base})
    assert merged.rows == {SHARED: changed}
    assert merged.conflicts == []


def test_three_way_both_changed_makes_a_copy() -> None:
    base = entry(SHARED, "original", 0)
    anna = entry(SHARED, "Anna", 10)
    ben = entry(SHARED, "Ben", 20, by="ben")
    merged = merge_entries({SHARED: anna}, {SHARED: ben}, base={SHARED: base})
    copy_id = conflict_copy_id(SHARED, anna)
    assert merged.rows == {SHARED: ben, copy_id: {**anna, "id": copy_id, "conflict_of": SHARED}}


def test_three_way_removed_on_one_side_unchanged_on_the_other_is_removed() -> None:
    base = entry(SHARED, "original", 0)
    merged = merge_entries({}, {SHARED: base}, base={SHARED: base})
    assert merged.rows == {}


def test_three_way_removed_on_one_side_changed_on_the_other_keeps_the_change() -> None:
    base = entry(SHARED, "original", 0)
    ben = entry(SHARED, "Ben", 20, by="ben")
    assert merge_entries({}, {SHARED: ben}, base={SHARED: base}).rows == {SHARED: ben}


# -- interviews and themes ---------------------------------------------------------


def interview(code: str, ident: str, minutes: int, **extra: object) -> dict:
    doc = Interview(code=code, id=ident, created=T0, updated=at(minutes), role="leader").to_dict()
    doc.update(extra)
    return doc


def theme(name: str, concept: str, ident: str, minutes: int, **extra: object) -> dict:
    doc = Theme(name=name, concept=concept, id=ident, created=T0, updated=at(minutes)).to_dict()
    doc.update(extra)
    return doc


def test_interviews_with_the_same_code_become_one_the_newer() -> None:
    ours = {"id-a": interview("I03", "id-a", 5, notes="Anna's notes")}
    theirs = {"id-b": interview("i03", "id-b", 9, notes="Ben's notes")}
    # The older stays as an alias of the newer: entries refer to it by id.
    expected = {"id-b": theirs["id-b"], "id-a": {**ours["id-a"], "merged_into": "id-b"}}
    assert merge_interviews(ours, theirs).rows == expected
    assert merge_interviews(theirs, ours).rows == expected


def test_interviews_with_different_codes_are_both_kept() -> None:
    ours = {"id-a": interview("I01", "id-a", 5)}
    theirs = {"id-b": interview("I02", "id-b", 9)}
    merged = merge_interviews(ours, theirs)
    assert merged.rows == {"id-a": ours["id-a"], "id-b": theirs["id-b"]}
    assert merged.added == ["id-b"]


def test_themes_with_the_same_name_become_one_the_newer() -> None:
    ours = {"t-a": theme("Farlig tavshed", "safety", "t-a", 30, description="Anna")}
    theirs = {"t-b": theme("farlig  tavshed", "safety", "t-b", 10, description="Ben")}
    expected = {"t-a": ours["t-a"], "t-b": {**theirs["t-b"], "merged_into": "t-a"}}
    assert merge_themes(ours, theirs).rows == expected
    assert merge_themes(theirs, ours).rows == expected
    assert merge_themes(expected, theirs).changed_from(expected) is False


def test_a_theme_filed_under_different_concepts_keeps_the_newer_and_says_so() -> None:
    ours = {"t-a": theme("Autonomi", "drive", "t-a", 30)}
    theirs = {"t-b": theme("Autonomi", "frames", "t-b", 10)}
    merged = merge_themes(ours, theirs)
    assert merged.rows == {"t-a": ours["t-a"], "t-b": {**theirs["t-b"], "merged_into": "t-a"}}
    assert merged.notes and "drive" in merged.notes[0] and "frames" in merged.notes[0]


def test_meta_takes_each_changed_key_and_the_higher_schema() -> None:
    base = {"format": "eftertanke-journal", "schema": 2, "created": "2026-01-01T00:00:00+00:00"}
    ours = {**base, "schema": 3}
    theirs = {**base, "note": "x"}
    assert merge_meta(ours, theirs, base) == {**base, "schema": 3, "note": "x"}


def test_a_file_added_on_both_sides_without_ancestor_is_the_union() -> None:
    a = {"entries": {ONLY_OURS: entry(ONLY_OURS, "a", 1)}}
    b = {"entries": {ONLY_THEIRS: entry(ONLY_THEIRS, "b", 1)}}
    assert merge_file_data({}, a, b) == {"entries": {**a["entries"], **b["entries"]}}
