"""The one place where journal bytes go to and come from disk.

Every write is atomic and durable: a temporary file in the same folder,
written, flushed and fsynced, then ``os.replace``d over the target, then the
folder itself fsynced so the rename survives a power cut. A reader therefore
sees either the old file or the new one, never a torn mix.

A ``Codec`` sits between the bytes the store produces and the bytes on disk;
the plain codec passes them through, and encryption at rest can wrap it
without any other module knowing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

TEMP_PREFIX = ".tmp-"
FILE_MODE = 0o600
DIR_MODE = 0o700
MIRROR_SUFFIX = ".mirror"
# The first bytes of every file of an encrypted journal (see store/crypto.py).
ENCRYPTED_MAGIC = b"ETK1"


class Codec(Protocol):
    def encode(self, data: bytes) -> bytes: ...

    def decode(self, data: bytes, path: Path) -> bytes: ...


class PlainCodec:
    encrypted = False
    key_id: str | None = None

    def encode(self, data: bytes) -> bytes:
        return data

    def decode(self, data: bytes, path: Path) -> bytes:
        if data.startswith(ENCRYPTED_MAGIC):
            # A plain reader must never take ciphertext for damage and "repair" it,
            # nor write plain text next to it: say what it is.
            from eftertanke.store.errors import JournalError

            raise JournalError(
                f"{path} is encrypted, but the journal was opened as a plain one; "
                "open it again (another process may have just encrypted it)"
            )
        return data


def codec_for(codec: Codec, path: Path) -> Codec:
    """The codec that writes ``path``: an encrypted codec binds the file's name."""
    for_path = getattr(codec, "for_path", None)
    return for_path(path) if for_path is not None else codec


PLAIN = PlainCodec()


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves old or new, never half."""
    path = Path(path)
    directory = path.parent
    tmp = directory / f"{TEMP_PREFIX}{path.name}.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        # fchmod because O_CREAT's mode is filtered by the umask.
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    os.close(fd)
    os.replace(tmp, path)
    if durable:
        fsync_dir(directory)


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def clean_stale_temp_files(directory: Path) -> list[Path]:
    """Remove temp files left by a process killed mid-write; they are never live data."""
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for child in directory.iterdir():
        if child.name.startswith(TEMP_PREFIX) and child.is_file():
            try:
                child.unlink()
                removed.append(child)
            except OSError:
                pass
    return removed


def ensure_private_dir(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    try:
        os.chmod(directory, DIR_MODE)
    except OSError:
        pass
