"""Editing a guided reflection: every answer, its quotes, themes, ratings and link.

``e`` on a reflection or a check-in (an entry written from a prompt pack)
opens this screen; a plain entry keeps the title-and-body dialog
(``entry_edit``). The form is built by ``services.reflection_form``: every
prompt of the pack, the skipped ones too, so an answer can be written later.

Nothing typed is lost:

- the save runs in a worker through ``services.editing.save_edit`` against
  the revision the screen opened with; if the entry changed on disk meanwhile
  (a shell, another window), the stored version stays and this edit is saved
  beside it as a conflict copy, and the person is told so;
- a save that is refused (a quote's time like "9.7", an empty entry) says why
  in one line and leaves every field as typed;
- while typing, the whole edit is kept as a draft (``edit-<id>``) every
  couple of seconds; the entry view and the start of the app offer it back,
  and it opens this screen again. The draft goes only once the save is
  durable, or when the person chooses to discard the edit;
- leaving with changes asks: save, discard or stay.
"""

from __future__ import annotations

import threading
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Button, Checkbox, Footer, Header, Input, Select, Static, TextArea

from eftertanke.domain import CONCEPT_NAMES, CONCEPTS, MAX_TITLE, Entry, ValidationError
from eftertanke.packs import load_packs
from eftertanke.services import drafts
from eftertanke.services.reflection_form import (
    QUOTE_BAD_TIME,
    QUOTE_NO_INTERVIEW,
    AnswerEdit,
    QuoteEdit,
    ReflectionEdit,
    answer_slots,
    apply_edit,
    changed,
    named_themes,
    quote_interview,
    quote_problem,
    rating_items,
)
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.data import WriteDone, WriteFailed, run_write
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.screens.entry_edit import editor_language
from eftertanke.tui.widgets.excerpt_row import ExcerptRow
from eftertanke.tui.widgets.rating import RatingBar
from eftertanke.tui.widgets.theme_list import ThemeList

DRAFT_EVERY_SECONDS = 1.5
NO_INTERVIEW = Select.NULL


