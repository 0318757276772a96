"""An import in two steps: a plan read from files, then one pass that writes it.

Reading builds an ``ImportPlan`` and touches no journal; everything that can
be checked is checked before the first write, so bad input changes nothing.
Tags that are not yet themes are mapped (``TagMapping``) after the user has
seen and confirmed the mapping; ``apply_plan`` then adds interviews, themes
and entries and returns an ``ImportReport``: how many entries were added,
skipped as duplicates and rejected, and why.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eftertanke.domain import (
    CONCEPTS,
    Entry,
    Interview,
    Theme,
    ValidationError,
    map_entry_themes,
)
from eftertanke.errors import EftertankeError
from eftertanke.store import intent

_TAG_EDGE = re.compile(r"^[@#+]+|[.,;:!?]+$")


class ImportFileError(EftertankeError):
    """A file that cannot be imported at all; nothing was written."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where} {problem}; nothing was imported")


def clean_tag(tag: str) -> str:
    """'@farlig-tavshed' -> 'farlig-tavshed'; a tag of only symbols ('##') -> ''."""
    tag = " ".join(_TAG_EDGE.sub("", tag.strip()).split())
    return tag if any(c.isalnum() for c in tag) else ""


def fingerprint(created: str, title: str, body: str) -> str:
    """What makes two entries the same entry, whatever their ids."""
    digest = hashlib.sha1(f"{created}\x00{title}\x00{body}".encode(), usedforsecurity=False)
    return digest.hexdigest()


@dataclass
class ImportPlan:
    """What an import read: the entries, interviews and themes to add, and what it rejected."""

    source: str
    entries: list[tuple[str, Entry]] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def add_entry(self, entry: Entry, where: str) -> None:
        self.entries.append((where, entry))

    def reject(self, where: str, why: str) -> None:
        self.rejected.append((where, why))

    def theme_names(self) -> list[str]:
        """Every theme name the planned entries use, in order of first use."""
        seen: dict[str, None] = {}
        for _where, entry in self.entries:
            for name in entry.all_themes:
                seen.setdefault(name, None)
        return list(seen)


@dataclass
class TagChoice:
    """What a tag becomes: an existing theme, a new one (with its concept), or text."""

    tag: str
    theme: str | None = None
    concept: str | None = None
    create: bool = False
    how: str = ""

    @property
    def kept_as_text(self) -> bool:
        return self.theme is None


@dataclass
class ImportReport:
    """What an import did: entries added, skipped and rejected, interviews and themes added."""

    added: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    interviews_added: list[str] = field(default_factory=list)
    themes_added: list[str] = field(default_factory=list)


def _starter_names() -> dict[str, Theme]:
    from eftertanke.packs import starter_themes

    found: dict[str, Theme] = {}
    for lang in ("da", "en"):
        for theme in starter_themes(lang):
            found.setdefault(theme.name.casefold(), theme)
    return found


def tags_to_map(plan: ImportPlan, journal_themes: Iterable[Theme]) -> list[str]:
    """Theme names used by planned entries that are neither in the journal nor in the plan."""
    known = {t.name.casefold() for t in journal_themes} | {t.name.casefold() for t in plan.themes}
    return [name for name in plan.theme_names() if name.casefold() not in known]


