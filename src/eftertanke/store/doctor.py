"""Checking a journal folder and repairing damaged files.

This works on the folder directly, not through ``Journal``, because a
journal whose meta file is damaged cannot be opened. A damaged file is
replaced by its mirror (the last good state) or else by the newest backup
that holds it; the damaged bytes are always kept aside, never deleted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eftertanke.codebook_log import LOG_TABLE, CodebookEvent
from eftertanke.domain import Entry, Interview, Theme, ValidationError
from eftertanke.store import doctor_codings, files, intent, layout, references
from eftertanke.store.backup import list_backups
from eftertanke.store.errors import JournalError
from eftertanke.store.lock import JournalLock
from eftertanke.store.storage import GENERATION_KEY, AtomicStorage, mirror_path
from eftertanke.transcript import Transcript


@dataclass(frozen=True)
class Finding:
    """One thing doctor found: its level, its message, the file, and its catalogue key."""

    level: str  # "error", "warning" or "info"
    message: str
    path: Path | None = None
    # A catalogue key (and its values) saying the message in the user's language;
    # a value (KEY, n) is a counted thing, KEY's plural form for n.
    key: str | None = None
    values: tuple[tuple[str, object], ...] = ()

    def in_language(self, lang: str) -> str:
        from eftertanke import i18n

        if not (self.key and i18n.has(self.key, lang)):
            return self.message
        values = {
            name: i18n.t(value[0], lang, n=value[1]) if isinstance(value, tuple) else value
            for name, value in self.values
        }
        return i18n.t(self.key, lang, **values)


def _expected_files(root: Path) -> list[Path]:
    """Data files, plus those whose only trace is a mirror (the primary vanished)."""
    found = set(layout.data_files(root))
    for directory in (root, *(root / name for name in layout.SHARD_DIRS)):
        if directory.is_dir():
            for mirror in directory.glob("*.json.mirror"):
                found.add(mirror.with_name(mirror.name[: -len(".mirror")]))
    return sorted(found)


def _is_meta(path: Path) -> bool:
    return path.name in (layout.META_FILE, layout.META_FILE + files.MIRROR_SUFFIX)


def _codec_for(path: Path, codec: files.Codec) -> files.Codec:
    """The meta file is always plain (it holds how to unlock the rest)."""
    return files.PLAIN if _is_meta(path) else files.codec_for(codec, path)


def _match_codec(root: Path, codec: files.Codec) -> None:
    """Refuse to judge an encrypted journal's files without its key: every
    file would look damaged, and a repair would set them all aside."""
    from eftertanke.store import crypto
    from eftertanke.store.errors import PassphraseNeededError

    section = crypto.read_section(root)
    encrypted = bool(getattr(codec, "encrypted", False))
    if section is not None and not encrypted:
        raise PassphraseNeededError(
            f"the journal {root} is encrypted: give the passphrase with "
            "EFTERTANKE_PASSPHRASE or --passphrase-file"
        )
    if section is not None and section.get("key_id") != getattr(codec, "key_id", None):
        raise JournalError(f"the journal {root} is encrypted with another key")


def _load(path: Path, codec: files.Codec, shape_of: Path | None = None) -> tuple[Any, str | None]:
    """A file's tables, or the problem with it; ``shape_of`` names the file whose
    shape is expected (a mirror or backup copy is checked as its original)."""
    try:
        data = AtomicStorage(path, _codec_for(shape_of or path, codec)).read()
    except JournalError as exc:
        return None, getattr(exc, "problem", str(exc))
    except OSError as exc:
        return None, exc.strerror or str(exc)
    if data is None:
        return None, "missing"
    problem = _shape_problem(shape_of or path, data)
    return (None, problem) if problem else (data, None)


def _shape_problem(path: Path, data: dict[str, Any]) -> str | None:
    if path.name == layout.META_FILE:
        return None if isinstance(data.get("schema"), int) else "no schema version"
    for table, rows in data.items():
        if table == GENERATION_KEY:
            if not isinstance(rows, int) or isinstance(rows, bool):
                return "its generation is not a number"
        elif not isinstance(rows, dict):
            return f"table {table!r} is not an object"
    return None


@dataclass
class _Read:
    """What the data files hold, read and validated record by record."""

    interviews: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    entries: list[Entry] = field(default_factory=list)
    transcripts: list[Transcript] = field(default_factory=list)
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # table → rows
    schema: int = layout.SCHEMA_VERSION

    def add(self, table: str, doc: dict[str, Any]) -> None:
        """Validate one stored record (raises what an invalid one raises)."""
        if table == layout.ENTRIES_TABLE:
            self.entries.append(Entry.from_dict(doc).validate())
        elif table == layout.TRANSCRIPTS_TABLE:
            self.transcripts.append(Transcript.from_dict(doc).validate())
        elif table == layout.INTERVIEWS_TABLE:
            self.interviews.add(Interview.from_dict(doc).validate().code.lower())
        elif table == layout.THEMES_TABLE:
            name = Theme.from_dict(doc).validate().name.casefold()
            if not references.is_alias(doc):
                self.themes.add(name)
        elif table == LOG_TABLE:
            CodebookEvent.from_dict(doc)

    def rows(self, table: str) -> dict[str, Any]:
        return self.stored.get(table, {})


def _read_files(root: Path, codec: files.Codec, findings: list[Finding]) -> _Read:
    read = _Read()
    for path in _expected_files(root):
        if not path.exists() and not _is_meta(path):
            continue  # a vanished data file: doctor_files reports it
        data, problem = _load(path, codec)
        if problem:
            findings.append(Finding("error", f"{_rel(root, path)} is damaged: {problem}", path))
            continue
        if path.name == layout.META_FILE:
            read.schema = data["schema"]
            if data["schema"] > layout.SCHEMA_VERSION:
                findings.append(
                    Finding("error", f"schema {data['schema']} is newer than this eftertanke", path)
                )
            continue
        for table, rows in data.items():
            if table == GENERATION_KEY:
                continue
            read.stored.setdefault(table, {}).update(rows)
            for doc_id, doc in rows.items():
                try:
                    read.add(table, doc)
                except (ValidationError, KeyError, TypeError, ValueError) as exc:
                    where = f"{_rel(root, path)}: {table} {doc_id[:8]}"
                    findings.append(Finding("error", f"{where} is invalid: {exc}", path))
    return read


def _record_findings(read: _Read) -> list[Finding]:
    """Links between records, and the coded passages' spans."""
    transcripts_stored = read.rows(layout.TRANSCRIPTS_TABLE)
    problems = references.problems(
        read.rows(layout.THEMES_TABLE),
        read.rows(layout.INTERVIEWS_TABLE),
        [
            *read.rows(layout.ENTRIES_TABLE).values(),
            # A transcript's interview is checked below, in its own words.
            *({**doc, "interview": None} for doc in transcripts_stored.values()),
        ],
        by_name=read.schema < 3,  # an older journal names them; opening it migrates
    )
    findings = [Finding(problem.level, problem.message) for problem in problems]
    findings += _coding_findings(read.entries, read.transcripts)
    findings += [
        Finding(level, message)
        for level, message in doctor_codings.transcript_findings(
            transcripts_stored, read.rows(layout.INTERVIEWS_TABLE)
        )
        + doctor_codings.span_findings(read.rows(layout.ENTRIES_TABLE), transcripts_stored)
        + doctor_codings.answer_link_findings(read.rows(layout.ENTRIES_TABLE))
    ]
    return findings


