"""A transcript's speaker turns as one virtualised list, with coding marks in a margin.

A transcript has hundreds of turns, so it is one ``OptionList`` (which draws
only the lines on screen), never a widget per turn. Each turn is laid out
as a hanging paragraph at whatever width the list has::

      09:45 ▌  Respondent  Det gør kollegerne, og når vi lykkes
               ▌              sammen med noget svært …

so the words of a long turn stay clear of the time and speaker columns, and
the margin shows a mark per theme coded on every line of the turn. Each turn
is a ``TurnVisual``: the list asks every turn its height (a quick greedy wrap
of the plain words, cached per width) but builds the styled lines only for
the turns it draws, so an 800-turn transcript opens at once. Words are plain
``Content`` (user text is never markup); coded words are underlined in their
theme's colour and search matches reversed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from eftertanke.textsafe import one_line
from eftertanke.transcript import Transcript, clock
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


def turn_rows(transcript: Transcript, cited: dict[int, int]) -> list[TurnRow]:
    """The transcript's turns as rows: each coding's span cut to the turns it
    covers (offsets into the turn's own words), ``cited[n]`` reflections
    quoting turn n."""
    spans = transcript.turn_spans
    coded: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
    for coding in transcript.codings:
        first = transcript.turn_at(coding.start)
        last = transcript.turn_at(max(coding.end - 1, coding.start))
        for index in range(first, last + 1):
            low, high = spans[index]
            start, end = max(coding.start, low) - low, min(coding.end, high) - low
            if end > start:
                coded.setdefault(index, []).append((start, end, tuple(coding.themes)))
    return [
        TurnRow(
            index=n,
            time=clock(turn.start) if turn.start is not None else "",
            speaker=turn.speaker,
            interviewer=transcript.is_interviewer(turn.speaker),
            text=turn.text,
            coded=coded.get(n, []),
            cited=cited.get(n, 0),
        )
        for n, turn in enumerate(transcript.turns)
    ]


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


_WORD = re.compile(r"\S+\s*")


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: the (start, end) offsets of each line of ``text`` at ``width``
    cells, spaces at a break left out; a word wider than a line is cut."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    start = end = used = 0
    for match in _WORD.finditer(text):
        at, stop = match.start(), match.start() + len(match.group(0).rstrip())
        size = cell_len(text[at:stop])
        if used and used + size > width:
            lines.append((start, end))
            start, used = at, 0
        while size > width:  # a word wider than a line: as much as fits, line by line
            cut = at + 1
            while cut < stop and cell_len(text[at : cut + 1]) <= width:
                cut += 1
            lines.append((start, cut))
            start = at = cut
            size = cell_len(text[at:stop])
        end = stop
        used += size + (match.end() - stop)
    lines.append((start, end))
    return lines


class TurnVisual(Visual):
    """One turn of a ``TurnList``, laid out at the width it is drawn at."""

    def __init__(self, owner: TurnList, row: TurnRow) -> None:
        self.owner = owner
        self.row = row
        self._ranges: tuple[int, list[tuple[int, int]]] | None = None

    def _indent(self) -> tuple[int, int]:
        speaker_width = self.owner.speaker_width + 1
        return speaker_width, TIME_WIDTH + MARGIN_WIDTH + speaker_width

    def ranges(self, width: int) -> list[tuple[int, int]]:
        if self._ranges is None or self._ranges[0] != width:
            _, indent = self._indent()
            self._ranges = (width, wrap_ranges(self.row.text, max(width - indent, MIN_WORDS)))
        return self._ranges[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.ranges(width))

    def content(self, width: int) -> Content:
        owner, row = self.owner, self.row
        speaker_width, _ = self._indent()
        words = owner.words(row)
        speaker = one_line(row.speaker, owner.speaker_width).ljust(speaker_width)
        speaker_style = "italic $text-muted" if row.interviewer else "bold"
        out: list[Content] = []
        for n, (low, high) in enumerate(self.ranges(width)):
            themes = [t for s, e, ts in row.coded if s < high and e > low for t in ts]
            margin = marks(themes, owner.colours, MARGIN_WIDTH - 1).append(" ")
            if n == 0:
                time = Content.styled(row.time.rjust(TIME_WIDTH - 1) + " ", "dim")
                who = Content.styled(speaker, speaker_style)
            else:
                time = Content(" " * TIME_WIDTH)
                who = Content(" " * speaker_width)
            out.append(Content.assemble(time, margin, who, words[low:high]))
        return Content("\n").join(out)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content(width).render_strips(width, height, style, options)


class TurnList(OptionList):
    # The scrollbar's column is kept, so the turns' heights do not change under
    # the list when it first overflows.
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
        self.speaker_width = 10

    def show(self, rows: list[TurnRow], colours: dict[str, str]) -> None:
        self.rows, self.colours = rows, colours
        speakers = [len(row.speaker) for row in rows] or [0]
        self.speaker_width = min(max(speakers), MAX_SPEAKER)
        highlighted = self.highlighted
        self.set_options(Option(TurnVisual(self, row), id=str(row.index)) for row in rows)
        if rows:
            self.highlighted = min(highlighted or 0, len(rows) - 1)

    def set_search(self, wanted: str) -> None:
        """Mark where ``wanted`` occurs; only the turns whose marks change are drawn anew."""
        before = {row.index for row in self.rows if find_all(row.text, self.search)}
        self.search = wanted
        after = {row.index for row in self.rows if find_all(row.text, wanted)}
        for index in sorted(before | after):
            if index < self.option_count:
                self.replace_option_prompt_at_index(index, TurnVisual(self, self.rows[index]))

    def words(self, row: TurnRow) -> Content:
        style = "$text-muted" if row.interviewer else ""
        words = Content.styled(row.text, style) if style else Content(row.text)
        for start, end, themes in row.coded:
            colour = self.colours.get(themes[0], "") if themes else ""
            words = words.stylize(f"underline {colour}".strip(), start, end)
        for at in find_all(row.text, self.search):
            words = words.stylize("reverse", at, at + len(self.search))
        return words
