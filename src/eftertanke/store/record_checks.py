"""The refusals of interview and theme writes: a code taken, a stale revision.

Each is raised with a catalogue key, so the command line and the app say it
in the user's language (``errors.Translatable``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eftertanke.domain import Interview, ValidationError, revision_of
from eftertanke.store.errors import RevisionConflictError


def refuse_taken_code(code: str, others: list[Interview]) -> None:
    """Refuse an interview code another interview has (letter case aside)."""
    if any(i.code.lower() == code.lower() for i in others):
        raise ValidationError(
            f"an interview with code {code!r} already exists",
            key="error.interview_exists",
            code=repr(code),
        )


def refuse_stale_record(
    record: tuple[str, str],
    expected_revision: int | None,
    load: Callable[[dict[str, Any]], object],
) -> Callable[[dict[str, Any] | None], None] | None:
    """An ``admit`` check for an interview or theme update that started from
    ``expected_revision`` (None: no check). ``record`` is ("interview", its
    code) or ("theme", its name quoted): the refusal is said in either language."""
    if expected_revision is None:
        return None
    kind, name = record
    what = f"{kind} {name}"

    def admit(stored: dict[str, Any] | None) -> None:
        if stored is None:
            raise RevisionConflictError(
                f"{what} was removed meanwhile; nothing was saved",
                None,
                key=f"error.{kind}_removed_meanwhile",
                name=name,
            )
        if revision_of(stored) != expected_revision:
            raise RevisionConflictError(
                f"{what} was changed elsewhere meanwhile (revision {expected_revision} is now "
                f"{revision_of(stored)}); nothing was saved",
                load(stored),
                key=f"error.{kind}_changed_meanwhile",
                name=name,
                expected=expected_revision,
                now=revision_of(stored),
            )

    return admit
