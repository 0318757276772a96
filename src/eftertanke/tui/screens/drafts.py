"""After a crash or a closed terminal: offer the unfinished drafts back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.tui.screens.base import BaseModal

TEXT = {
    "title": {"da": "Ufærdige kladder", "en": "Unfinished drafts"},
    "hint": {"da": "Enter fortsætter · x kasserer · Esc senere",
             "en": "Enter resumes · x discards · Esc later"},
    "action:discard": {"da": "Kassér", "en": "Discard"},
    "action:dismiss_none": {"da": "Senere", "en": "Later"},
}


def describe(draft: dict[str, Any], lang: str) -> Content:
    from eftertanke.dates import format_datetime

    pack = (draft.get("pack") or {}).get("id", "?")
    saved = draft.get("saved") or draft.get("started") or ""
    try:
        when = format_datetime(datetime.fromisoformat(saved), lang)
    except ValueError:
        when = saved
    first = next((a.get("text", "") for a in draft.get("answers") or [] if a.get("text")), "")
    snippet = " ".join(first.split())[:60]
    interview = draft.get("interview")
    return Content.assemble(
        (when, "dim"),
        "  ",
        (pack, "bold"),
        (f"  {interview}" if interview else "", "italic"),
        ("  " + snippet, ""),
    )


class ResumeDraftScreen(BaseModal):
    """Returns the draft to resume, or None."""

    CSS_PATH = "drafts.tcss"
    TEXT = TEXT
    BINDINGS = [
        Binding("x", "discard", "Discard"),
        Binding("escape", "dismiss_none", "Later"),
    ]

    def __init__(self, drafts: list[dict[str, Any]]) -> None:
        super().__init__()
        self.drafts = list(drafts)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="drafts-title", classes="dialog-title")
            yield OptionList(id="drafts")
            yield Static(id="drafts-hint", classes="hint")

    def refresh_texts(self) -> None:
        self.query_one("#drafts-title", Static).update(self.t("title"))
        self.query_one("#drafts-hint", Static).update(self.t("hint"))
        self._fill()

    def _fill(self) -> None:
        options = self.query_one("#drafts", OptionList)
        options.clear_options()
        options.add_options(
            Option(describe(d, self.eapp.lang), id=str(d.get("draft_id"))) for d in self.drafts
        )
        if self.drafts:
            options.highlighted = 0

    def on_mount(self) -> None:
        self.query_one("#drafts", OptionList).focus()

    @on(OptionList.OptionSelected, "#drafts")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        for draft in self.drafts:
            if str(draft.get("draft_id")) == event.option.id:
                self.dismiss(draft)
                return

    def action_discard(self) -> None:
        options = self.query_one("#drafts", OptionList)
        option = options.highlighted_option
        if option is None:
            return
        self._discard_on_disk(str(option.id))
        self.drafts = [d for d in self.drafts if str(d.get("draft_id")) != option.id]
        if not self.drafts:
            self.dismiss(None)
            return
        self._fill()

    @work(thread=True)
    def _discard_on_disk(self, draft_id: str) -> None:
        self.eapp.journal.discard_draft(draft_id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
