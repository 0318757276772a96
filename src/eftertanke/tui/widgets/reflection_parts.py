"""The parts the reflection editor's form is composed of.

``ReflectionEditScreen.compose`` (tui/screens/reflection_edit.py) lays the
form out in reading order; the repeated parts (one question, answer and
"added later" box per prompt, the quotes, the concept boxes, one rating bar
per rating) are built here, so the layout reads as one short list. These
yield the very widgets (ids and classes) the screen and its stylesheet
(reflection_edit.tcss) look for; their words are set by the screen's
``refresh_texts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static, TextArea

from eftertanke.domain import CONCEPTS, Excerpt
from eftertanke.packs import RatingItem
from eftertanke.services.reflection_form import AnswerSlot
from eftertanke.tui.screens.entry_edit import editor_language
from eftertanke.tui.widgets.excerpt_row import ExcerptRow
from eftertanke.tui.widgets.rating import RatingBar


def answer_area(text: str, widget_id: str) -> TextArea:
    """A growing text box for an answer or the free text; tab moves on."""
    return TextArea(
        text,
        id=widget_id,
        classes="re-answer",
        language=editor_language(),
        soft_wrap=True,
        show_line_numbers=False,
        tab_behavior="focus",
    )


def answer_fields(slots: Sequence[AnswerSlot]) -> Iterator[Widget]:
    """Per prompt: its question, the answer, and the "added later" box."""
    for index, slot in enumerate(slots):
        yield Static(id=f"re-q-{index}", classes="re-question")
        yield answer_area(slot.answer, f"re-answer-{index}")
        yield Checkbox(
            value=slot.added_later, id=f"re-later-{index}", classes="re-later", compact=True
        )


def quote_part(excerpts: Iterable[Excerpt]) -> Iterator[Widget]:
    """The quotes: a heading, a hint, one row per quote, and the "add" button."""
    with Vertical(id="re-quote-part", classes="re-part"):
        yield Static(id="re-quotes-heading", classes="re-heading")
        yield Static(id="re-quotes-hint", classes="re-hint")
        with Vertical(id="re-quotes"):
            for excerpt in excerpts:
                yield ExcerptRow(excerpt, cites=excerpt.interview)
        yield Button(id="re-add-quote", classes="re-add", compact=True)


def concept_boxes(chosen: Iterable[str]) -> Iterator[Widget]:
    """One box per concept, in a row, ticked for those the entry has."""
    chosen = set(chosen)
    with Horizontal(id="re-concepts"):
        for concept in CONCEPTS:
            yield Checkbox(value=concept in chosen, id=f"re-concept-{concept}", compact=True)


def rating_bars(items: Sequence[RatingItem], values: Mapping[str, int | None]) -> Iterator[Widget]:
    """One bar per rating offered, at the entry's value (labels in English
    until the screen relabels them in its language)."""
    for index, item in enumerate(items):
        yield RatingBar(
            item.key,
            item.label.get("en"),
            item.low.get("en"),
            item.high.get("en"),
            values.get(item.key),
            minimum=item.minimum,
            maximum=item.maximum,
            id=f"re-rating-{index}",
        )
