"""An entry as a CommonMark document with YAML front matter.

The output is read by Obsidian and Pandoc and is meant to be imported back:
the front matter carries the entry's metadata, and each guided section and
excerpt is preceded by an HTML comment (invisible when rendered) holding what
its heading cannot show, such as the prompt id. The same entry always gives
the same text, byte for byte, so exports can be diffed and kept in git.

Strings in the front matter are always double-quoted with every control
character escaped, so no title, theme or author can break out of its value
(``: ``, ``#``, a leading ``-``, quotes and newlines are all just text).

Long because the export and the importer's round trip share one format: front
matter, sections and excerpts with the marks that read them back.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from typing import Any

from eftertanke.domain import Entry, Excerpt, ValidationError, later_start, split_added_later
from eftertanke.entry_row import EntryRow
from eftertanke.export.layers_markdown import layer_lines, marks_block
from eftertanke.export.questions_markdown import questions_block
from eftertanke.i18n import t
from eftertanke.text_blocks import one_per_line_prompt, to_markdown, writes_as_list

FRONT_MATTER_FENCE = "---"
SECTION_MARK = "eftertanke:section"
EXCERPT_MARK = "eftertanke:excerpt"

# Characters a YAML double-quoted scalar must not hold raw: C0 and C1
# controls, DEL, the Unicode line/paragraph separators, the BOM and lone
# surrogates. Tab is escaped too, so every value stays on one line.
_YAML_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_YAML_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x1b": "\\e"}
# Anything yaml_quote would change; most values hold none of it and are quoted as they are.
_YAML_CHANGES = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]')


def _yaml_escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _YAML_NAMED.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def yaml_quote(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that reads back as exactly ``value``."""
    if _YAML_CHANGES.search(value) is None:
        return f'"{value}"'
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _YAML_UNSAFE.sub(_yaml_escape_char, escaped) + '"'


def yaml_scalar(value: Any) -> str:
    """One YAML value: null, true/false, a number, a timestamp or a quoted string."""
    if type(value) is str:
        return yaml_quote(value)
    if isinstance(value, _Timestamp):
        return str(value)
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


# One encoder for every mark: json.dumps with options builds a new one per call.
_MARK_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_JSON_STRING = json.encoder.encode_basestring  # what _MARK_JSON uses for a string
_GT = "\\u003e"
_LINES_KEY = '"lines": true, '


def _comment(mark: str, data: dict[str, Any]) -> str:
    # '>' is escaped so no value can close the comment early ("-->").
    payload = _MARK_JSON.encode(data).replace(">", _GT)
    return f"<!-- {mark} {payload} -->"


def _quote_block(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in to_markdown(_normalise(text)).split("\n")]


def text_markdown(text: str) -> str:
    """A writer's text with its line breaks and lists kept (``text_blocks``)."""
    return to_markdown(_normalise(text))


# Rendering works on the stored form of an entry (``Entry.to_dict()``, or the
# dict the journal holds), so an export of 10,000 entries need not build
# 10,000 objects first; the functions taking an ``Entry`` go through its dict.
# Missing keys get the defaults ``Entry.from_dict`` gives them.


def _text(value: Any) -> str:
    return str(value) if value else ""


def _json_text(value: Any) -> str:
    """A JSON string or null, exactly as ``_MARK_JSON`` writes it."""
    return "null" if value is None else _JSON_STRING(value)


