"""What every command shares: the journal (opened lazily) and the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from eftertanke.config import configured_author, configured_language, resolve_journal
from eftertanke.store import files
from eftertanke.store.journal import Journal


@dataclass
class AppContext:
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
            self._journal = Journal(
                self.journal_path,
                author=configured_author(),
                codec=self._codec or files.PLAIN,
                passphrase=self.passphrase,
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
