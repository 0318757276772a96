"""Encrypting, decrypting and re-keying a whole journal, atomically.

The new journal is built beside the old one, in a staging folder in the same
parent folder (``.<name>.eftertanke-new-<stamp>``), then swapped in by two
renames. A small marker file ``.<name>.eftertanke-swap`` (plain JSON, no
secret) says how far the change got, so that a crash at any moment is
finished or undone on the next open, before anything else happens:

1. marker ``building`` is written, then the staging folder is filled and
   every file in it read back and checked;
   a crash here: the staging folder is removed, the old journal stays.
2. marker ``swapping``; rename journal → ``.<name>.eftertanke-old-<stamp>``;
   rename staging → journal;
   a crash here: the swap is finished (the staging folder is complete and
   checked, the marker says so).
3. the old folder is removed (for ``encrypt``: the plain text, its backups
   and mirrors), then the marker.
   a crash here: the removal is finished.

Either the old journal or the new one is whole at every moment. The journal's
lock is held throughout, so no other process writes while the copy is made,
and a flock on the parent folder keeps two processes from recovering or
creating the same journal at once. A process that had the journal open before
the swap is stopped at its next write by ``Journal._guard_write``.

Backups are carried over (re-encoded), so history survives; the meta-file
copies inside backups get the new settings, so a meta file restored by
``doctor`` can still unlock the data.

Long because building, swapping and recovering a re-keyed copy is one crash-
safe protocol.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from eftertanke.store import files, layout
from eftertanke.store.errors import JournalError
from eftertanke.store.lock import LOCK_NAME, flock_within
from eftertanke.store.manifest import MANIFEST_FILE
from eftertanke.store.storage import dump

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

MARKER = layout.SWAP_MARKER
STAGING = ".{name}.eftertanke-new-"
OLD = ".{name}.eftertanke-old-"


def _marker(root: Path) -> Path:
    return layout.swap_marker(root)


@contextmanager
def parent_lock(root: Path, timeout: float = 60.0) -> Iterator[None]:
    """flock on the parent folder itself: no file is added beside the journal."""
    parent = root.parent
    fd = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        flock_within(
            fd, timeout, f"the journal {root} is being encrypted or decrypted by another process"
        )
        yield
    finally:
        os.close(fd)


def _write_marker(root: Path, state: str, staging: str, old: str, action: str) -> None:
    data = {"state": state, "staging": staging, "old": old, "action": action}
    files.atomic_write_bytes(_marker(root), orjson.dumps(data))


def _safe_sibling(root: Path, value: Any, prefix: str) -> Path | None:
    """A folder named in the marker, only if it is ours: a marker is never
    trusted to point a rename or a removal anywhere else."""
    expected = prefix.format(name=root.name)
    if not isinstance(value, str) or "/" in value or not value.startswith(expected):
        return None
    if value in (".", "..") or "\0" in value:
        return None
    return root.parent / value


def recover_if_needed(root: Path) -> str | None:
    """Finish or undo an interrupted encrypt/decrypt; returns what was done."""
    if not os.path.lexists(_marker(root)):
        return None
    try:
        with parent_lock(root):
            return _recover(root)
    except OSError as exc:
        raise JournalError(
            f"cannot finish the interrupted encryption change of {root}: {exc}"
        ) from exc


def _recover(root: Path) -> str | None:
    marker = _marker(root)
    try:
        data = orjson.loads(files.read_bytes(marker))
    except FileNotFoundError:
        return None  # another process finished it while we waited
    except orjson.JSONDecodeError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    staging = _safe_sibling(root, data.get("staging"), STAGING)
    old = _safe_sibling(root, data.get("old"), OLD)
    state = data.get("state")
    if state == "swapping" and staging is not None and old is not None:
        if staging.is_dir():
            if root.exists() and not old.exists():
                os.rename(root, old)
            if not root.exists():
                os.rename(staging, root)
            files.fsync_dir(root.parent)
        if old.exists() and root.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        done = "finished"
    else:
        # "building", or a marker too damaged to trust: the old journal is
        # whole (the swap had not begun), so drop the half-built copy.
        if staging is not None and staging.exists() and root.is_dir():
            shutil.rmtree(staging, ignore_errors=True)
        done = "undone"
    if root.is_dir():
        marker.unlink(missing_ok=True)
        files.fsync_dir(root.parent)
    return done


def create_journal_dir(root: Path) -> None:
    """Create a new journal folder, unless an unfinished swap is about to put one there."""
    root.parent.mkdir(parents=True, exist_ok=True)
    with parent_lock(root):
        if os.path.lexists(_marker(root)):
            _recover(root)
        files.ensure_private_dir(root)


# -- building the new journal -------------------------------------------------


def _plan(root: Path) -> tuple[list[Path], list[Path]]:
    """Every file to carry over, and the ones that cannot be (reported, not lost)."""
    carry: list[Path] = []
    refused: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for name in list(dirnames):
            if (here / name).is_symlink():
                refused.append(here / name)
                dirnames.remove(name)
        for name in filenames:
            path = here / name
            rel = path.relative_to(root)
            if path.is_symlink() or not path.is_file():
                refused.append(path)
            elif rel.as_posix() == LOCK_NAME or name.startswith(files.TEMP_PREFIX):
                continue
            elif name.endswith(files.MIRROR_SUFFIX):
                continue  # written again from its primary
            elif rel.as_posix() == MANIFEST_FILE:
                continue  # derived from the files: rebuilt from the new ones on the next open
            elif _known(rel):
                carry.append(path)
            else:
                refused.append(path)
    return sorted(carry), sorted(refused)


def _known(rel: Path) -> bool:
    parts = rel.parts
    if parts[0] == layout.BACKUPS_DIR:
        return len(parts) >= 2
    if len(parts) == 1:
        return parts[0] in (
            layout.META_FILE, layout.INTERVIEWS_FILE, layout.THEMES_FILE, layout.LEGACY_V1_FILE,
        )  # fmt: skip
    if len(parts) == 2 and parts[0] in (*layout.SHARD_DIRS, layout.DRAFTS_DIR):
        return parts[1].endswith(".json") and not parts[1].startswith(".")
    return False


def _is_set_aside(rel: Path) -> bool:
    """Damaged bytes ``doctor`` kept aside: opaque, carried as they are."""
    return len(rel.parts) == 2 and rel.parts[0] == layout.BACKUPS_DIR


def _rewrite_meta(raw: bytes, section: dict[str, Any] | None) -> bytes | None:
    try:
        meta = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(meta, dict):
        return None
    meta = dict(meta)
    meta.pop("encryption", None)
    if section is not None:
        meta["encryption"] = section
    return dump(meta)


def _refuse_unknown(root: Path, refused: list[Path]) -> None:
    if refused:
        shown = ", ".join(p.relative_to(root).as_posix() for p in refused[:5])
        more = f" and {len(refused) - 5} more" if len(refused) > 5 else ""
        raise JournalError(
            f"the journal folder holds files eftertanke does not know ({shown}{more}); "
            "nothing was changed: move them out of the journal folder first (a drafts/.edit-* "
            "file is text from an interrupted $EDITOR session: copy what you need, then delete it)"
        )


def _encoded(
    path: Path,
    rel: Path,
    target: Path,
    old_codec: files.Codec,
    new_codec: files.Codec,
    section: dict[str, Any] | None,
) -> tuple[bytes, bytes | None]:
    """The file's bytes in the new codec, and the plain bytes to check them by
    (None for what is not checked: the meta file, a file set aside)."""
    raw = files.read_bytes(path)
    if rel.name == layout.META_FILE:
        rewritten = _rewrite_meta(raw, section)
        if rewritten is None and rel.parts[0] != layout.BACKUPS_DIR:
            raise JournalError(
                f"{rel} is damaged; nothing was changed: run 'eftertanke doctor --repair' first"
            )
        return (rewritten if rewritten is not None else raw), None
    if _is_set_aside(rel):
        try:
            plain = files.codec_for(old_codec, path).decode(raw, path)
        except JournalError:
            return raw, None  # undecodable ciphertext: harmless as it is
        return files.codec_for(new_codec, target).encode(plain), None
    try:
        plain = files.codec_for(old_codec, path).decode(raw, path)
    except JournalError as exc:
        raise JournalError(
            f"{rel} cannot be read ({exc}); nothing was changed: "
            "run 'eftertanke doctor --repair' first"
        ) from exc
    return files.codec_for(new_codec, target).encode(plain), plain


def _check_back(staging: Path, new_codec: files.Codec, checks: list[tuple[Path, bytes]]) -> None:
    """Read everything back through the new codec before the old journal is let go."""
    for target, plain in checks:
        back = files.codec_for(_rooted(new_codec, staging), target).decode(
            files.read_bytes(target), target
        )
        if back != plain:
            raise JournalError(
                f"checking {target.name} after re-encoding failed; nothing was changed"
            )


def build(
    root: Path,
    staging: Path,
    old_codec: files.Codec,
    new_codec: files.Codec,
    section: dict[str, Any] | None,
) -> int:
    """Write the whole journal, re-encoded, into ``staging``; returns files written."""
    carry, refused = _plan(root)
    _refuse_unknown(root, refused)
    files.ensure_private_dir(staging)
    written = 0
    checks: list[tuple[Path, bytes]] = []
    made: set[Path] = set()
    for path in carry:
        rel = path.relative_to(root)
        target = staging / rel
        for parent in reversed(target.relative_to(staging).parents[:-1]):
            if parent not in made:
                files.ensure_private_dir(staging / parent)  # each level 0700, whatever the umask
                made.add(parent)
        encoded, plain = _encoded(path, rel, target, old_codec, new_codec, section)
        if plain is not None:
            checks.append((target, plain))
        files.atomic_write_bytes(target, encoded)
        written += 1
        if path.parent == root or path.parent.name in layout.SHARD_DIRS:
            if (path.parent / (path.name + files.MIRROR_SUFFIX)).exists():
                mirror = target.with_name(target.name + files.MIRROR_SUFFIX)
                files.atomic_write_bytes(mirror, encoded, durable=False)
    _check_back(staging, new_codec, checks)
    for dirpath, _dirnames, _filenames in os.walk(staging):
        files.fsync_dir(Path(dirpath))
    return written


def _rooted(codec: files.Codec, root: Path) -> files.Codec:
    with_root = getattr(codec, "with_root", None)
    return with_root(root) if with_root is not None else codec


def swap(
    root: Path,
    old_codec: files.Codec,
    new_codec: files.Codec,
    section: dict[str, Any] | None,
    action: str,
) -> int:
    """Replace the journal at ``root`` by a re-encoded copy. The caller holds
    the journal's lock. Returns the number of files carried over."""
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    staging = root.parent / (STAGING.format(name=root.name) + stamp)
    old = root.parent / (OLD.format(name=root.name) + stamp)
    with parent_lock(root):
        _write_marker(root, "building", staging.name, old.name, action)
        try:
            count = build(root, staging, old_codec, _rooted(new_codec, staging), section)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            _marker(root).unlink(missing_ok=True)
            raise
        _write_marker(root, "swapping", staging.name, old.name, action)
        os.rename(root, old)
        os.rename(staging, root)
        files.fsync_dir(root.parent)
        shutil.rmtree(old, ignore_errors=True)
        _marker(root).unlink(missing_ok=True)
        files.fsync_dir(root.parent)
    return count


