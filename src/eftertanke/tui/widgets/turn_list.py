"""A transcript's speaker turns as one virtualised list, with coding marks in a margin.

A transcript has hundreds of turns, so it is one ``OptionList`` (which draws
only the lines on screen), never a widget per turn. Each turn is laid out
here, at the list's width, as a hanging paragraph::

      09:45 ▌  Respondent  Det gør kollegerne, og når vi lykkes
               ▌              sammen med noget svært …

so the words of a long turn stay clear of the time and speaker columns, and
the margin shows a mark per theme coded on every line of the turn. The list
is laid out again when its width changes. Words are plain ``Content`` (user
text is never markup); coded words are underlined in their theme's colour
and search matches reversed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from eftertanke.textsafe import one_line
from eftertanke.tui.coding_colours import marks

TIME_WIDTH = 8
MARGIN_WIDTH = 3
MAX_SPEAKER = 18
MIN_WORDS = 16


@dataclass(slots=True)
class TurnRow:
    """One turn as the list shows it; spans are offsets into ``text``."""

    index: int
    time: str
    speaker: str
    interviewer: bool
    text: str
    coded: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    cited: int = 0  # reflections quoting the turn


def find_all(text: str, wanted: str) -> list[int]:
    """Where ``wanted`` occurs in ``text``, case-insensitively (offsets into text)."""
    if not wanted:
        return []
    folded, key = text.casefold(), wanted.casefold()
    if len(folded) != len(text):  # casefolding changed the length (ß): search the lowered text
        folded, key = text.lower(), wanted.lower()
        if len(folded) != len(text):
            return []
    found, at = [], folded.find(key)
    while at != -1:
        found.append(at)
        at = folded.find(key, at + max(len(key), 1))
    return found


class TurnList(OptionList):
    DEFAULT_CSS = """
    TurnList {
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[TurnRow] = []
        self.colours: dict[str, str] = {}
        self.search = ""
        self._width = 0
        self.speaker_width = 10

    # -- filling ------------------------------------------------------------------

    def show(self, rows: list[TurnRow], colours: dict[str, str]) -> None:
        self.rows, self.colours = rows, colours
        speakers = [len(row.speaker) for row in rows] or [0]
        self.speaker_width = min(max(speakers), MAX_SPEAKER)
        self._width = 0
        self._layout()

    def set_search(self, wanted: str) -> None:
        """Mark where ``wanted`` occurs; only the turns whose marks change are laid out again."""
        before = {row.index for row in self.rows if find_all(row.text, self.search)}
        self.search = wanted
        after = {row.index for row in self.rows if find_all(row.text, wanted)}
        width = self._text_width()
        for index in sorted(before | after):
            if index < self.option_count:
                self.replace_option_prompt_at_index(index, self.prompt(self.rows[index], width))

    def _text_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        return self.scrollable_content_region.width - padding

    def _layout(self) -> None:
        width = self._text_width()
        if width <= 0 or width == self._width:
            return
        self._width = width
        highlighted = self.highlighted
        self.set_options(Option(self.prompt(row, width), id=str(row.index)) for row in self.rows)
        if self.rows:
            self.highlighted = min(highlighted or 0, len(self.rows) - 1)

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._layout)

    def relayout(self, index: int) -> None:
        """Lay one turn out again (its codings changed)."""
        if index < self.option_count:
            self.replace_option_prompt_at_index(
                index, self.prompt(self.rows[index], self._text_width())
            )

    # -- one turn ---------------------------------------------------------------------

    def words(self, row: TurnRow) -> Content:
        style = "$text-muted" if row.interviewer else ""
        words = Content.styled(row.text, style) if style else Content(row.text)
        for start, end, themes in row.coded:
            colour = self.colours.get(themes[0], "") if themes else ""
            words = words.stylize(f"underline {colour}".strip(), start, end)
        for at in find_all(row.text, self.search):
            words = words.stylize("reverse", at, at + len(self.search))
        return words

    def prompt(self, row: TurnRow, width: int) -> Content:
        speaker_width = self.speaker_width + 1
        indent = TIME_WIDTH + MARGIN_WIDTH + speaker_width
        text_width = max(width - indent, MIN_WORDS)
        lines = self.words(row).wrap(text_width)
        ranges = _line_ranges(row.text, [line.plain for line in lines])
        speaker = one_line(row.speaker, self.speaker_width).ljust(speaker_width)
        speaker_style = "italic $text-muted" if row.interviewer else "bold"
        out: list[Content] = []
        for n, line in enumerate(lines):
            low, high = ranges[n]
            themes = [t for s, e, ts in row.coded if s < high and e > low for t in ts]
            margin = marks(themes, self.colours, MARGIN_WIDTH - 1).append(" ")
            if n == 0:
                time = Content.styled(row.time.rjust(TIME_WIDTH - 1) + " ", "dim")
                who = Content.styled(speaker, speaker_style)
            else:
                time = Content(" " * TIME_WIDTH)
                who = Content(" " * speaker_width)
            out.append(Content.assemble(time, margin, who, line))
        return Content("\n").join(out)


def _line_ranges(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """The offsets in ``text`` each wrapped line shows (wrapping drops spaces at breaks)."""
    ranges: list[tuple[int, int]] = []
    at = 0
    for line in lines:
        piece = line.strip()
        found = text.find(piece, at) if piece else at
        if found == -1:
            found = at
        ranges.append((found, found + len(piece)))
        at = found + len(piece)
    return ranges
