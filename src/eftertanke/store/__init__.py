"""The journal store: TinyDB behind one repository API, with atomic saves."""

from eftertanke.store.errors import (
    AmbiguousIdError,
    CorruptFileError,
    EftertankeError,
    JournalError,
    JournalLockedError,
    NewerSchemaError,
    NotFoundError,
)
from eftertanke.store.journal import Journal

__all__ = [
    "AmbiguousIdError",
    "CorruptFileError",
    "EftertankeError",
    "Journal",
    "JournalError",
    "JournalLockedError",
    "NewerSchemaError",
    "NotFoundError",
]