def rewrite_backup_metas(root: Path, section: dict[str, Any] | None) -> None:
    """Give the meta copies in backups the current settings (after ``passwd``)."""
    directory = root / layout.BACKUPS_DIR
    if not directory.is_dir():
        return
    for path in directory.glob(f"*/{layout.META_FILE}"):
        if path.is_symlink():
            continue
        rewritten = _rewrite_meta(files.read_bytes(path), section)
        if rewritten is not None:
            files.atomic_write_bytes(path, rewritten)


# -- the three operations -------------------------------------------------------


def _reopened(journal: Journal, codec: files.Codec) -> None:
    journal.codec = codec
    journal.invalidate_cache()
    meta = orjson.loads(files.read_bytes(journal.root / layout.META_FILE))
    journal.meta = meta
    journal._meta_stamp = journal._stat_meta()  # noqa: SLF001 - the journal's own bookkeeping
    journal.manifest.ensure()  # the swap left it behind: derive it from the new files


def encrypt_journal(journal: Journal, passphrase: str, log_n: int | None = None) -> int:
    """Encrypt every file of a plain journal (backups and drafts too); returns files."""
    from eftertanke.store import crypto

    crypto.check_new_passphrase(passphrase)
    with journal.lock:
        journal._guard_write()  # noqa: SLF001
        if journal.encrypted:
            raise JournalError(f"the journal {journal.root} is already encrypted")
        data_key = crypto.new_data_key()
        params = crypto.KdfParams.fresh(log_n or crypto.DEFAULT_LOG_N)
        section = crypto.encryption_section(data_key, passphrase, params)
        codec = crypto.EncryptedCodec(journal.root, data_key)
        count = swap(journal.root, journal.codec, codec, section, "encrypt")
        _reopened(journal, codec)
    return count


