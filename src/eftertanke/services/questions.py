"""Carry-forward questions: raised by a reflection, shown before the next
interview, closed by the passage that answered them or dropped with a reason.

A question lives on the reflection that raised it (``Entry.questions``), so
encryption, backups, merge and purge need nothing of their own. ``carry_questions``
works them out from the answers (rules in ``carry_forward``) when a reflection
is saved; answering, dropping and reopening are each one locked
read-modify-write of that reflection (``journal.modify_entry``).

``study_questions`` is the read model every list starts from: each question
over the study, with the reflection and interview it came from and, when
answered, the words of the passage (or that the passage was deleted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eftertanke import anchoring
from eftertanke.anchored_span import new_span
from eftertanke.carry_forward import carry
from eftertanke.domain import AnswerLink, CarriedQuestion, Entry, ValidationError, now
from eftertanke.entry_row import EntryRow
from eftertanke.services.coding import Source, locate_phrase, source_text
from eftertanke.store.errors import AmbiguousIdError, NotFoundError
from eftertanke.store.journal import Journal

STATUSES = ("open", "answered", "dropped")


def carried_prompt_ids(pack_id: str | None, packs: Mapping[str, Any] | None = None) -> list[str]:
    """The prompts of a pack whose answers are carried forward (``carry_forward``)."""
    if not pack_id:
        return []
    if packs is None:
        from eftertanke.packs import load_packs

        packs = load_packs().packs
    pack = packs.get(pack_id)
    if pack is None:
        return []
    return [p.id for p in pack.prompts if p.carry_forward]


def carry_questions(entry: Entry, packs: Mapping[str, Any] | None = None) -> bool:
    """Bring a reflection's questions in line with its answers; True if they changed."""
    if not entry.sections and not entry.questions:
        return False
    return carry(entry, carried_prompt_ids(entry.pack, packs))


@dataclass(frozen=True, slots=True)
class StudyQuestion:
    """One carried question with where it came from and where it was answered."""

    question: CarriedQuestion
    entry_id: str  # the reflection that raised it
    interview: str | None  # that reflection's interview code
    raised: datetime  # when that reflection was written
    # Answered: the passage's words now, or None when the answering entry is gone.
    passage: str | None = None
    answered_in: str | None = None  # the answering entry's interview code, if any

    @property
    def status(self) -> str:
        return self.question.status

    @property
    def passage_deleted(self) -> bool:
        return self.question.status == "answered" and self.passage is None

    def to_json(self) -> dict[str, Any]:
        data = self.question.to_dict()
        data.update(
            source_entry=self.entry_id,
            interview=self.interview,
            passage=self.passage,
            answered_in=self.answered_in,
            passage_deleted=self.passage_deleted,
        )
        return data


def _passage(docs: Mapping[str, dict[str, Any]], link: AnswerLink) -> tuple[str | None, str | None]:
    doc = docs.get(link.entry)
    if doc is None or EntryRow(doc).deleted or not link.quote:
        return None, None
    entry = Entry.from_dict(doc)
    text = entry.source_text("section" if link.section else "body", link.section)
    found = None
    if text is not None:
        found = anchoring.reanchor(text, link.start, link.end, link.quote, link.before, link.after)
    words = text[found[0] : found[1]] if found and text is not None else link.quote
    return words, entry.interview


def study_questions(
    journal: Journal, *, status: str | None = None, interview: str | None = None
) -> list[StudyQuestion]:
    """Every carried question of the study, oldest reflection first; ``status``
    and ``interview`` (the code of the interview it came from) narrow it."""
    code = journal.get_interview(interview).code if interview else None
    return questions_of(journal.raw_entries(False), status=status, interview=code)


def questions_of(
    docs: Iterable[dict[str, Any]], *, status: str | None = None, interview: str | None = None
) -> list[StudyQuestion]:
    """``study_questions`` over entry dicts as the layers above the store see
    them (the app's index holds them): no store is read."""
    by_id = {row.id: row.doc for row in map(EntryRow, docs) if not row.deleted}
    out: list[StudyQuestion] = []
    for row in sorted(map(EntryRow, by_id.values()), key=lambda r: r.created):
        if not row.questions or row.conflict_of:
            continue
        entry = Entry.from_dict(row.doc)
        if interview is not None and (entry.interview or "").casefold() != interview.casefold():
            continue
        for question in entry.questions:
            if status is not None and question.status != status:
                continue
            passage = answered_in = None
            if question.answered_by is not None:
                passage, answered_in = _passage(by_id, question.answered_by)
            out.append(
                StudyQuestion(
                    question, entry.id, entry.interview, entry.created, passage, answered_in
                )
            )
    return out


