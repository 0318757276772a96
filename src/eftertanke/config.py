"""User configuration: where it lives, how the journal folder is chosen.

The config is a TOML file in the platformdirs config folder (or the folder
named by ``EFTERTANKE_CONFIG_DIR``, which tests and portable setups use).
Keys: ``journal``, ``language`` (da|en), ``author``, ``theme`` (Textual theme),
``names_key`` (path of the pseudonym key, outside the journal).
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported at run time: see eftertanke/launch.py
if TYPE_CHECKING:
    from typing import Any

APP_NAME = "eftertanke"
CONFIG_FILE = "config.toml"


class ConfigError(Exception):
    """The config file cannot be read; the message names the file and problem."""


# On Linux, platformdirs' folders are the XDG base directories; they are read
# here directly, since importing platformdirs (tempfile, shutil, random) is a
# tenth of what `eftertanke due` may spend on a shell prompt. Elsewhere
# platformdirs decides.
_XDG = {
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def user_dir(kind: str) -> Path:
    """The user's config, data or cache folder for eftertanke (as platformdirs says)."""
    import sys

    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "").strip()
        if not os.path.isabs(base):
            base = os.path.expanduser(default)  # unset, or relative: the spec ignores it
        return Path(base) / APP_NAME
    import platformdirs

    find = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(find(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("EFTERTANKE_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    return user_dir("config")


def default_journal_dir() -> Path:
    return user_dir("data") / "journal"


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def _read_config() -> bytes | None:
    """The config file's bytes; None when there is none."""
    path = config_path()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc


def load_config() -> dict[str, Any]:
    raw = _read_config()
    if raw is None:
        return {}
    import tomllib  # here, not above: without a config file `due` never needs it

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {config_path()} is not valid TOML: {exc}") from exc
    return data


def save_config_value(key: str, value: Any) -> None:
    """Set one top-level key in the config file, keeping everything else as
    the user wrote it: comments, blank lines, the order of keys, tables and
    keys this program does not know (tomlkit edits the document in place).

    The file is replaced atomically, so a crash never leaves half a config;
    a file that is not valid TOML is refused (ConfigError) and left as it is.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from eftertanke.fileio import atomic_write_bytes

    raw = _read_config()
    try:
        document = tomlkit.parse(raw.decode("utf-8") if raw is not None else "")
        document[key] = value
        text = tomlkit.dumps(document)
    except (TOMLKitError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {config_path()} is not valid TOML: {exc}") from exc
    directory = config_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(config_path(), text.encode("utf-8"))


def resolve_journal(cli_value: str | os.PathLike[str] | None) -> Path:
    """--journal, then EFTERTANKE_JOURNAL, then the config file, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("EFTERTANKE_JOURNAL")
    if env:
        return Path(env).expanduser()
    configured = load_config().get("journal")
    if configured:
        return Path(str(configured)).expanduser()
    return default_journal_dir()


def configured_language(cli_value: str | None = None) -> str:
    if cli_value in ("da", "en"):
        return cli_value
    env = os.environ.get("EFTERTANKE_LANG")
    if env in ("da", "en"):
        return env
    try:
        lang = load_config().get("language")
    except ConfigError:
        lang = None
    return lang if lang in ("da", "en") else "en"


def configured_author() -> str:
    env = os.environ.get("EFTERTANKE_AUTHOR")
    if env:
        return env
    try:
        author = load_config().get("author")
    except ConfigError:
        author = None
    if author:
        return str(author)
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not an error worth stopping for
        return ""
