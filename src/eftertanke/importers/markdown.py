"""Reading Markdown back: eftertanke's own exports, and other people's notes.

An eftertanke export (front matter with ``id`` and ``kind``, and the
``<!-- eftertanke:section … -->`` / ``<!-- eftertanke:excerpt … -->`` marks)
is read back exactly: the same id, timestamps, links, sections, excerpts and
coded passages (the front matter's ``codings``, each re-anchored into the
text as read, so a span follows its words even if the file was edited).
Line breaks and lists written by the export (``text_blocks.to_markdown``)
are undone, so an answer comes back with its lines as written.
Any other Markdown file becomes one entry: the title from the front matter
or a leading ``# heading``, the date from the front matter, the file name
(``2024-03-14-….md``) or the file's modification time, and front-matter
``tags`` as themes to map.

Reading is pure: it builds an ``ImportPlan`` and writes nothing.
A file that cannot be read (not UTF-8, not Markdown, broken front matter)
raises ``ImportFileError``; an entry that reads but breaks a rule is
listed as rejected, with the reason.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eftertanke.domain import (
    ENTRY_KINDS,
    Entry,
    Excerpt,
    Interview,
    Section,
    Theme,
    ValidationError,
)
from eftertanke.export.layers_markdown import LAYER_MARK, LAYERS_HEADINGS, read_layer
from eftertanke.export.markdown import EXCERPT_MARK, SECTION_MARK
from eftertanke.export.obsidian import strip_links_block
from eftertanke.i18n import forms
from eftertanke.importers.frontmatter import (
    FrontMatterError,
    parse_front_matter,
    split_front_matter,
)
from eftertanke.importers.plan import ImportFileError, ImportPlan, clean_tag
from eftertanke.text_blocks import from_markdown

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
# Names derived from content are stable, so a second import finds the first.
ID_NAMESPACE = uuid.UUID("6f1d3c52-8a4e-4b8e-9d2a-6e7a1c0b5f10")
_MARK = re.compile(
    rf"^<!-- ({re.escape(SECTION_MARK)}|{re.escape(EXCERPT_MARK)}|{re.escape(LAYER_MARK)})"
    r" (\{.*\}) -->$"
)
_EXCERPT_HEADINGS = {f"## {v.capitalize()}" for v in forms("excerpts").values()}
_DATE_IN_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\D|$)")
_H1 = re.compile(r"^# (.+?)\s*#*\s*$")


def read_text(path: Path, display: str) -> str:
    """A Markdown file's text; ``ImportFileError`` if it is not UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(display, f"cannot read it: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise ImportFileError(display, "is a binary file, not Markdown")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            display, f"is not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _trim(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _join(lines: list[str]) -> str:
    return "\n".join(_trim(lines)).rstrip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _later_line(line: str) -> bool:
    """The "*(added later from memory)*" line an export puts above added text."""
    return line.startswith("*(") and line.endswith(")*")


def _section(data: dict[str, Any], lines: list[str]) -> Section:
    lines = _trim(lines)
    if not lines or not lines[0].startswith("## "):
        raise ValueError("a section mark is not followed by its '## ' heading")
    heading = lines[0][3:]
    rest = _trim(lines[1:])
    at = data.get("later_at")
    if (
        data.get("added_later")
        and isinstance(at, int)
        and 0 < at < len(rest)
        and _later_line(rest[at])
    ):
        # Partly added later: the text, the "added later" line, the added text.
        first = from_markdown(_join(rest[:at]), as_list=bool(data.get("lines")))
        later = from_markdown(_join(rest[at + 1 :]), as_list=bool(data.get("later_lines")))
        return Section(
            prompt_id=str(data.get("prompt_id") or ""),
            prompt_text=str(data["prompt_text"]) if "prompt_text" in data else heading,
            answer=f"{first}\n\n{later}",
            concept=data.get("concept"),
            orientation=data.get("orientation"),
            added_later=True,
            added_later_from=len(first) + 2,
        )
    if data.get("added_later") and rest and _later_line(rest[0]):
        rest = rest[1:]
    return Section(
        prompt_id=str(data.get("prompt_id") or ""),
        prompt_text=str(data["prompt_text"]) if "prompt_text" in data else heading,
        answer=from_markdown(_join(rest), as_list=bool(data.get("lines"))),
        concept=data.get("concept"),
        orientation=data.get("orientation"),
        added_later=bool(data.get("added_later", False)),
    )


