"""The Analysis screen's theme × interview matrix: a row per theme under its
concept, a column per interview, and beside it the coded passages, excerpts
and whole-entry codings behind the highlighted cell; enter on one of them
posts ``PassageChosen`` (the screen opens it).

The counts are ``eftertanke.analysis.matrix``'s, computed by the screen.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.analysis.coded import Ref
from eftertanke.analysis.labels import concept_label, w
from eftertanke.analysis.matrix import ThemeMatrix
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.analysis.tables import matrix_cell_text
from eftertanke.i18n import t
from eftertanke.textsafe import one_line
from eftertanke.tui.widgets.analysis_view import PassageListView, passage_options, view_css


class MatrixView(PassageListView):
    """The matrix, and the side list of the highlighted cell's passages."""

    SCOPED_CSS = False  # its rules name the view (and the narrow screen) themselves
    DEFAULT_CSS = view_css("analysis_matrix.tcss")

    def __init__(self) -> None:
        super().__init__("matrix")
        self.matrix: ThemeMatrix | None = None
        self.lookup = PassageLookup(())
        self.lang = "da"
        self._drawn = False

    def compose(self) -> ComposeResult:
        yield Static(id="matrix-empty", classes="empty")
        with Horizontal(id="matrix-body"):
            yield DataTable(id="matrix-table", cursor_type="cell")
            with Vertical(id="matrix-side"):
                yield Static(id="matrix-cell", classes="panel-title")
                yield OptionList(id="matrix-items")
        yield Static(id="matrix-note", classes="note")

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        """Draw the matrix; the cursor stays where it was when the cell is still there."""
        self.matrix, self.lookup, self.lang = result.matrix, lookup, lang
        matrix = result.matrix
        table = self.query_one("#matrix-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        message = ""
        if matrix.is_empty:
            message = w("matrix_empty", lang) if matrix.interviews else w("no_interviews", lang)
        self.say_empty(message, "#matrix-body")
        notes = [w("matrix_legend", lang)]
        if len(matrix.interviews) == 1:
            notes.append(w("single_interview", lang, code=one_line(matrix.interviews[0])))
        self.query_one("#matrix-note", Static).update(Content("\n".join(notes)))
        if matrix.is_empty:
            return
        self._fill(table, matrix)
        if self._drawn and cursor.row < table.row_count and cursor.column < len(table.columns):
            table.move_cursor(row=cursor.row, column=cursor.column)
        else:
            # start on the first theme's first interview, so the side list shows something
            table.move_cursor(row=1, column=1)
        self._drawn = True
        self._list_cell(table.cursor_coordinate)

    def _fill(self, table: DataTable[Any], matrix: ThemeMatrix) -> None:
        """A bold row per concept, its themes under it, the totals last."""
        lang = self.lang
        table.add_column(Text(w("theme", lang)), key="theme")
        for code in matrix.interviews:
            table.add_column(Text(one_line(code, 12), justify="right"), key=f"i:{code}")
        table.add_column(Text(w("total", lang), justify="right"), key="total")

        def pair(cell: Any, style: str = "") -> Text:
            value = matrix_cell_text(cell)
            return Text(value, style=style if cell.total else "dim", justify="right")

        for concept, themes in matrix.groups:
            table.add_row(
                Text(concept_label(concept, lang), style="bold"),
                *(pair(matrix.concept_cell(concept, code), "bold") for code in matrix.interviews),
                pair(matrix.concept_cell(concept), "bold"),
                key=f"c:{concept}",
            )
            for theme in themes:
                table.add_row(
                    Text("  " + one_line(theme, 34)),
                    *(pair(matrix.cell(theme, code)) for code in matrix.interviews),
                    pair(matrix.row_total(theme), "bold"),
                    key=f"t:{theme}",
                )
        table.add_row(
            Text(w("total", lang), style="bold"),
            *(pair(matrix.total_cell(code), "bold") for code in matrix.interviews),
            pair(matrix.total_cell(), "bold"),
            key="total",
        )

    def cell_refs(self, row_key: str, column_key: str) -> tuple[str, str, list[Ref]]:
        """What a matrix cell stands for, where, and the refs behind it."""
        assert self.matrix is not None
        matrix, lang = self.matrix, self.lang
        # the theme column stands for the whole row, like the total column
        codes = [column_key[2:]] if column_key.startswith("i:") else list(matrix.interviews)
        if column_key.startswith("i:"):
            where = one_line(codes[0])
        else:
            where = t("tui.analysis.all_interviews", lang)
        if row_key.startswith("t:"):
            themes = [row_key[2:]]
            what = one_line(row_key[2:], 40)
        elif row_key.startswith("c:"):
            concept = row_key[2:]
            themes = next((names for c, names in matrix.groups if c == concept), [])
            what = concept_label(concept, lang)
        else:
            themes = matrix.themes
            what = w("total", lang)
        refs = [
            ref for theme in themes for code in codes for ref in matrix.refs.get((theme, code), ())
        ]
        return what, where, list(dict.fromkeys(refs))

    def _list_cell(self, coordinate: Coordinate) -> None:
        table = self.query_one("#matrix-table", DataTable)
        items = self.query_one("#matrix-items", OptionList)
        title = self.query_one("#matrix-cell", Static)
        items.clear_options()
        self.items = []
        if self.matrix is None or not table.row_count:
            return
        try:
            key = table.coordinate_to_cell_key(coordinate)
        except Exception:  # noqa: BLE001 - no such cell (the table was redrawn)
            return
        column = key.column_key.value or ""
        what, where, refs = self.cell_refs(key.row_key.value or "", column)
        cell_title = t("tui.analysis.cell_title", self.lang, what=what, where=where, n=len(refs))
        title.update(Content(cell_title))
        if not refs:
            items.add_option(Option(Content(w("matrix_items_empty", self.lang)), disabled=True))
            return
        options, self.items = passage_options(refs, self.lookup, self.lang)
        items.add_options(options)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._list_cell(event.coordinate)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a cell goes to its passages."""
        event.stop()
        self._list_cell(event.coordinate)
        self.focus_items()