def propose_mapping(
    tags: list[str],
    journal_themes: list[Theme],
    *,
    explicit: dict[str, str] | None = None,
    concept: str | None = None,
) -> dict[str, TagChoice]:
    """The default for each tag: an explicit --map, a theme of the same name, a starter
    theme of that name, a new theme under ``concept``; else kept as text."""
    explicit = {k.casefold(): v for k, v in (explicit or {}).items()}
    existing = {t.name.casefold(): t for t in journal_themes}
    # A theme written out as a jrnl tag ("Farlig tavshed" as @farlig-tavshed) maps back.
    for theme in journal_themes:
        existing.setdefault("-".join(theme.name.casefold().split()), theme)
    starters = _starter_names()
    choices: dict[str, TagChoice] = {}
    for tag in tags:
        key = tag.casefold()
        if key in explicit:
            target = " ".join(explicit[key].split())
            if not target:
                choices[tag] = TagChoice(tag, how="--map: kept as text")
            elif target.casefold() in existing:
                choices[tag] = TagChoice(tag, existing[target.casefold()].name, how="--map")
            elif target.casefold() in starters:
                starter = starters[target.casefold()]
                choices[tag] = TagChoice(
                    tag, starter.name, starter.concept, create=True, how="--map, starter codebook"
                )
            elif concept:
                choices[tag] = TagChoice(tag, target, concept, create=True, how="--map, --concept")
            else:
                raise ValidationError(
                    f"--map {tag}={target}: no theme {target!r} yet; add --concept "
                    f"{'|'.join(CONCEPTS)} to create it"
                )
        elif key in existing:
            choices[tag] = TagChoice(tag, existing[key].name, how="existing theme")
        elif key in starters:
            starter = starters[key]
            choices[tag] = TagChoice(
                tag, starter.name, starter.concept, create=True, how="starter codebook"
            )
        elif concept:
            choices[tag] = TagChoice(tag, tag, concept, create=True, how="--concept")
        else:
            choices[tag] = TagChoice(tag, how="no concept: kept as text")
    return choices


def _retag(entry: Entry, choices: dict[str, TagChoice]) -> None:
    """Apply the mapping to one entry; tags kept as text end the body as '#tag'."""

    def swap(names: list[str]) -> list[str]:
        out: list[str] = []
        for name in names:
            choice = choices.get(name)
            target = name if choice is None else choice.theme
            if target and target not in out:
                out.append(target)
        return out

    as_text = [name for name in entry.all_themes if name in choices and choices[name].kept_as_text]
    # A coded passage whose every theme stays text has nothing to code it with.
    map_entry_themes(entry, swap, drop_bare_codings=True)
    text = entry.text.casefold()
    missing = [
        n for n in as_text if f"#{n.casefold()}" not in text and f"@{n.casefold()}" not in text
    ]
    if missing:
        tags = " ".join("#" + "-".join(n.split()) for n in missing)
        entry.body = f"{entry.body.rstrip()}\n\n{tags}".lstrip("\n")


def _ordered_themes(themes: list[Theme], known: set[str]) -> Iterator[Theme]:
    """Parents before children; a parent that never comes (or a loop) is dropped."""
    pending = list(themes)
    while pending:
        ready = [t for t in pending if not t.parent or t.parent.casefold() in known]
        if not ready:
            pending[0].parent = None
            continue
        for theme in ready:
            pending.remove(theme)
            known.add(theme.name.casefold())
            yield theme


def _already_there(journal: Any) -> tuple[set[str], set[str]]:
    """The ids and the fingerprints (date and text) of the entries stored now."""
    existing_ids: set[str] = set()
    prints: set[str] = set()
    for doc in journal.raw_entries(include_deleted=True):
        existing_ids.add(str(doc.get("id")))
        prints.add(
            fingerprint(str(doc.get("created")), doc.get("title") or "", doc.get("body") or "")
        )
    return existing_ids, prints


def _checked_entries(
    journal: Any,
    plan: ImportPlan,
    choices: dict[str, TagChoice],
    report: ImportReport,
    known: dict[str, Interview],
) -> tuple[list[tuple[str, Entry]], dict[str, Interview]]:
    """The entries to add (none already there, each valid), and a stub for each
    interview they name that neither the journal nor the plan has."""
    existing_ids, prints = _already_there(journal)
    to_add: list[tuple[str, Entry]] = []
    stubs: dict[str, Interview] = {}
    planned_codes = {i.code.casefold(): i for i in plan.interviews}
    for where, entry in plan.entries:
        _retag(entry, choices)
        if entry.id in existing_ids:
            report.skipped.append((where, f"entry {entry.id[:8]} is already in the journal"))
            continue
        mark = fingerprint(entry.created.isoformat(), entry.title, entry.body)
        if mark in prints:
            report.skipped.append((where, "the same entry (date and text) is already there"))
            continue
        try:
            entry.validate()
            for code in [entry.interview, *(x.interview for x in entry.excerpts)]:
                if not code:
                    continue
                key = code.casefold()
                if key not in known and key not in planned_codes and key not in stubs:
                    stubs[key] = Interview(code=code, status="done").validate()
        except ValidationError as exc:
            report.rejected.append((where, str(exc)))
            continue
        existing_ids.add(entry.id)
        prints.add(mark)
        to_add.append((where, entry))
    return to_add, stubs