def _excerpt(data: dict[str, Any], lines: list[str]) -> Excerpt:
    lines = _trim(lines)
    block: list[str] = []
    while lines and lines[0].startswith(">"):
        block.append(lines.pop(0))
    if len(block) < 3 or block[-2] != ">" or not block[-1].startswith("> ("):
        raise ValueError("an excerpt mark is not followed by its quote and reference")
    quoted = "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in block[:-2])
    quote = from_markdown(quoted.strip("\n").rstrip())
    rest = _trim(lines)
    themes = [str(t) for t in data.get("themes") or []]
    if themes and rest and rest[-1].startswith("*") and rest[-1].endswith("*") and ": " in rest[-1]:
        rest = rest[:-1]
    return Excerpt(
        interview=str(data.get("interview") or ""),
        timestamp=str(data.get("timestamp") or ""),
        quote=quote,
        themes=themes,
        note=from_markdown(_join(rest)),
    )


def parse_entry_body(
    text: str, title: str, layers: list[dict[str, Any]] | None = None
) -> tuple[str, list[Section], list[Excerpt]]:
    """Body, sections and excerpts of an eftertanke entry document (after its
    front matter); its layers of re-reading are appended to ``layers``."""
    lines = _trim(text.split("\n"))
    heading = _one_line(title)
    if heading and lines and lines[0] == f"# {heading}":
        lines = lines[1:]
    marks: list[tuple[int, str, dict[str, Any]]] = []
    for number, line in enumerate(lines):
        match = _MARK.match(line)
        if not match:
            continue
        try:
            data = json.loads(match.group(2))
        except (json.JSONDecodeError, RecursionError):
            continue
        if isinstance(data, dict):
            marks.append((number, match.group(1), data))
    segments = [lines[: marks[0][0]] if marks else lines]
    for index, (number, _kind, _data) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(lines)
        segments.append(lines[number + 1 : end])
    # The "## Excerpts" heading sits just before the first excerpt mark.
    for index, (_number, kind, _data) in enumerate(marks):
        if kind == EXCERPT_MARK:
            before = _trim(segments[index])
            if before and before[-1] in _EXCERPT_HEADINGS:
                segments[index] = before[:-1]
            break
    # And the layers' heading just before the first layer mark.
    for index, (_number, kind, _data) in enumerate(marks):
        if kind == LAYER_MARK:
            before = _trim(segments[index])
            if before and before[-1] in LAYERS_HEADINGS:
                segments[index] = _trim(before[:-1])
            break
    sections: list[Section] = []
    excerpts: list[Excerpt] = []
    for (_number, kind, data), segment in zip(marks, segments[1:], strict=True):
        if kind == SECTION_MARK:
            sections.append(_section(data, segment))
        elif kind == LAYER_MARK:
            if layers is not None:
                layers.append(read_layer(data, segment, from_markdown))
        else:
            excerpts.append(_excerpt(data, segment))
    return from_markdown(_join(segments[0])), sections, excerpts


def _local(moment: datetime) -> datetime:
    """A front-matter time without an offset is local time; one in the spring
    DST gap is refused (ValidationError: the file is listed as rejected)."""
    from eftertanke.dates import local_moment

    return moment if moment.tzinfo else local_moment(moment)


def _parse_date(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            wall = datetime.fromisoformat(text + "T00:00:00")
        else:
            wall = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None
    return _local(wall)


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    out: list[str] = []
    for item in items:
        tag = clean_tag(str(item))
        if tag and tag not in out:
            out.append(tag)
    return out


def _content_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "\x00".join(parts)))


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _own_entry(meta: dict[str, Any], text: str) -> Entry:
    data = dict(meta)
    title = str(data.get("title") or "")
    # The line of Obsidian links the export ends a note with is not the entry's.
    if "tags" in data:
        text = strip_links_block(text)
    layers: list[dict[str, Any]] = []
    body, sections, excerpts = parse_entry_body(text, title, layers)
    data.update(
        body=body,
        sections=[s.to_dict() for s in sections],
        excerpts=[e.to_dict() for e in excerpts],
    )
    if layers:
        data["layers"] = layers
    entry = Entry.from_dict(data)
    return entry.validate()


