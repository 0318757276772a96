"""What is waiting to be written: today's check-in, reflections after interviews.

``eftertanke due`` prints it in one line and exits 1 when something is
waiting (0 when nothing is), so a shell prompt, cron or a systemd timer can
act on it. The Home screen lists the same interviews with the same rule.

An interview waits for its reflection when it has happened (marked done, or
still planned but its time is over) and no reflection names it. Writing the
reflection moves it on to 'reflected' (services/writing.py), but an entry
written some other way (an import) counts too. Several check-ins a day are
allowed: the count is kept, and the first one is what ends the wait.

This module sits low and imports little (no store, no domain, no Textual):
it is on the prompt's path, which has a budget of 60 ms at 10,000 entries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from eftertanke.i18n import humanise_minutes, t
from eftertanke.store.due_summary import _Record

TYPE_CHECKING = False  # typing, dataclasses and subprocess are not imported at run time
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, Protocol, TypeVar

    from eftertanke.store.due_summary import Summary
    from eftertanke.store.journal import Journal

    class InterviewLike(Protocol):
        @property
        def code(self) -> str: ...
        @property
        def status(self) -> str: ...
        @property
        def ended(self) -> datetime | None: ...

    I = TypeVar("I", bound=InterviewLike)  # noqa: E741

# Statuses of an interview that has not been reflected on yet (services/writing.py).
BEFORE_REFLECTION = ("planned", "done")
# How many waiting reflections the one line names before "and n more".
SHOWN_REFLECTIONS = 3


def awaiting_reflection(
    interviews: Iterable[I], reflected: Iterable[str], moment: datetime
) -> list[I]:
    """Interviews that happened and have no reflection yet, the latest ended first.

    Done counts whatever the date says; planned counts once its end has
    passed (nobody marked it done, but it is over). ``reflected`` holds the
    codes reflections name, compared without case."""
    named = {code.casefold() for code in reflected if code}
    waiting = [
        i
        for i in interviews
        if i.code.casefold() not in named
        and (
            i.status == "done"
            or (i.status == "planned" and i.ended is not None and i.ended <= moment)
        )
    ]
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(waiting, key=lambda i: i.ended or oldest, reverse=True)


class Waiting(_Record):
    """An interview waiting for its reflection, and how long ago it ended."""

    __slots__ = ("code", "role", "ended", "minutes_ago")

    def __init__(
        self, code: str, role: str, ended: datetime | None, minutes_ago: float | None
    ) -> None:
        self.code = code
        self.role = role
        self.ended = ended
        self.minutes_ago = minutes_ago


class DueStatus(_Record):
    __slots__ = ("today", "checkins_today", "last_checkin", "reflections")

    def __init__(
        self,
        today: date,
        checkins_today: int,
        last_checkin: datetime | None,
        reflections: tuple[Waiting, ...],
    ) -> None:
        self.today = today
        self.checkins_today = checkins_today
        self.last_checkin = last_checkin
        self.reflections = reflections

    @property
    def checkin_due(self) -> bool:
        return self.checkins_today == 0

    @property
    def due(self) -> bool:
        return self.checkin_due or bool(self.reflections)


def status_of(summary: Summary, moment: datetime) -> DueStatus:
    """What is waiting at ``moment`` (aware; its zone decides what 'today' is)."""
    today = moment.date()
    local = [c.astimezone(moment.tzinfo) for c in summary.checkins]
    waiting = awaiting_reflection(summary.interviews, summary.reflected, moment)
    return DueStatus(
        today=today,
        checkins_today=sum(1 for c in local if c.date() == today),
        last_checkin=max(local) if local else None,
        reflections=tuple(
            Waiting(
                i.code,
                i.role,
                i.ended,
                (moment - i.ended).total_seconds() / 60 if i.ended is not None else None,
            )
            for i in waiting
        ),
    )


def summary_from_journal(journal: Journal) -> Summary:
    """The same summary, read through the store (an encrypted journal, or one
    the fast reader declines)."""
    from eftertanke.store.due_summary import (
        KEPT_CHECKINS,
        InterviewInfo,
        Summary,
        moment_of,
    )

    checkins: list[datetime] = []
    reflected: set[str] = set()
    for doc in journal.raw_entries():
        if doc.get("kind") == "daily":
            created = moment_of(doc.get("created"))
            if created is not None:
                checkins.append(created.replace(microsecond=0))  # whole seconds, as cached
        elif doc.get("kind") == "interview" and isinstance(doc.get("interview"), str):
            reflected.add(doc["interview"].casefold())
    checkins.sort(reverse=True)
    interviews = tuple(
        sorted(
            (InterviewInfo(i.code, i.role, i.status, i.ended) for i in journal.interviews()),
            key=lambda i: i.code.casefold(),
        )
    )
    return Summary(tuple(checkins[:KEPT_CHECKINS]), frozenset(reflected), interviews)


# -- saying it ----------------------------------------------------------------------


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"cli.due.{key}", lang, **values)


def _ended(item: Waiting, lang: str) -> str:
    if item.minutes_ago is None or item.minutes_ago < 0:
        return _w("reflection", lang, code=item.code)
    if item.minutes_ago < 1:
        return _w("reflection_just_ended", lang, code=item.code)
    return _w(
        "reflection_ended", lang, code=item.code, ago=humanise_minutes(item.minutes_ago, lang)
    )


def line(status: DueStatus, lang: str) -> str:
    """One line, in the user's language, of what is waiting (or that nothing is)."""
    if not status.due:
        return _w("nothing", lang, n=status.checkins_today)
    items = [_w("checkin", lang)] if status.checkin_due else []
    shown = status.reflections[:SHOWN_REFLECTIONS]
    items.extend(_ended(item, lang) for item in shown)
    rest = len(status.reflections) - len(shown)
    if rest:
        items.append(_w("more_reflections", lang, n=rest))
    return _w("waiting", lang, items=_w("separator", lang).join(items))