def _themes_to_add(
    plan: ImportPlan, choices: dict[str, TagChoice], themes: dict[str, Theme]
) -> list[Theme]:
    """The plan's themes and those the tag choices create, parents first."""
    new_themes = [t for t in plan.themes if t.name.casefold() not in themes]
    seen = {t.name.casefold() for t in new_themes}
    for choice in choices.values():
        if choice.create and choice.theme and choice.concept:
            key = choice.theme.casefold()
            if key not in themes and key not in seen:
                seen.add(key)
                new_themes.append(Theme(name=choice.theme, concept=choice.concept))
    return list(_ordered_themes(new_themes, set(themes)))


def _link(entry: Entry, interviews: dict[str, Interview], themes: dict[str, Theme]) -> None:
    """Name the entry's interviews and themes as the journal spells them; a theme
    nobody has is dropped, and a coding left with no theme with it."""

    def canonical(code: str | None) -> str | None:
        return interviews[code.casefold()].code if code else code

    def spelled(names: list[str]) -> list[str]:
        return [themes[n.casefold()].name for n in names if n.casefold() in themes]

    entry.interview = canonical(entry.interview)
    for excerpt in entry.excerpts:
        excerpt.interview = canonical(excerpt.interview) or ""
    map_entry_themes(entry, spelled, drop_bare_codings=True)


def _write(
    journal: Any,
    report: ImportReport,
    entries: list[Entry],
    themes: list[Theme],
    interviews: list[Interview],
) -> None:
    """One all-or-nothing operation: a crash or a full disk part-way leaves an
    intent record, and the next open removes what this batch wrote."""
    payload = {
        "entries": [e.id for e in entries],
        "themes": [t.id for t in themes],
        "interviews": [i.id for i in interviews],
    }
    if entries or themes or interviews:
        with intent.operation(journal, "import", payload):
            for interview in interviews:
                journal.add_interview(interview)
                report.interviews_added.append(interview.code)
            for theme in themes:
                journal.add_theme(theme)
                report.themes_added.append(theme.name)
            journal.add_entries(entries, check_links=False)
    report.added = len(entries)


def apply_plan(
    journal: Any,
    plan: ImportPlan,
    choices: dict[str, TagChoice],
    *,
    progress: Callable[[Iterable[Any], int, str], Iterable[Any]] | None = None,
) -> ImportReport:
    """Write the plan into ``journal`` under its lock and report what happened."""
    report = ImportReport(rejected=list(plan.rejected))
    with journal.lock:
        journal.invalidate_cache()
        interviews = {i.code.casefold(): i for i in journal.interviews()}
        themes = {t.name.casefold(): t for t in journal.themes()}
        # Everything is checked before the first write.
        to_add, stubs = _checked_entries(journal, plan, choices, report, interviews)
        new_interviews = [i for i in plan.interviews if i.code.casefold() not in interviews]
        new_interviews += list(stubs.values())
        for interview in new_interviews:
            interviews[interview.code.casefold()] = interview
        ordered_themes = _themes_to_add(plan, choices, themes)
        for theme in ordered_themes:
            themes[theme.name.casefold()] = theme
        items: Iterable[tuple[str, Entry]] = to_add
        if progress is not None:
            items = progress(to_add, len(to_add), "import")
        entries: list[Entry] = []
        for _where, entry in items:
            _link(entry, interviews, themes)
            entries.append(entry)
        _write(journal, report, entries, ordered_themes, new_interviews)
    return report


__all__ = [
    "ImportFileError",
    "ImportPlan",
    "ImportReport",
    "TagChoice",
    "apply_plan",
    "clean_tag",
    "fingerprint",
    "propose_mapping",
    "tags_to_map",
]
