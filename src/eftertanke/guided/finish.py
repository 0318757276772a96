"""Finishing a guided session: the answers, themes and concepts as one ``Entry``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from eftertanke.domain import CONCEPTS, Entry, Section, ValidationError, now
from eftertanke.guided.errors import GuidedError
from eftertanke.guided.quote_lines import quote_lines
from eftertanke.guided.themes import add_unique, themes_in_answer
from eftertanke.packs.loader import starter_theme_concepts

if TYPE_CHECKING:
    from eftertanke.guided.session import GuidedSession


def finished_entry(
    session: GuidedSession,
    author: str = "",
    *,
    finished: datetime | None = None,
    title: str | None = None,
    theme_concepts: Mapping[str, str] | None = None,
) -> Entry:
    """The entry ``session`` wrote, validated (see ``GuidedSession.finish``)."""
    finished = finished or now()
    concepts: set[str] = set()
    themes: list[str] = list(session.themes)
    sections = _answered_sections(session, themes, concepts)
    sections += _orphaned_sections(session)
    theme_concept: dict[str, str] = dict(starter_theme_concepts())
    theme_concept.update({k.casefold(): v for k, v in (theme_concepts or {}).items()})
    excerpts = session.all_excerpts()
    for name in themes + [t for e in excerpts for t in e.themes]:
        concept = theme_concept.get(name.casefold())
        if concept:
            concepts.add(concept)

    entry = Entry(
        kind=session.pack.entry_kind,
        title=_title(session) if title is None else title,
        sections=sections,
        concepts=[c for c in CONCEPTS if c in concepts],
        themes=themes,
        interview=session.interview,
        excerpts=excerpts,
        ratings=dict(session.ratings),
        author=author,
        updated_by=author,
        language=session.language,
        pack=session.pack.id,
        data_type=session.pack.data_type,
        # created is when writing began; updated is when it was finished.
        created=session.started,
        updated=finished,
        written_after_minutes=_written_after(session, finished),
    )
    try:
        return entry.validate()
    except ValidationError as exc:
        raise GuidedError(str(exc), key=exc.key, **exc.values) from exc


def _answered_sections(
    session: GuidedSession, themes: list[str], concepts: set[str]
) -> list[Section]:
    """A section per answered prompt, in the pack's order; adds the themes and
    concepts the answers name to ``themes`` and ``concepts``."""
    sections: list[Section] = []
    for prompt in session.pack.prompts:
        answer = session.answers.get(prompt.id)
        if answer is None or not answer.text.strip():
            continue
        first, later = session.later_parts(prompt.id)
        if prompt.quote_lines and session.interview:
            # Its quote lines become the entry's excerpts (session.all_excerpts);
            # the section keeps what is not a quote, as written.
            first, later = (_without_quote_lines(part) for part in (first, later))
        text, start = _joined(first, later)
        if text.strip():
            sections.append(
                Section(
                    prompt_id=prompt.id,
                    prompt_text=session.question(prompt),
                    answer=text,
                    concept=prompt.concept,
                    orientation=prompt.orientation,
                    added_later=start is not None,
                    added_later_from=start or None,
                )
            )
        if prompt.concept:
            concepts.add(prompt.concept)
        for name, concept in themes_in_answer(answer.text, theme_lines=prompt.theme_lines):
            add_unique(themes, name)
            if concept:
                concepts.add(concept)
    return sections


def _without_quote_lines(text: str) -> str:
    return "\n".join(quote_lines(text)[1])


def _joined(first: str, later: str) -> tuple[str, int | None]:
    """The answer made of what was written first and what was added later,
    and where the added part begins (None: nothing added; 0: all of it).

    The added part begins a paragraph of its own, as every view shows it
    (under its "added later from memory" line), so the stored answer reads
    the same as what is shown and exported."""
    mid_line = bool(first) and not first.endswith("\n")
    first = first.strip("\n").rstrip()
    later = re.sub(r"^(?:[ \t]*\n)+", "", later).rstrip()
    if mid_line and first:
        later = later.lstrip(" \t")
    if not later.strip():
        return first, None
    if not first.strip():
        return later, 0
    return f"{first}\n\n{later}", len(first) + 2


def _orphaned_sections(session: GuidedSession) -> list[Section]:
    """Answers to prompts the pack no longer has: kept, never dropped."""
    sections: list[Section] = []
    for prompt_id, answer in session.answers.items():
        if session.pack.prompt(prompt_id) is not None or not answer.text.strip():
            continue
        text, start = _joined(*session.later_parts(prompt_id))
        sections.append(
            Section(
                prompt_id=prompt_id,
                prompt_text=answer.prompt_text or prompt_id,
                answer=text,
                added_later=start is not None,
                added_later_from=start or None,
            )
        )
    return sections


def _title(session: GuidedSession) -> str:
    template = session.pack.entry_title
    if template is None:
        return ""
    text = template.get(session.language)
    if "{interview}" in text:
        if not session.interview:
            return ""
        text = text.replace("{interview}", session.interview)
    return text


def _written_after(session: GuidedSession, finished: datetime) -> int | None:
    if session.interview_ended is None:
        return None
    minutes = (finished - session.interview_ended).total_seconds() / 60
    # Finishing "before" the interview ended means the end time is wrong;
    # no number is more honest than a made-up one.
    return int(minutes) if minutes >= 0 else None
