"""The themes of an entry in an editor: one line each, with a key to take it off.

Adding is the screen's job (it opens the theme picker and calls ``add``);
the list only holds names in order, shows them as plain text and says when
one was taken off (``Removed``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from eftertanke.textsafe import one_line


class ThemeLine(Horizontal):
    DEFAULT_CSS = """
    ThemeLine { height: 1; }
    ThemeLine .theme-name { width: 1fr; }
    ThemeLine Button { min-width: 5; width: 5; }
    """

    def __init__(self, name: str, remove_tooltip: str) -> None:
        super().__init__()
        self.theme_name = name
        self._remove_tooltip = remove_tooltip

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("# ", "dim"), one_line(self.theme_name, 120)), classes="theme-name"
        )
        remove = Button("✕", classes="theme-remove", compact=True)
        remove.tooltip = self._remove_tooltip or None
        yield remove


class ThemeList(Vertical):
    """Names in order, without repeats (compared without case)."""

    DEFAULT_CSS = """
    ThemeList { height: auto; }
    ThemeList .theme-none { color: $text-muted; }
    """

    class Removed(Message):
        def __init__(self, themes: ThemeList, name: str) -> None:
            super().__init__()
            self.themes = themes
            self.name = name

        @property
        def control(self) -> ThemeList:
            return self.themes

    def __init__(
        self,
        names: list[str],
        *,
        none_text: str = "",
        remove_tooltip: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.names: list[str] = []
        for name in names:
            if name.casefold() not in {n.casefold() for n in self.names}:
                self.names.append(name)
        self._none_text = none_text
        self._remove_tooltip = remove_tooltip

    def compose(self) -> ComposeResult:
        yield Static(Content(self._none_text), classes="theme-none")
        for name in self.names:
            yield ThemeLine(name, self._remove_tooltip)

    def on_mount(self) -> None:
        self._show_none()

    def _show_none(self) -> None:
        self.query_one(".theme-none", Static).display = not self.names

    def relabel(self, none_text: str, remove_tooltip: str) -> None:
        self._none_text, self._remove_tooltip = none_text, remove_tooltip
        self.query_one(".theme-none", Static).update(Content(none_text))
        for line in self.query(ThemeLine):
            line.query_one(Button).tooltip = remove_tooltip

    def add(self, name: str) -> bool:
        """Add ``name`` at the end; False if it is there already."""
        if name.casefold() in {n.casefold() for n in self.names}:
            return False
        self.names.append(name)
        self.mount(ThemeLine(name, self._remove_tooltip))
        self._show_none()
        return True

    def remove_name(self, name: str) -> None:
        self.names = [n for n in self.names if n != name]
        for line in self.query(ThemeLine):
            if line.theme_name == name:
                line.remove()
        self._show_none()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        line = next((a for a in event.button.ancestors if isinstance(a, ThemeLine)), None)
        if line is not None:
            name = line.theme_name
            self.remove_name(name)
            self.post_message(self.Removed(self, name))


__all__ = ["ThemeLine", "ThemeList"]
