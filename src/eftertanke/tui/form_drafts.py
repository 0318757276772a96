"""Drafts for the modal forms (interview, theme): what is typed survives a crash.

Every ``DRAFT_EVERY_SECONDS`` the form's fields (each ``Input`` and ``Select``
with an id ``f-NAME``) are compared with the last draft written; when they
changed and differ from what the form opened with, they are written as a
draft in a worker (the entry edit dialog does the same). The draft goes only
once the save is durable, or when the person cancels the form. A form opened
from a draft starts from the record as stored and then lays the draft's
fields over it, so the text comes back exactly as typed.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select

from eftertanke.domain import ValidationError
from eftertanke.services import drafts
from eftertanke.services.draft_keeper import DraftKeeper
from eftertanke.store.errors import EftertankeError

DRAFT_EVERY_SECONDS = 1.5

Fields = dict[str, str | None]


class FormDrafts:
    """Mixed into ``FormModal``; a form says what it is with ``draft_form`` and
    ``draft_record`` (``None`` for a form that keeps no draft)."""

    draft_form: str | None = None

    def init_drafts(self, draft: dict[str, Any] | None) -> None:
        self.resumed_draft = draft
        # The draft's keeper (services.draft_keeper): writes and the final
        # removal run in threads, and no late write brings a removed draft back.
        # A new form's draft gets its id with its first write.
        self._draft: DraftKeeper | None = (
            DraftKeeper(str(draft["draft_id"]), on_disk=True)
            if draft and draft.get("draft_id")
            else None
        )
        self._opened_fields: Fields | None = None
        self._draft_fields: Fields | None = None
        self._draft_closed = False

    # -- what the form is about (overridden by each form) -----------------------

    def draft_record(self) -> tuple[str | None, str | None, int | None]:
        """(name shown, stable id, revision opened with) of the record edited."""
        return None, None, None

    # -- the fields -------------------------------------------------------------

    def field_values(self) -> Fields:
        values: Fields = {}
        for widget in self.query(".form-fields Input, .form-fields Select"):  # type: ignore[attr-defined]
            name = (widget.id or "").removeprefix("f-")
            if not name or name == widget.id:
                continue
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, Select):
                values[name] = None if widget.value is Select.NULL else str(widget.value)
        return values

    def put_fields(self, fields: Fields) -> None:
        """Set the fields named in ``fields``; a choice no longer offered is left alone."""
        for name, value in fields.items():
            for widget in self.query(f"#f-{name}"):  # type: ignore[attr-defined]
                if isinstance(widget, Input):
                    widget.value = str(value or "")
                elif isinstance(widget, Select):
                    if value is None:
                        widget.clear()
                    else:
                        try:
                            widget.value = value
                        except Exception:  # noqa: BLE001 - InvalidSelectValueError: option gone
                            pass

    def start_drafts(self) -> None:
        """Called once the form is filled: remember that state, lay a resumed draft over it."""
        self._opened_fields = self.field_values()
        if self.resumed_draft is not None:
            fields = self.resumed_draft.get("fields")
            if isinstance(fields, dict):
                self.put_fields({str(k): v for k, v in fields.items()})
            self._draft_fields = self.field_values()
        if self.draft_form is not None:
            self.set_interval(DRAFT_EVERY_SECONDS, self.keep_draft)  # type: ignore[attr-defined]

    @property
    def fields_changed(self) -> bool:
        return self._opened_fields is not None and self.field_values() != self._opened_fields

    # -- writing and removing ---------------------------------------------------

    def opened_revision(self) -> int | None:
        """The revision a save must find stored. A resumed draft keeps the one
        its first session opened with: a record changed since is a conflict."""
        revision = self.draft_record()[2]
        if self.resumed_draft is not None:
            resumed = drafts.base_revision(self.resumed_draft)
            revision = resumed if resumed is not None else revision
        return revision

    def draft_data(self, fields: Fields) -> dict[str, Any]:
        name, record_id, _revision = self.draft_record()
        return drafts.form_draft(
            str(self.draft_form), name, record_id, self.opened_revision(), fields
        )

    def keep_draft(self) -> None:
        if self.draft_form is None or self._draft_closed or getattr(self, "_saving", False):
            return
        fields = self.field_values()
        if fields == self._draft_fields or not self.fields_changed:
            return
        if self._draft is None:
            self._draft = DraftKeeper(drafts.form_draft_id(self.draft_form, self.draft_record()[1]))
        self._draft_fields = fields
        data = self.draft_data(fields)
        keeper = self._draft
        self.app.run_worker(  # type: ignore[attr-defined]
            lambda: self._write_draft(keeper, data),
            thread=True,
            group="form-draft",
            exit_on_error=False,
        )

    def _write_draft(self, keeper: DraftKeeper, data: dict[str, Any]) -> None:
        try:
            keeper.write(self.app.journal, data)  # type: ignore[attr-defined]
        except (EftertankeError, ValidationError, OSError):
            # A draft is a safety net; the form still holds the text.
            pass

    def drop_draft_now(self) -> None:
        """Remove the draft (from a worker thread, after a durable save)."""
        self._draft_closed = True
        if self._draft is None:
            return
        try:
            self._draft.discard(self.app.journal)  # type: ignore[attr-defined]
        except (EftertankeError, OSError):
            pass

    def drop_draft(self) -> None:
        """Remove the draft in a worker (the person chose to discard the form)."""
        self._draft_closed = True
        if self._draft is not None:
            self._draft.close()
            self.app.run_worker(  # type: ignore[attr-defined]
                self.drop_draft_now, thread=True, group="form-draft-discard", exit_on_error=False
            )
