"""What every command shares: the journal (opened lazily) and the language."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import click

from eftertanke.config import configured_author, configured_language, resolve_journal
from eftertanke.errors import JournalError
from eftertanke.i18n import t
from eftertanke.store import files
from eftertanke.store.errors import EftertankeError
from eftertanke.store.journal import Journal


@dataclass
class AppContext:
    """What every command shares: the options it was given, the journal and the language."""

    journal_arg: str | None = None
    lang_arg: str | None = None
    passphrase_file: str | None = None
    _journal: Journal | None = field(default=None, repr=False)
    _codec: files.Codec | None = field(default=None, repr=False)

    @property
    def lang(self) -> str:
        return configured_language(self.lang_arg)

    @property
    def journal_path(self) -> Path:
        return resolve_journal(self.journal_arg)

    def passphrase(self) -> str:
        """The passphrase of the (encrypted) journal; asked for only when needed."""
        from eftertanke.privacy.passphrase import current_passphrase

        return current_passphrase(self.journal_path, self.passphrase_file)

    def journal(self) -> Journal:
        if self._journal is None:
            root = self.journal_path
            if not root.exists() and not may_create_journal():
                raise JournalError(t("cli.context.no_journal", self.lang, path=str(root)))
            self._journal = Journal(
                root,
                author=configured_author(),
                codec=self._codec or files.PLAIN,
                passphrase=self.passphrase,
            )
            # A migration on opening may have added records (store/references.py).
            from eftertanke.textsafe import one_line

            for note in self._journal.migration_notes:
                click.echo(f"{t('cli.note', self.lang)}: {one_line(note)}", err=True)
        return self._journal

    def journal_with(self, passphrase: str) -> Journal:
        """The journal opened with a passphrase typed into the app (its unlock
        screen); kept only in this process's memory, never in a file."""
        self._journal = Journal(
            self.journal_path, author=configured_author(), codec=files.PLAIN, passphrase=passphrase
        )
        return self._journal

    def codec(self) -> files.Codec:
        """The codec of the journal folder without opening it as a Journal (for
        ``doctor``, which must work when the journal cannot be opened)."""
        from eftertanke.store import crypto, reencrypt

        if self._journal is not None:
            return self._journal.codec
        if self._codec is None:
            root = self.journal_path
            reencrypt.recover_if_needed(root)
            section = crypto.read_section(root)
            if section is None:
                return files.PLAIN
            self._codec = crypto.open_codec(root, section, self.passphrase())
        return self._codec


pass_app = click.make_pass_decorator(AppContext)

# The commands that put something into a journal, and so may start one where
# none is yet (as does the app). Every other command finds a missing folder an
# error: a mistyped --journal or EFTERTANKE_JOURNAL must not look like an empty
# journal, nor leave an empty folder behind.
CREATING_COMMANDS = frozenset(
    {"", "new", "interview add", "theme add", "import jrnl", "import markdown", "merge", "serve"}
)


def may_create_journal() -> bool:
    context = click.get_current_context(silent=True)
    if context is None:
        return True  # not the command line (a script calling AppContext)
    path = context.command_path.split(" ", 1)
    return (path[1] if len(path) > 1 else "") in CREATING_COMMANDS


class InputNotTextError(EftertankeError):
    """Piped input that is not UTF-8: refused, never stored with U+FFFD in it."""


def read_stdin_text() -> str:
    """Standard input as text. Bytes that are not UTF-8 are refused with the
    offset of the first one: replacing them would store damaged text silently."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputNotTextError(
            f"standard input is not UTF-8 text: byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start} cannot be read; nothing was saved (convert it first, e.g. "
            "iconv -f latin1 -t utf-8)"
        ) from None


def when_option(value: str | None, option: str = "--at") -> datetime | None:
    """A date option's value: absent is None; given but empty or unreadable is
    a usage error (exit 2, as for any option value the program cannot take)."""
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter(
            "the date is empty: give one such as 2026-03-14 16:00, 'yesterday 16:00' or "
            "'2 days ago' (or leave the option out)",
            param_hint=f"'{option}'",
        )
    from eftertanke.dates import parse_when
    from eftertanke.domain import ValidationError

    try:
        return parse_when(value)
    except ValidationError as exc:
        raise bad_value(option, exc) from None


def command_lang() -> str:
    """The running command's language (--lang, before or after the subcommand)."""
    context = click.get_current_context(silent=True)
    app = context.find_object(AppContext) if context is not None else None
    return app.lang if app is not None else configured_language()


def bad_value(option: str, exc: Exception) -> click.UsageError:
    """A usage error (exit 2) naming the option, in the command's language."""
    from eftertanke.i18n import t

    lang = command_lang()
    said = exc.in_language(lang) if hasattr(exc, "in_language") else str(exc)
    return click.UsageError(t("cli.bad_value", lang, option=f"'{option}'", message=said))


def usage(key: str, **values: object) -> click.UsageError:
    """A usage error (exit 2) worded from the catalogue in the command's language."""
    return click.UsageError(t(key, command_lang(), **values))
