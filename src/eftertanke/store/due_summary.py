"""What ``eftertanke due`` needs from a journal, read without opening it.

A shell prompt runs ``due`` after every command, so it has to answer in a
few milliseconds at 10,000 entries; opening the journal (TinyDB, the domain,
the references) and parsing 15 MB of shards takes the better part of a
second. So this module reads the folder's plain files itself, and keeps, in
the user's cache folder, a small summary per entry shard (when its check-ins
were written, which interviews its reflections name), each under the shard
file's identity (inode, size, mtime in ns; every save replaces the file, so
the identity changes). A shard changed since by anyone (eftertanke, git, a
sync tool) is read again, alone; one that vanished is dropped.

The summary is derived data: rebuilt from the files whenever it is missing,
damaged or of another version, never the only copy of anything, and kept out
of the journal folder, which holds only what the journal contract names
(backups, git, encryption and doctor need not know it exists). It holds no
entry text: ids of interviews and the times of check-ins.

Whatever this reader does not handle it declines (``read`` returns None) and
the caller opens the journal through the store, with all its checks: an
encrypted journal (nothing of it is cached in plain text), a schema to
migrate, an unfinished operation or encryption change, a primary file gone
with only its mirror left, a file that does not parse.
"""

from __future__ import annotations

import json
import os
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from eftertanke.store import layout

# On a shell prompt every import counts (eftertanke/launch.py): no typing, no
# dataclasses (which import inspect), no hashlib (OpenSSL), and the standard
# json for the small files (orjson's import costs more than it saves on them).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CACHE_FORMAT = "eftertanke-due-summary"
CACHE_VERSION = 2
# A shard keeps the times of its newest check-ins only, in whole seconds:
# enough to count today's and to tell the last one. A shard holds 1/256 of
# the ids, so eight check-ins on one day in one shard is beyond any real day.
CHECKINS_PER_SHARD = 8
# Above this many shards to read, orjson is imported to parse them.
ORJSON_FROM = 4
# How many of the newest check-ins the summary gives.
KEPT_CHECKINS = 32
# Interview.ended's rule (domain.py): a start without a duration lasted 30 minutes.
DEFAULT_INTERVIEW_MINUTES = 30
_ENCRYPTED_MAGIC = b"ETK1"  # store/files.py: the first bytes of an encrypted file
_MIRROR_SUFFIX = ".mirror"
_INTENT_FILE = "intent.json"  # store/intent.py
_SWAP_MARKER = ".{name}.eftertanke-swap"  # store/reencrypt.py
_ALIAS_KEY = "merged_into"  # store/references.py
_PREVIOUS_CODES = "previous_codes"


class Declined(Exception):
    """This reader cannot answer for the journal as it is; the store must."""


class _Record:
    """A small immutable record compared by its fields (a dataclass without the import)."""

    __slots__ = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        values = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({values})"


class InterviewInfo(_Record):
    __slots__ = ("code", "role", "status", "ended")

    def __init__(self, code: str, role: str, status: str, ended: datetime | None) -> None:
        self.code = code
        self.role = role
        self.status = status
        self.ended = ended


class Summary(_Record):
    __slots__ = ("checkins", "reflected", "interviews")

    def __init__(
        self,
        checkins: tuple[datetime, ...],
        reflected: frozenset[str],
        interviews: tuple[InterviewInfo, ...],
    ) -> None:
        # The moments the newest check-ins (daily entries) were written, newest first.
        self.checkins = checkins
        # Casefolded codes of the interviews a reflection (interview entry) names.
        self.reflected = reflected
        self.interviews = interviews


EMPTY = Summary((), frozenset(), ())


def cache_dir() -> Path:
    """``EFTERTANKE_CACHE_DIR``, else the platform's user cache folder."""
    override = os.environ.get("EFTERTANKE_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from eftertanke.config import user_dir

    return user_dir("cache")


def cache_path(root: Path) -> Path:
    """One file per journal folder, named after it. The folder's full path is
    kept inside and checked, so two folders sharing a name never share a summary."""
    where = os.path.abspath(root)
    key = zlib.crc32(os.fsencode(where))
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in os.path.basename(where))
    return cache_dir() / "due" / f"{name[:40]}-{key:08x}.json"


