"""One entry, read as Markdown, with its metadata, its links and what can be done to it.

The text is rendered by Textual's ``Markdown`` widget, one entry at a time
(the widget mounts a widget per block, so a long list of documents would be
slow). Links inside an entry never run app actions: only web and mail links
are opened, and only by the system browser. Metadata and links show user
text as plain ``Content``, never as markup (tui/widgets/entry_side.py).

After a merge (``eftertanke merge`` or a git pull) an entry both writers
changed has a *conflict copy*: the losing version, linked to the entry by
``conflict_of``. Both the entry and its copies carry a banner, link to each
other, and offer ``k``: keep the version on screen and move the others to
the trash (see ``services.merge.keep_version``).

The view follows its entry on disk and offers the edit dialog's draft of it
(``EntryFollowing``, tui/entry_follow.py); what its keys change is
``EntryChanges`` (tui/entry_changes.py). This module composes the view, draws
it from the app's index, follows its links and says which keys are offered.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown, OptionList, Static

from eftertanke.dates import format_datetime
from eftertanke.domain import Entry
from eftertanke.export.markdown import entry_body_markdown
from eftertanke.textsafe import one_line
from eftertanke.tui.entry_changes import EntryChanges
from eftertanke.tui.entry_follow import EntryFollowing
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.widgets.entry_side import conflict_text, link_options, metadata

# How often the view checks whether its entry changed on disk.
DISK_CHECK_SECONDS = 2.0

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")


def _text_not_html() -> MarkdownIt:
    """Markdown as the entry view reads it: an entry's ``<b>`` or ``<script>``
    is text the writer typed, shown as typed (Textual's default parser takes
    it for HTML, and drops it)."""
    return MarkdownIt("gfm-like", {"html": False})


class EntryScreen(EntryFollowing, EntryChanges, BaseScreen):
    CSS_PATH = "entry.tcss"
    AUTO_FOCUS = "#entry-scroll"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("backspace", "back", "Back", show=False),
        Binding("e", "edit", "Edit"),
        Binding("c", "code_passages", "Code passages"),
        Binding("l", "add_layer", "Add a layer"),
        Binding("x", "delete", "Delete"),
        Binding("delete", "delete", "Delete", show=False),
        Binding("u", "restore", "Undo/restore"),
        Binding("ctrl+e", "export", "Export"),
        Binding("i", "open_interview", "Interview"),
        Binding("t", "link_theme", "Link theme"),
        Binding("T", "unlink_theme", "Unlink theme"),
        Binding("k", "keep_version", "Keep this version"),
        Binding("D", "discard_draft", "Discard draft"),
    ]

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: Entry | None = None
        self.copies: list[Entry] = []
        self._shown: tuple[object, ...] | None = None
        # The edit dialog's draft of this entry, if one was left behind.
        self.edit_draft: dict[str, Any] | None = None
        self._editor: Any = None
        # The id of a draft the edit dialog is removing as it closes.
        self._closing_draft: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="entry-layout"):
            with VerticalScroll(id="entry-scroll"):
                yield Static(id="entry-draft")
                yield Static(id="entry-banner")
                yield Markdown(id="entry-doc", open_links=False, parser_factory=_text_not_html)
            with Vertical(id="entry-side", classes="panel"):
                yield Static(id="entry-meta")
                yield Static(id="links-title", classes="panel-title")
                yield OptionList(id="entry-links")
        yield Footer()

    # -- loading -------------------------------------------------------------

    def load_entry(self) -> Entry | None:
        """The entry in the app's index (live or in the trash), read whole from its shard."""
        return self.eapp.index.entry(self.entry_id, deleted=True)

    def refresh_texts(self) -> None:
        self.query_one("#links-title", Static).update(self.t("links"))
        self._show_draft(self.edit_draft, redraw=True)
        self._shown = None

    def load_copies(self, entry: Entry | None) -> list[Entry]:
        """Live conflict copies of ``entry``, oldest first (from the index)."""
        if entry is None or entry.conflict_of:
            return []
        index = self.eapp.index
        # Every row of the index, read by key: an EntryRow per row costs 20 ms more at
        # 100,000 entries (entry_row.py), and this runs as the entry opens.
        ids = [row.id for row in index.rows if row.doc.get("conflict_of") == entry.id]
        found = [Entry.from_dict(doc) for doc in index.docs_of(ids)]
        found.sort(key=lambda e: (e.updated, e.id))
        return found

    def on_mount(self) -> None:
        # BaseScreen.on_mount runs too (Textual calls each class's handler).
        self.set_interval(DISK_CHECK_SECONDS, self._check_disk)

    def on_screen_resume(self) -> None:
        self._check_disk()

    # -- drawing -------------------------------------------------------------

    def refresh_data(self) -> None:
        entry = self.load_entry()
        self.entry = entry
        self.copies = self.load_copies(entry)
        lang = self.eapp.lang
        key = (lang, entry.to_dict() if entry else None, [c.to_dict() for c in self.copies])
        if key == self._shown:
            return
        self._shown = key
        banner = self.query_one("#entry-banner", Static)
        doc = self.query_one("#entry-doc", Markdown)
        side = self.query_one("#entry-side")
        self.set_class(entry is None, "-missing")
        self.set_class(entry is not None and entry.deleted is not None, "-deleted")
        conflicted = (
            entry is not None and entry.deleted is None and bool(entry.conflict_of or self.copies)
        )
        self.set_class(conflicted, "-conflict")
        if entry is None:
            self.title = self.t("missing_title")
            banner.update(Content(self.t("missing")))
            banner.display = True
            doc.display = False
            side.display = False
            self.refresh_bindings()
            return
        doc.display = True
        side.display = True
        self.title = one_line(entry.display_title(60), 60) or "eftertanke"
        self.sub_title = self.eapp.tr(f"kind.{entry.kind}")
        if entry.deleted is not None:
            banner.update(Content(self.t("in_trash", when=format_datetime(entry.deleted, lang))))
            banner.display = True
        elif conflicted:
            banner.update(Content(conflict_text(entry, self.copies, self.eapp.index, lang)))
            banner.display = True
        else:
            banner.display = False
        doc.update(entry_body_markdown(entry, lang) or self.t("nothing_written"))
        self.query_one("#entry-meta", Static).update(metadata(entry, lang))
        self.query_one("#entry-links", OptionList).set_options(
            link_options(entry, self.copies, self.eapp.index, lang)
        )
        self.refresh_bindings()

    # -- following links -----------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, value = (event.option.id or "").partition(":")
        if kind == "interview":
            self.eapp.open_interview(value)
        elif kind == "theme":
            self.eapp.open_theme(value)
        elif kind == "entry":
            self.eapp.open_entry(value)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        # An entry is user text: a link in it must not reach app actions or
        # local files, so only web and mail links go to the browser.
        event.stop()
        href = event.href.strip()
        if href.lower().startswith(SAFE_LINK_SCHEMES):
            self.app.open_url(href)
        else:
            self.notify(self.t("link_refused"), severity="warning")

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.entry
        if action in ("edit", "delete", "export", "code_passages", "link_theme", "add_layer"):
            return entry is not None and entry.deleted is None
        if action == "unlink_theme":
            return entry is not None and entry.deleted is None and bool(entry.themes)
        if action == "discard_draft":
            return self.edit_draft is not None
        if action == "restore":
            return entry is not None and entry.deleted is not None
        if action == "open_interview":
            return entry is not None and bool(entry.interview)
        if action == "keep_version":
            return (
                entry is not None
                and entry.deleted is None
                and bool(entry.conflict_of or self.copies)
            )
        return True

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_open_interview(self) -> None:
        if self.entry is not None and self.entry.interview:
            self.eapp.open_interview(self.entry.interview)

    def action_code_passages(self) -> None:
        if self.entry is None or self.entry.deleted is not None:
            return
        from eftertanke.tui.screens.entry_coding import EntryCodingScreen

        self.app.push_screen(EntryCodingScreen(self.entry_id))
