"""Interviews: the list of interview records, and one interview with its writing.

The list counts, for each interview, the reflections linked to it and the
excerpts quoted from it, in one pass over the index. The detail screen shows
the record, its reflections and its excerpts (cited as the thesis cites them,
"(I03, 9.45)"), and starts a new reflection on it with ``r``.

What the entries hold about each interview is counted in
``tui.interview_links``; the detail screen's transcript line and its quotes
list, read in a worker, are the ``InterviewQuotes`` mixin
(``tui.interview_quotes``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.domain import Interview
from eftertanke.entry_row import EntryRow
from eftertanke.services.quote_links import QuoteLink
from eftertanke.textsafe import one_line
from eftertanke.transcript import Transcript
from eftertanke.tui.interview_links import InterviewLinks, collect_links, entry_title, whole_docs
from eftertanke.tui.interview_quotes import InterviewQuotes
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.screens.interview_form import InterviewForm, choice_label

# The columns that matter most come first, so they fit 80 columns; the rest
# scroll into view.
COLUMNS = (
    "code",
    "role",
    "status",
    "date",
    "reflections",
    "excerpts",
    "level",
    "organisation",
    "mode",
)


class InterviewsScreen(BaseScreen):
    """Every interview in a table; enter opens one, a adds, e edits."""

    CSS_PATH = "interviews.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("r", "reflect", "Reflect"),
        Binding("x", "purge", "Delete for good"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="interviews"):
            yield Static(id="interviews-title", classes="panel-title")
            yield DataTable(id="interviews-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="interviews-empty")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.t("title")
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for name in COLUMNS:
            table.add_column(self.t(f"col.{name}"), key=name)
        self.query_one("#interviews-empty", Static).update(self.t("empty"))

    def refresh_data(self) -> None:
        app = self.eapp
        lang = app.lang
        table = self.query_one(DataTable)
        selected = self.selected_code()
        interviews = app.data.interviews
        links = collect_links(row.doc for row in app.index.rows)
        table.clear()
        from eftertanke.dates import format_datetime

        for interview in interviews:
            found = links.get(interview.code.casefold()) or InterviewLinks()
            # "done" stands out: the interview is waiting for its reflection.
            status = Text(
                choice_label("status", interview.status, lang),
                style="bold yellow" if interview.status == "done" else "",
            )
            table.add_row(
                Text(one_line(interview.code, 32), style="bold"),
                Text(one_line(interview.role, 22)),
                status,
                Text(format_datetime(interview.date, lang) if interview.date else ""),
                Text(str(len(found.reflections)), justify="right"),
                Text(str(len(found.excerpts)), justify="right"),
                Text(choice_label("level", interview.level, lang)),
                Text(one_line(interview.organisation, 30)),
                Text(choice_label("mode", interview.mode, lang)),
                key=interview.code,
            )
        self.query_one("#interviews-title", Static).update(self.t("count", n=len(interviews)))
        self.query_one("#interviews-empty", Static).display = not interviews
        if selected is not None:
            self._move_to(selected)

    def _move_to(self, code: str) -> None:
        table = self.query_one(DataTable)
        try:
            table.move_cursor(row=table.get_row_index(code))
        except Exception:  # noqa: BLE001 - the row may be gone after a rename
            pass

    def selected_code(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - no cursor row
            return None
        return key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.eapp.open_interview(event.row_key.value)

    def action_open(self) -> None:
        code = self.selected_code()
        if code:
            self.eapp.open_interview(code)

    def action_add(self) -> None:
        self.app.push_screen(InterviewForm(), self._saved)

    def action_edit(self) -> None:
        code = self.selected_code()
        if code:
            self.app.push_screen(InterviewForm(code), self._saved)

    def action_reflect(self) -> None:
        code = self.selected_code()
        if code:
            self.eapp.start_writing(kind="interview", interview=code)

    def action_purge(self) -> None:
        """Consent withdrawn: the interview and all that is its, for good, after
        saying what goes (as ``eftertanke interview delete``)."""
        from eftertanke.services.purge import plan_interview
        from eftertanke.tui.purge_flow import delete_for_good

        code = self.selected_code()
        if code:
            delete_for_good(self.eapp, lambda journal: plan_interview(journal, code))

    def _saved(self, code: str | None) -> None:
        if code:
            self.notify(self.t("saved", code=code), markup=False, timeout=3)
            self.refresh_data()
            self._move_to(code)


class InterviewDetailScreen(InterviewQuotes, BaseScreen):
    """One interview: its record, reflections and excerpts."""

    CSS_PATH = "interviews.tcss"
    BINDINGS = [
        Binding("r", "reflect", "Reflect"),
        Binding("t", "transcript", "Transcript"),
        Binding("e", "edit", "Edit"),
        Binding("ctrl+e", "export", "Export"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        # The interview's transcript and the quote links, once the worker has read them.
        self.transcript: Transcript | None = None
        self.links: list[QuoteLink] | None = None
        self._looked = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="interview-detail"):
            yield Static(id="interview-meta", classes="panel")
            yield Static(id="interview-transcript")
            yield Static(id="reflections-title", classes="panel-title")
            yield OptionList(id="reflections")
            yield Static(id="excerpts-title", classes="panel-title")
            yield OptionList(id="excerpts")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.code

    def _interview(self) -> Interview | None:
        return self.eapp.data.interview(self.code)

    def refresh_data(self) -> None:
        app = self.eapp
        interview = self._interview()
        meta = self.query_one("#interview-meta", Static)
        if interview is None:
            meta.update(Content(self.t("unknown", code=self.code)))
            found = InterviewLinks()
        else:
            self.code = interview.code
            self.sub_title = interview.code
            meta.update(self._meta(interview))
            found = (
                collect_links(whole_docs(app.index, interview.code)).get(interview.code.casefold())
                or InterviewLinks()
            )
        self._fill_reflections(found.reflections)
        self._excerpts = found.excerpts
        self._fill_excerpts(found.excerpts)
        self._show_transcript()
        if interview is not None:
            self._load_transcript(interview.code)

    def _meta(self, interview: Interview) -> Content:
        from eftertanke.dates import format_datetime

        lang = self.eapp.lang
        head = [
            p
            for p in (
                one_line(interview.role, 60),
                choice_label("level", interview.level, lang),
                one_line(interview.organisation, 60),
            )
            if p
        ]
        when = [
            p
            for p in (
                format_datetime(interview.date, lang, with_weekday=True) if interview.date else "",
                choice_label("mode", interview.mode, lang),
                # The exact length (2.5 hours is not "3 t"), in the language's unit.
                i18n.t("duration.minutes", lang, n=interview.duration_minutes)
                if interview.duration_minutes
                else "",
                self.t("by", who=one_line(interview.interviewer, 40))
                if interview.interviewer
                else "",
            )
            if p
        ]
        parts: list[str | tuple[str, str]] = [
            (one_line(interview.code, 32), "bold"),
            "  ",
            " · ".join(head),
            "  ",
            (f"[{choice_label('status', interview.status, lang)}]", "bold $accent"),
        ]
        if when:
            parts += ["\n", (" · ".join(when), "dim")]
        for key, value in (
            ("transcript", interview.transcript),
            ("consent", interview.consent),
            ("notes", interview.notes),
        ):
            if value:
                parts += ["\n", (self.t(key), "dim"), one_line(value, 200)]
        if interview.appendix or interview.reflection_appendix:
            numbers = self.t(
                "appendices",
                transcript=interview.appendix or "–",
                reflection=interview.reflection_appendix or "–",
            )
            parts += ["\n", (numbers, "dim")]
        return Content.assemble(*parts)

    def _fill_reflections(self, docs: list[dict]) -> None:
        from eftertanke.dates import format_datetime

        app = self.eapp
        listing = self.query_one("#reflections", OptionList)
        listing.clear_options()
        rows = sorted(map(EntryRow, docs), key=lambda r: r.created, reverse=True)
        self.query_one("#reflections-title", Static).update(self.t("reflections", n=len(rows)))
        if not rows:
            listing.add_option(Option(Content(self.t("no_reflections")), disabled=True))
            return
        options = []
        for row in rows:
            options.append(
                Option(
                    Content.assemble(
                        (format_datetime(row.created_at, app.lang), "dim"),
                        "  ",
                        (app.tr(f"kind.{row.kind or 'memo'}").ljust(9), "italic"),
                        " ",
                        entry_title(row.doc) or self.t("no_title"),
                    ),
                    id=f"entry:{row.id}",
                )
            )
        listing.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        kind, _, value = option_id.partition(":")
        if kind.startswith("turn") and value.isdigit():
            self.eapp.open_transcript(self.code, turn=int(value))
        elif value:
            self.eapp.open_entry(value)

    def action_reflect(self) -> None:
        self.eapp.start_writing(kind="interview", interview=self.code)

    def action_transcript(self) -> None:
        if self._looked and self.transcript is None:
            self.notify(self.t("tr_none", code=self.code), markup=False, timeout=6)
            return
        self.eapp.open_transcript(self.code)

    def action_edit(self) -> None:
        if self._interview() is not None:
            self.app.push_screen(InterviewForm(self.code), self._saved)

    def action_export(self) -> None:
        """Write the interview's appendix: metadata, reflections and excerpts."""
        from eftertanke.export.markdown import slugify
        from eftertanke.services.reports import interview_appendix_of
        from eftertanke.tui.screens.export_dialog import export_markdown

        interview = self._interview()
        if interview is None:
            return
        journal = self.eapp.journal

        def render(lang: str) -> tuple[str, list]:  # type: ignore[type-arg]
            return interview_appendix_of(journal, interview, lang)

        name = self.t("appendix_file", code=slugify(interview.code) or "interview")
        heading = "tui.interviews.export_heading"
        export_markdown(self, name, render, heading=heading)

    def _saved(self, code: str | None) -> None:
        if code:
            self.code = code
            self.notify(self.t("saved", code=code), markup=False, timeout=3)
            self.refresh_data()
