"""How Browse draws an entry's row, and keeps it between keystrokes.

A row is the entry's date, kind, interview code, title and themes, in
columns that fit the width of the screen; while searching, the text around
its first hit is under it, with every hit marked (``eftertanke.snippet``).
Each entry's ``Option`` is built once per language and width and kept:
a ``LazyRow`` (``tui.widgets.entry_list``) that reads the words searched for
when it is drawn, so a keystroke only filters the index and hands the list
options it already has.

``BrowseRows`` is mixed into ``BrowseScreen`` (screens/browse.py), which
owns the list and the words searched for (``_words``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.dates import format_datetime
from eftertanke.domain import DATA_TYPES
from eftertanke.entry_row import EntryRow
from eftertanke.services.query import searchable_parts
from eftertanke.services.search import hit_snippet
from eftertanke.snippet import Span, find_hits, snippet
from eftertanke.textsafe import one_line
from eftertanke.tui.index import IndexRow
from eftertanke.tui.strings import common
from eftertanke.tui.widgets.entry_list import EntryList, LazyRow, RowMode

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp

# "14. mar. 2026 10:50" and "14 Mar 2026 10:50": the longest a date is shown.
DATE_WIDTH = 19
KIND_WIDTH = 9
CODE_WIDTH = 6
# What a row's fixed columns, their gaps, the margins and the border take.
FIXED_WIDTH = DATE_WIDTH + 2 + KIND_WIDTH + 1 + CODE_WIDTH + 1 + 2 + 8
# A search snippet starts under the kind, after the date.
SNIPPET_INDENT = DATE_WIDTH + 2
# How a search hit is marked, in the snippet and in the title (the
# transcript view marks its matches the same way).
HIT_STYLE = "not dim bold reverse"


class BrowseRows:
    """The rows of ``BrowseScreen``'s list, built once per entry and kept."""

    eapp: EftertankeApp
    size: Any
    query_one: Any
    t: Any
    # Rows are cached per entry. While searching, a row is two lines (the
    # snippet under it) and reads the current words when it is drawn.
    _options: dict[str, tuple[dict[str, Any], Option]]
    _options_key: tuple[str, int]
    _words: tuple[str, ...]

    def _options_for(self, rows: list[IndexRow]) -> list[Option]:
        # Options are cached per entry and per (language, width): reusing them
        # keeps their measured visuals, which is most of the cost of a redraw.
        key = (self.eapp.lang, self.size.width or 100)
        if key != self._options_key:
            self._options.clear()
            self._options_key = key
        cache = self._options
        build = self._build_option
        mode = self.query_one("#browse-list", EntryList).mode
        options: list[Option] = []
        append = options.append
        for row in rows:
            # The journal re-parses only changed shards, so an unchanged entry
            # keeps the very same dict: identity says whether the row is stale.
            cached = cache.get(row.id)
            if cached is None or cached[0] is not row.doc:
                cached = (row.doc, build(row, mode))
                cache[row.id] = cached
            append(cached[1])
        return options

    def _title_width(self) -> int:
        # About two thirds of what the fixed columns leave go to the title,
        # the rest to the themes.
        width = self.size.width or 100
        return max(20, min(80, (width - FIXED_WIDTH) * 2 // 3))

    def _snippet_width(self) -> int:
        width = self.size.width or 100
        return max(20, width - SNIPPET_INDENT - 8)

    def _build_option(self, row: IndexRow, mode: RowMode) -> Option:
        return Option(LazyRow(self._row_lines, row, mode), id=row.id)

    def _row_lines(self, row: IndexRow) -> list[Content]:
        """A row's lines for the words searched now: with a search, the
        snippet of its first hit under it."""
        words = self._words
        if not words:
            return [self._row_content(row, words)]
        return [self._row_content(row, words), self._snippet_line(row, words)]

    def _snippet_line(self, row: IndexRow, words: tuple[str, ...]) -> Content:
        """The text around the first hit, under the row, with every hit marked."""
        doc = self.eapp.index.doc(row.id)  # the row holds no text: read it whole
        if doc is None:
            return Content("")
        width = self._snippet_width()
        # The words as typed, else the forms the full-text index matched (stems).
        found = snippet(searchable_parts(doc), words, width) or hit_snippet(doc, list(words), width)
        if found is None:
            return Content("")
        return Content.assemble(" " * SNIPPET_INDENT, _marked(found.text, found.hits, "dim"))

    def _row_content(self, row: IndexRow, words: tuple[str, ...]) -> Content:
        title_width = self._title_width()
        entry = EntryRow(row.doc)  # the row's one wrapper: every column reads through it
        app = self.eapp
        # A conflict copy left by a merge is marked, so it is found and resolved.
        mark = "⇄ " if entry.conflict_of else ""
        entry_title = entry.display_title(title_width)
        title = mark + (one_line(entry_title, title_width - len(mark)) or self.t("untitled"))
        themes = one_line(", ".join(entry.themes))
        code = one_line(entry.interview, CODE_WIDTH) or "·"
        return Content.assemble(
            (format_datetime(row.created, app.lang).ljust(DATE_WIDTH), "dim"),
            "  ",
            (_kind_word(entry, app.lang)[:KIND_WIDTH].ljust(KIND_WIDTH), "italic"),
            " ",
            (code.ljust(CODE_WIDTH), "bold"),
            " ",
            _marked(title.ljust(title_width), find_hits(title, words)),
            "  ",
            (themes, "dim"),
        )


def _kind_word(entry: EntryRow, lang: str) -> str:
    """A row's kind, or its self-as-data type (chronology, ...) when it has one;
    an entry stored without a kind is a memo, as ``Entry.from_dict`` reads it."""
    data_type = entry.data_type
    if data_type in DATA_TYPES:
        return i18n.t(f"selfdata.type.{data_type}", lang)
    return common(f"kind.{entry.kind or 'memo'}", lang)


def _marked(text: str, hits: Iterable[Span], style: str = "") -> Content:
    """``text`` as plain ``Content`` (never markup) with the hits marked."""
    content = Content.styled(text, style) if style else Content(text)
    for start, end in hits:
        content = content.stylize(HIT_STYLE, start, end)
    return content
