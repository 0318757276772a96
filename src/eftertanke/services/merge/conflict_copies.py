"""Conflict copies in a journal: list them, say what they are, keep one version.

A merge keeps the losing words of an entry both sides changed as a copy
(``conflict_of`` the original); the person reads both and keeps one.
"""

from __future__ import annotations

from typing import Any

from eftertanke.domain import Entry
from eftertanke.services.merge.codings import (
    merge_codings,
)
from eftertanke.store.errors import JournalError


def conflict_copies(journal: Any) -> list[Entry]:
    """Live conflict copies (entries kept from the losing side of a merge), oldest first."""
    found = [Entry.from_dict(d) for d in journal.raw_entries() if d.get("conflict_of")]
    found.sort(key=lambda e: (e.created, e.id))
    return found


def describe_conflict_copies(journal: Any) -> list[str]:
    """One line per live conflict copy, for ``eftertanke doctor``."""
    lines = []
    for copy in conflict_copies(journal):
        who = copy.updated_by or copy.author or "someone"
        lines.append(
            f"entry {copy.id[:8]} is a conflict copy of {str(copy.conflict_of)[:8]}: "
            f"{who}'s version was saved beside it after a merge or a concurrent edit "
            f"({copy.display_title(40)}); open it and keep one version (k in the entry "
            "view), or delete the copy"
        )
    return lines


def copies_of(journal: Any, entry_id: str) -> list[Entry]:
    return [e for e in conflict_copies(journal) if e.conflict_of == entry_id]


def keep_version(journal: Any, entry_id: str) -> Entry:
    """Make one version of a conflicted entry the entry; the other versions go to the trash.

    For a conflict copy: the original takes the copy's content (keeping its
    own id, creation time and author) and every copy of it goes to the trash.
    The codings of both stay: they are re-anchored into the kept text (a span
    whose words are not in it is flagged for review, never dropped).
    For an original: its copies go to the trash. Returns the entry kept.
    """
    from eftertanke.store.errors import NotFoundError

    with journal.lock:
        journal.invalidate_cache()
        chosen = journal.get_entry(entry_id)
        if chosen.deleted is not None:
            raise JournalError(f"entry {chosen.id[:8]} is in the trash; restore it first")
        original_id = chosen.conflict_of or chosen.id
        try:
            original = journal.get_entry(original_id)
        except NotFoundError:
            original = None
        if chosen.conflict_of and original is None:
            # The original is gone for good: the copy becomes a plain entry.
            chosen.conflict_of = None
            journal.update_entry(chosen, check_links=False)
            return chosen
        assert original is not None
        kept = original
        if chosen.conflict_of:
            codings = merge_codings(
                original.to_dict()["codings"], chosen.to_dict()["codings"]
            ).codings
            kept = Entry.from_dict(
                {
                    **chosen.to_dict(),
                    "codings": codings,
                    "id": original.id,
                    "created": original.to_dict()["created"],
                    "author": original.author,
                    "conflict_of": original.conflict_of,
                    "deleted": None,
                }
            )
            journal.update_entry(kept, check_links=False)
        elif not copies_of(journal, original.id):
            raise JournalError(f"entry {original.id[:8]} has no conflict copies")
        for copy in copies_of(journal, original.id):
            journal.delete_entry(copy.id)
        return kept
