"""Where the app finds its words in the catalogue (``locale/*.json``, see ``eftertanke.i18n``).

A screen's word ``key`` is ``tui.<module>.<key>`` of its own module or of a
module of the app it inherits from (a theme form finds the interview form's
"Save", the coding screens the coding actions' words), then
``tui.common.<key>``. A footer description is ``tui.<module>.action.<name>``
by the same walk, then ``tui.action.<name>``, so the footer follows the
language switch.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from eftertanke import i18n


class _Bound(Protocol):
    action: str
    description: str


@cache
def namespaces(cls: type) -> tuple[str, ...]:
    """``tui.<module>`` of ``cls`` and of every app class it inherits from, nearest first."""
    out: list[str] = []
    for klass in cls.__mro__:
        module = klass.__module__
        if module.startswith("eftertanke.tui."):
            namespace = "tui." + module.rsplit(".", 1)[-1]
            if namespace not in out:
                out.append(namespace)
    return tuple(out)


def key_of(cls: type, key: str) -> str | None:
    """The catalogue key that ``key`` names for ``cls``, or None."""
    for namespace in (*namespaces(cls), "tui.common"):
        full = f"{namespace}.{key}"
        if i18n.has(full):
            return full
    return None


def word(cls: type, key: str, lang: str, **values: object) -> str:
    """``key`` as ``cls`` says it in ``lang`` (the key itself when the catalogue lacks it)."""
    full = key_of(cls, key)
    return i18n.t(full, lang, **values) if full else key


def common(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"tui.common.{key}", lang, **values)


def action_key(cls: type, action: str) -> str | None:
    """The catalogue key of an action's footer description on ``cls``, or None."""
    # "app.write('daily')" may be worded under "write('daily')".
    bare = action.removeprefix("app.").removeprefix("screen.")
    for namespace in (*namespaces(cls), "tui"):
        for name in (action, bare):
            full = f"{namespace}.action.{name}"
            if i18n.has(full):
                return full
    return None


def describe(cls: type, binding: _Bound, lang: str) -> str:
    """A binding's footer description in ``lang``."""
    full = action_key(cls, binding.action)
    return i18n.t(full, lang) if full else binding.description


def said(exc: BaseException, lang: str) -> str:
    """An error as the person reads it: in ``lang`` when it carries a catalogue
    key (``errors.Translatable``), else its own message."""
    in_language = getattr(exc, "in_language", None)
    return in_language(lang) if callable(in_language) else str(exc)
