"""Putting streamed pieces of an export in order without holding them.

Entries are stored by id, one shard at a time, and exported in time order.
A ``SortedSpool`` takes each entry's serialised bytes with its sort key,
writes the bytes to an anonymous temporary file and keeps only the key and
where the bytes are; ``pieces()`` then gives them back in key order. Memory
stays at the keys (a few dozen bytes an entry) whatever the entries hold;
the disk holds one copy of the export, removed when the spool is closed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from typing import Any


class SortedSpool:
    """Bytes added in any order, read back sorted by their key (stable for equal keys)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="eftertanke-export-")
        self._index: list[tuple[Any, int, int, int]] = []
        self._end = 0

    def add(self, key: Any, data: bytes) -> None:
        self._file.write(data)
        self._index.append((key, len(self._index), self._end, len(data)))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._index)

    def pieces(self, last: int | None = None, start: int = 0, step: int = 1) -> Iterator[bytes]:
        """The bytes in key order; with ``last``, only the last ``last`` of them;
        with ``start`` and ``step``, every ``step``-th from the ``start``-th on.
        Read at their offsets (no shared file position), so processes forked
        from this one may read the spool side by side."""
        self._file.flush()
        self._index.sort(key=lambda item: (item[0], item[1]))
        index = self._index if last is None else (self._index[-last:] if last else [])
        for _key, data in self._read(index[start::step]):
            yield data

    def items(self, where: Callable[[Any], bool] | None = None) -> Iterator[tuple[Any, bytes]]:
        """``(key, bytes)`` in key order; with ``where``, only those whose key it
        holds for (the others are not read)."""
        self._file.flush()
        self._index.sort(key=lambda item: (item[0], item[1]))
        index = self._index if where is None else [i for i in self._index if where(i[0])]
        yield from self._read(index)

    def _read(self, index: list[tuple[Any, int, int, int]]) -> Iterator[tuple[Any, bytes]]:
        fd = self._file.fileno()
        for key, _n, offset, size in index:
            yield key, _read_at(fd, offset, size)
        self._file.seek(self._end)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> SortedSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_at(fd: int, offset: int, size: int) -> bytes:
    if not hasattr(os, "pread"):  # pragma: no cover - Windows: one process reads
        os.lseek(fd, offset, os.SEEK_SET)
        return _read_all(lambda n: os.read(fd, n), size)
    return _read_all(lambda n: os.pread(fd, n, offset + size - n), size)


def _read_all(read: Any, size: int) -> bytes:
    """``size`` bytes from ``read(n)`` (``n`` the bytes still missing): one
    call reads at most 2 GB on Linux."""
    chunks = []
    missing = size
    while missing:
        chunk = read(missing)
        if not chunk:
            raise EOFError("the export's spool file ended early")
        chunks.append(chunk)
        missing -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


__all__ = ["SortedSpool"]
