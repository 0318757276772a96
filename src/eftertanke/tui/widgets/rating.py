"""A 1–5 rating with labelled ends, set by keyboard (digits, arrows) or mouse.

A digit sets the rating and moves on to the next rating beside it, so a
check-in's five ratings are five key presses ("42354"); the chosen value is
said in words on the label line ("4 of 5"), not only by its colour.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from eftertanke import i18n


class RatingBar(Widget, can_focus=True):
    """``label  4 of 5`` over ``low  1 2 3 4 5  high``, the chosen value highlighted."""

    DEFAULT_CSS = """
    RatingBar { height: 2; width: 1fr; padding: 0 1; }
    RatingBar:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("backspace,delete,0", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, rating: RatingBar, key: str, value: int | None) -> None:
            super().__init__()
            self.rating = rating
            self.key = key
            self.value = value

        @property
        def control(self) -> RatingBar:
            return self.rating

    def __init__(
        self,
        key: str,
        label: str,
        low: str,
        high: str,
        value: int | None = None,
        *,
        minimum: int = 1,
        maximum: int = 5,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.key = key
        self.label = label
        self.low = low
        self.high = high
        self.minimum = minimum
        self.maximum = maximum
        self.set_reactive(RatingBar.value, value)
        self._number_cells: list[tuple[int, int, int]] = []

    def relabel(self, label: str, low: str, high: str) -> None:
        self.label, self.low, self.high = label, low, high
        self.refresh()

    def render(self) -> Content:
        # Labels may come from a user's own pack: they are plain Content, never markup.
        lang = getattr(self.app, "lang", "en")
        chosen_text = (
            i18n.t("tui.rating.chosen", lang, value=self.value, maximum=self.maximum)
            if self.value is not None
            else i18n.t("tui.rating.none", lang)
        )
        parts: list[str | tuple[str, str]] = [
            (self.label, "bold"), "  ",
            (chosen_text, "bold" if self.value is not None else "dim italic"), "\n",
            (f"{self.low}  ", "dim"),
        ]  # fmt: skip
        offset = len(self.low) + 2
        self._number_cells = []
        for number in range(self.minimum, self.maximum + 1):
            chosen = number == self.value
            cell = f" {number} "
            style = "reverse bold" if chosen else ("" if self.value is None else "dim")
            parts.append((cell, style) if style else cell)
            self._number_cells.append((offset, offset + len(cell), number))
            offset += len(cell)
        parts.append((f"  {self.high}", "dim"))
        return Content.assemble(*parts)

    def _set(self, value: int | None) -> None:
        if value is not None:
            value = max(self.minimum, min(self.maximum, value))
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, self.key, value))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            number = int(event.character)
            if self.minimum <= number <= self.maximum:
                event.stop()
                # Digits typed fast are all queued here before the focus moves;
                # each belongs to the rating that has the focus when it is read.
                focused = self.screen.focused
                target = (
                    focused
                    if isinstance(focused, RatingBar) and focused.parent is self.parent
                    else self
                )
                target._set(number)
                target._focus_next_rating()

    def _focus_next_rating(self) -> None:
        """On to the next rating of the same group, if there is one."""
        if self.parent is None:
            return
        bars = [child for child in self.parent.children if isinstance(child, RatingBar)]
        at = bars.index(self) if self in bars else -1
        if 0 <= at < len(bars) - 1:
            # At once, not through focus()'s call_later: digits typed fast
            # arrive queued behind it and would all land on this rating.
            self.screen.set_focus(bars[at + 1])

    def on_click(self, event: events.Click) -> None:
        if event.y != 1:
            return
        for start, end, number in self._number_cells:
            if start <= event.x - 1 < end:  # -1 for the left padding
                self._set(number)
                return

    def action_step(self, delta: int) -> None:
        self._set((self.value if self.value is not None else (self.minimum + self.maximum) // 2 - delta) + delta)

    def action_clear(self) -> None:
        self._set(None)
