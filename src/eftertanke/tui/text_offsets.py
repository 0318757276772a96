"""Character offsets in a text and (row, column) locations in a ``TextArea`` showing it.

A coding's span is a pair of offsets into its source text; a ``TextArea``
selects by location. Textual's ``Document`` splits lines with
``str.splitlines`` (so also at ``\\u2028``, form feeds and the like) and its
own ``get_index_from_location`` assumes one kind of line break throughout, so
the mapping is made here from the text itself, exact for any line breaks.
"""

from __future__ import annotations

# The line breaks after which Textual's Document adds an empty last line.
_TRAILING_BREAKS = ("\r\n", "\n", "\r")


def line_starts(text: str) -> list[tuple[int, int]]:
    """(offset, length without its line break) of each row a TextArea shows."""
    rows: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        bare = len(line.splitlines()[0]) if line.splitlines() else 0
        rows.append((offset, bare))
        offset += len(line)
    if not text or text.endswith(_TRAILING_BREAKS):
        rows.append((len(text), 0))
    return rows


def offset_of(rows: list[tuple[int, int]], location: tuple[int, int]) -> int:
    """The text offset of a (row, column) location (clamped into the text)."""
    row, column = location
    row = min(max(row, 0), len(rows) - 1)
    start, length = rows[row]
    return start + min(max(column, 0), length)


def location_of(rows: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The (row, column) of a text offset; an offset on a line break ends its row."""
    low, high = 0, len(rows) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if rows[middle][0] <= offset:
            low = middle
        else:
            high = middle - 1
    start, length = rows[low]
    return low, min(max(offset - start, 0), length)
