"""Select a passage of one transcript turn: the turn's words, all of them selected at first.

Enter takes the selection (so Enter on a turn and Enter here codes the whole
turn), shift+arrows, shift+home/end and ctrl+shift+arrows narrow it first.
Returns (start, end) offsets into the turn's words, or None.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.widgets.coded_text import CodedText, Mark


class PassageDialog(BaseModal):
    CSS_PATH = "passage.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("enter", "take", "Code"),
    ]

    def __init__(
        self,
        words: str,
        heading: str,
        found: list[Mark] | None = None,
        colours: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.words = words
        self.heading = heading
        self.found = found or []
        self.colours = colours or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="passage"):
            yield Static(id="passage-title", classes="dialog-title")
            yield Static(Content(one_line(self.heading, 120)), id="passage-heading")
            yield CodedText(self.words, id="passage-text")
            yield Static(id="passage-hint", classes="hint")

    def refresh_texts(self) -> None:
        self.query_one("#passage-title", Static).update(self.t("title"))
        self.query_one("#passage-hint", Static).update(self.t("hint"))

    def on_mount(self) -> None:
        area = self.query_one("#passage-text", CodedText)
        area.set_marks(self.found, self.colours)
        area.focus()
        area.select_span(0, len(self.words))

    def action_take(self) -> None:
        start, end = self.query_one("#passage-text", CodedText).selected_span()
        if end > start:
            self.dismiss((start, end))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