def check(root: Path, codec: files.Codec = files.PLAIN) -> list[Finding]:
    findings: list[Finding] = []
    root = Path(root)
    if not root.is_dir():
        return [Finding("error", f"{root} is not a journal folder")]
    _match_codec(root, codec)
    read = _read_files(root, codec, findings)
    findings += _record_findings(read)
    for path in _loose_permissions(root):
        findings.append(Finding("warning", f"{_rel(root, path)} is readable by others", path))
    findings += [Finding(level, message) for level, message in intent.doctor_findings(root, codec)]
    from eftertanke.store.doctor_files import check_files

    findings.extend(check_files(root, codec))
    if not findings:
        live = sum(1 for e in read.entries if not e.deleted)
        findings.append(
            Finding(
                "info",
                f"{live} entries, {len(read.interviews)} interviews, {len(read.themes)} themes: "
                "all files are sound",
                key="doctor.sound",
                values=(
                    ("entries", ("entries_count", live)),
                    ("interviews", ("count.interviews", len(read.interviews))),
                    ("themes", ("count.themes", len(read.themes))),
                ),
            )
        )
    return findings


def _coding_findings(entries: list[Entry], transcripts: list[Transcript]) -> list[Finding]:
    """Coded passages whose words could not be followed through an edit: kept,
    and named here until the researcher recodes or removes them."""
    found: list[Finding] = []
    for entry in entries:
        for coding in entry.codings:
            if coding.review and not entry.deleted:
                found.append(
                    Finding(
                        "warning",
                        f"entry {entry.id[:8]}: coding {coding.id[:8]} needs review: "
                        f"{coding.review} (eftertanke code list --review)",
                    )
                )
    for transcript in transcripts:
        for coding in transcript.codings:
            if coding.review:
                found.append(
                    Finding(
                        "warning",
                        f"transcript of {transcript.interview}: coding {coding.id[:8]} needs "
                        f"review: {coding.review} (eftertanke code list --review)",
                    )
                )
    return found


