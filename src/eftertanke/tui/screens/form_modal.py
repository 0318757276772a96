"""The frame every modal form of the app shares (the interview form, the
theme forms): a title, fields, one inline error line, Save and Cancel.

A form checks what it can at once (``prepare``: dates, numbers, the domain
rules, a duplicate) and returns the save, which runs in a worker through a
use case in ``services``; a failure keeps the form open with everything
typed, and the message shown under the fields. On success the form calls
``app.journal_changed()`` and dismisses with its result.

What is typed is kept as a draft while the form is open (``FormDrafts``) and
offered back after a crash. An edit saves with the revision the form opened
with: if the record changed elsewhere meanwhile, nothing is overwritten, the
form stays open with the text and ctrl+r brings in the other changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from eftertanke.domain import ValidationError
from eftertanke.store.errors import EftertankeError, RevisionConflictError
from eftertanke.tui.form_drafts import FormDrafts
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said


class FieldError(ValidationError):
    """A validation error that belongs to one field of a form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def refill_select(select: Select[str], options: Any, prompt: str | None = None) -> bool:
    """New options (and prompt) for a form's choice, keeping what was chosen:
    ``set_options`` clears it, and a form redraws its options on a change of
    language. False when nothing had been chosen."""
    current = select.value
    select.set_options(options)
    if prompt is not None:
        select.prompt = prompt
    if current is Select.NULL:
        return False
    select.value = current
    return True


class FormModal(FormDrafts, BaseModal):
    """A modal form: a title, fields, an inline error line, Save and Cancel."""

    CSS_PATH = "interview_form.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+r", "reload", "Reload", show=False),
    ]

    def __init__(self, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._saving = False
        self.init_drafts(draft)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(id="form-title", classes="form-title")
            with VerticalScroll(classes="form-fields"):
                # Inside the scroll: on a small terminal it never pushes Save out.
                yield from self.compose_aside()
                yield from self.compose_fields()
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("", id="form-save", variant="primary", compact=True)
                yield Button("", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        # Textual runs this before BaseModal.on_mount labels the form and
        # fills the Selects' options, so loading values waits a turn.
        self.call_later(self._load)

    def _load(self) -> None:
        self.loaded()
        self.start_drafts()

    def loaded(self) -> None:
        """Fill the fields once the form is labelled; subclasses override."""

    def reload_record(self) -> bool:
        """Read the stored record again (after a conflict); True if there is one."""
        return False

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def compose_aside(self) -> ComposeResult:
        """What the form shows beside its fields; subclasses override."""
        yield from ()

    def field_row(self, name: str, widget: Widget) -> Horizontal:
        """One label-and-widget line; ``widget`` gets the id ``f-NAME``."""
        widget.id = f"f-{name}"
        return Horizontal(
            Label("", id=f"l-{name}", classes="form-label"), widget, classes="form-row"
        )

    def form_title(self) -> Content:
        return Content("")

    def refresh_texts(self) -> None:
        self.query_one("#form-title", Static).update(self.form_title())
        self.query_one("#form-save", Button).label = self.t("save")
        self.query_one("#form-cancel", Button).label = self.t("cancel")
        for label in self.query(".form-label").results(Label):
            label.update(self.t((label.id or "l-").removeprefix("l-")))

    # -- saving ----------------------------------------------------------------

    def prepare(self) -> Callable[[], Any]:
        """Read and check the fields; return the save to run in a worker."""
        raise NotImplementedError

    def show_error(self, message: str, field: str | None = None) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        if field:
            for widget in self.query(f"#f-{field}"):
                widget.add_class("-invalid")
                widget.focus()

    def action_save(self) -> None:
        if self._saving:
            return
        try:
            job = self.prepare()
        except ValidationError as exc:
            self.show_error(said(exc, self.eapp.lang), getattr(exc, "field", None))
            return
        self._saving = True
        self.show_error(self.t("saving"))
        self._run_save(job)

    @work(thread=True, exclusive=True, group="form-save")
    def _run_save(self, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except (ValidationError, EftertankeError, OSError) as exc:
            self.app.call_from_thread(self._save_failed, exc)
        else:
            # Durable now: the draft may go.
            self.drop_draft_now()
            self.app.call_from_thread(self._saved, result)

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, RevisionConflictError):
            self.show_error(self.t("changed_elsewhere"))
            self.notify(self.t("changed_elsewhere"), severity="warning", timeout=10)
        else:
            self.show_error(said(exc, self.eapp.lang), getattr(exc, "field", None))
        self.keep_draft()

    def _saved(self, result: Any) -> None:
        self.eapp.journal_changed()
        self.dismiss(result)

    def action_reload(self) -> None:
        """Bring in the stored record's changes; fields the person changed keep their text."""
        if self._saving or self._opened_fields is None:
            return
        mine = self.field_values()
        opened = self._opened_fields
        if not self.reload_record():
            return
        stored = self.field_values()
        self._opened_fields = stored
        self.put_fields({k: v for k, v in mine.items() if v != opened.get(k)})
        self.show_error(self.t("reloaded"))

    def action_cancel(self) -> None:
        # Cancel is the person choosing to drop what the form holds, draft too.
        if not self._saving:
            self.drop_draft()
            self.dismiss(None)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
