"""Themes: the codebook as a tree under the four concepts, and one theme's uses.

The tree (``CodebookTree``, widgets/codebook_tree.py) shows how many entries
use each theme, sub-themes under their parent; the keys here open, add,
rename, merge, move and delete (the forms in theme_forms.py). Labels are
``Content`` or rich ``Text`` built from plain strings: a theme name is user text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, OptionList, Static, Tree
from textual.widgets.option_list import Option

from eftertanke.domain import Theme, concept_name
from eftertanke.entry_row import EntryRow, doc_themes
from eftertanke.textsafe import one_line
from eftertanke.tui.data import WriteDone, WriteFailed, run_write
from eftertanke.tui.interview_links import LinkedExcerpt, entry_title, excerpt_prompt
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.screens.theme_forms import (
    AddThemeForm,
    DeleteThemeForm,
    MergeThemeForm,
    MoveThemeForm,
    RenameThemeForm,
)
from eftertanke.tui.widgets.codebook_tree import CodebookTree, NodeData


def starter_codebook(lang: str) -> list[Theme]:
    """The starter codebook's themes (read from the package, not the journal)."""
    from eftertanke.packs import starter_themes

    return starter_themes(lang)


class ThemesScreen(BaseScreen):
    """The codebook: concepts, themes and sub-themes with their usage counts."""

    CSS_PATH = "themes.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("a", "add", "Add"),
        Binding("n", "rename", "Rename"),
        Binding("m", "merge", "Merge"),
        Binding("c", "move", "Move"),
        Binding("d", "delete", "Delete"),
        Binding("s", "starter", "Starter codebook"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The node the cursor should land on after the next redraw.
        self._follow: NodeData | None = None
        self._follow_after = -1

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="themes"):
            yield Static(id="themes-title", classes="panel-title")
            yield CodebookTree(id="themes-tree")
            with Vertical(id="themes-empty-box"):
                yield Static(id="themes-empty")
                yield Button(id="themes-starter", compact=True, variant="primary")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = self.t("title")
        count = len(starter_codebook(self.eapp.lang))
        self.query_one("#themes-empty", Static).update(self.t("empty_starter", n=count))
        self.query_one("#themes-starter", Button).label = self.t("starter_button", n=count)

    def refresh_data(self) -> None:
        app = self.eapp
        tree = self._tree()
        if self._follow is None:
            self._follow = tree.selected()
        themes = app.data.themes
        tree.show(themes, app.data.codebook.usage, app.lang, self._themes_n)
        self.query_one("#themes-title", Static).update(self.t("codebook", n=len(themes)))
        self.query_one("#themes-empty-box").display = not themes
        self.refresh_bindings()
        if self._follow is not None:
            self.call_after_refresh(self._place_cursor)

    def _themes_n(self, n: int) -> str:
        return self.t("themes_n", n=n)

    def _tree(self) -> CodebookTree:
        return self.query_one("#themes-tree", CodebookTree)

    def _place_cursor(self) -> None:
        found = self._follow is not None and self._tree().move_to(self._follow)
        # A theme just saved may not be in the data yet (it is reloading in a
        # worker): keep following it until the reload after the save is drawn.
        if found or self.eapp.data_version > self._follow_after:
            self._follow = None

    def selected(self) -> NodeData | None:
        return self._tree().selected()

    def selected_theme(self) -> str | None:
        return self._tree().selected_theme()

    def _need_theme(self) -> str | None:
        name = self.selected_theme()
        if name is None:
            self.notify(self.t("pick_theme"), severity="warning", timeout=2)
        return name

    # -- actions ---------------------------------------------------------------

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if data is None:
            return
        if data[0] == "theme":
            self.eapp.open_theme(data[1])
        else:
            event.node.toggle()

    def action_open(self) -> None:
        name = self.selected_theme()
        if name:
            self.eapp.open_theme(name)

    def action_add(self) -> None:
        self.app.push_screen(
            AddThemeForm(concept=self._tree().selected_concept(), parent=None),
            lambda name: self._done("added", name),
        )

    def action_rename(self) -> None:
        name = self._need_theme()
        if name:
            self.app.push_screen(RenameThemeForm(name), lambda new: self._done("renamed", new))

    def action_merge(self) -> None:
        name = self._need_theme()
        if name:
            self.app.push_screen(MergeThemeForm(name), lambda target: self._done("merged", target))

    def action_move(self) -> None:
        name = self._need_theme()
        if name:
            self.app.push_screen(MoveThemeForm(name), lambda moved: self._done("moved", moved))

    def action_delete(self) -> None:
        name = self._need_theme()
        if name:
            self.app.push_screen(DeleteThemeForm(name), self._deleted)

    def _deleted(self, name: str | None) -> None:
        if name:
            self.notify(self.t("deleted", name=one_line(name, 60)), markup=False, timeout=3)
            self.refresh_data()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The starter codebook is offered on an empty codebook (the palette
        # offers it always: it adds only the themes that are missing).
        if action == "starter":
            return not self.eapp.data.themes
        return True

    def action_starter(self) -> None:
        """Adopt the starter codebook in the app's language, in a worker."""
        from eftertanke.services.themes import adopt_starter_codebook

        journal, lang = self.eapp.journal, self.eapp.lang
        self.query_one("#themes-starter", Button).disabled = True
        run_write(self, "starter", lambda: adopt_starter_codebook(journal, lang))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "themes-starter":
            event.stop()
            self.action_starter()

    def on_write_done(self, message: WriteDone) -> None:
        if message.what == "starter":
            self.query_one("#themes-starter", Button).disabled = False
            done = message.result
            words = self.t("starter_added", n=done.added, skipped=done.skipped)
            self.notify(words, markup=False, timeout=4)
            self.query_one("#themes-tree", Tree).focus()

    def on_write_failed(self, message: WriteFailed) -> None:
        if message.what == "starter":
            self.query_one("#themes-starter", Button).disabled = False
            self.notify(str(message.error), severity="error", markup=False)

    def _done(self, what: str, name: str | None) -> None:
        if not name:
            return
        self.notify(self.t(what, name=one_line(name, 60)), markup=False, timeout=3)
        # The cursor follows the theme to its new name or place when the
        # rebuilt index triggers refresh_data.
        self._follow = ("theme", name)
        self._follow_after = self.eapp.data_version
        self.refresh_data()


class ThemeDetailScreen(BaseScreen):
    """One theme: its place in the codebook, the entries and excerpts using it."""

    CSS_PATH = "themes.tcss"
    BINDINGS = [
        Binding("n", "rename", "Rename"),
        Binding("ctrl+e", "export", "Export"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.theme_name = name

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="theme-detail"):
            yield Static(id="theme-meta", classes="panel")
            yield Static(id="theme-entries-title", classes="panel-title")
            yield OptionList(id="theme-entries")
            yield Static(id="theme-excerpts-title", classes="panel-title")
            yield OptionList(id="theme-excerpts")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = "eftertanke"
        self.sub_title = one_line(self.theme_name, 60)

    def refresh_data(self) -> None:
        app = self.eapp
        meta = self.query_one("#theme-meta", Static)
        theme = app.data.codebook.find(self.theme_name)
        if theme is None:
            meta.update(Content(self.t("unknown", name=self.theme_name)))
        else:
            self.theme_name = theme.name
            self.sub_title = one_line(theme.name, 60)
            meta.update(self._meta(theme, app.data.themes))
        wanted = self.theme_name.casefold()
        docs: list[dict] = []
        excerpts: list[LinkedExcerpt] = []
        # The rows hold no quotes: the entries using the theme are read whole.
        using = [
            r.id for r in app.index.rows if wanted in {t.casefold() for t in doc_themes(r.doc)}
        ]
        for doc in app.index.docs_of(using):
            entry = EntryRow(doc)
            used = any(t.casefold() == wanted for t in entry.themes)
            for excerpt in entry.excerpts:
                if any(t.casefold() == wanted for t in excerpt.get("themes") or []):
                    used = True
                    code = excerpt.get("interview") or entry.interview or "?"
                    stamp = excerpt.get("timestamp") or ""
                    excerpts.append(
                        LinkedExcerpt(
                            entry_id=entry.id,
                            entry_title=entry_title(doc) or self.t("no_title"),
                            quote=excerpt.get("quote") or "",
                            reference=f"({code}, {stamp})" if stamp else f"({code})",
                            themes=[],
                        )
                    )
            if used:
                docs.append(doc)
        self._fill_entries(docs)
        self._fill_excerpts(excerpts)

    def _meta(self, theme: Theme, themes: list[Theme]) -> Content:
        lang = self.eapp.lang
        subs = [t.name for t in themes if (t.parent or "").casefold() == theme.name.casefold()]
        parts: list[str | tuple[str, str]] = [
            (one_line(theme.name, 100), "bold"),
            "\n",
            (self.t("concept"), "dim"),
            concept_name(theme.concept, lang),
        ]
        if theme.parent:
            parts += ["   ", (self.t("parent"), "dim"), one_line(theme.parent, 60)]
        if subs:
            parts += ["\n", (self.t("subthemes"), "dim"), one_line(", ".join(subs), 160)]
        if theme.description:
            parts += ["\n", one_line(theme.description, 300)]
        if theme.theory:
            parts += ["\n", (self.t("theory"), "dim"), (one_line(theme.theory, 200), "italic")]
        return Content.assemble(*parts)

    def _fill_entries(self, docs: list[dict]) -> None:
        from eftertanke.dates import format_datetime

        app = self.eapp
        listing = self.query_one("#theme-entries", OptionList)
        listing.clear_options()
        self.query_one("#theme-entries-title", Static).update(self.t("entries", n=len(docs)))
        if not docs:
            listing.add_option(Option(Content(self.t("no_entries")), disabled=True))
            return
        listing.add_options(
            Option(
                Content.assemble(
                    (format_datetime(row.created_at, app.lang), "dim"),
                    "  ",
                    (app.tr(f"kind.{row.kind or 'memo'}").ljust(9), "italic"),
                    " ",
                    entry_title(row.doc) or self.t("no_title"),
                    (f"  [{one_line(row.interview, 32)}]" if row.interview else "", "dim"),
                ),
                id=f"entry:{row.id}",
            )
            for row in map(EntryRow, docs)
        )

    def _fill_excerpts(self, excerpts: list[LinkedExcerpt]) -> None:
        listing = self.query_one("#theme-excerpts", OptionList)
        listing.clear_options()
        self.query_one("#theme-excerpts-title", Static).update(self.t("excerpts", n=len(excerpts)))
        if not excerpts:
            listing.add_option(Option(Content(self.t("no_excerpts")), disabled=True))
            return
        word = self.t("in_entry")
        listing.add_options(
            Option(excerpt_prompt(excerpt, entry_word=word), id=f"excerpt{n}:{excerpt.entry_id}")
            for n, excerpt in enumerate(excerpts)
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        _, _, entry_id = (event.option.id or "").partition(":")
        if entry_id:
            self.eapp.open_entry(entry_id)

    def action_rename(self) -> None:
        self.app.push_screen(RenameThemeForm(self.theme_name), self._renamed)

    def action_export(self) -> None:
        """Write the theme's digest: its coded passages and excerpts by interview."""
        from eftertanke.export.markdown import slugify
        from eftertanke.services.reports import theme_digest_of
        from eftertanke.tui.screens.export_dialog import export_markdown

        journal = self.eapp.journal
        name = self.theme_name

        def render(lang: str) -> tuple[str, list]:  # type: ignore[type-arg]
            return theme_digest_of(journal, name, lang)

        file_name = self.t("digest_file", name=slugify(name) or "theme")
        heading = "tui.themes.export_heading"
        export_markdown(self, file_name, render, heading=heading)

    def _renamed(self, name: str | None) -> None:
        if name:
            self.theme_name = name
            self.notify(self.t("renamed", name=one_line(name, 60)), markup=False, timeout=3)
            self.refresh_data()
