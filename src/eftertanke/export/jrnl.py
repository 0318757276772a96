"""Entries in jrnl's formats (https://jrnl.sh), for going back to jrnl.

Two forms of the same entries, in time order:

- ``jrnl_text``: jrnl's own journal file, the only thing ``jrnl --import``
  takes (jrnl 4.6 has one importer, for this format)::

      [2024-03-14 16:05] Title *
      Body

  with jrnl's default time format (``%Y-%m-%d %H:%M``) and `` *`` after a
  starred entry's title;
- ``jrnl_json``: what ``jrnl --format json`` writes, which
  ``eftertanke import jrnl`` reads (as it reads the text form).

jrnl keeps tags in the text (``@tag``): a theme the entry's text does not
already name is added as a last line of tags, spaces turned into ``-``
(``Farlig tavshed`` is ``@farlig-tavshed``). jrnl has no time zones: times
are written as the journal's local wall-clock time. An entry without a title
starts with its first line, which jrnl reads as the title. Everything else
eftertanke holds (sections, excerpts, codings, ratings) has no place in jrnl:
answers to guided prompts are written into the body under their prompts;
the rest stays in eftertanke (the JSON and REFI-QDA exports keep it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import orjson

from eftertanke.dates import local_zone
from eftertanke.domain import Entry

TIME_FORMAT = "%Y-%m-%d %H:%M"
# jrnl's tag pattern with its default tag symbols (jrnl/journals/Entry.py).
_TAG = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")
# A line jrnl would take for the start of a new entry.
_ENTRY_START = re.compile(r"^\[[^\]\n]+\] ", re.MULTILINE)


def tag_for(theme: str) -> str:
    """A theme as a jrnl tag: ``Farlig tavshed`` -> ``@farlig-tavshed``."""
    return "@" + "-".join(re.sub(r"[^-\w/+]", " ", theme).split()).casefold()


def _parts(entry: Entry) -> tuple[str, str, list[str]]:
    """Title, body and tags of one entry as jrnl holds them."""
    body = entry.body.strip("\n").rstrip()
    answers = [
        f"{s.prompt_text}\n{s.answer.strip()}" if s.prompt_text else s.answer.strip()
        for s in entry.sections
        if s.answer.strip()
    ]
    body = "\n\n".join(p for p in [body, *answers] if p)
    title = " ".join(entry.title.split())
    if body == title:
        body = ""  # jrnl's title-only entry, imported with the title as its body
    if not title:
        first, _, rest = body.partition("\n")
        title, body = first.strip(), rest.strip("\n")
    # A line that looks like "[date] " would start a new entry when jrnl reads the file.
    body = _ENTRY_START.sub(lambda m: " " + m.group(0), body)
    text = f"{title}\n{body}"
    present = {t.casefold() for t in _TAG.findall(text)}
    tags = [tag_for(theme) for theme in entry.themes]
    missing = [t for t in dict.fromkeys(tags) if t.casefold() not in present and len(t) > 1]
    if missing:
        body = f"{body}\n\n{' '.join(missing)}" if body else " ".join(missing)
    # The tags jrnl itself finds in the text (lower-cased, "##" of a heading too).
    found = dict.fromkeys(t.casefold() for t in _TAG.findall(f"{title}\n{body}"))
    return title, body, list(found)


def _ordered(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.created, e.id))


def jrnl_text(entries: Iterable[Entry]) -> bytes:
    """jrnl's journal file: what ``jrnl --import FILE`` reads."""
    zone = local_zone()
    out: list[str] = []
    for entry in _ordered(entries):
        title, body, _ = _parts(entry)
        when = entry.created.astimezone(zone).strftime(TIME_FORMAT)
        head = f"[{when}] {title}" + (" *" if entry.starred else "")
        out.append(f"{head}\n{body}\n" if body else f"{head}\n")
    return "\n".join(out).encode("utf-8")


def jrnl_json(entries: Iterable[Entry]) -> bytes:
    """jrnl's JSON export (``jrnl --format json``), with the same entries."""
    zone = local_zone()
    items = []
    counts: Counter[str] = Counter()
    for entry in _ordered(entries):
        title, body, tags = _parts(entry)
        when = entry.created.astimezone(zone)
        counts.update(tags)
        items.append(
            {
                "title": title,
                "body": body,
                "date": when.strftime("%Y-%m-%d"),
                "time": when.strftime("%H:%M"),
                "tags": tags,
                "starred": entry.starred,
            }
        )
    data = {"tags": dict(counts.most_common()), "entries": items}
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


__all__ = ["jrnl_json", "jrnl_text", "tag_for"]
