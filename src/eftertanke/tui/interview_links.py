"""What the journal's entries hold about each interview: the reflections
linked to it and the excerpts quoted from it.

One pass over the index gives every interview its links (``collect_links``),
so the list of interviews can count them and one interview show them. The
Interviews screens, the Themes screen (a theme's excerpts) and the command
palette (an entry's title) all draw these the same way, so they live here
and not in one of the screens. An excerpt is cited as the thesis cites it,
"(I03, 9.45)", and quotes are ordered by when they were said
(``timestamp_key``: 9.45 before 1:09:45).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from textual.content import Content

from eftertanke.entry_row import EntryRow
from eftertanke.textsafe import one_line


@dataclass(slots=True)
class LinkedExcerpt:
    """An excerpt quoted from an interview, with the entry it is in and how it is cited."""

    entry_id: str
    entry_title: str
    quote: str
    reference: str
    themes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class InterviewLinks:
    """What the journal holds about one interview (by code, casefolded)."""

    reflections: list[dict] = field(default_factory=list)
    excerpts: list[LinkedExcerpt] = field(default_factory=list)


def entry_title(doc: dict, limit: int = 60) -> str:
    """An entry's display title as one safe line."""
    return one_line(EntryRow(doc).display_title(limit), limit)


def collect_links(docs: Iterable[dict]) -> dict[str, InterviewLinks]:
    """Reflections and excerpts of every interview, keyed by casefolded code."""
    links: dict[str, InterviewLinks] = {}
    for doc in docs:
        # Every entry, read by key: an EntryRow per row costs 25 ms more at
        # 100,000 entries (entry_row.py).
        code = doc.get("interview")
        if code:
            links.setdefault(code.casefold(), InterviewLinks()).reflections.append(doc)
        for excerpt in doc.get("excerpts") or []:
            ex_code = excerpt.get("interview") or code
            if not ex_code:
                continue
            stamp = excerpt.get("timestamp") or ""
            links.setdefault(ex_code.casefold(), InterviewLinks()).excerpts.append(
                LinkedExcerpt(
                    entry_id=doc["id"],
                    entry_title=entry_title(doc),
                    quote=excerpt.get("quote") or "",
                    reference=f"({ex_code}, {stamp})" if stamp else f"({ex_code})",
                    themes=list(excerpt.get("themes") or []),
                )
            )
    return links


def excerpt_prompt(excerpt: LinkedExcerpt, width: int = 70, *, entry_word: str = "") -> Content:
    """A quote on one line, its reference, then its themes and entry, dimmed."""
    second = [one_line(", ".join(excerpt.themes), 40)] if excerpt.themes else []
    second.append(entry_word + excerpt.entry_title)
    return Content.assemble(
        ("“", "dim"),
        one_line(excerpt.quote, width),
        ("” ", "dim"),
        (excerpt.reference, "bold"),
        "\n  ",
        (" · ".join(p for p in second if p), "dim italic"),
    )


def timestamp_key(reference: str) -> tuple[int, float]:
    """Sort "(I03, 9.45)" by when it was said (the domain's rule: 9.45 before
    1:09:45); a quote without a time first."""
    from eftertanke.domain import timestamp_seconds

    _, _, stamp = reference.strip("()").partition(", ")
    if not stamp:
        return (0, 0.0)
    seconds = timestamp_seconds(stamp)
    return (1, seconds) if seconds is not None else (2, 0.0)


def whole_docs(index: Any, code: str) -> list[dict]:
    """The whole entries naming interview ``code`` (their own or an excerpt's),
    newest first, read from their shards: the app index's rows hold no quotes."""
    wanted = code.casefold()
    ids = [
        r.id for r in index.rows if wanted in {c.casefold() for c in EntryRow(r.doc).interviews()}
    ]
    return index.docs_of(ids)
