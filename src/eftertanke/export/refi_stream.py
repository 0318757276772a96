"""The REFI-QDA project of a large journal, written entry by entry (issue 16).

``qdpx_bytes`` builds the whole ``project.qde`` as one ElementTree and holds
every source's text (4 GB at 100,000 entries). Here the chosen entries pass
once into a ``SortedSpool`` (pickled, in export order) while the few facts
the project's head needs of all of them are counted: its users, the themes
named, the memos on each theme, each interview's reflections, the languages.
The head (users, codebook, variables, cases) is then built as before, with a
slot element where each long part goes; it is serialised as before and the
slots are filled as it is written into the zip: each source, note and link
built by ``refi._Project``'s own methods, serialised alone at its depth (the
same bytes as within the whole tree), and dropped. Source texts go to a
second spool and follow ``project.qde`` in the zip sorted by name, as
``qdpx_bytes`` writes them. The result is the same bytes as ``qdpx_bytes``.
"""

from __future__ import annotations

import pickle
import re
import tempfile
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, BinaryIO, NamedTuple

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.export.refi import (
    PROJECT_NS,
    ZIP_TIME,
    _Codebook,
    _own_guid,
    _Project,
    count_authors,
)
from eftertanke.export.refi_quotes import CitedPassages, QuoteFinder
from eftertanke.export.spool import SortedSpool
from eftertanke.transcript import Transcript

_SOURCE_FILE = re.compile(
    r"sources/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.txt"
)
_SLOT = re.compile(r"<eftertanke-slot-(\w+) />")
_CHUNK = 1 << 16


class _Ident(NamedTuple):
    """An entry known by its id alone (a case's reference to a reflection)."""

    id: str


class SpooledEntries:
    """The chosen (guarded) entries spooled in export order, with the facts
    the project's head needs of all of them."""

    def __init__(self, spool: SortedSpool, entries: Iterable[Entry]) -> None:
        self.spool = spool
        self.made: Counter[str] = Counter()
        self.used: set[str] = set()
        self.languages: Counter[str] = Counter()
        self.sources = self.memos = 0
        self.layers = False
        memos_on: dict[str, list[tuple[datetime, str]]] = {}
        reflections: dict[str, list[tuple[datetime, str]]] = {}
        for entry in entries:
            key = (entry.created, entry.id)
            memo = entry.kind == "memo"
            spool.add((*key, memo), pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
            count_authors(self.made, entry)
            self.used.update(entry.all_themes)
            self.languages[str(entry.language)] += 1
            self.layers = self.layers or bool(entry.layers)
            if memo:
                self.memos += 1
                for name in dict.fromkeys(n.casefold() for n in entry.themes):
                    memos_on.setdefault(name, []).append(key)
            else:
                self.sources += 1
                if entry.interview:
                    reflections.setdefault(entry.interview.casefold(), []).append(key)
        self.notes_of = {
            name: [_own_guid(ident, "source") for _when, ident in sorted(keys)]
            for name, keys in memos_on.items()
        }
        self.reflections_of = {
            code: [_Ident(ident) for _when, ident in sorted(keys)]
            for code, keys in reflections.items()
        }

    def entries(self, memos: bool | None = None) -> Iterator[Entry]:
        """The entries in order: all, or only the memos (True) or the others (False)."""
        for _key, data in self.spool.items(lambda key: memos is None or key[2] == memos):
            yield pickle.loads(data)

    def language_list(self) -> Iterator[str]:
        return self.languages.elements()


class _Run:
    """Serialised elements in a temporary file, joined by their indentation."""

    def __init__(self, separator: str) -> None:
        self.file = tempfile.TemporaryFile(prefix="eftertanke-export-")
        self.separator = separator.encode()
        self.count = 0

    def add(self, text: str) -> None:
        self.file.write((self.separator if self.count else b"") + text.encode())
        self.count += 1

    def copy_to(self, write: Callable[[bytes], object]) -> None:
        self.file.seek(0)
        while chunk := self.file.read(_CHUNK):
            write(chunk)

    def close(self) -> None:
        self.file.close()


class _Spooled:
    """What ``_Project`` appends to (its files, its layer notes), kept on disk."""

    def __init__(self) -> None:
        self.spool = SortedSpool()

    def __setitem__(self, name: str, text: str) -> None:  # the source files
        # Kept by their GUID's 16 bytes (in the order of the names): 100,000 names
        # take room. Every name is sources/<canonical GUID>.txt (see _Project._source).
        found = _SOURCE_FILE.fullmatch(name)
        if found is None:
            raise ValueError(f"not a source file name: {name!r}")
        self.spool.add(uuid.UUID(found.group(1)).bytes, text.encode())

    def files(self) -> Iterator[tuple[str, bytes]]:
        """The source files by name, in the order of their names."""
        for key, data in self.spool.items():
            yield f"sources/{uuid.UUID(bytes=key)}.txt", data

    def append(self, item: Any) -> None:  # the layer notes, in order
        self.spool.add(len(self.spool), pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))

    def __iter__(self) -> Iterator[Any]:
        for piece in self.spool.pieces():
            yield pickle.loads(piece)


