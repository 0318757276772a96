"""Pick a theme for what is being written, or create one on the spot under a concept."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from eftertanke.domain import CONCEPT_NAMES, CONCEPTS, Theme, ValidationError
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.screens.base import BaseModal

TEXT = {
    "title": {"da": "Tilføj tema", "en": "Add a theme"},
    "placeholder": {"da": "Skriv for at finde eller oprette et tema …", "en": "Type to find or create a theme …"},
    "create": {"da": "+ Opret “{name}” under", "en": "+ Create “{name}” under"},
    "concept": {"da": "Begreb", "en": "Concept"},
    "pick": {"da": "Vælg", "en": "Pick"},
    "new_title": {"da": "Nyt tema: vælg begreb", "en": "New theme: choose its concept"},
    "action:dismiss_none": {"da": "Luk", "en": "Close"},
}


class ThemePicker(BaseModal):
    """Returns the chosen theme's name, or None."""

    CSS_PATH = "theme_picker.tcss"
    TEXT = TEXT
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Static(id="picker-title", classes="dialog-title")
            yield Input(id="picker-input")
            yield OptionList(id="picker-options")
            with Horizontal(id="picker-create"):
                yield Static(id="picker-create-label")
                yield Select(
                    [(CONCEPT_NAMES[c]["en"], c) for c in CONCEPTS],
                    value=CONCEPTS[0],
                    id="picker-concept",
                    allow_blank=False,
                )
            yield Static(id="picker-error", classes="error")

    def refresh_texts(self) -> None:
        self.query_one("#picker-title", Static).update(self.t("title"))
        self.query_one("#picker-input", Input).placeholder = self.t("placeholder")
        lang = self.eapp.lang
        select = self.query_one("#picker-concept", Select)
        current = select.value if select.value in CONCEPTS else CONCEPTS[0]
        select.set_options([(CONCEPT_NAMES[c][lang], c) for c in CONCEPTS])
        select.value = current

    def refresh_data(self) -> None:
        self._themes = self.eapp.journal.themes()
        names = [th.name for th in self._themes]
        self.query_one("#picker-input", Input).suggester = SuggestFromList(names, case_sensitive=False)
        self._refilter(self.query_one("#picker-input", Input).value)

    def on_mount(self) -> None:
        self.query_one("#picker-input", Input).focus()

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#picker-error", Static).update("")
        self._refilter(event.value)

    def _refilter(self, typed: str) -> None:
        wanted = " ".join(typed.split()).casefold()
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        lang = self.eapp.lang
        matches = [th for th in self._themes if wanted in th.name.casefold()]
        options.add_options(
            Option(
                Content.assemble(th.name, (f"  {CONCEPT_NAMES[th.concept][lang]}", "dim")),
                id=th.id,
            )
            for th in matches[:200]
        )
        exact = any(th.name.casefold() == wanted for th in self._themes)
        creating = bool(wanted) and not exact
        row = self.query_one("#picker-create")
        row.display = creating
        if creating:
            self.query_one("#picker-create-label", Static).update(
                Content(self.t("create", name=" ".join(typed.split())))
            )
        if matches:
            options.highlighted = 0

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = " ".join(event.value.split())
        if not typed:
            return
        for theme in self._themes:
            if theme.name.casefold() == typed.casefold():
                self.dismiss(theme.name)
                return
        concept = self.query_one("#picker-concept", Select).value
        self._create(typed, str(concept))

    @on(OptionList.OptionSelected, "#picker-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        for theme in self._themes:
            if theme.id == event.option.id:
                self.dismiss(theme.name)
                return

    @work(thread=True, exclusive=True)
    def _create(self, name: str, concept: str) -> None:
        try:
            theme = self.eapp.journal.add_theme(Theme(name=name, concept=concept))
        except (ValidationError, EftertankeError, OSError) as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._created, theme.name)

    def _show_error(self, message: str) -> None:
        self.query_one("#picker-error", Static).update(Content(message))

    def _created(self, name: str) -> None:
        self.eapp.journal_changed()
        self.dismiss(name)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ConceptChoice(BaseModal):
    """Ask under which concept a new theme belongs; returns the concept key or None."""

    CSS_PATH = "theme_picker.tcss"
    TEXT = TEXT
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def __init__(self, theme_name: str, suggested: str | None = None) -> None:
        super().__init__()
        self.theme_name = theme_name
        self.suggested = suggested or CONCEPTS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="concept-title", classes="dialog-title")
            yield Static(Content(self.theme_name), id="concept-theme")
            yield OptionList(id="concept-options")

    def refresh_texts(self) -> None:
        self.query_one("#concept-title", Static).update(self.t("new_title"))
        options = self.query_one("#concept-options", OptionList)
        options.clear_options()
        options.add_options(Option(CONCEPT_NAMES[c][self.eapp.lang], id=c) for c in CONCEPTS)
        options.highlighted = CONCEPTS.index(self.suggested)

    def on_mount(self) -> None:
        self.query_one("#concept-options", OptionList).focus()

    @on(OptionList.OptionSelected, "#concept-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


__all__ = ["ConceptChoice", "ThemePicker"]
