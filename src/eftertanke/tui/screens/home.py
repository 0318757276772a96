"""Home: what needs writing now, and a glance back.

Interviews that are done but not yet reflected on come first, with how long
ago they ended: writing right after an interview is the point of the method.
"Looking back" gives the last seven days' figures (w opens the weekly
review) and what was written on this day a week, a month and a year ago
(``analysis.looking_back``); Enter opens an entry. The questions earlier
reflections carried forward are listed while any is open (o opens them all).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.analysis.week_text import week_figures_text
from eftertanke.domain import now
from eftertanke.due import awaiting_reflection
from eftertanke.entry_row import EntryRow
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.trend import WellbeingTrend

# Entries shown for each day looked back on (the rest are counted).
BACK_PER_DAY = 3


class HomeScreen(BaseScreen):
    BINDINGS = [
        Binding("r", "reflect", "Reflection"),
        Binding("d", "app.write('daily')", "Check-in"),
        Binding("m", "app.write('memo')", "Memo"),
        Binding("b", "app.go('browse')", "Entries"),
        Binding("i", "app.go('interviews')", "Interviews"),
        Binding("t", "app.go('themes')", "Themes"),
        Binding("a", "app.go('analysis')", "Analysis"),
        Binding("g", "app.go('chart')", "Chart", show=False),
        Binding("c", "app.go('calendar')", "Calendar", show=False),
        Binding("p", "app.go('positionality')", "Positionality", show=False),
        Binding("u", "show_drafts", "Drafts"),
        # Named in the looking-back panel, not the footer (which must fit 80 columns).
        Binding("w", "weekly_review", "Weekly review", show=False),
        Binding("o", "app.go('questions')", "Questions", show=False),
    ]

    drafts_waiting = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(id="home-drafts", classes="panel")
            yield Static(id="home-questions", classes="panel")
            with Horizontal(id="home-top"):
                with Vertical(id="home-awaiting", classes="panel"):
                    yield Static(id="awaiting-title", classes="panel-title")
                    yield OptionList(id="awaiting")
                with Vertical(id="home-today", classes="panel"):
                    yield Static(id="today-title", classes="panel-title")
                    yield Static(id="today-status")
                    yield Static(id="trend-title", classes="panel-title")
                    yield WellbeingTrend(id="trend")
            with Vertical(id="home-back", classes="panel"):
                yield Static(id="back-title", classes="panel-title")
                yield Static(id="back-week")
                yield OptionList(id="back")
            with Vertical(id="home-latest", classes="panel"):
                yield Static(id="latest-title", classes="panel-title")
                yield OptionList(id="latest")
        yield Footer()

    def refresh_texts(self) -> None:
        if self.drafts_waiting:
            self._show_drafts(self.drafts_waiting)
        self.query_one("#awaiting-title", Static).update(self.t("awaiting"))
        self.query_one("#today-title", Static).update(self.t("today"))
        self.query_one("#latest-title", Static).update(self.t("latest"))
        self.query_one("#back-title", Static).update(self.t("back_title"))
        self.query_one("#trend-title", Static).update(self.t("trend"))
        self.title = "eftertanke"
        self.sub_title = str(self.eapp.journal.root)

    def on_mount(self) -> None:
        # BaseScreen.on_mount runs too (Textual calls each class's handler).
        self.watch(self.app, "drafts_version", lambda _v: self._count_drafts(), init=False)

    def on_screen_resume(self) -> None:
        self._count_drafts()

    @work(thread=True, exclusive=True, group="home-drafts")
    def _count_drafts(self) -> None:
        from eftertanke.services.drafts import list_drafts

        try:
            count = len(list_drafts(self.eapp.journal))
        except (OSError, EftertankeError):
            return
        self.app.call_from_thread(self._show_drafts, count)

    def _show_drafts(self, count: int) -> None:
        self.drafts_waiting = count
        line = self.query_one("#home-drafts", Static)
        line.display = count > 0
        if count:
            line.update(Content(self.t("drafts", n=count)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_drafts":
            return self.drafts_waiting > 0
        return True

    def action_show_drafts(self) -> None:
        self.eapp.action_show_drafts()

    def refresh_data(self) -> None:
        self._count_drafts()
        rows = self.eapp.index.rows
        self._show_awaiting()
        self._show_today()
        self._show_latest()
        self._show_questions()
        trend = self.query_one(WellbeingTrend)
        trend.display = self.eapp.data.loaded
        if not self.eapp.data.loaded:
            return  # the looking back and the trend come with the entries
        self._show_looking_back()
        ended = trend.update_from(rows, self.eapp.lang)
        title = self.t("trend") if not ended else self.t("trend_until", date=ended)
        self.query_one("#trend-title", Static).update(title)

    def _show_awaiting(self) -> None:
        """The interviews waiting for their reflection, with how long ago each ended."""
        app = self.eapp
        lang = app.lang
        awaiting = self.query_one("#awaiting", OptionList)
        if not app.data.loaded:
            awaiting.clear_options()
            awaiting.add_option(Option(Content(self.t("reading")), disabled=True))
            return
        # Every row of the index, read by key (an EntryRow per row costs 30 ms
        # more at 100,000 entries, see entry_row.py), on each redraw of Home.
        reflected = {
            r.doc.get("interview") or "" for r in app.index.rows if r.doc.get("kind") == "interview"
        }
        # The same rule as `eftertanke due` (done, or planned and over; no reflection).
        waiting = awaiting_reflection(app.data.interviews, reflected, now())
        awaiting.clear_options()
        if not waiting:
            awaiting.add_option(Option(Content(self.t("none_awaiting")), disabled=True))
            return
        from eftertanke.dates import humanize_since

        for interview in waiting:
            ago = humanize_since(interview.ended, lang, reference=now()) if interview.ended else "?"
            awaiting.add_option(
                Option(
                    Content.assemble(
                        (interview.code, "bold"),
                        "  ",
                        interview.role,
                        ("  " + self.t("ended", ago=ago), "dim"),
                    ),
                    id=f"interview:{interview.code}",
                )
            )

    def _show_today(self) -> None:
        """Whether today's check-in is written."""
        status = self.query_one("#today-status", Static)
        if not self.eapp.data.loaded:
            status.update(self.t("reading"))
            status.set_class(False, "done")
            return
        today = now().date()
        done_today = any(
            r.doc.get("kind") == "daily" and r.created.astimezone().date() == today
            for r in self.eapp.index.rows[:50]
        )
        status = self.query_one("#today-status", Static)
        status.update(self.t("today_done") if done_today else self.t("today_missing"))
        status.set_class(done_today, "done")

    def _show_latest(self) -> None:
        """The latest entries, one line each."""
        from eftertanke.dates import format_datetime

        app = self.eapp
        lang = app.lang
        latest = self.query_one("#latest", OptionList)
        latest.clear_options()
        rows = app.index.latest(12)
        if not app.data.loaded:
            latest.add_option(Option(Content(self.t("reading")), disabled=True))
        elif not rows:
            latest.add_option(Option(Content(self.t("no_entries")), disabled=True))
        # One line per entry: the title gets what the date and kind leave over.
        room = max(20, (latest.size.width or self.app.size.width - 6) - 34)
        # Dates padded to the widest shown, so the kinds stand in one column
        # ("4 Dec" and "29 Mar" are of different widths).
        dates = [format_datetime(row.created, lang) for row in rows]
        width = max((len(d) for d in dates), default=0)
        for row, date in zip(rows, dates, strict=True):
            entry = EntryRow(row.doc)
            latest.add_option(
                Option(
                    Content.assemble(
                        (date.ljust(width), "dim"),
                        "  ",
                        (app.tr(f"kind.{entry.kind}").ljust(9), "italic"),
                        " ",
                        entry.display_title(room),
                        (f"  [{entry.interview}]" if entry.interview else "", "dim"),
                    ),
                    id=f"entry:{entry.id}",
                )
            )

    def _show_looking_back(self) -> None:
        """On this day a week, a month and a year ago; and the last seven days' figures."""
        from eftertanke.analysis.looking_back import WEEK_DAYS, days_back, on_this_day, week_figures
        from eftertanke.dates import format_date

        lang = self.eapp.lang
        moment = now()
        today = moment.date()
        # Only the entries of the days shown (the index keeps its rows by time):
        # at 100,000 entries reading every entry's time took the UI half a second.
        zone = moment.tzinfo
        fortnight = today - timedelta(days=2 * WEEK_DAYS - 1)
        spans = [(fortnight, today), *((day, day) for _span, day in days_back(today))]
        shown = {
            row.id: row.doc
            for first, last in spans
            for row in self.eapp.index.written_between(
                datetime.combine(first, time(), zone),
                datetime.combine(last + timedelta(days=1), time(), zone),
            )
        }  # by id: a week ago is also in the fortnight
        docs = list(shown.values())
        held = [(i.code, i.date.date()) for i in self.eapp.data.interviews if i.date is not None]
        week = week_figures(docs, held, today, moment.tzinfo)
        figures = week_figures_text(week, lang, compare=False)
        self.query_one("#back-week", Static).update(Content(self.t("week_line", figures=figures)))
        back = self.query_one("#back", OptionList)
        back.clear_options()
        options: list[Option] = []
        looks = on_this_day(docs, today, moment.tzinfo)
        whens = {
            look.span: f"{self.t(f'back_{look.span}')}, {format_date(look.day, lang)}"
            for look in looks
        }
        width = max(len(when) for when in whens.values()) + 2
        # One line per entry: the title gets what the date and kind leave over.
        room = max(20, (back.size.width or self.app.size.width - 6) - width - 16)
        for look in looks:
            when = whens[look.span]
            for doc in look.entries[:BACK_PER_DAY]:
                row = EntryRow(doc)
                options.append(
                    Option(
                        Content.assemble(
                            (when.ljust(width), "dim"),
                            (self.eapp.tr(f"kind.{row.kind}").ljust(10), "italic"),
                            row.display_title(room) or "…",
                        ),
                        id=f"entry:{row.id}",
                    )
                )
            if len(look.entries) > BACK_PER_DAY:
                more = self.t("back_more", n=len(look.entries) - BACK_PER_DAY)
                options.append(Option(Content.styled(" " * width + more, "dim"), disabled=True))
        if not options:
            options.append(Option(Content(self.t("back_nothing")), disabled=True))
        back.add_options(options)

    def _show_questions(self) -> None:
        """The open carried questions, for the next interview to meet."""
        from eftertanke.services.questions import open_before
        from eftertanke.tui.widgets.open_questions import open_questions_content

        found = open_before(self.eapp.data.questions, None)
        panel = self.query_one("#home-questions", Static)
        panel.display = bool(found)
        if found:
            width = self.app.size.width - 8  # the screen's, not the panel's: known at once
            hint = self.t("questions_key")
            panel.update(
                open_questions_content(found, self.eapp.lang, shown=3, width=width, key_hint=hint)
            )

    def action_weekly_review(self) -> None:
        self.eapp.start_writing(kind="memo", pack="weekly-review")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        kind, _, value = option_id.partition(":")
        if kind == "entry":
            self.eapp.open_entry(value)
        elif kind == "interview":
            self.eapp.start_writing(kind="interview", interview=value)

    def action_reflect(self) -> None:
        """Reflect on the interview under the cursor, or the one that ended last."""
        awaiting = self.query_one("#awaiting", OptionList)
        highlighted = awaiting.highlighted_option if awaiting.has_focus else None
        option = highlighted or (awaiting.get_option_at_index(0) if awaiting.option_count else None)
        code = None
        if option is not None and (option.id or "").startswith("interview:"):
            code = option.id.partition(":")[2]  # type: ignore[union-attr]
        self.eapp.start_writing(kind="interview", interview=code)
