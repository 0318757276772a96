"""TinyDB storage that never tears a file.

TinyDB's stock ``JSONStorage`` truncates and rewrites in place, so a crash
mid-write leaves half a file. This storage serialises with orjson (sorted
keys, two-space indent, so one entry's data sits together and a new entry is
a small diff in git) and writes through ``files.atomic_write_bytes``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from eftertanke.store import files
from eftertanke.store.errors import CorruptFileError

MIRROR_SUFFIX = ".mirror"


def dump(data: Any) -> bytes:
    """Tables as JSON with one document per line, keys sorted.

    One line per document keeps a file compact (fast to parse) while a new
    or changed entry is still a one-line diff for git. Anything that is not
    a dict of tables (the meta file) is written as one sorted object.
    """
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS) + b"\n"
    tables = []
    for name in sorted(data):
        rows = data[name]
        lines = b",\n".join(
            orjson.dumps(doc_id) + b": " + orjson.dumps(rows[doc_id], option=orjson.OPT_SORT_KEYS)
            for doc_id in sorted(rows)
        )
        body = b"{\n" + lines + b"\n}" if rows else b"{}"
        tables.append(orjson.dumps(name) + b": " + body)
    return b"{\n" + b",\n".join(tables) + b"\n}\n"


def parse(raw: bytes, path: Path) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptFileError(path, f"not valid JSON ({exc})") from exc


class AtomicStorage(Storage):
    """Whole-file reads and atomic, durable whole-file writes.

    After each write the same bytes also go to ``<name>.mirror``, so that if
    a file is ever damaged outside eftertanke's control (a bad disk block, a
    hand edit, a sync tool) ``doctor --repair`` can bring back exactly the
    last good state. The mirror is not fsynced: the primary file carries the
    durability guarantee; the mirror is checked before it is trusted.
    """

    def __init__(self, path: str | os.PathLike[str], codec: files.Codec = files.PLAIN) -> None:
        self.path = Path(path)
        self.codec = codec

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = files.read_bytes(self.path)
        except FileNotFoundError:
            return None
        data = parse(self.codec.decode(raw, self.path), self.path)
        if not isinstance(data, dict):
            raise CorruptFileError(self.path, "expected a JSON object of tables")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        encoded = self.codec.encode(dump(data))
        files.atomic_write_bytes(self.path, encoded)
        files.atomic_write_bytes(mirror_path(self.path), encoded, durable=False)

    def close(self) -> None:
        pass


def mirror_path(path: Path) -> Path:
    return path.with_name(path.name + MIRROR_SUFFIX)


class UuidTable(Table):
    """Documents are keyed by UUID strings, never by TinyDB's counters."""

    document_id_class = str

    def _get_next_id(self) -> str:  # pragma: no cover - every insert names its id
        raise RuntimeError("eftertanke documents must be inserted with an explicit UUID")


class JournalDB(TinyDB):
    table_class = UuidTable
    default_table_name = "entries"


def open_db(path: Path, codec: files.Codec) -> JournalDB:
    return JournalDB(path, storage=AtomicStorage, codec=codec)
