"""An encrypted journal: the app opened locked, then unlocked by its passphrase.

The shell (``app.py``) mixes ``Locking`` in. An app started without a
journal shows the unlock screen (``screens/unlock.py``); until the
passphrase opens the journal nothing can be gone to or written. The
passphrase is tried in a worker (``open_journal``, slow on purpose), and
``unlocked`` then puts Home in place of the unlock screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eftertanke.store.journal import Journal

# The screens of a journal opened on the unlock screen (see ``unlocked``).
JOURNAL_MODE = "journal"
# What cannot be done before the journal is open.
NEEDS_THE_JOURNAL = frozenset({"go", "write", "show_drafts"})


class Locking:
    """Mixed into ``EftertankeApp``: the locked state and how it ends."""

    _unlock: Callable[[str], Journal] | None
    _attach: Any
    _start: Any
    add_mode: Any
    switch_mode: Any

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Until the passphrase opens the journal there is nothing to go to.
        if self.locked and action in NEEDS_THE_JOURNAL:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc, no-any-return]
