"""Editing an entry in place: its title and body, saved in a worker.

The text stays in the editor until the save has succeeded; a failed save
(an empty entry, a locked or unwritable journal) is reported and nothing
typed is lost. While editing, the text is kept as a draft every couple of
seconds (``edit-<id>``), so a crash mid-edit loses at most that much; the
draft is offered back (Home, the entry view) and opens this dialog again with
it. The draft is removed only once the save is durable, or when the person
chooses to discard the edit.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from eftertanke.domain import MAX_TITLE, Entry, ValidationError
from eftertanke.services import drafts
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said

DRAFT_EVERY_SECONDS = 1.5


def editor_language() -> str | None:
    """Markdown highlighting when tree-sitter is installed (textual[syntax]); plain text if not."""
    try:
        import tree_sitter_markdown  # noqa: F401
    except ImportError:
        return None
    return "markdown"


class EditEntryScreen(BaseModal):
    CSS_PATH = "entry_edit.tcss"
    AUTO_FOCUS = "#edit-body"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, entry: Entry, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.entry = entry
        self._saving = False
        self._discard_armed = False
        # The revision the edit started from: a resumed draft keeps its own,
        # so an entry changed since the crash is not overwritten either.
        resumed = drafts.base_revision(draft) if draft is not None else None
        self.base_revision: int = resumed if resumed is not None else entry.revision
        self._initial: tuple[str, str] = (entry.title, entry.body)
        if draft is not None:
            self._initial = (str(draft.get("title") or ""), str(draft.get("body") or ""))
        self._draft_saved: tuple[str, str] = self._initial
        # A resumed draft is on disk already and must go once the edit is saved.
        self._draft_written = draft is not None
        # Draft writes and the final removal run in threads: the lock and the
        # closed flag make sure no late write brings a removed draft back.
        self._draft_lock = threading.Lock()
        self._draft_closed = False

    @property
    def draft_id(self) -> str:
        return drafts.edit_draft_id(self.entry.id)

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(id="edit-heading", classes="panel-title")
            yield Input(value=self._initial[0], id="edit-title", max_length=MAX_TITLE)
            yield TextArea(
                self._initial[1],
                id="edit-body",
                language=editor_language(),
                soft_wrap=True,
                show_line_numbers=False,
            )
            yield Static(id="edit-message")
            with Horizontal(id="edit-buttons"):
                yield Button(id="edit-save", variant="primary")
                yield Button(id="edit-cancel")

    def refresh_texts(self) -> None:
        self.query_one("#edit-heading", Static).update(self.t("heading"))
        self.query_one("#edit-title", Input).placeholder = self.t("title_placeholder")
        self.query_one("#edit-save", Button).label = self.t("save")
        self.query_one("#edit-cancel", Button).label = self.t("cancel")

    def on_mount(self) -> None:
        # BaseModal.on_mount runs too (Textual calls each class's handler).
        self.set_interval(DRAFT_EVERY_SECONDS, self._keep_draft)

    # -- reading the editor ---------------------------------------------------

    def edited(self) -> tuple[str, str]:
        return self.query_one("#edit-title", Input).value, self.query_one(
            "#edit-body", TextArea
        ).text

    @property
    def dirty(self) -> bool:
        return self.edited() != (self.entry.title, self.entry.body)

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#edit-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._discard_armed = False

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._discard_armed = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#edit-body", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "edit-save":
            self.action_save()
        elif event.button.id == "edit-cancel":
            self.action_cancel()

    # -- drafts ---------------------------------------------------------------

    def _keep_draft(self) -> None:
        edited = self.edited()
        if self._saving or edited == self._draft_saved or not self.dirty:
            return
        self._draft_saved = edited
        self._draft_written = True
        self._write_draft(drafts.edit_draft(self.entry.id, *edited, self.base_revision))

    @work(thread=True, exclusive=True, group="edit-draft")
    def _write_draft(self, data: dict[str, Any]) -> None:
        try:
            with self._draft_lock:
                if not self._draft_closed:
                    self.eapp.journal.save_draft(self.draft_id, data)
        except (EftertankeError, ValidationError, OSError):
            # A draft is a safety net; the editor still holds the text.
            pass

    @property
    def draft_closed(self) -> bool:
        """True once this dialog has let go of its draft (saved or discarded)."""
        return self._draft_closed

    def _discard_draft(self) -> None:
        self._draft_closed = True
        if self._draft_written:
            self._draft_written = False
            self._remove_draft()

    @work(thread=True, group="edit-draft-discard")
    def _remove_draft(self) -> None:
        self._remove_draft_now()

    def _remove_draft_now(self) -> None:
        try:
            with self._draft_lock:
                self.eapp.journal.discard_draft(self.draft_id)
        except (EftertankeError, OSError):
            pass

    # -- saving ---------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        if not self.dirty:
            self._discard_draft()
            self.dismiss(None)
            return
        self._saving = True
        self._say(self.t("saving"))
        title, body = self.edited()
        self._save(title, body)

    @work(thread=True, exclusive=True, group="edit-save")
    def _save(self, title: str, body: str) -> None:
        from eftertanke.services.editing import save_edit

        journal = self.eapp.journal
        edited = replace(self.entry, title=title, body=body)
        try:
            # Saved only if nobody changed the entry since this dialog opened
            # (a CLI edit, another window); otherwise the stored version stays
            # and this text becomes a conflict copy. Either way nothing is lost.
            outcome = save_edit(journal, edited, self.base_revision)
        except (EftertankeError, ValidationError, OSError) as exc:
            self.app.call_from_thread(self._save_failed, said(exc, self.eapp.lang))
            return
        # The save is durable now, so the draft may go (and not before).
        self._draft_closed = True
        self._remove_draft_now()
        copy = outcome.conflict_copy
        self.app.call_from_thread(self._saved, copy.id if copy is not None else None)

    def _save_failed(self, error: str) -> None:
        self._saving = False
        message = self.t("failed", error=error)
        self._say(message, error=True)
        self.notify(message, severity="error", markup=False)
        # Keep what was typed on disk too, in case the app goes down next.
        self._keep_draft()

    def _saved(self, conflict_copy: str | None) -> None:
        self._saving = False
        self._draft_written = False
        self.eapp.journal_changed()
        if conflict_copy is None:
            self.notify(self.eapp.tr("saved"), timeout=2)
        else:
            self.notify(self.t("saved_as_copy"), severity="warning", timeout=12, markup=False)
        self.dismiss(conflict_copy)

    def action_cancel(self) -> None:
        if self._saving:
            return
        if self.dirty and not self._discard_armed:
            self._discard_armed = True
            self._say(self.t("unsaved"), error=True)
            return
        self._discard_draft()
        self.dismiss(None)
