"""Themes found in the text of an answer, by the rule users are told.

* In a prompt marked ``theme_lines`` (the "first themes" prompts), every line
  is split on commas and semicolons (not inside parentheses); each piece,
  without a leading bullet (``-``, ``*``, ``•``, ``1.``) or ``#``, is a theme.
  A line may start with a concept, ``tryghed: farlig tavshed, skyggen`` or
  ``safety: …`` (the key or its Danish/English name), which files those
  themes under that concept.
* In every other answer, ``#tag`` words are themes: ``#`` after a space or at the
  start of a line, then letters, digits, ``-`` or ``_`` (``_`` reads as a
  space: ``#farlig_tavshed`` → "farlig tavshed"). ``# heading`` and ``#3``
  are not tags.
"""

from __future__ import annotations

import re

from eftertanke.domain import CONCEPT_NAMES, CONCEPTS

_TAG_RE = re.compile(r"(?:(?<=\s)|^)#([\w][\w-]*)", re.MULTILINE)
_BULLET_RE = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_CONCEPT_PREFIX_RE = re.compile(r"^\s*([^:,;()]{2,40}?)\s*:\s*(.*)$")


def _concept_aliases() -> dict[str, str]:
    aliases = {key: key for key in CONCEPTS}
    for key, names in CONCEPT_NAMES.items():
        for name in names.values():
            aliases[name.casefold()] = key
    # Short forms people actually write.
    aliases.update(
        {
            "drivkraft": "drive",
            "motivation": "drive",
            "rammer": "frames",
            "tryghed": "safety",
            "well-being": "wellbeing",
            "trivsel": "wellbeing",
        }
    )
    return aliases


CONCEPT_ALIASES: dict[str, str] = _concept_aliases()


def _split_outside_parentheses(line: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in line:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def themes_in_answer(text: str, *, theme_lines: bool) -> list[tuple[str, str | None]]:
    """(theme, concept or None) pairs found in an answer, by the module's rule."""
    found: list[tuple[str, str | None]] = []
    if theme_lines:
        for line in text.splitlines():
            concept = None
            match = _CONCEPT_PREFIX_RE.match(line)
            if match and match.group(1).strip().casefold() in CONCEPT_ALIASES:
                concept = CONCEPT_ALIASES[match.group(1).strip().casefold()]
                line = match.group(2)
            for piece in _split_outside_parentheses(line):
                name = _BULLET_RE.sub("", piece).strip().lstrip("#").strip()
                name = " ".join(name.split())
                if name:
                    found.append((name, concept))
        return found  # every line is a theme already; a leading # is just decoration
    for tag in _TAG_RE.findall(text):
        if not tag.isdigit():
            found.append((tag.replace("_", " ").strip(), None))
    return found


def add_unique(names: list[str], name: str) -> None:
    if name.casefold() not in {n.casefold() for n in names}:
        names.append(name)
