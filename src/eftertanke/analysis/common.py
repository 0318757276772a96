"""What every analysis shares: reflection passages, theme concepts, interview order.

The analyses read stored entry dicts (as ``Journal.raw_entries`` and the TUI
index hold them), so that 10,000 entries are analysed without building
10,000 ``Entry`` objects.

The theme views (matrix, coverage, co-occurrence) count *coded passages*:
see ``coded`` and, for the reader, ``report.counting_rules``. What stays
here is for the views that read the writing itself (the reflexive balance):

* A **reflection passage** is one piece of the writer's own text in an entry:
  each non-empty answer to a prompt (a ``Section``), and the free body if it
  is not empty. Respondent excerpts (quotes from an interview) are never
  passages; they are counted apart, always.
* The **concept of a passage** is its section's concept; the body has the
  concepts the entry is tagged with; a passage without either is *general*.
* A passage belongs to the **interview** its entry is linked to
  (``entry.interview``); an excerpt to the interview it quotes
  (``excerpt.interview``), whichever entry holds it.
* **Words** are whitespace-separated words (``len(text.split())``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eftertanke.domain import CONCEPTS, split_added_later
from eftertanke.entry_row import EntryRow

BODY = -1  # the section index a body passage gets


@dataclass(frozen=True, slots=True)
class Passage:
    """A reflection passage: an answer or the body, with its concepts and orientation."""

    index: int  # the section's position in the entry, or BODY
    text: str
    concepts: tuple[str, ...]  # empty for a general passage
    orientation: str | None
    added_later: bool
    # The words of ``text`` added later from memory (all of it, or the part
    # after where the writer marked it).
    later_text: str = ""


def passages(doc: dict[str, Any]) -> list[Passage]:
    """The reflection passages of a stored entry, in the order written."""
    out: list[Passage] = []
    row = EntryRow(doc)
    for index, section in enumerate(row.sections):
        answer = section.get("answer") or ""
        if not answer.strip():
            continue
        concept = section.get("concept")
        out.append(
            Passage(
                index,
                answer,
                (concept,) if concept in CONCEPTS else (),
                section.get("orientation"),
                bool(section.get("added_later")),
                split_added_later(answer, section.get("added_later"), section.get("added_later_from"))[1],
            )
        )
    body = row.body
    if body.strip():
        concepts = tuple(c for c in row.concepts if c in CONCEPTS)
        out.append(Passage(BODY, body, concepts, None, False))
    return out


def word_count(text: str) -> int:
    return len(text.split())


def theme_concepts(themes: Iterable[Any]) -> dict[str, str]:
    """Theme name -> concept key, from ``Theme`` objects or (name, concept) pairs."""
    out: dict[str, str] = {}
    for theme in themes:
        if isinstance(theme, tuple):
            name, concept = theme
        else:
            name, concept = theme.name, theme.concept
        out[name] = concept
    return out


def interview_order(known: Iterable[str], seen: Iterable[str]) -> list[str]:
    """Interview codes in journal order (by code), then codes only the entries mention."""
    known_list = sorted(dict.fromkeys(known))
    extra = sorted(set(seen) - set(known_list))
    return known_list + extra


def linked_interviews(doc: dict[str, Any]) -> set[str]:
    """Every interview a stored entry is linked to, itself or through its excerpts."""
    return EntryRow(doc).interviews()


def live(docs: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    return (d for d in docs if not EntryRow(d).deleted)
