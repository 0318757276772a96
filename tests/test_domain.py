from datetime import UTC, datetime, timedelta, timezone

import pytest

from eftertanke.domain import (
    Entry,
    Excerpt,
    Interview,
    Section,
    Theme,
    ValidationError,
    rename_theme_in_entry,
)


def test_entry_round_trips_through_dict_with_every_field() -> None:
    tz = timezone(timedelta(hours=1))
    entry = Entry(
        kind="interview",
        title="Efter I03 – æøå 🌱",
        body="# Overskrift\n\nTekst",
        sections=[Section("impressions", "Første indtryk?", "Varm samtale", "drive", "respondent", True)],
        concepts=["drive"],
        themes=["Farlig tavshed"],
        interview="I03",
        excerpts=[Excerpt("I03", "9.45", "Vi løfter i flok", ["Lykkes sammen"], "note")],
        ratings={"energy": 4},
        author="Mette",
        language="da",
        pack="post-interview",
        created=datetime(2026, 3, 14, 10, 40, tzinfo=tz),
        updated=datetime(2026, 3, 14, 11, 0, tzinfo=tz),
        written_after_minutes=10,
    ).validate()
    again = Entry.from_dict(entry.to_dict())
    assert again == entry
    assert again.created.utcoffset() == timedelta(hours=1)
    assert again.all_themes == ["Farlig tavshed", "Lykkes sammen"]
    assert entry.excerpts[0].reference == "(I03, 9.45)"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "diary"}, "unknown kind"),
        ({"body": "   "}, "the entry is empty"),
        ({"concepts": ["joy"]}, "unknown concept"),
        ({"ratings": {"energy": 7}}, "from 1 to 5"),
        ({"language": "sv"}, "unknown language"),
        ({"id": "not-a-uuid"}, "is not a UUID"),
        ({"excerpts": [Excerpt("I03", "soon", "quote")]}, "is not like 9.45"),
        ({"created": datetime(2026, 1, 1)}, "time zone"),
    ],
)
def test_entry_validation_gives_clear_messages(changes: dict, message: str) -> None:
    values = {"body": "text", **changes}
    with pytest.raises(ValidationError, match=message):
        Entry(**values).validate()


def test_interview_validation() -> None:
    Interview(code="I03", level="leader", mode="teams", status="done").validate()
    with pytest.raises(ValidationError, match="short code"):
        Interview(code="I 03").validate()
    with pytest.raises(ValidationError, match="unknown level"):
        Interview(code="I03", level="boss").validate()
    with pytest.raises(ValidationError, match="unknown status"):
        Interview(code="I03", status="finished").validate()
    ended = Interview(code="I03", date=datetime(2026, 3, 1, 10, tzinfo=UTC), duration_minutes=35).ended
    assert ended == datetime(2026, 3, 1, 10, 35, tzinfo=UTC)


def test_theme_validation_and_rename_in_entry() -> None:
    with pytest.raises(ValidationError, match="unknown concept"):
        Theme(name="x", concept="fun").validate()
    with pytest.raises(ValidationError, match="needs a name"):
        Theme(name="  ", concept="drive").validate()
    theme = Theme(name="  Farlig   tavshed ", concept="SAFETY").validate()
    assert (theme.name, theme.concept) == ("Farlig tavshed", "safety")
    entry = Entry(body="x", themes=["a", "b"], excerpts=[Excerpt("I01", "1.00", "q", ["a"])])
    assert rename_theme_in_entry(entry, "a", "b")
    assert entry.themes == ["b"] and entry.excerpts[0].themes == ["b"]
    assert not rename_theme_in_entry(entry, "zzz", "b")
