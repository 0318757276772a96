"""Browse: every entry, newest first, narrowed by filters and searched as you type.

The list is an ``OptionList`` (virtualised: only the visible lines are
drawn, see ``tui.widgets.entry_list``). Each entry's ``Option`` is built once
and kept, so that a keystroke only filters the index and hands the list
options it already knows how to draw: at 10,000 entries that is a few
milliseconds, not the tenth of a second building and measuring fresh rows
would take. While searching, every row shows a snippet of its first hit
under it, with the hits marked (``eftertanke.snippet``); the rows read the
words when drawn, so a keystroke builds no new rows. How a row is drawn and
kept is the ``BrowseRows`` mixin (``tui.browse_rows``); this module finds
the rows to show and answers the keys.

Typing on the list goes to the search box, so the screen's own keys are
control keys; the filter bar is a widget of its own (``BrowseFilters``) that
reports its choice by message.
"""

from __future__ import annotations

from typing import Any

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from eftertanke.domain import DATA_TYPES, ValidationError
from eftertanke.services import entry_actions
from eftertanke.services.query import EntryFilter
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.browse_rows import BrowseRows
from eftertanke.tui.index import IndexRow
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said
from eftertanke.tui.widgets.browse_filters import SELECT_KEYS, BrowseFilters, FilterChoice
from eftertanke.tui.widgets.entry_list import PAGE, EntryList

# since/until: days (2026-03-10), as the from/to fields take them
FILTER_KEYS = (*SELECT_KEYS, "search", "since", "until")
# From this many entries a search's words are looked up in a worker once
# typing pauses this long (seconds); below it, at once on each key.
ASYNC_ROWS = 2_000
TYPING_PAUSE = 0.12


