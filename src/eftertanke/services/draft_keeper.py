"""One editor's draft, from the first keystroke to the save that lets it go.

Every editor of the app (guided writing, the entry edit dialog, the
reflection editor, the interview and theme forms) keeps what is typed as a
draft written in a worker thread every second or two. Those writes can land
late: a timer tick's worker that lost the race to the thread pool may run
after the entry was saved or the edit discarded, and must not bring the
draft back (the next start would offer to resume an entry already saved).

``DraftKeeper`` holds that rule in one place. Each write, the letting go of
the draft, and the save of the record that holds its text run under one
lock; once the draft is let go (``discard``, or a ``saving`` block that
finished) no later ``write`` touches the disk. The order that keeps text
safe is kept by the caller: the record is saved first, inside ``saving``,
and only then is the draft removed. No Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eftertanke.store.journal import Journal


class DraftKeeper:
    """The draft ``draft_id`` of one editor. ``on_disk`` is True when a draft
    may be stored already (one resumed, or one this keeper wrote)."""

    def __init__(self, draft_id: str, *, on_disk: bool = False) -> None:
        self.draft_id = draft_id
        self.on_disk = on_disk
        self._lock = threading.Lock()
        self._closed = False

    @property
    def closed(self) -> bool:
        """True once the draft is let go (saved into its record, or discarded)."""
        return self._closed

    def write(self, journal: Journal, data: dict[str, Any]) -> bool:
        """Store ``data`` as the draft (from a worker thread). False if the draft
        was let go already, so nothing was written. Errors of the store are
        raised: a draft is a safety net, the caller decides what to say."""
        with self._lock:
            if self._closed:
                return False
            journal.save_draft(self.draft_id, data)
            self.on_disk = True
            return True

    def discard(self, journal: Journal) -> None:
        """Let go of the draft and remove it from disk (from a worker thread).
        Closed even if the removal fails: the person chose to let it go."""
        with self._lock:
            self._closed = True
            if self.on_disk:
                journal.discard_draft(self.draft_id)
                self.on_disk = False

    def close(self) -> None:
        """Let go of the draft now, without waiting (the UI thread's call): no
        write starts after it. A write already under way finishes, so a
        ``discard`` that follows still finds and removes what it wrote."""
        self._closed = True

    @contextmanager
    def saving(self) -> Iterator[None]:
        """Hold draft writes off while the record holding the text is saved.
        A block that finishes lets the draft go; one that raises leaves it open,
        so typing goes on being kept and the save can be tried again."""
        with self._lock:
            yield
            self._closed = True


def discard_draft(journal: Journal, draft_id: str) -> None:
    """Remove one stored draft (the drafts list's "discard"); a missing one is no error."""
    journal.discard_draft(draft_id)
