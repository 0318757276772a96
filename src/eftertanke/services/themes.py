"""The codebook's use cases: adopt the starter codebook (``theme add --starter``
and the app's Themes screen); add, rename, merge and move a theme (the app's
theme forms, run in their save worker); and the themes named while writing or editing:
find the new ones, add them to the codebook in the same save as the entry that
names them, and take them back if that save fails.

A theme chosen with the picker's "+ Create" line is only a wish until the
entry is saved: the screen carries it as (name, concept) and the save use
case (``writing.write_new_entry``, ``editing.save_edit``, ``entry_actions``)
adds it, under the journal's lock, right before the entry. If the entry
cannot be saved the themes made for it are removed again, so an abandoned or
refused entry leaves no theme behind in the codebook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from eftertanke.domain import Entry, Theme
from eftertanke.store.errors import EftertankeError
from eftertanke.store.journal import Journal


@dataclass(frozen=True)
class StarterAdopted:
    """What adopting the starter codebook did: themes added, and those already there."""

    added: int
    skipped: int


def adopt_starter_codebook(journal: Journal, lang: str, *, reason: str = "") -> StarterAdopted:
    """Add the thesis's starter themes in ``lang`` that the codebook lacks.

    A theme already there (by name, in any case) is left as it is, so adopting
    twice adds nothing. The command line's ``theme add --starter`` and the
    app's Themes screen and palette call this.
    """
    from eftertanke.packs import starter_themes

    existing = {th.name.casefold() for th in journal.themes()}
    added = skipped = 0
    for theme in starter_themes(lang):
        if theme.name.casefold() in existing:
            skipped += 1
            continue
        journal.add_theme(theme, reason=reason)
        existing.add(theme.name.casefold())
        added += 1
    return StarterAdopted(added, skipped)


def add_theme(journal: Journal, theme: Theme) -> Theme:
    """Add ``theme`` to the codebook (the app's Add form); a taken name is refused."""
    return journal.add_theme(theme)


def rename_theme(journal: Journal, old: str, new: str, *, reason: str = "") -> Theme:
    """Rename ``old`` to ``new``; every entry, excerpt and passage follows (they
    refer to it by id). The same name again changes nothing."""
    if new == old:
        return journal.get_theme(old)
    return journal.rename_theme(old, new, reason=reason)[0]


def merge_theme(journal: Journal, source: str, target: str, *, reason: str = "") -> Theme:
    """Fold ``source`` into ``target``; returns ``target``."""
    return journal.merge_themes(source, target, reason=reason)[0]


def move_theme(
    journal: Journal, theme: Theme, *, expected_revision: int | None, reason: str = ""
) -> Theme:
    """Save ``theme`` under its new concept and parent, checking the revision the
    form opened with. When the concept changed, its sub-themes (however deep)
    follow it, so the tree and the concept filters agree."""
    from eftertanke.codebook import descendants

    stored = next((t for t in journal.themes() if t.id == theme.id), None)
    old_concept = stored.concept if stored is not None else theme.concept
    saved = journal.update_theme(theme, expected_revision=expected_revision, reason=reason)
    if saved.concept != old_concept:
        themes = journal.themes()
        under = {n.casefold() for n in descendants(saved.name, themes)[1:]}
        for sub in themes:
            if sub.name.casefold() in under and sub.concept != saved.concept:
                journal.update_theme(replace(sub, concept=saved.concept), reason=reason)
    return saved


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


def create_themes(journal: Journal, concepts: Mapping[str, str]) -> list[Theme]:
    """Add the themes of ``concepts`` (name → concept) the codebook lacks; returns
    those added, so a save that fails after them can take them back."""
    created: list[Theme] = []
    with journal.lock:
        known = {th.name.casefold() for th in journal.themes()}
        try:
            for name, concept in concepts.items():
                if name.casefold() in known:
                    continue  # made meanwhile (another window, a shell): use that one
                created.append(journal.add_theme(Theme(name=name, concept=concept)))
                known.add(name.casefold())
        except BaseException:
            forget_themes(journal, created)
            raise
    return created


def forget_themes(journal: Journal, created: list[Theme]) -> None:
    """Remove themes ``create_themes`` just added for a save that then failed.
    Nothing is coded with them yet, so this is only the codebook."""
    from eftertanke.services.theme_delete import delete_theme

    for theme in reversed(created):
        try:
            delete_theme(journal, theme.name)
        except (EftertankeError, OSError):
            pass  # the save's own error is the one to report; doctor lists unused themes


def respell_themes(journal: Journal, entry: Entry) -> None:
    """Use the codebook's spelling of every theme on the entry (so 'farlig tavshed'
    becomes 'Farlig tavshed')."""
    spelling = {th.name.casefold(): th.name for th in journal.themes()}
    entry.themes = _respell(entry.themes, spelling)
    for excerpt in entry.excerpts:
        excerpt.themes = _respell(excerpt.themes, spelling)


def adopt_themes(journal: Journal, entry: Entry, concepts: Mapping[str, str]) -> list[Theme]:
    """Add the new themes under the given concepts, then respell the entry's themes.
    Returns the themes added."""
    created = create_themes(journal, concepts)
    respell_themes(journal, entry)
    return created


Result = TypeVar("Result")


def with_new_themes(
    journal: Journal, concepts: Mapping[str, str] | None, save: Callable[[], Result]
) -> Result:
    """Add the themes of ``concepts`` (name → concept), then run ``save`` (the
    entry's or the coding's write), all under the lock; if ``save`` fails the
    themes are taken back and its error is raised."""
    with journal.lock:
        created = create_themes(journal, concepts or {})
        try:
            return save()
        except BaseException:
            forget_themes(journal, created)
            raise


def _respell(names: list[str], spelling: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    for name in names:
        canonical = spelling.get(name.casefold(), name)
        if canonical not in out:
            out.append(canonical)
    return out
