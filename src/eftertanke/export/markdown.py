"""An entry as a CommonMark document with YAML front matter.

The output is read by Obsidian and Pandoc and is meant to be imported back:
the front matter carries the entry's metadata, and each guided section and
excerpt is preceded by an HTML comment (invisible when rendered) holding what
its heading cannot show, such as the prompt id. The same entry always gives
the same text, byte for byte, so exports can be diffed and kept in git.

Strings in the front matter are always double-quoted with every control
character escaped, so no title, theme or author can break out of its value
(``: ``, ``#``, a leading ``-``, quotes and newlines are all just text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from typing import Any

from eftertanke.domain import Entry, Excerpt, Section
from eftertanke.i18n import t

FRONT_MATTER_FENCE = "---"
SECTION_MARK = "eftertanke:section"
EXCERPT_MARK = "eftertanke:excerpt"

# Characters a YAML double-quoted scalar must not hold raw: C0 and C1
# controls, DEL, the Unicode line/paragraph separators, the BOM and lone
# surrogates. Tab is escaped too, so every value stays on one line.
_YAML_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_YAML_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x1b": "\\e"}


def _yaml_escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _YAML_NAMED.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def yaml_quote(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that reads back as exactly ``value``."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _YAML_UNSAFE.sub(_yaml_escape_char, escaped) + '"'


def yaml_scalar(value: Any) -> str:
    """One YAML value: null, true/false, a number, a timestamp or a quoted string."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        # isoformat() is digits, '-', ':', '.', '+' and 'T': a plain YAML timestamp.
        return value.isoformat()
    return yaml_quote(str(value))


def front_matter(fields: list[tuple[str, Any]]) -> str:
    """A YAML front matter block; lists become block sequences, dicts flow maps."""
    lines = [FRONT_MATTER_FENCE]
    for key, value in fields:
        if isinstance(value, (list, tuple)):
            if not value:
                lines.append(f"{key}: []")
            else:
                lines.append(f"{key}:")
                lines.extend(f"  - {yaml_scalar(item)}" for item in value)
        elif isinstance(value, dict):
            items = ", ".join(f"{yaml_quote(str(k))}: {yaml_scalar(v)}" for k, v in value.items())
            lines.append(f"{key}: {{{items}}}")
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    lines.append(FRONT_MATTER_FENCE)
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()


def _comment(mark: str, data: dict[str, Any]) -> str:
    # '>' is escaped so no value can close the comment early ("-->").
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace(">", "\\u003e")
    return f"<!-- {mark} {payload} -->"


def _quote_block(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in _normalise(text).split("\n")]


def _section_lines(section: Section, lang: str, *, marks: bool) -> list[str]:
    lines: list[str] = []
    if marks:
        lines += [
            _comment(
                SECTION_MARK,
                {
                    "prompt_id": section.prompt_id,
                    "concept": section.concept,
                    "orientation": section.orientation,
                    "added_later": section.added_later,
                },
            ),
            "",
        ]
    heading = _one_line(section.prompt_text) or section.prompt_id
    lines += [f"## {heading}", ""]
    if section.added_later:
        lines += [f"*({t('added_later', lang)})*", ""]
    lines += [_normalise(section.answer), ""]
    return lines


def _excerpt_lines(excerpt: Excerpt, lang: str, *, marks: bool) -> list[str]:
    lines: list[str] = []
    if marks:
        lines += [
            _comment(
                EXCERPT_MARK,
                {
                    "interview": excerpt.interview,
                    "timestamp": excerpt.timestamp,
                    "themes": list(excerpt.themes),
                },
            ),
            "",
        ]
    lines += _quote_block(excerpt.quote)
    lines += [">", f"> {excerpt.reference}", ""]
    if excerpt.note.strip():
        lines += [_normalise(excerpt.note), ""]
    if excerpt.themes:
        lines += [f"*{t('themes', lang).capitalize()}: {', '.join(excerpt.themes)}*", ""]
    return lines


def entry_body_markdown(entry: Entry, lang: str, *, marks: bool = False) -> str:
    """The entry's text as Markdown: title, body, answered sections, excerpts.

    ``marks`` adds the HTML comments an importer needs; a viewer leaves them out.
    """
    lines: list[str] = []
    title = _one_line(entry.title)
    if title:
        lines += [f"# {title}", ""]
    body = _normalise(entry.body)
    if body:
        lines += [body, ""]
    for section in entry.sections:
        if section.answer.strip():
            lines += _section_lines(section, lang, marks=marks)
    if entry.excerpts:
        lines += [f"## {t('excerpts', lang).capitalize()}", ""]
        for excerpt in entry.excerpts:
            lines += _excerpt_lines(excerpt, lang, marks=marks)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def entry_front_matter(entry: Entry) -> str:
    return front_matter(
        [
            ("id", entry.id),
            ("kind", entry.kind),
            ("title", entry.title),
            ("created", entry.created),
            ("updated", entry.updated),
            ("author", entry.author),
            ("interview", entry.interview),
            ("concepts", list(entry.concepts)),
            ("themes", list(entry.themes)),
            ("ratings", dict(entry.ratings)),
            ("written_after_minutes", entry.written_after_minutes),
            ("language", entry.language),
        ]
    )


def entry_markdown(entry: Entry, lang: str = "en") -> str:
    """The whole export of one entry: front matter, then the Markdown document.

    ``lang`` is the language of the few words eftertanke adds (the excerpts
    heading, "added later"); the entry's own language is in the front matter.
    """
    body = entry_body_markdown(entry, lang, marks=True)
    return entry_front_matter(entry) + ("\n" + body if body else "")


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss"})


def slugify(text: str, limit: int = 50) -> str:
    """A file-name-safe ASCII slug: 'Tryghed i små fora' -> 'tryghed-i-smaa-fora'."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:limit].rstrip("-")


def export_filename(entry: Entry) -> str:
    """The default file name of an exported entry: ``<date>-<slug>.md``."""
    slug = slugify(entry.display_title(80)) or entry.id[:8]
    return f"{entry.created.date().isoformat()}-{slug}.md"
