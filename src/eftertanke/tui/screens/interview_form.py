"""The interview form: add or edit an interview record in a modal.

The form's frame (fields, the inline error line, Save and Cancel, the draft
and the revision check) is ``FormModal`` (form_modal.py). This form checks
the date, the duration, the domain rules and a duplicate code at once, and
saves through ``services.interviews.save_interview`` in the save worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from eftertanke import i18n
from eftertanke.domain import (
    INTERVIEW_LEVELS,
    INTERVIEW_MODES,
    INTERVIEW_STATUSES,
    Interview,
    ValidationError,
    now,
)
from eftertanke.tui.screens.form_modal import FieldError, FormModal, refill_select
from eftertanke.tui.strings import said

# Words for the interview choices, shared with the interview screens.


def choice_label(group: str, value: str | None, lang: str) -> str:
    """An interview's level, mode or status in ``lang`` (``tui.interview_choice.<group>.<value>``)."""
    if not value:
        return ""
    key = f"tui.interview_choice.{group}.{value}"
    return i18n.t(key, lang) if i18n.has(key) else value


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
            options = [(choice_label(name, v, lang), v) for v in values]
            if not refill_select(select, options, self.t("none")) and name == "status":
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

    def _date(self) -> Any:
        """The date typed, or None; a date that cannot be read is the field's error."""
        date_text = self._text("date")
        if not date_text:
            return None
        from eftertanke.dates import parse_when

        try:
            return parse_when(date_text)
        except ValidationError as exc:
            raise FieldError("date", self.t("bad_date", text=date_text)) from exc

    def _duration(self) -> int | None:
        """The minutes typed (1 to a day), or None."""
        duration_text = self._text("duration")
        if not duration_text:
            return None
        try:
            duration = int(duration_text)
        except ValueError as exc:
            raise FieldError("duration", self.t("bad_duration")) from exc
        if not 0 < duration <= 24 * 60:
            raise FieldError("duration", self.t("bad_duration"))
        return duration

    def _interview(self, code: str, role: str) -> Interview:
        """The record as the fields describe it, from the one opened (or a new one)."""
        base = self.original or Interview(code=code)
        return replace(
            base,
            code=code,
            role=role,
            level=self._choice("level"),
            organisation=self._text("organisation"),
            date=self._date(),
            mode=self._choice("mode"),
            interviewer=self._text("interviewer"),
            duration_minutes=self._duration(),
            transcript=self._text("transcript"),
            consent=self._text("consent"),
            status=self._choice("status") or "planned",
            notes=self._text("notes"),
            appendix=self._text("appendix"),
            reflection_appendix=self._text("reflection_appendix"),
        )

    def _refused(self, exc: ValidationError) -> FieldError:
        return FieldError("code" if "code" in str(exc) else "", said(exc, self.eapp.lang))

    def prepare(self) -> Callable[[], str]:
        code = self._text("code")
        if not code:
            raise FieldError("code", self.t("need_code"))
        role = self._text("role")
        if not role:
            raise FieldError("role", self.t("need_role"))
        interview = self._interview(code, role)
        try:
            interview.validate()
        except ValidationError as exc:
            raise self._refused(exc) from exc
        others = [
            i
            for i in self.eapp.data.interviews
            if self.original is None or i.id != self.original.id
        ]
        if any(i.code.casefold() == code.casefold() for i in others):
            raise FieldError("code", self.t("duplicate", code=code))
        journal = self.eapp.journal
        old_code = self.original.code if self.original else None
        revision = self.opened_revision()
        refused = self._refused

        def save() -> str:
            from eftertanke.services.interviews import save_interview

            try:
                return save_interview(
                    journal, interview, old_code=old_code, expected_revision=revision
                ).code
            except ValidationError as exc:
                raise refused(exc) from exc

        return save
