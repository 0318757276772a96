"""Deleting a theme from the codebook, and from everything coded with it.

The theme goes from the codebook (with the alias records of themes merged
into it) and from every entry (the trash too) and transcript: from the
themes on a whole entry, from excerpts, and from coded passages; a coded
passage left with no theme is removed, since a coding is its themes. The
text itself is never touched.

A theme with themes under it is refused, naming them, unless ``reparent``:
then they move up to the deleted theme's own parent (or to the top of their
concept), keeping their own codings.

All of it is one change across the codebook and every shard it touches, run
through store/batch.py: a kill or a full disk part-way leaves the journal as
it was (undone on the next open), and the delete can simply be run again.
``plan_theme_delete`` works the change out without writing, so the command
line can say what it will touch before asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from eftertanke import codebook_log
from eftertanke.domain import Theme, now, revision_of
from eftertanke.store import layout, references
from eftertanke.store.batch import FileRewrite, rewrite_files
from eftertanke.store.errors import JournalError
from eftertanke.store.journal import Journal


class ThemeHasChildrenError(JournalError):
    """The theme has themes under it and ``reparent`` was not asked for."""


@dataclass
class ThemeDeletePlan:
    """What deleting a theme changes: where its children go, what loses it, the files rewritten."""

    theme: Theme
    parent: str | None  # the deleted theme's parent's name: where its children go
    children: list[str] = field(default_factory=list)  # names of the themes right under it
    entries: int = 0  # entries that change (trash included)
    whole_entries: int = 0  # of them, entries coded as a whole with it
    excerpts: int = 0  # excerpts that lose it
    codings_changed: int = 0  # coded passages that keep their other themes
    codings_removed: int = 0  # coded passages that had only this theme
    transcripts: int = 0  # transcripts that change
    rewrites: list[FileRewrite] = field(default_factory=list)

    @property
    def codings(self) -> int:
        return self.codings_changed + self.codings_removed


def _strip(values: Any, gone: Any) -> tuple[list[Any], bool]:
    kept = [v for v in values or [] if not (isinstance(v, str) and gone(v))]
    return kept, len(kept) != len(values or [])


def _without_theme(doc: dict[str, Any], gone: Any, plan: ThemeDeletePlan) -> dict[str, Any] | None:
    """The stored record without the theme, or None if it does not use it."""
    out = dict(doc)
    changed = False
    if doc.get("themes"):
        out["themes"], whole = _strip(doc["themes"], gone)
        if whole:
            plan.whole_entries += 1
            changed = True
    if doc.get("excerpts"):
        excerpts = []
        for excerpt in doc["excerpts"]:
            if isinstance(excerpt, dict) and excerpt.get("themes"):
                themes, lost = _strip(excerpt["themes"], gone)
                if lost:
                    excerpt = {**excerpt, "themes": themes}
                    plan.excerpts += 1
                    changed = True
            excerpts.append(excerpt)
        out["excerpts"] = excerpts
    if doc.get("codings"):
        codings = []
        for coding in doc["codings"]:
            if isinstance(coding, dict) and coding.get("themes"):
                themes, lost = _strip(coding["themes"], gone)
                if lost and not themes:
                    plan.codings_removed += 1
                    changed = True
                    continue
                if lost:
                    coding = {**coding, "themes": themes}
                    plan.codings_changed += 1
                    changed = True
            codings.append(coding)
        out["codings"] = codings
    if not changed:
        return None
    out["revision"] = revision_of(doc) + 1
    return out


def _children(rows: dict[str, Any], ids: set[str]) -> list[str]:
    """The ids of the themes right under the theme (any of its ids), by name."""
    return sorted(
        (
            ident
            for ident, doc in rows.items()
            if ident not in ids
            and not references.is_alias(doc)
            and doc.get("parent")
            and references.resolve_alias(rows, str(doc["parent"])) in ids
        ),
        key=lambda i: str(rows[i].get("name")).casefold(),
    )


def _moved_events(
    journal: Journal,
    theme: Theme,
    rows: dict[str, Any],
    children: list[str],
    parent_name: str | None,
    when: datetime,
    reason: str,
) -> list[codebook_log.CodebookEvent]:
    """A "moved" event for each child going up to ``parent_name``."""
    events = []
    for ident in children:
        child = rows[ident]
        concept = str(child.get("concept"))
        events.append(
            journal.codebook_event(
                codebook_log.MOVED,
                Theme(name=str(child.get("name")), concept=concept, id=ident),
                reason,
                at=when,
                concept=concept,
                parent=parent_name,
                old_concept=concept,
                old_parent=theme.name,
            )
        )
    return events


def _codebook(
    journal: Journal,
    theme: Theme,
    reparent: bool,
    plan: ThemeDeletePlan,
    when: datetime,
    reason: str = "",
) -> tuple[set[str], list[FileRewrite]]:
    """The theme's ids (it and its aliases), and the codebook and its change
    log as they will be: the delete, and the move of each theme under it, are
    logged in the same all-or-nothing change."""
    rows = journal.stored_rows("themes")
    ids = references.with_aliases(rows, theme.id)
    parent = rows[theme.id].get("parent")
    parent_id = references.resolve_alias(rows, str(parent)) if parent else None
    children = _children(rows, ids)
    plan.children = [str(rows[i].get("name")) for i in children]
    if children and not reparent:
        raise ThemeHasChildrenError(
            f"theme {theme.name!r} has {len(children)} theme(s) under it: "
            f"{', '.join(plan.children)}; move them first (eftertanke theme edit NAME "
            "--parent OTHER), or pass --reparent to put them under "
            + (repr(plan.parent) if plan.parent else "their concept")
        )
    new_parent = parent_id if parent_id not in ids else None
    parent_name = str(rows[parent_id].get("name")) if parent_id and parent_id in rows else None
    log = [journal.codebook_event(codebook_log.DELETED, theme, reason, at=when)]
    log += _moved_events(
        journal, theme, rows, children, parent_name if parent_id not in ids else None, when, reason
    )
    new_rows = {i: doc for i, doc in rows.items() if i not in ids}
    for ident in children:
        doc = new_rows[ident]
        new_rows[ident] = {
            **doc,
            "parent": new_parent,
            "updated": when.isoformat(),
            "updated_by": journal.author or doc.get("updated_by", ""),
            "revision": revision_of(doc) + 1,
        }
    path = journal.root / layout.THEMES_FILE
    return ids, [
        FileRewrite(path, layout.THEMES_TABLE, new_rows),
        FileRewrite(
            path,
            codebook_log.LOG_TABLE,
            codebook_log.appended(journal.stored_codebook_log(), log),
        ),
    ]


def _plan(journal: Journal, name: str, reparent: bool, reason: str = "") -> ThemeDeletePlan:
    theme = journal.get_theme(name)
    plan = ThemeDeletePlan(theme=theme, parent=theme.parent)
    ids, codebook = _codebook(journal, theme, reparent, plan, now(), reason)
    theme_rows = journal.stored_rows("themes")
    refs = references.build(theme_rows, journal.stored_rows("interviews"))

    def gone(value: str) -> bool:
        # An id, or a name written before ids (doctor names it; it still means this theme).
        ident = value if value in theme_rows else refs.themes.ident(value)
        return ident in ids

    plan.rewrites.extend(codebook)
    for path in journal.all_shard_paths():
        table = layout.SHARD_DIRS[path.parent.name]
        rows = journal.stored_table(path, table)
        new_rows: dict[str, Any] | None = None
        for doc_id, doc in rows.items():
            changed = _without_theme(doc, gone, plan)
            if changed is None:
                continue
            if new_rows is None:
                new_rows = dict(rows)
            new_rows[doc_id] = changed
            if table == layout.TRANSCRIPTS_TABLE:
                plan.transcripts += 1
            else:
                plan.entries += 1
        if new_rows is not None:
            plan.rewrites.append(FileRewrite(Path(path), table, new_rows))
    return plan


def plan_theme_delete(journal: Journal, name: str, *, reparent: bool = False) -> ThemeDeletePlan:
    """What deleting the theme would change, without changing anything.

    Raises ThemeHasChildrenError if themes are under it and not ``reparent``."""
    with journal.lock:
        journal.invalidate_cache()
        return _plan(journal, name, reparent)


def delete_theme(
    journal: Journal, name: str, *, reparent: bool = False, reason: str = ""
) -> ThemeDeletePlan:
    """Delete the theme everywhere, all or nothing, logged with ``reason``;
    returns what was changed."""
    with journal.lock:
        journal.invalidate_cache()
        plan = _plan(journal, name, reparent, reason)
        rewrite_files(journal, plan.rewrites)
        journal.invalidate_cache()
    return plan


__all__ = ["ThemeDeletePlan", "ThemeHasChildrenError", "delete_theme", "plan_theme_delete"]
