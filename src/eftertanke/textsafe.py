"""Making stored text harmless to print on a terminal, and storable at all.

A journal entry may hold anything a user pasted: ANSI escapes, OSC 8 links,
a bell, a carriage return that overwrites the line, bidi overrides that
reorder what is shown. Printed raw, these act on the terminal. ``for_terminal``
shows each as a visible placeholder instead, keeping newlines and tabs.

All of that is valid text and is stored exactly as typed. The one thing that
is not text is a lone surrogate (what Python makes of invalid UTF-8 bytes in
``argv``, or of a ``\ud800`` escape in imported JSON): it cannot be written
as UTF-8, so ``scrub_surrogates`` stores each as U+FFFD, the replacement
character, the same choice made for invalid bytes read from standard input.
"""

from __future__ import annotations

import re

# typing and orjson are not imported at run time: this module is on the path
# of `eftertanke due`, which a shell prompt runs (see eftertanke/launch.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    _T = TypeVar("_T")

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode
# bidi embedding/override/isolate marks (the "Trojan Source" set).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\x1b": "␛", "\r": "␍", "\x07": "␇", "\x00": "␀", "\x08": "␈"}


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED.get(char) or f"<U+{ord(char):04X}>"


def for_terminal(text: str) -> str:
    return _UNSAFE.sub(_visible, text)


def one_line(text: str, limit: int | None = None) -> str:
    """Terminal-safe text squeezed onto one line, for tables and lists."""
    flat = " ".join(for_terminal(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (unchanged otherwise)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def scrub_surrogates(value: _T) -> _T:
    """A JSON-like value with every string (keys too) made valid; the same
    object back when nothing needed changing, so the common case copies nothing."""
    if isinstance(value, dict | list):
        import orjson

        # The common case, fast: orjson refuses a lone surrogate anywhere in the
        # value, so one dump at C speed (a shard of 250 KB: 0.1 ms, against 3 ms
        # for the walk below) shows there is nothing to scrub.
        try:
            orjson.dumps(value)
        except (orjson.JSONEncodeError, TypeError):
            pass  # a surrogate, or something orjson cannot say: walk it
        else:
            return value
    return _scrub(value)


def _scrub(value: _T) -> _T:
    if isinstance(value, str):
        return valid_text(value)  # type: ignore[return-value]
    if isinstance(value, dict):
        changed = False
        out: dict[Any, Any] = {}
        for key, item in value.items():
            new_key = valid_text(key) if isinstance(key, str) else key
            new_item = _scrub(item)
            changed = changed or new_key is not key or new_item is not item
            out[new_key] = new_item
        return out if changed else value  # type: ignore[return-value]
    if isinstance(value, list):
        items = [_scrub(item) for item in value]
        if any(a is not b for a, b in zip(items, value, strict=True)):
            return items  # type: ignore[return-value]
        return value
    return value


# What JSON may carry raw but a terminal would act on: DEL, C1 controls, bidi
# controls (JSON encoders already escape C0). Only ever inside strings, so
# writing them as \uXXXX keeps the document valid and its data identical.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_for_terminal(document: str) -> str:
    """Serialised JSON with the characters that act on a terminal escaped."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", document)
