"""Guided writing: one prompt at a time, with the draft saved as you type.

The screen drives a ``GuidedSession`` (the model does the rules: required
prompts, skipping, drafts, finishing into an Entry). Every change marks the
session dirty; a one-second timer writes the draft in a worker, so at most
about two seconds of typing are ever at risk (``tui/write_drafts.py``).
Finishing saves in a worker too (``tui/write_finish.py``); if the save fails
the text stays in the editor and the draft on disk. The review of the last
step is ``widgets/answer_review.py``. What the screen shows of the journal
(the interviews, the day's check-ins) comes from the app's data layer.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Select, Static, TextArea

from eftertanke.domain import CONCEPT_NAMES, ValidationError
from eftertanke.guided import DraftError, GuidedError, GuidedSession
from eftertanke.packs import default_pack_id, load_packs
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said
from eftertanke.tui.type_ahead import TypeAhead
from eftertanke.tui.widgets.answer_review import fill_review
from eftertanke.tui.widgets.rating import RatingBar
from eftertanke.tui.widgets.week_glance import WeekGlance
from eftertanke.tui.write_context import WriteContext
from eftertanke.tui.write_drafts import AUTOSAVE_SECONDS, WriteDrafts
from eftertanke.tui.write_finish import WriteFinishing


class WriteScreen(TypeAhead, WriteFinishing, WriteDrafts, WriteContext, BaseScreen):
    CSS_PATH = "write.tcss"
    TYPE_AHEAD_FIELD = "#write-answer"  # letters typed as the screen opens land here
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
        self.init_draft(resumed=draft is not None)
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
        self.query_one("#write-interview").display = self.session.pack.kind not in (
            "daily",
            "weekly-review",
        )
        self._fill_interviews()
        for error in self.pack_errors:
            self.notify(self.t("pack_errors", error=str(error)), severity="warning", markup=False)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave_tick)
        self._show_step()

    def _fill_interviews(self) -> None:
        """The interviews to link to, from the app's data layer."""
        select = self.query_one("#write-interview", Select)
        interviews = self.eapp.data.interviews
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
        self._know_interview_end()

    def _know_interview_end(self) -> None:
        """When the linked interview ended (for "written N minutes after")."""
        session = self.session
        if session.interview and session.interview_ended is None:
            found = self.eapp.data.interview(session.interview)
            session.interview_ended = found.ended if found is not None else None

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
        self._know_interview_end()

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
        fill_review(review, self.session, self.eapp.lang)

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
        if prompt is not None and (
            prompt.quote_lines or (answer is not None and answer.added_later)
        ):
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
        self._know_interview_end()
        self.sub_title = code or ""
        self._dirty = True
        if self.session.at_end:
            self._fill_review(self.query_one("#write-review", OptionList))
        self._show_questions()
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
