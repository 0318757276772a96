"""The Textual app: the shell every screen lives in.

Screens reach the data through the app: ``app.data`` (``tui/data.py``: the
index of entries, the interviews and the codebook, loaded in a worker),
``app.index`` (the same index, for lists and search), ``app.lang`` and
``app.tr``. After any write a screen calls ``app.journal_changed()``; the data
is reloaded in a worker and ``data_version`` goes up, which screens watch to
refresh. ``lang`` is watched the same way for the language switch.

The app also notices changes made outside it (the command line, a git pull):
every two seconds and when the terminal regains focus a worker compares the
folder's file stamps with the ones last loaded, and reloads on a difference.
Editors keep what is typed: a reload only redraws what screens show.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import NoScreen
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from eftertanke.config import ConfigError, load_config, save_config_value
from eftertanke.services.drafts import DraftInfo
from eftertanke.store import layout
from eftertanke.store.journal import Journal
from eftertanke.tui.bindings import translate_bindings
from eftertanke.tui.data import JournalData
from eftertanke.tui.index import JournalIndex
from eftertanke.tui.strings import common, said, word
from eftertanke.tui.widgets.palette import Palette

DEFAULT_DARK_THEME = "textual-dark"
# The delivery name of the palette's screenshot, so its notice is ours (Textual
# words the one named "screenshot" in English).
SCREENSHOT_DELIVERY = "eftertanke-screenshot"
DEFAULT_LIGHT_THEME = "textual-light"
# How often the folder is checked for changes made outside the app (seconds).
FOLDER_CHECK_SECONDS = 2.0
# The screens of a journal opened on the unlock screen (see ``unlocked``).
JOURNAL_MODE = "journal"


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({exc.filename})" if exc.filename else exc.strerror
    return str(exc)


class EftertankeApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "eftertanke"
    ENABLE_COMMAND_PALETTE = True
    # Screens get -narrow below 100 columns, so layouts can stack on 80x24.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("f1", "help", "Help", show=False),  # shown by each screen, first
        Binding("f2", "go('home')", "Home", show=False),
        Binding("f3", "go('browse')", "Entries", show=False),
        Binding("f4", "go('interviews')", "Interviews", show=False),
        Binding("f5", "go('themes')", "Themes", show=False),
        Binding("f6", "go('analysis')", "Analysis", show=False),
        Binding("ctrl+l", "toggle_language", "Dansk"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    lang: reactive[str] = reactive("en", init=False)
    data_version: reactive[int] = reactive(0, init=False)
    # Goes up when a draft is resumed or discarded, so Home recounts them.
    drafts_version: reactive[int] = reactive(0, init=False)

    def __init__(
        self,
        journal: Journal | None,
        *,
        lang: str = "en",
        remember: bool = True,
        unlock: Callable[[str], Journal] | None = None,
        root: Path | None = None,
    ) -> None:
        """``journal`` is None for an encrypted journal still to be opened:
        the app then starts on the unlock screen and ``unlock(passphrase)``
        opens the journal at ``root`` (see ``cli/open_app.py``)."""
        super().__init__()
        if journal is None and (unlock is None or root is None):
            raise ValueError("a locked app needs unlock and root")
        self.remember = remember
        self._settings = self._load_settings()
        self.set_reactive(EftertankeApp.lang, lang)
        theme = self._settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self._unlock = unlock
        self.journal_root = journal.root if journal is not None else root
        if journal is not None:
            self._attach(journal, eager=False)

    def _attach(self, journal: Journal, eager: bool = True) -> None:
        self.journal = journal
        self.data = JournalData(journal)
        # The data is loaded before the first screen so the home screen shows
        # real numbers at once; the event loop has not started, so nothing
        # waits on it. A large journal's entries would keep Home from opening
        # for seconds, so they are read in a worker once Home is drawn.
        self._reading_entries = not eager and self.data.large()
        if self._reading_entries:
            self.data.load_records()
        else:
            self.data.load()
        self._drafts_stamp = self._stamp_drafts()

    @property
    def locked(self) -> bool:
        return not hasattr(self, "journal")

    def open_journal(self, passphrase: str) -> Journal:
        """Open the locked journal with ``passphrase`` (run in a worker: slow on purpose)."""
        assert self._unlock is not None
        journal = self._unlock(passphrase)
        # Loaded here, off the UI thread, so Home opens with its numbers.
        self._attach(journal)
        return journal

    def unlocked(self, journal: Journal) -> None:
        """The passphrase opened the journal: Home replaces the unlock screen.

        Home starts a screen stack of its own (a mode), so every screen finds
        Home at the bottom of the stack, as in an app opened unlocked; the
        unlock screen is left behind, its field emptied."""
        from eftertanke.tui.screens.home import HomeScreen

        self.add_mode(JOURNAL_MODE, HomeScreen)
        self.switch_mode(JOURNAL_MODE)
        self._start()

    @property
    def index(self) -> JournalIndex:
        return self.data.index

    def _load_settings(self) -> dict[str, Any]:
        if not self.remember:
            return {}
        try:
            return load_config()
        except ConfigError:
            return {}

    def _remember(self, key: str, value: str) -> None:
        if not self.remember:
            return
        try:
            save_config_value(key, value)
        except (OSError, ConfigError) as exc:
            self.notify(said(exc, self.lang), severity="warning", markup=False)

    # -- words ---------------------------------------------------------------

    def tr(self, key: str, **values: object) -> str:
        return common(key, self.lang, **values)

    def t(self, key: str, **values: object) -> str:
        """``tui.app.<key>`` (then ``tui.common.<key>``) in the app's language."""
        return word(type(self), key, self.lang, **values)

    # -- Textual's own commands, in the app's language ------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands (the same actions as Textual's own), worded
        from the catalogue so a Danish palette has no English in it."""
        yield SystemCommand(
            self.t("system.theme"), self.t("system.theme_help"), self.action_change_theme
        )
        yield SystemCommand(self.t("system.quit"), self.t("system.quit_help"), self.action_quit)
        if screen.query("HelpPanel"):
            yield SystemCommand(
                self.t("system.keys"), self.t("system.keys_hide"), self.action_hide_help_panel
            )
        else:
            yield SystemCommand(
                self.t("system.keys"), self.t("system.keys_show"), self.action_show_help_panel
            )
        if screen.maximized is not None:
            yield SystemCommand(
                self.t("system.minimize"), self.t("system.minimize_help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                self.t("system.maximize"), self.t("system.maximize_help"), screen.action_maximize
            )
        yield SystemCommand(
            self.t("system.screenshot"),
            self.t("system.screenshot_help"),
            lambda: self.set_timer(0.1, self._deliver_screenshot),
        )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                Palette(
                    id="--command-palette",
                    placeholder=self.t("palette_placeholder"),
                    no_matches=self.t("palette_no_matches"),
                )
            )

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(
            Palette(
                providers=[ThemeProvider],
                placeholder=self.t("themes_placeholder"),
                no_matches=self.t("palette_no_matches"),
            )
        )

    def _deliver_screenshot(self) -> None:
        from textual._files import generate_datetime_filename

        self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_filename=generate_datetime_filename(self.title, ".svg"),
            open_method="browser",
            mime_type="image/svg+xml",
            name=SCREENSHOT_DELIVERY,
        )

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name != SCREENSHOT_DELIVERY:
            return
        title = self.t("system.screenshot")
        if event.path is None:
            self.notify(self.t("screenshot_saved_here"), title=title)
        else:
            self.notify(self.t("screenshot_saved", path=str(event.path)), title=title, markup=False)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT_DELIVERY:
            self.notify(
                self.t("screenshot_failed", error=_why(event.exception)),
                title=self.t("system.screenshot"),
                severity="error",
                markup=False,
            )

    def get_default_screen(self):  # type: ignore[no-untyped-def]
        if self.locked:
            from eftertanke.tui.screens.unlock import UnlockScreen

            return UnlockScreen()
        from eftertanke.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        if not self.locked:
            self._start()

    def _start(self) -> None:
        """What needs the open journal: its palette commands, drafts, folder checks."""
        from eftertanke.tui.commands import (
            ActionCommands,
            EntryCommands,
            InterviewCommands,
            ThemeCommands,
        )

        self.COMMANDS = self.COMMANDS | {
            ActionCommands,
            EntryCommands,
            InterviewCommands,
            ThemeCommands,
        }
        self.call_after_refresh(self._offer_drafts)
        self.set_interval(FOLDER_CHECK_SECONDS, self.check_folder)
        if self._reading_entries:
            self._reindex()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Until the passphrase opens the journal there is nothing to go to.
        if self.locked and action in {"go", "write", "show_drafts"}:
            return False
        return super().check_action(action, parameters)

    def on_app_focus(self) -> None:
        if not self.locked:
            self.check_folder()

    def _offer_drafts(self) -> None:
        """Every editor's drafts (guided, entry edits, forms), offered back at start."""
        from eftertanke.services.drafts import list_drafts

        found = list_drafts(self.journal)
        if not found:
            return
        from eftertanke.tui.screens.drafts import ResumeDraftScreen

        self.push_screen(ResumeDraftScreen(found), self._resume_chosen)

    def action_show_drafts(self) -> None:
        self._offer_drafts()

    def _resume_chosen(self, draft: DraftInfo | None) -> None:
        if draft is not None:
            from eftertanke.tui.resume import resume

            resume(self, draft)
        self.drafts_changed()

    def drafts_changed(self) -> None:
        self.drafts_version += 1

    # -- data ----------------------------------------------------------------

    def journal_changed(self) -> None:
        self._reindex()

    @work(thread=True, exclusive=True, group="index")
    def _reindex(self) -> None:
        self.data.load()
        self.call_from_thread(self._bump_version)

    @work(thread=True, exclusive=True, group="folder-check")
    def check_folder(self) -> None:
        """Reload if another process changed the journal; recount drafts if
        the drafts folder changed (Home's "unfinished drafts" line)."""
        if self._reading_entries:
            return  # the first read is under way, and it takes the stamp first
        if self.data.changed_on_disk():
            self.call_from_thread(self.journal_changed)
        stamp = self._stamp_drafts()
        if stamp != self._drafts_stamp:
            self._drafts_stamp = stamp
            self.call_from_thread(self.drafts_changed)

    def _stamp_drafts(self) -> int | None:
        try:
            return os.stat(self.journal.root / layout.DRAFTS_DIR).st_mtime_ns
        except OSError:
            return None

    def _bump_version(self) -> None:
        self._reading_entries = False
        self.data_version += 1

    def watch_lang(self, lang: str) -> None:
        translate_bindings(self, lang)
        for screen in self.screen_stack:
            translate_bindings(screen, lang)
        if self.screen.focused is not None:
            self._translate_focus_chain(self.screen.focused)
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._translate_focus_chain(event.widget)

    def _translate_focus_chain(self, widget: Widget) -> None:
        """Word the keys of the focused widget and its containers (Textual's own
        widgets' too: the key panel lists them) in the app's language, once per
        language for each widget."""
        changed = False
        for node in widget.ancestors_with_self:
            if node is self:
                break
            if getattr(node, "_eftertanke_lang", None) != self.lang:
                translate_bindings(node, self.lang)
                node._eftertanke_lang = self.lang  # type: ignore[attr-defined]
                changed = True
        if changed:
            # The focus event can arrive after its screen was dismissed (a
            # writing screen closed at once): nothing is left to refresh then.
            try:
                widget.screen.refresh_bindings()
            except NoScreen:
                pass

    # -- navigation ----------------------------------------------------------

    def action_go(self, where: str) -> None:
        from eftertanke.tui.screens.analysis import AnalysisScreen
        from eftertanke.tui.screens.browse import BrowseScreen
        from eftertanke.tui.screens.calendar import CalendarScreen
        from eftertanke.tui.screens.chart import ChartScreen
        from eftertanke.tui.screens.home import HomeScreen
        from eftertanke.tui.screens.interviews import InterviewsScreen
        from eftertanke.tui.screens.positionality import PositionalityScreen
        from eftertanke.tui.screens.questions import QuestionsScreen
        from eftertanke.tui.screens.themes import ThemesScreen

        targets = {
            "home": HomeScreen,
            "browse": BrowseScreen,
            "interviews": InterviewsScreen,
            "themes": ThemesScreen,
            "analysis": AnalysisScreen,
            "chart": ChartScreen,
            "calendar": CalendarScreen,
            "positionality": PositionalityScreen,
            "questions": QuestionsScreen,
        }
        target = targets[where]
        # Go back to the screen if it is already open, else open it over home.
        for screen in reversed(self.screen_stack):
            if isinstance(screen, target):
                while self.screen is not screen:
                    self.pop_screen()
                return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if target is HomeScreen:
            if len(self.screen_stack) > 1:
                self.pop_screen()
            return
        self.push_screen(target())

    def action_help(self) -> None:
        from eftertanke.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_language(self) -> None:
        self.lang = "da" if self.lang == "en" else "en"
        self._remember("language", self.lang)
        self.notify(self.tr("language_now"), timeout=2)

    def action_toggle_dark(self) -> None:
        self.theme = DEFAULT_LIGHT_THEME if self.current_theme.dark else DEFAULT_DARK_THEME

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted:
            self._remember("theme", theme)

    def action_write(self, kind: str) -> None:
        self.start_writing(kind=kind)

    def start_writing(
        self,
        kind: str = "memo",
        interview: str | None = None,
        draft: dict[str, Any] | None = None,
        pack: str | None = None,
    ) -> None:
        """The write screen: the kind's default pack, or ``pack`` (weekly-review)."""
        from eftertanke.tui.screens.write import WriteScreen

        self.push_screen(WriteScreen(kind=kind, interview=interview, draft=draft, pack=pack))

    def open_entry(self, entry_id: str, coding_id: str | None = None) -> None:
        """The entry view; with ``coding_id``, its coded passages at that coding
        (Escape goes back to the entry)."""
        from eftertanke.tui.screens.entry import EntryScreen

        self.push_screen(EntryScreen(entry_id))
        if coding_id:
            from eftertanke.tui.screens.entry_coding import EntryCodingScreen

            self.push_screen(EntryCodingScreen(entry_id, coding_id))

    def open_interview(self, code: str) -> None:
        from eftertanke.tui.screens.interviews import InterviewDetailScreen

        self.push_screen(InterviewDetailScreen(code))

    def open_transcript(self, code: str, turn: int | None = None) -> None:
        from eftertanke.tui.screens.transcript import TranscriptScreen

        self.push_screen(TranscriptScreen(code, turn=turn))

    def open_theme(self, name: str) -> None:
        from eftertanke.tui.screens.themes import ThemeDetailScreen

        self.push_screen(ThemeDetailScreen(name))

    def adopt_starter_codebook(self) -> None:
        """The palette's "starter codebook": on the Themes screen, so the new
        themes are seen arriving (the screen runs the write in a worker)."""
        from eftertanke.tui.screens.themes import ThemesScreen

        self.action_go("themes")

        def start() -> None:
            if isinstance(self.screen, ThemesScreen):
                self.screen.action_starter()

        self.call_after_refresh(start)

    def empty_trash(self) -> None:
        """The palette's "empty the trash": every entry in it, for good, once asked."""
        from eftertanke.services.purge import plan_trash
        from eftertanke.tui.purge_flow import delete_for_good

        delete_for_good(self, plan_trash)

    def export_methods(self) -> None:
        """The palette's "methods appendix": ask where, write it in a worker."""
        from eftertanke.services.methods import methods_markdown
        from eftertanke.tui.screens.export_dialog import export_markdown

        journal = self.journal
        name = self.t("methods_file")
        export_markdown(
            self.screen,
            name,
            lambda lang: methods_markdown(journal, lang),
            heading="tui.app.methods_heading",
        )

    def browse(self, **filters: Any) -> None:
        from eftertanke.tui.screens.browse import BrowseScreen

        self.push_screen(BrowseScreen(**filters))
