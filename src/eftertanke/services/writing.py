"""Writing a new entry: check it, save it, move its interview on, then let go of the draft.

Every way of writing (``new`` with flags, the guided prompts on a terminal,
the app's write screen) ends in ``write_entry``, so the order that keeps text
safe lives in one place: the draft is discarded only once the entry it holds
is durably saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from eftertanke.domain import Entry, Interview
from eftertanke.store.errors import RevisionConflictError
from eftertanke.store.journal import Journal

# Statuses an interview moves out of once its reflection is written.
BEFORE_REFLECTION = ("planned", "done")


def minutes_after(entry: Entry, interview: Interview) -> int | None:
    """Minutes between the interview's end and the entry's writing, if known."""
    ended = interview.ended
    if ended is None:
        return None
    delta = (entry.created - ended).total_seconds()
    return int(delta // 60) if delta >= 0 else None


def check_fields(entry: Entry) -> None:
    """Raise ValidationError for anything wrong with ``entry`` other than having
    no text yet: ``new`` checks its flags this way before the first prompt, so
    nobody answers every question only to be told a rating was out of range."""
    probe = replace(
        entry,
        body=entry.body or "(not written yet)",
        sections=list(entry.sections),
        concepts=list(entry.concepts),
        themes=list(entry.themes),
        excerpts=list(entry.excerpts),
        ratings=dict(entry.ratings),
    )
    probe.validate()


def write_entry(
    journal: Journal,
    entry: Entry,
    *,
    interview: Interview | None = None,
    draft_id: str | None = None,
) -> Entry:
    """Save a new ``entry`` and, once it is durably saved, discard ``draft_id``.

    A reflection on an interview records how soon it was written and moves
    the interview on to 'reflected'; its answers to the pack's carry-forward
    prompts become open questions (services/questions.py). If anything fails
    the error is raised and the draft stays, so the text can be resumed.
    """
    if interview is not None:
        entry.interview = interview.code
        if entry.kind == "interview" and entry.written_after_minutes is None:
            entry.written_after_minutes = minutes_after(entry, interview)
    if entry.sections or entry.questions:
        # Only a reflection's answers carry questions forward: a memo (`new -m`)
        # does not import what carries them (coding and transcripts, 4 ms).
        from eftertanke.services.questions import carry_questions

        carry_questions(entry)
    entry.validate()
    with journal.lock:
        journal.add_entry(entry)
        if interview is not None and entry.kind == "interview":
            _mark_reflected(journal, interview)
    if draft_id:
        journal.discard_draft(draft_id)
    return entry


def _mark_reflected(journal: Journal, interview: Interview) -> None:
    """Under the lock: move the interview on as stored now. The caller's copy
    may be stale; writing it back whole would undo someone's edit of its
    notes, so a stale copy is replaced by the stored one (read under the
    lock, so the second try cannot be stale)."""
    current: Interview | None = interview
    for _ in range(2):
        if current is None or current.status not in BEFORE_REFLECTION:
            return
        moved = replace(current, status="reflected")
        try:
            journal.update_interview(moved, expected_revision=current.revision)
        except RevisionConflictError as conflict:
            assert conflict.current is None or isinstance(conflict.current, Interview)
            current = conflict.current
            continue
        interview.status = moved.status
        return


def write_new_entry(
    journal: Journal,
    entry: Entry,
    *,
    new_themes: Mapping[str, str] | None = None,
    draft_id: str | None = None,
) -> Entry:
    """The app's "save" of a written entry: the themes it names that the codebook
    lacks (``new_themes``: name → concept) are added in the same save, the
    entry is linked to its interview (``entry.interview``) and saved, and the
    draft goes last. A refused entry takes its new themes back with it."""
    # The app's save, not `new -m`'s: a memo from the shell does not import it.
    from eftertanke.services.themes import respell_themes, with_new_themes

    entry.validate()  # before any theme is made for it

    def save() -> None:
        respell_themes(journal, entry)
        interview = journal.get_interview(entry.interview) if entry.interview else None
        write_entry(journal, entry, interview=interview)

    with_new_themes(journal, new_themes, save)
    if draft_id:
        journal.discard_draft(draft_id)
    return entry


def save_new_entry(journal: Journal, entry: Entry, interview: Interview | None = None) -> Entry:
    """``write_entry`` without a draft (kept for callers that have none)."""
    return write_entry(journal, entry, interview=interview)
