"""A small question with a few answers, e.g. "Leave without finishing?"."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from eftertanke.tui.screens.base import BaseModal


class ChoiceDialog(BaseModal):
    """Returns the id of the chosen answer, or None on escape."""

    CSS_PATH = "choice.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, question: str, answers: list[tuple[str, str]], detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail), classes="hint")
            with Horizontal(classes="buttons"):
                for index, (answer_id, label) in enumerate(self.answers):
                    yield Button(
                        Content(label), id=f"choice-{answer_id}", variant="primary" if index == 0 else "default"
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
