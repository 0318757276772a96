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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from eftertanke.store import files
from eftertanke.store.manifest import Manifest, digest
from eftertanke.store.storage import DIGEST_ASIDE, GENERATION_KEY, DigestAside

_GENERATION_HEAD = orjson.dumps(GENERATION_KEY) + b": "
# Ids spliced: letters, digits and dashes (UUIDs), whose JSON strings sort as
# bytes as the ids sort as text (a space or "!" would sort before the quote).
_PLAIN_ID = re.compile(rb'"[0-9A-Za-z-]+"')
_PLAIN_LINE = re.compile(rb'"[0-9A-Za-z-]+": \{')
# A line after the first whose id is not plain (see ``_PLAIN_ID``).
_ODD_LINE = re.compile(rb'\n(?!"[0-9A-Za-z-]+": \{)')
_TAIL = b"\n}\n}\n"


def plain_id(doc_id: str) -> bool:
    """``doc_id`` can be found and placed among the lines (see ``_PLAIN_ID``)."""
    return _PLAIN_ID.fullmatch(orjson.dumps(doc_id)) is not None


@dataclass(slots=True)
class LineFile:
    """A one-table data file as ``dump`` wrote it: its bytes, whose document
    lines (``<id>: <document>``, each but the last with the comma between
    them, in id order) run from ``start`` to ``end``. Worked on as bytes, not
    split into lines: at 100,000 entries splitting the shard and joining it
    again cost a save a millisecond and a half."""

    table: str
    generation: int
    plain: bytes
    start: int
    end: int

    def _line(self, key: bytes) -> tuple[int, int | None]:
        """Where the line of the id ``key`` (its JSON string) begins, or would go,
        and where it ends (its comma included), None if the file has none."""
        begin = self._place(key)
        if not self.plain.startswith(key + b": ", begin):
            return begin, None
        stop = self.plain.find(b"\n", begin, self.end)
        return begin, self.end if stop < 0 else stop

    def _next_line(self, at: int) -> int:
        stop = self.plain.find(b"\n", at, self.end)
        return self.end if stop < 0 else stop + 1

    def _place(self, key: bytes) -> int:
        """The start of the first line whose id does not sort before ``key``
        (its own line, or where a new one goes), or ``end``. A binary search
        over the bytes: lines compare as their ids do (plain ids, see
        ``_PLAIN_ID``), and inside a line a newline is always escaped."""
        plain, low, high = self.plain, self.start, self.end
        while low < high:
            middle = (low + high) // 2
            # The first line starting at or after the middle (else the low one).
            at = middle if plain[middle - 1 : middle] == b"\n" else self._next_line(middle)
            if at >= high:
                at = low
            if plain[at : plain.index(b'": ', at) + 1] < key:
                low = self._next_line(at)
            else:
                high = at
        return low

    def stored(self, doc_id: str) -> dict[str, Any] | None:
        """The document ``doc_id`` as stored, parsed from its line alone."""
        key = orjson.dumps(doc_id)
        begin, stop = self._line(key)
        if stop is None:
            return None
        value = orjson.loads(self.plain[begin + len(key) + 2 : stop].removesuffix(b","))
        return value if isinstance(value, dict) else None

    def with_document(self, doc_id: str, doc: dict[str, Any], generation: int) -> bytes:
        """The file's bytes with ``doc`` as the document ``doc_id`` and the
        ``generation`` stamped: the bytes ``storage.dump`` writes for them."""
        key = orjson.dumps(doc_id)
        line = key + b": " + orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
        head = b"{\n" + _GENERATION_HEAD + orjson.dumps(generation) + b",\n"
        head += orjson.dumps(self.table) + b": {\n"
        lines = memoryview(self.plain)  # slices of a view are not copies: one join copies all
        at, stop = self._line(key)
        if stop is not None:
            last = stop == self.end
            pieces = (lines[self.start : at], line, b"" if last else b",", lines[stop : self.end])
        elif at == self.end:
            pieces = (lines[self.start : self.end], b",\n", line)
        else:
            pieces = (lines[self.start : at], line, b",\n", lines[at : self.end])
        return b"".join((head, *pieces, _TAIL))


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
    # A large file is hashed in a thread while it is parsed (storage.DIGEST_ASIDE);
    # nothing of it is used unless the digest is the manifest's.
    hashing = DigestAside(raw) if len(raw) >= DIGEST_ASIDE else None
    if hashing is None and digest(raw) != record.digest:
        return None
    try:
        plain = codec.decode(raw, path)
    except Exception:  # noqa: BLE001 - the whole read says what is wrong, with its own errors
        plain = None
    found = parse_lines(plain, table) if plain is not None else None
    if hashing is not None and (hashing.result() or digest(raw)) != record.digest:
        return None
    if found is None or found.generation != record.generation:
        return None
    return found


def parse_lines(plain: bytes, table: str) -> LineFile | None:
    """``plain``, bytes ``dump`` made, as a ``LineFile`` if it is a file of one
    table with its generation and at least one document; None for anything
    else (the meta file, the codebook with its log, an empty table, ``{}``)."""
    if not plain.startswith(b"{\n" + _GENERATION_HEAD) or not plain.endswith(_TAIL):
        return None
    number_at = 2 + len(_GENERATION_HEAD)
    number_end = plain.find(b",\n", number_at)
    if number_end < 0:
        return None
    try:
        generation = int(plain[number_at:number_end])
    except ValueError:
        return None
    header = orjson.dumps(table) + b": {\n"
    start = number_end + 2
    end = len(plain) - len(_TAIL)
    if not plain.startswith(header, start) or start + len(header) >= end:
        return None
    start += len(header)
    # Every id plain, so that the lines sort as bytes as ``dump`` sorted them.
    if not _PLAIN_LINE.match(plain, start) or _ODD_LINE.search(plain, start, end):
        return None
    return LineFile(table, generation, plain, start, end)
