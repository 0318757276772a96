"""The journal store: TinyDB behind one repository API, with atomic saves.

The names are loaded on first use (PEP 562): ``eftertanke due`` reads a few
small modules of this package (layout, the summary it keeps) and must not
pay for TinyDB, the domain and the whole repository on every shell prompt.
``from eftertanke.store import Journal`` works as before.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time either
if TYPE_CHECKING:
    from typing import Any

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

_ERRORS = frozenset(
    {
        "AmbiguousIdError",
        "CorruptFileError",
        "EftertankeError",
        "JournalError",
        "JournalLockedError",
        "NewerSchemaError",
        "NotFoundError",
    }
)


def __getattr__(name: str) -> Any:
    if name == "Journal":
        from eftertanke.store.journal import Journal

        return Journal
    if name in _ERRORS:
        from eftertanke.store import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'eftertanke.store' has no attribute {name!r}")


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
