"""The positionality register and its timeline across the interviews.

A row per pre-understanding (by concept, as the register lists them), a
column per interview in date order: ✗ where a passage of that interview's
reflection challenged it, ✓ where one confirmed it. Enter on a row shows the
passages, interview by interview, with their words and memos; ``o`` opens
the reflection of the first of them, ``e`` the pre-understanding itself.
Everything the writer wrote is shown as ``Text``/``Content``, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from eftertanke.analysis.positionality import Timeline, TimelineRow, timeline
from eftertanke.dates import format_date
from eftertanke.domain import CONCEPT_NAMES, Entry
from eftertanke.i18n import t
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseScreen

CHALLENGED, CONFIRMED = "✗", "✓"


def cell_text(verdicts: list[str]) -> Text:
    """One interview's verdicts on one pre-understanding, as the table shows them."""
    if not verdicts:
        return Text("·", style="dim", justify="center")
    out = Text(justify="center")
    for verdict in verdicts:
        if verdict == "challenged":
            out.append(CHALLENGED, style="bold red")
        else:
            out.append(CONFIRMED, style="bold green")
    return out


class PositionalityScreen(BaseScreen):
    CSS_PATH = "positionality.tcss"
    AUTO_FOCUS = "#positions-table"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "show_passages", "Passages", show=False),
        Binding("o", "open_reflection", "Open reflection"),
        Binding("e", "open_position", "Open pre-understanding"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.timeline: Timeline = Timeline([], [])
        self.selected: TimelineRow | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="positions"):
            yield Static(id="positions-title", classes="panel-title")
            yield Static(id="positions-empty")
            yield DataTable(id="positions-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="positions-detail", classes="panel")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = self.t("title")
        self.query_one("#positions-title", Static).update(self.t("heading"))

    def refresh_data(self) -> None:
        entries = [Entry.from_dict(doc) for doc in self.eapp.index.docs()]
        self.timeline = timeline(entries, self.eapp.data.interviews)
        lang = self.eapp.lang
        table = self.query_one("#positions-table", DataTable)
        table.clear(columns=True)
        empty = self.query_one("#positions-empty", Static)
        empty.update(Content(self.t("empty")) if not self.timeline.rows else "")
        empty.display = not self.timeline.rows
        table.display = bool(self.timeline.rows)
        table.add_column(Text(self.t("concept")), key="concept")
        table.add_column(Text(self.t("position")), key="position")
        for code in self.timeline.interviews:
            table.add_column(Text(one_line(code, 8), justify="center"), key=f"i:{code}")
        concept = None
        for row in self.timeline.rows:
            name = CONCEPT_NAMES[row.concept][lang] if row.concept != concept else ""
            concept = row.concept
            table.add_row(
                Text(name, style="bold"),
                Text(one_line(row.text, 48)),
                *(cell_text(row.verdicts(code)) for code in self.timeline.interviews),
                key=row.position.id,
            )
        keep = self.selected.position.id if self.selected else None
        self.selected = next((r for r in self.timeline.rows if r.position.id == keep), None)
        self._show_detail()

    def _current(self) -> TimelineRow | None:
        table = self.query_one("#positions-table", DataTable)
        if not self.timeline.rows or table.row_count == 0:
            return None
        index = min(max(table.cursor_row, 0), len(self.timeline.rows) - 1)
        return self.timeline.rows[index]

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_show_passages()

    def action_show_passages(self) -> None:
        self.selected = self._current()
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#positions-detail", Static)
        row = self.selected
        if row is None:
            detail.update(Content(self.t("detail_hint")))
            return
        lang = self.eapp.lang
        parts: list[tuple[str, str] | str] = [
            (f"{CONCEPT_NAMES[row.concept][lang]}: ", "bold"),
            one_line(row.text, 300),
            "\n",
        ]
        marked = [code for code in self.timeline.interviews if row.cells.get(code)]
        if not marked:
            parts.append((self.t("unmarked"), "dim"))
        for code in marked:
            date = self.timeline.dates.get(code)
            when = f" ({format_date(date, lang)})" if date else ""
            for passage in row.cells[code]:
                challenged = passage.mark.verdict == "challenged"
                sign = CHALLENGED if challenged else CONFIRMED
                word = t(f"positions.verdict.{passage.mark.verdict}", lang)
                parts += [
                    "\n",
                    (f"{one_line(code, 12)}{when}  ", "bold"),
                    (f"{sign} {word}", "bold red" if challenged else "bold green"),
                    ": «",
                    one_line(passage.mark.quote, 200),
                    "»",
                ]
                if passage.mark.memo:
                    parts += ["\n    ", (one_line(passage.mark.memo, 200), "italic")]
        detail.update(Content.assemble(*parts))

    def action_open_reflection(self) -> None:
        row = self.selected or self._current()
        if row is None:
            return
        for code in self.timeline.interviews:
            if row.cells.get(code):
                self.eapp.open_entry(row.cells[code][0].reflection)
                return
        self.notify(self.t("unmarked"), timeout=3)

    def action_open_position(self) -> None:
        row = self.selected or self._current()
        if row is not None:
            self.eapp.open_entry(row.position.id)
