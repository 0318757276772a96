"""Keeping the app's data true to the journal folder.

The shell (``app.py``) mixes ``FolderWatch`` in. It loads the journal's data
when the journal is attached, reloads it in a worker after a write
(``journal_changed``) and notices changes made outside the app (the command
line, a git pull): every two seconds and when the terminal regains focus a
worker compares the folder's file stamps with the ones last loaded and
reloads on a difference, and recounts the drafts when their folder changed.
A large journal's entries are read in a worker once Home is drawn (the
"reading entries" state), so Home opens at once; folder checks wait for that
first read. Editors keep what is typed: a reload only redraws what screens show.

After each load a worker brings the full-text search index up to date, one
shard at a time (``services.search.warm_index``): a search reads only a few
stale shards and scans meanwhile, so without it a large journal's word search
would scan for its first few dozen searches. It starts a few seconds after the
load and pauses between shards, so the first keys and frames do not wait for
it; one shard per step keeps the app's exit, which waits for the step under
way, quick.
"""

from __future__ import annotations

import os
import time
from typing import Any

from textual import work
from textual.worker import get_current_worker

from eftertanke.store import layout
from eftertanke.store.journal import Journal
from eftertanke.tui.data import JournalData
from eftertanke.tui.index import JournalIndex

# How often the folder is checked for changes made outside the app (seconds).
FOLDER_CHECK_SECONDS = 2.0
# The search index is brought up to date this long after a load, pausing
# between shards (seconds).
WARM_AFTER_SECONDS = 3.0
WARM_PAUSE_SECONDS = 0.02


class FolderWatch:
    """Mixed into ``EftertankeApp``: ``data``, its reloads and the folder checks."""

    journal: Journal
    data: JournalData
    data_version: int
    drafts_version: int
    locked: bool
    call_from_thread: Any
    set_interval: Any
    _reading_entries: bool
    _drafts_stamp: int | None

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
    def index(self) -> JournalIndex:
        return self.data.index

    def _watch_folder(self) -> None:
        """Start the folder checks, and the large journal's first read of its entries."""
        self.set_interval(FOLDER_CHECK_SECONDS, self.check_folder)
        if self._reading_entries:
            self._reindex()
        else:
            self._warm_soon()

    def on_app_focus(self) -> None:
        if not self.locked:
            self.check_folder()

    def journal_changed(self) -> None:
        self._reindex()

    def drafts_changed(self) -> None:
        self.drafts_version += 1

    @work(thread=True, exclusive=True, group="index")
    def _reindex(self) -> None:
        self.data.load()
        self.call_from_thread(self._bump_version)
        self.call_from_thread(self._warm_soon)

    def _warm_soon(self) -> None:
        # One timer, put back on each load: saves in a row warm once, after the last.
        timer = getattr(self, "_warm_timer", None)
        if timer is not None:
            timer.stop()
        self._warm_timer = self.set_timer(WARM_AFTER_SECONDS, self._warm_search)

    @work(thread=True, exclusive=True, group="search-warm")
    def _warm_search(self) -> None:
        from eftertanke.services.search import warm_index

        worker = get_current_worker()

        def keep_going() -> bool:
            time.sleep(WARM_PAUSE_SECONDS)  # the UI thread has the interpreter meanwhile
            return not worker.is_cancelled

        warm_index(self.journal, keep_going=keep_going, step=1)

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
