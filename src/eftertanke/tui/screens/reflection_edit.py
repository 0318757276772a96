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

The screen lays the form out, fills its words and reads it back; the draft
is ``tui/reflection_drafts.py``, the save and leaving ``tui/reflection_finish.py``
and the form's repeated parts ``widgets/reflection_parts.py``.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Header, Input, Select, Static, TextArea

from eftertanke.domain import CONCEPTS, MAX_TITLE, Entry, concept_name
from eftertanke.packs import load_packs
from eftertanke.services import drafts
from eftertanke.services.reflection_form import (
    AnswerEdit,
    QuoteEdit,
    ReflectionEdit,
    answer_slots,
    apply_edit,
    changed,
    quote_interview,
    rating_items,
)
from eftertanke.textsafe import one_line
from eftertanke.tui.reflection_drafts import DRAFT_EVERY_SECONDS, ReflectionDrafts
from eftertanke.tui.reflection_finish import ReflectionFinishing
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.excerpt_row import ExcerptRow
from eftertanke.tui.widgets.rating import RatingBar
from eftertanke.tui.widgets.reflection_parts import (
    answer_area,
    answer_fields,
    concept_boxes,
    quote_part,
    rating_bars,
)
from eftertanke.tui.widgets.theme_list import ThemeList

NO_INTERVIEW = Select.NULL


class ReflectionEditScreen(ReflectionFinishing, ReflectionDrafts, BaseScreen):
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
        self.init_draft(resumed=draft is not None)
        self._interview_codes: tuple[str, ...] = ()
        # Themes the answers named that the last save put in the list.
        self._from_answers: list[str] = []

    @property
    def entry_id(self) -> str:
        return self.stored.id

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
            yield from answer_fields(self.slots)
            yield Static(id="re-body-label", classes="re-heading")
            yield answer_area(start.body, "re-body")
            yield from quote_part(start.excerpts)
            yield Static(id="re-themes-heading", classes="re-heading")
            yield ThemeList(list(start.themes), id="re-themes")
            yield Button(id="re-add-theme", classes="re-add", compact=True)
            yield Static(id="re-concepts-heading", classes="re-heading")
            yield from concept_boxes(start.concepts)
            yield Static(id="re-ratings-heading", classes="re-heading")
            yield from rating_bars(self.ratings, start.ratings)
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
            self.query_one(f"#re-concept-{concept}", Checkbox).label = concept_name(concept, lang)
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


def editor_for(entry: Entry, draft: dict[str, Any] | None = None) -> Any:
    """The editor ``e`` opens: this screen for a guided entry, the dialog otherwise."""
    from eftertanke.services.reflection_form import is_guided

    if is_guided(entry) or (draft is not None and isinstance(draft.get("entry"), dict)):
        return ReflectionEditScreen(entry, draft=draft)
    from eftertanke.tui.screens.entry_edit import EditEntryScreen

    return EditEntryScreen(entry, draft=draft)


__all__ = ["ReflectionEditScreen", "editor_for"]
