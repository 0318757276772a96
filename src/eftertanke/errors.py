"""Errors shown to people as one line they can act on (exit code 1).

At the bottom of the package, so every layer raises and catches the same
errors without importing the store (``eftertanke.store.errors`` re-exports
them for the store's own modules).
"""

from __future__ import annotations

from pathlib import Path


class Translatable:
    """An error that can be said in the user's language.

    Raised with a catalogue ``key`` (and its values), ``in_language`` says it
    in the user's language; the message itself stays the English one, for
    logs and for code that reads it. Mixed into ``EftertankeError`` and the
    domain's ``ValidationError``."""

    def __init__(self, *args: object, key: str | None = None, **values: object) -> None:
        super().__init__(*args)
        self.key = key
        self.values = values

    def in_language(self, lang: str) -> str:
        from eftertanke import i18n

        key = getattr(self, "key", None)
        if key and i18n.has(key, lang):
            return i18n.t(key, lang, **getattr(self, "values", {}))
        return str(self)


class EftertankeError(Translatable, Exception):
    """Base of every error shown to the user as one line (exit code 1); said in
    the user's language with ``in_language`` (``Translatable``)."""


class JournalError(EftertankeError):
    pass


class JournalLockedError(JournalError):
    pass


class NewerSchemaError(JournalError):
    pass


class NotFoundError(EftertankeError):
    pass


class AmbiguousIdError(EftertankeError):
    pass


class PassphraseNeededError(JournalError):
    """An encrypted journal was opened without its passphrase."""


class CorruptFileError(JournalError):
    def __init__(self, path: Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(
            f"{self.path} is damaged: {problem}; run 'eftertanke doctor --repair' to restore it",
            key="error.damaged",
            path=str(self.path),
            problem=problem,
        )


class RevisionConflictError(JournalError):
    """An update started from a version of a record that is no longer the stored one.

    ``current`` is the record as stored now (an Entry, Interview or Theme),
    or None when it is gone. Nothing was written: the caller decides whether
    to make a conflict copy or ask the person.
    """

    def __init__(
        self, message: str, current: object | None, *, key: str | None = None, **values: object
    ) -> None:
        self.current = current
        super().__init__(message, key=key, **values)