def _section_lines(section: dict[str, Any], lang: str, *, marks: bool, level: int = 2) -> list[str]:
    get = section.get
    prompt_text = _text(get("prompt_text"))
    prompt_id = _text(get("prompt_id"))
    added_later = bool(get("added_later", False))
    heading = _one_line(prompt_text) or prompt_id
    if added_later and later_start(_text(get("answer")), True, get("added_later_from")):
        return _partly_later_lines(section, lang, marks=marks, level=level)
    answer = _normalise(_text(get("answer")))
    # A one-per-line answer is written as a list; the mark says so, for the importer.
    as_list = one_per_line_prompt(prompt_id) and writes_as_list(answer)
    lines: list[str] = []
    if marks:
        concept, orientation = get("concept"), get("orientation")
        # The same text _MARK_JSON gives for this dict (sorted keys), written
        # out because it runs for every section of a whole-journal export.
        if isinstance(concept, (str, type(None))) and isinstance(orientation, (str, type(None))):
            payload = (
                f'{{"added_later": {"true" if added_later else "false"}, '
                f'"concept": {_json_text(concept)}, '
                f"{_LINES_KEY if as_list else ''}"
                f'"orientation": {_json_text(orientation)}, '
                f'"prompt_id": {_JSON_STRING(prompt_id)}'
            )
            if heading != prompt_text:
                # The heading cannot show it exactly (several lines, or none).
                payload += f', "prompt_text": {_JSON_STRING(prompt_text)}'
            mark = f"<!-- {SECTION_MARK} {payload.replace('>', _GT)}}} -->"
        else:
            data: dict[str, Any] = {
                "prompt_id": prompt_id,
                "concept": concept,
                "orientation": orientation,
                "added_later": added_later,
            }
            if as_list:
                data["lines"] = True
            if heading != prompt_text:
                data["prompt_text"] = prompt_text
            mark = _comment(SECTION_MARK, data)
        lines += [mark, ""]
    lines += [f"{'#' * level} {heading}", ""]
    if added_later:
        lines += [f"*({t('added_later', lang)})*", ""]
    lines += [to_markdown(answer, as_list=as_list), ""]
    return lines


def _partly_later_lines(
    section: dict[str, Any], lang: str, *, marks: bool, level: int
) -> list[str]:
    """A section whose answer was partly added later from memory: what was
    written first, the "added later" line, then what was added. The mark
    says on which line of the text the added part's line is, for the importer."""
    get = section.get
    prompt_text, prompt_id = _text(get("prompt_text")), _text(get("prompt_id"))
    heading = _one_line(prompt_text) or prompt_id
    first, later = split_added_later(_text(get("answer")), True, get("added_later_from"))
    first, later = _normalise(first), _normalise(later)
    listed = one_per_line_prompt(prompt_id)
    first_list, later_list = listed and writes_as_list(first), listed and writes_as_list(later)
    written = to_markdown(first, as_list=first_list)
    lines: list[str] = []
    if marks:
        data: dict[str, Any] = {
            "prompt_id": prompt_id,
            "concept": get("concept"),
            "orientation": get("orientation"),
            "added_later": True,
            "later_at": written.count("\n") + 2,
        }
        if first_list:
            data["lines"] = True
        if later_list:
            data["later_lines"] = True
        if heading != prompt_text:
            data["prompt_text"] = prompt_text
        lines += [_comment(SECTION_MARK, data), ""]
    lines += [f"{'#' * level} {heading}", ""]
    lines += [written, "", f"*({t('added_later', lang)})*", ""]
    lines += [to_markdown(later, as_list=later_list), ""]
    return lines


def _reference(interview: str, timestamp: str) -> str:
    return f"({interview}, {timestamp})" if timestamp else f"({interview})"


def excerpt_markdown(excerpt: Excerpt, lang: str) -> str:
    """One excerpt as a block quote with its reference, note and themes."""
    return "\n".join(_excerpt_lines(excerpt.to_dict(), lang, marks=False)).rstrip("\n") + "\n"


def _excerpt_lines(excerpt: dict[str, Any], lang: str, *, marks: bool) -> list[str]:
    interview = _text(excerpt.get("interview"))
    timestamp = _text(excerpt.get("timestamp"))
    themes = [str(x) for x in excerpt.get("themes") or []]
    lines: list[str] = []
    if marks:
        data = {"interview": interview, "timestamp": timestamp, "themes": themes}
        lines += [_comment(EXCERPT_MARK, data), ""]
    lines += _quote_block(_text(excerpt.get("quote")))
    lines += [">", f"> {_reference(interview, timestamp)}", ""]
    note = _text(excerpt.get("note"))
    if note.strip():
        lines += [text_markdown(note), ""]
    if themes:
        lines += [f"*{t('themes', lang).capitalize()}: {', '.join(themes)}*", ""]
    return lines


