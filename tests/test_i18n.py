"""The translation catalogue: complete in both languages, consistent, canonical."""

from __future__ import annotations

import re
import string

import orjson
import pytest

from eftertanke import i18n

LANGS = i18n.LANGUAGES


def _placeholders(value: object) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    names = set()
    for text in texts:
        names |= {field for _, field, _, _ in string.Formatter().parse(text) if field}
    return names


def test_every_key_is_in_both_languages():
    da, en = i18n.catalogue("da"), i18n.catalogue("en")
    assert sorted(set(en) - set(da)) == [], "keys missing in da.json"
    assert sorted(set(da) - set(en)) == [], "keys missing in en.json"


def test_both_languages_use_the_same_placeholders():
    da, en = i18n.catalogue("da"), i18n.catalogue("en")
    wrong = [k for k in en if _placeholders(en[k]) != _placeholders(da[k])]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_plural_tables_have_one_and_other_and_count_with_n(lang):
    for key, value in i18n.catalogue(lang).items():
        if isinstance(value, dict):
            assert set(value) == {"one", "other"}, key
            assert "n" in _placeholders(value) or "count" in _placeholders(value), key
        else:
            assert isinstance(value, str) and value, key


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_files_are_sorted_and_canonical(lang):
    # One key per line, sorted: two people adding words to different parts
    # of the program do not touch the same lines.
    path = i18n.CATALOGUE_DIR / f"{lang}.json"
    raw = path.read_bytes()
    canonical = orjson.dumps(orjson.loads(raw), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
    assert raw == canonical, f"run scripts/sort_catalogue.py to put {path.name} in order"


def test_plural_forms_follow_the_count():
    assert i18n.t("entries_count", "en", n=1) == "1 entry"
    assert i18n.t("entries_count", "en", n=2) == "2 entries"
    assert i18n.t("entries_count", "en", n=0) == "0 entries"
    assert i18n.t("duration.days", "da", n=1) == "1 dag"
    assert i18n.t("duration.days", "da", n=3) == "3 dage"


def test_a_missing_key_falls_back_to_english_and_then_to_the_key():
    assert i18n.t("no.such.key", "da") == "no.such.key"
    assert i18n.t("entries_count", "fr", n=2) == "2 entries"


@pytest.mark.parametrize(
    ("minutes", "da", "en"),
    [
        (0.2, "lige nu", "just now"),
        (45, "45 min.", "45 min"),
        (90, "90 min.", "90 min"),
        (780, "13 t", "13 h"),
        (4320, "3 dage", "3 days"),
        (393_790, "9 mdr.", "9 months"),
        (1_100_000, "2 år", "2 years"),
    ],
)
def test_durations_are_said_as_people_say_them(minutes, da, en):
    assert i18n.humanise_minutes(minutes, "da") == da
    assert i18n.humanise_minutes(minutes, "en") == en
    assert not re.search(r"\d{4,}", i18n.humanise_minutes(minutes, "da"))


def test_decimal_follows_the_reader_s_language() -> None:
    from eftertanke.i18n import decimal

    assert decimal(3.5, "da") == "3,5" and decimal(3.5, "en") == "3.5"
    assert decimal(-0.25, "da", 2, signed=True) == "-0,25"
    assert decimal(1, "da", signed=True) == "+1,0" and decimal(1, "en", signed=True) == "+1.0"


def test_danish_analysis_tables_write_decimal_commas() -> None:
    from datetime import date

    from eftertanke.analysis.looking_back import WeekFigures
    from eftertanke.analysis.week_text import week_figures_text

    week = WeekFigures(date(2026, 3, 17), date(2026, 3, 23), 2, 2,
                       {"wellbeing": 3.5, "energy": None, "balance": -0.5},
                       {"wellbeing": 2.0}, 1, [], 0)  # fmt: skip
    assert week_figures_text(week, "da") == "2 check-ins · trivsel 3,5 (ugen før: 2,0) · balance -0,5"
    assert week_figures_text(week, "en") == "2 check-ins · well-being 3.5 (week before: 2.0) · balance -0.5"
