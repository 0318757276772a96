"""An answer's lines as a reader sees them: paragraphs, lists and line breaks.

People write answers line by line: a quote per line, a list of leads with
``- ``, a short poem of a day. Markdown joins single lines into one
paragraph, so every output that shows an answer needs the same reading of
its text, made here once:

- ``blocks(text)`` for documents and the entry view: paragraphs (their
  lines kept, each one a line break), bullet lists (lines starting ``- ``,
  ``* `` or ``+ ``) and numbered lists (``1. ``, ``2) ``); a prompt that
  asks for one answer per line (``one_per_line_prompt``) makes every line
  of its answer a list item.
- ``to_markdown`` / ``from_markdown`` for the Markdown exports and the
  importer: a single newline between two lines of text is written as a hard
  break (a trailing backslash, which CommonMark and pandoc both keep), a
  blank line is put between text and a list so pandoc sees the list, and a
  one-per-line answer is written as a list. ``from_markdown`` undoes exactly
  that, so an answer read back is the answer written.

Lines Markdown gives a meaning of their own (headings, fenced code and what
is inside it, indented code, rules, tables, HTML) are left as written.

Pure functions of text; no I/O, nothing of eftertanke imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH = "paragraph"
BULLETS = "bullets"
NUMBERED = "numbered"

# The built-in packs' prompts whose hint asks for one answer per line (a quote
# with its time, a first theme); tests/test_text_blocks.py checks the packs.
ONE_PER_LINE_PROMPTS = frozenset(
    {"quotes", "first-themes", "memo-themes", "event-themes", "inventory-themes", "reflection-themes"}
)

_ITEM = re.compile(r"^ {0,3}(?:([-*+])|(\d{1,9})[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Headings, rules and setext underlines, tables, HTML (eftertanke's own marks
# are HTML comments), indented code: Markdown's, not a line of text.
_OTHER = re.compile(r"^(?: {0,3}(?:#|<|\||=+\s*$|-+\s*$|([-*_])(?:\s*\1){2,}\s*$)| {4}|\t)")

# What a line that is not plain text can start with (the empty string too: blank).
_MAY_MARK = frozenset(" \t#<|=-_*+`~0123456789") | {""}

# Line classes.
_BLANK, _TEXT, _ITEM_LINE, _CODE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (``lines`` broken where the writer broke them) or a list
    (``lines`` are its items, without their markers; ``start`` is the first
    number of a numbered list)."""

    kind: str
    lines: tuple[str, ...]
    start: int = 1


def one_per_line_prompt(prompt_id: str) -> bool:
    """Whether the prompt asks for one answer per line (its answer is a list)."""
    return prompt_id in ONE_PER_LINE_PROMPTS


def _classes(lines: list[str]) -> list[int]:
    """Each line's class; fences and what they hold are code, left alone."""
    out: list[int] = []
    fence = ""
    for line in lines:
        if not fence and line[:1] not in _MAY_MARK:
            # Most lines start with a letter: text, without a regular expression.
            out.append(_TEXT)
            continue
        if fence:
            out.append(_CODE)
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            out.append(_CODE)
        elif not line.strip():
            out.append(_BLANK)
        elif _OTHER.match(line):
            # Before items: "- - -" is a rule, and a lone "-" under text a heading's line.
            out.append(_CODE)
        elif _ITEM.match(line):
            out.append(_ITEM_LINE)
        else:
            out.append(_TEXT)
    return out


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def writes_as_list(text: str) -> bool:
    """Whether a one-per-line answer is written as a list: two lines or more,
    all of them plain text (a writer's own list or Markdown is left as it is)."""
    classes = _classes(_lines(text))
    written = [c for c in classes if c != _BLANK]
    return len(written) >= 2 and all(c == _TEXT for c in written)


# -- Markdown ------------------------------------------------------------------


def _transitions(classes: list[int]) -> list[tuple[int, int]]:
    """``(first blank, next written line)`` for every run of blank lines (maybe
    none) between a line of text and a list item, either way round."""
    if _ITEM_LINE not in classes:
        return []
    found: list[tuple[int, int]] = []
    previous, before = -1, _BLANK
    for index, kind in enumerate(classes):
        if kind == _BLANK:
            continue
        if (before == _TEXT and kind == _ITEM_LINE) or (before == _ITEM_LINE and kind == _TEXT):
            found.append((previous + 1, index))
        previous, before = index, kind
    return found


