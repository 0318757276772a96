"""Pick a theme (or several) from the codebook, or create one on the spot under a concept.

Typing narrows the list; Enter takes the *highlighted* theme (the first match
unless ↑/↓ moved it), never a new theme made from the typed letters. A new
theme is chosen only with the "+ Create" line, which is the one line there
is when nothing matches; and choosing it writes nothing yet. The picker
returns the new name and keeps it, with its concept, in ``new_themes``; the
caller hands that to the save use case, which adds the theme in the same
save as the entry or coding that uses it (``services.themes``). Leaving the
entry unsaved leaves no theme in the codebook. With ``multiple=True`` (coding a passage) a
comma takes the highlighted theme and starts on the next one, Backspace in an
empty box lets go of the last one chosen, and Enter finishes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from eftertanke.domain import CONCEPTS, Theme, ValidationError, concept_name
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said

CREATE = "+create"


class ThemePicker(BaseModal):
    """Returns the chosen theme's name (a list of names with ``multiple``), or None."""

    CSS_PATH = "theme_picker.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(
        self,
        *,
        multiple: bool = False,
        chosen: list[str] | None = None,
        title: str = "title",
    ) -> None:
        super().__init__()
        self.multiple = multiple
        self.chosen: list[str] = list(chosen or [])
        self.title_key = title
        self._themes: list[Theme] = []
        # Themes chosen with "+ Create": name → concept, added when the caller saves.
        self.new_themes: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Static(id="picker-title", classes="dialog-title")
            yield Static(id="picker-chosen")
            yield Input(id="picker-input")
            yield OptionList(id="picker-options")
            with Horizontal(id="picker-create"):
                yield Static(id="picker-create-label")
                yield Select(
                    # In the app's language from the start (set_options later
                    # does not relabel the value already shown).
                    [(concept_name(c, self.eapp.lang), c) for c in CONCEPTS],
                    value=CONCEPTS[0],
                    id="picker-concept",
                    allow_blank=False,
                )
            yield Static(id="picker-error", classes="error")
            yield Static(id="picker-hint", classes="hint")

    def refresh_texts(self) -> None:
        self.query_one("#picker-title", Static).update(self.t(self.title_key))
        self.query_one("#picker-input", Input).placeholder = self.t("placeholder")
        self.query_one("#picker-hint", Static).update(
            self.t("hint_multiple" if self.multiple else "hint_single")
        )
        lang = self.eapp.lang
        select = self.query_one("#picker-concept", Select)
        current = select.value if select.value in CONCEPTS else CONCEPTS[0]
        select.set_options([(concept_name(c, lang), c) for c in CONCEPTS])
        select.value = current
        self._show_chosen()

    def refresh_data(self) -> None:
        self._themes = self.eapp.data.themes
        names = [th.name for th in self._themes]
        self.query_one("#picker-input", Input).suggester = SuggestFromList(
            names, case_sensitive=False
        )
        self._refilter(self.query_one("#picker-input", Input).value)

    def on_mount(self) -> None:
        self.query_one("#picker-input", Input).focus()

    def _show_chosen(self) -> None:
        line = self.query_one("#picker-chosen", Static)
        line.display = self.multiple and bool(self.chosen)
        if self.chosen:
            line.update(
                Content.assemble((self.t("chosen"), "bold"), one_line(", ".join(self.chosen), 200))
            )

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#picker-error", Static).update("")
        if self.multiple and "," in event.value:
            # A comma takes the highlighted theme for what was typed before it.
            before, _, after = event.value.partition(",")
            self._refilter(before)
            if before.strip():
                self._take_highlighted(finish=False)
            event.input.value = after.lstrip()
            return
        self._refilter(event.value)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if (
            self.multiple
            and event.key == "backspace"
            and self.chosen
            and isinstance(self.focused, Input)
            and not self.focused.value
        ):
            event.stop()
            self.chosen.pop()
            self._show_chosen()

    def _refilter(self, typed: str) -> None:
        wanted = " ".join(typed.split()).casefold()
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        lang = self.eapp.lang
        matches = [th for th in self._themes if wanted in th.name.casefold()]
        prompts = [
            Option(
                Content.assemble(th.name, (f"  {concept_name(th.concept, lang)}", "dim")),
                id=th.id,
            )
            for th in matches[:200]
        ]
        exact = any(th.name.casefold() == wanted for th in self._themes)
        creating = bool(wanted) and not exact
        name = " ".join(typed.split())
        if creating:
            prompts.append(Option(Content(self.t("create_option", name=name)), id=CREATE))
        options.add_options(prompts)
        row = self.query_one("#picker-create")
        row.display = creating
        if creating:
            self.query_one("#picker-create-label", Static).update(
                Content(self.t("create", name=name))
            )
        if prompts:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.multiple and self.chosen and not event.value.strip():
            self.dismiss(list(self.chosen))
            return
        self._take_highlighted(finish=True)

    @on(OptionList.OptionSelected, "#picker-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._take(event.option.id, finish=True)

    def _take_highlighted(self, *, finish: bool) -> None:
        options = self.query_one("#picker-options", OptionList)
        option = options.highlighted_option
        if option is not None:
            self._take(option.id, finish=finish)

    def _take(self, option_id: str | None, *, finish: bool) -> None:
        if option_id == CREATE:
            typed = " ".join(self.query_one("#picker-input", Input).value.split())
            typed = typed.partition(",")[0].strip() if self.multiple else typed
            if typed:
                concept = self.query_one("#picker-concept", Select).value
                self._create(typed, str(concept), finish)
            return
        for theme in self._themes:
            if theme.id == option_id:
                self._chose(theme.name, finish)
                return

    def _chose(self, name: str, finish: bool) -> None:
        if not self.multiple:
            self.dismiss(name)
            return
        if name.casefold() not in {c.casefold() for c in self.chosen}:
            self.chosen.append(name)
        if finish:
            self.dismiss(list(self.chosen))
            return
        self._show_chosen()

    def _create(self, name: str, concept: str, finish: bool) -> None:
        """Choose a new theme without writing it: the caller's save adds it."""
        for theme in self._themes:
            if theme.name.casefold() == name.casefold():
                self._chose(theme.name, finish)
                return
        try:
            Theme(name=name, concept=concept).validate()
        except ValidationError as exc:
            self._show_error(said(exc, self.eapp.lang))
            return
        self.new_themes[name] = concept
        self.query_one("#picker-input", Input).value = ""
        self._chose(name, finish)

    def new_themes_for(self, names: str | list[str] | None) -> dict[str, str]:
        """The new themes (name → concept) among ``names``, what the picker returned."""
        if isinstance(names, str):
            names = [names]
        wanted = {n.casefold() for n in names or []}
        return {n: c for n, c in self.new_themes.items() if n.casefold() in wanted}

    def _show_error(self, message: str) -> None:
        self.query_one("#picker-error", Static).update(Content(message))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ConceptChoice(BaseModal):
    """Ask under which concept a new theme belongs; returns the concept key or None."""

    CSS_PATH = "theme_picker.tcss"
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
        options.add_options(Option(concept_name(c, self.eapp.lang), id=c) for c in CONCEPTS)
        options.highlighted = CONCEPTS.index(self.suggested)

    def on_mount(self) -> None:
        self.query_one("#concept-options", OptionList).focus()

    @on(OptionList.OptionSelected, "#concept-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


__all__ = ["ConceptChoice", "ThemePicker"]
