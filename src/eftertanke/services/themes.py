"""Themes named while writing: find the new ones and add them to the codebook."""

from __future__ import annotations

from collections.abc import Mapping

from eftertanke.domain import Entry, Theme
from eftertanke.store.journal import Journal


def new_theme_names(journal: Journal, entry: Entry) -> list[tuple[str, str | None]]:
    """Themes on ``entry`` that the codebook lacks, each with a likely concept.

    The concept comes from the starter codebook when the name is one of its
    themes, or from the entry itself when it touches exactly one concept.
    """
    from eftertanke.packs import starter_theme_concepts

    known = {th.name.casefold() for th in journal.themes()}
    hints = starter_theme_concepts()
    found: list[tuple[str, str | None]] = []
    for name in entry.all_themes:
        if name.casefold() in known or any(name.casefold() == n.casefold() for n, _ in found):
            continue
        concept = hints.get(name.casefold())
        if concept is None and len(entry.concepts) == 1:
            concept = entry.concepts[0]
        found.append((name, concept))
    return found


def adopt_themes(journal: Journal, entry: Entry, concepts: Mapping[str, str]) -> None:
    """Add the new themes under the given concepts, then use the codebook's spelling
    of every theme on the entry (so 'farlig tavshed' becomes 'Farlig tavshed')."""
    for name, concept in concepts.items():
        journal.add_theme(Theme(name=name, concept=concept))
    spelling = {th.name.casefold(): th.name for th in journal.themes()}
    entry.themes = _respell(entry.themes, spelling)
    for excerpt in entry.excerpts:
        excerpt.themes = _respell(excerpt.themes, spelling)


def _respell(names: list[str], spelling: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    for name in names:
        canonical = spelling.get(name.casefold(), name)
        if canonical not in out:
            out.append(canonical)
    return out
