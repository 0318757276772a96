"""Write a layer of re-reading: what I see now in an old entry.

The entry above stays as it was; the layer is appended beside it, dated
(``services.layers.add_layer``). A layer is never edited afterwards, so the
dialog says so before it is saved.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal


class LayerDialog(BaseModal):
    """Returns the layer's text (stripped), or None when cancelled or empty."""

    CSS_PATH = "layer_dialog.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, entry_title: str) -> None:
        super().__init__()
        self.entry_title = entry_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="layer"):
            yield Static(id="layer-title", classes="dialog-title")
            yield Static(
                Content.assemble(("“", "dim"), one_line(self.entry_title, 200), ("”", "dim")),
                id="layer-entry",
            )
            yield TextArea("", id="layer-text", soft_wrap=True)
            yield Static(id="layer-hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(id="layer-save", variant="primary")
                yield Button(id="layer-cancel")

    def refresh_texts(self) -> None:
        self.query_one("#layer-title", Static).update(self.t("title"))
        self.query_one("#layer-hint", Static).update(self.t("hint"))
        self.query_one("#layer-save", Button).label = self.t("save")
        self.query_one("#layer-cancel", Button).label = self.t("cancel")

    def on_mount(self) -> None:
        self.query_one("#layer-text", TextArea).focus()

    @on(Button.Pressed, "#layer-save")
    def action_save(self) -> None:
        text = self.query_one("#layer-text", TextArea).text.strip("\n")
        if not text.strip():
            self.notify(self.t("empty"), severity="warning")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#layer-cancel")
    def action_dismiss_none(self) -> None:
        self.dismiss(None)
