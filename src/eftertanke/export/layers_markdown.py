"""An entry's layers of re-reading and position marks in its Markdown export.

The layers follow the original, kept apart under their own heading, each
dated and saying how long after the entry it was written, each preceded by
an HTML comment mark (``eftertanke:layer``) holding its id, date, author and
the answer it re-reads, so the importer gives the same layers back. Position
marks go in the front matter (``position_marks:``, one flow map each), as
codings do. Nothing is written for an entry without them, so its export
stays byte for byte what it was.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eftertanke.dates import format_datetime
from eftertanke.entry_row import EntryRow
from eftertanke.i18n import forms, humanise_minutes, t

LAYER_MARK = "eftertanke:layer"
LAYER_KEYS = ("id", "written", "author", "section")
MARK_KEYS = ("id", "position", "verdict", "section", "start", "end", "quote", "memo", "author",
             "created", "review")  # fmt: skip
# The heading over the layers in every language, for the importer to leave out.
LAYERS_HEADINGS = frozenset(f"## {v}" for v in forms("layers.title").values())


def _when(value: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def ordered_layers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored layers oldest first (an unreadable date last)."""
    layers = [x for x in EntryRow(doc).layers if isinstance(x, dict)]
    return sorted(layers, key=lambda x: (str(x.get("written") or "~"), str(x.get("id"))))


def layer_heading(layer: dict[str, Any], created: Any, lang: str) -> str:
    """ "Layer 14 Apr 2026 10:00, written 1 month after" (and its author)."""
    written, start = _when(layer.get("written")), _when(created)
    minutes = (written - start).total_seconds() / 60 if written and start else 0.0
    head = t(
        "layers.heading",
        lang,
        date=format_datetime(written, lang) if written else str(layer.get("written") or ""),
        after=humanise_minutes(max(0.0, minutes), lang),
    )
    author = " ".join(str(layer.get("author") or "").split())
    return f"{head} · {author}" if author else head


def layer_lines(
    doc: dict[str, Any], lang: str, *, marks: bool, comment: Any, text: Any, level: int = 2
) -> list[str]:
    """The layers' part of an entry's Markdown (``comment`` and ``text`` are
    markdown.py's mark and text writers; ``level`` the heading level over them)."""
    layers = ordered_layers(doc)
    if not layers:
        return []
    row = EntryRow(doc)
    prompts = {str(s.get("prompt_id")): str(s.get("prompt_text") or "") for s in row.sections}
    lines = [f"{'#' * level} {t('layers.title', lang)}", ""]
    for layer in layers:
        if marks:
            lines.append(comment(LAYER_MARK, {k: layer.get(k) for k in LAYER_KEYS}))
        lines += [f"{'#' * (level + 1)} {layer_heading(layer, row.created, lang)}", ""]
        section = layer.get("section")
        if section:
            about = " ".join(prompts.get(str(section), str(section)).split())
            lines += [f"*{t('layers.rereads', lang)}: {about}*", ""]
        lines += [text(str(layer.get("text") or "")), ""]
    return lines


def marks_block(marks: Any, flow_value: Any, quote: Any) -> str | None:
    """The ``position_marks:`` key of a front matter, or None when there are none."""
    if not marks:
        return None
    rows = []
    for mark in marks:
        pairs = ", ".join(f"{quote(k)}: {flow_value(mark.get(k))}" for k in MARK_KEYS)
        rows.append(f"  - {{{pairs}}}")
    return "position_marks:\n" + "\n".join(rows)


def read_layer(data: dict[str, Any], lines: list[str], parse_text: Any) -> dict[str, Any]:
    """A layer back from its mark and the lines after it (its ``###`` heading,
    the line naming the answer it re-reads, then its text)."""
    rest = list(lines)
    while rest and not rest[0].strip():
        rest.pop(0)
    if rest and rest[0].startswith("#"):
        rest.pop(0)
    while rest and not rest[0].strip():
        rest.pop(0)
    if data.get("section") and rest and rest[0].startswith("*") and rest[0].endswith("*"):
        rest.pop(0)
    while rest and not rest[-1].strip():
        rest.pop()
    return {**{k: data.get(k) for k in LAYER_KEYS}, "text": parse_text("\n".join(rest))}


__all__ = [
    "LAYERS_HEADINGS",
    "LAYER_MARK",
    "layer_heading",
    "layer_lines",
    "marks_block",
    "ordered_layers",
    "read_layer",
]
