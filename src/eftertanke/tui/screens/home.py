"""Home: what needs writing now, and a glance back.

Interviews that are done but not yet reflected on come first, with how long
ago they ended: writing right after an interview is the point of the method.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.domain import now
from eftertanke.due import awaiting_reflection
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.trend import WellbeingTrend


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
        Binding("u", "show_drafts", "Drafts"),
    ]

    drafts_waiting = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(id="home-drafts", classes="panel")
            with Horizontal(id="home-top"):
                with Vertical(id="home-awaiting", classes="panel"):
                    yield Static(id="awaiting-title", classes="panel-title")
                    yield OptionList(id="awaiting")
                with Vertical(id="home-today", classes="panel"):
                    yield Static(id="today-title", classes="panel-title")
                    yield Static(id="today-status")
                    yield Static(id="trend-title", classes="panel-title")
                    yield WellbeingTrend(id="trend")
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
        app = self.eapp
        lang = app.lang
        index = app.index
        reflected = {
            r.doc.get("interview") or "" for r in index.rows if r.doc.get("kind") == "interview"
        }
        # The same rule as `eftertanke due` (done, or planned and over; no reflection).
        waiting = awaiting_reflection(app.data.interviews, reflected, now())
        awaiting = self.query_one("#awaiting", OptionList)
        awaiting.clear_options()
        if waiting:
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
        else:
            awaiting.add_option(Option(Content(self.t("none_awaiting")), disabled=True))
        today = now().date()
        done_today = any(
            r.doc.get("kind") == "daily" and r.created.astimezone().date() == today for r in index.rows[:50]
        )
        status = self.query_one("#today-status", Static)
        status.update(self.t("today_done") if done_today else self.t("today_missing"))
        status.set_class(done_today, "done")
        latest = self.query_one("#latest", OptionList)
        latest.clear_options()
        entries = index.latest(12)
        if not entries:
            latest.add_option(Option(Content(self.t("no_entries")), disabled=True))
        from eftertanke.dates import format_datetime

        # One line per entry: the title gets what the date and kind leave over.
        room = max(20, (latest.size.width or self.app.size.width - 6) - 34)
        for entry in entries:
            latest.add_option(
                Option(
                    Content.assemble(
                        (format_datetime(entry.created, lang), "dim"),
                        "  ",
                        (app.tr(f"kind.{entry.kind}").ljust(9), "italic"),
                        " ",
                        entry.display_title(room),
                        (f"  [{entry.interview}]" if entry.interview else "", "dim"),
                    ),
                    id=f"entry:{entry.id}",
                )
            )
        ended = self.query_one(WellbeingTrend).update_from(index.rows, lang)
        title = self.t("trend") if not ended else self.t("trend_until", date=ended)
        self.query_one("#trend-title", Static).update(title)

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
