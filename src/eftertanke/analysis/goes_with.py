"""What goes with good and bad days: the daily ratings beside what else the days held.

Descriptive only, with the counts behind every figure: a day that held an
interview, or whose entries name a concept or a theme, is set beside the
other rated days, and the mean of each rating on both sides is given with
its *n*. Nothing here says what causes what: a leader rates lower on
interview days, or on days that name "dangerous silence", for reasons the
numbers do not hold.

The unit is the rated day (the same rule as the chart, ``wellbeing.rated_days``:
the local date an entry was written; a day's value is the mean of its
check-ins, so two check-ins do not weigh double).

- *Interview days*: days on which an interview was held (its date).
- *A concept's days*: days with a live entry (any kind) tagged with the
  concept, or with a theme under it (on the whole entry, a coded passage
  or an excerpt). The concept a prompt belongs to does not count: every
  check-in answers prompts under all four, so it would name every day.
- *A theme's days*: days with a live entry that has the theme, likewise.

The "gave energy" and "took energy" answers of the daily check-in (prompts
``energy-gave`` and ``energy-took``) are counted by the words they use
(as written, lower-cased; common words of Danish and English left out; a
word counts once per answer) and by the themes coded on them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from eftertanke.analysis.common import live
from eftertanke.analysis.wellbeing import CHART_KEYS, rated_days
from eftertanke.domain import CONCEPTS
from eftertanke.entry_row import EntryRow

INTERVIEW = "interview"
CONCEPT = "concept"
THEME = "theme"
ENERGY_PROMPTS: tuple[str, ...] = ("energy-gave", "energy-took")
TOP_WORDS = 12
MIN_WORD = 3  # shorter words are mostly grammar
# A group with fewer days than this on either side is shown, but flagged as few.
FEW_DAYS = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_STOPWORDS = Path(__file__).parent / "stopwords"


@cache
def stopwords() -> frozenset[str]:
    """Common Danish and English words (data files beside this module), casefolded."""
    words: set[str] = set()
    for path in sorted(_STOPWORDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip().casefold()
            if line:
                words.add(line)
    return frozenset(words)


@dataclass(slots=True)
class Side:
    """The rated days on one side of a comparison, and each rating's mean over them."""

    days: int = 0
    means: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # days with that rating


@dataclass(slots=True)
class Comparison:
    """The rated days with one thing (an interview, a concept, a theme) beside those without it."""

    kind: str  # INTERVIEW, CONCEPT or THEME
    name: str  # the concept key or theme name ("" for interview days)
    concept: str  # a theme's concept, a concept's own key, "" for interview days
    inside: Side
    outside: Side

    def difference(self, key: str) -> float | None:
        a, b = self.inside.means.get(key), self.outside.means.get(key)
        return a - b if a is not None and b is not None else None

    @property
    def few(self) -> bool:
        return min(self.inside.days, self.outside.days) < FEW_DAYS


@dataclass(slots=True)
class NamedInAnswers:
    """What one energy prompt's answers name most often."""

    prompt: str
    answers: int
    words: list[tuple[str, int]]  # (word, answers using it), most often first
    themes: list[tuple[str, int]]  # (theme, answers coded with it)


@dataclass(slots=True)
class GoesWith:
    """What goes with good and bad days: the comparisons, and the words and themes of energy."""

    rated_days: int
    comparisons: list[Comparison]
    energy: list[NamedInAnswers]

    @property
    def is_empty(self) -> bool:
        return not self.rated_days and not any(e.answers for e in self.energy)

    def to_json(self) -> dict[str, Any]:
        def side(s: Side) -> dict[str, Any]:
            return {
                "days": s.days,
                "means": {k: _round(v) for k, v in s.means.items()},
                "days_rated": dict(s.counts),
            }

        return {
            "rated_days": self.rated_days,
            "comparisons": [
                {
                    "kind": c.kind,
                    "name": c.name,
                    "concept": c.concept,
                    "with": side(c.inside),
                    "without": side(c.outside),
                    "difference": {k: _round(c.difference(k)) for k in CHART_KEYS},
                }
                for c in self.comparisons
            ],
            "energy": [
                {
                    "prompt": e.prompt,
                    "answers": e.answers,
                    "words": [{"word": word, "answers": n} for word, n in e.words],
                    "themes": [{"theme": theme, "answers": n} for theme, n in e.themes],
                }
                for e in self.energy
            ],
        }


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _day(row: EntryRow) -> date | None:
    try:
        return row.created_at.date()
    except (KeyError, TypeError, ValueError):
        return None


