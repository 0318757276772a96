"""Modal forms for the codebook: add, rename, merge, move and delete a theme.

Rename, merge, move and delete ask for an optional reason, kept with the
change in the codebook's change log (codebook_log.py).

Each form (on ``ThemeForm``, theme_form_base.py) checks what it can at once,
saves in a worker through the codebook's use cases (``services.themes``:
add, rename, merge, move; ``theme_delete``) and dismisses with the name of
the theme to show afterwards. Errors stay inline. What is typed is kept as a
draft and offered back after a crash (see ``FormDrafts``); a move saves with
the revision the form opened with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from eftertanke.codebook import descendants
from eftertanke.domain import Theme, ValidationError
from eftertanke.services import themes as services
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.form_modal import FieldError, refill_select
from eftertanke.tui.screens.theme_form_base import ThemeForm, concept_options, theme_options
from eftertanke.tui.strings import said


class AddThemeForm(ThemeForm):
    """A new theme: name, concept, optional parent, description, theory."""

    draft_form = "theme-add"

    def __init__(
        self,
        concept: str | None = None,
        parent: str | None = None,
        draft: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(draft=draft)
        self.initial_concept = concept
        self.initial_parent = parent

    def compose_fields(self) -> ComposeResult:
        yield self.field_row("name", Input(compact=True, max_length=120))
        yield self.field_row("concept", Select[str]([], compact=True))
        yield self.field_row("parent", Select[str]([], compact=True))
        yield self.field_row("description", Input(compact=True))
        yield self.field_row("theory", Input(compact=True))

    def loaded(self) -> None:
        self.query_one("#f-name", Input).focus()

    def form_title(self) -> Content:
        return Content(self.t("title_add"))

    def refresh_texts(self) -> None:
        super().refresh_texts()
        lang = self.eapp.lang
        concept = self.query_one("#f-concept", Select)
        current = concept.value if concept.value is not Select.NULL else self.initial_concept
        concept.set_options(concept_options(lang))
        concept.prompt = self.t("choose")
        if current:
            concept.value = current
        parent = self.query_one("#f-parent", Select)
        current_parent = parent.value if parent.value is not Select.NULL else self.initial_parent
        parent.set_options(theme_options(self.themes(), lang))
        parent.prompt = self.t("none")
        if current_parent:
            parent.value = current_parent
        self.query_one("#f-theory", Input).placeholder = self.t("ph_theory")

    @on(Select.Changed, "#f-parent")
    def _parent_changed(self, event: Select.Changed) -> None:
        self._follow_parent(None if event.value is Select.NULL else str(event.value))

    @on(Select.Changed, "#f-concept")
    def _concept_changed(self, event: Select.Changed) -> None:
        self._follow_concept(None if event.value is Select.NULL else str(event.value))

    def prepare(self) -> Callable[[], str]:
        name = " ".join(self._text("name").split())
        if not name:
            raise FieldError("name", self.t("need_name"))
        concept = self._choice("concept")
        if not concept:
            raise FieldError("concept", self.t("need_concept"))
        theme = Theme(
            name=name,
            concept=concept,
            parent=self._choice("parent"),
            description=self._text("description"),
            theory=self._text("theory"),
        )
        try:
            theme.validate()
        except ValidationError as exc:
            raise FieldError("name", said(exc, self.eapp.lang)) from exc
        if any(t.name.casefold() == name.casefold() for t in self.themes()):
            raise FieldError("name", self.t("exists", name=name))
        journal = self.eapp.journal

        def save() -> str:
            return services.add_theme(journal, theme).name

        return save


class RenameThemeForm(ThemeForm):
    """A new name for a theme; every entry and excerpt using it follows."""

    draft_form = "theme-rename"

    def compose_fields(self) -> ComposeResult:
        yield self.field_row("new_name", Input(compact=True, max_length=120))
        yield self.reason_row()

    def refresh_texts(self) -> None:
        super().refresh_texts()
        self.refresh_reason()

    def load(self, theme: Theme) -> None:
        field = self.query_one("#f-new_name", Input)
        field.value = theme.name
        field.focus()

    def form_title(self) -> Content:
        return self.theme_title("title_rename")

    def prepare(self) -> Callable[[], str]:
        old = self.original.name if self.original else self.theme_name or ""
        new = " ".join(self._text("new_name").split())
        if not new:
            raise FieldError("new_name", self.t("need_name"))
        try:
            Theme(name=new, concept="drive").validate()
        except ValidationError as exc:
            raise FieldError("new_name", said(exc, self.eapp.lang)) from exc
        if new.casefold() != old.casefold() and any(
            t.name.casefold() == new.casefold() for t in self.themes()
        ):
            raise FieldError("new_name", self.t("exists_merge", name=new))
        journal = self.eapp.journal
        reason = self._text("reason")

        def save() -> str:
            if new == old:
                return new
            return services.rename_theme(journal, old, new, reason=reason).name

        return save


class MergeThemeForm(ThemeForm):
    """Fold a theme into another: its uses move over and it is removed."""

    draft_form = "theme-merge"

    def compose_fields(self) -> ComposeResult:
        yield Static(id="merge-note", classes="form-note")
        yield self.field_row("target", Select[str]([], compact=True))
        yield self.reason_row()

    def load(self, theme: Theme) -> None:
        self.query_one("#f-target", Select).focus()

    def form_title(self) -> Content:
        return self.theme_title("title_merge")

    def refresh_texts(self) -> None:
        super().refresh_texts()
        name = self.theme_name or ""
        uses = self.eapp.data.codebook.usage.get(self.original.name if self.original else name, 0)
        self.query_one("#merge-note", Static).update(
            Content(self.t("merge_note", n=uses, name=one_line(name, 60)))
        )
        options = theme_options(self.themes(), self.eapp.lang, exclude={name.casefold()})
        refill_select(self.query_one("#f-target", Select), options, self.t("choose"))
        self.refresh_reason()

    def prepare(self) -> Callable[[], str]:
        target = self._choice("target")
        if not target:
            raise FieldError("target", self.t("need_target"))
        source = self.original.name if self.original else self.theme_name or ""
        journal = self.eapp.journal
        reason = self._text("reason")

        def save() -> str:
            return services.merge_theme(journal, source, target, reason=reason).name

        return save


class MoveThemeForm(ThemeForm):
    """Move a theme to another concept (and optionally under another parent)."""

    draft_form = "theme-move"

    def compose_fields(self) -> ComposeResult:
        yield Static(id="move-note", classes="form-note")
        concepts = concept_options(self.eapp.lang)
        yield self.field_row("concept", Select[str](concepts, compact=True, allow_blank=False))
        yield self.field_row("parent", Select[str]([], compact=True))
        yield self.reason_row()

    def load(self, theme: Theme) -> None:
        self.query_one("#f-concept", Select).value = theme.concept
        parent = self.query_one("#f-parent", Select)
        if theme.parent:
            parent.value = theme.parent
        self.query_one("#f-concept", Select).focus()

    def form_title(self) -> Content:
        return self.theme_title("title_move")

    def refresh_texts(self) -> None:
        super().refresh_texts()
        lang = self.eapp.lang
        self.query_one("#move-note", Static).update(self.t("move_note"))
        refill_select(self.query_one("#f-concept", Select), concept_options(lang))
        themes = self.themes()
        # Not under itself, nor under one of its own sub-themes.
        under = {n.casefold() for n in descendants(self.theme_name or "", themes)}
        parents = theme_options(themes, lang, exclude=under)
        refill_select(self.query_one("#f-parent", Select), parents, self.t("none"))
        self.refresh_reason()

    @on(Select.Changed, "#f-parent")
    def _parent_changed(self, event: Select.Changed) -> None:
        self._follow_parent(None if event.value is Select.NULL else str(event.value))

    @on(Select.Changed, "#f-concept")
    def _concept_changed(self, event: Select.Changed) -> None:
        self._follow_concept(None if event.value is Select.NULL else str(event.value))

    def prepare(self) -> Callable[[], str]:
        if self.original is None:
            raise FieldError("", self.t("gone", name=self.theme_name or ""))
        concept = self._choice("concept")
        if not concept:
            raise FieldError("concept", self.t("need_concept"))
        theme = replace(self.original, concept=concept, parent=self._choice("parent"))
        journal = self.eapp.journal
        revision = self.opened_revision()
        reason = self._text("reason")

        def save() -> str:
            # Sub-themes follow to a new concept (services.themes.move_theme).
            return services.move_theme(
                journal, theme, expected_revision=revision, reason=reason
            ).name

        return save


class DeleteThemeForm(ThemeForm):
    """Delete a theme from the codebook and from everything coded with it
    (``services.theme_delete``); its sub-themes move up to its own parent."""

    draft_form = "theme-delete"

    def compose_fields(self) -> ComposeResult:
        yield Static(id="delete-note", classes="form-note")
        yield self.reason_row()

    def load(self, theme: Theme) -> None:
        self.query_one("#f-reason", Input).focus()

    def form_title(self) -> Content:
        return self.theme_title("title_delete")

    def refresh_texts(self) -> None:
        super().refresh_texts()
        name = self.original.name if self.original else self.theme_name or ""
        uses = self.eapp.data.codebook.usage.get(name, 0)
        note = self.t("delete_note", n=uses, name=one_line(name, 60))
        children = [t.name for t in self.themes() if (t.parent or "").casefold() == name.casefold()]
        if children:
            note += " " + self.t("delete_children", children=one_line(", ".join(children), 120))
        self.query_one("#delete-note", Static).update(Content(note))
        self.query_one("#form-save", Button).label = self.t("save_delete")
        self.refresh_reason()

    def prepare(self) -> Callable[[], str]:
        if self.original is None:
            raise FieldError("", self.t("gone", name=self.theme_name or ""))
        name = self.original.name
        reason = self._text("reason")
        journal = self.eapp.journal

        def save() -> str:
            from eftertanke.services.theme_delete import delete_theme

            return delete_theme(journal, name, reparent=True, reason=reason).theme.name

        return save
