"""Where the passphrase of an encrypted journal comes from.

In order: ``--passphrase-file`` (its first line), ``EFTERTANKE_PASSPHRASE``,
the system keyring (only if the optional ``keyring`` package is installed and
holds one for this journal), then a hidden prompt when standard input is a
terminal. With none of these, a clear error; never a silent plain journal.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import click

from eftertanke.errors import JournalError, PassphraseNeededError

ENV_VAR = "EFTERTANKE_PASSPHRASE"
NEW_ENV_VAR = "EFTERTANKE_NEW_PASSPHRASE"
KEYRING_SERVICE = "eftertanke"


def read_passphrase_file(path: str | os.PathLike[str]) -> str:
    path = Path(path).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JournalError(f"cannot read the passphrase file {path}: {exc.strerror}") from exc
    try:
        mode = path.stat().st_mode
        if stat.S_IMODE(mode) & 0o077:
            click.echo(
                f"eftertanke: warning: the passphrase file {path} is readable by others "
                "(chmod 600 it)",
                err=True,
            )
    except OSError:
        pass
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JournalError(f"the passphrase file {path} is not UTF-8 text") from exc
    first = text.split("\n", 1)[0].removesuffix("\r")
    if not first:
        raise JournalError(f"the passphrase file {path} is empty")
    return first


def _keyring_name(root: Path) -> str:
    return str(Path(root).expanduser().resolve())


def from_keyring(root: Path) -> str | None:
    import importlib.util

    if importlib.util.find_spec("keyring") is None:
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _keyring_name(root))
    except Exception:  # noqa: BLE001 - a broken keyring backend is not an answer
        return None


def save_to_keyring(root: Path, passphrase: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keyring_name(root), passphrase)
    except ImportError as exc:
        raise JournalError("--keyring needs the 'keyring' package: pip install keyring") from exc
    except Exception as exc:  # noqa: BLE001 - backend errors vary by system
        raise JournalError(f"the system keyring refused the passphrase: {exc}") from exc


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def current_passphrase(root: Path, passphrase_file: str | None = None) -> str:
    """The passphrase that opens an existing journal."""
    if passphrase_file:
        return read_passphrase_file(passphrase_file)
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    stored = from_keyring(root)
    if stored:
        return stored
    if stdin_is_terminal():
        return click.prompt("Passphrase", hide_input=True, err=True)
    raise PassphraseNeededError(
        f"the journal {root} is encrypted: give the passphrase with {ENV_VAR} or --passphrase-file",
        key="error.passphrase_needed",
        path=str(root),
        env=ENV_VAR,
    )


def new_passphrase(
    passphrase_file: str | None = None,
    *,
    env_var: str = ENV_VAR,
    option: str = "--passphrase-file",
    what: str = "New passphrase",
) -> str:
    """A passphrase being set: from the file or the environment, else typed twice."""
    if passphrase_file:
        return read_passphrase_file(passphrase_file)
    env = os.environ.get(env_var)
    if env:
        return env
    if not stdin_is_terminal():
        raise JournalError(
            f"no passphrase given: type it on a terminal, or give it with {env_var} or {option}"
        )
    return click.prompt(what, hide_input=True, confirmation_prompt=True, err=True)