def repair(root: Path, codec: files.Codec = files.PLAIN) -> list[Finding]:
    """Restore every damaged file; returns what was done."""
    root = Path(root)
    done: list[Finding] = []
    _match_codec(root, codec)
    from eftertanke.store.crypto import read_section

    section = read_section(root)
    with JournalLock(root):
        for directory in (root, *(root / n for n in layout.SHARD_DIRS), root / layout.DRAFTS_DIR):
            files.clean_stale_temp_files(directory)
        from eftertanke.store.doctor_files import repair_files

        # Data files, mirrors, the manifest and drafts first; what is left
        # damaged below is the meta file, or a file with no good copy at all.
        done.extend(repair_files(root, codec))
        backups = list_backups(root)
        for path in _expected_files(root):
            if not path.exists() and not _is_meta(path):
                continue  # a vanished data file with no copy: repair_files said so
            _, problem = _load(path, codec)
            if problem is None:
                continue
            rel = path.relative_to(root).as_posix()
            restored, source = _good_copy(path, rel, backups, codec)
            kept = copy_aside(root, path)
            if restored is None:
                if path.name == layout.META_FILE:
                    restored, source = (
                        {
                            "format": layout.FORMAT_NAME,
                            "schema": layout.SCHEMA_VERSION,
                        },
                        "a new meta file",
                    )
                    if section is not None:
                        restored["encryption"] = section
                else:
                    done.append(
                        Finding(
                            "error",
                            f"no good copy of {rel} exists; the damaged file is kept at {kept}",
                            path,
                        )
                    )
                    continue
            AtomicStorage(path, _codec_for(path, codec)).write(restored)
            note = f" (damaged file kept at {_rel(root, kept)})" if kept else ""
            done.append(Finding("info", f"restored {rel} from {source}{note}", path))
        for path in _loose_permissions(root):
            os.chmod(path, files.DIR_MODE if path.is_dir() else files.FILE_MODE)
            done.append(Finding("info", f"made {_rel(root, path)} private", path))
    done += [Finding(level, message) for level, message in intent.doctor_repair(root, codec)]
    done += [Finding("info", note) for note in references.repair(root, codec)]
    if not done:
        done.append(Finding("info", "nothing to repair"))
    return done


def _good_copy(
    path: Path, rel: str, backups: list[Path], codec: files.Codec
) -> tuple[dict[str, Any] | None, str]:
    """The newest sound copy of a file: its mirror, else the newest backup holding it."""
    candidates = [(mirror_path(path), "its mirror (the last good save)")]
    candidates += [(backup / rel, f"backup {backup.name}") for backup in backups]
    for candidate, source in candidates:
        if not candidate.exists():
            continue
        data, problem = _load(candidate, codec, shape_of=path)
        if problem is None:
            return data, source
    return None, ""


def stamp() -> str:
    """The time in a set-aside file's name."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def copy_aside(root: Path, path: Path) -> Path | None:
    """A durable copy of the file as it is (damaged bytes), in backups/; the file
    itself stays until it is atomically replaced, so a repair killed here never
    leaves it missing. None when it cannot be read."""
    try:
        raw = files.read_bytes(path)
    except OSError:
        return None
    directory = root / layout.BACKUPS_DIR
    files.ensure_private_dir(directory)
    target = directory / f"damaged-{path.name}-{stamp()}"
    files.atomic_write_bytes(target, raw)
    return target


def _loose_permissions(root: Path) -> list[Path]:
    loose = []
    for path in [root, *root.rglob("*")]:
        try:
            st = path.lstat()
        except OSError:
            continue
        if path.is_symlink():
            continue
        if st.st_mode & 0o077:
            loose.append(path)
    return loose


def _rel(root: Path, path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
