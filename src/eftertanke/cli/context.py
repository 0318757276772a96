"""What every command shares: the journal (opened lazily) and the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from eftertanke.config import configured_author, configured_language, resolve_journal
from eftertanke.store.journal import Journal


@dataclass
class AppContext:
    journal_arg: str | None = None
    lang_arg: str | None = None
    _journal: Journal | None = field(default=None, repr=False)

    @property
    def lang(self) -> str:
        return configured_language(self.lang_arg)

    @property
    def journal_path(self) -> Path:
        return resolve_journal(self.journal_arg)

    def journal(self) -> Journal:
        if self._journal is None:
            self._journal = Journal(self.journal_path, author=configured_author())
        return self._journal


pass_app = click.make_pass_decorator(AppContext)
