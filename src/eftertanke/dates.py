"""Parsing the dates people type, and showing dates in their language.

``--at`` takes ISO dates and the natural forms people use when they write an
entry late: ``now``, ``today 9:00``, ``yesterday 16:00``, ``3 days ago``,
``monday 8:30`` (the most recent Monday), in English or Danish (``i går
16:00``, ``i dag``, ``3 dage siden``, ``mandag``). pendulum does the ISO
parsing, the time zones and the localised formatting.
"""

from __future__ import annotations

import re
from datetime import datetime

from eftertanke.domain import ValidationError

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


def parse_when(text: str, *, reference: datetime | None = None) -> datetime:
    """A timezone-aware datetime for what the user typed; ValidationError if unclear."""
    raw = " ".join(text.strip().lower().split())
    if not raw:
        raise ValidationError("empty date")
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
            raise ValidationError(f"invalid time in {text!r}")
        return day.replace(hour=hour, minute=minute, second=0, microsecond=0)
    try:
        parsed = pendulum.parse(text.strip(), tz=pendulum.local_timezone(), strict=False)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as exc:
        raise ValidationError(
            f"cannot read the date {text!r}; use ISO (2026-03-14 16:00) or e.g. 'yesterday 16:00'"
        ) from exc
    if not isinstance(parsed, datetime):
        if hasattr(parsed, "year"):
            return pendulum.datetime(parsed.year, parsed.month, parsed.day, tz="local")
        raise ValidationError(f"{text!r} is not a date")
    return parsed


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


# Month and weekday names for the formats eftertanke prints. Kept here, not
# taken from pendulum, so that `list` and `show` do not pay pendulum's import
# (a quarter of the 0.3 s budget); pendulum still parses and humanises.
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december"),
}
_WEEKDAYS_SHOWN = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
}


def format_datetime(value: datetime, lang: str = "en", *, with_weekday: bool = False) -> str:
    """'14 Mar 2026 10:50' / '14. mar. 2026 10:50'; with the weekday spelled out."""
    lang = lang if lang in _MONTHS else "en"
    month = _MONTHS[lang][value.month - 1]
    clock = f"{value.hour:02d}:{value.minute:02d}"
    if with_weekday:
        weekday = _WEEKDAYS_SHOWN[lang][value.weekday()]
        if lang == "da":
            return f"{weekday} {value.day}. {month} {value.year} kl. {clock}"
        return f"{weekday} {value.day} {month} {value.year}, {clock}"
    return f"{format_date(value, lang)} {clock}"


def format_date(value: datetime, lang: str = "en") -> str:
    lang = lang if lang in _MONTHS else "en"
    month = _MONTHS[lang][value.month - 1]
    if lang == "da":
        return f"{value.day}. {month[:3]}. {value.year}"
    return f"{value.day} {month[:3]} {value.year}"


def humanize_since(value: datetime, lang: str = "en", *, reference: datetime | None = None) -> str:
    """'2 hours ago' / 'for 2 timer siden', measured from ``reference`` (default: now)."""
    import pendulum

    moment = pendulum.instance(value)
    base = pendulum.instance(reference) if reference else pendulum.now()
    span = moment.diff_for_humans(base, absolute=True, locale=lang)
    if moment <= base:
        return f"for {span} siden" if lang == "da" else f"{span} ago"
    return f"om {span}" if lang == "da" else f"in {span}"
