"""Asking where to export: a path, and a confirmation before overwriting.

The dialog only chooses; it answers ``(path, overwrite)`` or ``None`` when
cancelled. ``export_markdown`` is the whole flow a screen needs (used by the
interview, theme and browse screens): ask, then render and write the file
atomically in a thread worker, and say how it went.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from eftertanke import i18n
from eftertanke.domain import Entry, ValidationError
from eftertanke.store.errors import EftertankeError
from eftertanke.store.files import atomic_write_bytes
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said


class ExportDialog(BaseModal):
    CSS_PATH = "export_dialog.tcss"
    AUTO_FOCUS = "#export-path"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default_path: str, heading: str | None = None) -> None:
        super().__init__()
        self.default_path = default_path
        self.heading = heading  # a catalogue key
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
        heading = i18n.t(self.heading, self.eapp.lang) if self.heading else self.t("heading")
        self.query_one("#export-heading", Static).update(Content(heading))
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


def export_markdown(
    screen: Screen[object],
    default_name: str,
    render: Callable[[str], tuple[str, list[Entry]]],
    *,
    heading: str | None = None,
) -> None:
    """Ask where, then write ``render(lang)``'s text there in a worker and notify.

    ``render`` runs in the worker thread and returns the document and the
    entries it holds (checked against the names key, if one is configured).
    """
    app = screen.app

    def chosen(choice: tuple[Path, bool] | None) -> None:
        if choice is None:
            return
        path, overwrite = choice
        lang = app.lang  # type: ignore[attr-defined]

        def write() -> None:
            try:
                text, entries = render(lang)
                if path.exists() and not overwrite:
                    raise FileExistsError(i18n.t("tui.export_dialog.already", lang, path=path))
                atomic_write_bytes(path, text.encode("utf-8", errors="replace"))
            except (OSError, EftertankeError, ValidationError) as exc:
                message = (
                    f"{path}: {exc.strerror}"
                    if isinstance(exc, OSError)
                    and exc.strerror
                    and not isinstance(exc, FileExistsError)
                    else said(exc, lang)
                )
                app.call_from_thread(screen.notify, message, severity="error", markup=False)
                return
            done = app.tr("exported_to", path=str(path))  # type: ignore[attr-defined]
            app.call_from_thread(screen.notify, done, markup=False)
            naming = _naming(app, entries)
            if naming:
                warning = i18n.t("tui.export_dialog.names_warning", lang, n=naming)
                app.call_from_thread(screen.notify, warning, severity="warning", markup=False)

        screen.run_worker(write, thread=True, exclusive=True, group="export")

    app.push_screen(ExportDialog(f"./{default_name}", heading), chosen)


def _naming(app: object, entries: list[Entry]) -> int:
    """How many ``entries`` mention a real name from the configured names key."""
    from eftertanke.privacy.names import configured_names_key, entry_mentions

    try:
        key = configured_names_key(app.journal.root)  # type: ignore[attr-defined]
    except EftertankeError:
        return 0
    if key is None or not key.names:
        return 0
    return sum(1 for entry in entries if entry_mentions(entry, key))
