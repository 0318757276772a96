"""The frame of the codebook's forms (theme_forms.py): the theme being
changed, found again by id after a rename, the optional reason kept in the
codebook's change log, and the concept and parent choices that follow each
other (a sub-theme lives under its parent's concept).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content
from textual.widgets import Input, Select

from eftertanke.domain import CONCEPT_NAMES, CONCEPTS, Theme
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.form_modal import FormModal


def concept_options(lang: str) -> list[tuple[str, str]]:
    return [(CONCEPT_NAMES[c][lang], c) for c in CONCEPTS]


def theme_options(
    themes: list[Theme], lang: str, exclude: set[str] = frozenset()
) -> list[tuple[Text, str]]:
    """Themes as Select options: the name as plain Text (never markup), its concept dimmed."""
    options = []
    for theme in themes:
        if theme.name.casefold() in exclude:
            continue
        prompt = Text(one_line(theme.name, 50))
        prompt.append(f"  {CONCEPT_NAMES[theme.concept][lang]}", style="dim")
        options.append((prompt, theme.name))
    return options


class ThemeForm(FormModal):
    CSS_PATH = ["interview_form.tcss", "theme_forms.tcss"]

    def __init__(self, name: str | None = None, draft: dict[str, Any] | None = None) -> None:
        super().__init__(draft)
        self.theme_name = name
        self.original: Theme | None = None

    def draft_record(self) -> tuple[str | None, str | None, int | None]:
        if self.original is None:
            return self.theme_name, None, None
        return self.original.name, self.original.id, self.original.revision

    def _stored(self) -> Theme | None:
        """The theme as stored: by id once known (a rename keeps it), else by name."""
        wanted = self.original.id if self.original else (self.resumed_draft or {}).get("record_id")
        if wanted:
            for theme in self.themes():
                if theme.id == wanted:
                    return theme
        return self.eapp.data.codebook.find(self.theme_name or "")

    def loaded(self) -> None:
        if self.theme_name is None:
            return
        found = self._take_stored()
        if found is None:
            self.query_one("#form-save").disabled = True
            return
        self.load(found)

    def reload_record(self) -> bool:
        if self.theme_name is None:
            return False
        found = self._take_stored()
        if found is None:
            return False
        if self.resumed_draft is not None:
            self.resumed_draft = {**self.resumed_draft, "base_revision": found.revision}
        self.load(found)
        return True

    def _take_stored(self) -> Theme | None:
        """The theme as stored, now the one the form changes (it may have been
        renamed meanwhile); None, said on the form, when it is gone."""
        found = self._stored()
        if found is None:
            self.show_error(self.t("gone", name=self.theme_name))
            return None
        self.original = found
        self.theme_name = found.name
        return found

    def theme_title(self, key: str) -> Content:
        """The form's title (``key``), naming the theme it changes."""
        return Content(self.t(key, name=one_line(self.theme_name or "", 60)))

    def load(self, theme: Theme) -> None:
        """Fill the fields from the theme being changed."""

    def themes(self) -> list[Theme]:
        return self.eapp.data.themes

    def _text(self, name: str) -> str:
        return self.query_one(f"#f-{name}", Input).value.strip()

    def reason_row(self) -> Any:
        """The optional 'why' of a change, for the codebook's change log."""
        return self.field_row("reason", Input(compact=True, max_length=2000))

    def refresh_reason(self) -> None:
        for field in self.query("#f-reason").results(Input):
            field.placeholder = self.t("ph_reason")

    def _choice(self, name: str) -> str | None:
        value = self.query_one(f"#f-{name}", Select).value
        return None if value is Select.NULL else str(value)

    def _parent_concepts(self) -> dict[str, str]:
        return {t.name: t.concept for t in self.themes()}

    def _follow_parent(self, parent: str | None) -> None:
        """A sub-theme lives under its parent's concept."""
        if parent:
            concept = self._parent_concepts().get(parent)
            select = self.query_one("#f-concept", Select)
            if concept and select.value != concept:
                select.value = concept

    def _follow_concept(self, concept: str | None) -> None:
        """Changing the concept drops a parent from another concept."""
        select = self.query_one("#f-parent", Select)
        parent = select.value
        if (
            parent is not Select.NULL
            and concept
            and self._parent_concepts().get(str(parent)) != concept
        ):
            select.clear()
