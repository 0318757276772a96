"""Journals that can be read but not written.

A journal on a read-only mount (a backup disk, a bind mount, a snapshot) or
in a folder the user may not write is still worth reading: list, show,
export and analyse work. Every write is refused up front with one line, so
nothing is half saved and the user learns why at once.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from eftertanke.store.errors import JournalError

# Errors that mean "this place cannot be written", not "something broke".
NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


class ReadOnlyJournalError(JournalError):
    """A write to a journal that can only be read."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            f"the journal {root} is read-only; nothing was saved",
            key="error.read_only",
            path=str(root),
        )


def is_read_only(root: Path) -> bool:
    """Whether the folder cannot be written (read-only mount, or no write permission)."""
    return not os.access(root, os.W_OK | os.X_OK)
