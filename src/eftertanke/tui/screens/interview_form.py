"""The interview form: add or edit an interview record in a modal.

``FormModal`` is the frame the theme forms share too: fields, one inline
error line, Save and Cancel. A form checks what it can at once (dates,
numbers, the domain rules, a duplicate code) and saves in a worker; a
failure keeps the form open with everything typed, and the message shown
under the fields. On success the form calls ``app.journal_changed()`` and
dismisses with its result.

What is typed is kept as a draft while the form is open (``FormDrafts``) and
offered back after a crash. An edit saves with the revision the form opened
with: if the record changed elsewhere meanwhile, nothing is overwritten, the
form stays open with the text and ctrl+r brings in the other changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from eftertanke import i18n
from eftertanke.domain import (
    INTERVIEW_LEVELS,
    INTERVIEW_MODES,
    INTERVIEW_STATUSES,
    Interview,
    ValidationError,
    now,
)
from eftertanke.store.errors import EftertankeError, RevisionConflictError
from eftertanke.tui.form_drafts import FormDrafts
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said

# Words for the interview choices, shared with the interview screens.


class FieldError(ValidationError):
    """A validation error that belongs to one field of a form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def choice_label(group: str, value: str | None, lang: str) -> str:
    """An interview's level, mode or status in ``lang`` (``tui.interview_choice.<group>.<value>``)."""
    if not value:
        return ""
    key = f"tui.interview_choice.{group}.{value}"
    return i18n.t(key, lang) if i18n.has(key) else value


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


