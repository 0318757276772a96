"""What the writing screen shows of the journal beside the prompt.

A weekly review reads the week's check-ins in a glance above its questions;
a daily check-in says when today's others were written (a second one is
fine, but the writer may have meant to add to the first); the first step of
a post-interview reflection lists the questions earlier reflections carried
forward. All of it comes from the app's data layer and is drawn again when
that reloads.

Mixed into ``WriteScreen`` (tui/screens/write.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from eftertanke import i18n
from eftertanke.domain import now
from eftertanke.entry_row import EntryRow
from eftertanke.tui.widgets.week_glance import WeekGlance

if TYPE_CHECKING:
    from textual.app import App

    from eftertanke.guided import GuidedSession
    from eftertanke.tui.app import EftertankeApp

WEEKLY_REVIEW = "weekly-review"


class WriteContext:
    """The journal beside the prompt, for ``WriteScreen``."""

    session: GuidedSession
    eapp: EftertankeApp
    app: App[None]

    def _show_week(self) -> None:
        glance = self.query_one("#write-week", WeekGlance)
        glance.display = self.session.pack.id == WEEKLY_REVIEW
        if not glance.display:
            return
        from eftertanke.analysis.looking_back import week_figures

        moment = now().astimezone()
        held = [(i.code, i.date.date()) for i in self.eapp.data.interviews if i.date is not None]
        docs = [row.doc for row in self.eapp.index.rows]
        glance.show(week_figures(docs, held, moment.date(), moment.tzinfo), self.eapp.lang)

    def _show_questions(self) -> None:
        """On the first step of a post-interview reflection: the open questions
        earlier reflections carried forward (not the ones this one raised)."""
        from eftertanke.services.questions import open_before
        from eftertanke.tui.widgets.open_questions import open_questions_content

        box = self.query_one("#write-questions", Static)
        first = self.session.pack.kind == "post-interview" and self.session.position == 0
        found = open_before(self.eapp.data.questions, self.session.interview) if first else []
        box.display = bool(found)
        if found:
            width = self.app.size.width - 4  # the screen's, not the box's: known at once
            box.update(open_questions_content(found, self.eapp.lang, shown=4, width=width))

    def _show_note(self) -> None:
        """A second check-in the same day is fine, but the writer should know
        one exists (they may have meant to add to it)."""
        self._show_week()
        note = self.query_one("#write-note", Static)
        times = self._checkins_today() if self.session.pack.kind == "daily" else []
        note.display = bool(times)
        if times:
            shown = ", ".join(times)
            lang = self.eapp.lang
            note.update(Content(i18n.t("tui.write.today_exists", lang, n=len(times), times=shown)))

    def _checkins_today(self) -> list[str]:
        """When today's daily entries were written ("08:12"), earliest first."""
        today = now().astimezone().date()
        times: list[str] = []
        for row in self.eapp.index.rows:  # newest first
            created = row.created.astimezone()
            if created.date() < today:
                break
            if EntryRow(row.doc).kind == "daily" and created.date() == today:
                times.append(created.strftime("%H:%M"))
        return sorted(times)
