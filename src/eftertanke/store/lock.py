"""An exclusive, re-entrant lock on a separate lock file.

Every read-modify-write of the journal holds it, so two processes writing the
same journal serialise instead of overwriting each other's changes. The lock
is ``flock`` on ``.lock``: the kernel drops it when a process dies, so a
killed writer never leaves the journal locked.

Taking the lock never needs a write: flock works on a file opened read-only,
so a journal on a read-only mount is still read under the lock (and waits
for a writer on a writable view of the same folder); a read-only folder
without a lock file has no writer to wait for, and is read without one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from eftertanke.store.errors import JournalLockedError

LOCK_NAME = ".lock"


def flock_within(fd: int, timeout: float, busy_message: str, **said: object) -> None:
    """Take an exclusive flock on ``fd``, waiting up to ``timeout`` seconds
    (polling with a growing pause), else raise JournalLockedError."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise JournalLockedError(busy_message, **said) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def _open_lock_file(path: Path) -> int | None:
    """A descriptor to flock: read-write (created if missing), else read-only
    where the folder cannot be written; None when there is no lock file and
    none can be made there."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
    try:
        return os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None


class JournalLock:
    def __init__(self, directory: Path, timeout: float = 15.0) -> None:
        self.path = directory / LOCK_NAME
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        if self._depth:
            self._depth += 1
            return
        fd = _open_lock_file(self.path)
        if fd is None:
            self._depth = 1
            return
        try:
            flock_within(
                fd,
                self.timeout,
                f"the journal {self.path.parent} is busy: another eftertanke "
                f"process has held its lock for {self.timeout:.0f} s",
                key="error.journal_busy",
                path=str(self.path.parent),
                seconds=f"{self.timeout:.0f}",
            )
        except JournalLockedError:
            os.close(fd)
            raise
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
