"""Dates as people write them: every month's short form in Danish and English
(Danish "maj", "juni"... have their own short forms: May is "maj", never "maj.")."""

from __future__ import annotations

from datetime import datetime

import pytest

from eftertanke.dates import format_date, format_datetime

DANISH = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
          "nov.", "dec."]  # fmt: skip
ENGLISH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DANISH_FULL = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
               "september", "oktober", "november", "december"]  # fmt: skip
ENGLISH_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_short_dates_in_danish(month: int) -> None:
    day = datetime(2026, month, 14, 9, 5)
    assert format_date(day, "da") == f"14. {DANISH[month - 1]} 2026"
    assert format_datetime(day, "da") == f"14. {DANISH[month - 1]} 2026 09:05"


@pytest.mark.parametrize("month", range(1, 13))
def test_short_dates_in_english(month: int) -> None:
    day = datetime(2026, month, 14, 9, 5)
    assert format_date(day, "en") == f"14 {ENGLISH[month - 1]} 2026"
    assert format_datetime(day, "en") == f"14 {ENGLISH[month - 1]} 2026 09:05"


@pytest.mark.parametrize("month", range(1, 13))
def test_dates_with_the_weekday_spell_the_month_out(month: int) -> None:
    day = datetime(2026, month, 14, 16, 30)
    danish = format_datetime(day, "da", with_weekday=True)
    english = format_datetime(day, "en", with_weekday=True)
    assert f" 14. {DANISH_FULL[month - 1]} 2026 kl. 16:30" in danish
    assert f" 14 {ENGLISH_FULL[month - 1]} 2026, 16:30" in english


def test_may_has_no_abbreviation_point() -> None:
    assert format_date(datetime(2026, 5, 1), "da") == "1. maj 2026"
    assert "maj." not in format_datetime(datetime(2026, 5, 31, 23, 59), "da")
