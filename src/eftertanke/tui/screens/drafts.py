"""After a crash or a closed terminal: offer every unfinished draft back.

Guided writing, the entry edit dialog and the interview and theme forms all
keep drafts (see ``services.drafts``); this list shows them together, newest
first. Enter reopens the editor that wrote one (``tui.resume``), ``x``
discards one, Escape leaves them all for later (Home keeps a line about them).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.services import drafts
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseModal
from eftertanke.tui.strings import said


def kind_label(info: drafts.DraftInfo, lang: str) -> str:
    key = info.form if info.kind == drafts.KIND_THEME and info.form else info.kind
    full = f"tui.drafts.kind.{key}"
    return i18n.t(full if i18n.has(full) else "tui.drafts.kind.unknown", lang)


def pack_titles(lang: str) -> dict[str, str]:
    """Each prompt pack's human name in ``lang`` (built-in and the user's), by id."""
    from eftertanke.packs import load_packs

    return {pack_id: pack.title.get(lang) for pack_id, pack in load_packs().packs.items()}


def describe(
    info: drafts.DraftInfo, lang: str, entry_title: str = "", packs: dict[str, str] | None = None
) -> Content:
    """One line: when, what kind, what it belongs to, the first words. All user text is data.

    ``packs`` names the prompt packs (``pack_titles``): a guided draft says
    "Reflection after the interview · I03", never the pack's id."""
    from eftertanke.dates import format_datetime

    when = format_datetime(info.saved, lang) if info.saved else "?"
    if info.kind == drafts.KIND_GUIDED:
        pack = (packs or {}).get(info.pack or "") or info.pack or ""
        belongs = " · ".join(part for part in (pack, info.interview) if part)
    elif info.kind == drafts.KIND_EDIT:
        belongs = entry_title or (info.entry or "")[:8]
    else:
        belongs = info.belongs_to or i18n.t("tui.drafts.kind.new", lang)
    return Content.assemble(
        (when, "dim"),
        "  ",
        (kind_label(info, lang), "bold"),
        ("  " + one_line(belongs, 60) if belongs else "", "italic"),
        ("  " + one_line(drafts.preview(info), 60), ""),
    )


class ResumeDraftScreen(BaseModal):
    """Returns the draft to resume (a ``DraftInfo``), or None."""

    CSS_PATH = "drafts.tcss"
    BINDINGS = [
        Binding("x", "discard", "Discard"),
        Binding("escape", "dismiss_none", "Later"),
    ]

    def __init__(self, found: list[drafts.DraftInfo]) -> None:
        super().__init__()
        self.drafts = list(found)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="drafts-title", classes="dialog-title")
            yield OptionList(id="drafts")
            yield Static(id="drafts-hint", classes="hint")

    def refresh_texts(self) -> None:
        self.query_one("#drafts-title", Static).update(self.t("title"))
        self.query_one("#drafts-hint", Static).update(self.t("hint"))
        self._fill()

    def _entry_title(self, info: drafts.DraftInfo) -> str:
        entry = self.eapp.index.entry(info.entry) if info.entry else None
        return entry.display_title(40) if entry is not None else ""

    def _fill(self) -> None:
        options = self.query_one("#drafts", OptionList)
        options.clear_options()
        lang = self.eapp.lang
        packs = pack_titles(lang)
        options.add_options(
            Option(describe(d, lang, self._entry_title(d), packs), id=d.id) for d in self.drafts
        )
        if self.drafts:
            options.highlighted = 0

    def on_mount(self) -> None:
        self.query_one("#drafts", OptionList).focus()

    @on(OptionList.OptionSelected, "#drafts")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        for draft in self.drafts:
            if draft.id == event.option.id:
                self.dismiss(draft)
                return

    def action_discard(self) -> None:
        options = self.query_one("#drafts", OptionList)
        option = options.highlighted_option
        if option is None:
            return
        self._discard_on_disk(str(option.id))
        self.drafts = [d for d in self.drafts if d.id != option.id]
        if not self.drafts:
            self.dismiss(None)
            return
        self._fill()

    @work(thread=True)
    def _discard_on_disk(self, draft_id: str) -> None:
        from eftertanke.services.draft_keeper import discard_draft

        try:
            discard_draft(self.eapp.journal, draft_id)
        except (EftertankeError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
        self.app.call_from_thread(self.eapp.drafts_changed)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