def _breaks(classes: list[int]) -> list[int]:
    """The lines that end in a hard break: text followed at once by text."""
    return [i for i in range(len(classes) - 1) if classes[i] == _TEXT and classes[i + 1] == _TEXT]


def to_markdown(text: str, *, as_list: bool = False) -> str:
    """``text`` as Markdown that shows its line breaks and lists (see the module
    docstring); ``as_list`` (a one-per-line answer, ``writes_as_list``) makes
    every line a list item."""
    if "\n" not in text and "\r" not in text:
        return text
    lines = _lines(text)
    if as_list:
        return "\n".join(f"- {line}" if line.strip() else line for line in lines)
    classes = _classes(lines)
    for index in _breaks(classes):
        lines[index] += "\\"
    # Blank lines are added from the end so the positions found stay right.
    for blank, _next in reversed(_transitions(classes)):
        lines.insert(blank, "")
    return "\n".join(lines)


def from_markdown(markdown: str, *, as_list: bool = False) -> str:
    """The text ``to_markdown`` was given, from what it wrote."""
    if "\n" not in markdown:
        return markdown[2:] if as_list and markdown.startswith("- ") else markdown
    lines = markdown.split("\n")
    if as_list:
        return "\n".join(line[2:] if line.startswith("- ") else line for line in lines)
    classes = _classes(lines)
    for index in _breaks(classes):
        if lines[index].endswith("\\"):
            lines[index] = lines[index][:-1]
    for blank, following in reversed(_transitions(classes)):
        if following > blank:
            del lines[blank]
    return "\n".join(lines)


# -- blocks for documents ----------------------------------------------------------


def _item(line: str) -> tuple[str, int | None]:
    match = _ITEM.match(line)
    assert match is not None
    number = match.group(2)
    return (match.group(3) or "").strip(), (int(number) if number else None)


def _list_blocks(lines: list[str]) -> list[Block]:
    """Consecutive items (blank lines between them allowed) as lists, a new list
    where bullets turn to numbers or back."""
    out: list[Block] = []
    for line in lines:
        words, number = _item(line)
        kind = BULLETS if number is None else NUMBERED
        if out and out[-1].kind == kind:
            last = out[-1]
            out[-1] = Block(kind, (*last.lines, words), last.start)
        else:
            out.append(Block(kind, (words,), number or 1))
    return out


def blocks(text: str, *, one_per_line: bool = False) -> list[Block]:
    """The paragraphs and lists of ``text``, in order. A paragraph keeps its
    lines as written (Markdown's own lines, headings or code, are text here);
    items separated by blank lines stay one list. A lone numbered line
    ("1. maj var ...") stays text: it is more often a sentence than a list."""
    lines = [line.rstrip() for line in _lines(text)]
    if one_per_line and writes_as_list(text):
        return [Block(BULLETS, tuple(line.strip() for line in lines if line.strip()))]
    classes = [_TEXT if kind == _CODE else kind for kind in _classes(lines)]
    for index, kind in enumerate(classes):
        if kind == _ITEM_LINE and _item(lines[index])[1] is not None:
            near = [classes[j] for j in (index - 1, index + 1) if 0 <= j < len(lines)]
            if _ITEM_LINE not in near:
                classes[index] = _TEXT
    groups: list[tuple[int, list[str]]] = []
    after_blank = False
    for line, kind in zip(lines, classes, strict=True):
        if kind == _BLANK:
            after_blank = True
            continue
        if groups and groups[-1][0] == kind and (kind == _ITEM_LINE or not after_blank):
            groups[-1][1].append(line)
        else:
            groups.append((kind, [line]))
        after_blank = False
    out: list[Block] = []
    for kind, run in groups:
        if kind == _ITEM_LINE:
            out.extend(_list_blocks(run))
        else:
            out.append(Block(PARAGRAPH, tuple(run)))
    return out


__all__ = [
    "BULLETS",
    "NUMBERED",
    "ONE_PER_LINE_PROMPTS",
    "PARAGRAPH",
    "Block",
    "blocks",
    "from_markdown",
    "one_per_line_prompt",
    "to_markdown",
    "writes_as_list",
]