# -- reading the journal's files ----------------------------------------------------


def _plain_json(path: Path, *, large: bool = False) -> Any:
    """A plain data file's JSON; with ``large``, parsed by orjson (several times
    faster, but its import costs as much as parsing a few shards)."""
    with open(path, "rb") as handle:
        raw = handle.read()
    if raw.startswith(_ENCRYPTED_MAGIC):
        raise Declined(f"{path.name} is encrypted")
    if large:
        import orjson

        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise Declined(f"{path.name} does not parse") from None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise Declined(f"{path.name} does not parse") from None


def _table(data: Any, name: str) -> dict[str, Any]:
    table = data.get(name) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise Declined(f"no {name} table")
    return table


def moment_of(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def shard_summary(rows: dict[str, Any]) -> tuple[list[int], list[str]]:
    """One shard's check-in times (POSIX seconds, newest first, the newest few)
    and the interview values (as stored: ids) its reflections name."""
    checkins: list[int] = []
    named: set[str] = set()
    for doc in rows.values():
        if not isinstance(doc, dict) or doc.get("deleted"):
            continue
        kind = doc.get("kind")
        if kind == "daily":
            created = moment_of(doc.get("created"))
            if created is not None:
                checkins.append(int(created.timestamp()))
        elif kind == "interview":
            value = doc.get("interview")
            if isinstance(value, str) and value:
                named.add(value)
    checkins.sort(reverse=True)
    return checkins[:CHECKINS_PER_SHARD], sorted(named)


def _interviews(root: Path) -> tuple[list[InterviewInfo], dict[str, str]]:
    """The live interviews, and every stored value that can name one (its id,
    an alias's id, a code, a previous code; casefolded codes) to its code."""
    path = root / layout.INTERVIEWS_FILE
    if not path.exists():
        if Path(str(path) + _MIRROR_SUFFIX).exists():
            raise Declined("interviews.json is missing but its mirror is not")
        return [], {}
    rows = _table(_plain_json(path), layout.INTERVIEWS_TABLE)
    live: list[InterviewInfo] = []
    names: dict[str, str] = {}
    for ident, doc in rows.items():
        if not isinstance(doc, dict):
            continue
        target, seen = ident, set()
        while target in rows and rows[target].get(_ALIAS_KEY) and target not in seen:
            seen.add(target)
            target = str(rows[target][_ALIAS_KEY])
        end = rows.get(target)
        if not isinstance(end, dict) or end.get(_ALIAS_KEY):
            end = doc  # an alias to nowhere (or a loop) reads as itself, as the store does
        code = str(end.get("code") or "")
        names[ident] = code
        for old in [doc.get("code"), *(doc.get(_PREVIOUS_CODES) or [])]:
            if isinstance(old, str) and old.strip():
                names.setdefault(old.strip().casefold(), code)
        if end is doc and not doc.get(_ALIAS_KEY):
            start = moment_of(doc.get("date"))
            minutes = doc.get("duration_minutes") or DEFAULT_INTERVIEW_MINUTES
            ended = start + timedelta(minutes=minutes) if start is not None else None
            live.append(
                InterviewInfo(code, str(doc.get("role") or ""), str(doc.get("status") or ""), ended)
            )
    return live, names


def _shards(root: Path) -> dict[str, os.stat_result]:
    folder = root / layout.ENTRIES_DIR
    found: dict[str, os.stat_result] = {}
    mirrors: set[str] = set()
    try:
        listing = list(os.scandir(folder))
    except FileNotFoundError:
        return found
    for item in listing:
        name = item.name
        if name.startswith("."):
            continue
        if name.endswith(".json"):
            found[name] = item.stat()
        elif name.endswith(".json" + _MIRROR_SUFFIX):
            mirrors.add(name[: -len(_MIRROR_SUFFIX)])
    if mirrors - found.keys():
        raise Declined("an entry file is missing but its mirror is not")
    return found


def _check_folder(root: Path) -> bool:
    """False for an empty folder (no journal yet); Declined unless it is a plain
    journal of this schema with nothing left half done."""
    if os.path.lexists(root.parent / _SWAP_MARKER.format(name=root.name)):
        raise Declined("an encryption change is unfinished")
    try:
        meta = _plain_json(root / layout.META_FILE)
    except FileNotFoundError:
        if not root.exists():
            # A mistyped --journal must not look like an empty journal: the
            # command line says there is none (cli/context.py).
            raise Declined("no journal folder") from None
        if any(root.iterdir()):
            raise Declined("no meta file") from None
        return False
    except NotADirectoryError:
        raise Declined("not a folder") from None
    if not isinstance(meta, dict) or meta.get("schema") != layout.SCHEMA_VERSION:
        raise Declined("another schema")
    if meta.get("encryption"):
        raise Declined("encrypted")
    if (root / _INTENT_FILE).exists():
        raise Declined("an operation is unfinished")
    return True


# -- the cache -----------------------------------------------------------------------


def _load_cache(path: Path, root: Path) -> dict[str, list[Any]]:
    """Each shard's [inode, size, mtime_ns, check-in times, interview values]."""
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read())
        if (
            data["format"] != CACHE_FORMAT
            or data["version"] != CACHE_VERSION
            or data["journal"] != os.path.abspath(root)
        ):
            return {}
        # Interview values (ids, mostly) are kept once, and shards name them by index.
        values = data["values"]
        return {
            name: [ino, size, mtime, checkins, [values[i] for i in named]]
            for name, (ino, size, mtime, checkins, named) in data["shards"].items()
        }
    except (OSError, ValueError, RecursionError, KeyError, TypeError, IndexError):
        return {}


