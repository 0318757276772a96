"""The data corpus by data type: how many entries of each kind of material
the journal holds, their words and the period they span.

Self-as-data (Chang) entries count under their data type (chronology,
inventory, self-observation, self-reflection); every other entry under its
kind (reflections after interviews, daily check-ins, memos). Entries in the
trash are left out. Words are whitespace-separated words of what was written
(body, answers, quotes; ``analysis.common.word_count``). A chronology
entry's date is the event's, so its period is the span of the events.

Pure: takes stored entry dicts; used by ``analyse data-types`` and the
methods appendix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from eftertanke.analysis.common import word_count
from eftertanke.domain import DATA_TYPES, ENTRY_KINDS
from eftertanke.entry_row import EntryRow
from eftertanke.i18n import t

# Kinds first, in the order the study made them, then the self-as-data types.
CATEGORIES: tuple[str, ...] = ("interview", "daily", "memo", *DATA_TYPES)
assert set(ENTRY_KINDS) <= set(CATEGORIES)


@dataclass(slots=True)
class CorpusRow:
    """One kind of material in the corpus: its entries, their words and the dates they span."""

    category: str
    entries: int = 0
    words: int = 0
    first: date | None = None
    last: date | None = None

    @property
    def is_self_data(self) -> bool:
        return self.category in DATA_TYPES

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "self_data": self.is_self_data,
            "entries": self.entries,
            "words": self.words,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


def category_of(doc: Mapping[str, Any]) -> str:
    row = EntryRow(doc)
    return row.data_type or row.kind


def corpus(docs: Iterable[Mapping[str, Any]]) -> list[CorpusRow]:
    """A row per category with entries, in ``CATEGORIES`` order."""
    rows = {category: CorpusRow(category) for category in CATEGORIES}
    for doc in docs:
        row = EntryRow(doc)
        if row.deleted:
            continue
        found = rows.setdefault(category_of(doc), CorpusRow(category_of(doc)))
        found.entries += 1
        found.words += word_count("\n".join(row.texts()))
        day = row.created_at.date()
        found.first = min(found.first or day, day)
        found.last = max(found.last or day, day)
    return [r for r in rows.values() if r.entries]


def category_label(category: str, lang: str) -> str:
    key = f"selfdata.corpus.{category}"
    return t(key, lang)


def period_text(row: CorpusRow, lang: str) -> str:
    from eftertanke.dates import format_date

    if row.first is None or row.last is None:
        return ""
    first, last = format_date(row.first, lang), format_date(row.last, lang)  # type: ignore[arg-type]
    return first if first == last else f"{first} – {last}"


def corpus_table(rows: list[CorpusRow], lang: str) -> Any:
    """The corpus as an analysis ``Table`` (terminal, Markdown, CSV)."""
    from eftertanke.analysis.render import Table

    table = Table(
        t("selfdata.corpus.title", lang),
        [t(f"selfdata.corpus.{k}", lang) for k in ("data", "entries", "words", "period")],
        empty=t("selfdata.corpus.empty", lang),
        right={1, 2},
    )
    for row in rows:
        table.add([category_label(row.category, lang), row.entries, row.words,
                   period_text(row, lang)])  # fmt: skip
    if rows:
        own = sum(r.entries for r in rows if r.is_self_data)
        table.notes = [t("selfdata.corpus.self_total", lang, n=own)]
    return table
