"""What the Analysis screen's views share: their base, the messages they post
when the user opens something, and a coded passage as a line in a side list.

A view is one tab of the screen (``AnalysisView`` is a ``TabPane``, so the
tabs' tree, and what they draw, is what it was when the screen drew them
all). It draws the ``Analyses`` the screen computed in its worker with
``show``; it never opens a screen itself but posts ``PassageChosen``,
``EntryChosen`` or ``InterviewChosen``, and the screen opens it. Stored words
go in as ``Content``/``Text`` only, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static, TabPane
from textual.widgets.option_list import Option

from eftertanke.analysis.coded import EXCERPT, INTERVIEWER, REFLECTION, RESPONDENT, WHOLE, Ref
from eftertanke.analysis.labels import w
from eftertanke.analysis.passage_view import PassageLookup
from eftertanke.analysis.report import Analyses
from eftertanke.i18n import t
from eftertanke.textsafe import one_line

# A side list shows this many passages, then says how many more there are.
MAX_ITEMS = 500
SNIPPET = 160


def snippet(text: str, limit: int = SNIPPET) -> str:
    return one_line(text, limit)


def view_css(name: str) -> str:
    """The styles in ``name`` next to this module (a view's own .tcss)."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


class PassageChosen(Message):
    """The user chose a coded passage (a unit of a matrix cell or a pair): open where it is."""

    def __init__(self, ref: Ref) -> None:
        super().__init__()
        self.ref = ref


class EntryChosen(Message):
    """The user chose an entry (a reflection's row in the balance): open it."""

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id


class InterviewChosen(Message):
    """The user chose an interview (its row in the coverage): open it."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class AnalysisView(TabPane):
    """One view of the analysis, in its own tab; ``show`` draws it.

    Its widgets' ids begin with the view's id (``#matrix-empty``,
    ``#matrix-table``), as they did on the screen.
    """

    DEFAULT_CSS = """
    AnalysisView .empty { color: $text-muted; height: auto; padding: 1 0; }
    AnalysisView .note { color: $text-muted; height: auto; max-height: 6; }
    """

    def __init__(self, view_id: str) -> None:
        # The tab's label is the screen's to set (it follows the width and the language).
        super().__init__(view_id, id=view_id)

    def show(self, result: Analyses, lookup: PassageLookup, lang: str) -> None:
        """Draw ``result`` in ``lang``; ``lookup`` finds a coded passage's words."""
        raise NotImplementedError

    def say(self, message: str) -> None:
        """Put ``message`` in the view's empty line (a "computing" before the first result)."""
        self.query_one(f"#{self.id}-empty", Static).update(Content(message))

    def say_empty(self, message: str, *hide: str) -> None:
        """Show ``message`` alone when the view has nothing to show, hiding ``hide``;
        an empty message hides the line and shows them."""
        empty = self.query_one(f"#{self.id}-empty", Static)
        empty.update(Content(message))
        empty.display = bool(message)
        for selector in hide:
            self.query_one(selector).display = not message


class PassageListView(AnalysisView):
    """A view with a side list of the passages behind what is highlighted
    (``#<id>-items``, its units in ``items``): enter there opens one."""

    def __init__(self, view_id: str) -> None:
        super().__init__(view_id)
        self.items: list[Ref] = []  # the units behind the side list

    def focus_items(self) -> None:
        """Go to the side list's first passage (enter on a cell or row), if it has one."""
        if self.items:
            items = self.query_one(f"#{self.id}-items", OptionList)
            items.focus()
            items.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.items):
            self.post_message(PassageChosen(self.items[event.option_index]))


def passage_option(ref: Ref, lookup: PassageLookup, lang: str) -> Option:
    """One unit in a side list: what it is, where, and its words."""
    shown = lookup.show(ref)
    if shown is None:
        return Option(Content(t("tui.analysis.gone", lang)), disabled=True)
    kind = {
        REFLECTION: w("passage", lang),
        WHOLE: w("whole_entry", lang),
        RESPONDENT: w("respondent_turn", lang),
        INTERVIEWER: w("interviewer_turn", lang),
        EXCERPT: w("excerpt", lang),
    }[ref.kind]
    if shown.in_transcript or ref.kind == EXCERPT:
        where = (shown.reference, "dim")
        who = f" · {one_line(shown.where, 30)}" if shown.where else ""
        head: tuple[Any, ...] = ((kind, "bold"), " ", where, (who, "dim"))
    else:
        title = one_line(shown.title, 50)
        prompt = one_line(shown.where, 24) if shown.where else w("body", lang)
        head = ((kind, "bold"), " ", (title, "italic"))
        if ref.kind == REFLECTION:
            head += (" ", (f"· {prompt}", "dim"))
    if shown.review:
        head += (" ", (f"· {w('under_review', lang)}", "italic"))
    words = snippet(shown.words)
    body = ("“", words, "”") if ref.kind != WHOLE else (words,)
    return Option(Content.assemble(*head, "\n", *body))


def passage_options(
    refs: list[Ref], lookup: PassageLookup, lang: str
) -> tuple[list[Option], list[Ref]]:
    """The first ``MAX_ITEMS`` of ``refs`` as side-list lines (and a line saying
    how many more), and the refs behind the lines, in order."""
    kept = list(refs[:MAX_ITEMS])
    options = [passage_option(ref, lookup, lang) for ref in kept]
    if len(refs) > MAX_ITEMS:
        more = t("tui.analysis.more", lang, n=len(refs) - MAX_ITEMS)
        options.append(Option(Content(more), disabled=True))
    return options, kept
