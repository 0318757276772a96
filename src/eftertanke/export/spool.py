"""Putting streamed pieces of an export in order without holding them.

Entries are stored by id, one shard at a time, and exported in time order.
A ``SortedSpool`` takes each entry's serialised bytes with its sort key,
writes the bytes to an anonymous temporary file and keeps only the key and
where the bytes are; ``pieces()`` then gives them back in key order. Memory
stays at the keys (a few dozen bytes an entry) whatever the entries hold;
the disk holds one copy of the export, removed when the spool is closed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
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

    def pieces(self, last: int | None = None) -> Iterator[bytes]:
        """The bytes in key order; with ``last``, only the last ``last`` of them."""
        self._file.flush()
        self._index.sort(key=lambda item: (item[0], item[1]))
        index = self._index if last is None else (self._index[-last:] if last else [])
        for _key, _n, offset, size in index:
            self._file.seek(offset)
            yield self._file.read(size)
        self._file.seek(self._end)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> SortedSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["SortedSpool"]
