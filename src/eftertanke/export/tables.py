"""JSON (everything, lossless) and CSV (for spreadsheets and R).

The JSON export holds every field of every exported entry, interview,
theme and transcript (with the coded passages of entries and transcripts)
exactly as the journal stores them, with sorted keys and a stable
order: the same journal gives the same bytes.

Two CSV tables:
- ``ratings``: one row per check-in (every entry with ratings), one column
  per rating, in time order; the long format R and spreadsheets plot over time;
- ``excerpts``: one row per excerpt with its reference, interview, themes
  and their concepts.

A text cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import orjson

from eftertanke.domain import RATING_KEYS, Entry, Interview, Theme
from eftertanke.transcript import Transcript

JSON_FORMAT = "eftertanke-export"
JSON_VERSION = 1
CSV_TABLES = ("ratings", "excerpts")


def json_export(
    entries: Iterable[Entry],
    interviews: Iterable[Interview],
    themes: Iterable[Theme],
    transcripts: Iterable[Transcript] = (),
) -> bytes:
    """Every field, themes and interviews by name; entries and transcripts
    carry their coded passages (``codings``)."""
    data = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "entries": [e.to_dict() for e in sorted(entries, key=lambda e: (e.created, e.id))],
        "interviews": [i.to_dict() for i in sorted(interviews, key=lambda i: (i.code, i.id))],
        "themes": [t.to_dict() for t in sorted(themes, key=lambda t: (t.concept, t.name, t.id))],
        "transcripts": [
            t.to_dict() for t in sorted(transcripts, key=lambda t: (t.interview, t.id))
        ],
    }
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) if v is not None else "" for v in row])
    return out.getvalue().encode("utf-8", errors="replace")


def ratings_csv(entries: Iterable[Entry]) -> bytes:
    header = ["entry_id", "created", "date", "kind", "author", "interview", *RATING_KEYS]
    rows = [
        [
            e.id,
            e.created.isoformat(),
            e.created.date().isoformat(),
            e.kind,
            e.author,
            e.interview or "",
            *(e.ratings.get(k, "") for k in RATING_KEYS),
        ]
        for e in sorted(entries, key=lambda e: (e.created, e.id))
        if e.ratings
    ]
    return _csv(header, rows)


def excerpts_csv(entries: Iterable[Entry], themes: Iterable[Theme]) -> bytes:
    concept_of = {t.name.casefold(): t.concept for t in themes}
    header = [
        "entry_id",
        "entry_created",
        "interview",
        "timestamp",
        "reference",
        "quote",
        "note",
        "themes",
        "concepts",
    ]
    rows: list[list[object]] = []
    for entry in sorted(entries, key=lambda e: (e.created, e.id)):
        for excerpt in entry.excerpts:
            concepts = list(
                dict.fromkeys(
                    concept_of[t.casefold()] for t in excerpt.themes if t.casefold() in concept_of
                )
            )
            rows.append(
                [
                    entry.id,
                    entry.created.isoformat(),
                    excerpt.interview,
                    excerpt.timestamp,
                    excerpt.reference,
                    excerpt.quote,
                    excerpt.note,
                    "; ".join(excerpt.themes),
                    "; ".join(concepts),
                ]
            )
    return _csv(header, rows)


__all__ = ["CSV_TABLES", "excerpts_csv", "json_export", "ratings_csv"]
