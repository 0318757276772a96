"""The last seven days at a glance: the figures, and each check-in in one line.

Home shows the figures' line under "Looking back"; the weekly review shows
the whole glance above its questions, so the week's check-ins (their ratings
and what gave and took energy) are read beside the questions about them
("Reading the week's check-ins: what recurs?"). The figures come from
``analysis.looking_back.week_figures``; stored text goes in as ``Content``.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from eftertanke.analysis.labels import w
from eftertanke.analysis.looking_back import DayGlance, WeekFigures
from eftertanke.textsafe import one_line
from eftertanke.tui import strings

# The figures the line names, in this order: what a leader looks at first.
WEEK_KEYS = ("wellbeing", "energy", "balance")
# Each check-in's ratings, in its line.
DAY_KEYS = ("wellbeing", "energy", "demands", "resources")
ANSWER = 70  # characters of an energy answer shown


def _w(key: str, lang: str, **values: object) -> str:
    return strings.word(WeekGlance, key, lang, **values)


def _value(key: str, value: float) -> str:
    return f"{value:+.1f}" if key == "balance" else f"{value:.1f}"


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
            parts.append(_w("figure", lang, label=_label(key, lang), value=_value(key, value)))
        else:
            parts.append(
                _w("figure_before", lang, label=_label(key, lang), value=_value(key, value),
                   before=_value(key, before))
            )  # fmt: skip
    if week.interviews:
        parts.append(
            _w("interviews", lang, n=len(week.interviews), codes=", ".join(week.interviews))
        )
    if week.reflections:
        parts.append(_w("reflections", lang, n=week.reflections))
    return " · ".join(parts)


def day_when(day: DayGlance, lang: str) -> str:
    from eftertanke.dates import format_date
    from eftertanke.i18n import t

    return f"{t(f'dates.weekday.{day.weekday}', lang)} {format_date(day.day, lang)}"


def day_line(day: DayGlance, lang: str, width: int = 0) -> Content:
    """'mandag 23. mar. 2026  trivsel 4 · energi 3   gav: Teamet.   tog: Mødet.'"""
    when = day_when(day, lang)
    ratings = " · ".join(
        f"{w(k, lang).lower()} {day.ratings[k]}" for k in DAY_KEYS if k in day.ratings
    )
    parts: list[str | tuple[str, str]] = [(when.ljust(width) + "  ", "bold"), (ratings, "dim")]
    for prompt in ("energy-gave", "energy-took"):
        text = day.answers.get(prompt)
        if text:
            parts += ["   ", (_w(prompt.replace("-", "_"), lang), "italic"), " ",
                      one_line(text, ANSWER)]  # fmt: skip
    return Content.assemble(*parts)


class WeekGlance(Static):
    """The weekly review's view of the last seven days."""

    def show(self, week: WeekFigures, lang: str) -> None:
        from eftertanke.dates import format_date

        span = f"{format_date(week.first, lang)} – {format_date(week.last, lang)}"
        lines: list[Content | str] = [
            Content.assemble((_w("title", lang, span=span), "bold"), "  ",
                             week_figures_text(week, lang)),
        ]  # fmt: skip
        width = max((len(day_when(day, lang)) for day in week.days), default=0)
        lines += [day_line(day, lang, width) for day in week.days]
        if not week.days:
            lines.append(Content.styled(_w("no_checkins", lang), "dim"))
        out: list[Content | str] = []
        for n, line in enumerate(lines):
            out += [line, "\n"] if n < len(lines) - 1 else [line]
        self.update(Content.assemble(*out))
