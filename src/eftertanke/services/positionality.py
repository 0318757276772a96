"""The positionality register: add a pre-understanding, mark a passage against one.

A pre-understanding is written as a memo entry of pack "positionality" with
one concept (``write_entry``, like any entry). A mark is stored on the
reflection that holds the passage (``Entry.position_marks``), in one locked
read-modify-write of that entry; the passage is named as a coding's is
(a phrase found once, or a span of the body or of one answer), and its span
then follows its words as a coding's does.
"""

from __future__ import annotations

from eftertanke.analysis import positionality as model
from eftertanke.domain import Entry, Section, ValidationError, check_concept, concept_name
from eftertanke.i18n import t
from eftertanke.reflexivity import POSITIONALITY_PACK, VERDICTS, PositionMark
from eftertanke.services import coding
from eftertanke.services.writing import write_entry
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal

PROMPT_ID = "positionality"


def add_position(journal: Journal, concept: str, text: str, *, lang: str = "da") -> Entry:
    """Write a pre-understanding about ``concept`` into the register."""
    key = check_concept(concept)
    if not text.strip():
        raise ValidationError("a pre-understanding needs text: what do you expect or believe?")
    question = t("positions.prompt", lang, concept=concept_name(key, lang))
    entry = Entry(
        kind="memo",
        pack=POSITIONALITY_PACK,
        concepts=[key],
        language=lang,
        sections=[Section(PROMPT_ID, question, text.strip(), concept=key, orientation="self")],
    )
    return write_entry(journal, entry)


def find_position(journal: Journal, ident: str) -> Entry:
    entry = journal.get_entry(ident, include_deleted=False)
    if not model.is_position(entry):
        raise NotFoundError(
            f"entry {entry.id[:8]} is not a pre-understanding of the positionality register"
        )
    return entry


def register(journal: Journal) -> list[Entry]:
    return model.register(journal.entries())


def load_timeline(journal: Journal) -> model.Timeline:
    return model.timeline(journal.entries(), journal.interviews())


def mark_passage(
    journal: Journal,
    position_id: str,
    entry_id: str,
    verdict: str,
    *,
    phrase: str | None = None,
    span: tuple[int, int] | None = None,
    section: str | None = None,
    memo: str = "",
) -> tuple[Entry, PositionMark]:
    """Mark a passage of reflection ``entry_id`` as challenging or confirming
    pre-understanding ``position_id``; the passage by ``phrase`` (found once in
    any of its texts) or ``span`` (of answer ``section``, or the body)."""
    if verdict not in VERDICTS:
        raise ValidationError(f"unknown verdict {verdict!r}; use challenged or confirmed")
    position = find_position(journal, position_id)
    reflection = journal.get_entry(entry_id, include_deleted=False)
    if not reflection.interview:
        raise ValidationError(
            f"entry {reflection.id[:8]} is not linked to an interview, so the mark has no place "
            "on the timeline; link it first with: eftertanke edit ID --interview CODE"
        )
    if reflection.id == position.id:
        raise ValidationError("a pre-understanding cannot mark itself")
    if phrase is not None:
        where, start, end = coding.locate_phrase(journal, coding.ENTRY, reflection.id, phrase)
        section = where.section
    elif span is not None:
        start, end = span
    else:
        raise ValidationError("give the passage as a phrase or a span")
    made: list[PositionMark] = []

    def change(entry: Entry) -> None:
        text = entry.source_text("section" if section else "body", section)
        if text is None:
            raise NotFoundError(f"entry {entry.id[:8]} has no answer to prompt {section!r}")
        mark = PositionMark.of(
            text,
            start,
            end,
            position.id,
            verdict,
            section=section,
            memo=memo,
            author=journal.author,
        )
        entry.position_marks.append(mark)
        made.append(mark)

    saved = journal.modify_entry(reflection.id, change)
    return saved, made[0]


__all__ = [
    "PROMPT_ID",
    "add_position",
    "find_position",
    "load_timeline",
    "mark_passage",
    "register",
]
