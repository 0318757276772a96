"""Asking where to export an entry: a path, and a confirmation before overwriting.

The dialog only chooses; the entry screen writes the file in a worker. It
answers ``(path, overwrite)`` or ``None`` when cancelled.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from eftertanke.tui.screens.base import BaseModal

TEXT = {
    "heading": {"da": "Eksportér som Markdown", "en": "Export as Markdown"},
    "hint": {"da": "Filen, der skal skrives:", "en": "The file to write:"},
    "export": {"da": "Eksportér", "en": "Export"},
    "overwrite": {"da": "Overskriv", "en": "Overwrite"},
    "cancel": {"da": "Annullér", "en": "Cancel"},
    "empty": {"da": "Skriv et filnavn.", "en": "Write a file name."},
    "is_dir": {
        "da": "{path} er en mappe: skriv et filnavn.",
        "en": "{path} is a folder: write a file name.",
    },
    "no_dir": {"da": "Mappen {path} findes ikke.", "en": "The folder {path} does not exist."},
    "exists": {
        "da": "{path} findes allerede. Tryk Enter igen (eller Overskriv) for at erstatte den.",
        "en": "{path} already exists. Press Enter again (or Overwrite) to replace it.",
    },
    "action:cancel": {"da": "Annullér", "en": "Cancel"},
}


class ExportDialog(BaseModal):
    TEXT = TEXT
    CSS_PATH = "export_dialog.tcss"
    AUTO_FOCUS = "#export-path"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default_path: str) -> None:
        super().__init__()
        self.default_path = default_path
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(id="export-heading", classes="panel-title")
            yield Static(id="export-hint")
            yield Input(value=self.default_path, id="export-path")
            yield Static(id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button(id="export-ok", variant="primary")
                yield Button(id="export-cancel")

    def refresh_texts(self) -> None:
        self.query_one("#export-heading", Static).update(self.t("heading"))
        self.query_one("#export-hint", Static).update(self.t("hint"))
        self.query_one("#export-cancel", Button).label = self.t("cancel")
        self._label_ok()

    def _label_ok(self) -> None:
        self.query_one("#export-ok", Button).label = self.t(
            "overwrite" if self._confirmed else "export"
        )

    def _say(self, text: str) -> None:
        self.query_one("#export-message", Static).update(Content(text))

    def on_input_changed(self, _event: Input.Changed) -> None:
        if self._confirmed is not None:
            self._confirmed = None
            self._label_ok()
        self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-ok":
            self.submit()
        else:
            self.action_cancel()

    def submit(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._say(self.t("empty"))
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            self._say(self.t("is_dir", path=str(path)))
            return
        if not path.parent.is_dir():
            self._say(self.t("no_dir", path=str(path.parent)))
            return
        exists = path.exists()
        if exists and self._confirmed != path:
            self._confirmed = path
            self._label_ok()
            self._say(self.t("exists", path=str(path)))
            return
        self.dismiss((path, exists))

    def action_cancel(self) -> None:
        self.dismiss(None)
