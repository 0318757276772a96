"""One colour per theme in a coding view, and the legend that names them.

Colours are given in the order of the codebook among the themes a view
shows, so one view never reuses a colour before it has used all eight, and a
theme keeps its colour while the view is open. The colours are mid-tones
that read on both the dark and the light app theme.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from eftertanke.domain import Coding
from eftertanke.textsafe import one_line

PALETTE: tuple[str, ...] = (
    "#e0707a",
    "#5fb85f",
    "#5fa0e6",
    "#d0a23c",
    "#b77fd9",
    "#3fb5b8",
    "#d98850",
    "#9a9a3a",
)
MARK = "▌"


def theme_colours(codings: Iterable[Coding], codebook_order: list[str]) -> dict[str, str]:
    """A colour for every theme the codings use, in codebook order."""
    rank = {name.casefold(): n for n, name in enumerate(codebook_order)}
    used = list(dict.fromkeys(theme for coding in codings for theme in coding.themes))
    used.sort(key=lambda name: (rank.get(name.casefold(), len(rank)), name.casefold()))
    return {name: PALETTE[n % len(PALETTE)] for n, name in enumerate(used)}


def marks(themes: Iterable[str], colours: dict[str, str], width: int = 2) -> Content:
    """A margin cell: one coloured mark per theme, ``+`` when more than fit."""
    names = list(dict.fromkeys(themes))
    parts: list[str | tuple[str, str]] = []
    for n, name in enumerate(names[:width]):
        if n == width - 1 and len(names) > width:
            parts.append(("+", "bold"))
        else:
            parts.append((MARK, colours.get(name, "dim")))
    parts.append(" " * (width - len(parts)))
    return Content.assemble(*parts)


def legend(colours: dict[str, str], limit: int = 40) -> Content:
    """Each theme after its mark, one per line."""
    lines = [
        Content.assemble((MARK + " ", colour), one_line(name, limit))
        for name, colour in colours.items()
    ]
    return Content("\n").join(lines)
