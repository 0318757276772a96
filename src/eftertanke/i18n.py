"""The one translation catalogue: every word the program shows, in Danish and English.

The words live in data files, ``locale/en.json`` and ``locale/da.json``, one
flat key per line (``tui.entry.edit_title``), so a translator edits a file,
not the code, and a test (``tests/test_i18n.py``) fails when a key is missing
in either language or the two disagree on their ``{placeholders}``.

A value is either a string or, for anything counted, a table of plural forms
(``{"one": "{n} interview", "other": "{n} interviews"}``) chosen by the
``n`` value given to ``t``. Danish and English share the CLDR rule for whole
numbers: "one" for exactly 1, "other" for the rest.

``t(key, lang)`` falls back to English and then to the key itself, so a
missing translation shows a word, never a crash. This module sits at the
bottom of the package: every layer may use it, and it imports nothing of
eftertanke.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LANGUAGES = ("da", "en")
CATALOGUE_DIR = Path(__file__).parent / "locale"

Value = str | dict[str, str]


@cache
def catalogue(lang: str) -> dict[str, Value]:
    """The catalogue of one language, read once per process (about half a
    millisecond). The standard json module, not orjson: importing orjson costs
    more than it saves here, and ``eftertanke due`` runs on a shell prompt."""
    if lang not in LANGUAGES:
        lang = "en"
    return json.loads((CATALOGUE_DIR / f"{lang}.json").read_bytes())


def plural_form(lang: str, n: object) -> str:
    """The CLDR plural category of ``n`` in ``lang`` (both languages: one / other)."""
    try:
        return "one" if abs(float(n)) == 1 else "other"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "other"


def has(key: str, lang: str = "en") -> bool:
    return key in catalogue(lang)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text of ``key`` in ``lang``, with ``values`` filled in."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue("en").get(key, key)
    if isinstance(text, dict):
        form = plural_form(lang, values.get("n", values.get("count", 0)))
        text = text.get(form) or text.get("other") or key
    return text.format(**values) if values else text


def forms(key: str) -> dict[str, str]:
    """``key`` in every language, ``{"da": ..., "en": ...}`` (for matching what users typed)."""
    out = {}
    for lang in LANGUAGES:
        value = catalogue(lang).get(key, key)
        out[lang] = value if isinstance(value, str) else value.get("other", key)
    return out


_MINUTES_IN = (("years", 525_960), ("months", 43_830), ("weeks", 10_080), ("days", 1_440),
               ("hours", 60))  # fmt: skip


def humanise_minutes(minutes: float, lang: str = "en") -> str:
    """A span of time as a person says it: "45 min.", "13 t", "3 dage", "9 mdr.", "2 år".

    The unit is the largest that holds at least two of it (so 90 minutes is
    "90 min." and 36 hours "36 t"), and the count is rounded to the nearest
    whole one: 393,790 minutes are 8.98 months, "9 mdr.".
    """
    minutes = max(0.0, float(minutes))
    if minutes < 1:
        return t("duration.now", lang)
    for unit, size in _MINUTES_IN:
        if minutes >= 2 * size:
            return t(f"duration.{unit}", lang, n=int(minutes / size + 0.5))
    return t("duration.minutes", lang, n=int(minutes + 0.5))


# The decimal mark people read: "3,5" in Danish, "3.5" in English. Machine
# output (JSON, CSV, SVG coordinates) keeps the point; this is for words.
DECIMAL_MARK = {"da": ",", "en": "."}


def decimal(value: float, lang: str = "en", places: int = 1, *, signed: bool = False) -> str:
    """A figure as the reader writes it: ``decimal(3.5, "da")`` is "3,5",
    ``decimal(-0.5, "da", signed=True)`` "-0,5", "+1,0" for a positive one."""
    text = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    return text.replace(".", DECIMAL_MARK.get(lang, "."))


def humanise_seconds(seconds: float, lang: str = "en") -> str:
    return humanise_minutes(seconds / 60, lang)


def prevailing(languages: Iterable[object], fallback: str) -> str:
    """The language most of ``languages`` are in (a document about Danish
    entries is headed in Danish); ``fallback`` on a tie it is part of, or
    when none is known."""
    counts: dict[str, int] = {}
    for lang in languages:
        if lang in LANGUAGES:
            counts[str(lang)] = counts.get(str(lang), 0) + 1
    if not counts:
        return fallback
    most = max(counts.values())
    leaders = [lang for lang in LANGUAGES if counts.get(lang) == most]
    return fallback if fallback in leaders else leaders[0]