def doc_body_markdown(
    doc: dict[str, Any],
    lang: str,
    *,
    marks: bool = False,
    title: bool = True,
    excerpts: bool = True,
    section_level: int = 2,
    layers: bool = True,
) -> str:
    """``entry_body_markdown`` for an entry's stored dict."""
    lines: list[str] = []
    row = EntryRow(doc)
    heading = _one_line(row.title) if title else ""
    if heading:
        lines += [f"# {heading}", ""]
    body = text_markdown(row.body)
    if body:
        lines += [body, ""]
    for section in row.sections:
        if _text(section.get("answer")).strip():
            lines += _section_lines(section, lang, marks=marks, level=section_level)
    found = row.excerpts
    if found and excerpts:
        lines += [f"## {t('excerpts', lang).capitalize()}", ""]
        for excerpt in found:
            lines += _excerpt_lines(excerpt, lang, marks=marks)
    if layers:
        lines += layer_lines(
            doc, lang, marks=marks, comment=_comment, text=text_markdown, level=section_level
        )
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def entry_body_markdown(
    entry: Entry,
    lang: str,
    *,
    marks: bool = False,
    title: bool = True,
    excerpts: bool = True,
    section_level: int = 2,
    layers: bool = True,
) -> str:
    """The entry's text as Markdown: title, body, answered sections, excerpts,
    then its layers of re-reading (``layers=False`` leaves them out).

    ``marks`` adds the HTML comments an importer needs; a viewer leaves them out.
    ``title`` and ``excerpts`` leave those parts out, for documents (appendices,
    one-file exports) that show them their own way; ``section_level`` is the
    heading level of the prompts (the writer's own headings are kept as written).
    """
    return doc_body_markdown(
        entry.to_dict(),
        lang,
        marks=marks,
        title=title,
        excerpts=excerpts,
        section_level=section_level,
        layers=layers,
    )


_ISO_SHAPE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}(:\d{2})?|Z)?$"
)


class _Timestamp(str):
    """An ISO timestamp written as a plain YAML scalar, not a quoted string."""


