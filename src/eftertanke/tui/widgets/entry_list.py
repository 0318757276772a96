"""The list of entries in Browse: an ``OptionList`` whose rows are drawn lazily.

``OptionList`` is virtualised (only the visible lines are drawn), but it
asks every option for its height whenever the list changes; a ``Content``
answers by laying its text out, which for 10,000 rows takes seconds. A
``LazyRow`` knows its height without building anything and builds its lines
only when it scrolls into view.

The list is handed its options a page at a time (``show``): ``OptionList``
measures and indexes every option it holds on each change, which at 100,000
rows is most of a second per keystroke. The next page is added as the cursor
or the scroll nears the end of what is loaded, and End loads the rest first,
so moving through the list feels as if every row were there.

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
from textual.widgets.option_list import Option


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


# Options handed to the list at a time, and how near the end of them the
# cursor or the scroll may come before the next page is added.
PAGE = 400
PAGE_MARGIN = 40


class EntryList(OptionList):
    """An ``OptionList`` of ``LazyRow`` rows sharing the list's ``mode``,
    given its options a page at a time (``show``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mode = RowMode()
        self._rest: list[Any] = []  # rows past the loaded pages
        self._make: Callable[[list[Any]], list[Option]] = lambda rows: []

    def show(
        self,
        rows: list[Any],
        make: Callable[[list[Any]], list[Option]],
        loaded: int = 0,
    ) -> list[Option]:
        """The options of the first ``loaded`` rows (at least a page); the rest
        are made by ``make`` when they are reached. Returns the options shown."""
        first = max(PAGE, loaded)
        options = make(rows[:first])
        self._make, self._rest = make, rows[first:]
        self.set_options(options)
        if self._rest:
            self.call_after_refresh(self._fill)
        return options

    def _fill(self) -> None:
        """Load pages until the list is taller than it is shown (a short page
        of a tall window could not be scrolled to load the next)."""
        self._update_lines()
        while self._rest and len(self._lines) <= self.size.height + PAGE_MARGIN:
            self.load_more()
            self._update_lines()

    def keep_rest(self, rows: list[Any]) -> None:
        """The same options are shown for ``rows``: only the rows not yet loaded
        are taken anew (their entries may have changed)."""
        self._rest = rows[len(self._options) :]

    @property
    def unloaded(self) -> int:
        return len(self._rest)

    def load_more(self, count: int = 0) -> bool:
        """Add the next ``count`` rows' options (a page); False if all are loaded."""
        if not self._rest:
            return False
        count = count or PAGE
        chunk, self._rest = self._rest[:count], self._rest[count:]
        self.add_options(self._make(chunk))
        return True

    def _near_end(self, index: int | None) -> bool:
        return index is not None and index >= len(self._options) - PAGE_MARGIN

    def watch_highlighted(self, highlighted: int | None) -> None:
        if self._near_end(highlighted):
            self.load_more()
        super().watch_highlighted(highlighted)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._rest and new_value >= self.max_scroll_y - self.size.height:
            self.load_more()

    def action_cursor_down(self) -> None:
        # At the last loaded row, down goes on to the next page, not round to the top.
        if self._rest and self.highlighted == len(self._options) - 1:
            self.load_more()
        super().action_cursor_down()

    def action_last(self) -> None:
        while self.load_more(len(self._rest)):
            pass
        super().action_last()

    def redraw_rows(self) -> None:
        """Draw the rows again after their stamp changed (same rows, same height)."""
        # OptionList keeps each drawn row by option and style, and offers no
        # public way to drop them short of setting every option again, which
        # at 10,000 rows costs what a whole keystroke may.
        self._option_render_cache.clear()
        self.refresh()