class InterviewForm(FormModal):
    """Add an interview (``code=None``) or edit one; dismisses with the saved code."""

    draft_form = "interview"

    def __init__(self, code: str | None = None, draft: dict[str, Any] | None = None) -> None:
        super().__init__(draft)
        self.code = code
        self.original: Interview | None = None
        # While adding, the status follows the date (a past interview is done)
        # until the user picks a status of their own.
        self._auto_status: str | None = "planned" if code is None else None

    def compose_fields(self) -> ComposeResult:
        yield self.field_row("code", Input(compact=True, max_length=32))
        yield self.field_row("role", Input(compact=True))
        yield self.field_row("level", Select[str]([], compact=True))
        yield self.field_row("organisation", Input(compact=True))
        yield self.field_row("date", Input(compact=True))
        yield Static(id="date-preview", classes="form-hint")
        yield self.field_row("mode", Select[str]([], compact=True))
        yield self.field_row("interviewer", Input(compact=True))
        yield self.field_row("duration", Input(compact=True, type="integer", max_length=4))
        yield self.field_row("transcript", Input(compact=True))
        yield self.field_row("consent", Input(compact=True))
        statuses = [(choice_label("status", v, self.eapp.lang), v) for v in INTERVIEW_STATUSES]
        yield self.field_row("status", Select[str](statuses, compact=True, allow_blank=False))
        yield self.field_row("notes", Input(compact=True))
        yield self.field_row("appendix", Input(compact=True, max_length=20))
        yield self.field_row("reflection_appendix", Input(compact=True, max_length=20))

    def compose_aside(self) -> ComposeResult:
        # The questions earlier reflections carried forward, for planning this one.
        yield Static(id="form-questions", classes="form-note")

    def refresh_data(self) -> None:
        from eftertanke.services.questions import open_before
        from eftertanke.tui.widgets.open_questions import open_questions_content

        found = open_before(self.eapp.data.questions, self.code)
        aside = self.query_one("#form-questions", Static)
        aside.display = bool(found)
        if found:
            aside.update(open_questions_content(found, self.eapp.lang, shown=3, width=66))

    def draft_record(self) -> tuple[str | None, str | None, int | None]:
        if self.original is None:
            return self.code, None, None
        return self.original.code, self.original.id, self.original.revision

    def _stored(self) -> Interview | None:
        """The interview as stored: by id once known (a code can change), else by code."""
        data = self.eapp.data
        wanted = self.original.id if self.original else (self.resumed_draft or {}).get("record_id")
        if wanted:
            for interview in data.interviews:
                if interview.id == wanted:
                    return interview
        return data.interview(self.code or "")

    def loaded(self) -> None:
        if self.code is None:
            self.query_one("#f-code", Input).focus()
            return
        found = self._stored()
        if found is None:
            self.show_error(self.t("gone", code=self.code))
            self.query_one("#form-save", Button).disabled = True
            return
        self.original = found
        self._fill(found)
        self.query_one("#f-role", Input).focus()

    def reload_record(self) -> bool:
        if self.code is None:
            return False
        self.eapp.data.reload_interviews()
        found = self._stored()
        if found is None:
            self.show_error(self.t("gone", code=self.code))
            return False
        self.original = found
        if self.resumed_draft is not None:
            self.resumed_draft = {**self.resumed_draft, "base_revision": found.revision}
        self._fill(found)
        return True

    def _fill(self, interview: Interview) -> None:
        values = {
            "code": interview.code,
            "role": interview.role,
            "organisation": interview.organisation,
            "date": interview.date.astimezone().strftime("%Y-%m-%d %H:%M")
            if interview.date
            else "",
            "interviewer": interview.interviewer,
            "duration": str(interview.duration_minutes or ""),
            "transcript": interview.transcript,
            "consent": interview.consent,
            "notes": interview.notes,
            "appendix": interview.appendix,
            "reflection_appendix": interview.reflection_appendix,
        }
        for name, value in values.items():
            self.query_one(f"#f-{name}", Input).value = value
        self.query_one("#f-level", Select).value = interview.level or Select.NULL
        self.query_one("#f-mode", Select).value = interview.mode or Select.NULL
        self.query_one("#f-status", Select).value = interview.status

    def form_title(self) -> Content:
        if self.code is None:
            return Content(self.t("title_add"))
        return Content(self.t("title_edit", code=self.code))

    def refresh_texts(self) -> None:
        super().refresh_texts()
        lang = self.eapp.lang
        for name, values in (
            ("level", INTERVIEW_LEVELS),
            ("mode", INTERVIEW_MODES),
            ("status", INTERVIEW_STATUSES),
        ):
            select = self.query_one(f"#f-{name}", Select)
            current = select.value
            select.set_options([(choice_label(name, v, lang), v) for v in values])
            select.prompt = self.t("none")
            if current is not Select.NULL:
                select.value = current
            elif name == "status":
                select.value = "planned"
        placeholders = {
            "code": "ph_code",
            "role": "ph_role",
            "date": "ph_date",
            "transcript": "ph_transcript",
            "consent": "ph_consent",
            "appendix": "ph_appendix",
            "reflection_appendix": "ph_appendix",
        }
        for name, key in placeholders.items():
            self.query_one(f"#f-{name}", Input).placeholder = self.t(key)
        self._preview_date(self.query_one("#f-date", Input).value)

    # -- live checks -----------------------------------------------------------

    @on(Input.Changed, "#f-date")
    def _date_changed(self, event: Input.Changed) -> None:
        self._preview_date(event.value)

    def _preview_date(self, text: str) -> None:
        preview = self.query_one("#date-preview", Static)
        if not text.strip():
            preview.update("")
            return
        from eftertanke.dates import format_datetime, parse_when

        try:
            when = parse_when(text)
        except ValidationError:
            preview.update("")
            return
        when_text = format_datetime(when, self.eapp.lang, with_weekday=True)
        preview.update(Content(self.t("date_preview", when=when_text)))
        if self._auto_status is not None:
            status = self.query_one("#f-status", Select)
            if status.value == self._auto_status:
                self._auto_status = "done" if when <= now() else "planned"
                status.value = self._auto_status

    # -- saving ----------------------------------------------------------------

    def _text(self, name: str) -> str:
        return self.query_one(f"#f-{name}", Input).value.strip()

    def _choice(self, name: str) -> str | None:
        value = self.query_one(f"#f-{name}", Select).value
        return None if value is Select.NULL else str(value)

    def prepare(self) -> Callable[[], str]:
        code = self._text("code")
        if not code:
            raise FieldError("code", self.t("need_code"))
        role = self._text("role")
        if not role:
            raise FieldError("role", self.t("need_role"))
        date_text = self._text("date")
        date = None
        if date_text:
            from eftertanke.dates import parse_when

            try:
                date = parse_when(date_text)
            except ValidationError as exc:
                raise FieldError("date", self.t("bad_date", text=date_text)) from exc
        duration_text = self._text("duration")
        duration = None
        if duration_text:
            try:
                duration = int(duration_text)
            except ValueError as exc:
                raise FieldError("duration", self.t("bad_duration")) from exc
            if not 0 < duration <= 24 * 60:
                raise FieldError("duration", self.t("bad_duration"))
        journal = self.eapp.journal
        base = self.original or Interview(code=code)
        interview = replace(
            base,
            code=code,
            role=role,
            level=self._choice("level"),
            organisation=self._text("organisation"),
            date=date,
            mode=self._choice("mode"),
            interviewer=self._text("interviewer"),
            duration_minutes=duration,
            transcript=self._text("transcript"),
            consent=self._text("consent"),
            status=self._choice("status") or "planned",
            notes=self._text("notes"),
            appendix=self._text("appendix"),
            reflection_appendix=self._text("reflection_appendix"),
        )
        try:
            interview.validate()
        except ValidationError as exc:
            raise FieldError(
                "code" if "code" in str(exc) else "", said(exc, self.eapp.lang)
            ) from exc
        others = [
            i
            for i in self.eapp.data.interviews
            if self.original is None or i.id != self.original.id
        ]
        if any(i.code.casefold() == code.casefold() for i in others):
            raise FieldError("code", self.t("duplicate", code=code))
        old_code = self.original.code if self.original else None
        revision = self.opened_revision()

        def save() -> str:
            from eftertanke.services.interviews import save_interview

            try:
                return save_interview(
                    journal, interview, old_code=old_code, expected_revision=revision
                ).code
            except ValidationError as exc:
                raise FieldError(
                    "code" if "code" in str(exc) else "", said(exc, self.eapp.lang)
                ) from exc

        return save
