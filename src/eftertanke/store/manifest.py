"""The journal manifest: which version of each data file the store last wrote.

Every data file (``themes.json``, ``interviews.json``, ``entries/*.json``)
carries its own *generation* in a reserved top-level key, ``_generation``, a
hybrid clock: ``max(previous + 1, now in microseconds)``. It only ever grows
along one file's history, and it travels with the file through git, a sync
tool or a backup, so a version written later always has the larger number,
on any machine, whatever the clocks say.

``manifest.json`` in the journal folder records, per data file, the
generation and a digest of the bytes the store last wrote or saw. With it the
store can tell:

- a primary that vanished (a sync tool, a repair killed halfway) while its
  mirror is exactly the version the manifest expects: the mirror is served
  and written back, never overwritten by a write that would start from
  nothing;
- a file *behind* the manifest (an older copy put back): reading or writing
  it is refused, with one clear error, until ``doctor --repair`` restores the
  newest good copy (the other files read and write on);
- a file *ahead* of the manifest (a crash between the data write and the
  manifest write, or a ``git pull``): accepted; the next write records it.

The manifest is local state, derived from the files: git ignores it (each
clone writes at its own moments, and the generations inside the files are
what crosses clones), backups leave it out, and it is rebuilt from the files
when it is missing or damaged. It is written with the journal's codec, so in
an encrypted journal it is authenticated and a forged one is refused. It is
written without fsync: losing the newest manifest only leaves files ahead of
it, which is accepted. Freshness is judged by generation alone on the store's
paths (a digest of every file parsed would cost a full hash of the journal on
every ``list``); the digest proves a mirror is the expected version before it
is trusted, and lets ``doctor`` see a file changed outside eftertanke.

Long because checking generations and digests, repairing and the recovery rules
are one protocol.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from eftertanke.store import files, layout
from eftertanke.store.errors import CorruptFileError, JournalError
from eftertanke.store.storage import GENERATION_KEY, mirror_path, parse

MANIFEST_FILE = "manifest.json"
FORMAT_NAME = "eftertanke-manifest"
FORMAT_VERSION = 1
MAX_NOTES = 50

# The journal's current codec (it changes when the journal is encrypted in process).
CodecSource = Callable[[], files.Codec]
__all__ = ["GENERATION_KEY", "Manifest", "ManifestError", "StaleFileError"]


class ManifestError(JournalError):
    """The manifest cannot be read; the store refuses writes until repair rebuilds it."""


class StaleFileError(JournalError):
    """A data file is missing or older than the manifest says; nothing was written."""


def next_generation(previous: int) -> int:
    return max(previous + 1, time.time_ns() // 1000)


def generation_of(data: Any) -> int:
    """A parsed file's generation; files written before generations existed have 0."""
    value = data.get(GENERATION_KEY) if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def without_generation(data: dict[str, Any]) -> dict[str, Any]:
    """The file's tables alone."""
    return {k: v for k, v in data.items() if k != GENERATION_KEY}


def digest(raw: bytes) -> str:
    # sha256 runs on the CPU's SHA extensions here: about 1 GB/s.
    return hashlib.sha256(raw).hexdigest()[:32]


def manifest_path(root: Path) -> Path:
    return root / MANIFEST_FILE


def name_of(root: Path, path: Path) -> str:
    return Path(path).relative_to(root).as_posix()


