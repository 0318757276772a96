"""The Analysis screen's theme pairs: the themes that meet (in a passage, in
adjacent sentences, in an excerpt or on one entry), how often and where, and
beside the table the passages where the highlighted pair meets; enter on one
posts ``PassageChosen`` (the screen opens it).

The pairs are ``eftertanke.analysis.cooccurrence``'s, computed by the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static

from eftertanke.analysis.cooccurrence import Pair
from eftertanke.analysis.labels import percent, w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.i18n import t
from eftertanke.textsafe import one_line
from eftertanke.tui.widgets.analysis_view import PassageListView, passage_options, view_css

COLUMNS = ("theme_a", "theme_b", "together", "in_reflections", "in_transcripts",
           "in_excerpts", "in_whole", "share")  # fmt: skip


class PairsView(PassageListView):
    """The pairs, and the side list of the highlighted pair's passages."""

    SCOPED_CSS = False  # its rules name the view (and the narrow screen) themselves
    DEFAULT_CSS = view_css("analysis_pairs.tcss")

    def __init__(self) -> None:
        super().__init__("pairs")
        self.pairs: list[Pair] = []
        self.lookup = PassageLookup(())
        self.lang = "da"

    def compose(self) -> ComposeResult:
        yield Static(id="pairs-empty", classes="empty")
        with Horizontal(id="pairs-body"):
            yield DataTable(id="pairs-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="pairs-side"):
                yield Static(id="pairs-cell", classes="panel-title")
                yield OptionList(id="pairs-items")

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        self.pairs, self.lookup, self.lang = result.cooccurrence.pairs, lookup, lang
        pairs = self.pairs
        table = self.query_one("#pairs-table", DataTable)
        table.clear(columns=True)
        self.say_empty("" if pairs else w("cooccurrence_empty", lang), "#pairs-body")
        for key in COLUMNS:
            table.add_column(Text(w(key, lang)), key=key)
        for n, pair in enumerate(pairs):
            table.add_row(
                Text(one_line(pair.first, 40)),
                Text(one_line(pair.second, 40)),
                Text(str(pair.count), justify="right", style="bold"),
                Text(str(pair.reflection), justify="right"),
                Text(str(pair.transcript), justify="right"),
                Text(str(pair.excerpts), justify="right"),
                Text(str(pair.whole), justify="right"),
                Text(percent(pair.share), justify="right"),
                key=str(n),
            )
        self.query_one("#pairs-cell", Static).update(Content(t("tui.analysis.pick_pair", lang)))
        self.query_one("#pairs-items", OptionList).clear_options()
        if pairs:
            self._list_pair(table.cursor_row)

    def _list_pair(self, index: int) -> None:
        if not 0 <= index < len(self.pairs):
            return
        pair = self.pairs[index]
        items = self.query_one("#pairs-items", OptionList)
        items.clear_options()
        # the units where the two themes meet, in the order they were counted
        options, self.items = passage_options(list(pair.refs), self.lookup, self.lang)
        label = f"{one_line(pair.first, 30)} + {one_line(pair.second, 30)}"
        where = t("tui.analysis.all_interviews", self.lang)
        title = t("tui.analysis.cell_title", self.lang, what=label, where=where, n=len(pair.refs))
        self.query_one("#pairs-cell", Static).update(Content(title))
        items.add_options(options)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._list_pair(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a pair goes to its passages."""
        event.stop()
        self._list_pair(event.cursor_row)
        self.focus_items()
