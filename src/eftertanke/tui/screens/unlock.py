"""The first screen of an encrypted journal whose passphrase nobody gave.

The browser (``eftertanke serve``) has no terminal to ask on, so the app asks
itself: the passphrase is typed into a password field, tried in a worker (the
key derivation is deliberately slow), and kept only inside the opened
journal's codec in this process's memory. A wrong one is one line and the
field is cleared; nothing in the folder is touched until a passphrase opens it.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from eftertanke.errors import EftertankeError
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said


class UnlockScreen(BaseScreen):
    # Styled in app.tcss: a first screen's own CSS_PATH is not loaded.

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock"):
            yield Static(id="unlock-title")
            yield Static(Content(str(self.eapp.journal_root)), id="unlock-path")
            yield Input(password=True, id="unlock-passphrase")
            yield Static(id="unlock-error")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#unlock-passphrase", Input).focus()

    def refresh_texts(self) -> None:
        self.query_one("#unlock-title", Static).update(Content(self.t("title")))
        self.query_one("#unlock-passphrase", Input).placeholder = self.t("placeholder")

    @on(Input.Submitted, "#unlock-passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        field = self.query_one("#unlock-passphrase", Input)
        field.disabled = True
        self.query_one("#unlock-error", Static).update(Content(self.t("opening")))
        self._try(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def _try(self, passphrase: str) -> None:
        try:
            journal = self.eapp.open_journal(passphrase)
        except EftertankeError as exc:
            self.app.call_from_thread(self._refused, exc)
            return
        self.app.call_from_thread(self._opened, journal)

    def _opened(self, journal: object) -> None:
        self.query_one("#unlock-passphrase", Input).value = ""
        self.query_one("#unlock-error", Static).update("")
        self.eapp.unlocked(journal)  # type: ignore[arg-type]

    def _refused(self, exc: EftertankeError) -> None:
        from eftertanke.store.crypto import WrongPassphraseError

        line = (
            self.t("wrong") if isinstance(exc, WrongPassphraseError) else said(exc, self.eapp.lang)
        )
        self.query_one("#unlock-error", Static).update(Content(line))
        field = self.query_one("#unlock-passphrase", Input)
        field.value = ""
        field.disabled = False
        field.focus()
