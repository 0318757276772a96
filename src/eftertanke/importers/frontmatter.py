"""Reading YAML front matter without a YAML library.

eftertanke writes a small, regular subset of YAML (see ``export.markdown``):
double-quoted strings, plain scalars, block and flow sequences and flow maps.
Other tools (Obsidian, Jekyll, Hugo, Pandoc) write much the same subset. This
reader understands it, plus single-quoted strings and one level of nested
block maps, and refuses anything else with a message naming the line: a file
whose front matter we cannot read exactly is an error, never a guess.

Scalars stay strings (``2024-03-14`` is the string "2024-03-14"), except
``null``/``~``/empty, ``true``/``false`` and whole numbers.
"""

from __future__ import annotations

import re
from typing import Any

FENCE = "---"


class FrontMatterError(ValueError):
    """The front matter is not YAML this reader can read; the message says where."""


_KEY = re.compile(r"^([A-Za-z_][\w.-]*|\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*')\s*:(?:\s+|$)(.*)$")
_INT = re.compile(r"^[-+]?\d+$")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}


def split_front_matter(text: str) -> tuple[str | None, str]:
    """``(front matter text or None, the rest)``; raises if a block is opened, never closed."""
    if not (text.startswith("---\n") or text == "---" or text.startswith("---\r\n")):
        return None, text
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r") in (FENCE, "..."):
            head = "\n".join(x.rstrip("\r") for x in lines[1:number])
            return head, "\n".join(lines[number + 1 :])
    raise FrontMatterError("the front matter starts with '---' but is never closed")


def _double_quoted(text: str, pos: int, line: int) -> tuple[str, int]:
    """Read a double-quoted scalar starting at ``text[pos] == '"'``."""
    out: list[str] = []
    i = pos + 1
    while i < len(text):
        char = text[i]
        if char == '"':
            return "".join(out), i + 1
        if char == "\\":
            code = text[i + 1 : i + 2]
            if code in _HEX:
                width = _HEX[code]
                digits = text[i + 2 : i + 2 + width]
                if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                    raise FrontMatterError(f"line {line}: bad escape \\{code}{digits}")
                out.append(chr(int(digits, 16)))
                i += 2 + width
                continue
            if code not in _ESCAPES:
                raise FrontMatterError(f"line {line}: unknown escape \\{code}")
            out.append(_ESCAPES[code])
            i += 2
            continue
        out.append(char)
        i += 1
    raise FrontMatterError(f"line {line}: a quoted value is not closed")


def _single_quoted(text: str, pos: int, line: int) -> tuple[str, int]:
    out: list[str] = []
    i = pos + 1
    while i < len(text):
        if text[i] == "'":
            if text[i + 1 : i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        out.append(text[i])
        i += 1
    raise FrontMatterError(f"line {line}: a quoted value is not closed")


def _plain(value: str) -> Any:
    value = value.strip()
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value)
    return value


def _strip_comment(value: str) -> str:
    """A plain value ends at ' #'."""
    index = value.find(" #")
    return value[:index] if index >= 0 else value


# Front matter holds flat metadata; a deeper value is hostile or broken, and
# reading it recursively would exhaust Python's stack (a RecursionError).
MAX_NESTING = 20