def _plain_entry(
    meta: dict[str, Any], text: str, path: Path, display: str, kind: str, lang: str
) -> Entry:
    lines = _trim(text.split("\n"))
    title = str(meta.get("title") or "").strip()
    if lines:
        heading = _H1.match(lines[0])
        if heading and (not title or _one_line(heading.group(1)) == _one_line(title)):
            title = title or heading.group(1).strip()
            lines = lines[1:]
    body = _join(lines)
    created = _parse_date(meta.get("created")) or _parse_date(meta.get("date"))
    dated = created is not None
    if created is None:
        named = _DATE_IN_NAME.match(path.name)
        if named:
            created = _parse_date("-".join(named.groups()))
            dated = created is not None
    if created is None:
        created = datetime.fromtimestamp(os.stat(path).st_mtime, UTC).astimezone()
    updated = _parse_date(meta.get("updated")) or created
    tags = _tags(meta.get("tags")) + [t for t in _tags(meta.get("themes")) if t]
    meta_kind = str(meta.get("kind") or "")
    language = str(meta.get("language") or meta.get("lang") or lang)
    ident = meta.get("id")
    if not _is_uuid(ident):
        stamp = created.isoformat() if dated else ""
        ident = _content_id("markdown", stamp, title, body)
    entry = Entry(
        id=str(uuid.UUID(str(ident))),
        kind=meta_kind if meta_kind in ENTRY_KINDS else kind,
        title=title if len(title) <= 300 else "",
        body=body if len(title) <= 300 else f"{title}\n\n{body}".strip(),
        themes=list(dict.fromkeys(tags)),
        author=str(meta.get("author") or ""),
        language=language if language in ("da", "en") else lang,
        created=created,
        updated=max(updated, created),
    )
    return entry.validate()


def _record(cls: type, meta: dict[str, Any]) -> Any:
    data = {k: v for k, v in meta.items() if k != "eftertanke"}
    return cls.from_dict(data).validate()


def read_markdown_file(path: Path, plan: ImportPlan, *, display: str, kind: str, lang: str) -> None:
    """Add what one Markdown file holds to ``plan``."""
    text = read_text(path, display)
    try:
        head, rest = split_front_matter(text)
        meta = parse_front_matter(head) if head is not None else {}
    except FrontMatterError as exc:
        raise ImportFileError(display, f"has broken front matter: {exc}") from None
    role = meta.get("eftertanke")
    try:
        if role in ("index", "transcript"):
            # The table of contents, and transcripts exported to be read (the
            # JSON export carries them whole): neither is a note to import.
            return
        if role == "interview":
            plan.interviews.append(_record(Interview, meta))
        elif role == "theme":
            plan.themes.append(_record(Theme, meta))
        elif "id" in meta and "kind" in meta and _is_uuid(meta["id"]):
            plan.add_entry(_own_entry(meta, rest), display)
        else:
            plan.add_entry(_plain_entry(meta, rest, path, display, kind, lang), display)
    except (ValidationError, ValueError, TypeError, KeyError, OverflowError) as exc:
        plan.reject(display, str(exc) or type(exc).__name__)
    except RecursionError:
        plan.reject(display, "its values are nested too deeply to read")


def _markdown_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            path = Path(current) / name
            if path.is_symlink():
                continue
            found.append(path)
    return found


def read_markdown(path: Path, *, kind: str = "memo", lang: str = "da") -> ImportPlan:
    """An ``ImportPlan`` from one Markdown file or a folder of them (recursively)."""
    path = Path(path)
    plan = ImportPlan(source=str(path))
    if path.is_dir():
        files = _markdown_files(path)
        if not files:
            raise ImportFileError(str(path), "holds no Markdown files (*.md)")
        for file in files:
            display = str(file.relative_to(path))
            read_markdown_file(file, plan, display=display, kind=kind, lang=lang)
        return plan
    if not path.exists():
        raise ImportFileError(str(path), "does not exist")
    if not path.name.lower().endswith(MARKDOWN_SUFFIXES):
        raise ImportFileError(str(path), "is not a Markdown file (*.md)")
    read_markdown_file(path, plan, display=path.name, kind=kind, lang=lang)
    return plan


__all__ = ["parse_entry_body", "read_markdown", "read_markdown_file", "read_text"]