def tracked_paths(root: Path, recorded: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Every data file that exists or should: primaries, primaries whose only trace
    is a mirror, and files the manifest names."""
    found: set[Path] = set()
    for name in (layout.INTERVIEWS_FILE, layout.THEMES_FILE):
        for candidate in (root / name, root / (name + files.MIRROR_SUFFIX)):
            if candidate.exists():
                found.add(root / name)
    for folder in layout.SHARD_DIRS:
        shards = root / folder
        if not shards.is_dir():
            continue
        for child in shards.iterdir():
            name = child.name
            if name.startswith("."):
                continue
            if name.endswith(".json"):
                found.add(child)
            elif name.endswith(".json" + files.MIRROR_SUFFIX):
                found.add(child.with_name(name[: -len(files.MIRROR_SUFFIX)]))
    for name in recorded:
        path = root / name
        if is_data_name(name):
            found.add(path)
    return sorted(found)


def is_data_name(name: str) -> bool:
    if name in (layout.INTERVIEWS_FILE, layout.THEMES_FILE):
        return True
    parts = name.split("/")
    return (
        len(parts) == 2
        and parts[0] in layout.SHARD_DIRS
        and parts[1].endswith(".json")
        and not parts[1].startswith(".")
    )


@dataclass(frozen=True)
class Record:
    """A data file as the manifest records it: generation, digest, and whether a save wrote it."""

    generation: int
    digest: str
    # The bytes were made by ``storage.dump`` (a save): one document a line,
    # which a save may change line by line (store/splice.py). Written as a
    # third element, which a manifest reader before it ignores; records taken
    # from the files as they are (a scan, a repair) say nothing of it.
    dumped: bool = False


@dataclass(frozen=True)
class Version:
    """One readable copy of a data file: its tables, generation and exact bytes."""

    data: dict[str, Any]
    generation: int
    raw: bytes

    @property
    def digest(self) -> str:
        return digest(self.raw)


def read_version(path: Path, codec: files.Codec) -> Version:
    """Decode and parse one copy (primary, mirror or backup); raises on damage."""
    raw = files.read_bytes(path)
    data = parse(codec.decode(raw, path), path)
    if not isinstance(data, dict):
        raise CorruptFileError(path, "expected a JSON object of tables")
    return Version(data, generation_of(data), raw)


def try_version(path: Path, codec: files.Codec) -> Version | None:
    try:
        return read_version(path, codec)
    except (OSError, JournalError):
        return None


# -- the manifest file ---------------------------------------------------------


def load_file(root: Path, codec: files.Codec) -> tuple[dict[str, Record], list[str]] | None:
    """Records and notes, None if there is no manifest; ManifestError if damaged."""
    path = manifest_path(root)
    try:
        raw = files.read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ManifestError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    try:
        data = orjson.loads(files.codec_for(codec, path).decode(raw, path))
    except (JournalError, orjson.JSONDecodeError) as exc:
        raise ManifestError(
            f"the journal's manifest {path} is damaged ({exc}); nothing was saved: "
            "run 'eftertanke doctor --repair' to rebuild it"
        ) from None
    try:
        if data.get("format") != FORMAT_NAME:
            raise ValueError("not a manifest")
        records = {
            str(name): Record(int(value[0]), str(value[1]), len(value) > 2 and value[2] == 1)
            for name, value in data["files"].items()
        }
        notes = [str(n) for n in data.get("notes") or []]
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        raise ManifestError(
            f"the journal's manifest {path} is damaged (not a manifest); nothing was saved: "
            "run 'eftertanke doctor --repair' to rebuild it"
        ) from None
    return records, notes


def save_file(
    root: Path,
    codec: files.Codec,
    records: dict[str, Record],
    notes: list[str],
    *,
    durable: bool = False,
) -> None:
    payload = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "files": {
            name: [r.generation, r.digest, *([1] if r.dumped else [])]
            for name, r in sorted(records.items())
        },
        "notes": notes[-MAX_NOTES:],
    }
    path = manifest_path(root)
    encoded = files.codec_for(codec, path).encode(orjson.dumps(payload) + b"\n")
    files.atomic_write_bytes(path, encoded, durable=durable)


def scan(root: Path, codec: files.Codec) -> dict[str, Record]:
    """Records derived from the files as they are: each primary, or where the
    primary is gone or unreadable, its sound mirror (the only copy left)."""
    records: dict[str, Record] = {}
    for path in tracked_paths(root):
        name = name_of(root, path)
        version = try_version(path, files.codec_for(codec, path))
        if version is None:
            mirror = mirror_path(path)
            version = try_version(mirror, files.codec_for(codec, mirror))
        if version is not None:
            records[name] = Record(version.generation, version.digest)
    return records


def note_text(message: str) -> str:
    return f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}: {message}"


# -- the store's side -------------------------------------------------------------


class Manifest:
    """The store's guard on its data files, consulted by ``AtomicStorage``.

    Loaded lazily and reloaded whenever the file on disk changes (another
    process wrote), so every check uses what the last writer recorded. Writes
    happen under the journal lock; reads do not, so a file found behind is
    read once more after the manifest was loaded: a writer replaces the data
    file before the manifest, so a true replay stays behind and a race does
    not.
    """

    def __init__(self, root: Path, codec: CodecSource) -> None:
        self.root = root
        self._journal_codec = codec
        self._stamp: tuple[int, int, int] | None = None
        self._loaded = False
        self.records: dict[str, Record] = {}
        self.notes: list[str] = []
        self.missing = False
        self.damaged: ManifestError | None = None
        # Files found missing or behind while reading: name -> what is wrong.
        self.problems: dict[str, str] = {}

    # -- loading and saving

    def _codec_for(self, path: Path) -> files.Codec:
        return files.codec_for(self._journal_codec(), path)

    def _codec(self) -> files.Codec:
        return self._codec_for(manifest_path(self.root))

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(manifest_path(self.root))
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def refresh(self) -> None:
        stamp = self._stat()
        if self._loaded and stamp == self._stamp:
            return
        self._loaded = True
        self._stamp = stamp
        self.damaged = None
        try:
            loaded = load_file(self.root, self._codec())
        except ManifestError as exc:
            self.records, self.notes, self.missing, self.damaged = {}, [], False, exc
            return
        if loaded is None:
            self.records, self.notes, self.missing = {}, [], True
        else:
            (self.records, self.notes), self.missing = loaded, False

    def forget(self) -> None:
        """Reload on next use (the folder was swapped, e.g. by encrypt)."""
        self._loaded = False
        self.problems.clear()

    def ensure(self) -> None:
        """Under the lock: a journal without a manifest gets one from its files."""
        self.refresh()
        if not self.missing:
            return
        self.records = scan(self.root, self._journal_codec())
        self.notes = []
        self.missing = False
        self._save()

    def _save(self) -> None:
        try:
            save_file(self.root, self._codec(), self.records, self.notes)
        except OSError:
            return  # a read-only journal: the checks still run from memory
        self._stamp = self._stat()

    def names(self) -> list[str]:
        self.refresh()
        return list(self.records)

    def record(self, path: Path) -> Record | None:
        self.refresh()
        return self.records.get(name_of(self.root, path))

    # -- checks, called by AtomicStorage

    def check_parsed(
        self, path: Path, data: dict[str, Any], reread: Callable[[], dict[str, Any]], strict: bool
    ) -> dict[str, Any]:
        """The tables of a file just parsed, unless it is behind the manifest
        (an older copy put back): then it is refused, for reads as for writes,
        so later edits are never silently undone; other files read on."""
        record = self.record(path)
        if record is None or generation_of(data) >= record.generation:
            return data
        if not strict:
            # Unlocked: a writer may have replaced the file and then the manifest
            # between our two reads; the file read after the manifest tells.
            data = reread()
            if generation_of(data) >= record.generation:
                return data
        name = name_of(self.root, path)
        self.problems[name] = "older than the manifest"
        raise StaleFileError(
            f"{name} is older than the journal's manifest says (generation "
            f"{generation_of(data)}, expected {record.generation}): an older copy was put "
            "back; nothing was changed: run 'eftertanke doctor --repair' to restore the "
            "newest good copy"
        )

    def missing_primary(self, path: Path, strict: bool) -> dict[str, Any] | None:
        """A data file that is not there: None if it never existed; else the
        mirror's tables if the mirror is the version the manifest expects
        (written back first when ``strict``), else a clear refusal."""
        record = self.record(path)
        mirror = mirror_path(path)
        if record is None and not mirror.exists():
            return None
        name = name_of(self.root, path)
        newest = self._expected_mirror(path, record) if record is not None else None
        if newest is None:
            why = "its mirror is not the last saved version" if mirror.exists() else "no mirror"
            if record is None:
                why = "the manifest does not know its mirror"
            self.problems[name] = f"{name} is missing ({why})"
            raise StaleFileError(
                f"{name} is missing from the journal ({why}); nothing was changed: "
                "run 'eftertanke doctor --repair'"
            )
        if not strict:
            self.problems[name] = f"{name} is missing; read from its mirror"
            return newest.data
        files.atomic_write_bytes(path, newest.raw)
        self.problems.pop(name, None)
        self.notes.append(note_text(f"{name} was missing; the store restored it from its mirror"))
        self._save()
        return newest.data

    def _expected_mirror(self, path: Path, record: Record) -> Version | None:
        mirror = mirror_path(path)
        version = try_version(mirror, self._codec_for(path))
        if version is None or version.digest != record.digest:
            return None
        return version

    # -- writes

    def stamp(self, path: Path, data: dict[str, Any]) -> int:
        """Under the lock, before the bytes are made: the file's next generation."""
        self.refresh()
        if self.damaged is not None:
            raise self.damaged
        if self.missing:
            self.ensure()
        record = self.record(path)
        previous = max(generation_of(data), record.generation if record else 0)
        generation = next_generation(previous)
        data[GENERATION_KEY] = generation
        return generation

    def written(
        self, path: Path, generation: int, raw: bytes, raw_digest: str | None = None
    ) -> None:
        """After ``AtomicStorage`` wrote ``raw``, bytes ``storage.dump`` made
        (``raw_digest``: their digest, if the writer worked it out already)."""
        self.refresh()
        found = raw_digest if raw_digest is not None else digest(raw)
        self.records[name_of(self.root, path)] = Record(generation, found, dumped=True)
        self._save()
