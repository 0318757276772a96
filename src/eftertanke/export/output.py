"""Writing exports to disk: atomically, never over something by accident.

A single file is written with the store's atomic write (temporary file,
fsync, rename). A folder is written whole into a hidden staging folder
beside the target, flushed, and renamed into place in one step, so a reader
(or a crash) sees no folder or the complete folder, never half of one; this
is also what keeps exporting 10,000 files fast (no per-file rename).

An existing target is refused unless ``force`` is given, and even then a
folder is only replaced when it is empty or was itself written by an
eftertanke export (it has our ``index.md``): ``--force`` never deletes a
folder of someone's own files.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from eftertanke.errors import EftertankeError
from eftertanke.fileio import FILE_MODE, TEMP_PREFIX, atomic_write_bytes, fsync_dir

INDEX_NAME = "index.md"
INDEX_MARK = 'eftertanke: "index"'


class ExportError(EftertankeError):
    """An export that cannot be written; nothing was written."""


def check_file_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name (or drop --one-file)")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; use --force to replace it")


def write_file(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write one export file atomically; ``-`` writes to standard output."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(path)
    check_file_target(path, force)
    atomic_write_bytes(path, data)


def write_file_streamed(
    path: Path, produce: Callable[[Callable[[bytes], object]], None], *, force: bool = False
) -> None:
    """Write one export file as ``produce`` gives its bytes, piece by piece,
    atomically like ``write_file``: a temporary file beside the target, fsynced
    and renamed into place, removed if ``produce`` fails. ``-``: standard output."""
    if str(path) == "-":
        out = sys.stdout.buffer
        produce(out.write)
        out.flush()
        return
    write_file_handle(path, lambda handle: produce(handle.write), force=force)


def write_file_handle(
    path: Path, produce: Callable[[BinaryIO], None], *, force: bool = False
) -> None:
    """``write_file_streamed`` for a writer that needs the file itself (a zip
    archive seeks back to finish each member's header): ``produce`` writes to
    the open temporary file, which is then fsynced and renamed into place."""
    path = Path(path)
    check_file_target(path, force)
    tmp = path.parent / f"{TEMP_PREFIX}{path.name}.{os.getpid()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def _is_our_export(folder: Path) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    if not names:
        return True
    index = folder / INDEX_NAME
    try:
        with open(index, encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("---\n") and INDEX_MARK in head


def check_folder_target(path: Path, force: bool) -> None:
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; give a folder name (or use --one-file)")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    if path.exists():
        if not force:
            if not os.listdir(path):
                return
            raise ExportError(f"{path} already exists; use --force to replace it")
        if not _is_our_export(path):
            raise ExportError(
                f"{path} holds files that are not an eftertanke export; "
                "refusing to replace it, even with --force"
            )


def safe_relative(name: str) -> list[str]:
    """The parts of a relative path that stays inside the export folder, or ``ExportError``.

    No part may be empty or start with a dot (so no '..', no hidden files), and
    no backslash or NUL may appear: whatever a title held, the file stays inside.
    """
    parts = name.split("/")
    if "\\" in name or "\x00" in name or any(not p or p[0] == "." for p in parts):
        raise ExportError(f"refusing to write {name!r}: not a plain name inside the folder")
    return parts


def _write_files(
    staging: Path, files: Iterable[tuple[str, bytes]], made_dirs: set[Path]
) -> list[Path]:
    written: list[Path] = []
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    # Top-level files are opened relative to the folder: no path walk per file.
    folder_fd = os.open(staging, os.O_RDONLY) if os.open in os.supports_dir_fd else None
    try:
        for name, data in files:
            parts = safe_relative(name)
            target = staging.joinpath(*parts)
            if len(parts) == 1 and folder_fd is not None:
                fd = os.open(name, flags, 0o600, dir_fd=folder_fd)
            else:
                if target.parent not in made_dirs:
                    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    made_dirs.add(target.parent)
                fd = os.open(target, flags, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            written.append(target)
    finally:
        if folder_fd is not None:
            os.close(folder_fd)
    return written


def can_fork() -> bool:
    """Whether helper processes may share an export (a single-threaded process on POSIX)."""
    import threading

    return (
        hasattr(os, "fork")
        and sys.platform != "win32"
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


def _fork_writer(
    staging: Path, files: Iterable[tuple[str, bytes]], durable: bool
) -> tuple[int, int]:
    """Write ``files`` in a forked child; returns ``(pid, read end of its report pipe)``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report "count" or "!message", and leave at once
        os.close(read_end)
        code = 0
        try:
            written = _write_files(staging, files, {staging})
            if durable and not _syncfs_available():
                _fsync_all(written)
            report = str(len(written))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            report = "!" + (str(exc) or type(exc).__name__)
            code = 1
        try:
            os.write(write_end, report.encode("utf-8", errors="replace")[:4000])
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int) -> int:
    chunks = []
    while chunk := os.read(read_end, 4096):
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    report = b"".join(chunks).decode("utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status) != 0 or not report.isdigit():
        problem = report[1:] if report.startswith("!") else "a helper process stopped"
        raise ExportError(f"could not write the export: {problem}")
    return int(report)


def write_folder(
    path: Path,
    files: Iterable[tuple[str, bytes]],
    *,
    force: bool = False,
    durable: bool = True,
    helpers: Sequence[Iterable[tuple[str, bytes]]] = (),
) -> int:
    """Write ``(relative name, bytes)`` pairs as the folder ``path``; returns the file count.

    ``helpers`` are further parts of the same folder, each written by a forked
    process at the same time (where forking is safe; otherwise in turn here):
    rendering 10,000 entries is CPU work, and this machine has more than one CPU.
    Each part must only write top-level files or folders it alone creates.
    """
    path = Path(path)
    check_folder_target(path, force)
    parent = path.parent
    staging = parent / f"{TEMP_PREFIX}{path.name}.{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(mode=0o700)
    made_dirs = {staging}
    children: list[tuple[int, int]] = []
    try:
        if helpers and can_fork():
            children = [_fork_writer(staging, part, durable) for part in helpers]
        else:
            files = itertools.chain(files, *helpers)
        written = _write_files(staging, files, made_dirs)
        count = len(written)
        while children:
            count += _collect(*children.pop(0))
        if durable:
            if not _syncfs(staging):
                _fsync_all(written)
            for directory in made_dirs:
                fsync_dir(directory)
        old = None
        if path.exists():
            old = parent / f"{TEMP_PREFIX}old-{path.name}.{os.getpid()}"
            os.replace(path, old)
        os.replace(staging, path)
        fsync_dir(parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        for pid, read_end in children:
            try:
                _collect(pid, read_end)
            except ExportError:
                pass
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _libc_syncfs():  # type: ignore[no-untyped-def]
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


def _syncfs_available() -> bool:
    return _libc_syncfs() is not None


def _syncfs(path: Path) -> bool:
    """Linux's syncfs(2): flush the file system holding ``path`` in one call.

    One call for 10,000 files, where an fsync each takes seconds. False where
    the platform lacks it (the caller then fsyncs file by file).
    """
    syncfs = _libc_syncfs()
    if syncfs is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)


def _fsync_all(files: list[Path]) -> None:
    for file in files:
        fd = os.open(file, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = [
    "ExportError",
    "INDEX_NAME",
    "check_file_target",
    "can_fork",
    "check_folder_target",
    "safe_relative",
    "write_file",
    "write_file_handle",
    "write_file_streamed",
    "write_folder",
]
