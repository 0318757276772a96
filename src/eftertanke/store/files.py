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

from pathlib import Path
from typing import Protocol

# The atomic writing itself lives at the bottom of the package (eftertanke.fileio),
# so that exports and the config use it without importing the store.
from eftertanke.fileio import (  # noqa: E402,F401 - re-exported for the store
    DIR_MODE,
    FILE_MODE,
    TEMP_PREFIX,
    atomic_write_bytes,
    clean_stale_temp_files,
    copy_file,
    ensure_private_dir,
    fsync_dir,
    read_bytes,
)

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
