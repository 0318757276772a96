"""The codebook's shape: themes under parents, walked the same way everywhere.

Pure functions over ``Theme`` objects. Names compare casefolded (as the store
matches them), a parent that is missing or caught in a loop is treated as
absent, and every walk visits a theme once, so a damaged codebook never hangs
or hides a theme.
"""

from __future__ import annotations

from collections.abc import Iterable

from eftertanke.domain import Theme


def children_of(themes: Iterable[Theme]) -> dict[str, list[Theme]]:
    """Each parent's (casefolded name) children, sorted by name."""
    children: dict[str, list[Theme]] = {}
    for theme in themes:
        if theme.parent:
            children.setdefault(theme.parent.casefold(), []).append(theme)
    for kids in children.values():
        kids.sort(key=lambda t: t.name.casefold())
    return children


def descendants(name: str, themes: Iterable[Theme]) -> list[str]:
    """``name`` and every theme under it, however deep, each once, nearest first."""
    children = children_of(themes)
    found = [name]
    seen = {name.casefold()}
    index = 0
    while index < len(found):
        for child in children.get(found[index].casefold(), []):
            if child.name.casefold() not in seen:
                seen.add(child.name.casefold())
                found.append(child.name)
        index += 1
    return found


def ancestors(name: str, themes: Iterable[Theme]) -> list[str]:
    """The parents of ``name`` up to the top, nearest first (a loop ends the walk)."""
    by_name = {t.name.casefold(): t for t in themes}
    found: list[str] = []
    seen = {name.casefold()}
    cursor = by_name.get(name.casefold())
    while cursor is not None and cursor.parent:
        parent = by_name.get(cursor.parent.casefold())
        if parent is None or parent.name.casefold() in seen:
            break
        seen.add(parent.name.casefold())
        found.append(parent.name)
        cursor = parent
    return found


def is_under(name: str, ancestor: str, themes: Iterable[Theme]) -> bool:
    """Whether ``name`` is ``ancestor`` or sits somewhere under it."""
    # Walk parent *names*: the ancestor itself may be missing from ``themes``
    # (the store asks about a theme being changed, leaving it out of the list).
    by_name = {t.name.casefold(): t for t in themes}
    wanted = ancestor.casefold()
    seen: set[str] = set()
    cursor: str | None = name.casefold()
    while cursor and cursor not in seen:
        if cursor == wanted:
            return True
        seen.add(cursor)
        record = by_name.get(cursor)
        cursor = record.parent.casefold() if record is not None and record.parent else None
    return False
