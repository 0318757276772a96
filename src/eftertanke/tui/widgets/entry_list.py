"""The list of entries in Browse: an ``OptionList`` whose rows are drawn lazily.

``OptionList`` is virtualised (only the visible lines are drawn), but it
asks every option for its height whenever the list changes; a ``Content``
answers by laying its text out, which for 10,000 rows takes seconds. A
``LazyRow`` knows its height without building anything and builds its lines
only when it scrolls into view.

All the rows of a list share one ``RowMode``: how high a row is (one line,
or two while a search shows a snippet under each) and a stamp of what the
lines depend on besides the entry (the words searched for). Changing the
mode changes every row at once, without a new option per entry; a row
whose lines were built for another stamp builds them again when drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList


class RowMode:
    """What every row of one list is drawn for now."""

    __slots__ = ("height", "stamp")

    def __init__(self) -> None:
        self.height = 1
        self.stamp: Hashable = None


class LazyRow(Visual):
    """One entry's row: ``make(row)`` gives its lines (plain ``Content``, never
    markup), called when the row is first drawn and again after the mode's
    stamp changed."""

    __slots__ = ("_make", "_row", "_mode", "_lines", "_built_for")

    def __init__(self, make: Callable[[Any], list[Content]], row: Any, mode: RowMode) -> None:
        self._make = make
        self._row = row
        self._mode = mode
        self._lines: list[Content] | None = None
        self._built_for: Hashable = None

    @property
    def lines(self) -> list[Content]:
        stamp = self._mode.stamp
        if self._lines is None or stamp != self._built_for:
            self._lines = self._make(self._row)
            self._built_for = stamp
        return self._lines

    @property
    def content(self) -> Content:
        """The row's lines as one ``Content``, one line under the other."""
        return Content("\n").join(self.lines)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        lines = self.lines
        strips: list[Strip] = []
        for number in range(self._mode.height):
            line = lines[number] if number < len(lines) else Content("")
            strips.extend(
                line.truncate(width, ellipsis=True).render_strips(width, 1, style, options)
            )
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for line in self.lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._mode.height


class EntryList(OptionList):
    """An ``OptionList`` of ``LazyRow`` rows sharing the list's ``mode``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mode = RowMode()

    def redraw_rows(self) -> None:
        """Draw the rows again after their stamp changed (same rows, same height)."""
        # OptionList keeps each drawn row by option and style, and offers no
        # public way to drop them short of setting every option again, which
        # at 10,000 rows costs what a whole keystroke may.
        self._option_render_cache.clear()
        self.refresh()
