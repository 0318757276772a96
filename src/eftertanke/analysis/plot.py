"""A series drawn as rows of Braille characters, on its fixed scale.

Each character cell holds 2 × 4 dots, so a plot ``rows`` high has ``4 × rows``
dot rows; a bucket takes ``width`` cells (``2 × width`` dot columns). A value
sits at the dot row its place on the fixed scale gives (``on_scale``): the
same value is at the same height in any journal. Consecutive buckets with a
value are joined by a line; a bucket without one is a gap and nothing
crosses it; a bucket alone between gaps is a short dash, so it shows.

Pure text: the app's chart widget colours the rows, the tests read them.
"""

from __future__ import annotations

from eftertanke.analysis.wellbeing import Values, on_scale

BRAILLE = 0x2800
# the bit of each dot in a cell, by (column, row)
_DOTS = {
    (0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (0, 3): 0x40,
    (1, 0): 0x08, (1, 1): 0x10, (1, 2): 0x20, (1, 3): 0x80,
}  # fmt: skip


def dot_row(value: float, key: str, rows: int) -> int:
    """The dot row (0 at the top) of ``value`` in a plot ``rows`` cells high."""
    dots = rows * 4
    return round((1.0 - on_scale(value, key)) * (dots - 1))


def value_row(value: float, key: str, rows: int) -> int:
    """The character row (0 at the top) ``value`` falls in: where its axis label goes."""
    return dot_row(value, key, rows) // 4


def _line(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The dots from one point to the next (Bresenham)."""
    points = []
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    while True:
        points.append((x0, y0))
        if x0 == x1 and y0 == y1:
            return points
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x0 += sx
        if doubled <= dx:
            error += dx
            y0 += sy


def centre(index: int, width: int) -> int:
    """The dot column a bucket's point is drawn at."""
    return index * 2 * width + max(width - 1, 0)


def braille_rows(values: Values, key: str, rows: int, width: int) -> list[str]:
    """``values`` (one per bucket, ``None`` a gap) as ``rows`` strings of Braille
    cells, ``width`` cells per bucket; an empty cell is U+2800 (blank Braille)."""
    columns = len(values) * width
    cells = [[0] * columns for _ in range(rows)]

    def put(x: int, y: int) -> None:
        if 0 <= x < columns * 2 and 0 <= y < rows * 4:
            cells[y // 4][x // 2] |= _DOTS[(x % 2, y % 4)]

    previous: tuple[int, int] | None = None
    for index, value in enumerate(values):
        if value is None:
            previous = None
            continue
        point = (centre(index, width), dot_row(value, key, rows))
        alone = previous is None and (index + 1 >= len(values) or values[index + 1] is None)
        if previous is not None:
            for x, y in _line(*previous, *point):
                put(x, y)
        elif alone:
            put(point[0], point[1])
            put(point[0] + 1, point[1])
        else:
            put(*point)
        previous = point
    return ["".join(chr(BRAILLE + bits) for bits in row) for row in cells]


BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def block(value: float | None, key: str) -> str:
    """One day as a block whose height is its place on the fixed scale (1 is the
    lowest block, 5 a full one; −4 to +4 likewise); a day without a value is ``GAP``."""
    if value is None:
        return GAP
    return BLOCKS[int(on_scale(value, key) * (len(BLOCKS) - 1) + 0.5)]
