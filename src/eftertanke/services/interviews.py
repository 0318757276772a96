"""The interview record's use cases: save a new or changed interview (the
app's interview form, in its save worker; the command line's ``interview
add`` and ``interview edit`` check the same rules in the store)."""

from __future__ import annotations

from eftertanke.domain import Interview
from eftertanke.store.journal import Journal


def save_interview(
    journal: Journal,
    interview: Interview,
    *,
    old_code: str | None = None,
    expected_revision: int | None = None,
) -> Interview:
    """Add ``interview`` (``old_code`` None) or save it over the record it was
    opened from. An edit checks ``expected_revision``: a record changed
    elsewhere meanwhile raises ``RevisionConflictError`` and nothing is written.
    A taken code is refused either way."""
    if old_code is None:
        return journal.add_interview(interview)
    return journal.update_interview(
        interview, old_code=old_code, expected_revision=expected_revision
    )
