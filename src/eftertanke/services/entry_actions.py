"""What the entry view does to the entry it shows, one use case each.

The view (``tui/screens/entry.py``) calls these from workers and never the
journal itself. A theme linked or unlinked from the view is saved at once,
against the revision the view showed: when the entry changed elsewhere since
(a shell, another window) nothing is written and the error says so in one
line; the view then shows the entry as stored and the person can try again.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from eftertanke.domain import Entry
from eftertanke.services.themes import respell_themes, with_new_themes
from eftertanke.store.errors import EftertankeError, NotFoundError
from eftertanke.store.journal import Journal


def stored_entry(journal: Journal, entry_id: str) -> Entry | None:
    """The entry as stored now (trash included), or None when it is gone or unreadable."""
    try:
        return journal.get_entry(entry_id)
    except (EftertankeError, OSError):
        return None


def link_theme(
    journal: Journal,
    entry_id: str,
    name: str,
    base_revision: int,
    *,
    concept: str | None = None,
) -> Entry:
    """Code the whole entry with the theme ``name``; with ``concept`` the theme is
    new and is added to the codebook in the same save (and taken back if the
    entry cannot be saved). Returns the entry as saved."""

    def save() -> Entry:
        entry = _current(journal, entry_id)
        wanted = " ".join(name.split()).casefold()
        if any(th.casefold() == wanted for th in entry.themes):
            return entry
        edited = replace(entry, themes=[*entry.themes, name])
        respell_themes(journal, edited)
        return journal.update_entry(edited, expected_revision=base_revision)

    return with_new_themes(journal, {name: concept} if concept else None, save)


def unlink_theme(journal: Journal, entry_id: str, name: str, base_revision: int) -> Entry:
    """Take the theme ``name`` off the whole entry (its quotes and coded passages
    keep theirs). Returns the entry as saved."""
    with journal.lock:
        entry = _current(journal, entry_id)
        wanted = " ".join(name.split()).casefold()
        kept = [th for th in entry.themes if th.casefold() != wanted]
        if kept == entry.themes:
            return entry
        return journal.update_entry(replace(entry, themes=kept), expected_revision=base_revision)


def _current(journal: Journal, entry_id: str) -> Entry:
    entry = journal.get_entry(entry_id)
    if entry.deleted is not None:
        raise NotFoundError(
            f"entry {entry_id[:8]} is in the trash; restore it first",
            key="error.entry_in_trash",
            id=entry_id[:8],
        )
    return entry


def set_trashed(journal: Journal, entry_id: str, trashed: bool) -> Entry:
    """Move the entry to the trash, or back out of it."""
    if trashed:
        return journal.delete_entry(entry_id)
    return journal.restore_entry(entry_id)


def discard_draft(journal: Journal, draft_id: str) -> None:
    """Let go of a kept edit (the person chose to, in the view)."""
    journal.discard_draft(draft_id)


def edit_draft_of(journal: Journal, entry_id: str) -> dict[str, Any] | None:
    """The kept edit of the entry, if a crash or a closed terminal left one."""
    from eftertanke.services.drafts import edit_draft_for

    try:
        return edit_draft_for(journal, entry_id)
    except (EftertankeError, OSError):
        return None


def export_entry(entry: Entry, path: Path, *, overwrite: bool, lang: str) -> None:
    """Write the entry as Markdown to ``path`` (atomically); an existing file is
    kept unless ``overwrite``. OSError carries the one line to show."""
    from eftertanke.export.markdown import entry_markdown
    from eftertanke.fileio import atomic_write_bytes

    data = entry_markdown(entry, lang).encode("utf-8", errors="replace")
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    atomic_write_bytes(path, data)


__all__ = [
    "discard_draft",
    "edit_draft_of",
    "export_entry",
    "link_theme",
    "set_trashed",
    "stored_entry",
    "unlink_theme",
]
