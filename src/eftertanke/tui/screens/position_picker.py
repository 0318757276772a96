"""Choose the pre-understanding a passage challenges or confirms, and which.

A list of the register (by concept); Enter picks one, then the verdict is
asked (✗ challenged, ✓ confirmed). Returns (position id, verdict) or None.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.analysis.positionality import position_text
from eftertanke.domain import CONCEPT_NAMES, Entry
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal


class PositionPicker(BaseModal):
    CSS_PATH = "position_picker.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, positions: list[Entry], quote: str) -> None:
        super().__init__()
        self.positions = positions
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="position-picker"):
            yield Static(id="picker-title", classes="dialog-title")
            yield Static(
                Content.assemble(("“", "dim"), one_line(self.quote, 160), ("”", "dim")),
                id="picker-quote",
            )
            yield OptionList(id="picker-list")
            yield Static(id="picker-hint", classes="hint")

    def refresh_texts(self) -> None:
        self.query_one("#picker-title", Static).update(self.t("title"))
        self.query_one("#picker-hint", Static).update(self.t("hint"))
        lang = self.eapp.lang
        listing = self.query_one("#picker-list", OptionList)
        listing.set_options(
            Option(
                Content.assemble(
                    (f"{CONCEPT_NAMES[p.concepts[0]][lang]}: ", "bold"),
                    one_line(position_text(p), 90),
                ),
                id=p.id,
            )
            for p in self.positions
        )
        listing.highlighted = 0 if self.positions else None

    def on_mount(self) -> None:
        self.query_one("#picker-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        from eftertanke.tui.screens.choice import ChoiceDialog

        def verdict(answer: str | None) -> None:
            if answer in ("challenged", "confirmed"):
                self.dismiss((chosen, answer))

        answers = [
            ("challenged", self.t("challenged")),
            ("confirmed", self.t("confirmed")),
            ("cancel", self.t("cancel")),
        ]
        self.app.push_screen(ChoiceDialog(self.t("verdict_q"), answers), verdict)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
