"""One quote of a reflection in an editor: the interview it cites, its time, its words.

The row keeps the excerpt it was opened with, so what the editor does not show
(the quote's own themes, its note) is saved back unchanged. Its labels come
from the screen that holds it (``relabel``), in the app's language; the words
are user text and shown as typed, never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static

from eftertanke.domain import Excerpt
from eftertanke.services.reflection_form import QuoteEdit
from eftertanke.textsafe import one_line


class ExcerptRow(Horizontal):
    """``(I03)  [9.45]  [the quoted words …]  [✕]``"""

    DEFAULT_CSS = """
    ExcerptRow { height: auto; margin-bottom: 1; }
    ExcerptRow .excerpt-cites { width: 7; color: $text-muted; }
    ExcerptRow .excerpt-time { width: 18; margin-right: 1; }
    ExcerptRow .excerpt-words { width: 1fr; margin-right: 1; }
    ExcerptRow .excerpt-remove { min-width: 5; width: 5; }
    ExcerptRow.-invalid .excerpt-time { background: $error 40%; }
    """

    class Removed(Message):
        """The person asked to remove this quote."""

        def __init__(self, row: ExcerptRow) -> None:
            super().__init__()
            self.row = row

        @property
        def control(self) -> ExcerptRow:
            return self.row

    def __init__(
        self,
        original: Excerpt | None = None,
        *,
        cites: str = "",
        time_placeholder: str = "",
        words_placeholder: str = "",
        remove_tooltip: str = "",
    ) -> None:
        super().__init__()
        self.original = original
        self._cites = cites
        self._time_placeholder = time_placeholder
        self._words_placeholder = words_placeholder
        self._remove_tooltip = remove_tooltip

    def compose(self) -> ComposeResult:
        yield Static(self._cites_content(), classes="excerpt-cites")
        yield Input(
            self.original.timestamp if self.original else "",
            placeholder=self._time_placeholder,
            classes="excerpt-time",
            compact=True,
        )
        yield Input(
            self.original.quote if self.original else "",
            placeholder=self._words_placeholder,
            classes="excerpt-words",
            compact=True,
        )
        remove = Button("✕", classes="excerpt-remove", compact=True)
        remove.tooltip = self._remove_tooltip or None
        yield remove

    def _cites_content(self) -> Content:
        return Content(f"({one_line(self._cites, 6)})" if self._cites else "")

    @property
    def time_input(self) -> Input:
        return self.query_one(".excerpt-time", Input)

    @property
    def words_input(self) -> Input:
        return self.query_one(".excerpt-words", Input)

    def value(self) -> QuoteEdit:
        return QuoteEdit(self.original, self.time_input.value, self.words_input.value)

    def set_cites(self, code: str) -> None:
        """Show which interview the quote will cite (it follows the reflection's link)."""
        if code != self._cites:
            self._cites = code
            if self.is_mounted:
                self.query_one(".excerpt-cites", Static).update(self._cites_content())

    def relabel(self, time_placeholder: str, words_placeholder: str, remove_tooltip: str) -> None:
        self.time_input.placeholder = time_placeholder
        self.words_input.placeholder = words_placeholder
        self.query_one(".excerpt-remove", Button).tooltip = remove_tooltip

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))


__all__ = ["ExcerptRow"]