def _timestamp(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _Timestamp(value.isoformat())
    text = str(value)
    if _ISO_SHAPE.match(text) is None:
        # Not the shape isoformat() writes: read and rewrite it (or fail as from_dict would).
        try:
            return _Timestamp(datetime.fromisoformat(text).isoformat())
        except ValueError as exc:
            raise ValidationError(f"not an ISO date and time: {text!r}") from exc
    return _Timestamp(text)


def _block(key: str, values: Any) -> str:
    if not values:
        return f"{key}: []"
    return f"{key}:\n" + "\n".join(f"  - {yaml_scalar(v)}" for v in values)


# What a coding carries in the front matter, in this order. ``before`` and
# ``after`` (its context) are left out: the importer finds them again from the
# text, as it re-anchors every coding (Coding.anchor_to).
CODING_KEYS = ("id", "source", "section", "start", "end", "themes", "quote", "memo", "author",
               "created", "updated", "review")  # fmt: skip


def _flow_text(value: Any) -> str:
    if value is None:
        return "null"
    return yaml_quote(value if type(value) is str else str(value))


def _flow_offset(value: Any) -> str:
    return str(value) if type(value) is int else _flow_text(value)


def coding_flow_map(coding: dict[str, Any]) -> str:
    """One coding as a YAML flow map on one line (front matter readers take it):
    the keys of ``CODING_KEYS``, in that order, spelled out because it runs for
    every coded passage of a whole-journal export."""
    get = coding.get
    themes = ", ".join(_flow_text(t) for t in get("themes") or ())
    return (
        f'{{"id": {_flow_text(get("id"))}, "source": {_flow_text(get("source"))}, '
        f'"section": {_flow_text(get("section"))}, "start": {_flow_offset(get("start"))}, '
        f'"end": {_flow_offset(get("end"))}, "themes": [{themes}], '
        f'"quote": {_flow_text(get("quote"))}, "memo": {_flow_text(get("memo"))}, '
        f'"author": {_flow_text(get("author"))}, "created": {_flow_text(get("created"))}, '
        f'"updated": {_flow_text(get("updated"))}, "review": {_flow_text(get("review"))}}}'
    )


def codings_block(codings: Any) -> str:
    """The ``codings:`` key of a front matter: every coded passage, one per line."""
    if not codings:
        return "codings: []"
    return "codings:\n" + "\n".join(f"  - {coding_flow_map(c)}" for c in codings)


def doc_front_matter(doc: dict[str, Any], extra: str = "") -> str:
    """``entry_front_matter`` for an entry's stored dict (``extra``: more lines
    of YAML before the closing fence, such as Obsidian's keys).

    The same text ``front_matter`` gives for these fields, spelled out: this
    runs once per entry of a whole-journal export.
    """
    get = doc.get
    ratings = get("ratings") or {}
    rating_items = ", ".join(f"{yaml_quote(str(k))}: {int(v)}" for k, v in ratings.items())
    return (
        "\n".join(
            (
                FRONT_MATTER_FENCE,
                f"id: {yaml_quote(_text(get('id')))}",
                f"kind: {yaml_quote(_text(get('kind')) or 'memo')}",
                f"title: {yaml_quote(_text(get('title')))}",
                f"created: {yaml_scalar(_timestamp(get('created')))}",
                f"updated: {yaml_scalar(_timestamp(get('updated')))}",
                f"author: {yaml_quote(_text(get('author')))}",
                f"interview: {yaml_scalar(get('interview'))}",
                _block("concepts", get("concepts")),
                _block("themes", get("themes")),
                codings_block(get("codings")),
                *(
                    (block,)
                    if (block := marks_block(get("position_marks"), _flow_offset, yaml_quote))
                    else ()
                ),
                *(
                    (block,)
                    if (block := questions_block(get("questions"), _flow_offset, yaml_quote))
                    else ()
                ),
                f"ratings: {{{rating_items}}}",
                f"written_after_minutes: {yaml_scalar(get('written_after_minutes'))}",
                f"language: {yaml_quote(_text(get('language')) or 'da')}",
                f"updated_by: {yaml_quote(_text(get('updated_by')))}",
                f"pack: {yaml_scalar(get('pack'))}",
                f"conflict_of: {yaml_scalar(get('conflict_of'))}",
                *(("starred: true",) if get("starred") is True else ()),
                *((f"data_type: {yaml_quote(_text(dt))}",) if (dt := get("data_type")) else ()),
                *((extra,) if extra else ()),
                FRONT_MATTER_FENCE,
            )
        )
        + "\n"
    )


def entry_front_matter(entry: Entry) -> str:
    return doc_front_matter(entry.to_dict())


def doc_markdown(doc: dict[str, Any], lang: str = "en", extra: str = "", tail: str = "") -> str:
    """``entry_markdown`` for an entry's stored dict; ``extra`` YAML lines join
    the front matter and ``tail`` ends the document (export/obsidian.py)."""
    body = doc_body_markdown(doc, lang, marks=True)
    return doc_front_matter(doc, extra) + ("\n" + body if body else "") + tail


def entry_markdown(entry: Entry, lang: str = "en") -> str:
    """The whole export of one entry: front matter, then the Markdown document.

    ``lang`` is the language of the few words eftertanke adds (the excerpts
    heading, "added later"); the entry's own language is in the front matter.
    """
    return doc_markdown(entry.to_dict(), lang)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss"})


def slugify(text: str, limit: int = 50) -> str:
    """A file-name-safe ASCII slug: 'Tryghed i små fora' -> 'tryghed-i-smaa-fora'."""
    if text.isascii():
        ascii_text = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
        ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    return slug[:limit].rstrip("-")


def export_filename(entry: Entry, display_title: str | None = None) -> str:
    """The default file name of an exported entry: ``<date>-<slug>.md``."""
    title = entry.display_title(80) if display_title is None else display_title
    slug = slugify(title) or entry.id[:8]
    return f"{entry.created.date().isoformat()}-{slug}.md"


def doc_filename(doc: dict[str, Any], display_title: str) -> str:
    """``export_filename`` for an entry's stored dict (the date is the local date written)."""
    row = EntryRow(doc)
    slug = slugify(display_title) or row.id[:8]
    return f"{row.created[:10]}-{slug}.md"
