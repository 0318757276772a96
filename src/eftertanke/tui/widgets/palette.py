"""The command palette, with its one line of its own words in the app's language.

Textual's ``CommandPalette`` says "No matches found" in English whatever the
app's language; this subclass says it from the catalogue. It replaces the one
method that adds that line (``_start_no_matches_countdown``, private to
Textual 8, whose range pyproject.toml pins), keeping its logic: after a short
wait, the line is added only when something was searched for.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class Palette(CommandPalette):
    def __init__(self, *args: object, no_matches: str = "No matches found", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
