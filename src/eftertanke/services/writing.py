"""Saving a new entry, with what linking it to an interview implies."""

from __future__ import annotations

from eftertanke.domain import Entry, Interview
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


def save_new_entry(journal: Journal, entry: Entry, interview: Interview | None = None) -> Entry:
    """Add ``entry``; a reflection on an interview records how soon it was written
    and moves the interview on to 'reflected'."""
    if interview is not None:
        entry.interview = interview.code
        if entry.kind == "interview" and entry.written_after_minutes is None:
            entry.written_after_minutes = minutes_after(entry, interview)
    journal.add_entry(entry)
    if interview is not None and entry.kind == "interview" and interview.status in BEFORE_REFLECTION:
        interview.status = "reflected"
        journal.update_interview(interview)
    return entry