def as_data(status: DueStatus, lang: str) -> dict[str, Any]:
    """The ``--json`` form: the facts, and the line as it would be printed."""
    return {
        "due": status.due,
        "today": status.today.isoformat(),
        "checkin": {
            "due": status.checkin_due,
            "today": status.checkins_today,
            "last": status.last_checkin.isoformat() if status.last_checkin else None,
        },
        "reflections": [
            {
                "interview": item.code,
                "role": item.role,
                "ended": item.ended.isoformat() if item.ended else None,
                "minutes_ago": int(item.minutes_ago) if item.minutes_ago is not None else None,
            }
            for item in status.reflections
        ],
        "message": line(status, lang),
    }


def notify(message: str, lang: str) -> str | None:
    """Send ``message`` as a desktop notification; a note for stderr if it could not be."""
    import shutil
    import subprocess

    program = shutil.which("notify-send")
    if program is None:
        return _w("no_notify_send", lang)
    try:
        subprocess.run(
            [program, "--app-name=eftertanke", "eftertanke", message],
            check=True,
            timeout=10,
            capture_output=True,
        )
    except (OSError, subprocess.SubprocessError):
        return _w("notify_failed", lang)
    return None


def report(
    status: DueStatus, lang: str, *, as_json: bool, quiet: bool, send: bool
) -> tuple[str | None, str | None, int]:
    """(what to print on stdout or None, a note for stderr or None, the exit code)."""
    note = None
    if send and status.due:
        note = notify(line(status, lang), lang)
    if as_json:
        import json

        # The layout of the other commands' --json (orjson's two-space indent).
        out: str | None = json.dumps(as_data(status, lang), indent=2, ensure_ascii=False)
        if not out.replace("\n", "").isprintable():
            from eftertanke.textsafe import json_for_terminal

            out = json_for_terminal(out)
    elif quiet and not status.due:
        out = None
    else:
        out = line(status, lang)
        # Interview codes come from the journal's files: anything a terminal
        # would act on is made visible (textsafe, imported only then).
        if not out.isprintable():
            from eftertanke.textsafe import one_line

            out = one_line(out)
    return out, note, 1 if status.due else 0