def _render(element: ET.Element, level: int) -> str:
    """``element`` serialised as it is at ``level`` of the indented whole tree
    (without its tail: the caller joins siblings)."""
    ET.indent(element, space="  ", level=level)
    return ET.tostring(element, encoding="unicode")


def _built(make: Callable[..., object], *args: Any) -> ET.Element:
    """The element ``make(parent, *args)`` adds to a parent of its own."""
    holder = ET.Element("holder")
    make(holder, *args)
    return holder[-1]


class StreamProject(_Project):
    """``_Project`` for spooled entries: the same parts, written one at a time."""

    def __init__(
        self,
        entries: SpooledEntries,
        interviews: list[Interview],
        themes: list[Theme],
        transcripts: list[Transcript],
        lang: str,
    ) -> None:
        self.hold_records(interviews, transcripts, lang)
        self.spooled = entries
        self.entries: list[Entry] = []  # never held: see ``authors``
        used = set(entries.used) | {
            n for t in self.transcripts for c in t.codings for n in c.themes
        }
        self.codebook = _Codebook(themes, used, lang)
        self.codebook.notes_of = entries.notes_of
        self.files = _Spooled()  # type: ignore[assignment]
        self.layer_notes = _Spooled()  # type: ignore[assignment]
        self.reflections_of = entries.reflections_of  # type: ignore[assignment]
        self.pairs = _Run("\n    ")
        self.quotes = _Run("\n    ")
        self.note_refs = _Run("\n  ")
        self.cited = self._quotes()

    def authors(self) -> Counter[str]:
        return Counter(self.spooled.made)

    def _quotes(self) -> CitedPassages:
        """The quoted passages of the transcripts, and each quote's link written."""
        if not self.transcripts:
            return CitedPassages({}, [])
        finder = QuoteFinder(self.transcripts, self.lang)
        for entry in self.spooled.entries():
            for link in finder.add(entry):
                self.quotes.add(_render(_built(self.quote_link, link), 2))
        return CitedPassages(finder.spans(), [])

    def head(self) -> str:
        """``project.qde`` without its long parts: a slot element for each."""
        root = self.project_head()
        if self.spooled.sources or self.transcripts:
            ET.SubElement(ET.SubElement(root, "Sources"), "eftertanke-slot-sources")
        if self.spooled.memos or self.spooled.layers:
            ET.SubElement(ET.SubElement(root, "Notes"), "eftertanke-slot-notes")
        pairs = any(code in self.transcript_of for code in self.reflections_of)
        if pairs or self.quotes.count:
            ET.SubElement(ET.SubElement(root, "Links"), "eftertanke-slot-links")
        if self.spooled.memos:
            ET.SubElement(root, "eftertanke-slot-noterefs")
        root.set("xmlns", PROJECT_NS)
        ET.indent(root, space="  ")
        return ET.tostring(root, encoding="unicode")

    def write(self, write: Callable[[bytes], object]) -> None:
        """The whole ``project.qde``, piece by piece."""
        write(b'<?xml version="1.0" encoding="utf-8"?>\n')
        text = self.head()
        at = 0
        for slot in _SLOT.finditer(text):
            write(text[at : slot.start()].encode("utf-8"))
            getattr(self, f"_write_{slot.group(1)}")(write)
            at = slot.end()
        write(text[at:].encode("utf-8") + b"\n")

    def _write_sources(self, write: Callable[[bytes], object]) -> None:
        sep = ""
        for transcript in self.transcripts:
            element = _built(self.transcript_source, transcript)
            write((sep + _render(element, 2)).encode("utf-8"))
            sep = "\n    "
        for entry in self.spooled.entries(memos=False):
            element = _built(self.entry_source, "TextSource", entry)
            write((sep + _render(element, 2)).encode("utf-8"))
            sep = "\n    "
            transcript = self.transcript_of.get((entry.interview or "").casefold())
            if transcript is not None:
                self.pairs.add(_render(_built(self.pair_link, entry, transcript), 2))

    def _write_notes(self, write: Callable[[bytes], object]) -> None:
        sep = ""
        for entry in self.spooled.entries(memos=True):
            element = _built(self.entry_source, "Note", entry)
            write((sep + _render(element, 2)).encode("utf-8"))
            sep = "\n    "
            ref = ET.Element("NoteRef", {"targetGUID": self.entry_guid(entry)})
            self.note_refs.add(_render(ref, 1))
        for note_guid, entry, layer in self.layer_notes:
            element = _built(self.layer_note, note_guid, entry, layer)
            write((sep + _render(element, 2)).encode("utf-8"))
            sep = "\n    "

    def _write_links(self, write: Callable[[bytes], object]) -> None:
        self.pairs.copy_to(write)
        if self.pairs.count and self.quotes.count:
            write(b"\n    ")
        self.quotes.copy_to(write)

    def _write_noterefs(self, write: Callable[[bytes], object]) -> None:
        self.note_refs.copy_to(write)

    def close(self) -> None:
        for run in (self.pairs, self.quotes, self.note_refs):
            run.close()
        self.files.spool.close()  # type: ignore[attr-defined]
        self.layer_notes.spool.close()  # type: ignore[attr-defined]


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_qdpx(
    handle: BinaryIO,
    entries: SpooledEntries,
    interviews: list[Interview],
    themes: list[Theme],
    lang: str,
    transcripts: list[Transcript],
) -> None:
    """The ``.qdpx`` of ``qdpx_bytes``, written to ``handle`` (seekable) as it goes.

    ``project.qde``'s size is known only once it is written: a project over
    2 GiB needs the zip's 64-bit sizes, so it is then written again with them
    (``qdpx_bytes``, knowing the size first, chooses them at once)."""
    start = handle.tell()
    try:
        _write_zip(handle, StreamProject(entries, interviews, themes, transcripts, lang), False)
    except _TooLarge:
        handle.seek(start)
        handle.truncate()
        _write_zip(handle, StreamProject(entries, interviews, themes, transcripts, lang), True)


class _TooLarge(Exception):
    """``project.qde`` outgrew the zip's 32-bit sizes."""


def _write_zip(handle: BinaryIO, project: StreamProject, zip64: bool) -> None:
    try:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            try:
                with archive.open(_info("project.qde"), "w", force_zip64=zip64) as member:
                    buffered = _Buffer(member.write)
                    project.write(buffered.write)
                    buffered.flush()
            except RuntimeError as exc:  # "File size too large, try using force_zip64"
                if zip64 or "force_zip64" not in str(exc):
                    raise
                raise _TooLarge() from exc
            for name, data in project.files.files():  # type: ignore[attr-defined]
                archive.writestr(_info(name), data)
    finally:
        project.close()


class _Buffer:
    """Small writes gathered into large ones (each write to a zip member is
    compressed as it comes)."""

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> None:
        self._parts.append(data)
        self._size += len(data)
        if self._size >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self._write(b"".join(self._parts))
            self._parts, self._size = [], 0


__all__ = ["SpooledEntries", "StreamProject", "write_qdpx"]