def decrypt_journal(journal: Journal) -> int:
    """Store every file of an encrypted journal as plain text again; returns files."""
    with journal.lock:
        journal._guard_write()  # noqa: SLF001
        if not journal.encrypted:
            raise JournalError(f"the journal {journal.root} is not encrypted")
        count = swap(journal.root, journal.codec, files.PLAIN, None, "decrypt")
        _reopened(journal, files.PLAIN)
    return count


def change_passphrase(
    journal: Journal, passphrase: str, *, log_n: int | None = None, rekey: bool = False
) -> int:
    """A new passphrase (and scrypt cost). Without ``rekey`` only the meta file
    changes: the data key is wrapped anew, and every entry stays as it is.
    With ``rekey`` every file is re-encrypted under a new data key, for when
    the old passphrase (or a copy of the old meta file) may be known."""
    from eftertanke.store import crypto

    crypto.check_new_passphrase(passphrase)
    with journal.lock:
        journal._guard_write()  # noqa: SLF001
        codec = journal.codec
        if not isinstance(codec, crypto.EncryptedCodec):
            raise JournalError(
                f"the journal {journal.root} is not encrypted: use 'eftertanke encrypt'"
            )
        old = crypto.params_of(journal.meta["encryption"])
        params = crypto.KdfParams.fresh(log_n or max(old.n.bit_length() - 1, crypto.DEFAULT_LOG_N))
        if rekey:
            data_key = crypto.new_data_key()
            section = crypto.encryption_section(data_key, passphrase, params)
            new_codec = crypto.EncryptedCodec(journal.root, data_key)
            count = swap(journal.root, codec, new_codec, section, "rekey")
            _reopened(journal, new_codec)
            return count
        section = crypto.encryption_section(codec._key, passphrase, params)  # noqa: SLF001
        journal._write_meta({**journal.meta, "encryption": section})  # noqa: SLF001
        rewrite_backup_metas(journal.root, section)
        _reopened(journal, codec)
    return 1