def _save_cache(path: Path, root: Path, shards: dict[str, list[Any]]) -> None:
    index: dict[str, int] = {}
    packed = {
        name: [ino, size, mtime, checkins, [index.setdefault(v, len(index)) for v in named]]
        for name, (ino, size, mtime, checkins, named) in shards.items()
    }
    payload = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "journal": os.path.abspath(root),
        "values": list(index),
        "shards": packed,
    }
    from eftertanke.fileio import atomic_write_bytes  # only when something changed

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Not fsynced: a lost summary is only rebuilt.
        data = json.dumps(payload, separators=(",", ":")).encode()
        atomic_write_bytes(path, data, durable=False)
    except OSError:
        pass  # a read-only cache folder: the next call reads the shards again


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def read(root: Path, *, use_cache: bool = True) -> Summary | None:
    """The journal's due summary, or None if the store has to read it (see above)."""
    root = Path(root)
    try:
        if not _check_folder(root):
            return EMPTY
        interviews, names = _interviews(root)
        stats = _shards(root)
        path = cache_path(root)
        cached = _load_cache(path, root) if use_cache else {}
        fresh: dict[str, list[Any]] = {}
        changed = len(cached) != len(stats)
        missing: list[tuple[str, list[int]]] = []
        for name, st in stats.items():
            identity = _identity(st)
            known = cached.get(name)
            if known is not None and known[:3] == identity:
                fresh[name] = known
            else:
                missing.append((name, identity))
        # One shard changed (a save): the standard json, already loaded. Many
        # (the first call, a git pull): orjson, whose import then pays off.
        large = len(missing) > ORJSON_FROM
        for name, identity in missing:
            shard = root / layout.ENTRIES_DIR / name
            checkins, named = shard_summary(
                _table(_plain_json(shard, large=large), layout.ENTRIES_TABLE)
            )
            # The identity from before the read: a save in between changes it,
            # and the next call reads the shard again.
            fresh[name] = [*identity, checkins, named]
            changed = True
    except (Declined, OSError):
        # OSError: a file vanished between listing and reading, or cannot be
        # read; the store looks, and says what is wrong if anything is.
        return None
    if use_cache and changed:
        _save_cache(path, root, fresh)
    moments: list[int] = []
    values: set[str] = set()
    for _ino, _size, _mtime, checkins, named in fresh.values():
        moments.extend(checkins)
        values.update(named)
    reflected = {(names.get(v) or names.get(v.strip().casefold()) or v).casefold() for v in values}
    moments.sort(reverse=True)
    return Summary(
        tuple(datetime.fromtimestamp(m, UTC).astimezone() for m in moments[:KEPT_CHECKINS]),
        frozenset(reflected),
        tuple(sorted(interviews, key=lambda i: i.code.casefold())),
    )