class _Flow:
    """A cursor over one line's flow value: [a, "b"], {"k": 1}, "x", plain."""

    def __init__(self, text: str, line: int) -> None:
        self.text = text
        self.pos = 0
        self.line = line
        self.depth = 0

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise FrontMatterError(
                f"line {self.line}: lists or maps nested deeper than {MAX_NESTING} levels"
            )

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def value(self, inside: str = "") -> Any:
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        if char == '"':
            value, self.pos = _double_quoted(self.text, self.pos, self.line)
            return value
        if char == "'":
            value, self.pos = _single_quoted(self.text, self.pos, self.line)
            return value
        if char and char in "[{":
            self._enter()
            value = self.sequence() if char == "[" else self.mapping()
            self.depth -= 1
            return value
        stops = ",]}" if inside else ""
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in stops:
            if (
                inside == "{"
                and self.text[self.pos] == ":"
                and (self.text[self.pos + 1 : self.pos + 2] in (" ", ""))
            ):
                break
            self.pos += 1
        raw = self.text[start : self.pos]
        if not inside:
            raw = _strip_comment(raw)
        return _plain(raw)

    def sequence(self) -> list[Any]:
        self.pos += 1
        items: list[Any] = []
        self.skip()
        if self.text[self.pos : self.pos + 1] == "]":
            self.pos += 1
            return items
        while True:
            items.append(self.value("["))
            self.skip()
            char = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if char == "]":
                return items
            if char != ",":
                raise FrontMatterError(f"line {self.line}: expected ',' or ']' in a list")

    def mapping(self) -> dict[str, Any]:
        self.pos += 1
        items: dict[str, Any] = {}
        self.skip()
        if self.text[self.pos : self.pos + 1] == "}":
            self.pos += 1
            return items
        while True:
            key = self.value("{")
            self.skip()
            if self.text[self.pos : self.pos + 1] != ":":
                raise FrontMatterError(f"line {self.line}: expected ':' in a map")
            self.pos += 1
            items[str(key)] = self.value("{")
            self.skip()
            char = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if char == "}":
                return items
            if char != ",":
                raise FrontMatterError(f"line {self.line}: expected ',' or '}}' in a map")

    def done(self) -> None:
        self.skip()
        rest = self.text[self.pos :].strip()
        if rest and not rest.startswith("#"):
            raise FrontMatterError(
                f"line {self.line}: unexpected text after the value: {rest[:30]!r}"
            )


def _one_value(text: str, line: int) -> Any:
    cursor = _Flow(text, line)
    value = cursor.value()
    if isinstance(value, (list, dict)) or text.lstrip()[:1] in "\"'":
        cursor.done()
    return value


def _key_name(raw: str, line: int) -> str:
    if raw.startswith('"'):
        return _double_quoted(raw, 0, line)[0]
    if raw.startswith("'"):
        return _single_quoted(raw, 0, line)[0]
    return raw


def parse_front_matter(text: str) -> dict[str, Any]:
    """The mapping a front matter block holds; ``FrontMatterError`` if unreadable."""
    lines = text.split("\n")
    data: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 2  # line numbers count the opening fence as line 1
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        if raw[0] in " \t":
            raise FrontMatterError(f"line {number}: unexpected indentation")
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise FrontMatterError(f"line {number}: tabs cannot indent YAML")
        match = _KEY.match(raw)
        if not match:
            raise FrontMatterError(f"line {number}: expected 'key: value', got {stripped[:40]!r}")
        key = _key_name(match.group(1), number)
        if key in data:
            raise FrontMatterError(f"line {number}: the key {key!r} appears twice")
        rest = match.group(2).strip()
        i += 1
        if rest and rest not in ("|", ">", "|-", ">-"):
            data[key] = _one_value(rest, number)
            continue
        # A block value: indented lines that follow.
        block: list[tuple[int, str]] = []
        while i < len(lines) and (
            not lines[i].strip()
            or lines[i][0] in " \t"
            or (lines[i].startswith("- ") or lines[i] == "-")
        ):
            if lines[i].strip():
                block.append((i + 2, lines[i]))
            i += 1
        data[key] = _block_value(rest, block)
    return data


def _block_value(rest: str, block: list[tuple[int, str]]) -> Any:
    """A key's value written on the lines under it: a text block (``|``, ``>``),
    a list of ``- item`` lines, or one level of ``key: value`` lines."""
    if rest in ("|", ">", "|-", ">-"):
        texts = [b[1].strip() for b in block]
        joiner = "\n" if rest.startswith("|") else " "
        value = joiner.join(texts)
        return value if rest.endswith("-") else value + "\n"
    if not block:
        return None
    if all(b[1].lstrip().startswith("- ") or b[1].strip() == "-" for b in block):
        return [
            _one_value(b[1].lstrip()[1:].strip(), b[0]) if b[1].strip() != "-" else None
            for b in block
        ]
    nested: dict[str, Any] = {}
    for line_number, item in block:
        inner = _KEY.match(item.strip())
        if not inner:
            raise FrontMatterError(f"line {line_number}: nested values deeper than one level")
        nested[_key_name(inner.group(1), line_number)] = _one_value(
            inner.group(2).strip(), line_number
        )
    return nested


__all__ = ["FrontMatterError", "parse_front_matter", "split_front_matter"]
