"""The Textual app: the shell every screen lives in.

Screens reach the data through the app: ``app.data`` (``tui/data.py``: the
index of entries, the interviews and the codebook, loaded in a worker),
``app.index`` (the same index, for lists and search), ``app.lang`` and
``app.tr``. After any write a screen calls ``app.journal_changed()``; the data
is reloaded in a worker and ``data_version`` goes up, which screens watch to
refresh. ``lang`` is watched the same way for the language switch.

The shell holds the keys, the reactive values and the start; each of its
other jobs is a mixin of its own module:

- ``app_folder.py``: loading the data, reloading it after a write and when
  the folder changes outside the app, a large journal's first read;
- ``app_lock.py``: an encrypted journal opened on the unlock screen;
- ``app_drafts.py``: unfinished drafts offered back;
- ``app_navigation.py``: going to a place and opening a screen on a thing;
- ``app_settings.py``: the language and theme switches, remembered;
- ``app_palette.py``: the command palette's words and app-wide actions;
- ``type_ahead.py``: keys typed as a writing screen opens, kept for its field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from eftertanke.store.journal import Journal
from eftertanke.tui.app_drafts import DraftOffer
from eftertanke.tui.app_folder import FolderWatch
from eftertanke.tui.app_lock import Locking
from eftertanke.tui.app_navigation import Navigation
from eftertanke.tui.app_palette import PaletteCommands
from eftertanke.tui.app_settings import Settings
from eftertanke.tui.bindings import translate_bindings
from eftertanke.tui.strings import common, word
from eftertanke.tui.type_ahead import AppTypeAhead


class EftertankeApp(
    AppTypeAhead,
    Locking,
    FolderWatch,
    DraftOffer,
    Navigation,
    Settings,
    PaletteCommands,
    App[None],
):
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

    # -- words ---------------------------------------------------------------

    def tr(self, key: str, **values: object) -> str:
        return common(key, self.lang, **values)

    def t(self, key: str, **values: object) -> str:
        """``tui.app.<key>`` (then its mixins' modules', then ``tui.common.<key>``)
        in the app's language."""
        return word(type(self), key, self.lang, **values)

    # -- the start -----------------------------------------------------------

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
        # After the first frame: a large journal's read (a worker) would hold the
        # interpreter while Home is being drawn, and delay it by a second.
        self.call_after_refresh(self._watch_folder)
