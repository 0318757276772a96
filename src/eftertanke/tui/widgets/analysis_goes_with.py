"""The Analysis screen's "what goes with good and bad days": the ratings on
interview days and on days naming each concept and theme, beside the other
rated days, and what the energy answers name.

The comparisons are ``eftertanke.analysis.goes_with``'s, computed by the
screen; stored words go in as ``Text``/``Content`` only.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from eftertanke.analysis.goes_with import INTERVIEW, GoesWith
from eftertanke.analysis.labels import w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.analysis.tables import (
    energy_words_text,
    goes_with_cell,
    goes_with_days,
    goes_with_groups,
    goes_with_label,
    goes_with_notes,
)
from eftertanke.textsafe import one_line
from eftertanke.tui.widgets.analysis_view import AnalysisView, view_css

# Well-being, energy and the balance first, the figures a leader looks at;
# then demands, resources and safety.
GOES_WITH_KEYS = ("wellbeing", "energy", "balance", "demands", "resources", "safety")


def _joined(lines: list[Content]) -> list[Content | str]:
    out: list[Content | str] = []
    for n, line in enumerate(lines):
        out.extend((line, "\n") if n < len(lines) - 1 else (line,))
    return out


def energy_content(result: GoesWith, lang: str) -> Content:
    """What the energy answers name: the words, and the themes among them."""
    lines: list[Content] = []
    for named in result.energy:
        title = f"{w(named.prompt.replace('-', '_'), lang)} ({named.answers})"
        if not named.answers:
            continue
        lines.append(
            Content.assemble((title, "bold"), ": ", one_line(energy_words_text(named.words)) or "–")
        )
        if named.themes:
            lines.append(
                Content.assemble(
                    ("  " + w("energy_themes", lang), "italic"),
                    ": ",
                    one_line(energy_words_text(named.themes)),
                )
            )
    if not lines:
        lines.append(Content(w("energy_none", lang)))
    else:
        lines.append(Content.styled(w("energy_legend", lang), "dim"))
    return Content.assemble((w("energy_title", lang), "bold underline"), "\n", *_joined(lines))


class GoesWithView(AnalysisView):
    """The comparison table, its notes, and the energy answers' words."""

    SCOPED_CSS = False  # its rules name the view themselves
    DEFAULT_CSS = view_css("analysis_goes_with.tcss")

    def __init__(self) -> None:
        super().__init__("goeswith")

    def compose(self) -> ComposeResult:
        yield Static(id="goeswith-empty", classes="empty")
        yield DataTable(id="goeswith-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="goeswith-note", classes="note")
        yield Static(id="goeswith-energy")

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        if result.goes_with is not None:
            self.show_goes_with(result.goes_with, lang)

    def show_goes_with(self, result: GoesWith, lang: str) -> None:
        table = self.query_one("#goeswith-table", DataTable)
        table.clear(columns=True)
        empty = not result.comparisons
        self.say_empty(w("goes_with_empty", lang) if empty else "", "#goeswith-table")
        table.add_column(Text(w("goes_with_what", lang)), key="what")
        table.add_column(Text(w("goes_with_days", lang), justify="right"), key="days")
        for key in GOES_WITH_KEYS:
            table.add_column(Text(w(key, lang), justify="right"), key=key)
        for head, themes in goes_with_groups(result):
            known = bool(head.name) or head.kind == INTERVIEW
            label = goes_with_label(head, lang) if known else w("uncategorised", lang)
            cells = [goes_with_cell(head, k, lang) for k in GOES_WITH_KEYS] if known else []
            table.add_row(
                Text(label, style="bold"),
                Text(goes_with_days(head) if known else "", justify="right"),
                *(Text(c, justify="right") for c in cells or [""] * len(GOES_WITH_KEYS)),
            )
            for theme in themes:
                table.add_row(
                    Text("  " + one_line(theme.name, 40)),
                    Text(goes_with_days(theme), justify="right"),
                    *(
                        Text(goes_with_cell(theme, k, lang), justify="right")
                        for k in GOES_WITH_KEYS
                    ),
                )
        notes = goes_with_notes(lang) if not empty else []
        self.query_one("#goeswith-note", Static).update(Content("\n".join(notes)))
        self.query_one("#goeswith-energy", Static).update(energy_content(result, lang))