class BrowseScreen(BrowseRows, BaseScreen):
    CSS_PATH = "browse.tcss"
    AUTO_FOCUS = "#browse-list"
    # Letters typed on the list search (see ``on_key``), so the screen's own
    # keys are control keys: none of them is a letter someone searches with.
    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("ctrl+f", "toggle_filters", "Filters"),
        Binding("ctrl+d", "toggle_trash", "Trash"),
        Binding("ctrl+r", "restore", "Restore"),
        Binding("ctrl+k", "purge", "Delete for good"),
        Binding("ctrl+n", "clear_filters", "Reset", show=False),
        Binding("ctrl+e", "export", "Export"),
        Binding("escape", "back", "Back"),
        Binding("down", "focus_list", show=False),
    ]

    def __init__(self, **filters: Any) -> None:
        unknown = set(filters) - set(FILTER_KEYS)
        if unknown:
            raise TypeError(f"unknown browse filters: {', '.join(sorted(unknown))}")
        super().__init__()
        self._initial = {k: str(v) for k, v in filters.items() if v}
        self._search: str = str(self._initial.get("search") or "")
        self._trash = False
        self._theme_concepts: dict[str, str] = {}
        # Rows are cached per entry. While searching, a row is two lines (the
        # snippet under it) and reads the current words when it is drawn.
        self._options: dict[str, tuple[dict[str, Any], Option]] = {}
        self._options_key: tuple[str, int] = ("", 0)
        self._words: tuple[str, ...] = ()
        self._shown_total = 0
        self._shown_options: list[Option] = []
        self._shown_words: tuple[str, ...] = ()
        self._typing: Timer | None = None

    # -- building ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        # Typing on the list moves here with the letter already typed: focus
        # must not select the text, or the next letter would replace it.
        yield Input(value=self._search, id="browse-search", select_on_focus=False)
        filters = BrowseFilters(self._initial, id="browse-filters")
        filters.display = filters.choice.any()
        yield filters
        yield Static(id="browse-status")
        yield EntryList(id="browse-list")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = self.t("trash_title") if self._trash else self.t("title")
        self.sub_title = str(self.eapp.journal.root)
        self.query_one("#browse-search", Input).placeholder = self.t("search")
        self._filters.relabel()
        # Row words (kind names) follow the language: rebuild the rows.
        self._options.clear()

    @property
    def _filters(self) -> BrowseFilters:
        return self.query_one("#browse-filters", BrowseFilters)

    def refresh_data(self) -> None:
        data = self.eapp.data
        themes = data.themes
        self._theme_concepts = {t.name.casefold(): t.concept for t in themes}
        self._filters.set_choices(themes, data.interviews, data.index.authors())
        self.apply_filter(keep_cursor=True)

    # -- filtering -----------------------------------------------------------

    def current_filter(self) -> EntryFilter:
        choice: FilterChoice = self._filters.choice
        return EntryFilter(
            kinds=(choice.kind,) if choice.kind and choice.kind not in DATA_TYPES else (),
            data_types=(choice.kind,) if choice.kind in DATA_TYPES else (),
            concepts=(choice.concept,) if choice.concept else (),
            themes=(choice.theme,) if choice.theme else (),
            interview=choice.interview,
            author=choice.author,
            since=choice.since,
            until=choice.until,
            search=self._search,
            deleted=self._trash,
            theme_concepts=self._theme_concepts,
        )

    def apply_filter(self, keep_cursor: bool = False) -> None:
        index = self.eapp.index
        flt = self.current_filter()
        rows = self._filter_rows(flt)
        self._words = tuple(flt.words())
        total = len(index.deleted) if self._trash else len(index.rows)
        entries = self.query_one("#browse-list", EntryList)
        # The rows loaded now stay loaded on a redraw that keeps the cursor;
        # otherwise the list starts again at its first page (entry_list.PAGE).
        loaded = max(PAGE, entries.option_count) if keep_cursor else PAGE
        options = self._options_for(rows[:loaded])
        self._shown_total = len(rows)
        self._show_status(len(rows), total)
        words_changed = self._words != self._shown_words
        searching_changed = bool(self._words) != bool(self._shown_words)
        self._shown_words = self._words
        # Every row reads the words when drawn; while searching it is two
        # lines high, the snippet under the row.
        entries.mode.stamp = self._words
        entries.mode.height = 2 if self._words else 1
        if options and options == self._shown_options and not searching_changed:
            # Same entries as before (another letter that matches the same
            # set): the cursor stays where it is, and the rows are drawn
            # again only if their snippets changed.
            entries.keep_rest(rows)
            if words_changed:
                entries.redraw_rows()
            return
        previous = (
            entries.highlighted_option.id if keep_cursor and entries.highlighted_option else None
        )
        self._shown_options = options
        if not options:
            empty = "empty_trash" if self._trash and not total else "no_match" if total else "empty"
            entries.set_options([Option(Content(self.t(empty)), disabled=True)])
            return
        entries.show(rows, self._options_for, len(options))
        position = 0
        if previous is not None:
            try:
                position = entries.get_option_index(previous)
            except OptionDoesNotExist:
                position = 0
        entries.highlighted = position

    def _filter_rows(self, flt: EntryFilter) -> list[IndexRow]:
        """``index.filter``: words are found through the full-text index."""
        return self.eapp.index.filter(flt)

    def _show_status(self, shown: int, total: int) -> None:
        words = "count_trash" if self._trash else "count"
        parts: list[str | tuple[str, str]] = [(self.t(words, shown=shown, n=total), "bold")]
        active = self._filters.summary()
        if active:
            parts += ["  ·  ", (" · ".join(active), "italic")]
        if self._trash:
            parts += ["  ·  ", (self.t("trash_hint"), "dim")]
        self.query_one("#browse-status", Static).update(Content.assemble(*parts))

    # -- events --------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "browse-search":
            return
        self._search = event.value
        index = self.eapp.index
        words = EntryFilter(search=event.value).words()
        if self._typing is not None:
            self._typing.stop()  # a lookup waiting for a pause is for older words
            self._typing = None
        if not words or len(index) < ASYNC_ROWS or index.knows_words(words):
            self.apply_filter()
            return
        # A large journal: the words are looked up in a worker once typing
        # pauses, so a key never waits for the index (a first letter matches
        # nearly every entry: a second at 100,000), and the list follows.
        self.query_one("#browse-status", Static).update(
            Content(self.t("searching", words=" ".join(words)))
        )
        self._typing = self.set_timer(TYPING_PAUSE, self._look_up_words)

    @work(thread=True, exclusive=True, group="browse-words")
    def _look_up_words(self) -> None:
        search = self._search
        words = EntryFilter(search=search).words()
        if words:  # none: the box was emptied meanwhile, and shown at once
            self.eapp.index.word_ids(words)
            self.app.call_from_thread(self._words_found, search)

    def _words_found(self, search: str) -> None:
        if search == self._search and self.is_mounted:  # else a later key asked again
            self.apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#browse-list", OptionList).focus()

    def on_browse_filters_changed(self, event: BrowseFilters.Changed) -> None:
        self.apply_filter(keep_cursor=True)

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the list starts a search with it, no ``/`` needed."""
        char = event.character
        if not event.is_printable or not char:
            return
        listing = self.query_one("#browse-list", OptionList)
        if self.focused is not listing or event.key in self._bindings.key_to_bindings:
            return
        search = self.query_one("#browse-search", Input)
        if char.isspace() and not search.value:
            return  # a space alone searches nothing
        event.stop()
        event.prevent_default()
        self._type_into_search(char)

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted on the list is searched for, like text typed there."""
        line = next((line for line in event.text.splitlines() if line.strip()), "")
        if self.focused is self.query_one("#browse-list", OptionList) and line:
            event.stop()
            self._type_into_search(line.strip())

    def _type_into_search(self, text: str) -> None:
        # Keys typed fast (or pasted) may arrive before the focus has moved:
        # each goes in at the end of the search box all the same.
        search = self.query_one("#browse-search", Input)
        search.focus()
        search.cursor_position = len(search.value)
        search.insert_text_at_cursor(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.eapp.open_entry(event.option.id)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("restore", "purge"):
            return self._trash
        return True

    def action_focus_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one("#browse-list", OptionList).focus()

    def action_toggle_filters(self) -> None:
        filters = self._filters
        filters.display = not filters.display
        if filters.display:
            filters.focus_first()
        else:
            self.query_one("#browse-list", OptionList).focus()

    def action_toggle_trash(self) -> None:
        self._trash = not self._trash
        self.set_class(self._trash, "-trash")
        self.title = self.t("trash_title") if self._trash else self.t("title")
        self.apply_filter()
        self.refresh_bindings()

    def action_clear_filters(self) -> None:
        self._filters.clear()

    def action_back(self) -> None:
        """Esc steps back one thing at a time: out of the search box (clearing
        it) or a search shown on the list, then out of the trash, then out of
        Browse."""
        search = self.query_one("#browse-search", Input)
        if search.value or self.focused is search:
            search.value = ""
            self.query_one("#browse-list", OptionList).focus()
        elif self._trash:
            self.action_toggle_trash()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_export(self) -> None:
        """Write the entries the list shows, oldest first, as one Markdown file."""
        from eftertanke.domain import Entry
        from eftertanke.export.journal_markdown import ExportSet, one_file_document
        from eftertanke.tui.screens.export_dialog import export_markdown

        ids = [row.id for row in self._filter_rows(self.current_filter())]
        if not ids:
            self.notify(self.t("no_match"), markup=False)
            return
        index = self.eapp.index

        def render(lang: str) -> tuple[str, list[Entry]]:
            docs = index.docs_of(ids)  # the rows hold no text: read the entries whole
            entries = [Entry.from_dict(d) for d in docs]
            return one_file_document(ExportSet(docs, [], [], lang)), entries

        heading = "tui.browse.export_heading"
        export_markdown(self, "eftertanke-export.md", render, heading=heading)

    def action_restore(self) -> None:
        entries = self.query_one("#browse-list", OptionList)
        option = entries.highlighted_option
        if self._trash and option is not None and option.id:
            self._restore(option.id)

    def action_purge(self) -> None:
        """In the trash: delete the highlighted entry for good, after saying what goes."""
        from eftertanke.services.purge import plan_entries
        from eftertanke.tui.purge_flow import delete_for_good

        option = self.query_one("#browse-list", OptionList).highlighted_option
        if self._trash and option is not None and option.id:
            entry_id = option.id
            delete_for_good(self.eapp, lambda journal: plan_entries(journal, [entry_id]))

    @work(thread=True, exclusive=True, group="browse-io")
    def _restore(self, entry_id: str) -> None:
        try:
            entry = entry_actions.set_trashed(self.eapp.journal, entry_id, False)
        except (EftertankeError, ValidationError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._restored, entry.display_title())

    def _restored(self, title: str) -> None:
        self.eapp.journal_changed()
        self.notify(
            self.t("restored_title", title=one_line(title, 60) or self.t("untitled")), markup=False
        )
