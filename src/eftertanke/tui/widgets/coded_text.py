"""A read-only text a passage is selected in, with its codings marked.

``CodedText`` is a ``TextArea`` (so the keyboard selects as in any editor:
shift+arrows, shift+home/end, ctrl+shift+arrows) that cannot be edited. The
coded spans are underlined in their theme's colour (``get_line`` is the
TextArea's documented hook for styling a line), and a narrow margin at the
left shows, on every screen row, a mark per theme coded there. The margin is
drawn by the widget itself, in the place the line-number gutter takes, so it
scrolls and wraps with the text without a second widget to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import TextArea

from eftertanke.tui.coding_colours import marks
from eftertanke.tui.text_offsets import line_starts, location_of, offset_of

MARGIN = 3  # two marks and a space


@dataclass(frozen=True, slots=True)
class Mark:
    """A coded span of the text: [start, end) with its themes."""

    start: int
    end: int
    themes: tuple[str, ...]
    coding_id: str = ""


class CodedText(TextArea):
    DEFAULT_CSS = """
    CodedText {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(
        self,
        text: str,
        *,
        where: object = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            text,
            read_only=True,
            soft_wrap=True,
            show_cursor=True,
            highlight_cursor_line=False,
            id=id,
            classes=classes,
        )
        self.source_text = text
        # What the text is (the screen's own key for it, e.g. a coding Source).
        self.where = where
        self._rows = line_starts(text)
        self._marks: list[Mark] = []
        self._colours: dict[str, str] = {}

    # -- offsets ----------------------------------------------------------------

    def selected_span(self) -> tuple[int, int]:
        """The selection as offsets into the text, start before end."""
        start, end = sorted(self.selection)
        return offset_of(self._rows, start), offset_of(self._rows, end)

    def cursor_offset(self) -> int:
        return offset_of(self._rows, self.selection.end)

    def select_span(self, start: int, end: int) -> None:
        from textual.widgets.text_area import Selection

        self.selection = Selection(location_of(self._rows, start), location_of(self._rows, end))

    # -- marks --------------------------------------------------------------------

    def set_marks(self, found: list[Mark], colours: dict[str, str]) -> None:
        if (found, colours) == (self._marks, self._colours):
            return
        self._marks, self._colours = list(found), dict(colours)
        self.notify_style_update()  # drops the TextArea's cached lines
        self.refresh()

    @property
    def gutter_width(self) -> int:
        return MARGIN

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if not self._marks or line_index >= len(self._rows):
            return line
        start, length = self._rows[line_index]
        for mark in self._marks:
            if mark.start < start + length and mark.end > start:
                colour = self._colours.get(mark.themes[0], "") if mark.themes else ""
                line.stylize(
                    Style.parse(f"underline {colour}".strip()),
                    max(mark.start - start, 0),
                    min(mark.end - start, length),
                )
        return line

    def _row_span(self, y: int) -> tuple[int, int] | None:
        """The text offsets a screen row (of the wrapped text) covers."""
        wrapped = self.wrapped_document
        if y >= wrapped.height:
            return None
        row, column = wrapped.offset_to_location(Offset(0, y))
        if row >= len(self._rows):
            return None
        start, length = self._rows[row]
        breaks = [b for b in wrapped.get_offsets(row) if b > column]
        end = breaks[0] if breaks else length
        return start + column, start + end

    def themes_on_row(self, y: int) -> list[str]:
        span = self._row_span(y)
        if span is None:
            return []
        low, high = span
        found: list[str] = []
        for mark in self._marks:
            covers = mark.start < high and mark.end > low if high > low else mark.start <= low < mark.end
            if covers:
                found.extend(mark.themes)
        return list(dict.fromkeys(found))

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        # The TextArea left the gutter's cells out (no line numbers): draw the margin there.
        cell = marks(self.themes_on_row(self.scroll_offset.y + y), self._colours, MARGIN - 1)
        cell = cell.append(" ")
        segments = [
            Segment(s.text, s.style) for s in cell.render_segments(self.visual_style)
        ]
        base = self.rich_style
        return Strip.join([Strip(segments, MARGIN).apply_style(base), strip])
