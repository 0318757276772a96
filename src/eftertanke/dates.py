"""Parsing the dates people type, and showing dates in their language.

``--at`` takes ISO dates and the natural forms people use when they write an
entry late: ``now``, ``today 9:00``, ``yesterday 16:00``, ``3 days ago``,
``monday 8:30`` (the most recent Monday), in English or Danish (``i går
16:00``, ``i dag``, ``3 dage siden``, ``mandag``). pendulum does the ISO
parsing, the time zones and the localised formatting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

from eftertanke.domain import ValidationError
from eftertanke.i18n import t

_DAY_WORDS = {
    "now": 0,
    "nu": 0,
    "today": 0,
    "i dag": 0,
    "idag": 0,
    "yesterday": -1,
    "i går": -1,
    "igår": -1,
    "i forgårs": -2,
    "tomorrow": 1,
    "i morgen": 1,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mandag": 0, "tirsdag": 1, "onsdag": 2,
    "torsdag": 3, "fredag": 4, "lørdag": 5, "søndag": 6,
}  # fmt: skip
_TIME_RE = re.compile(r"(?:\s+|^)(?:kl\.?\s*|at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*$")
_AGO_RE = re.compile(
    r"^(\d+)\s+(minutes?|min|hours?|timer?|days?|dage?|weeks?|uger?)\s+(ago|siden)$"
)


def _shown(text: str, limit: int = 40) -> str:
    """What the user typed, quoted, cut short so an error stays one readable line."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _note_on_stderr(message: str) -> None:
    import sys

    print(f"eftertanke: note: {message}", file=sys.stderr)


def parse_when(
    text: str,
    *,
    reference: datetime | None = None,
    notice: Callable[[str], None] | None = _note_on_stderr,
) -> datetime:
    """A timezone-aware datetime for what the user typed; ValidationError if unclear.

    A wall-clock time that does not exist in the local zone (the spring DST
    gap) is refused; one that happens twice (the autumn hour) is taken as
    the first of the two and ``notice`` is told so.
    """
    raw = " ".join(text.strip().lower().split())
    if not raw:
        raise ValidationError(
            "empty date: give one such as 2026-03-14 16:00, 'yesterday 16:00' or '2 days ago'",
            key="error.date_empty",
        )
    try:
        return _parse_when(text, raw, reference, notice)
    except ValidationError:
        raise
    except (OverflowError, ValueError) as exc:
        # pendulum and datetime say "date value out of range" or "year 0 is
        # out of range": the user needs to know it was the date they typed.
        raise ValidationError(
            f"the date {_shown(text)} is out of range: give a date between the years 1 and 9999",
            key="error.date_out_of_range",
            said=_shown(text),
        ) from exc


def _parse_when(
    text: str,
    raw: str,
    reference: datetime | None,
    notice: Callable[[str], None] | None,
) -> datetime:
    import pendulum

    base = pendulum.instance(reference) if reference else pendulum.now()
    ago = _AGO_RE.match(raw)
    if ago:
        amount, unit = int(ago.group(1)), ago.group(2)
        if unit.startswith("min"):
            return base.subtract(minutes=amount)
        if unit.startswith(("hour", "time")):
            return base.subtract(hours=amount)
        if unit.startswith(("week", "uge")):
            return base.subtract(weeks=amount)
        return base.subtract(days=amount)
    day_part, hour, minute = raw, None, 0
    time_match = _TIME_RE.search(raw)
    if time_match and raw[: time_match.start()].strip() in (*_DAY_WORDS, *_WEEKDAYS):
        day_part = raw[: time_match.start()].strip()
        hour, minute = int(time_match.group(1)), int(time_match.group(2) or 0)
    if day_part in _DAY_WORDS or day_part in _WEEKDAYS:
        if day_part in _DAY_WORDS:
            day = base.add(days=_DAY_WORDS[day_part])
        else:
            back = (base.weekday() - _WEEKDAYS[day_part]) % 7
            day = base.subtract(days=back)
        if hour is None:
            return day.start_of("day") if day_part in _WEEKDAYS else day
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValidationError(
                f"invalid time in {_shown(text)}", key="error.date_bad_time", said=_shown(text)
            )
        wall = datetime(day.year, day.month, day.day, hour, minute)
        return local_moment(wall, day.tzinfo, notice=notice, said=text.strip())
    from pendulum.parsing import parse as parse_parts

    try:
        parsed = parse_parts(text.strip(), strict=False)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as exc:
        raise ValidationError(
            f"cannot read the date {_shown(text)}; use ISO (2026-03-14 16:00) or e.g. "
            "'yesterday 16:00'",
            key="error.date_unreadable",
            said=_shown(text),
        ) from exc
    zone = pendulum.local_timezone()
    if isinstance(parsed, datetime):
        if parsed.tzinfo is not None:
            return pendulum.instance(parsed)
        return local_moment(parsed, zone, notice=notice, said=text.strip())
    if isinstance(parsed, date):
        wall = datetime(parsed.year, parsed.month, parsed.day)
        return local_moment(wall, zone, notice=notice, said=text.strip())
    raise ValidationError(f"{_shown(text)} is not a date", key="error.not_a_date", said=_shown(text))


