from datetime import UTC, datetime

import pytest

from eftertanke.dates import parse_day_bound, parse_when
from eftertanke.domain import ValidationError
from eftertanke.textsafe import for_terminal, one_line

REF = datetime(2026, 11, 26, 12, 30, tzinfo=UTC)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday 16:00", (2026, 11, 25, 16, 0)),
        ("i går kl. 16.00", (2026, 11, 25, 16, 0)),
        ("today 9:05", (2026, 11, 26, 9, 5)),
        ("monday 8:30", (2026, 11, 23, 8, 30)),
        ("mandag", (2026, 11, 23, 0, 0)),
        ("3 days ago", (2026, 11, 23, 12, 30)),
        ("2 timer siden", (2026, 11, 26, 10, 30)),
    ],
)
def test_natural_dates(text: str, expected: tuple) -> None:
    got = parse_when(text, reference=REF)
    assert (got.year, got.month, got.day, got.hour, got.minute) == expected
    assert got.tzinfo is not None


def test_iso_dates_keep_their_offset() -> None:
    got = parse_when("2026-03-14T16:00:00+01:00")
    assert got.utcoffset().total_seconds() == 3600 and got.hour == 16


@pytest.mark.parametrize("text", ["blah", "2026-13-45", "yesterday 25:00", ""])
def test_bad_dates_are_validation_errors(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_when(text)


def test_day_bounds_cover_the_whole_day() -> None:
    start, end = parse_day_bound("2026-03-14", end=False), parse_day_bound("2026-03-14", end=True)
    assert (start.hour, start.minute) == (0, 0)
    assert (end.hour, end.minute) == (23, 59)


def test_control_sequences_are_neutralised() -> None:
    hostile = "a\x1b[31mred\x07\rover\u202eevil\x00\n\tok"
    shown = for_terminal(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown
    assert "\u202e" not in shown and "\x00" not in shown
    assert "\n\tok" in shown and "␛[31mred" in shown
    assert one_line("a\nb  c") == "a b c"
    assert one_line("abcdef", 4) == "abc…"


def test_humanize_since_in_both_languages() -> None:
    from eftertanke.dates import humanize_since

    ended = datetime(2026, 3, 26, 14, 0, tzinfo=UTC)
    later = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
    assert humanize_since(ended, "en", reference=later) == "19 hours ago"
    assert humanize_since(ended, "da", reference=later) == "for 19 timer siden"
    assert humanize_since(later, "en", reference=ended) == "in 19 hours"
