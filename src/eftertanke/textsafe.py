"""Making stored text harmless to print on a terminal.

A journal entry may hold anything a user pasted: ANSI escapes, OSC 8 links,
a bell, a carriage return that overwrites the line, bidi overrides that
reorder what is shown. Printed raw, these act on the terminal. ``for_terminal``
shows each as a visible placeholder instead, keeping newlines and tabs.
"""

from __future__ import annotations

import re

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
