"""Reading jrnl's JSON export (``jrnl --format json > journal.json``).

jrnl (https://jrnl.sh) writes ``{"tags": {...}, "entries": [{"title",
"body", "date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"],
"starred": bool}, ...]}``. Each entry becomes an eftertanke entry: jrnl's
title (its first sentence) is the title, its body the body (the title again
when the body is empty, since an entry needs text). jrnl has no time zones:
its times are taken as local time here. Tags lose their ``@``/``#`` and go
through the tag mapping; jrnl's star is the entry's star (``Entry.starred``),
never a theme, so it stays out of the analytic codebook.

jrnl's own journal file (``[2024-03-14 16:05] Title *`` then the body, the
time in jrnl's default format) is read too: it is what ``eftertanke export
jrnl`` writes and what ``jrnl --import`` takes. Its title is the first line
(jrnl's first-sentence rule is not repeated: the first line is what the file
shows), its tags the ``@tag`` and ``#tag`` words of the text.

The id of each imported entry is derived from its date, time and text, so
importing the same export twice adds nothing the second time.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from eftertanke.dates import local_moment, local_zone
from eftertanke.domain import MAX_TITLE, Entry, ValidationError
from eftertanke.importers.markdown import ID_NAMESPACE
from eftertanke.importers.plan import ImportFileError, ImportPlan, clean_tag

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
HINT = (
    "is not jrnl's JSON export or journal file (make one with: jrnl --format json > journal.json)"
)
# jrnl's entry start with its default time format, and its tag pattern.
_TEXT_START = re.compile(r"(?:^|\n)\[(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2})\] ")
_TEXT_TAG = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")


def _text_entries(text: str) -> list[dict[str, Any]] | None:
    """jrnl's journal file as the items of its JSON export; None if it is not one."""
    if not text.lstrip("\ufeff").startswith("["):
        return None
    matches = list(_TEXT_START.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    items = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        chunk = text[match.end() : following.start() if following else len(text)]
        first, _, body = chunk.partition("\n")
        first = first.rstrip()
        starred = first.endswith("*")
        title = first.rstrip(" *") if starred else first
        body = body.strip("\n").rstrip()
        tags = list(dict.fromkeys(t.casefold() for t in _TEXT_TAG.findall(f"{title}\n{body}")))
        items.append({"title": title, "body": body, "date": match.group(1),
                      "time": match.group(2), "tags": tags, "starred": starred})  # fmt: skip
    return items


def _check(data: Any, display: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFileError(display, HINT)
    entries = data["entries"]
    for number, item in enumerate(entries, start=1):
        problem = None
        if not isinstance(item, dict):
            problem = "is not an object"
        else:
            for key in ("title", "body", "date", "time"):
                if not isinstance(item.get(key), str):
                    problem = f"has no text field {key!r}"
                    break
            else:
                if not _DATE.match(item["date"]) or not _TIME.match(item["time"]):
                    problem = (
                        f"has a date or time jrnl does not write: {item['date']} {item['time']}"
                    )
                elif not isinstance(item.get("tags", []), list) or not all(
                    isinstance(t, str) for t in item.get("tags", [])
                ):
                    problem = "has tags that are not a list of text"
                elif not isinstance(item.get("starred", False), bool):
                    problem = "has 'starred' that is not true or false"
        if problem:
            raise ImportFileError(display, f"{HINT}: entry {number} {problem}")
    return entries


def _read(path: Path, display: str) -> Any:
    """The file's entries as jrnl's JSON holds them (its text export is read too)."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ImportFileError(display, "is a folder; give the JSON file jrnl wrote") from None
    except OSError as exc:
        raise ImportFileError(display, f"cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFileError(display, "is not UTF-8 text") from None
    items = _text_entries(text)
    if items is not None:
        return {"entries": items}
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ImportFileError(display, HINT) from None


def read_jrnl(path: Path, *, kind: str = "daily", lang: str = "da") -> ImportPlan:
    """An ``ImportPlan`` from a jrnl JSON export; ``ImportFileError`` if it is not one."""
    path = Path(path)
    display = str(path)
    data = _read(path, display)
    plan = ImportPlan(source=display)
    zone = local_zone()  # looked up once: per entry it is a tenth of the import
    for number, item in enumerate(_check(data, display), start=1):
        where = f"{path.name} entry {number} ({item['date']} {item['time']})"
        title = item["title"].strip()
        body = item["body"].strip("\n").rstrip()
        try:
            wall = datetime.fromisoformat(f"{item['date']}T{item['time']}")
        except ValueError:
            plan.reject(where, f"{item['date']} {item['time']} is not a date")
            continue
        try:
            # jrnl's times are local; one in the spring DST gap never happened
            # on a clock here, so it is listed as rejected rather than moved.
            created = local_moment(wall, zone)
        except (ValidationError, OverflowError) as exc:
            plan.reject(where, str(exc) or f"{item['date']} {item['time']} is out of range")
            continue
        tags: list[str] = []
        for tag in item.get("tags", []):
            cleaned = clean_tag(tag)
            if cleaned and cleaned not in tags:
                tags.append(cleaned)
        if len(title) > MAX_TITLE:
            title, body = "", f"{title} {body}".strip()
        ident = uuid.uuid5(
            ID_NAMESPACE,
            "\x00".join(("jrnl", item["date"], item["time"], item["title"], item["body"])),
        )
        try:
            entry = Entry(
                id=str(ident),
                kind=kind,
                title=title,
                body=body or title,
                themes=tags,
                starred=item.get("starred", False),
                language=lang,
                created=created,
                updated=created,
            ).validate()
        except ValidationError as exc:
            plan.reject(where, str(exc))
            continue
        plan.add_entry(entry, where)
    return plan


__all__ = ["read_jrnl"]
