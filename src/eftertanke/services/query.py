"""Finding entries: the filters shared by the command line, the TUI and exports.

Matching works on the stored dicts first (cheap string checks), and only
entries that match are turned into ``Entry`` objects, so that a search over
100,000 entries does not build 100,000 objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import Entry
from eftertanke.entry_row import EntryRow
from eftertanke.entry_row import doc_themes as all_doc_themes


@dataclass(slots=True)
class EntryFilter:
    """What an entry must match to be found: kinds, themes, concepts, dates, author, words."""

    kinds: tuple[str, ...] = ()
    # Self-as-data types (domain.DATA_TYPES); empty: any entry.
    data_types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    interview: str | None = None
    author: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    search: str = ""
    deleted: bool = False
    # theme name (casefolded) -> concept, so a concept filter also finds
    # entries tagged only with a theme under that concept
    theme_concepts: dict[str, str] = field(default_factory=dict)

    def words(self) -> list[str]:
        return [w.casefold() for w in self.search.split() if w]

    def narrows(self) -> bool:
        """True if anything but the words and the trash choice narrows the entries."""
        return bool(
            self.kinds
            or self.data_types
            or self.themes
            or self.concepts
            or self.interview
            or self.author
            or self.since
            or self.until
        )


def searchable_parts(doc: dict[str, Any]) -> list[str]:
    """The texts a search looks in, most telling first: what was written (the
    body, the answers, the quotes and their notes, the memos on coded
    passages, the layers and other later words), then the title and the themes. A snippet of a hit is taken
    from the first of them that holds it (see ``eftertanke.snippet``)."""
    row = EntryRow(doc)
    parts = [row.body, *row.answers]
    for excerpt in row.excerpts:
        parts.append(excerpt.get("quote") or "")
        parts.append(excerpt.get("note") or "")
    parts.extend(coding.get("memo") or "" for coding in row.codings)
    # What was written about the entry later: its layers of re-reading, the
    # memos on its positionality marks, the reasons its questions were dropped.
    for key, name in (("layers", "text"), ("position_marks", "memo"), ("questions", "reason")):
        parts.extend(
            str(item.get(name) or "") for item in doc.get(key) or [] if isinstance(item, dict)
        )
    parts.append(row.title)
    parts.extend(row.all_themes)
    return parts


def searchable_text(doc: dict[str, Any]) -> str:
    """Every text of the entry a search matches, casefolded, in one string."""
    return "\n".join(searchable_parts(doc)).casefold()


def doc_themes(doc: dict[str, Any]) -> set[str]:
    """Every theme an entry uses (whole entry, excerpts, coded passages), casefolded."""
    return {t.casefold() for t in all_doc_themes(doc)}


def matches(
    doc: dict[str, Any],
    flt: EntryFilter,
    words: list[str] | None = None,
    text: str | None = None,
) -> bool:
    """Whether ``doc`` passes ``flt``; ``text`` is its searchable text if already known."""
    row = EntryRow(doc)
    if row.deleted != flt.deleted:
        return False
    if flt.kinds and row.kind not in flt.kinds:
        return False
    if flt.data_types and row.data_type not in flt.data_types:
        return False
    if flt.interview:
        wanted = flt.interview.casefold()
        if not any(code.casefold() == wanted for code in row.interviews()):
            return False
    if flt.author and row.author.casefold() != flt.author.casefold():
        return False
    if (flt.themes or flt.concepts) and not _coded_as(row, flt):
        return False
    if flt.since or flt.until:
        created = row.created_at
        if flt.since and created < flt.since:
            return False
        if flt.until and created > flt.until:
            return False
    words = flt.words() if words is None else words
    if words:
        if text is None:
            text = searchable_text(doc)
        if not all(w in text for w in words):
            return False
    return True


def _coded_as(row: EntryRow, flt: EntryFilter) -> bool:
    """Whether the entry has every theme and every concept ``flt`` asks for; a
    theme under a concept counts for that concept."""
    themes = doc_themes(row.doc)
    if flt.themes and not all(t.casefold() in themes for t in flt.themes):
        return False
    if flt.concepts:
        concepts = set(row.concepts)
        concepts.update(flt.theme_concepts.get(t, "") for t in themes)
        if not all(c in concepts for c in flt.concepts):
            return False
    return True


def select(
    docs: Iterable[dict[str, Any]], flt: EntryFilter, limit: int | None = None
) -> list[Entry]:
    """Matching entries, oldest first; with ``limit``, the newest ``limit`` of them."""
    return [Entry.from_dict(d) for d in select_rows(docs, flt, limit)]


def select_rows(
    docs: Iterable[dict[str, Any]], flt: EntryFilter, limit: int | None = None
) -> list[dict[str, Any]]:
    """``select``'s entries as the stored dicts, not made into entries."""
    words = flt.words()
    found = [doc for doc in docs if matches(doc, flt, words)]
    found.sort(key=lambda d: EntryRow(d).created_at)
    if limit is not None and limit >= 0:
        found = found[-limit:] if limit else []
    return found
