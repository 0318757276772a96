"""Tables of analysis results as plain text, Markdown, CSV or JSON.

Every cell is made safe for where it goes: plain text passes stored text
(theme names, titles, codes) through ``textsafe.one_line``, so terminal
control sequences are shown, not obeyed; Markdown also escapes the
characters that would break a table or be read as HTML.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from eftertanke.textsafe import one_line

FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json")
GROUP = "group"
TOTAL = "total"
FLAG = "flag"

_BARS = "▁▂▃▄▅▆▇█"


@dataclass(slots=True)
class Table:
    """A table of analysis results: its headers, rows and notes, and how each row is shown."""

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: str = ""  # said instead of the table when there are no rows
    kinds: list[str] = field(default_factory=list)  # per row: "", GROUP, TOTAL or FLAG
    right: set[int] = field(default_factory=set)  # columns aligned right

    def add(self, row: list[Any], kind: str = "") -> None:
        self.rows.append(row)
        self.kinds.append(kind)

    def kind(self, index: int) -> str:
        return self.kinds[index] if index < len(self.kinds) else ""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def to_plain(table: Table) -> str:
    lines = [one_line(table.title), "=" * len(one_line(table.title))]
    if not table.rows:
        lines.append(one_line(table.empty))
        lines.extend(one_line(n) for n in table.notes)
        return "\n".join(lines)
    cells = [[one_line(h) for h in table.headers]]
    cells += [[one_line(cell_text(v)) for v in row] for row in table.rows]
    if GROUP in table.kinds:
        # rows under a group heading are indented beneath it
        for n, row in enumerate(cells[1:]):
            if table.kind(n) not in (GROUP, TOTAL):
                row[0] = "  " + row[0]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]
    for n, row in enumerate(cells):
        text = "  ".join(
            cell.rjust(widths[i]) if i in table.right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        )
        lines.append(text.rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    if table.notes:
        lines.append("")
        lines.extend(one_line(n) for n in table.notes)
    return "\n".join(lines)


def md_escape(text: str) -> str:
    flat = one_line(text)
    for char, escaped in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"),
                          ("*", "\\*"), ("_", "\\_"), ("`", "\\`"), ("[", "\\["), ("]", "\\]")):  # fmt: skip
        flat = flat.replace(char, escaped)
    return flat


def to_markdown(table: Table, level: int = 2) -> str:
    lines = [f"{'#' * level} {md_escape(table.title)}", ""]
    if not table.rows:
        lines.append(md_escape(table.empty))
        for note in table.notes:
            lines += ["", md_escape(note)]
        return "\n".join(lines) + "\n"
    lines.append("| " + " | ".join(md_escape(h) for h in table.headers) + " |")
    lines.append(
        "|"
        + "|".join("---:" if i in table.right else "---" for i in range(len(table.headers)))
        + "|"
    )
    for n, row in enumerate(table.rows):
        cells = [md_escape(cell_text(v)) for v in row]
        if table.kind(n) in (GROUP, TOTAL) and cells and cells[0]:
            cells[0] = f"**{cells[0].strip()}**"
        lines.append("| " + " | ".join(cells) + " |")
    for note in table.notes:
        lines += ["", md_escape(note)]
    return "\n".join(lines) + "\n"


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.headers)
    for row in table.rows:
        # A cell beginning with = + - @ is a formula to a spreadsheet; a quote mark defuses it.
        writer.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in row]
        )
    return out.getvalue()


def to_json(data: Any) -> str:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()


def sparkline(
    values: Sequence[float | None], low: float | None = None, high: float | None = None
) -> str:
    """A one-line chart of ``values``; gaps are spaces."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low = min(known) if low is None else low
    high = max(known) if high is None else high
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        elif span <= 0:
            out.append(_BARS[len(_BARS) // 2])
        else:
            index = round((min(max(value, low), high) - low) / span * (len(_BARS) - 1))
            out.append(_BARS[index])
    return "".join(out)