def local_zone() -> tzinfo:
    """The zone local times are read in (TZ, else the system's)."""
    import pendulum

    return pendulum.local_timezone()


def local_moment(
    wall: datetime,
    zone: tzinfo | None = None,
    *,
    notice: Callable[[str], None] | None = None,
    said: str | None = None,
) -> datetime:
    """The aware moment a wall-clock time names in ``zone`` (default: local).

    Refuses a time in the spring gap (it never happened: a diary must not
    quietly move a note an hour); takes the first of an autumn time that
    happens twice, and tells ``notice`` which one it took.
    """
    import pendulum

    zone = zone or pendulum.local_timezone()
    said = said or wall.strftime("%Y-%m-%d %H:%M")
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return pendulum.instance(first)
    name = getattr(zone, "key", None) or getattr(zone, "name", None) or str(zone)
    if _round_trips(first, zone):
        if notice is not None:
            notice(
                f"{said} happens twice in {name} (the clocks go back); taken as the first, "
                f"{_offset(first)}; write {wall.strftime('%Y-%m-%dT%H:%M')}{_offset(second)} "
                "for the second"
            )
        return pendulum.instance(first)
    start, end = _gap_bounds(first, second, zone)
    raise ValidationError(
        f"{said} does not exist in {name}: on {wall:%Y-%m-%d} the clocks jump from "
        f"{start:%H:%M} to {end:%H:%M} (summer time); give a time before {start:%H:%M} "
        f"or from {end:%H:%M}"
    )


def _round_trips(moment: datetime, zone: tzinfo) -> bool:
    back = moment.astimezone(UTC).astimezone(zone)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _gap_bounds(first: datetime, second: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """Wall-clock start and end of the gap holding ``first``: the zone's offset
    changes at one instant between the two readings; find it by halving."""
    low = second.astimezone(UTC)  # read with the later offset: before the jump
    high = first.astimezone(UTC)
    before = low.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    jump = high.replace(microsecond=0)
    if jump.second:
        jump = jump + timedelta(seconds=60 - jump.second)
    old_offset = before or timedelta(0)
    new_offset = jump.astimezone(zone).utcoffset() or timedelta(0)
    start = (jump + old_offset).replace(tzinfo=None)
    return start, (jump + new_offset).replace(tzinfo=None)


_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day_bound(text: str, *, end: bool) -> datetime:
    """A --from/--to bound: a bare day covers the whole day; a time is taken as given."""
    import pendulum

    raw = " ".join(text.strip().lower().split())
    moment = parse_when(text)
    day_only = raw in _DAY_WORDS or raw in _WEEKDAYS or _ISO_DAY_RE.match(raw)
    if day_only and raw not in ("now", "nu"):
        day = pendulum.instance(moment)
        return day.end_of("day") if end else day.start_of("day")
    return moment


# Month and weekday names for the formats eftertanke prints come from the
# catalogue (dates.month.01, dates.month_short.01, dates.weekday.0), not from pendulum, so that
# `list` and `show` do not pay pendulum's import (a quarter of the 0.3 s
# budget); pendulum still parses and humanises.


def _month(value: datetime, lang: str) -> str:
    return t(f"dates.month.{value.month:02d}", lang)


def format_datetime(value: datetime, lang: str = "en", *, with_weekday: bool = False) -> str:
    """'14 Mar 2026 10:50' / '14. mar. 2026 10:50'; with the weekday spelled out."""
    clock = f"{value.hour:02d}:{value.minute:02d}"
    if with_weekday:
        return t(
            "dates.with_weekday",
            lang,
            weekday=t(f"dates.weekday.{value.weekday()}", lang),
            day=value.day,
            month=_month(value, lang),
            year=value.year,
            clock=clock,
        )
    return t("dates.datetime", lang, date=format_date(value, lang), clock=clock)


def format_date(value: datetime, lang: str = "en") -> str:
    """'14 Mar 2026' / '14. mar. 2026' ('14. maj 2026': a short month is the
    catalogue's, never the name cut at three letters, which would give 'maj.')."""
    short = t(f"dates.month_short.{value.month:02d}", lang)
    return t("dates.date", lang, day=value.day, month=short, year=value.year)


def humanize_since(value: datetime, lang: str = "en", *, reference: datetime | None = None) -> str:
    """'2 hours ago' / 'for 2 timer siden', measured from ``reference`` (default: now)."""
    import pendulum

    moment = pendulum.instance(value)
    base = pendulum.instance(reference) if reference else pendulum.now()
    span = moment.diff_for_humans(base, absolute=True, locale=lang)
    if moment <= base:
        return t("dates.ago", lang, span=span)
    return t("dates.ahead", lang, span=span)
