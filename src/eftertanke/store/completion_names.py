"""What shell completion offers, read from a journal's files without opening it.

A tab press must answer at once and change nothing, so this reads the
folder's data files directly (as ``due_summary`` does) instead of opening a
``Journal``, which takes the lock, may migrate, and writes the manifest. It
never writes, never creates the folder, and asks for no passphrase: an
encrypted journal is read only with a codec the caller already has.

Every reader here may raise on a folder it does not understand; the command
line's completion (cli/completion.py) turns any error into no suggestions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from eftertanke.store import files, layout
from eftertanke.store.references import ALIAS_KEY


def _table(path: Path, table: str, codec: files.Codec) -> dict[str, Any]:
    """The rows of one table of a data file; {} when the file is not there."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    data = orjson.loads(codec.decode(raw, path))
    rows = data.get(table) if isinstance(data, dict) else None
    return rows if isinstance(rows, dict) else {}


def _live(rows: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The records that are not aliases (a merged theme stays as one)."""
    for doc in rows.values():
        if isinstance(doc, dict) and not doc.get(ALIAS_KEY):
            yield doc


def theme_names(root: Path, codec: files.Codec = files.PLAIN) -> list[str]:
    rows = _table(root / layout.THEMES_FILE, layout.THEMES_TABLE, codec)
    return sorted({str(doc["name"]) for doc in _live(rows) if doc.get("name")}, key=str.casefold)


def interviews(root: Path, codec: files.Codec = files.PLAIN) -> list[tuple[str, str]]:
    """Each interview's code and role, by code."""
    rows = _table(root / layout.INTERVIEWS_FILE, layout.INTERVIEWS_TABLE, codec)
    found = {str(doc["code"]): str(doc.get("role") or "") for doc in _live(rows) if doc.get("code")}
    return sorted(found.items(), key=lambda item: item[0].casefold())


def entries(
    root: Path, prefix: str = "", codec: files.Codec = files.PLAIN, *, deleted: bool | None = False
) -> list[tuple[str, str]]:
    """The (id, title) of every entry whose id starts with ``prefix``, oldest
    first; ``deleted``: False the entries not in the trash, True only those in
    it, None both. Entries are sharded by their id's first two characters, so
    a prefix of two or more reads one shard."""
    folder = root / layout.ENTRIES_DIR
    prefix = prefix.lower()
    if len(prefix) >= 2:
        shards = [folder / f"{prefix[:2]}.json"]
    else:
        shards = sorted(folder.glob(f"{prefix}*.json")) if folder.is_dir() else []
    found = []
    for shard in shards:
        for ident, doc in _table(shard, layout.ENTRIES_TABLE, codec).items():
            if not isinstance(doc, dict) or not str(ident).startswith(prefix):
                continue
            if deleted is not None and bool(doc.get("deleted")) != deleted:
                continue
            found.append((str(doc.get("created") or ""), str(ident), _title(doc)))
    return [(ident, title) for _, ident, title in sorted(found)]


def questions(
    root: Path, prefix: str = "", codec: files.Codec = files.PLAIN
) -> list[tuple[str, str]]:
    """The (id, text) of every carried-forward question whose id starts with
    ``prefix``. Questions live in the reflections that raised them, so every
    shard is read (a tab press on a large journal takes a moment)."""
    folder = root / layout.ENTRIES_DIR
    prefix = prefix.lower()
    found = []
    for shard in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        for doc in _table(shard, layout.ENTRIES_TABLE, codec).values():
            if not isinstance(doc, dict) or doc.get("deleted"):
                continue
            for question in doc.get("questions") or []:
                ident = str(question.get("id") or "") if isinstance(question, dict) else ""
                if ident.startswith(prefix):
                    text = " ".join(str(question.get("text") or "").split())[:60]
                    found.append((ident, text))
    return sorted(found)


def _title(doc: dict[str, Any]) -> str:
    """What the suggestion says of the entry: its day, kind and title (else
    the start of its body)."""
    text = " ".join(str(doc.get("title") or doc.get("body") or "").split())[:60]
    day = str(doc.get("created") or "")[:10]
    return " ".join(part for part in (day, str(doc.get("kind") or ""), text) if part)
