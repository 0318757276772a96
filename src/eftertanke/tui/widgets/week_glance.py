"""The last seven days at a glance: the figures, and each check-in in one line.

The weekly review shows the whole glance above its questions, so the week's
check-ins (their ratings and what gave and took energy) are read beside the
questions about them ("Reading the week's check-ins: what recurs?"). The
words come from ``analysis.week_text`` (shared with Home and the terminal's
weekly review); this widget only styles them. Stored text goes in as ``Content``.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from eftertanke.analysis.looking_back import DayGlance, WeekFigures
from eftertanke.analysis.week_text import (
    day_when,
    day_words,
    week_figures_text,
    week_title,
)
from eftertanke.i18n import t


def day_line(day: DayGlance, lang: str, width: int = 0) -> Content:
    """'mandag 23. mar. 2026  trivsel 4 · energi 3   gav: Teamet.   tog: Mødet.'"""
    words = day_words(day, lang)
    parts: list[str | tuple[str, str]] = [(words.when.ljust(width) + "  ", "bold"), (words.ratings, "dim")]
    for label, answer in words.answers:
        parts += ["   ", (label, "italic"), " ", answer]
    return Content.assemble(*parts)


class WeekGlance(Static):
    """The weekly review's view of the last seven days."""

    def show(self, week: WeekFigures, lang: str) -> None:
        lines: list[Content | str] = [
            Content.assemble((week_title(week, lang), "bold"), "  ", week_figures_text(week, lang)),
        ]
        width = max((len(day_when(day, lang)) for day in week.days), default=0)
        lines += [day_line(day, lang, width) for day in week.days]
        if not week.days:
            lines.append(Content.styled(t("week_glance.no_checkins", lang), "dim"))
        out: list[Content | str] = []
        for n, line in enumerate(lines):
            out += [line, "\n"] if n < len(lines) - 1 else [line]
        self.update(Content.assemble(*out))