def open_before(found: list[StudyQuestion], code: str | None) -> list[StudyQuestion]:
    """The open ones of ``found`` an interview meets: not those it raised itself."""
    wanted = (code or "").casefold()
    return [
        q
        for q in found
        if q.status == "open" and (not code or (q.interview or "").casefold() != wanted)
    ]


def open_questions(journal: Journal, *, before: str | None = None) -> list[StudyQuestion]:
    """The open questions, to show when an interview is planned or started;
    ``before`` (an interview code) leaves out the questions that interview raised."""
    return open_before(study_questions(journal, status="open"), before)


def find_question(journal: Journal, ident: str) -> tuple[str, CarriedQuestion]:
    """The reflection holding a question and the question, by its id or a unique
    prefix of it (as ``question list`` shows them)."""
    ident = ident.strip().lower()
    if not ident:
        raise ValidationError("name a question by its id", key="questions.error.no_id")
    hits: list[tuple[str, CarriedQuestion]] = []
    for doc in journal.raw_entries(False):
        row = EntryRow(doc)
        for raw in row.questions:
            if isinstance(raw, dict) and str(raw.get("id", "")).lower().startswith(ident):
                hits.append((row.id, CarriedQuestion.from_dict(raw)))
    if not hits:
        raise NotFoundError(
            f"no carried question with id {ident}", key="questions.error.unknown", id=ident
        )
    if len(hits) > 1:
        raise AmbiguousIdError(
            f"the id {ident} fits {len(hits)} questions; give more of it",
            key="questions.error.ambiguous",
            id=ident,
            n=len(hits),
        )
    return hits[0]


def _change(journal: Journal, ident: str, change: Any) -> CarriedQuestion:
    entry_id, found = find_question(journal, ident)
    done: list[CarriedQuestion] = []

    def on_entry(entry: Entry) -> None:
        question = next((q for q in entry.questions if q.id == found.id), None)
        if question is None:
            raise NotFoundError(f"no carried question with id {found.id}")
        change(question)
        question.updated = now()
        done.append(question)

    journal.modify_entry(entry_id, on_entry)
    return done[0]


def link_to(journal: Journal, where: Source, start: int, end: int) -> AnswerLink:
    """A link to ``[start, end)`` of an entry's answer or body, with its words."""
    if where.owner_kind != "entry" or where.source == "transcript":
        raise ValidationError(
            "a question is answered by a passage of a reflection", key="questions.error.not_entry"
        )
    text = source_text(journal, where)
    span = new_span(text, start, end, ValidationError)
    return AnswerLink(entry=where.owner, section=where.section, **span)


def link_to_phrase(journal: Journal, entry: str, phrase: str) -> AnswerLink:
    """A link to the one place ``phrase`` occurs in the entry (as ``code add`` finds it)."""
    entry_id = journal.resolve_entry_id(entry, False)
    where, start, end = locate_phrase(journal, "entry", entry_id, phrase)
    return link_to(journal, where, start, end)


def answer_question(journal: Journal, ident: str, link: AnswerLink) -> CarriedQuestion:
    """Close a question with the passage that answered it."""

    def change(question: CarriedQuestion) -> None:
        question.status, question.answered_by = "answered", link
        question.closed, question.reason = now(), ""

    return _change(journal, ident, change)


def drop_question(journal: Journal, ident: str, reason: str) -> CarriedQuestion:
    """Close a question without an answer, saying why."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(
            "say why the question is dropped (--reason)", key="questions.error.no_reason"
        )

    def change(question: CarriedQuestion) -> None:
        question.status, question.reason = "dropped", reason
        question.closed, question.answered_by = now(), None

    return _change(journal, ident, change)


def reopen_question(journal: Journal, ident: str) -> CarriedQuestion:
    """Open an answered or dropped question again (its link and reason go)."""

    def change(question: CarriedQuestion) -> None:
        question.status, question.closed = "open", None
        question.answered_by, question.reason = None, ""

    return _change(journal, ident, change)


__all__ = [
    "STATUSES",
    "StudyQuestion",
    "answer_question",
    "carried_prompt_ids",
    "carry_questions",
    "drop_question",
    "find_question",
    "link_to",
    "link_to_phrase",
    "open_before",
    "open_questions",
    "questions_of",
    "reopen_question",
    "study_questions",
]