class ReflectionEditScreen(BaseScreen):
    CSS_PATH = "reflection_edit.tcss"
    AUTO_FOCUS = "#re-title"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+g", "add_quote", "Quote", priority=True),
        Binding("ctrl+o", "add_theme", "Theme", priority=True),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, entry: Entry, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.stored = entry
        # The revision the edit started from: a resumed draft keeps its own,
        # so an entry changed since the crash is not overwritten either.
        resumed = drafts.base_revision(draft) if draft is not None else None
        self.base_revision: int = resumed if resumed is not None else entry.revision
        self.start = drafts.edited_entry(entry, draft) if draft is not None else entry
        # Themes chosen with the picker's "+ Create": added only when this saves.
        self.new_themes: dict[str, str] = drafts.draft_new_themes(draft) if draft else {}
        packs = load_packs().packs
        self.slots = answer_slots(self.start, packs.get(self.start.pack or ""))
        self.ratings = rating_items(self.start, packs)
        self._saving = False
        self._draft_saved: dict[str, Any] | None = None
        self._draft_written = draft is not None
        # Draft writes and the final removal run in threads: the lock and the
        # closed flag make sure no late write brings a removed draft back.
        self._draft_lock = threading.Lock()
        self._draft_closed = False
        self._interview_codes: tuple[str, ...] = ()
        # The edit as of the last change, for a draft written as the app closes.
        self._latest: Entry | None = None
        # Themes the answers named that the last save put in the list.
        self._from_answers: list[str] = []

    @property
    def entry_id(self) -> str:
        return self.stored.id

    @property
    def draft_id(self) -> str:
        return drafts.edit_draft_id(self.stored.id)

    @property
    def draft_closed(self) -> bool:
        """True once this screen has let go of its draft (saved or discarded)."""
        return self._draft_closed

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        start = self.start
        yield Header()
        with VerticalScroll(id="re-form"):
            yield Static(id="re-notice")
            yield Static(id="re-title-label", classes="re-label")
            # Not selected on focus: a key typed at once must not replace the title.
            yield Input(start.title, id="re-title", max_length=MAX_TITLE, select_on_focus=False)
            with Vertical(id="re-link", classes="re-part"):
                yield Static(id="re-interview-label", classes="re-label")
                yield Select([], id="re-interview", allow_blank=True)
            yield Static(id="re-answers-heading", classes="re-heading")
            for index, slot in enumerate(self.slots):
                yield Static(id=f"re-q-{index}", classes="re-question")
                yield TextArea(
                    slot.answer,
                    id=f"re-answer-{index}",
                    classes="re-answer",
                    language=editor_language(),
                    soft_wrap=True,
                    show_line_numbers=False,
                    tab_behavior="focus",
                )
                yield Checkbox(
                    value=slot.added_later, id=f"re-later-{index}", classes="re-later", compact=True
                )
            yield Static(id="re-body-label", classes="re-heading")
            yield TextArea(
                start.body,
                id="re-body",
                classes="re-answer",
                language=editor_language(),
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
            )
            with Vertical(id="re-quote-part", classes="re-part"):
                yield Static(id="re-quotes-heading", classes="re-heading")
                yield Static(id="re-quotes-hint", classes="re-hint")
                with Vertical(id="re-quotes"):
                    for excerpt in start.excerpts:
                        yield ExcerptRow(excerpt, cites=excerpt.interview)
                yield Button(id="re-add-quote", classes="re-add", compact=True)
            yield Static(id="re-themes-heading", classes="re-heading")
            yield ThemeList(list(start.themes), id="re-themes")
            yield Button(id="re-add-theme", classes="re-add", compact=True)
            yield Static(id="re-concepts-heading", classes="re-heading")
            with Horizontal(id="re-concepts"):
                for concept in CONCEPTS:
                    yield Checkbox(
                        value=concept in start.concepts, id=f"re-concept-{concept}", compact=True
                    )
            yield Static(id="re-ratings-heading", classes="re-heading")
            for index, item in enumerate(self.ratings):
                yield RatingBar(
                    item.key,
                    item.label.get("en"),
                    item.low.get("en"),
                    item.high.get("en"),
                    start.ratings.get(item.key),
                    minimum=item.minimum,
                    maximum=item.maximum,
                    id=f"re-rating-{index}",
                )
        yield Static(id="re-message")
        with Horizontal(id="re-buttons"):
            yield Button(id="re-save", variant="primary", compact=True)
            yield Button(id="re-close", compact=True)
        yield Footer()

    @property
    def about_an_interview(self) -> bool:
        """False for a check-in that cites no interview: its link and quotes stay hidden."""
        start = self.start
        return start.kind != "daily" or bool(start.interview or start.excerpts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_quote":
            return self.about_an_interview
        return True

    def on_mount(self) -> None:
        # BaseScreen.on_mount runs too (Textual calls each class's handler).
        self.query_one("#re-link").display = self.about_an_interview
        self.query_one("#re-quote-part").display = self.about_an_interview
        self._fill_interviews()
        self.set_interval(DRAFT_EVERY_SECONDS, self._keep_draft)

    def refresh_texts(self) -> None:
        lang = self.eapp.lang
        self.title = self.t(f"heading.{self.stored.kind}")
        self.sub_title = one_line(self.stored.display_title(60), 60)
        self.query_one("#re-title-label", Static).update(self.t("title_label"))
        self.query_one("#re-title", Input).placeholder = self.t("title_placeholder")
        self.query_one("#re-interview-label", Static).update(self.t("interview_label"))
        self.query_one("#re-interview", Select).prompt = self.t("no_interview")
        self.query_one("#re-answers-heading", Static).update(self.t("answers"))
        for index, slot in enumerate(self.slots):
            question = Content(slot.question or slot.prompt_id)
            if slot.skipped:
                question = Content.assemble(question, (f"  {self.t('skipped')}", "dim italic"))
            self.query_one(f"#re-q-{index}", Static).update(question)
            self.query_one(f"#re-later-{index}", Checkbox).label = self.t("added_later")
        self.query_one("#re-body-label", Static).update(self.t("body"))
        self.query_one("#re-quotes-heading", Static).update(self.t("quotes"))
        self.query_one("#re-quotes-hint", Static).update(self.t("quotes_hint"))
        for row in self.query(ExcerptRow):
            row.relabel(
                self.t("quote_time"),
                self.t("quote_words"),
                self.t("quote_remove"),
                self.t("quote_restore"),
            )
        self.query_one("#re-add-quote", Button).label = self.t("add_quote")
        self.query_one("#re-themes-heading", Static).update(self.t("themes"))
        self.query_one("#re-themes", ThemeList).relabel(self.t("no_themes"), self.t("theme_remove"))
        self.query_one("#re-add-theme", Button).label = self.t("add_theme")
        self.query_one("#re-concepts-heading", Static).update(self.t("concepts"))
        for concept in CONCEPTS:
            self.query_one(f"#re-concept-{concept}", Checkbox).label = CONCEPT_NAMES[concept][lang]
        self.query_one("#re-ratings-heading", Static).update(self.t("ratings"))
        for index, item in enumerate(self.ratings):
            self.query_one(f"#re-rating-{index}", RatingBar).relabel(
                item.label.get(lang), item.low.get(lang), item.high.get(lang)
            )
        self.query_one("#re-save", Button).label = self.t("save")
        self.query_one("#re-close", Button).label = self.t("close")
        self._show_notice()

    def refresh_data(self) -> None:
        # The journal changed (a save elsewhere, a shell): the form keeps what
        # is typed; only the interviews offered and the notice follow.
        if self.is_mounted:
            self._fill_interviews()
        self._show_notice()

    def _fill_interviews(self) -> None:
        interviews = self.eapp.data.interviews
        codes = tuple(i.code for i in interviews)
        select = self.query_one("#re-interview", Select)
        current = select.value if self._interview_codes else (self.start.interview or NO_INTERVIEW)
        if codes == self._interview_codes:
            return
        self._interview_codes = codes
        options: list[tuple[Content, str]] = [
            (Content.assemble((i.code, "bold"), f"  {one_line(i.role, 40)}"), i.code)
            for i in interviews
        ]
        # A link to an interview the journal lacks is shown, not silently dropped.
        if isinstance(current, str) and current not in codes:
            options.append((Content(current), current))
        with select.prevent(Select.Changed):
            select.set_options(options)
            if isinstance(current, str):
                select.value = current
            else:
                select.clear()

    def _show_notice(self) -> None:
        notice = self.query_one("#re-notice", Static)
        current = self.eapp.index.entry(self.stored.id)
        if current is not None and current.revision == self.base_revision:
            notice.display = False
            return
        notice.display = True
        notice.update(Content(self.t("changed_elsewhere")))

    # -- reading the form -------------------------------------------------------

    @property
    def link(self) -> str | None:
        value = self.query_one("#re-interview", Select).value
        return value if isinstance(value, str) and value else None

    def edit(self) -> ReflectionEdit:
        answers = [
            AnswerEdit(
                slot,
                self.query_one(f"#re-answer-{index}", TextArea).text,
                self.query_one(f"#re-later-{index}", Checkbox).value,
            )
            for index, slot in enumerate(self.slots)
        ]
        ratings: dict[str, int | None] = {
            item.key: self.query_one(f"#re-rating-{index}", RatingBar).value
            for index, item in enumerate(self.ratings)
        }
        return ReflectionEdit(
            title=self.query_one("#re-title", Input).value,
            body=self.query_one("#re-body", TextArea).text,
            answers=answers,
            quotes=[row.value() for row in self.query(ExcerptRow)],
            themes=list(self.query_one("#re-themes", ThemeList).names),
            concepts=[c for c in CONCEPTS if self.query_one(f"#re-concept-{c}", Checkbox).value],
            ratings=ratings,
            interview=self.link,
        )

    def edited_entry(self) -> Entry:
        return apply_edit(self.start, self.edit())

    @property
    def dirty(self) -> bool:
        return changed(self.stored, self.edited_entry())

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#re-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")

    # -- quotes and themes --------------------------------------------------------

    async def action_add_quote(self) -> None:
        row = ExcerptRow(
            None,
            cites=self.link or "",
            time_placeholder=self.t("quote_time"),
            words_placeholder=self.t("quote_words"),
            remove_tooltip=self.t("quote_remove"),
            restore_tooltip=self.t("quote_restore"),
        )
        # Mounted and focused before the next key is handled: what is typed
        # right after ctrl+g is the new quote's time, never another field's text.
        await self.query_one("#re-quotes", Vertical).mount(row)
        self.set_focus(row.time_input)  # now, not after the queued keys (Widget.focus waits)

    @on(ExcerptRow.Removed)
    def _quote_removed(self, event: ExcerptRow.Removed) -> None:
        event.stop()
        self._say(self.t("quote_removed" if event.row.removed else "quote_restored"))
        self._remember_edit()

    @on(Select.Changed, "#re-interview")
    def _link_changed(self, _event: Select.Changed) -> None:
        link = self.link
        self._remember_edit()
        for row in self.query(ExcerptRow):
            row.set_cites(
                quote_interview(QuoteEdit(row.original, "", ""), self.start.interview, link)
            )

    def action_add_theme(self) -> None:
        from eftertanke.tui.screens.theme_picker import ThemePicker

        picker = ThemePicker()

        def chosen(name: str | None) -> None:
            if not name:
                return
            self.new_themes.update(picker.new_themes_for(name))
            themes = self.query_one("#re-themes", ThemeList)
            added = themes.add(name)
            self._remember_edit()
            if added:
                self._say(self.t("theme_added", theme=one_line(name, 60)))
            else:
                self._say(self.t("theme_there", theme=one_line(name, 60)))

        self.app.push_screen(picker, chosen)

    @on(ThemeList.Removed)
    def _theme_removed(self, event: ThemeList.Removed) -> None:
        event.stop()
        self.new_themes.pop(event.name, None)
        self._remember_edit()
        self._say(self.t("theme_removed", theme=one_line(event.name, 60)))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "re-save": self.action_save,
            "re-close": self.action_leave,
            "re-add-theme": self.action_add_theme,
        }
        button = event.button.id or ""
        if button == "re-add-quote":
            event.stop()
            await self.action_add_quote()
        elif button in actions:
            event.stop()
            actions[button]()

    # -- drafts -------------------------------------------------------------------

    def _keep_draft(self) -> None:
        if self._saving or self._draft_closed:
            return
        edited = self.edited_entry()
        data = edited.to_dict()
        if data == self._draft_saved or not changed(self.stored, edited):
            return
        self._draft_saved = data
        self._draft_written = True
        draft = drafts.reflection_draft(edited, self.base_revision, self._wished_themes(edited))
        self.run_worker(
            lambda: self._write_draft(draft),
            thread=True,
            group="reflection-draft",
            exit_on_error=False,
        )

    def on_unmount(self) -> None:
        # The app is closing (ctrl+q) with the edit unsaved: keep the last
        # keystrokes too, not only those of the last timer tick.
        # The fields are gone by now: the edit as of the last change is used.
        edited = self._latest
        if self._saving or self._draft_closed or edited is None:
            return
        if edited.to_dict() != self._draft_saved and changed(self.stored, edited):
            self._draft_written = True
            self._write_draft(
                drafts.reflection_draft(edited, self.base_revision, self._wished_themes(edited))
            )

    def _remember_edit(self) -> None:
        try:
            self._latest = self.edited_entry()
        except NoMatches:
            pass  # still being composed, or a quote row mounting

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._remember_edit()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._remember_edit()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self._remember_edit()

    def on_rating_bar_changed(self, _event: RatingBar.Changed) -> None:
        self._remember_edit()

    def _write_draft(self, data: dict[str, Any]) -> None:
        try:
            with self._draft_lock:
                if not self._draft_closed:
                    self.eapp.journal.save_draft(self.draft_id, data)
        except (EftertankeError, ValidationError, OSError):
            # A draft is a safety net; the form still holds the text.
            pass

    def _remove_draft_now(self) -> None:
        """Let go of the draft (from a worker thread, after a durable save)."""
        self._draft_closed = True
        if not self._draft_written:
            return
        try:
            with self._draft_lock:
                self.eapp.journal.discard_draft(self.draft_id)
        except (EftertankeError, OSError):
            pass

    def _discard_draft(self) -> None:
        self._draft_closed = True
        if self._draft_written:
            self.run_worker(
                self._remove_draft_now,
                thread=True,
                group="reflection-draft-discard",
                exit_on_error=False,
            )

    def _wished_themes(self, edited: Entry) -> dict[str, str]:
        """The "+ Create" themes the edit still names."""
        named = {name.casefold() for name in edited.themes}
        return {n: c for n, c in self.new_themes.items() if n.casefold() in named}

    # -- saving -------------------------------------------------------------------

    def _check(self) -> str | None:
        """Why the form cannot be saved as it is (one line), focusing the field; None if it can."""
        link = self.link
        for row in self.query(ExcerptRow):
            quote = row.value()
            row.remove_class("-invalid")
            if quote.blank:
                continue
            problem = quote_problem(
                quote.timestamp, quote.words, quote_interview(quote, self.start.interview, link)
            )
            if problem is None:
                continue
            row.add_class("-invalid")
            if problem == QUOTE_BAD_TIME:
                row.time_input.focus()
                return self.t("bad_time", time=one_line(quote.timestamp.strip(), 20))
            if problem == QUOTE_NO_INTERVIEW:
                self.query_one("#re-interview", Select).focus()
                return self.t("quote_needs_interview")
            row.words_input.focus()
            return self.t("quote_needs_words", time=one_line(quote.timestamp.strip(), 20) or "–")
        edited = self.edited_entry()
        if (
            not edited.body.strip()
            and not any(s.answer.strip() for s in edited.sections)
            and not edited.ratings
        ):
            return self.t("empty")
        return None

    def action_save(self) -> None:
        if self._saving:
            return
        if not self.dirty:
            self._discard_draft()
            self.dismiss(None)
            return
        problem = self._check()
        if problem is not None:
            self._say(problem, error=True)
            return
        self._from_answers = self._take_named_themes()
        edited = self.edited_entry()
        wished = self._wished_themes(edited)
        journal = self.eapp.journal
        base = self.base_revision
        self._saving = True
        self._say(self.t("saving"))

        def save() -> Any:
            from eftertanke.services.editing import save_edit

            # Saved only if nobody changed the entry since this screen opened;
            # otherwise the stored version stays and this edit becomes a
            # conflict copy. Either way nothing is lost.
            outcome = save_edit(journal, edited, base, new_themes=wished)
            # The save is durable now, so the draft may go (and not before).
            self._remove_draft_now()
            return outcome

        run_write(self, "reflection-edit", save)

    def _take_named_themes(self) -> list[str]:
        """Put the codebook's themes that the edited answers newly name in the list."""
        themes = self.query_one("#re-themes", ThemeList)
        added: list[str] = []
        for name in named_themes(self.edit()):
            theme = self.eapp.data.codebook.find(name)
            if theme is not None and themes.add(theme.name):
                added.append(theme.name)
        if added:
            self._remember_edit()
        return added

    def on_write_done(self, message: WriteDone) -> None:
        if message.what != "reflection-edit":
            return
        message.stop()
        self._saving = False
        self._draft_written = False
        copy = message.result.conflict_copy
        if self._from_answers:
            names = one_line(", ".join(self._from_answers), 120)
            self.notify(self.t("themes_from_answers", themes=names), timeout=6, markup=False)
        if copy is None:
            self.notify(self.eapp.tr("saved"), timeout=2)
            self.dismiss(None)
        else:
            self.notify(self.t("saved_as_copy"), severity="warning", timeout=15, markup=False)
            self.dismiss(copy.id)

    def on_write_failed(self, message: WriteFailed) -> None:
        if message.what != "reflection-edit":
            return
        message.stop()
        self._saving = False
        line = self.t("failed", error=one_line(str(message.error), 200))
        self._say(line, error=True)
        self.notify(line, severity="error", markup=False)
        # Keep what was typed on disk too, in case the app goes down next.
        self._keep_draft()

    # -- leaving ------------------------------------------------------------------

    def action_leave(self) -> None:
        if self._saving:
            return
        if not self.dirty:
            self._discard_draft()
            self.dismiss(None)
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        def chosen(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self._discard_draft()
                self.dismiss(None)

        answers = [
            ("save", self.t("leave_save")),
            ("discard", self.t("leave_discard")),
            ("stay", self.t("leave_stay")),
        ]
        self.app.push_screen(ChoiceDialog(self.t("leave_q"), answers), chosen)


def editor_for(entry: Entry, draft: dict[str, Any] | None = None) -> Any:
    """The editor ``e`` opens: this screen for a guided entry, the dialog otherwise."""
    from eftertanke.services.reflection_form import is_guided

    if is_guided(entry) or (draft is not None and isinstance(draft.get("entry"), dict)):
        return ReflectionEditScreen(entry, draft=draft)
    from eftertanke.tui.screens.entry_edit import EditEntryScreen

    return EditEntryScreen(entry, draft=draft)


__all__ = ["ReflectionEditScreen", "editor_for"]
