"""Catching the search index up after a command line has answered.

A search reads a few of the shards its index is behind on and scans the rest
(services/search.py), so no command waits for the whole build: at 100,000
entries, a lost index costs about forty seconds to build again. Typed at a
terminal, ``list --search`` then leaves a detached, low-priority copy of
itself behind to finish the build, so the next search is answered by the
index instead of by a scan. The index is derived data: the copy can be
killed at any moment (each step is its own transaction), and it stops by
itself after ``MAX_SECONDS``. Piped output, scripts and the test suite never
start one (``is_wanted``), nor does ``EFTERTANKE_NO_BACKGROUND=1``.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

MAX_SECONDS = 600.0


def is_wanted() -> bool:
    """At a terminal, on a system that can fork, unless asked not to."""
    return (
        hasattr(os, "fork")
        and not os.environ.get("EFTERTANKE_NO_BACKGROUND")
        and not os.environ.get("EFTERTANKE_NO_SEARCH_INDEX")
        and sys.stdout.isatty()
    )


def finish_index(journal: Journal) -> bool:
    """Fork a detached process that brings the journal's search index up to
    date and exits; True if one was started. This process goes on at once."""
    if journal.encrypted:
        return False  # its index lives in this process's memory only
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid:
        # The first child forks the worker and exits at once: the worker is
        # nobody's child here and never left a zombie.
        os.waitpid(pid, 0)
        return True
    try:
        os.setsid()
        if os.fork():
            os._exit(0)
        _run_detached(journal)
    finally:
        os._exit(0)  # never back into the command line's code, its atexit or its output


def _run_detached(journal: Journal) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    try:
        os.nice(10)
    except OSError:
        pass
    from eftertanke.services.search import warm_index

    deadline = time.monotonic() + MAX_SECONDS
    try:
        warm_index(journal, keep_going=lambda: time.monotonic() < deadline)
    except Exception:  # noqa: BLE001, S110 - derived data: the next search mends it
        pass
