"""TinyDB storage that never tears a file.

TinyDB's stock ``JSONStorage`` truncates and rewrites in place, so a crash
mid-write leaves half a file. This storage serialises with orjson (sorted
keys, two-space indent, so one entry's data sits together and a new entry is
a small diff in git) and writes through ``files.atomic_write_bytes``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from eftertanke.store import files
from eftertanke.store.errors import CorruptFileError

if TYPE_CHECKING:
    from eftertanke.store.manifest import Manifest

MIRROR_SUFFIX = ".mirror"
# A data file's own generation (store/manifest.py): a top-level number beside
# the tables, written on its own line first (it sorts before every table name).
GENERATION_KEY = "_generation"


def dump(data: Any) -> bytes:
    """Tables as JSON with one document per line, keys sorted.

    One line per document keeps a file compact (fast to parse) while a new
    or changed entry is still a one-line diff for git. Anything that is not
    a dict of tables (the meta file) is written as one sorted object.
    """
    if not isinstance(data, dict) or not all(
        isinstance(v, dict) for k, v in data.items() if k != GENERATION_KEY
    ):
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS) + b"\n"
    tables = []
    if GENERATION_KEY in data:
        tables.append(orjson.dumps(GENERATION_KEY) + b": " + orjson.dumps(data[GENERATION_KEY]))
    for name in sorted(k for k in data if k != GENERATION_KEY):
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

    With a ``manifest`` (the journal's data files), every write stamps the
    file's next generation and records it, and every read is checked against
    the manifest: a missing primary is read from its mirror if that is the
    expected version, a file behind the manifest is refused when ``strict``
    (the read before a write, under the lock).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        codec: files.Codec = files.PLAIN,
        manifest: Manifest | None = None,
        strict: bool = False,
    ) -> None:
        self.path = Path(path)
        self.codec = codec
        self.manifest = manifest
        self.strict = strict

    def _read_file(self) -> dict[str, dict[str, Any]]:
        raw = files.read_bytes(self.path)
        data = parse(self.codec.decode(raw, self.path), self.path)
        if not isinstance(data, dict):
            raise CorruptFileError(self.path, "expected a JSON object of tables")
        return data

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self._read_file()
        except FileNotFoundError:
            if self.manifest is None:
                return None
            return self.manifest.missing_primary(self.path, self.strict)
        if self.manifest is not None:
            data = self.manifest.check_parsed(self.path, data, self._read_file, self.strict)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        generation = self.manifest.stamp(self.path, data) if self.manifest is not None else None
        self.write_dumped(dump(data), generation)

    def write_dumped(self, plain: bytes, generation: int | None) -> None:
        """Write ``plain``, bytes ``dump`` made (or ``store/splice.py``, which
        makes the same), stamped with ``generation`` (``Manifest.stamp``)."""
        encoded = self.codec.encode(plain)
        recording = self.manifest is not None and generation is not None
        hashing = DigestAside(encoded) if recording and len(encoded) >= DIGEST_ASIDE else None
        files.atomic_write_bytes(self.path, encoded)
        files.atomic_write_bytes(mirror_path(self.path), encoded, durable=False)
        if recording:
            found = hashing.result() if hashing is not None else None
            self.manifest.written(self.path, generation, encoded, found)  # type: ignore[union-attr,arg-type]

    def close(self) -> None:
        pass


# From this size a file's digest for the manifest is worked out in a thread
# while the file is written and synced (both let go of the GIL): at 100,000
# entries a shard is 1.2 MB and its digest 0.8 ms of a 10 ms save. Below it
# a thread costs more than it saves.
DIGEST_ASIDE = 256 * 1024


class DigestAside:
    """A digest worked out in a thread (see DIGEST_ASIDE); ``result`` waits for it."""

    def __init__(self, raw: bytes) -> None:
        import threading

        from eftertanke.store.manifest import digest

        self._found: list[str] = []
        self._thread = threading.Thread(target=lambda: self._found.append(digest(raw)))
        self._thread.start()

    def result(self) -> str | None:
        self._thread.join()
        return self._found[0] if self._found else None  # None: the manifest works it out


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


def open_db(
    path: Path, codec: files.Codec, manifest: Manifest | None = None, strict: bool = False
) -> JournalDB:
    return JournalDB(path, storage=AtomicStorage, codec=codec, manifest=manifest, strict=strict)
