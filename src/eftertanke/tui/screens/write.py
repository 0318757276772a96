"""Guided writing: one prompt at a time, with the draft saved as you type.

The screen drives a ``GuidedSession`` (the model does the rules: required
prompts, skipping, drafts, finishing into an Entry). Every change marks the
session dirty; a one-second timer writes the draft in a worker, so at most
about two seconds of typing are ever at risk. Finishing saves in a worker
too; if the save fails the text stays in the editor and the draft on disk.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from eftertanke.domain import CONCEPT_NAMES, Entry, ValidationError, now
from eftertanke.guided import DraftError, GuidedError, GuidedSession
from eftertanke.packs import default_pack_id, load_packs
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said
from eftertanke.tui.widgets.rating import RatingBar
from eftertanke.tui.widgets.week_glance import WeekGlance

AUTOSAVE_SECONDS = 1.0
# The review shows this many lines of each answer.
REVIEW_LINES = 3


WEEKLY_REVIEW = "weekly-review"


class WriteScreen(BaseScreen):
    CSS_PATH = "write.tcss"
    # Priority bindings: the editor would otherwise take alt+s as an "s".
    BINDINGS = [
        Binding("ctrl+n,alt+right", "next", "Next", priority=True),
        Binding("alt+left,ctrl+b", "back", "Back", priority=True),
        Binding("alt+s", "skip", "Skip", priority=True),
        Binding("ctrl+s", "finish", "Save", priority=True),
        Binding("ctrl+o", "pick_theme", "Theme", priority=True),
        Binding("ctrl+g", "quote", "Quote", priority=True),
        Binding("ctrl+r", "added_later", "Later", priority=True),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(
        self,
        kind: str = "memo",
        interview: str | None = None,
        draft: dict[str, Any] | None = None,
        pack: str | None = None,
    ) -> None:
        super().__init__()
        loaded = load_packs()
        self.pack_errors = loaded.errors
        self.session = self._make_session(loaded.packs, kind, interview, draft, pack)
        self._dirty = False
        self._touched = draft is not None
        self._finished = False
        self._saving = False
        # Draft writes run in threads; the entry's save and the draft's discard
        # hold this lock, and once either is done no late draft write (a tick's
        # worker that lost the race to the thread pool) may bring the draft back.
        self._draft_lock = threading.Lock()
        self._draft_closed = False
        self._last_saved: str = ""
        self._showing_position = -1
        # Themes chosen with the picker's "+ Create": name → concept. They are
        # added to the codebook only when the entry is saved.
        self.new_themes: dict[str, str] = {}

    def _make_session(
        self,
        packs: dict[str, Any],
        kind: str,
        interview: str | None,
        draft: dict[str, Any] | None,
        pack: str | None = None,
    ) -> GuidedSession:
        if draft is not None:
            try:
                return GuidedSession.from_draft(draft, packs)
            except DraftError:
                pass  # an unusable draft starts a fresh session; the draft stays on disk
        # The language follows the app once mounted (refresh_texts).
        chosen = packs.get(pack) if pack else None
        return GuidedSession.start(chosen or packs[default_pack_id(kind)], interview=interview)

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="write-top"):
            yield Static(id="write-step")
            yield Select([], id="write-interview", allow_blank=True)
        yield Static(id="write-note", classes="hint")
        # The weekly review reads the week's check-ins beside its questions.
        yield WeekGlance(id="write-week")
        # A reflection after an interview starts from the questions carried to it.
        yield Static(id="write-questions", classes="hint")
        with Vertical(id="write-main"):
            yield Static(id="write-question")
            yield Static(id="write-hint", classes="hint")
            yield TextArea(
                id="write-answer",
                language="markdown",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
            yield OptionList(id="write-review")
            with Vertical(id="write-ratings"):
                for item in self.session.pack.ratings:
                    yield RatingBar(
                        item.key,
                        item.label.get("en"),
                        item.low.get("en"),
                        item.high.get("en"),
                        self.session.ratings.get(item.key),
                        minimum=item.minimum,
                        maximum=item.maximum,
                        id=f"rating-{item.key}",
                    )
        yield Static(id="write-status")
        yield Footer()

    def on_mount(self) -> None:
        # A daily check-in or weekly review is about the writer's own days.
        self.query_one("#write-interview").display = self.session.pack.kind not in ("daily", "weekly-review")
        self._fill_interviews()
        if self.session.interview and self.session.interview_ended is None:
            try:
                self.session.interview_ended = self.eapp.journal.get_interview(self.session.interview).ended
            except EftertankeError:
                pass
        for error in self.pack_errors:
            self.notify(self.t("pack_errors", error=str(error)), severity="warning", markup=False)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave_tick)
        self._show_step()

    def _fill_interviews(self) -> None:
        select = self.query_one("#write-interview", Select)
        interviews = self.eapp.journal.interviews()
        select.set_options(
            (Content.assemble((i.code, "bold"), f"  {i.role}"), i.code) for i in interviews
        )
        select.prompt = self.t("no_interview")
        codes = {i.code for i in interviews}
        with select.prevent(Select.Changed):
            if self.session.interview in codes:
                select.value = self.session.interview
            else:
                select.clear()

    def refresh_texts(self) -> None:
        self.session.set_language(self.eapp.lang)
        self.title = self.session.pack.title.get(self.eapp.lang)
        self.sub_title = self.session.interview or ""
        select = self.query_one("#write-interview", Select)
        select.prompt = self.t("no_interview")
        lang = self.eapp.lang
        for item in self.session.pack.ratings:
            self.query_one(f"#rating-{item.key}", RatingBar).relabel(
                item.label.get(lang), item.low.get(lang), item.high.get(lang)
            )
        self._show_note()
        self._showing_position = -1
        self._show_step()

    def refresh_data(self) -> None:
        self._show_note()  # the index may load, or a check-in land, after we open
        self._show_questions()

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
            note.update(Content(self.t("today_exists", n=len(times), times=", ".join(times))))

    def _checkins_today(self) -> list[str]:
        """When today's daily entries were written ("08:12"), earliest first."""
        today = now().astimezone().date()
        times: list[str] = []
        for row in self.eapp.index.rows:  # newest first
            created = row.created.astimezone()
            if created.date() < today:
                break
            if row.doc.get("kind") == "daily" and created.date() == today:
                times.append(created.strftime("%H:%M"))
        return sorted(times)

    # -- showing the current step ------------------------------------------

    def _show_step(self) -> None:
        session = self.session
        prompt = session.current
        answer_box = self.query_one("#write-answer", TextArea)
        ratings = self.query_one("#write-ratings")
        question = self.query_one("#write-question", Static)
        hint = self.query_one("#write-hint", Static)
        step = self.query_one("#write-step", Static)
        total = session.total + 1
        if prompt is not None:
            parts = [self.t("step", n=session.position + 1, total=total)]
            if prompt.concept:
                parts.append(CONCEPT_NAMES[prompt.concept][self.eapp.lang])
            parts.append(self.t(f"orientation.{prompt.orientation}"))
            if prompt.optional:
                parts.append(self.t("optional"))
            step.update(Content(" · ".join(parts)))
            question.update(Content(session.question(prompt)))
            hint.update(Content(session.hint(prompt)))
            answer_box.display = True
            ratings.display = False
            self.query_one("#write-review").display = False
            if self._showing_position != session.position:
                with answer_box.prevent(TextArea.Changed):
                    answer_box.load_text(session.answer_of(prompt.id))
                answer_box.move_cursor(answer_box.document.end)
                answer_box.focus()
        else:
            step.update(Content(self.t("step", n=total, total=total)))
            question.update(self.t("end_title"))
            hint.update(self.t("end_ratings") if session.pack.ratings else self.t("end_plain"))
            answer_box.display = False
            ratings.display = bool(session.pack.ratings)
            review = self.query_one("#write-review", OptionList)
            review.display = True
            self._fill_review(review)
            bars = list(self.query(RatingBar))
            if self._showing_position != session.position:
                (bars[0] if bars else review).focus()
        self._showing_position = session.position
        self._show_questions()
        self._show_status()

    def _fill_review(self, review: OptionList) -> None:
        """Every prompt with its answer (or that it was skipped), to read
        through before saving; Enter on one goes back to it."""
        session = self.session
        highlighted = review.highlighted
        review.clear_options()
        for number, prompt in enumerate(session.pack.prompts, start=1):
            answer = session.answers.get(prompt.id)
            head = (f"{number}. {one_line(session.question(prompt), 200)}", "bold")
            if answer is not None and answer.text.strip():
                first, later = session.later_parts(prompt.id)
                marked: list[str | tuple[str, str]] = [("⟲ " + self.t("added_later") + ":", "italic")]
                if first.strip() and later.strip():
                    body = [*self._review_answer(first), *marked, *self._review_answer(later)]
                elif later.strip():
                    body = [*marked, *self._review_answer(later)]
                else:
                    body = self._review_answer(answer.text)
            elif prompt.id in session.skipped:
                body = [(self.t("review_skipped"), "dim italic")]
            elif prompt.optional:
                body = [(self.t("review_unanswered"), "dim italic")]
            else:
                body = [(self.t("review_required"), "bold $warning")]
            review.add_option(Option(self._review_item(head, body), id=f"prompt:{prompt.id}"))
        for prompt_id, answer in session.answers.items():
            if session.pack.prompt(prompt_id) is None and answer.text.strip():
                head = (f"{one_line(answer.prompt_text or prompt_id, 200)} {self.t('review_orphan')}", "bold")
                review.add_option(Option(self._review_item(head, self._review_answer(answer.text)), disabled=True))
        extras: list[str | tuple[str, str]] = []
        if session.themes:
            extras.append((f"{self.t('themes')}: ", "bold"))
            extras.append(", ".join(session.themes))
        for excerpt in session.all_excerpts():
            extras.append("\n" if extras else "")
            extras.append((f"{excerpt.reference} ", "bold"))
            extras.append(one_line(excerpt.quote, 160))
        if session.quote_lines() and not session.interview:
            extras.append("\n" if extras else "")
            extras.append((self.t("quote_lines_need_interview", n=len(session.quote_lines())), "bold"))
        if extras:
            review.add_option(Option(Content.assemble(*extras), disabled=True))
        if review.option_count:
            review.highlighted = min(highlighted or 0, review.option_count - 1)

    def _review_answer(self, text: str) -> list[str | tuple[str, str]]:
        lines = [line for line in text.splitlines() if line.strip()]
        shown: list[str | tuple[str, str]] = [one_line(line, 200) for line in lines[:REVIEW_LINES]]
        if len(lines) > REVIEW_LINES:
            shown.append((self.t("review_more", n=len(lines) - REVIEW_LINES), "dim"))
        return shown

    @staticmethod
    def _review_item(head: tuple[str, str], body: list[str | tuple[str, str]]) -> Content:
        parts: list[str | tuple[str, str]] = [head]
        for line in body:
            parts += ["\n   ", line]
        return Content.assemble(*parts)

    @on(OptionList.OptionSelected, "#write-review")
    def _review_chosen(self, event: OptionList.OptionSelected) -> None:
        prompt_id = str(event.option.id or "").removeprefix("prompt:")
        try:
            self.session.go_to(prompt_id)
        except GuidedError:
            return
        self._dirty = True
        self._show_step()

    def _show_status(self) -> None:
        session = self.session
        parts: list[str | tuple[str, str]] = []
        if session.themes:
            parts.append((f"{self.t('themes')}: ", "bold"))
            parts.append(", ".join(session.themes))
        excerpts = session.all_excerpts()
        if excerpts:
            parts.append("   " + self.t("quotes", n=len(excerpts)))
        prompt = session.current
        if prompt is not None:
            answer = session.answers.get(prompt.id)
            if answer is not None and answer.added_later:
                first, later = session.later_parts(prompt.id)
                if not first.strip():
                    mark = self.t("added_later_all")
                elif later.split():
                    mark = self.t("added_later_words", n=len(later.split()))
                else:
                    mark = self.t("added_later_here")
                parts.append(("   ⟲ " + mark, "italic"))
        if self._last_saved:
            parts.append((f"   {self.t('draft_saved', time=self._last_saved)}", "dim"))
        self.query_one("#write-status", Static).update(Content.assemble(*parts))

    # -- typing and autosave -------------------------------------------------

    @on(TextArea.Changed, "#write-answer")
    def _typed(self) -> None:
        self._store_answer()
        self._dirty = True
        self._touched = True
        prompt = self.session.current
        answer = self.session.answers.get(prompt.id) if prompt is not None else None
        if prompt is not None and (prompt.quote_lines or (answer is not None and answer.added_later)):
            # Count quotes and added-later words as they are typed.
            self._show_status()

    def _store_answer(self) -> None:
        if self.session.current is None:
            return
        text = self.query_one("#write-answer", TextArea).text
        if text.strip() or self.session.answer_of(self.session.current.id):
            self.session.answer(text, advance=False)

    @on(RatingBar.Changed)
    def _rated(self, event: RatingBar.Changed) -> None:
        try:
            self.session.set_rating(event.key, event.value)
        except GuidedError as exc:
            self.notify(said(exc, self.eapp.lang), severity="warning", markup=False)
            return
        self._dirty = True
        self._touched = True

    @on(Select.Changed, "#write-interview")
    def _interview_chosen(self, event: Select.Changed) -> None:
        code = None if event.value == Select.NULL else str(event.value)
        self.session.interview = code
        self.session.interview_ended = None
        if code:
            try:
                self.session.interview_ended = self.eapp.journal.get_interview(code).ended
            except EftertankeError:
                pass
        self.sub_title = code or ""
        self._dirty = True
        if self.session.at_end:
            self._fill_review(self.query_one("#write-review", OptionList))
        self._show_questions()
        self._show_status()

    def _autosave_tick(self) -> None:
        if self._dirty and not self._finished and not self._saving:
            self._dirty = False
            self._save_draft()

    def _save_draft(self) -> None:
        data = self.session.to_draft()
        # An app-level worker: it must finish even if this screen closes.
        self.app.run_worker(
            lambda: self._write_draft(data), thread=True, group="drafts", exit_on_error=False
        )

    def _write_draft(self, data: dict[str, Any]) -> None:
        try:
            with self._draft_lock:
                if self._draft_closed:
                    return  # the entry is saved or the draft discarded: keep it so
                self.eapp.journal.save_draft(self.session.draft_id, data)
        except (OSError, EftertankeError, ValidationError) as exc:
            self.app.call_from_thread(
                self.notify, self.t("draft_failed", error=said(exc, self.eapp.lang)), severity="error", markup=False
            )
            self._dirty = True  # try again on the next tick
            return
        stamp = now().strftime("%H:%M:%S")
        self.app.call_from_thread(self._draft_written, stamp)

    def _draft_written(self, stamp: str) -> None:
        self._last_saved = stamp
        if self.is_attached:
            self._show_status()

    # -- moving --------------------------------------------------------------

    def _move(self, how: str) -> None:
        self._store_answer()
        try:
            if how == "next":
                if self.session.at_end:
                    return
                self.session.forward()
            elif how == "skip":
                if self.session.at_end:
                    return
                self.session.skip()
            else:
                self.session.back()
        except GuidedError as exc:
            self.notify(said(exc, self.eapp.lang), severity="warning", markup=False)
            return
        self._dirty = True
        self._show_step()

    def action_next(self) -> None:
        self._move("next")

    def action_back(self) -> None:
        self._move("back")

    def action_skip(self) -> None:
        self._move("skip")

    def action_added_later(self) -> None:
        """Mark what is typed from now on as added later from memory (again: unmark)."""
        self._store_answer()
        prompt = self.session.current
        if prompt is None:
            return
        answer = self.session.answers.get(prompt.id)
        marking = not (answer and answer.added_later)
        try:
            self.session.mark_added_later(marking)
        except GuidedError as exc:
            self.notify(said(exc, self.eapp.lang), severity="warning", markup=False)
            return
        if marking:
            # What comes after the mark is what is added; write it at the end.
            box = self.query_one("#write-answer", TextArea)
            box.move_cursor(box.document.end)
        self.notify(self.t("later_on" if marking else "later_off"), timeout=3)
        self._dirty = self._touched = True
        self._show_status()

    def action_pick_theme(self) -> None:
        from eftertanke.tui.screens.theme_picker import ThemePicker

        picker = ThemePicker()

        def chosen(name: str | None) -> None:
            if name:
                self.new_themes.update(picker.new_themes_for(name))
                self.session.add_theme(name)
                self._dirty = self._touched = True
                self._show_status()

        self.app.push_screen(picker, chosen)

    def action_quote(self) -> None:
        code = self.session.interview
        if not code:
            self.notify(self.t("need_interview"), severity="warning")
            self.query_one("#write-interview", Select).focus()
            return
        from eftertanke.tui.screens.quote import QuoteDialog, QuoteInput

        def added(result: QuoteInput | None) -> None:
            if result is None:
                return
            try:
                self.session.add_excerpt(result.timestamp, result.quote, list(result.themes))
            except (GuidedError, ValidationError) as exc:
                self.notify(said(exc, self.eapp.lang), severity="warning", markup=False)
                return
            self._dirty = self._touched = True
            self._show_status()

        self.app.push_screen(QuoteDialog(code), added)

    # -- leaving and finishing ---------------------------------------------

    def _discard_draft(self) -> None:
        # App-level, like the draft saves: it must run even as the screen closes.
        self.app.run_worker(
            self._close_draft,
            thread=True,
            group="drafts",
            exit_on_error=False,
        )

    def _close_draft(self) -> None:
        with self._draft_lock:
            self._draft_closed = True
            self.eapp.journal.discard_draft(self.session.draft_id)

    def _has_content(self) -> bool:
        s = self.session
        return bool(s.answers or s.ratings or s.excerpts or s.themes)

    def action_leave(self) -> None:
        self._store_answer()
        if self._finished or not self._has_content():
            self._discard_draft()
            self.dismiss()
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        def decided(answer: str | None) -> None:
            if answer == "save":
                self.action_finish()  # a refused save stays here, with its reason
            elif answer == "keep":
                self._save_draft()
                self.dismiss()
            elif answer == "discard":
                self._finished = True
                self._discard_draft()
                self.dismiss()

        self.app.push_screen(
            ChoiceDialog(
                self.t("leave_q"),
                [
                    ("save", self.t("save_leave")),
                    ("keep", self.t("keep")),
                    ("discard", self.t("discard")),
                    ("stay", self.t("stay")),
                ],
                self.t("leave_detail"),
            ),
            decided,
        )

    def action_finish(self) -> None:
        if self._saving:
            return
        self._store_answer()
        self._finish_flow()

    @work(exclusive=True, group="finish")
    async def _finish_flow(self) -> None:
        from eftertanke.services.themes import new_theme_names
        from eftertanke.tui.screens.theme_picker import ConceptChoice

        journal = self.eapp.journal
        try:
            codebook = {th.name: th.concept for th in journal.themes()}
            entry = self.session.finish(author=journal.author, theme_concepts=codebook)
        except (GuidedError, ValidationError) as exc:
            self.notify(said(exc, self.eapp.lang), severity="warning", markup=False)
            return
        concepts: dict[str, str] = {}
        for name, concept in new_theme_names(journal, entry):
            concept = self.new_themes.get(name, concept)
            if concept is None:
                concept = await self.app.push_screen_wait(ConceptChoice(name))
                if concept is None:
                    return
            concepts[name] = concept
        self._saving = True
        try:
            await asyncio.to_thread(self._save_entry, entry, concepts)
        except (OSError, EftertankeError, ValidationError) as exc:
            self.notify(self.t("save_failed", error=said(exc, self.eapp.lang)), severity="error", markup=False, timeout=10)
            self._dirty = True
            return
        finally:
            self._saving = False
        self._finished = True
        self.eapp.journal_changed()
        self.notify(self.t("saved"), timeout=3)
        self.dismiss()
        self.eapp.open_entry(entry.id)

    def _save_entry(self, entry: Entry, concepts: dict[str, str]) -> None:
        from eftertanke.services.writing import write_new_entry

        with self._draft_lock:
            write_new_entry(
                self.eapp.journal, entry, new_themes=concepts, draft_id=self.session.draft_id
            )
            self._draft_closed = True
