"""Importing without garbage collection.

A command imports thousands of objects that live as long as the process
(classes, functions, the catalogue); the collections Python runs meanwhile
(some thirty for the command line, more for the app) find next to nothing
and cost milliseconds of every start. The collector is paused while the
program's modules load and on again before any of its work runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collections() -> Iterator[None]:
    """Pause the collector for the block; as it was after (nested: untouched)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
