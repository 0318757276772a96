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

Both load without options in pandas, R and Excel ("tidy"):
- a time is ISO 8601 with its offset (``created``, the journal's local time)
  and again in UTC with a ``Z`` (``created_utc``): across a daylight-saving
  change the offsets differ, and ``pandas.to_datetime`` reads mixed offsets
  only with ``utc=True``; the UTC column parses as it is;
- an excerpt's timestamp is cited as the thesis does ("17.20": 17 min 20 s),
  which every reader takes for the number 17.2; the table writes it as
  ``0:17:20`` (text to pandas and base R, a time of day to readr and Excel:
  never a wrong number) and as whole seconds in ``timestamp_seconds``;
- ``excel=True`` is for Excel set to Danish (or any locale whose list
  separator is ``;``): a UTF-8 byte-order mark, without which Excel reads
  UTF-8 as Windows-1252 and garbles æøå, ``;`` between cells and CRLF line
  ends. No column holds a number with decimals (ratings and seconds are whole
  numbers), so no decimal comma is needed.

A text cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import orjson

from eftertanke.domain import RATING_KEYS, Entry, Interview, Theme, timestamp_seconds
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


_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def json_item(data: object, depth: int = 2) -> bytes:
    """One item of an indented JSON array nested ``depth`` levels deep, as
    orjson writes it inside the whole document (a JSON string holds no raw
    newline, so every newline is indentation)."""
    return orjson.dumps(data, option=_JSON_OPTIONS).replace(b"\n", b"\n" + b"  " * depth)


def json_entry_piece(entry: Entry) -> bytes:
    """An entry as it stands in the export's ``entries`` array."""
    return json_item(entry.to_dict())


def json_entry_key(entry: Entry) -> tuple[datetime, str]:
    """The order of the export's entries."""
    return (entry.created, entry.id)


def write_json_array(write: Callable[[bytes], object], pieces: Iterable[bytes], depth: int) -> None:
    """An indented JSON array of ready items (``json_item``), written item by item."""
    write(b"[")
    first = True
    for piece in pieces:
        write(b"\n" + b"  " * depth if first else b",\n" + b"  " * depth)
        write(piece)
        first = False
    write(b"]" if first else b"\n" + b"  " * (depth - 1) + b"]")


def write_json_export(
    write: Callable[[bytes], object],
    entry_pieces: Iterable[bytes],
    interviews: Iterable[Interview],
    themes: Iterable[Theme],
    transcripts: Iterable[Transcript] = (),
) -> None:
    """``json_export``, byte for byte, written as it goes: ``entry_pieces`` are
    the entries' ``json_entry_piece`` in export order (a ``SortedSpool``)."""
    write(b'{\n  "entries": ')
    write_json_array(write, entry_pieces, 2)
    rest = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "interviews": [i.to_dict() for i in sorted(interviews, key=lambda i: (i.code, i.id))],
        "themes": [t.to_dict() for t in sorted(themes, key=lambda t: (t.concept, t.name, t.id))],
        "transcripts": [
            t.to_dict() for t in sorted(transcripts, key=lambda t: (t.interview, t.id))
        ],
    }
    write(b",")
    write(orjson.dumps(rest, option=_JSON_OPTIONS)[1:])
    write(b"\n")


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: Iterable[list[object]], excel: bool = False) -> bytes:
    data = csv_lines([header], excel, cells=False) + csv_lines(rows, excel)
    return b"\xef\xbb\xbf" + data if excel else data


def csv_lines(rows: Iterable[list[object]], excel: bool = False, *, cells: bool = True) -> bytes:
    """Rows as CSV lines (``excel``: ';' and CRLF); ``cells``: values made safe
    for a spreadsheet, empty for None (not for the header)."""
    out = io.StringIO(newline="")
    if excel:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(v) if v is not None else "" for v in row] if cells else row)
    return out.getvalue().encode("utf-8", errors="replace")


def write_csv(
    write: Callable[[bytes], object], header: list[str], pieces: Iterable[bytes], excel: bool
) -> None:
    """A CSV table written as it goes: ``pieces`` are ``csv_lines`` in order."""
    if excel:
        write(b"\xef\xbb\xbf")
    write(csv_lines([header], excel, cells=False))
    for piece in pieces:
        write(piece)


def local_time(moment: datetime) -> str:
    """``2024-03-31T10:00:00+02:00``: to the second, so every row has one form."""
    return moment.isoformat(timespec="seconds")


def utc_time(moment: datetime) -> str:
    """``2024-03-31T08:00:00Z``: one offset for every row, so readers parse it as it is."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clock_time(timestamp: str) -> tuple[str, int | None]:
    """A cited timestamp ("17.20", "1:09:45") as ``0:17:20`` and its whole seconds."""
    seconds = timestamp_seconds(timestamp)
    if seconds is None:
        return timestamp, None
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}", whole


RATINGS_HEADER = [
    "entry_id", "created", "created_utc", "date", "kind", "author", "interview", *RATING_KEYS
]  # fmt: skip
EXCERPTS_HEADER = [
    "entry_id",
    "entry_created",
    "entry_created_utc",
    "interview",
    "timestamp",
    "timestamp_seconds",
    "reference",
    "quote",
    "note",
    "themes",
    "concepts",
]


def _by_time(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.created, e.id))


def ratings_rows(e: Entry) -> list[list[object]]:
    """An entry's row of the ratings table (none without ratings)."""
    if not e.ratings:
        return []
    return [
        [
            e.id,
            local_time(e.created),
            utc_time(e.created),
            e.created.date().isoformat(),
            e.kind,
            e.author,
            e.interview or "",
            *(e.ratings.get(k, "") for k in RATING_KEYS),
        ]
    ]


def ratings_csv(entries: Iterable[Entry], excel: bool = False) -> bytes:
    rows = [row for e in _by_time(entries) for row in ratings_rows(e)]
    return _csv(RATINGS_HEADER, rows, excel)


def concepts_by_theme(themes: Iterable[Theme]) -> dict[str, str]:
    return {t.name.casefold(): t.concept for t in themes}


def excerpt_rows(entry: Entry, concept_of: dict[str, str]) -> list[list[object]]:
    """An entry's rows of the excerpts table, one per excerpt."""
    rows: list[list[object]] = []
    for excerpt in entry.excerpts:
        concepts = list(
            dict.fromkeys(
                concept_of[t.casefold()] for t in excerpt.themes if t.casefold() in concept_of
            )
        )
        clock, seconds = clock_time(excerpt.timestamp)
        rows.append(
            [
                entry.id,
                local_time(entry.created),
                utc_time(entry.created),
                excerpt.interview,
                clock,
                seconds,
                excerpt.reference,
                excerpt.quote,
                excerpt.note,
                "; ".join(excerpt.themes),
                "; ".join(concepts),
            ]
        )
    return rows


def excerpts_csv(entries: Iterable[Entry], themes: Iterable[Theme], excel: bool = False) -> bytes:
    concept_of = concepts_by_theme(themes)
    rows = [row for entry in _by_time(entries) for row in excerpt_rows(entry, concept_of)]
    return _csv(EXCERPTS_HEADER, rows, excel)


__all__ = ["CSV_TABLES", "excerpts_csv", "json_export", "ratings_csv"]
