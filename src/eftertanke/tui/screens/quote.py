"""Record a quote to find in the transcript, with its interview timestamp."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from eftertanke.domain import TIMESTAMP_RE
from eftertanke.tui.screens.base import BaseModal


@dataclass(frozen=True)
class QuoteInput:
    """A quote as the dialog takes it: the interview time, the words, and its themes."""

    timestamp: str
    quote: str
    themes: tuple[str, ...]


class QuoteDialog(BaseModal):
    CSS_PATH = "quote.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, interview_code: str) -> None:
        super().__init__()
        self.interview_code = interview_code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="quote-title", classes="dialog-title")
            yield Input(id="quote-time")
            yield Input(id="quote-text")
            yield Input(id="quote-themes")
            yield Static(id="quote-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(id="quote-add", variant="primary")

    def refresh_texts(self) -> None:
        self.query_one("#quote-title", Static).update(Content(self.t("title", code=self.interview_code)))
        self.query_one("#quote-time", Input).placeholder = self.t("timestamp")
        self.query_one("#quote-text", Input).placeholder = self.t("quote")
        self.query_one("#quote-themes", Input).placeholder = self.t("themes")
        self.query_one("#quote-add", Button).label = self.t("add")

    def on_mount(self) -> None:
        self.query_one("#quote-time", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#quote-add")
    def _add(self) -> None:
        timestamp = self.query_one("#quote-time", Input).value.strip()
        quote = self.query_one("#quote-text", Input).value.strip()
        error = self.query_one("#quote-error", Static)
        if timestamp and not TIMESTAMP_RE.match(timestamp):
            error.update(self.t("bad_time"))
            self.query_one("#quote-time", Input).focus()
            return
        if not quote:
            error.update(self.t("no_quote"))
            self.query_one("#quote-text", Input).focus()
            return
        raw = self.query_one("#quote-themes", Input).value
        themes = tuple(t.strip() for t in raw.split(",") if t.strip())
        self.dismiss(QuoteInput(timestamp, quote, themes))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
