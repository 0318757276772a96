"""Encryption at rest: a journal whose files are unreadable without the passphrase.

Keys. A random 256-bit *data key* encrypts the journal. The passphrase is
stretched with scrypt (memory-hard; n, r, p and the salt are stored in the
meta file, so they can be raised later with ``passwd``) into a *key
encryption key* that wraps the data key with AES-256-GCM. The wrapped key
sits in ``eftertanke.json``, which stays readable and holds no secret. So:

- a wrong passphrase fails to unwrap the data key (the GCM tag does not
  match) and is reported before any file is touched;
- ``passwd`` rewrites only the meta file (one atomic replace), and every
  entry stays exactly as it was; ``passwd --rekey`` also re-encrypts every
  file under a new data key.

Files. Every write gets a fresh random 16-byte salt and 12-byte nonce; the
per-write key is HKDF-SHA256(data key, salt). A file on disk is::

    b"ETK1" | salt (16) | nonce (12) | AES-256-GCM ciphertext and tag (16)

with ``b"ETK1\\0" + the file's name inside the journal`` as associated data,
so a file cannot be swapped for another (a shard for a draft, one shard for
another). A mirror (``x.json.mirror``) and a backup copy
(``backups/<backup>/x.json``) carry the bytes of ``x.json`` and are checked
under that name. One changed byte anywhere fails the tag: the file is
reported, never half read.

``cryptography`` is imported only here, and this module only when a journal
is encrypted, so plain journals start as fast as before.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eftertanke.store import files, layout
from eftertanke.store.errors import JournalError

MAGIC = files.ENCRYPTED_MAGIC
SALT_LEN = 16
NONCE_LEN = 12
TAG_LEN = 16
HEADER_LEN = len(MAGIC) + SALT_LEN + NONCE_LEN
KEY_LEN = 32
CIPHER = "AES-256-GCM"
KDF = "scrypt"
FORMAT = "ETK1"
# OWASP's scrypt floor with a 32 MiB footprint: n=2^15, r=8, p=3 (about 0.25 s here).
DEFAULT_LOG_N = 15
DEFAULT_R = 8
DEFAULT_P = 3
MIN_LOG_N = 14
MAX_LOG_N = 22
MIN_PASSPHRASE = 8
_WRAP_AAD = b"eftertanke data key v1"
_FILE_INFO = b"eftertanke file key v1"
_ID_INFO = b"eftertanke key id v1"


class DecryptError(JournalError):
    """A file that fails authentication: tampered, damaged, or from elsewhere."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(
            f"{self.path} cannot be decrypted: {problem}; "
            "run 'eftertanke doctor --repair' to restore it from its last good copy"
        )


class WrongPassphraseError(JournalError):
    pass




def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (ValueError, TypeError) as exc:
        raise JournalError(f"the journal's encryption settings are damaged: bad {what}") from exc


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on another system gives the same bytes."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", errors="surrogatepass")


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise JournalError(f"the passphrase must be at least {MIN_PASSPHRASE} characters long")


@dataclass(frozen=True)
class KdfParams:
    """The scrypt settings and salt that stretch the passphrase into the key encryption key."""

    n: int
    r: int
    p: int
    salt: bytes

    @classmethod
    def fresh(cls, log_n: int = DEFAULT_LOG_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> KdfParams:
        if not MIN_LOG_N <= log_n <= MAX_LOG_N:
            raise JournalError(f"the scrypt cost must be 2^{MIN_LOG_N} to 2^{MAX_LOG_N}")
        return cls(2**log_n, r, p, secrets.token_bytes(SALT_LEN))

    def derive(self, passphrase: str) -> bytes:
        maxmem = 128 * self.r * (self.n + self.p + 2) + (1 << 20)
        return hashlib.scrypt(
            normalise_passphrase(passphrase), salt=self.salt, n=self.n, r=self.r, p=self.p,
            maxmem=maxmem, dklen=KEY_LEN,
        )  # fmt: skip


def _aesgcm(key: bytes):  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _file_key(data_key: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), KEY_LEN, salt, _FILE_INFO).derive(data_key)


