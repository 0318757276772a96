"""Saving an edit that may have raced another writer, without losing either text.

An editor (``$EDITOR``, the TUI's entry editor) reads an entry, lets a
person work on it for as long as they like, and then writes it back. Another
process may have changed, trashed or removed the entry meanwhile. The edit
names the revision it started from; when that is no longer the stored one
the stored version stays as it is and the edited text is saved beside it as
a *conflict copy*, the same kind of entry a merge keeps from its losing side
(``conflict_of`` = the original's id, an id derived the way merge derives
it, in the same shard). An entry trashed meanwhile stays in the trash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eftertanke.domain import Entry, now
from eftertanke.services.merge import conflict_copy_id
from eftertanke.services.questions import carry_questions
from eftertanke.services.themes import respell_themes, with_new_themes
from eftertanke.store.errors import RevisionConflictError
from eftertanke.store.journal import Journal


@dataclass(frozen=True, slots=True)
class EditOutcome:
    """What an edit became.

    ``entry`` is the entry as it now stands in the journal: the edit itself
    when it was saved, else the stored version that was kept (or, when the
    entry was removed outright meanwhile, the conflict copy). ``conflict_copy``
    is the edited text saved as a new entry, or None when the edit went in.
    """

    entry: Entry
    conflict_copy: Entry | None = None

    @property
    def conflicted(self) -> bool:
        return self.conflict_copy is not None


def save_edit(
    journal: Journal,
    edited: Entry,
    base_revision: int,
    *,
    new_themes: Mapping[str, str] | None = None,
) -> EditOutcome:
    """Save ``edited`` if its entry is still at ``base_revision``; otherwise keep
    what is stored and save the edit as a conflict copy. Validation and link
    errors of the edit itself are raised, and nothing is saved then.

    ``new_themes`` (name → concept) are themes the edit names that the
    codebook lacks, chosen with the picker's "+ Create": they are added in
    this save, and taken back when the edit is refused. The edit's answers
    to carry-forward prompts update its questions (``carry_forward``: an
    unchanged line keeps its question, an answered or dropped one stays)."""
    carry_questions(edited)
    edited.validate()  # before any theme is made for it

    def save() -> EditOutcome:
        respell_themes(journal, edited)
        try:
            return EditOutcome(journal.update_entry(edited, expected_revision=base_revision))
        except RevisionConflictError as conflict:
            current = conflict.current
            copy = conflict_copy(journal, edited)
            assert current is None or isinstance(current, Entry)
            return EditOutcome(current if current is not None else copy, copy)

    return with_new_themes(journal, new_themes, save)


def conflict_copy(journal: Journal, edited: Entry) -> Entry:
    """Save ``edited`` as a conflict copy of its entry and return the copy."""
    # A copy of a copy belongs to the same original: one list to choose from.
    original_id = edited.conflict_of or edited.id
    copy = Entry.from_dict(edited.to_dict())
    copy.deleted = None
    copy.conflict_of = original_id
    copy.updated = now()
    copy.updated_by = journal.author or edited.updated_by
    copy.id = conflict_copy_id(original_id, copy.to_dict())
    # Links are not checked: the copy is text a person wrote, and a theme
    # renamed or an interview recoded meanwhile must not cost them that text
    # (merge keeps its conflict copies the same way; doctor lists them).
    return journal.add_entry(copy, check_links=False)


__all__ = ["EditOutcome", "conflict_copy", "save_edit"]
