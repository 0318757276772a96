"""The questions view's two dialogs: answer a question with a passage, drop it with a reason.

Answering asks for the entry whose passage answered the question (the
reflections first, newest first) and the answering words, typed as they
stand in the entry; the words are found the way ``question answer --phrase``
finds them (once, in any answer or the body of that entry), by the save the
questions view runs. Each dialog dismisses with what was chosen, or None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from eftertanke.entry_row import EntryRow
from eftertanke.services.questions import StudyQuestion
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal

CHOICES = 200  # entries offered to answer from (the newest; reflections first)


class QuestionDialog(BaseModal):
    """The frame both dialogs share: the question, fields, an error line, Save and Cancel."""

    CSS_PATH = "question_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, question: StudyQuestion) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="dialog-title", classes="dialog-title")
            text = Content.assemble(
                ((self.question.interview or "–") + "  ", "bold"),
                one_line(self.question.question.text, 300),
            )
            yield Static(text, id="dialog-question")
            yield from self.compose_fields()
            yield Static(id="dialog-hint", classes="hint")
            yield Static(id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(id="dialog-save", variant="primary", compact=True)
                yield Button(id="dialog-cancel", compact=True)

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def refresh_texts(self) -> None:
        self.query_one("#dialog-save", Button).label = self.t("save")
        self.query_one("#dialog-cancel", Button).label = self.t("cancel")

    def show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Static).update(Content(message))

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#dialog-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#dialog-cancel")
    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class AnswerDialog(QuestionDialog):
    """Dismisses with (entry id, the answering words)."""

    def compose_fields(self) -> ComposeResult:
        yield Select[str]([], id="answer-entry", allow_blank=True, compact=True)
        yield Input(id="answer-phrase", compact=True)

    def refresh_texts(self) -> None:
        super().refresh_texts()
        self.query_one("#dialog-title", Static).update(self.t("answer_title"))
        self.query_one("#dialog-hint", Static).update(self.t("answer_hint"))
        self.query_one("#answer-phrase", Input).placeholder = self.t("answer_phrase")
        select = self.query_one("#answer-entry", Select)
        select.prompt = self.t("answer_entry")
        chosen = select.value
        select.set_options(self._choices())
        if chosen != Select.NULL:
            select.value = chosen

    def on_mount(self) -> None:
        self.query_one("#answer-entry", Select).focus()

    def _choices(self) -> list[tuple[Content, str]]:
        """Reflections first, then the other entries; newest first in each."""
        from eftertanke.dates import format_date

        rows = [r for r in self.eapp.index.rows if r.id != self.question.entry_id][: CHOICES * 2]
        rows.sort(key=lambda r: EntryRow(r.doc).kind != "interview")  # stable: newest first in each
        out: list[tuple[Content, str]] = []
        for row in rows[:CHOICES]:
            entry = EntryRow(row.doc)
            label = Content.assemble(
                (entry.interview.ljust(5), "bold"),
                " ",
                entry.display_title(40) or "…",
                ("  " + format_date(row.created, self.eapp.lang), "dim"),
            )
            out.append((label, row.id))
        return out

    def action_save(self) -> None:
        entry = self.query_one("#answer-entry", Select).value
        phrase = self.query_one("#answer-phrase", Input).value.strip()
        if entry == Select.NULL or not isinstance(entry, str):
            self.show_error(self.t("answer_no_entry"))
            return
        if not phrase:
            self.show_error(self.t("answer_no_phrase"))
            self.query_one("#answer-phrase", Input).focus()
            return
        self.dismiss((entry, phrase))

    @on(Input.Submitted, "#answer-phrase")
    def _submitted(self) -> None:
        self.action_save()


class DropDialog(QuestionDialog):
    """Dismisses with the reason the question is dropped."""

    def compose_fields(self) -> ComposeResult:
        yield Input(id="drop-reason", compact=True)

    def refresh_texts(self) -> None:
        super().refresh_texts()
        self.query_one("#dialog-title", Static).update(self.t("drop_title"))
        self.query_one("#dialog-hint", Static).update(self.t("drop_hint"))
        self.query_one("#drop-reason", Input).placeholder = self.t("drop_reason")

    def on_mount(self) -> None:
        self.query_one("#drop-reason", Input).focus()

    def action_save(self) -> None:
        reason = " ".join(self.query_one("#drop-reason", Input).value.split())
        if not reason:
            self.show_error(self.t("drop_no_reason"))
            return
        self.dismiss(reason)

    @on(Input.Submitted, "#drop-reason")
    def _submitted(self) -> None:
        self.action_save()
