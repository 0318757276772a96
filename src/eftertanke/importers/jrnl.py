"""Reading jrnl's JSON export (``jrnl --format json > journal.json``).

jrnl (https://jrnl.sh) writes ``{"tags": {...}, "entries": [{"title",
"body", "date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"],
"starred": bool}, ...]}``. Each entry becomes an eftertanke entry: jrnl's
title (its first sentence) is the title, its body the body (the title again
when the body is empty, since an entry needs text). jrnl has no time zones:
its times are taken as local time here. Tags lose their ``@``/``#`` and go
through the tag mapping; a starred entry gets the tag ``starred``.

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

STARRED_TAG = "starred"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
HINT = "is not jrnl's JSON export (make one with: jrnl --format json > journal.json)"


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


def read_jrnl(path: Path, *, kind: str = "daily", lang: str = "da") -> ImportPlan:
    """An ``ImportPlan`` from a jrnl JSON export; ``ImportFileError`` if it is not one."""
    path = Path(path)
    display = str(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ImportFileError(display, "is a folder; give the JSON file jrnl wrote") from None
    except OSError as exc:
        raise ImportFileError(display, f"cannot be read: {exc.strerror or exc}") from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFileError(display, "is not UTF-8 text") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ImportFileError(display, HINT) from None
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
        for tag in [*item.get("tags", []), *([STARRED_TAG] if item.get("starred") else [])]:
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
