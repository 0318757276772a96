"""The filter bar of Browse: kind, concept, theme, interview, author and a date range.

The bar owns its controls and what they mean: it turns the five selects
and the two date boxes into one ``FilterChoice`` and posts
``BrowseFilters.Changed`` with it whenever the choice changes, so the screen
never reaches into its selects. The screen, in turn, gives the bar what it
offers (``set_choices``, from the app's data layer) and asks it how the
choice reads in words (``summary``). A date that cannot be read is marked
and explained under the bar, and left out of the choice until it can be.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Select, Static

from eftertanke import i18n
from eftertanke.dates import format_date, parse_day_bound
from eftertanke.domain import (
    CONCEPT_NAMES,
    CONCEPTS,
    DATA_TYPES,
    ENTRY_KINDS,
    Interview,
    Theme,
    ValidationError,
)
from eftertanke.textsafe import one_line
from eftertanke.tui import strings

SELECT_KEYS = ("kind", "concept", "theme", "interview", "author")
DATE_KEYS = ("from", "to")
# The starting filters name the date bounds as the command line does.
DATE_BOUNDS = {"from": "since", "to": "until"}
PROMPTS = {
    "kind": "all_kinds",
    "concept": "all_concepts",
    "theme": "all_themes",
    "interview": "all_interviews",
    "author": "all_authors",
}


@dataclass(frozen=True, slots=True)
class FilterChoice:
    """What the bar has chosen: a value per select (None: all) and the date bounds."""

    kind: str | None = None
    concept: str | None = None
    theme: str | None = None
    interview: str | None = None
    author: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def value(self, key: str) -> str | None:
        return getattr(self, key)  # type: ignore[no-any-return]

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


class BrowseFilters(Vertical):
    """Five selects and two date boxes in a grid, and a line for a bad date."""

    # The styles live next to this module, in browse_filters.tcss, and come
    # with the widget wherever it is used.
    DEFAULT_CSS = (Path(__file__).parent / "browse_filters.tcss").read_text(encoding="utf-8")

    class Changed(Message):
        """The choice changed (a select was picked or cleared, a date typed)."""

        def __init__(self, filters: BrowseFilters, choice: FilterChoice) -> None:
            super().__init__()
            self.filters = filters
            self.choice = choice

        @property
        def control(self) -> BrowseFilters:
            return self.filters

    def __init__(self, initial: dict[str, str] | None = None, **kwargs: Any) -> None:
        """``initial``: select values by key, and ``since``/``until`` as typed dates."""
        super().__init__(**kwargs)
        initial = initial or {}
        self._bad_dates: dict[str, str] = {}
        self._offered: dict[str, list[tuple[str, str]]] = {}
        self._typed = {key: initial.get(DATE_BOUNDS[key], "") for key in DATE_KEYS}
        chosen: dict[str, Any] = {k: initial[k] for k in SELECT_KEYS if initial.get(k)}
        for key, text in self._typed.items():
            chosen[DATE_BOUNDS[key]] = self._read_date(key, text)
        self._choice = FilterChoice(**chosen)

    @property
    def choice(self) -> FilterChoice:
        return self._choice

    # -- building ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Grid(id="browse-filter-grid"):
            for key in SELECT_KEYS:
                yield Select[str]([], id=f"browse-filter-{key}", compact=True)
            for key in DATE_KEYS:
                yield Input(
                    self._typed[key],
                    id=f"browse-filter-{key}",
                    compact=True,
                    classes="-invalid" if key in self._bad_dates else "",
                )
        yield Static(id="browse-date-error")

    def _word(self, key: str, **values: object) -> str:
        return strings.word(type(self), key, self._lang, **values)

    @property
    def _lang(self) -> str:
        return str(getattr(self.app, "lang", "en"))

    def relabel(self) -> None:
        """Word the prompts, the placeholders and a date error in the app's language."""
        for key, word in PROMPTS.items():
            self.query_one(f"#browse-filter-{key}", Select).prompt = self._word(word)
        for key in DATE_KEYS:
            self.query_one(f"#browse-filter-{key}", Input).placeholder = self._word(key)
        self._show_date_error()

    def set_choices(
        self, themes: list[Theme], interviews: list[Interview], authors: list[str]
    ) -> None:
        """Offer these in the selects (only the selects whose offer changed are rebuilt).

        A value given at the start (or a theme just renamed) that is not on
        offer is kept and still applies; a theme or interview code given in
        another case is matched to the stored spelling.
        """
        lang = self._lang
        offers: dict[str, list[tuple[Content, str]]] = {
            # Self-as-data types are offered with the kinds (their entries are memos).
            "kind": [(Content(strings.common(f"kind.{k}", lang)), k) for k in ENTRY_KINDS]
            + [(Content(i18n.t(f"selfdata.type.{d}", lang)), d) for d in DATA_TYPES],
            "concept": [(Content(CONCEPT_NAMES[c][lang]), c) for c in CONCEPTS],
            "theme": [(Content(t.name), t.name) for t in themes],
            "interview": [
                (
                    Content.assemble(
                        i.code, (f"  {one_line(i.role, 30)}" if i.role else "", "dim")
                    ),
                    i.code,
                )
                for i in interviews
            ],
            "author": [(Content(a), a) for a in authors],
        }
        choice = self._choice
        for key, options in offers.items():
            wanted = choice.value(key)
            if wanted and key in ("theme", "interview"):
                folded = wanted.casefold()
                wanted = next((v for _, v in options if v.casefold() == folded), wanted)
                choice = replace(choice, **{key: wanted})
            if wanted and wanted not in {v for _, v in options}:
                options.append((Content(wanted), wanted))
            signature = [(label.plain, value) for label, value in options]
            if signature == self._offered.get(key):
                continue
            self._offered[key] = signature
            select = self.query_one(f"#browse-filter-{key}", Select)
            select.set_options(options)
            if wanted:
                select.value = wanted
        self._choice = choice

    # -- reading the choice --------------------------------------------------

    def summary(self) -> list[str]:
        """The choice in words, as the selects name it: kinds and concepts in the
        app's language, themes, interviews and authors as written, the dates
        as the app shows dates."""
        lang = self._lang
        choice = self._choice
        words: list[str] = []
        for key in SELECT_KEYS:
            value = choice.value(key)
            if not value:
                continue
            if key == "kind" and value in DATA_TYPES:
                value = i18n.t(f"selfdata.type.{value}", lang)
            elif key == "kind":
                value = strings.common(f"kind.{value}", lang)
            elif key == "concept" and value in CONCEPT_NAMES:
                value = CONCEPT_NAMES[value][lang]
            words.append(value)
        if choice.since or choice.until:
            words.append(
                "…".join(format_date(d, lang) if d else "" for d in (choice.since, choice.until))
            )
        return words

    def _set(self, **changes: object) -> None:
        choice = replace(self._choice, **changes)  # type: ignore[arg-type]
        if choice != self._choice:
            self._choice = choice
            self.post_message(self.Changed(self, choice))

    # -- events ----------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        key = (event.select.id or "").removeprefix("browse-filter-")
        if key not in SELECT_KEYS:
            return
        # Read the select itself, not the event: set_options posts a blank
        # value on its way to the restored one.
        value = event.select.selection
        self._set(**{key: str(value) if value is not None else None})

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("browse-filter-")
        if key not in DATE_KEYS:
            return
        bound = self._read_date(key, event.value)
        event.input.set_class(key in self._bad_dates, "-invalid")
        self._show_date_error()
        self._set(**{DATE_BOUNDS[key]: bound})

    def _read_date(self, key: str, text: str) -> datetime | None:
        """The bound typed in a date box, or None (noting it when it cannot be read)."""
        text = text.strip()
        self._bad_dates.pop(key, None)
        if not text:
            return None
        try:
            return parse_day_bound(text, end=key == "to")
        except (ValidationError, ValueError, OverflowError):
            self._bad_dates[key] = text
            return None

    def _show_date_error(self) -> None:
        error = self.query_one("#browse-date-error", Static)
        bad = next(iter(self._bad_dates.values()), None)
        error.display = bad is not None
        error.update(Content(self._word("bad_date", text=bad)) if bad is not None else Content(""))

    # -- commands from the screen ------------------------------------------------

    def clear(self) -> None:
        """Back to everything: no select chosen, no dates."""
        with self.prevent(Select.Changed, Input.Changed):
            for key in SELECT_KEYS:
                self.query_one(f"#browse-filter-{key}", Select).clear()
            for key in DATE_KEYS:
                date_box = self.query_one(f"#browse-filter-{key}", Input)
                date_box.value = ""
                date_box.remove_class("-invalid")
        self._bad_dates.clear()
        self._show_date_error()
        self._set(**{f.name: None for f in fields(FilterChoice)})

    def focus_first(self) -> None:
        self.query_one("#browse-filter-kind", Select).focus()
