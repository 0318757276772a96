"""Interviews: the list of interview records, and one interview with its writing.

The list counts, for each interview, the reflections linked to it and the
excerpts quoted from it, in one pass over the index. The detail screen shows
the record, its reflections and its excerpts (cited as the thesis cites them,
"(I03, 9.45)"), and starts a new reflection on it with ``r``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.text import Text
from textual import work
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
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.transcript import Transcript, clock
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


@dataclass(slots=True)
class LinkedExcerpt:
    entry_id: str
    entry_title: str
    quote: str
    reference: str
    themes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class InterviewLinks:
    """What the journal holds about one interview (by code, casefolded)."""

    reflections: list[dict] = field(default_factory=list)
    excerpts: list[LinkedExcerpt] = field(default_factory=list)


def entry_title(doc: dict, limit: int = 60) -> str:
    """An entry's display title as one safe line."""
    return one_line(EntryRow(doc).display_title(limit), limit)


def collect_links(docs: Iterable[dict]) -> dict[str, InterviewLinks]:
    """Reflections and excerpts of every interview, keyed by casefolded code."""
    links: dict[str, InterviewLinks] = {}
    for doc in docs:
        code = doc.get("interview")
        if code:
            links.setdefault(code.casefold(), InterviewLinks()).reflections.append(doc)
        for excerpt in doc.get("excerpts") or []:
            ex_code = excerpt.get("interview") or code
            if not ex_code:
                continue
            stamp = excerpt.get("timestamp") or ""
            links.setdefault(ex_code.casefold(), InterviewLinks()).excerpts.append(
                LinkedExcerpt(
                    entry_id=doc["id"],
                    entry_title=entry_title(doc),
                    quote=excerpt.get("quote") or "",
                    reference=f"({ex_code}, {stamp})" if stamp else f"({ex_code})",
                    themes=list(excerpt.get("themes") or []),
                )
            )
    return links


