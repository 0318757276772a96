"""Analysis: looking back across interviews and over time.

Six tabs: the theme × interview matrix (a cell lists the coded passages,
excerpts and whole-entry codings behind it; enter opens one), coverage of
each interview's reflections and transcript, theme pairs that meet (the
passages where they meet are listed), well-being over time (by week and by
day, with the resources − demands balance), the reflexive balance of each
post-interview reflection, and what goes with good and bad days (the ratings
on interview days and on days naming each concept and theme, beside the
other rated days, and what the energy answers name; ``analysis.goes_with``).
Everything is computed in a thread worker from the
app's data layer (its index and the transcripts ``app.data`` loaded;
``eftertanke.analysis``), then drawn; user text goes in as ``Text``/``Content`` only, never as markup.

Opening a coded passage opens where it is: a reflection's passage opens its
entry, with the coded words shown beside it; a transcript passage opens the
transcript view at its turn, with the speaker, the time and the words.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from eftertanke.analysis.balance import ORIENTATION_KEYS
from eftertanke.analysis.coded import (
    EXCERPT,
    INTERVIEWER,
    REFLECTION,
    RESPONDENT,
    WHOLE,
    Ref,
    as_layouts,
)
from eftertanke.analysis.goes_with import INTERVIEW, GoesWith
from eftertanke.analysis.labels import concept_label, percent, w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses, analyse_all
from eftertanke.analysis.tables import (
    balance_notes,
    coverage_cell,
    energy_words_text,
    goes_with_cell,
    goes_with_days,
    goes_with_groups,
    goes_with_label,
    goes_with_notes,
    matrix_cell_text,
    timeline_span,
)
from eftertanke.analysis.timeline import BALANCE, SERIES_KEYS
from eftertanke.domain import CONCEPTS
from eftertanke.i18n import decimal, humanise_minutes
from eftertanke.textsafe import one_line
from eftertanke.tui import strings
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.by_prompt import ByPromptView
from eftertanke.tui.widgets.trend import BlockStrip

TABS = ("matrix", "coverage", "pairs", "wellbeing", "balance", "goeswith", "byprompt")
# What goes with good and bad days: well-being, energy and the balance first,
# the figures a leader looks at; then demands, resources and safety.
GOES_WITH_KEYS = ("wellbeing", "energy", "balance", "demands", "resources", "safety")
MAX_ITEMS = 500
FULL_TAB_NAMES_WIDTH = 130
SNIPPET = 160


def _snippet(text: str, limit: int = SNIPPET) -> str:
    return one_line(text, limit)


def _joined(lines: list[Content]) -> list[Content | str]:
    out: list[Content | str] = []
    for n, line in enumerate(lines):
        out.extend((line, "\n") if n < len(lines) - 1 else (line,))
    return out


class AnalysisScreen(BaseScreen):
    """The analysis views in tabs; keys 1–5 switch between them."""

    CSS_PATH = "analysis.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+r", "refresh", "Recompute"),
        Binding("g", "app.go('chart')", "Chart"),
        Binding("c", "app.go('calendar')", "Calendar"),
        Binding("p", "app.go('positionality')", "Positionality", show=False),
        *(Binding(str(n), f"show_tab('{tab}')", tab, show=False) for n, tab in enumerate(TABS, 1)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: Analyses | None = None
        self.goes_with: GoesWith | None = None
        self._lookup = PassageLookup(())
        self._items: list[Ref] = []  # the units behind the matrix side list
        self._pair_items: list[Ref] = []
        self._matrix_drawn = False

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="analysis-tabs", initial="matrix"):
            with TabPane("matrix", id="matrix"):
                yield Static(id="matrix-empty", classes="empty")
                with Horizontal(id="matrix-body"):
                    yield DataTable(id="matrix-table", cursor_type="cell")
                    with Vertical(id="matrix-side"):
                        yield Static(id="matrix-cell", classes="panel-title")
                        yield OptionList(id="matrix-items")
                yield Static(id="matrix-note", classes="note")
            with TabPane("coverage", id="coverage"):
                yield Static(id="coverage-empty", classes="empty")
                yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="coverage-note", classes="note")
            with TabPane("pairs", id="pairs"):
                yield Static(id="pairs-empty", classes="empty")
                with Horizontal(id="pairs-body"):
                    yield DataTable(id="pairs-table", cursor_type="row", zebra_stripes=True)
                    with Vertical(id="pairs-side"):
                        yield Static(id="pairs-cell", classes="panel-title")
                        yield OptionList(id="pairs-items")
            with TabPane("wellbeing", id="wellbeing"):
                with VerticalScroll(id="wellbeing-body"):
                    yield Static(id="wellbeing-empty", classes="empty")
                    for by in ("week", "day"):
                        yield Static(id=f"wellbeing-title-{by}", classes="panel-title")
                        for key in SERIES_KEYS:
                            with Horizontal(classes="series-row"):
                                yield Static(id=f"label-{by}-{key}", classes="series-label")
                                yield BlockStrip(key, id=f"spark-{by}-{key}")
                                yield Static(id=f"value-{by}-{key}", classes="series-value")
                    yield Static(id="wellbeing-note", classes="note")
            with TabPane("balance", id="balance"):
                yield Static(id="balance-empty", classes="empty")
                yield DataTable(id="balance-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="balance-note", classes="note")
            with TabPane("goeswith", id="goeswith"):
                yield Static(id="goeswith-empty", classes="empty")
                yield DataTable(id="goeswith-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="goeswith-note", classes="note")
                yield Static(id="goeswith-energy")
            with TabPane("byprompt", id="byprompt"):
                yield ByPromptView(id="byprompt-view")
        yield Footer()

    # -- words and data ------------------------------------------------------------

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.t("title")
        self._label_tabs()
        if self.result is not None:
            self._show(self.result, self._lookup, self.goes_with)
            self._compute_by_prompt()  # the pack's questions in the new language

    def _label_tabs(self) -> None:
        """Tab names, short below 100 columns so every tab is seen on 80, and below
        ``FULL_TAB_NAMES_WIDTH`` (the seven full names need about 130)."""
        narrow = self.has_class("-narrow") or 0 < self.size.width < FULL_TAB_NAMES_WIDTH
        tabs = self.query_one(TabbedContent)
        for tab in TABS:
            short = strings.key_of(type(self), f"tab.{tab}.short")
            key = f"tab.{tab}.short" if narrow and short else f"tab.{tab}"
            tabs.get_tab(tab).label = Content(self.t(key))

    def on_resize(self) -> None:
        # The -narrow class follows the width (the app's breakpoints).
        self.call_after_refresh(self._label_tabs)

    def refresh_data(self) -> None:
        if self.result is None:
            self.query_one("#matrix-empty", Static).update(self.t("computing"))
        self._compute()
        self._compute_by_prompt()

    @work(thread=True, exclusive=True, group="analysis-by-prompt")
    def _compute_by_prompt(self) -> None:
        """Every reflection's answers by prompt (analysis.by_prompt), from the index."""
        from eftertanke.analysis.by_prompt import DEFAULT_PACK, reflections
        from eftertanke.packs import load_packs

        app = self.eapp
        lang = app.lang
        pack = load_packs().packs.get(DEFAULT_PACK)
        found = reflections([row.doc for row in app.index.rows], app.data.interviews, pack, lang)
        view = self.query_one(ByPromptView)
        self.app.call_from_thread(view.show, found, lang)

    @work(thread=True, exclusive=True, group="analysis")
    def _compute(self) -> None:
        app = self.eapp
        rows = app.index.rows
        docs = [row.doc for row in rows]
        transcripts = as_layouts(app.data.transcripts)
        result = analyse_all(
            docs,
            app.data.themes,
            app.data.interviews,
            top_pairs=None,
            transcripts=transcripts,
        )
        lookup = PassageLookup(docs, transcripts)
        self.app.call_from_thread(self._show, result, lookup, result.goes_with)

    def _show(
        self, result: Analyses, lookup: PassageLookup, together: GoesWith | None = None
    ) -> None:
        self.result = result
        self._lookup = lookup
        self.goes_with = together
        if together is not None:
            self._show_goes_with(together)
        self._show_matrix(result)
        self._show_coverage(result)
        self._show_pairs(result)
        self._show_wellbeing(result)
        self._show_balance(result)

    def _empty(self, name: str, message: str, *hide: str) -> None:
        empty = self.query_one(f"#{name}-empty", Static)
        empty.update(Content(message))
        empty.display = bool(message)
        for selector in hide:
            self.query_one(selector).display = not message

    # -- matrix ----------------------------------------------------------------------

    def _show_matrix(self, result: Analyses) -> None:
        lang = self.eapp.lang
        matrix = result.matrix
        table = self.query_one("#matrix-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        message = ""
        if matrix.is_empty:
            message = w("matrix_empty", lang) if matrix.interviews else w("no_interviews", lang)
        self._empty("matrix", message, "#matrix-body")
        notes = [w("matrix_legend", lang)]
        if len(matrix.interviews) == 1:
            notes.append(w("single_interview", lang, code=one_line(matrix.interviews[0])))
        self.query_one("#matrix-note", Static).update(Content("\n".join(notes)))
        if matrix.is_empty:
            return
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
        if (
            self._matrix_drawn
            and cursor.row < table.row_count
            and cursor.column < len(table.columns)
        ):
            table.move_cursor(row=cursor.row, column=cursor.column)
        else:
            # start on the first theme's first interview, so the side list shows something
            table.move_cursor(row=1, column=1)
        self._matrix_drawn = True
        self._list_cell(table.cursor_coordinate)

    def _cell_refs(self, row_key: str, column_key: str) -> tuple[str, str, list[Ref]]:
        """What a matrix cell stands for, where, and the refs behind it."""
        matrix = self.result.matrix  # type: ignore[union-attr]
        lang = self.eapp.lang
        # the theme column stands for the whole row, like the total column
        codes = [column_key[2:]] if column_key.startswith("i:") else list(matrix.interviews)
        where = one_line(codes[0]) if column_key.startswith("i:") else self.t("all_interviews")
        if row_key.startswith("t:"):
            themes = [row_key[2:]]
            what = one_line(row_key[2:], 40)
        elif row_key.startswith("c:"):
            concept = row_key[2:]
            themes = next((t for c, t in matrix.groups if c == concept), [])
            what = concept_label(concept, lang)
        else:
            themes = matrix.themes
            what = w("total", lang)
        refs = [
            ref for theme in themes for code in codes for ref in matrix.refs.get((theme, code), ())
        ]
        return what, where, list(dict.fromkeys(refs))

    def _list_cell(self, coordinate: Any) -> None:
        table = self.query_one("#matrix-table", DataTable)
        items = self.query_one("#matrix-items", OptionList)
        title = self.query_one("#matrix-cell", Static)
        items.clear_options()
        self._items = []
        if self.result is None or not table.row_count:
            return
        try:
            key = table.coordinate_to_cell_key(coordinate)
        except Exception:  # noqa: BLE001 - no such cell (the table was redrawn)
            return
        column = key.column_key.value or ""
        what, where, refs = self._cell_refs(key.row_key.value or "", column)
        title.update(Content(self.t("cell_title", what=what, where=where, n=len(refs))))
        if not refs:
            items.add_option(
                Option(Content(w("matrix_items_empty", self.eapp.lang)), disabled=True)
            )
            return
        options = []
        for ref in refs[:MAX_ITEMS]:
            options.append(self._ref_option(ref))
            self._items.append(ref)
        if len(refs) > MAX_ITEMS:
            options.append(Option(Content(self.t("more", n=len(refs) - MAX_ITEMS)), disabled=True))
        items.add_options(options)

    def _ref_option(self, ref: Ref) -> Option:
        """One unit in a side list: what it is, where, and its words."""
        lang = self.eapp.lang
        shown = self._lookup.show(ref)
        if shown is None:
            return Option(Content(self.t("gone")), disabled=True)
        kind = {
            REFLECTION: w("passage", lang),
            WHOLE: w("whole_entry", lang),
            RESPONDENT: w("respondent_turn", lang),
            INTERVIEWER: w("interviewer_turn", lang),
            EXCERPT: w("excerpt", lang),
        }[ref.kind]
        if shown.in_transcript or ref.kind == EXCERPT:
            where = (shown.reference, "dim")
            who = f" · {one_line(shown.where, 30)}" if shown.where else ""
            head: tuple[Any, ...] = ((kind, "bold"), " ", where, (who, "dim"))
        else:
            title = one_line(shown.title, 50)
            prompt = one_line(shown.where, 24) if shown.where else w("body", lang)
            head = ((kind, "bold"), " ", (title, "italic"))
            if ref.kind == REFLECTION:
                head += (" ", (f"· {prompt}", "dim"))
        if shown.review:
            head += (" ", (f"· {w('under_review', lang)}", "italic"))
        words = _snippet(shown.words)
        body = ("“", words, "”") if ref.kind != WHOLE else (words,)
        return Option(Content.assemble(*head, "\n", *body))

    def _open(self, ref: Ref) -> None:
        """Open where a unit is: its entry, or its interview for a transcript passage."""
        shown = self._lookup.show(ref)
        if shown is None:
            return
        if shown.in_transcript:
            # The transcript view opens at the passage's first turn; its speaker,
            # time and words are shown beside it, as for a reflection's passage.
            if shown.interview:
                self.eapp.open_transcript(shown.interview, turn=max(shown.turn, 0))
            message = self.t(
                "opened_turns",
                reference=shown.reference,
                speakers=one_line(shown.where, 40),
                words=_snippet(shown.words),
            )
            self.app.notify(message, markup=False, timeout=10)
            return
        # A reflection's passage opens at its words, selected; anything else
        # (an excerpt, a whole-entry coding) opens its entry.
        self.eapp.open_entry(ref.owner, ref.coding if ref.kind == REFLECTION else None)
        if ref.kind == REFLECTION:
            where = one_line(shown.where, 40) if shown.where else w("body", self.eapp.lang)
            message = f"{self.t('opened_passage', where=where)}\n“{_snippet(shown.words)}”"
            self.app.notify(message, markup=False, timeout=10)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.data_table.id == "matrix-table":
            self._list_cell(event.coordinate)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "matrix-table":
            event.stop()
            self._list_cell(event.coordinate)
            if self._items:
                items = self.query_one("#matrix-items", OptionList)
                items.focus()
                items.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        source = self._items if event.option_list.id == "matrix-items" else self._pair_items
        if 0 <= event.option_index < len(source):
            self._open(source[event.option_index])

    # -- coverage --------------------------------------------------------------------

    def _show_coverage(self, result: Analyses) -> None:
        lang = self.eapp.lang
        coverage = result.coverage
        table = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        self._empty(
            "coverage", "" if coverage.rows else w("coverage_empty", lang), "#coverage-table"
        )
        for key, label in (
            ("interview", w("interview", lang)),
            ("reflections", w("reflections", lang)),
            ("words", w("reflection_words", lang)),
            ("transcript", w("transcript_words", lang)),
            *((c, concept_label(c, lang)) for c in CONCEPTS),
            ("excerpts", w("excerpts", lang)),
            ("untouched", w("untouched", lang)),
        ):
            table.add_column(Text(label), key=key)
        for row in coverage.rows:
            cells = []
            for concept in CONCEPTS:
                if concept in row.untouched:
                    cells.append(Text(f" {w('untouched', lang).lower()} ", style="bold reverse"))
                else:
                    cells.append(Text(coverage_cell(row, concept), justify="right"))
            if not row.has_material:
                untouched = Text(w("no_material", lang), style="dim italic")
            else:
                untouched = Text(
                    ", ".join(concept_label(c, lang) for c in row.untouched), style="bold"
                )
            transcript = str(row.transcript_words) if row.has_transcript else "–"
            table.add_row(
                Text(one_line(row.interview, 16), style="bold"),
                Text(str(row.reflections), justify="right"),
                Text(str(row.reflection_words), justify="right"),
                Text(transcript, justify="right"),
                *cells,
                Text(str(row.excerpts_total), justify="right"),
                untouched,
                key=row.interview,
            )
        notes = []
        if coverage.rows:
            gaps = coverage.with_gaps
            notes = [
                w("coverage_legend", lang),
                w("coverage_gaps", lang, n=len(gaps)) if gaps else w("coverage_no_gaps", lang),
            ]
            if len(coverage.rows) == 1:
                notes.append(w("single_interview", lang, code=one_line(coverage.rows[0].interview)))
        self.query_one("#coverage-note", Static).update(Content("\n".join(notes)))

    # -- pairs -----------------------------------------------------------------------

    def _show_pairs(self, result: Analyses) -> None:
        lang = self.eapp.lang
        pairs = result.cooccurrence.pairs
        table = self.query_one("#pairs-table", DataTable)
        table.clear(columns=True)
        self._empty("pairs", "" if pairs else w("cooccurrence_empty", lang), "#pairs-body")
        for key in ("theme_a", "theme_b", "together", "in_reflections", "in_transcripts",
                    "in_excerpts", "in_whole", "share"):  # fmt: skip
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
        self.query_one("#pairs-cell", Static).update(Content(self.t("pick_pair")))
        self.query_one("#pairs-items", OptionList).clear_options()
        if pairs:
            self._list_pair(table.cursor_row)

    def _list_pair(self, index: int) -> None:
        if self.result is None or not 0 <= index < len(self.result.cooccurrence.pairs):
            return
        pair = self.result.cooccurrence.pairs[index]
        items = self.query_one("#pairs-items", OptionList)
        items.clear_options()
        # the units where the two themes meet, in the order they were counted
        self._pair_items = list(pair.refs[:MAX_ITEMS])
        options = [self._ref_option(ref) for ref in self._pair_items]
        if len(pair.refs) > MAX_ITEMS:
            options.append(
                Option(Content(self.t("more", n=len(pair.refs) - MAX_ITEMS)), disabled=True)
            )
        label = f"{one_line(pair.first, 30)} + {one_line(pair.second, 30)}"
        self.query_one("#pairs-cell", Static).update(
            Content(
                self.t("cell_title", what=label, where=self.t("all_interviews"), n=len(pair.refs))
            )
        )
        items.add_options(options)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "pairs-table":
            self._list_pair(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table_id = event.data_table.id
        if table_id == "pairs-table":
            event.stop()
            self._list_pair(event.cursor_row)
            if self._pair_items:
                items = self.query_one("#pairs-items", OptionList)
                items.focus()
                items.highlighted = 0
        elif table_id == "balance-table":
            event.stop()
            if event.row_key.value:
                self.eapp.open_entry(event.row_key.value)
        elif table_id == "coverage-table":
            event.stop()
            if event.row_key.value:
                self.eapp.open_interview(event.row_key.value)

    # -- well-being ------------------------------------------------------------------

    def _show_wellbeing(self, result: Analyses) -> None:
        lang = self.eapp.lang
        series = result.timeline
        empty = series.is_empty
        self._empty("wellbeing", w("timeline_empty", lang) if empty else "")
        for by in ("week", "day"):
            values = series.weekly if by == "week" else series.daily
            title = self.query_one(f"#wellbeing-title-{by}", Static)
            title.update(Content(w("timeline_weekly" if by == "week" else "timeline_daily", lang)))
            title.display = not empty
            for key in SERIES_KEYS:
                known = [v for v in values[key] if v is not None]
                row = self.query_one(f"#label-{by}-{key}", Static)
                row.update(Content(w(key, lang)))
                row.parent.display = not empty  # type: ignore[union-attr]
                self.query_one(f"#spark-{by}-{key}", BlockStrip).show(values[key])
                last = known[-1] if known else None
                mean = (
                    series.summary(key)["mean"]
                    if by == "day"
                    else (sum(known) / len(known) if known else None)
                )
                text = ""
                if last is not None and mean is not None:
                    signed = key == BALANCE
                    text = (
                        f"{decimal(last, lang, signed=signed)}  "
                        f"({w('mean', lang).lower()} {decimal(mean, lang, signed=signed)})"
                    )
                self.query_one(f"#value-{by}-{key}", Static).update(Content(text))
        notes = [w("timeline_legend", lang)] if not empty else []
        if not empty:
            notes.append(timeline_span(series, lang))
        self.query_one("#wellbeing-note", Static).update(Content("\n".join(notes)))

    # -- reflexive balance -----------------------------------------------------------

    def _show_balance(self, result: Analyses) -> None:
        from eftertanke.dates import format_datetime

        lang = self.eapp.lang
        balance = result.balance
        table = self.query_one("#balance-table", DataTable)
        table.clear(columns=True)
        self._empty("balance", "" if balance.rows else w("balance_empty", lang), "#balance-table")
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

    # -- what goes with good and bad days ------------------------------------------

    def _show_goes_with(self, result: GoesWith) -> None:
        lang = self.eapp.lang
        table = self.query_one("#goeswith-table", DataTable)
        table.clear(columns=True)
        empty = not result.comparisons
        self._empty("goeswith", w("goes_with_empty", lang) if empty else "", "#goeswith-table")
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
                    *(Text(goes_with_cell(theme, k, lang), justify="right") for k in GOES_WITH_KEYS),
                )
        notes = goes_with_notes(lang) if not empty else []
        self.query_one("#goeswith-note", Static).update(Content("\n".join(notes)))
        lines: list[Content] = []
        for named in result.energy:
            title = f"{w(named.prompt.replace('-', '_'), lang)} ({named.answers})"
            if not named.answers:
                continue
            lines.append(
                Content.assemble(
                    (title, "bold"), ": ", one_line(energy_words_text(named.words)) or "–"
                )
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
        self.query_one("#goeswith-energy", Static).update(
            Content.assemble((w("energy_title", lang), "bold underline"), "\n", *_joined(lines))
        )

    # -- actions ---------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = {
            "matrix": "#matrix-table",
            "coverage": "#coverage-table",
            "pairs": "#pairs-table",
            "balance": "#balance-table",
            "goeswith": "#goeswith-table",
            "byprompt": "#byprompt-prompts",
        }.get(tab)
        if focus:
            widget = self.query_one(focus)
            if widget.display:
                widget.focus()

    def action_refresh(self) -> None:
        self._compute()
        self._compute_by_prompt()
