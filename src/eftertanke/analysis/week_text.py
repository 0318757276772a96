"""The last seven days in words: the figures' line and each check-in's line.

Shared by Home's "Looking back" line, the weekly review's glance in the app
and ``eftertanke new --pack weekly-review`` on a terminal, so the three say
the same thing in the same words. Plain strings only (the app styles them);
the figures come from ``analysis.looking_back.week_figures``.
"""

from __future__ import annotations

from dataclasses import dataclass

from eftertanke.analysis.labels import w
from eftertanke.analysis.looking_back import DayGlance, WeekFigures
from eftertanke.i18n import decimal, t
from eftertanke.textsafe import one_line

# The figures the line names, in this order: what a leader looks at first.
WEEK_KEYS = ("wellbeing", "energy", "balance")
# Each check-in's ratings, in its line.
DAY_KEYS = ("wellbeing", "energy", "demands", "resources")
ANSWER = 70  # characters of an energy answer shown
ENERGY_PROMPTS = ("energy-gave", "energy-took")


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"week_glance.{key}", lang, **values)


def _value(key: str, value: float, lang: str) -> str:
    return decimal(value, lang, signed=key == "balance")


def _label(key: str, lang: str) -> str:
    return w(key, lang).lower()


def week_figures_text(week: WeekFigures, lang: str, *, compare: bool = True) -> str:
    """'3 check-ins · well-being 4.0 (week before: 3.0) · energy 3.5 · … · interview I05';
    without ``compare`` (Home's one line), the week's own figures only."""
    parts = [_w("checkins", lang, n=week.checkins)]
    for key in WEEK_KEYS:
        value = week.means.get(key)
        if value is None:
            continue
        before = week.previous.get(key) if compare else None
        if before is None:
            parts.append(_w("figure", lang, label=_label(key, lang), value=_value(key, value, lang)))
        else:
            parts.append(
                _w("figure_before", lang, label=_label(key, lang), value=_value(key, value, lang),
                   before=_value(key, before, lang))
            )  # fmt: skip
    if week.interviews:
        parts.append(
            _w("interviews", lang, n=len(week.interviews), codes=", ".join(week.interviews))
        )
    if week.reflections:
        parts.append(_w("reflections", lang, n=week.reflections))
    return " · ".join(parts)


def week_title(week: WeekFigures, lang: str) -> str:
    """'Last 7 days, 17 Mar 2026 – 23 Mar 2026:'"""
    from eftertanke.dates import format_date

    span = f"{format_date(week.first, lang)} – {format_date(week.last, lang)}"
    return _w("title", lang, span=span)


def day_when(day: DayGlance, lang: str) -> str:
    from eftertanke.dates import format_date

    return f"{t(f'dates.weekday.{day.weekday}', lang)} {format_date(day.day, lang)}"


@dataclass(frozen=True, slots=True)
class DayWords:
    """One check-in's line in parts, for the app to style and the terminal to join."""

    when: str
    ratings: str  # 'trivsel 4 · energi 3'
    answers: tuple[tuple[str, str], ...]  # ('gave:', 'Teamet.'), one line each, cut


def day_words(day: DayGlance, lang: str) -> DayWords:
    ratings = " · ".join(
        f"{w(k, lang).lower()} {day.ratings[k]}" for k in DAY_KEYS if k in day.ratings
    )
    answers = tuple(
        (_w(prompt.replace("-", "_"), lang), one_line(day.answers[prompt], ANSWER))
        for prompt in ENERGY_PROMPTS
        if day.answers.get(prompt)
    )
    return DayWords(day_when(day, lang), ratings, answers)


def week_glance_lines(week: WeekFigures, lang: str) -> list[str]:
    """The whole glance as plain lines: the title and figures, then a line per check-in."""
    lines = [f"{week_title(week, lang)}  {week_figures_text(week, lang)}"]
    width = max((len(day_when(day, lang)) for day in week.days), default=0)
    for day in week.days:
        words = day_words(day, lang)
        line = f"  {words.when.ljust(width)}  {words.ratings}"
        for label, answer in words.answers:
            line += f"   {label} {answer}"
        lines.append(line.rstrip())
    if not week.days:
        lines.append(f"  {_w('no_checkins', lang)}")
    return lines
