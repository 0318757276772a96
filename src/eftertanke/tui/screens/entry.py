"""One entry, read as Markdown, with its metadata, its links and what can be done to it.

The text is rendered by Textual's ``Markdown`` widget, one entry at a time
(the widget mounts a widget per block, so a long list of documents would be
slow). Links inside an entry never run app actions: only web and mail links
are opened, and only by the system browser. Metadata and links show user
text as plain ``Content``, never as markup.

After a merge (``eftertanke merge`` or a git pull) an entry both writers
changed has a *conflict copy*: the losing version, linked to the entry by
``conflict_of``. Both the entry and its copies carry a banner, link to each
other, and offer ``k``: keep the version on screen and move the others to
the trash (see ``services.merge.keep_version``).

The view follows its entry on disk: a cheap re-read (the journal's file cache
only stats the shard) on a timer, on returning to the screen and before ``e``
opens the editor, so an edit from a shell meanwhile is shown, and the editor
starts from it. When the edit dialog left a draft of this entry (a crash, a
closed terminal), a line says so: ``e`` continues that edit, ``D`` discards it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.dates import format_datetime
from eftertanke.domain import CONCEPT_NAMES, RATING_KEYS, Entry, ValidationError
from eftertanke.export.markdown import entry_body_markdown, export_filename
from eftertanke.i18n import humanise_minutes
from eftertanke.services import entry_actions
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said

# How often the view checks whether its entry changed on disk.
DISK_CHECK_SECONDS = 2.0

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")



def _text_not_html() -> MarkdownIt:
    """Markdown as the entry view reads it: an entry's ``<b>`` or ``<script>``
    is text the writer typed, shown as typed (Textual's default parser takes
    it for HTML, and drops it)."""
    return MarkdownIt("gfm-like", {"html": False})

class EntryScreen(BaseScreen):
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
        ids = [row.id for row in index.rows if row.doc.get("conflict_of") == entry.id]
        found = [Entry.from_dict(doc) for doc in index.docs_of(ids)]
        found.sort(key=lambda e: (e.updated, e.id))
        return found

    def on_mount(self) -> None:
        # BaseScreen.on_mount runs too (Textual calls each class's handler).
        self.set_interval(DISK_CHECK_SECONDS, self._check_disk)

    def on_screen_resume(self) -> None:
        self._check_disk()

    # -- following the entry on disk -------------------------------------------

    def _differs(self, stored: Entry | None) -> bool:
        shown = self.entry
        if stored is None or shown is None:
            return (stored is None) != (shown is None)
        return (stored.revision, stored.updated, stored.deleted) != (
            shown.revision,
            shown.updated,
            shown.deleted,
        )

    def _stored_entry(self) -> Entry | None:
        return entry_actions.stored_entry(self.eapp.journal, self.entry_id)

    @work(thread=True, exclusive=True, group="entry-disk-check")
    def _check_disk(self) -> None:
        stored = self._stored_entry()
        draft = self._find_draft()
        self.app.call_from_thread(self._disk_checked, stored, draft)

    def _disk_checked(self, stored: Entry | None, draft: dict[str, Any] | None) -> None:
        if draft is None:
            self._closing_draft = None
        elif draft.get("draft_id") == self._closing_draft:
            draft = None
        if self._differs(stored):
            # Changed elsewhere (a shell, another window): rebuild the index,
            # which redraws this view with the stored entry.
            self.eapp.journal_changed()
        self._show_draft(draft)

    def _find_draft(self) -> dict[str, Any] | None:
        return entry_actions.edit_draft_of(self.eapp.journal, self.entry_id)

    def _show_draft(self, draft: dict[str, Any] | None, *, redraw: bool = False) -> None:
        line = self.query_one("#entry-draft", Static)
        if draft == self.edit_draft and line.display == (draft is not None) and not redraw:
            return  # the timer's usual case: nothing new
        self.edit_draft = draft
        line.display = draft is not None
        if draft is not None:
            from eftertanke.services.drafts import describe

            saved = describe(draft).saved
            when = format_datetime(saved, self.eapp.lang) if saved else "?"
            line.update(Content(self.t("edit_draft", when=when)))
        self.refresh_bindings()

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
            banner.update(Content(self._conflict_text(entry)))
            banner.display = True
        else:
            banner.display = False
        doc.update(entry_body_markdown(entry, lang) or self.t("nothing_written"))
        self.query_one("#entry-meta", Static).update(self._metadata(entry))
        self._fill_links(entry)
        self.refresh_bindings()

    def _metadata(self, entry: Entry) -> Content:
        lang = self.eapp.lang
        rows: list[tuple[str, str]] = [
            (self.t("kind"), self.eapp.tr(f"kind.{entry.kind}")),
            (self.t("created"), format_datetime(entry.created, lang)),
        ]
        if entry.data_type:
            rows.insert(
                1,
                (
                    self.t("data_type"),
                    i18n.t(f"selfdata.type.{entry.data_type}", lang),
                ),
            )
        if abs((entry.updated - entry.created).total_seconds()) > 60:
            rows.append((self.t("updated"), format_datetime(entry.updated, lang)))
        if entry.author:
            rows.append((self.t("author"), one_line(entry.author)))
        if entry.updated_by and entry.updated_by != entry.author:
            rows.append((self.t("changed_by"), one_line(entry.updated_by)))
        if entry.interview:
            rows.append((self.t("interview"), one_line(entry.interview)))
        if entry.written_after_minutes is not None:
            rows.append(
                (self.t("written_after"), humanise_minutes(entry.written_after_minutes, lang))
            )
        if entry.concepts:
            names = [CONCEPT_NAMES.get(c, {}).get(lang, c) for c in entry.concepts]
            rows.append((self.t("concepts"), ", ".join(names)))
        if entry.all_themes:
            rows.append((self.t("themes"), one_line(", ".join(entry.all_themes))))
        review = sum(1 for c in entry.codings if c.review)
        coded = str(len(entry.codings))
        if review:
            coded = self.t("coded_review", n=coded, review=review)
        rows.append((self.t("coded_label"), coded))
        if entry.ratings:
            order = [k for k in RATING_KEYS if k in entry.ratings]
            order += sorted(k for k in entry.ratings if k not in RATING_KEYS)
            rated = [f"{self.t(f'rating.{k}')} {entry.ratings[k]}/5" for k in order]
            rows.append((self.t("ratings"), one_line(", ".join(rated))))
        rows.append((self.t("language"), self.t(f"lang.{entry.language}")))
        parts: list[str | tuple[str, str]] = []
        for label, value in rows:
            if parts:
                parts.append("\n")
            parts += [(f"{label}: ", "bold"), value]
        return Content.assemble(*parts)

    def _conflict_text(self, entry: Entry) -> str:
        if entry.conflict_of:
            if self.eapp.index.entry(entry.conflict_of) is None:
                return self.t("conflict_copy_orphan")
            who = one_line(entry.updated_by or entry.author or self.t("someone"), 40)
            return self.t("conflict_copy", who=who)
        return self.t("has_copies", n=len(self.copies))

    def _version_options(self, entry: Entry) -> list[Option]:
        options: list[Option] = []
        if entry.conflict_of and self.eapp.index.entry(entry.conflict_of) is not None:
            options.append(
                Option(
                    Content.assemble(("⇄ ", "bold"), self.t("link_original")),
                    id=f"entry:{entry.conflict_of}",
                )
            )
        for copy in self.copies:
            who = one_line(copy.updated_by or copy.author or self.t("someone"), 20)
            label = self.t("link_copy", who=who, when=format_datetime(copy.updated, self.eapp.lang))
            options.append(Option(Content.assemble(("⇄ ", "bold"), label), id=f"entry:{copy.id}"))
        return options

    def _fill_links(self, entry: Entry) -> None:
        links = self.query_one("#entry-links", OptionList)
        options: list[Option] = self._version_options(entry)
        codes = [entry.interview] if entry.interview else []
        for excerpt in entry.excerpts:
            if excerpt.interview and excerpt.interview not in codes:
                codes.append(excerpt.interview)
        for code in codes:
            options.append(
                Option(
                    Content.assemble(("→ ", "dim"), self.t("link_interview", code=one_line(code))),
                    id=f"interview:{code}",
                )
            )
        for theme in entry.all_themes:
            options.append(
                Option(Content.assemble(("# ", "dim"), one_line(theme)), id=f"theme:{theme}")
            )
        if not options:
            options.append(Option(Content(self.t("no_links")), disabled=True))
        links.set_options(options)

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

    def action_add_layer(self) -> None:
        """A dated layer of re-reading under the entry; the entry stays as it is."""
        entry = self.entry
        if entry is None or entry.deleted is not None:
            return
        from eftertanke.tui.screens.layer_dialog import LayerDialog

        def written(text: str | None) -> None:
            if text:
                from eftertanke.services.layers import add_layer

                self._change_themes(
                    lambda journal: add_layer(journal, self.entry_id, text),
                    self.t("layer_added"),
                )

        self.app.push_screen(LayerDialog(entry.display_title(120)), written)

    def action_edit(self) -> None:
        if self.entry is None or self.entry.deleted is not None:
            return
        from eftertanke.tui.screens.reflection_edit import editor_for

        # Read the entry from disk first (a stat, and the shard only if it
        # changed): the editor must start from what is stored now, not from a
        # view that an edit elsewhere made stale.
        stored = self._stored_entry()
        if self._differs(stored):
            self.eapp.journal_changed()
        self.entry = stored
        self._show_draft(self._find_draft())
        if stored is None or stored.deleted is not None:
            return
        # A guided entry gets the reflection editor (every answer, quote, theme,
        # rating and the link), a plain one the title-and-body dialog.
        self._editor = editor_for(stored, draft=self.edit_draft)
        self.app.push_screen(self._editor, self._edit_closed)

    def _edit_closed(self, _result: object) -> None:
        editor, self._editor = self._editor, None
        if editor is not None and editor.draft_closed:
            # The dialog is removing its draft in a worker of its own; a disk
            # check that runs first must not bring the line back meanwhile.
            self._closing_draft = editor.draft_id
            self._show_draft(None)
        self._check_disk()

    def action_discard_draft(self) -> None:
        if self.edit_draft is not None:
            self._discard_draft(str(self.edit_draft.get("draft_id") or ""))

    @work(thread=True, exclusive=True, group="entry-io")
    def _discard_draft(self, draft_id: str) -> None:
        try:
            entry_actions.discard_draft(self.eapp.journal, draft_id)
        except (EftertankeError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._draft_discarded)

    def _draft_discarded(self) -> None:
        self._show_draft(None)
        self.eapp.drafts_changed()
        self.notify(self.t("draft_discarded"), timeout=3)

    # -- themes of the whole entry -----------------------------------------------

    def action_link_theme(self) -> None:
        entry = self.entry
        if entry is None or entry.deleted is not None:
            return
        from eftertanke.tui.screens.theme_picker import ThemePicker

        picker = ThemePicker()
        revision = entry.revision

        def chosen(name: str | None) -> None:
            if name:
                concept = picker.new_themes_for(name).get(name)
                self._change_themes(
                    lambda journal: entry_actions.link_theme(
                        journal, self.entry_id, name, revision, concept=concept
                    ),
                    self.t("theme_linked", theme=one_line(name, 60)),
                )

        self.app.push_screen(picker, chosen)

    def action_unlink_theme(self) -> None:
        entry = self.entry
        if entry is None or entry.deleted is not None or not entry.themes:
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        revision = entry.revision
        names = list(entry.themes)

        def chosen(answer: str | None) -> None:
            if answer and answer.isdigit() and int(answer) < len(names):
                name = names[int(answer)]
                self._change_themes(
                    lambda journal: entry_actions.unlink_theme(
                        journal, self.entry_id, name, revision
                    ),
                    self.t("theme_unlinked", theme=one_line(name, 60)),
                )

        answers = [(str(i), one_line(name, 40)) for i, name in enumerate(names)]
        answers.append(("stay", self.t("unlink_none")))
        self.app.push_screen(ChoiceDialog(self.t("unlink_q"), answers), chosen)

    def _change_themes(self, change: Any, done: str) -> None:
        journal = self.eapp.journal

        def run() -> None:
            try:
                change(journal)
            except (EftertankeError, ValidationError, OSError) as exc:
                message = self.t("theme_refused", why=one_line(said(exc, self.eapp.lang), 200))
                self.app.call_from_thread(self._themes_refused, message)
                return
            self.app.call_from_thread(self._themes_changed, done)

        self.run_worker(run, thread=True, exclusive=True, group="entry-io")

    def _themes_refused(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=8)
        self._check_disk()  # show the entry as stored, so a retry starts from it

    def _themes_changed(self, done: str) -> None:
        self.eapp.journal_changed()
        self.notify(done, markup=False, timeout=3)

    def action_delete(self) -> None:
        if self.entry is not None and self.entry.deleted is None:
            self._set_deleted(self.entry_id, True)

    def action_restore(self) -> None:
        if self.entry is not None and self.entry.deleted is not None:
            self._set_deleted(self.entry_id, False)

    @work(thread=True, exclusive=True, group="entry-io")
    def _set_deleted(self, entry_id: str, deleted: bool) -> None:
        try:
            entry_actions.set_trashed(self.eapp.journal, entry_id, deleted)
        except (EftertankeError, ValidationError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._deleted_changed, deleted)

    def _deleted_changed(self, deleted: bool) -> None:
        self.eapp.journal_changed()
        self.notify(self.eapp.tr("deleted_undo" if deleted else "restored"))

    def action_keep_version(self) -> None:
        entry = self.entry
        if entry is not None and entry.deleted is None and (entry.conflict_of or self.copies):
            self._keep_version(entry.id)

    @work(thread=True, exclusive=True, group="entry-io")
    def _keep_version(self, entry_id: str) -> None:
        from eftertanke.services.merge import keep_version

        try:
            kept = keep_version(self.eapp.journal, entry_id)
        except (EftertankeError, ValidationError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._version_kept, kept.id)

    def _version_kept(self, kept_id: str) -> None:
        # The copy on screen went to the trash: show the entry it became.
        self.entry_id = kept_id
        self._shown = None
        self.eapp.journal_changed()
        self.notify(self.t("kept"))

    def action_export(self) -> None:
        if self.entry is None:
            return
        from eftertanke.tui.screens.export_dialog import ExportDialog

        default = f"./{export_filename(self.entry)}"
        self.app.push_screen(ExportDialog(default), self._export_chosen)

    def _export_chosen(self, choice: tuple[Path, bool] | None) -> None:
        if choice is not None and self.entry is not None:
            path, overwrite = choice
            self._export(self.entry, path, overwrite, self.eapp.lang)

    @work(thread=True, exclusive=True, group="entry-export")
    def _export(self, entry: Entry, path: Path, overwrite: bool, lang: str) -> None:
        try:
            entry_actions.export_entry(entry, path, overwrite=overwrite, lang=lang)
        except OSError as exc:
            message = (
                said(exc, self.eapp.lang)
                if isinstance(exc, FileExistsError)
                else f"{path}: {exc.strerror or exc}"
            )
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify, self.eapp.tr("exported_to", path=str(path)), markup=False
        )
