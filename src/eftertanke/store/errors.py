"""The store's errors: the package-wide ones, named where the store has always had them."""

from eftertanke.errors import (  # noqa: F401
    AmbiguousIdError,
    CorruptFileError,
    EftertankeError,
    JournalError,
    JournalLockedError,
    NewerSchemaError,
    NotFoundError,
    PassphraseNeededError,
    RevisionConflictError,
)