def excerpt_prompt(excerpt: LinkedExcerpt, width: int = 70, *, entry_word: str = "") -> Content:
    """A quote on one line, its reference, then its themes and entry, dimmed."""
    second = [one_line(", ".join(excerpt.themes), 40)] if excerpt.themes else []
    second.append(entry_word + excerpt.entry_title)
    return Content.assemble(
        ("“", "dim"),
        one_line(excerpt.quote, width),
        ("” ", "dim"),
        (excerpt.reference, "bold"),
        "\n  ",
        (" · ".join(p for p in second if p), "dim italic"),
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


class InterviewDetailScreen(BaseScreen):
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
                collect_links(row.doc for row in app.index.rows).get(interview.code.casefold())
                or InterviewLinks()
            )
        self._fill_reflections(found.reflections)
        self._excerpts = found.excerpts
        self._fill_excerpts(found.excerpts)
        self._show_transcript()
        if interview is not None:
            self._load_transcript(interview.code)

    @work(thread=True, exclusive=True, group="interview-transcript")
    def _load_transcript(self, code: str) -> None:
        from eftertanke.services.quote_links import citations_of_transcript
        from eftertanke.services.transcripts import interview_transcript

        journal = self.eapp.journal
        try:
            _, transcript = interview_transcript(journal, code)
            links: list[QuoteLink] | None = None
            if transcript is not None:
                cited = citations_of_transcript(journal, transcript)
                links = [link for found in cited.by_turn.values() for link in found]
                links += cited.unmatched
        except (EftertankeError, OSError, ValueError):
            transcript, links = None, None
        self.app.call_from_thread(self._transcript_loaded, code, transcript, links)

    def _transcript_loaded(
        self, code: str, transcript: Transcript | None, links: list[QuoteLink] | None
    ) -> None:
        if code != self.code:
            return
        self.transcript, self.links, self._looked = transcript, links, True
        self._show_transcript()
        if links is not None:
            self._fill_links(links)
        else:
            self._fill_excerpts(getattr(self, "_excerpts", []))

    def _show_transcript(self) -> None:
        line = self.query_one("#interview-transcript", Static)
        transcript = self.transcript
        head: list[str | tuple[str, str]] = [(self.t("tr_heading"), "bold")]
        if not self._looked:
            line.update(Content.assemble(*head, (self.t("tr_loading"), "dim")))
            return
        if transcript is None:
            line.update(Content.assemble(*head, self.t("tr_none", code=one_line(self.code, 32))))
            return
        speakers: list[str | tuple[str, str]] = ["\n", (self.t("tr_speakers"), "dim")]
        for n, name in enumerate(transcript.speakers[:6]):
            speakers.append(", " if n else "")
            speakers.append(one_line(name, 30))
            if transcript.is_interviewer(name):
                speakers.append((self.t("tr_interviewer"), "dim"))
        count = len(transcript.codings)
        coded = self.t("tr_coded", n=count)
        turns = self.t("turns", n=len(transcript.turns))
        summary = self.t("tr_summary", turns=turns, coded=coded)
        line.update(Content.assemble(*head, summary, *speakers))

    def _fill_links(self, links: list[QuoteLink]) -> None:
        listing = self.query_one("#excerpts", OptionList)
        listing.clear_options()
        found = sum(1 for link in links if link.matched)
        self.query_one("#excerpts-title", Static).update(
            self.t("quotes", n=found, total=len(links))
        )
        if not links:
            listing.add_option(Option(Content(self.t("no_quotes")), disabled=True))
            return
        options = []
        for n, link in enumerate(links):
            stamp = link.quote.timestamp
            reference = f"({self.code}, {stamp})" if stamp else f"({self.code})"
            if link.matched:
                where = " ".join(
                    p for p in (clock(link.at) if link.at is not None else "", link.speaker or "") if p
                )
                found_at: tuple[str, str] = (self.t("found_at", where=one_line(where, 40)), "bold $success")
                option_id = f"turn{n}:{link.turn}"
            else:
                found_at = (self.t("not_found"), "italic $warning")
                option_id = f"entry{n}:{link.entry_id}"
            options.append(
                Option(
                    Content.assemble(
                        ("“", "dim"),
                        one_line(link.quote.text, 60),
                        ("” ", "dim"),
                        (reference, "bold"),
                        "  ",
                        found_at,
                        "\n  ",
                        (one_line(link.entry_title, 60), "dim italic"),
                    ),
                    id=option_id,
                )
            )
        listing.add_options(options)

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
        docs = sorted(docs, key=lambda d: d.get("created") or "", reverse=True)
        self.query_one("#reflections-title", Static).update(self.t("reflections", n=len(docs)))
        if not docs:
            listing.add_option(Option(Content(self.t("no_reflections")), disabled=True))
            return
        from datetime import datetime

        options = []
        for doc in docs:
            created = datetime.fromisoformat(doc["created"])
            options.append(
                Option(
                    Content.assemble(
                        (format_datetime(created, app.lang), "dim"),
                        "  ",
                        (app.tr(f"kind.{doc.get('kind', 'memo')}").ljust(9), "italic"),
                        " ",
                        entry_title(doc) or self.t("no_title"),
                    ),
                    id=f"entry:{doc['id']}",
                )
            )
        listing.add_options(options)

    def _fill_excerpts(self, excerpts: list[LinkedExcerpt]) -> None:
        listing = self.query_one("#excerpts", OptionList)
        listing.clear_options()
        self.query_one("#excerpts-title", Static).update(self.t("excerpts", n=len(excerpts)))
        if not excerpts:
            listing.add_option(Option(Content(self.t("no_excerpts")), disabled=True))
            return
        excerpts = sorted(excerpts, key=lambda e: _timestamp_key(e.reference))
        listing.add_options(
            Option(excerpt_prompt(excerpt), id=f"excerpt{n}:{excerpt.entry_id}")
            for n, excerpt in enumerate(excerpts)
        )

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


def _timestamp_key(reference: str) -> tuple[int, float]:
    """Sort "(I03, 9.45)" by when it was said (the domain's rule: 9.45 before
    1:09:45); a quote without a time first."""
    from eftertanke.domain import timestamp_seconds

    _, _, stamp = reference.strip("()").partition(", ")
    if not stamp:
        return (0, 0.0)
    seconds = timestamp_seconds(stamp)
    return (1, seconds) if seconds is not None else (2, 0.0)
