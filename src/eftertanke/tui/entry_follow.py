"""The entry view following its entry on disk, and the edit that starts from it.

A cheap re-read (the journal's file cache only stats the shard) runs on a
timer, on returning to the screen and before ``e`` opens the editor, so an edit
from a shell meanwhile is shown and the editor starts from what is stored now.
When the edit dialog left a draft of this entry (a crash, a closed terminal),
a line says so: ``e`` continues that edit, ``D`` discards it.

``EntryFollowing`` is mixed into the entry view (tui/screens/entry.py), which
owns the draft line, the keys and the timer; this holds what they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.widgets import Static

from eftertanke.dates import format_datetime
from eftertanke.domain import Entry
from eftertanke.services import entry_actions
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.strings import said

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp


class EntryFollowing:
    """Mixed into a ``BaseScreen`` with ``entry_id`` and ``entry``."""

    eapp: EftertankeApp
    entry_id: str
    entry: Entry | None
    # The edit dialog's draft of this entry, if one was left behind.
    edit_draft: dict[str, Any] | None
    _editor: Any
    # The id of a draft the edit dialog is removing as it closes.
    _closing_draft: str | None
    app: Any
    notify: Any
    query_one: Any
    refresh_bindings: Any
    t: Any

    def _differs(self, stored: Entry | None) -> bool:
        shown = self.entry
        if stored is None or shown is None:
            return (stored is None) != (shown is None)
        return (stored.revision, stored.updated, stored.deleted) != (
            shown.revision,
            shown.updated,
            shown.deleted,
        )

    def _stored_entry(self) -> Entry | None:
        return entry_actions.stored_entry(self.eapp.journal, self.entry_id)

    @work(thread=True, exclusive=True, group="entry-disk-check")
    def _check_disk(self) -> None:
        stored = self._stored_entry()
        draft = self._find_draft()
        self.app.call_from_thread(self._disk_checked, stored, draft)

    def _disk_checked(self, stored: Entry | None, draft: dict[str, Any] | None) -> None:
        if draft is None:
            self._closing_draft = None
        elif draft.get("draft_id") == self._closing_draft:
            draft = None
        if self._differs(stored):
            # Changed elsewhere (a shell, another window): rebuild the index,
            # which redraws this view with the stored entry.
            self.eapp.journal_changed()
        self._show_draft(draft)

    def _find_draft(self) -> dict[str, Any] | None:
        return entry_actions.edit_draft_of(self.eapp.journal, self.entry_id)

    def _show_draft(self, draft: dict[str, Any] | None, *, redraw: bool = False) -> None:
        line = self.query_one("#entry-draft", Static)
        if draft == self.edit_draft and line.display == (draft is not None) and not redraw:
            return  # the timer's usual case: nothing new
        self.edit_draft = draft
        line.display = draft is not None
        if draft is not None:
            from eftertanke.services.drafts import describe

            saved = describe(draft).saved
            when = format_datetime(saved, self.eapp.lang) if saved else "?"
            line.update(Content(self.t("edit_draft", when=when)))
        self.refresh_bindings()

    # -- editing -------------------------------------------------------------

    def action_edit(self) -> None:
        if self.entry is None or self.entry.deleted is not None:
            return
        from eftertanke.tui.screens.reflection_edit import editor_for

        # Read the entry from disk first (a stat, and the shard only if it
        # changed): the editor must start from what is stored now, not from a
        # view that an edit elsewhere made stale.
        stored = self._stored_entry()
        if self._differs(stored):
            self.eapp.journal_changed()
        self.entry = stored
        self._show_draft(self._find_draft())
        if stored is None or stored.deleted is not None:
            return
        # A guided entry gets the reflection editor (every answer, quote, theme,
        # rating and the link), a plain one the title-and-body dialog.
        self._editor = editor_for(stored, draft=self.edit_draft)
        self.app.push_screen(self._editor, self._edit_closed)

    def _edit_closed(self, _result: object) -> None:
        editor, self._editor = self._editor, None
        if editor is not None and editor.draft_closed:
            # The dialog is removing its draft in a worker of its own; a disk
            # check that runs first must not bring the line back meanwhile.
            self._closing_draft = editor.draft_id
            self._show_draft(None)
        self._check_disk()

    def action_discard_draft(self) -> None:
        if self.edit_draft is not None:
            self._discard_draft(str(self.edit_draft.get("draft_id") or ""))

    @work(thread=True, exclusive=True, group="entry-io")
    def _discard_draft(self, draft_id: str) -> None:
        try:
            entry_actions.discard_draft(self.eapp.journal, draft_id)
        except (EftertankeError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._draft_discarded)

    def _draft_discarded(self) -> None:
        self._show_draft(None)
        self.eapp.drafts_changed()
        self.notify(self.t("draft_discarded"), timeout=3)
