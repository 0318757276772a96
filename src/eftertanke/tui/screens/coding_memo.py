"""Write or change the memo of one coded passage."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from eftertanke.domain import Coding
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal


class MemoDialog(BaseModal):
    """Returns the memo as written (possibly empty), or None when cancelled."""

    CSS_PATH = "coding_memo.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, coding: Coding) -> None:
        super().__init__()
        self.coding = coding

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="memo"):
            yield Static(id="memo-title", classes="dialog-title")
            quote = Content.assemble(
                ("“", "dim"),
                one_line(self.coding.quote, 200),
                ("” ", "dim"),
                (one_line(", ".join(self.coding.themes), 80), "italic"),
            )
            yield Static(quote, id="memo-quote")
            yield TextArea(self.coding.memo, id="memo-text", soft_wrap=True)
            yield Static(id="memo-hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(id="memo-save", variant="primary")
                yield Button(id="memo-cancel")

    def refresh_texts(self) -> None:
        self.query_one("#memo-title", Static).update(self.t("title"))
        self.query_one("#memo-hint", Static).update(self.t("hint"))
        self.query_one("#memo-save", Button).label = self.t("save")
        self.query_one("#memo-cancel", Button).label = self.t("cancel")

    def on_mount(self) -> None:
        area = self.query_one("#memo-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(Button.Pressed, "#memo-save")
    def action_save(self) -> None:
        self.dismiss(self.query_one("#memo-text", TextArea).text.strip())

    @on(Button.Pressed, "#memo-cancel")
    def action_dismiss_none(self) -> None:
        self.dismiss(None)