def key_id(data_key: bytes) -> str:
    """A short one-way name of a data key, to tell when another process re-keyed."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return _b64(HKDF(hashes.SHA256(), 9, None, _ID_INFO).derive(data_key))


def _wrap_aad(params: KdfParams) -> bytes:
    return _WRAP_AAD + f"|{CIPHER}|{KDF}|{params.n}|{params.r}|{params.p}|".encode() + params.salt


def encryption_section(data_key: bytes, passphrase: str, params: KdfParams) -> dict[str, Any]:
    """What the meta file records: how to get the data key back from the passphrase."""
    kek = params.derive(passphrase)
    nonce = secrets.token_bytes(NONCE_LEN)
    wrapped = nonce + _aesgcm(kek).encrypt(nonce, data_key, _wrap_aad(params))
    return {
        "version": 1,
        "format": FORMAT,
        "cipher": CIPHER,
        "kdf": KDF,
        "n": params.n,
        "r": params.r,
        "p": params.p,
        "salt": _b64(params.salt),
        "wrapped_key": _b64(wrapped),
        "key_id": key_id(data_key),
    }


def params_of(section: dict[str, Any]) -> KdfParams:
    if section.get("kdf") != KDF or section.get("cipher") != CIPHER or section.get("version") != 1:
        raise JournalError(
            f"the journal is encrypted with {section.get('cipher')!r}/{section.get('kdf')!r}, "
            "which this eftertanke does not know; upgrade eftertanke"
        )
    try:
        n, r, p = int(section["n"]), int(section["r"]), int(section["p"])
    except (KeyError, TypeError, ValueError) as exc:
        raise JournalError(
            "the journal's encryption settings are damaged: bad scrypt cost"
        ) from exc
    if n < 2**MIN_LOG_N or n > 2**MAX_LOG_N or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise JournalError(
            f"the journal's encryption settings are out of range (n={n}, r={r}, p={p})"
        )
    return KdfParams(n, r, p, _unb64(section.get("salt"), "salt"))


def unwrap(section: dict[str, Any], passphrase: str) -> bytes:
    """The data key, or WrongPassphraseError; reads and writes no file."""
    from cryptography.exceptions import InvalidTag

    params = params_of(section)
    wrapped = _unb64(section.get("wrapped_key"), "wrapped key")
    if len(wrapped) != NONCE_LEN + KEY_LEN + TAG_LEN:
        raise JournalError("the journal's encryption settings are damaged: bad wrapped key")
    kek = params.derive(passphrase)
    try:
        data_key = _aesgcm(kek).decrypt(wrapped[:NONCE_LEN], wrapped[NONCE_LEN:], _wrap_aad(params))
    except InvalidTag:
        raise WrongPassphraseError(
            "wrong passphrase: the journal was not opened", key="error.wrong_passphrase"
        ) from None
    if section.get("key_id") not in (None, key_id(data_key)):
        raise JournalError(
            "the journal's encryption settings are damaged: the key id does not match"
        )
    return data_key


def logical_name(path: Path, root: Path) -> str | None:
    """The name a file is encrypted under: its path in the journal, with a
    mirror's suffix and a backup folder's prefix taken off."""
    path = Path(path)
    try:
        rel = path.relative_to(root)
    except ValueError:
        try:
            rel = path.resolve().relative_to(Path(root).resolve())
        except (ValueError, OSError):
            return None
    parts = list(rel.parts)
    if len(parts) > 2 and parts[0] == layout.BACKUPS_DIR:
        parts = parts[2:]
    name = "/".join(parts)
    if name.endswith(files.MIRROR_SUFFIX):
        name = name[: -len(files.MIRROR_SUFFIX)]
    return name


class EncryptedCodec:
    """AES-256-GCM for every file of one journal; see the module docstring.

    ``encode`` needs to know the file's name, so a codec is *bound* to a
    name (``bound``) before it writes; the unbound codec refuses to encode,
    which makes a forgotten binding a loud error rather than a weak file.
    """

    encrypted = True

    def __init__(self, root: Path, data_key: bytes, name: str | None = None) -> None:
        self.root = Path(root)
        self._key = data_key
        self.key_id = key_id(data_key)
        self._name = name

    def bound(self, name: str) -> EncryptedCodec:
        codec = EncryptedCodec.__new__(EncryptedCodec)
        codec.root, codec._key, codec.key_id, codec._name = self.root, self._key, self.key_id, name
        return codec

    def for_path(self, path: Path) -> EncryptedCodec:
        name = logical_name(path, self.root)
        if name is None:
            raise JournalError(f"{path} is not inside the journal {self.root}")
        return self.bound(name)

    def with_root(self, root: Path) -> EncryptedCodec:
        return EncryptedCodec(root, self._key, self._name)

    @staticmethod
    def _aad(name: str) -> bytes:
        return MAGIC + b"\0" + name.encode("utf-8", errors="surrogatepass")

    def encode(self, data: bytes) -> bytes:
        if self._name is None:
            raise RuntimeError("an encrypted journal's file was written without its name")
        salt = secrets.token_bytes(SALT_LEN)
        nonce = secrets.token_bytes(NONCE_LEN)
        sealed = _aesgcm(_file_key(self._key, salt)).encrypt(nonce, data, self._aad(self._name))
        return MAGIC + salt + nonce + sealed

    def decode(self, data: bytes, path: Path) -> bytes:
        from cryptography.exceptions import InvalidTag

        name = self._name or logical_name(path, self.root)
        if name is None:
            raise DecryptError(path, "it is not part of this journal")
        if not data.startswith(MAGIC):
            if not data:
                raise DecryptError(path, "the file is empty")
            raise DecryptError(path, "it is not encrypted, though the journal is")
        if len(data) < HEADER_LEN + TAG_LEN:
            raise DecryptError(path, "the file is cut short")
        salt = data[len(MAGIC) : len(MAGIC) + SALT_LEN]
        nonce = data[len(MAGIC) + SALT_LEN : HEADER_LEN]
        try:
            return _aesgcm(_file_key(self._key, salt)).decrypt(
                nonce, data[HEADER_LEN:], self._aad(name)
            )
        except InvalidTag:
            raise DecryptError(
                path, "it was changed, damaged, or moved from another place in the journal"
            ) from None


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_LEN)


def read_section(root: Path) -> dict[str, Any] | None:
    """The ``encryption`` section of a journal's meta file (its mirror, else the
    newest backup's copy, if the meta file is damaged), or None for a plain
    journal; no passphrase needed."""
    import orjson

    def candidates() -> Iterator[Path]:
        yield root / layout.META_FILE
        yield root / (layout.META_FILE + files.MIRROR_SUFFIX)
        backups = root / layout.BACKUPS_DIR
        if backups.is_dir():
            yield from sorted(backups.glob(f"backup-*/{layout.META_FILE}"), reverse=True)

    for path in candidates():
        try:
            meta = orjson.loads(files.read_bytes(path))
        except (OSError, orjson.JSONDecodeError):
            continue
        if isinstance(meta, dict) and "schema" in meta:
            section = meta.get("encryption")
            return section if isinstance(section, dict) else None
    return None


def open_codec(root: Path, section: dict[str, Any], passphrase: str) -> EncryptedCodec:
    return EncryptedCodec(root, unwrap(section, passphrase))


def is_encrypted_folder(root: Path) -> bool:
    return read_section(Path(root)) is not None


def random_stamp() -> str:
    return f"{os.getpid()}-{secrets.token_hex(4)}"
