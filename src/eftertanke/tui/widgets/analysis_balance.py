"""The Analysis screen's reflexive balance: a row per post-interview
reflection, the share of its words about the respondent, the writer, method
and unspecified, and a mark where self-writing outweighs the rest; enter on a
row posts ``EntryChosen`` (the screen opens the reflection).

The shares are ``eftertanke.analysis.balance``'s, computed by the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from eftertanke.analysis.balance import ORIENTATION_KEYS
from eftertanke.analysis.labels import percent, w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.analysis.tables import balance_notes
from eftertanke.dates import format_datetime
from eftertanke.i18n import humanise_minutes
from eftertanke.textsafe import one_line
from eftertanke.tui.widgets.analysis_view import AnalysisView, EntryChosen, view_css


class BalanceView(AnalysisView):
    """The balance table and its notes."""

    SCOPED_CSS = False  # its rules name the view themselves
    DEFAULT_CSS = view_css("analysis_balance.tcss")

    def __init__(self) -> None:
        super().__init__("balance")

    def compose(self) -> ComposeResult:
        yield Static(id="balance-empty", classes="empty")
        yield DataTable(id="balance-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="balance-note", classes="note")

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        balance = result.balance
        table = self.query_one("#balance-table", DataTable)
        table.clear(columns=True)
        self.say_empty("" if balance.rows else w("balance_empty", lang), "#balance-table")
        for key, label in (
            ("written", w("written", lang)),
            ("interview", w("interview", lang)),
            ("words", w("words", lang)),
            *((k, w(k, lang)) for k in ORIENTATION_KEYS),
            ("minutes", w("written_after", lang)),
            ("flag", w("flag", lang)),
            ("title", w("title", lang)),
        ):
            table.add_column(Text(label), key=key)
        for row in balance.rows:
            heavy = row.self_heavy
            table.add_row(
                Text(format_datetime(row.created, lang)),
                Text(one_line(row.interview or "—", 16), style="bold"),
                Text(str(row.total), justify="right"),
                *(
                    Text(
                        percent(row.share(k)),
                        justify="right",
                        style="bold" if heavy and k == "self" else "",
                    )
                    for k in ORIENTATION_KEYS
                ),
                Text(
                    "" if row.minutes_after is None else humanise_minutes(row.minutes_after, lang),
                    justify="right",
                ),
                Text(w("self_heavy", lang) if heavy else "", style="italic"),
                Text(one_line(row.title, 50)),
                key=row.entry_id,
            )
        notes = balance_notes(balance, lang) if balance.rows else []
        self.query_one("#balance-note", Static).update(Content("\n".join(notes)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(EntryChosen(event.row_key.value))
