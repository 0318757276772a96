"""Saving one document by changing its line of the file, not the whole file (issue 16).

A save used to parse its shard, change one document and serialise every
document again. At 100,000 entries a shard holds about 400 entries (1.2 MB)
and that was two thirds of a save. The file format (``storage.dump``) has
one document per line, sorted by id, so a save can instead find the line of
its document, parse that line alone, and put the new line in its place (or
in its sorted place, for a new document): the bytes are exactly those
``dump`` would write for the changed tables.

Only a file that is certainly in that format is changed this way: its bytes
must be the ones the journal's manifest records (the digest of the last
write, made by ``dump``), so a file written by hand, by an older version, put
back from elsewhere or damaged is never spliced; the caller then reads and
writes it whole, as before, with every check. The manifest check a strict
read makes (a file behind the manifest is refused) holds at once: the bytes
are the manifest's own. Files with more than one table (the codebook and its
log) are always written whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from eftertanke.store import files
from eftertanke.store.manifest import Manifest, digest
from eftertanke.store.storage import GENERATION_KEY

_GENERATION_HEAD = orjson.dumps(GENERATION_KEY) + b": "
# Ids spliced: letters, digits and dashes (UUIDs), whose JSON strings sort as
# bytes as the ids sort as text (a space or "!" would sort before the quote).
_PLAIN_ID = re.compile(rb'"[0-9A-Za-z-]+"')
_PLAIN_LINE = re.compile(rb'"[0-9A-Za-z-]+": \{')


def plain_id(doc_id: str) -> bool:
    """``doc_id`` can be found and placed among the lines (see ``_PLAIN_ID``)."""
    return _PLAIN_ID.fullmatch(orjson.dumps(doc_id)) is not None


@dataclass(slots=True)
class LineFile:
    """A one-table data file as ``dump`` wrote it: its document lines, in id order."""

    table: str
    generation: int
    # ``<id>: <document>``, each but the last with the comma that separates them
    body: list[bytes]

    def _find(self, key: bytes) -> tuple[int, bool]:
        # A line starts with its id's JSON string: lines compare as their ids do
        # (plain ids, see ``_PLAIN_ID``); the line of ``key`` itself sorts after it.
        at = bisect.bisect_left(self.body, key)
        return at, at < len(self.body) and self.body[at].startswith(key + b": ")

    def stored(self, doc_id: str) -> dict[str, Any] | None:
        """The document ``doc_id`` as stored, parsed from its line alone."""
        key = orjson.dumps(doc_id)
        at, found = self._find(key)
        if not found:
            return None
        value = orjson.loads(self.body[at][len(key) + 2 :].removesuffix(b","))
        return value if isinstance(value, dict) else None

    def with_document(self, doc_id: str, doc: dict[str, Any], generation: int) -> bytes:
        """The file's bytes with ``doc`` as the document ``doc_id`` and the
        ``generation`` stamped: the bytes ``storage.dump`` writes for them."""
        key = orjson.dumps(doc_id)
        line = key + b": " + orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
        body = list(self.body)
        at, found = self._find(key)
        if found:
            body[at] = line + (b"," if at < len(body) - 1 else b"")
        elif at == len(body):
            body[-1] += b","
            body.append(line)
        else:
            body.insert(at, line + b",")
        head = b"{\n" + _GENERATION_HEAD + orjson.dumps(generation) + b",\n"
        # One join: each ``+`` of the 1.2 MB body (at 100,000 entries) is a copy.
        return b"".join((head, orjson.dumps(self.table), b": {\n", b"\n".join(body), b"\n}\n}\n"))


def open_lines(path: Path, table: str, codec: files.Codec, manifest: Manifest) -> LineFile | None:
    """The file as a ``LineFile``, if its bytes are the ones the manifest
    records of a save (made by ``dump``) and in ``dump``'s one-table format;
    None otherwise (the caller reads the file whole)."""
    record = manifest.record(path)
    if record is None or not record.dumped:
        return None
    try:
        raw = files.read_bytes(path)
    except OSError:
        return None
    if digest(raw) != record.digest:
        return None
    try:
        plain = codec.decode(raw, path)
    except Exception:  # noqa: BLE001 - the whole read says what is wrong, with its own errors
        return None
    found = parse_lines(plain, table)
    if found is None or found.generation != record.generation:
        return None
    return found


def parse_lines(plain: bytes, table: str) -> LineFile | None:
    """``plain``, bytes ``dump`` made, split into its lines if it is a file of
    one table with its generation; None for anything else (the meta file, the
    codebook with its log, an empty table, written ``{}``)."""
    parts = plain.split(b"\n")
    # {, "_generation": N,, "<table>": {, lines..., }, }, "" (the last newline)
    if len(parts) < 7 or parts[0] != b"{" or parts[-3:] != [b"}", b"}", b""]:
        return None
    head = parts[1]
    if not (head.startswith(_GENERATION_HEAD) and head.endswith(b",")):
        return None
    try:
        generation = int(head[len(_GENERATION_HEAD) : -1])
    except ValueError:
        return None
    if parts[2] != orjson.dumps(table) + b": {":
        return None
    body = parts[3:-3]
    # Every id plain, so that the lines sort as bytes as ``dump`` sorted them.
    if not all(map(_PLAIN_LINE.match, body)):
        return None
    return LineFile(table, generation, body)
