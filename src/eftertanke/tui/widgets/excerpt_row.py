"""One quote of a reflection in an editor: the interview it cites, its time, its words.

The row keeps the excerpt it was opened with, so what the editor does not show
(the quote's own themes, its note) is saved back unchanged. ✕ marks the quote
removed (struck through, left out when the editor saves) and pressing it again
takes that back: a key pressed by mistake costs no quote. Its labels come
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
    ExcerptRow .excerpt-time { width: 15; margin-right: 1; }
    ExcerptRow .excerpt-words { width: 1fr; margin-right: 1; }
    ExcerptRow .excerpt-remove { min-width: 5; width: 5; }
    ExcerptRow.-invalid .excerpt-time { background: $error 40%; }
    ExcerptRow.-removed Input { text-style: strike; color: $text-disabled; }
    ExcerptRow.-removed .excerpt-cites { text-style: strike; }
    """

    class Removed(Message):
        """The person marked this quote removed, or took that back (``row.removed``)."""

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
        restore_tooltip: str = "",
    ) -> None:
        super().__init__()
        self.original = original
        self.removed = False
        self._restore_tooltip = restore_tooltip
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
            select_on_focus=False,
        )
        yield Input(
            self.original.quote if self.original else "",
            placeholder=self._words_placeholder,
            classes="excerpt-words",
            compact=True,
            select_on_focus=False,
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
        """What the row holds; a removed row holds nothing (it is left out)."""
        if self.removed:
            return QuoteEdit(self.original, "", "")
        times, words = self.query(".excerpt-time"), self.query(".excerpt-words")
        if not times or not words:
            # Still being mounted (a key pressed right after ctrl+g): what it opened with.
            original = self.original
            return (
                QuoteEdit(original, original.timestamp, original.quote)
                if original
                else QuoteEdit(None, "", "")
            )
        return QuoteEdit(self.original, self.time_input.value, self.words_input.value)

    def set_removed(self, removed: bool) -> None:
        self.removed = removed
        self.set_class(removed, "-removed")
        self.time_input.disabled = removed
        self.words_input.disabled = removed
        button = self.query_one(".excerpt-remove", Button)
        button.label = "↶" if removed else "✕"
        button.tooltip = (self._restore_tooltip if removed else self._remove_tooltip) or None

    def set_cites(self, code: str) -> None:
        """Show which interview the quote will cite (it follows the reflection's link)."""
        if code != self._cites:
            self._cites = code
            for cites in self.query(".excerpt-cites"):  # none yet while mounting: compose shows it
                cites.update(self._cites_content())  # type: ignore[attr-defined]

    def relabel(
        self,
        time_placeholder: str,
        words_placeholder: str,
        remove_tooltip: str,
        restore_tooltip: str,
    ) -> None:
        self._time_placeholder, self._words_placeholder = time_placeholder, words_placeholder
        self._remove_tooltip, self._restore_tooltip = remove_tooltip, restore_tooltip
        # Queries, not query_one: a row still being mounted has no children yet
        # (compose then uses the words kept above).
        for field in self.query(".excerpt-time"):
            field.placeholder = time_placeholder  # type: ignore[attr-defined]
        for field in self.query(".excerpt-words"):
            field.placeholder = words_placeholder  # type: ignore[attr-defined]
        for button in self.query(".excerpt-remove"):
            button.tooltip = restore_tooltip if self.removed else remove_tooltip

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.set_removed(not self.removed)
        self.post_message(self.Removed(self))


__all__ = ["ExcerptRow"]