def _side(days: Iterable[date], means: dict[date, dict[str, float]]) -> Side:
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    total = 0
    for day in days:
        total += 1
        for key, value in means[day].items():
            sums[key] = sums.get(key, 0.0) + value
            counts[key] = counts.get(key, 0) + 1
    return Side(
        total,
        {key: (sums[key] / counts[key] if counts.get(key) else None) for key in CHART_KEYS},
        {key: counts.get(key, 0) for key in CHART_KEYS},
    )


def _compare(
    kind: str, name: str, concept: str, marked: set[date], means: dict[date, dict[str, float]]
) -> Comparison:
    inside = [d for d in means if d in marked]
    outside = [d for d in means if d not in marked]
    return Comparison(kind, name, concept, _side(inside, means), _side(outside, means))


def named_in_answers(docs: Iterable[dict[str, Any]], top: int = TOP_WORDS) -> list[NamedInAnswers]:
    """The words and coded themes the energy prompts' answers name most often."""
    skip = stopwords()
    words = {p: Counter[str]() for p in ENERGY_PROMPTS}
    themes = {p: Counter[str]() for p in ENERGY_PROMPTS}
    answers = dict.fromkeys(ENERGY_PROMPTS, 0)
    for doc in live(docs):
        row = EntryRow(doc)
        coded: dict[str, set[str]] = {}
        for coding in row.codings:
            if isinstance(coding, dict) and coding.get("section") in answers:
                coded.setdefault(coding["section"], set()).update(
                    t for t in coding.get("themes") or [] if isinstance(t, str)
                )
        for section in row.sections:
            prompt = section.get("prompt_id") if isinstance(section, dict) else None
            text = section.get("answer") if prompt in answers else None
            if not isinstance(text, str) or not text.strip():
                continue
            answers[prompt] += 1
            used = {
                m.group(0)
                for m in _WORD.finditer(text.casefold())
                if len(m.group(0)) >= MIN_WORD and m.group(0) not in skip
            }
            words[prompt].update(used)
            themes[prompt].update(coded.get(prompt, ()))
    # Most often first; a tie in alphabetical order, so the list is stable.
    return [
        NamedInAnswers(
            prompt,
            answers[prompt],
            sorted(words[prompt].items(), key=lambda kv: (-kv[1], kv[0]))[:top],
            sorted(themes[prompt].items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:top],
        )
        for prompt in ENERGY_PROMPTS
    ]


def goes_with(
    docs: Iterable[dict[str, Any]],
    theme_concepts: dict[str, str],
    interview_dates: Iterable[tuple[str, date]] = (),
    *,
    top: int = TOP_WORDS,
) -> GoesWith:
    """Ratings on interview days, and on the days that name each concept and
    theme, against the other rated days; and what the energy answers name.

    ``docs`` are stored entry dicts (names, not ids); ``theme_concepts`` maps a
    theme's name to its concept; ``interview_dates`` are (code, day) pairs."""
    docs = list(live(docs))
    means = rated_days(docs).means
    interview_days = {day for _code, day in interview_dates}
    theme_days: dict[str, set[date]] = {}
    concept_days: dict[str, set[date]] = {c: set() for c in CONCEPTS}
    for doc in docs:
        row = EntryRow(doc)
        day = _day(row)
        if day is None:
            continue
        named = set(row.all_themes)
        for theme in named:
            theme_days.setdefault(theme, set()).add(day)
        concepts = {c for c in row.concepts if c in concept_days}
        concepts.update(theme_concepts.get(t, "") for t in named)
        for concept in concepts & concept_days.keys():
            concept_days[concept].add(day)
    rated = set(means)
    comparisons = []
    if interview_days & rated:
        comparisons.append(_compare(INTERVIEW, "", "", interview_days, means))
    for concept in CONCEPTS:
        if concept_days[concept] & rated:
            comparisons.append(_compare(CONCEPT, concept, concept, concept_days[concept], means))
    # Themes with the most rated days first; a tie by name.
    order = sorted(theme_days, key=lambda t: (-len(theme_days[t] & rated), t.casefold()))
    for theme in order:
        if theme_days[theme] & rated:
            comparisons.append(
                _compare(THEME, theme, theme_concepts.get(theme, ""), theme_days[theme], means)
            )
    return GoesWith(len(means), comparisons, named_in_answers(docs, top))
