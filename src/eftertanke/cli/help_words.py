"""The help of every command and option in the user's language (issue 13).

The English help stays in the code (docstrings and ``help=``); the catalogue
says it in each language under

- ``cli.help.<path>`` for a command's help (``<path>`` is its command path
  with dots: ``eftertanke.theme.add``),
- ``cli.help.<path>.short`` for its one-line summary in command lists, when
  the catalogue has one (else click shortens the help, as in English),
- ``cli.help.<path>.opt.<param name>`` for an option's help.

``use`` sets them on the command tree for a language before click parses
anything (from ``LocalisedGroup.make_context``); a key the catalogue lacks
keeps the English of the code, so a new option never breaks, and
tests/test_help_words.py fails until it has its words. scripts/extract_help.py
writes the code's English into en.json.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import click

from eftertanke.i18n import catalogue

PREFIX = "cli.help"

# The English of the code, kept on each command and parameter the first
# time another language is set (attribute names).
_HELP = "_eftertanke_english_help"
_SHORT = "_eftertanke_english_short_help"


def walk(command: click.Command, path: str = "eftertanke") -> Iterator[tuple[str, click.Command]]:
    """(dotted command path, command) for ``command`` and every command under it."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, f"{path}.{name}")


# Options whose help is click's own words (``click_words``, cli.click.*).
CLICKS_OWN = {"version": "cli.click.version_option"}


def shown_params(command: click.Command) -> Iterator[click.Parameter]:
    """The parameters whose help ``--help`` shows (not hidden, with help text),
    but for click's own options."""
    for param in command.params:
        if param.name in CLICKS_OWN or getattr(param, "hidden", False):
            continue
        if param.name and _english(param, _HELP, "help"):
            yield param


def _english(thing: object, keep: str, attribute: str) -> str | None:
    if not hasattr(thing, keep):
        setattr(thing, keep, getattr(thing, attribute, None))
    return getattr(thing, keep)


def english_texts(root: click.Command) -> dict[str, str]:
    """Every help text of the tree in the code's English, by catalogue key
    (indentation taken out, as ``--help`` shows it)."""
    texts: dict[str, str] = {}
    for path, command in walk(root):
        help_text = _english(command, _HELP, "help")
        if help_text:
            texts[f"{PREFIX}.{path}"] = inspect.cleandoc(help_text)
        short = _english(command, _SHORT, "short_help")
        if short:
            texts[f"{PREFIX}.{path}.short"] = inspect.cleandoc(short)
        for param in shown_params(command):
            english = _english(param, _HELP, "help")
            texts[f"{PREFIX}.{path}.opt.{param.name}"] = inspect.cleandoc(english or "")
    return texts


def use(root: click.Command, lang: str, path: str = "eftertanke") -> None:
    """Set every help text of the tree to its words in ``lang``; ``path`` is
    the root's dotted command path (a command added later: ``eftertanke.new``)."""
    words = catalogue(lang)

    def said(key: str, english: str | None) -> str | None:
        text = words.get(key)
        return text if english and isinstance(text, str) else english

    for where, command in walk(root, path):
        key = f"{PREFIX}.{where}"
        command.help = said(key, _english(command, _HELP, "help"))
        command.short_help = said(f"{key}.short", _english(command, _SHORT, "short_help"))
        for param in command.params:
            if param.name in CLICKS_OWN:
                param.help = words.get(CLICKS_OWN[param.name], param.help)  # type: ignore[attr-defined]
            elif param.name and hasattr(param, "help"):
                param.help = said(f"{key}.opt.{param.name}", _english(param, _HELP, "help"))  # type: ignore[attr-defined]


__all__ = ["english_texts", "shown_params", "use", "walk"]
