"""Doctor's file-level checks: primaries, mirrors, the manifest and drafts.

``doctor.check`` judges what the files hold; this module judges whether the
files agree with each other: a primary missing or older than the manifest, a
mirror damaged or out of step, the manifest missing, damaged or behind, a
draft that cannot be read. ``repair_files`` mends each, in an order that a
kill at any moment leaves for the next repair to finish:

- a bad primary is copied aside (durably) before it is replaced, and
  replaced in one atomic rename, so there is never a moment without it;
- the restored copy gets a new generation, so it is ahead of every older
  copy, and the manifest is written last (a kill before that leaves the file
  ahead of the manifest, which the store accepts and the next repair records);
- a damaged draft is moved into ``backups/`` in one rename, never deleted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import orjson

from eftertanke.store import files, layout
from eftertanke.store import manifest as mf
from eftertanke.store.backup import list_backups
from eftertanke.store.doctor import Finding, _rel, copy_aside, stamp
from eftertanke.store.errors import JournalError
from eftertanke.store.storage import dump, mirror_path


@dataclass(frozen=True)
class FileState:
    """Every copy of one data file, as found."""

    path: Path
    name: str
    primary: mf.Version | None
    primary_problem: str | None  # None: sound or absent
    mirror: mf.Version | None
    mirror_problem: str | None
    record: mf.Record | None

    @property
    def primary_exists(self) -> bool:
        return self.primary is not None or self.primary_problem is not None


def _codec(codec: files.Codec, path: Path) -> files.Codec:
    return files.codec_for(codec, path)


def _version(path: Path, codec: files.Codec) -> tuple[mf.Version | None, str | None]:
    """A copy and the problem with it; (None, None) if it does not exist."""
    try:
        return mf.read_version(path, _codec(codec, path)), None
    except FileNotFoundError:
        return None, None
    except JournalError as exc:
        return None, getattr(exc, "problem", str(exc))
    except OSError as exc:
        return None, exc.strerror or str(exc)


def _manifest(root: Path, codec: files.Codec) -> tuple[dict[str, mf.Record], list[str], str | None]:
    """Records, notes and the problem with the manifest ("missing", or damage)."""
    try:
        loaded = mf.load_file(root, codec)
    except mf.ManifestError as exc:
        return {}, [], f"damaged: {exc}"
    if loaded is None:
        return {}, [], "missing"
    return loaded[0], loaded[1], None


def _states(root: Path, codec: files.Codec, records: dict[str, mf.Record]) -> list[FileState]:
    states = []
    for path in mf.tracked_paths(root, tuple(records)):
        name = mf.name_of(root, path)
        primary, primary_problem = _version(path, codec)
        mirror, mirror_problem = _version(mirror_path(path), codec)
        states.append(
            FileState(
                path, name, primary, primary_problem, mirror, mirror_problem, records.get(name)
            )
        )
    return states


def check_files(root: Path, codec: files.Codec) -> list[Finding]:
    """File-level findings; a damaged primary is left to ``doctor.check``."""
    findings: list[Finding] = []
    records, notes, manifest_problem = _manifest(root, codec)
    if manifest_problem == "missing":
        # A fresh clone or the shipped demo has none: the next open derives it.
        findings.append(
            Finding("warning", f"the manifest ({mf.MANIFEST_FILE}) is missing; it is built "
                    "from the files on the next open, or by 'doctor --repair'",
                    mf.manifest_path(root))
        )  # fmt: skip
    elif manifest_problem is not None:
        findings.append(
            Finding("error", f"the manifest ({mf.MANIFEST_FILE}) is {manifest_problem}",
                    mf.manifest_path(root))
        )  # fmt: skip
    for state in _states(root, codec, records):
        found = _file_findings(state)
        if manifest_problem == "missing":
            # Said once above: every file is "not in the manifest" when there is none.
            found = [f for f in found if not f.message.endswith(" is not in the manifest")]
        findings.extend(found)
    findings.extend(_meta_mirror_findings(root))
    findings.extend(draft_findings(root, codec))
    for note in notes:
        findings.append(Finding("warning", f"the store mended a file: {note}"))
    return findings


def _file_findings(state: FileState) -> list[Finding]:
    name, record, primary, mirror = state.name, state.record, state.primary, state.mirror
    found: list[Finding] = []
    if not state.primary_exists:
        if mirror is not None:
            where = f"its mirror holds generation {mirror.generation}"
        elif state.mirror_problem:
            where = f"its mirror is damaged too: {state.mirror_problem}"
        else:
            where = "the manifest says it existed"
        found.append(Finding("error", f"{name} is missing ({where})", state.path))
        return found
    if primary is None:
        return found  # damaged: doctor.check reports it, repair restores it
    behind = record is not None and primary.generation < record.generation
    if behind:
        found.append(
            Finding(
                "error",
                f"{name} is older than the manifest says (generation {primary.generation}, "
                f"expected {record.generation}): an older copy was put back; "
                "'doctor --repair' restores the newest good copy",
                state.path,
            )
        )
    elif record is None:
        found.append(Finding("warning", f"{name} is not in the manifest", state.path))
    elif primary.generation > record.generation:
        found.append(
            Finding(
                "warning",
                f"the manifest is behind {name} (changed by git, a sync tool or a crash "
                "after saving)",
                state.path,
            )
        )
    elif primary.digest != record.digest:
        found.append(
            Finding("warning", f"{name} was changed outside eftertanke", state.path)
        )
    if state.mirror_problem:
        found.append(
            Finding("error", f"{name}{files.MIRROR_SUFFIX} is damaged: {state.mirror_problem}",
                    state.path)
        )  # fmt: skip
    elif mirror is not None and mirror.raw != primary.raw and not behind:
        ahead = record is None or primary.generation > record.generation
        found.append(
            Finding(
                "warning" if ahead else "error",
                f"{name}{files.MIRROR_SUFFIX} is out of step with {name}",
                state.path,
            )
        )
    return found


def _meta_mirror_findings(root: Path) -> list[Finding]:
    path = root / layout.META_FILE
    mirror = mirror_path(path)
    try:
        primary_raw, mirror_raw = files.read_bytes(path), files.read_bytes(mirror)
    except OSError:
        return []
    if primary_raw == mirror_raw or not _is_meta(primary_raw):
        return []
    return [Finding("error", f"{mirror.name} is out of step with {path.name}", mirror)]


def _is_meta(raw: bytes) -> bool:
    try:
        meta = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return False
    return isinstance(meta, dict) and isinstance(meta.get("schema"), int)


def _drafts(root: Path) -> list[Path]:
    directory = root / layout.DRAFTS_DIR
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.json") if not p.name.startswith("."))


def _draft_problem(path: Path, codec: files.Codec) -> str | None:
    try:
        data = orjson.loads(_codec(codec, path).decode(files.read_bytes(path), path))
    except JournalError as exc:
        return getattr(exc, "problem", str(exc))
    except orjson.JSONDecodeError as exc:
        return f"not valid JSON ({exc})"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None if isinstance(data, dict) else "not a draft"


def draft_findings(root: Path, codec: files.Codec) -> list[Finding]:
    found = []
    for path in _drafts(root):
        problem = _draft_problem(path, codec)
        if problem:
            found.append(
                Finding("error", f"the draft {_rel(root, path)} cannot be read: {problem}", path)
            )
    return found


# -- repair -------------------------------------------------------------------------


def repair_files(root: Path, codec: files.Codec) -> list[Finding]:
    """Under the journal lock: mend every file-level problem; returns what was done."""
    done: list[Finding] = []
    records, notes, manifest_problem = _manifest(root, codec)
    backups = list_backups(root)
    changed = manifest_problem is not None or bool(notes)
    for state in _states(root, codec, records):
        record, finding = _repair_one(root, state, codec, backups)
        if finding is not None:
            done.append(finding)
        if record is _LOST:
            changed = records.pop(state.name, None) is not None or changed
        elif record is not None and record != state.record:
            records[state.name] = record
            changed = True
    done.extend(_repair_meta_mirror(root))
    done.extend(_set_aside_drafts(root, codec))
    if changed:
        mf.save_file(root, codec, records, [], durable=True)
        if manifest_problem is not None:
            done.append(Finding("info", f"rebuilt the manifest (it was {manifest_problem.split(':')[0]})"))
        elif notes:
            done.append(Finding("info", "cleared the store's notes from the manifest"))
    return done


# A file with no good copy anywhere: taken out of the journal (its bytes kept
# in backups/), so that the rest can be read and written again.
_LOST = mf.Record(-1, "")


def _repair_one(
    root: Path, state: FileState, codec: files.Codec, backups: list[Path]
) -> tuple[mf.Record | None, Finding | None]:
    """The file's record after repair (None: leave it; _LOST: forget it), and
    what was done."""
    primary, record, name = state.primary, state.record, state.name
    if primary is not None and (record is None or primary.generation >= record.generation):
        refreshed = None
        if state.mirror is None or state.mirror.raw != primary.raw:
            files.atomic_write_bytes(mirror_path(state.path), primary.raw)
            refreshed = Finding("info", f"wrote {name}{files.MIRROR_SUFFIX} again from {name}")
        return mf.Record(primary.generation, primary.digest), refreshed
    # Missing, damaged or behind: the newest sound copy wins.
    candidates: list[tuple[mf.Version, str]] = []
    if state.mirror is not None:
        candidates.append((state.mirror, "its mirror"))
    for backup in backups:
        version, _ = _version(backup / name, codec)
        if version is not None:
            candidates.append((version, f"backup {backup.name}"))
    if primary is not None:
        candidates.append((primary, "the file itself"))
    if not candidates:
        return _LOST, _take_out(root, state)
    best, source = max(candidates, key=lambda c: c[0].generation)  # first of equals: mirror
    kept = copy_aside(root, state.path) if state.primary_exists else None
    newest = max(
        [best.generation, record.generation if record else 0]
        + ([primary.generation] if primary else [])
    )
    data = dict(best.data)
    data[mf.GENERATION_KEY] = mf.next_generation(newest)
    encoded = _codec(codec, state.path).encode(dump(data))
    files.atomic_write_bytes(state.path, encoded)
    files.atomic_write_bytes(mirror_path(state.path), encoded)
    note = f" (the file as it was is kept at {_rel(root, kept)})" if kept else ""
    level = "info"
    if record is not None and best.generation < record.generation:
        level = "warning"
        note += "; no copy as new as the manifest expects exists, so later edits are lost"
    what = "missing" if not state.primary_exists else "damaged" if primary is None else "older"
    return (
        mf.Record(data[mf.GENERATION_KEY], mf.digest(encoded)),
        Finding(level, f"restored {name} ({what}) from {source}{note}", state.path),
    )


def _take_out(root: Path, state: FileState) -> Finding:
    """Nothing can bring the file back: keep what bytes there are aside, then
    take the file (and a damaged mirror) out, so the journal works again."""
    kept = []
    for path in (state.path, mirror_path(state.path)):
        if path.exists():
            copy = copy_aside(root, path)
            if copy is not None:
                kept.append(_rel(root, copy))
            path.unlink()
    files.fsync_dir(state.path.parent)
    what = "is damaged" if state.primary_exists else "is missing"
    where = f"; what was left is kept at {', '.join(kept)}" if kept else ""
    return Finding(
        "error",
        f"{state.name} {what} and no good copy of it exists (no sound mirror or backup): "
        f"the entries it held are lost{where}",
        state.path,
    )


def _repair_meta_mirror(root: Path) -> list[Finding]:
    if not _meta_mirror_findings(root):
        return []
    path = root / layout.META_FILE
    files.atomic_write_bytes(mirror_path(path), files.read_bytes(path))
    return [Finding("info", f"wrote {path.name}{files.MIRROR_SUFFIX} again from {path.name}")]


def _set_aside_drafts(root: Path, codec: files.Codec) -> list[Finding]:
    done = []
    for path in _drafts(root):
        problem = _draft_problem(path, codec)
        if problem is None:
            continue
        directory = root / layout.BACKUPS_DIR
        files.ensure_private_dir(directory)
        target = directory / f"damaged-draft-{path.name}-{stamp()}"
        os.replace(path, target)  # one rename: the draft is in one place or the other
        files.fsync_dir(directory)
        files.fsync_dir(path.parent)
        done.append(
            Finding("info", f"set the unreadable draft {_rel(root, path)} aside at "
                    f"{_rel(root, target)} ({problem})", target)
        )  # fmt: skip
    return done
