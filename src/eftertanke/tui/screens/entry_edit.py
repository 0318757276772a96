"""Editing an entry in place: its title and body, saved in a worker.

The text stays in the editor until the save has succeeded; a failed save
(an empty entry, a locked or unwritable journal) is reported and nothing
typed is lost. While editing, the text is kept as a draft every couple of
seconds (``edit-<id>``), so a crash mid-edit loses at most that much; the
draft is offered back (Home, the entry view) and opens this dialog again with
it. The draft is removed only once the save is durable, or when the person
chooses to discard the edit. The draft's ``DraftKeeper``
(services/draft_keeper.py) makes sure that a write landing after the save or
the discard never brings it back; the save is ``services.editing.save_edit``
run through ``run_write``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from eftertanke.domain import MAX_TITLE, Entry, ValidationError
from eftertanke.services import drafts
from eftertanke.services.draft_keeper import DraftKeeper
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.data import WriteDone, WriteFailed, run_write
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said

DRAFT_EVERY_SECONDS = 1.5
SAVE = "entry-edit"


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
        # Draft writes and the final removal run in threads; the keeper makes
        # sure no late write brings a removed draft back. A resumed draft is
        # on disk already and must go once the edit is saved.
        self._draft = DraftKeeper(drafts.edit_draft_id(entry.id), on_disk=draft is not None)

    @property
    def draft_id(self) -> str:
        return self._draft.draft_id

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
        data = drafts.edit_draft(self.entry.id, *edited, self.base_revision)
        # An app-level worker: it must finish even if this dialog closes.
        self.eapp.run_worker(
            lambda: self._write_draft(data), thread=True, group="edit-draft", exit_on_error=False
        )

    def _write_draft(self, data: dict[str, Any]) -> None:
        try:
            self._draft.write(self.eapp.journal, data)
        except (EftertankeError, ValidationError, OSError):
            # A draft is a safety net; the editor still holds the text.
            pass

    @property
    def draft_closed(self) -> bool:
        """True once this dialog has let go of its draft (saved or discarded)."""
        return self._draft.closed

    def _discard_draft(self) -> None:
        # App-level, like the draft writes: it must run even as the dialog closes.
        self._draft.close()
        self.eapp.run_worker(
            self._remove_draft_now, thread=True, group="edit-draft-discard", exit_on_error=False
        )

    def _remove_draft_now(self) -> None:
        """Let go of the draft and remove it (from a worker thread)."""
        try:
            self._draft.discard(self.eapp.journal)
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
        edited = replace(self.entry, title=title, body=body)
        journal, base, keeper = self.eapp.journal, self.base_revision, self._draft
        drop_draft = self._remove_draft_now

        def save() -> Any:
            from eftertanke.services.editing import save_edit

            # Saved only if nobody changed the entry since this dialog opened
            # (a CLI edit, another window); otherwise the stored version stays
            # and this text becomes a conflict copy. Either way nothing is lost.
            # No draft write lands meanwhile; a refused save keeps the draft.
            with keeper.saving():
                outcome = save_edit(journal, edited, base)
            # The save is durable now, so the draft may go (and not before).
            drop_draft()
            return outcome

        run_write(self, SAVE, save)

    def on_write_failed(self, message: WriteFailed) -> None:
        if message.what != SAVE:
            return
        message.stop()
        self._saving = False
        error = self.t("failed", error=said(message.error, self.eapp.lang))
        self._say(error, error=True)
        self.notify(error, severity="error", markup=False)
        # Keep what was typed on disk too, in case the app goes down next.
        self._keep_draft()

    def on_write_done(self, message: WriteDone) -> None:
        if message.what != SAVE:
            return
        message.stop()
        self._saving = False
        copy = message.result.conflict_copy
        if copy is None:
            self.notify(self.eapp.tr("saved"), timeout=2)
        else:
            self.notify(self.t("saved_as_copy"), severity="warning", timeout=12, markup=False)
        self.dismiss(copy.id if copy is not None else None)

    def action_cancel(self) -> None:
        if self._saving:
            return
        if self.dirty and not self._discard_armed:
            self._discard_armed = True
            self._say(self.t("unsaved"), error=True)
            return
        self._discard_draft()
        self.dismiss(None)
