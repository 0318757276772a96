"""A set of entries as Markdown: a folder of one file per entry, or one file.

The folder holds ``index.md`` (a table of contents, and the mark that lets
``--force`` replace it later), one ``<date>-<slug>.md`` per entry, and the
interview and theme records the entries link to under ``interviews/`` and
``themes/``, each with its full record in the front matter, and one file per
interview transcript under ``transcripts/`` (export/transcript_markdown.py).
Importing the folder gives back the same entries, links, themes, timestamps
and coded passages (an entry's codings are in its front matter); the
transcripts are there to be read (the JSON export carries them whole).

File names are ASCII slugs of the title: whatever a title holds
(``../../etc/passwd``, ``CON``, emoji), the name stays inside the folder.
Entries are ordered by time of writing, then id, and no export time is
written anywhere, so the same journal always gives the same bytes. By
default the folder is an Obsidian vault (export/obsidian.py): tags, aliases,
date and wiki-links between the notes; ``ExportSet.obsidian=False`` is the
plain form.

Long because one folder export names every note once and writes them all:
the index, the interview and theme records, the entries and the transcripts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.dates import format_datetime
from eftertanke.domain import Entry, Interview, Theme
from eftertanke.entry_row import EntryRow, doc_themes
from eftertanke.export.labels import concept_name, label, md_inline
from eftertanke.export.markdown import (
    doc_body_markdown,
    doc_filename,
    doc_markdown,
    front_matter,
    slugify,
    text_markdown,
)
from eftertanke.export.obsidian import VaultLinks, links_block, obsidian_tags
from eftertanke.export.transcript_markdown import (
    transcript_doc_markdown,
    transcript_file_name,
    word,
)
from eftertanke.transcript import Transcript

FORMAT_VERSION = 1


def export_order(doc: dict[str, Any]) -> tuple[datetime, str]:
    """Where an entry goes in an export: by the time it was written, then its id."""
    row = EntryRow(doc)
    return row.created_at, row.id


@dataclass
class ExportSet:
    """What one export holds: entries in order, and the records they link to.

    Entries are held in their stored form (``Entry.to_dict()``, or the dicts
    ``Journal.raw_entries`` yields), so a large export builds no objects.
    """

    entries: list[dict[str, Any]]
    interviews: list[Interview] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    lang: str = "en"
    # Transcripts, held as stored dicts too (``Transcript.to_dict()``, or
    # ``journal.transcripts.raw()``).
    transcripts: list[dict[str, Any]] = field(default_factory=list)
    # Obsidian's keys (tags, aliases, date) and wiki-links between the notes of
    # a folder export (export/obsidian.py); False: the plain form.
    obsidian: bool = True

    def __post_init__(self) -> None:
        docs = [e.to_dict() if isinstance(e, Entry) else e for e in self.entries]
        self.entries = sorted(docs, key=export_order)
        self.interviews = sorted(self.interviews, key=lambda i: (i.code.casefold(), i.id))
        self.themes = sorted(self.themes, key=lambda t: (t.concept, t.name.casefold(), t.id))
        found = [t.to_dict() if isinstance(t, Transcript) else t for t in self.transcripts]
        self.transcripts = sorted(
            found, key=lambda t: (str(t.get("interview") or "").casefold(), str(t["id"]))
        )


def linked_records(
    entries: list[Entry] | list[dict[str, Any]],
    interviews: list[Interview],
    themes: list[Theme],
    transcripts: Iterable[Transcript | dict[str, Any]] = (),
) -> tuple[list[Interview], list[Theme]]:
    """The interviews and themes ``entries`` link to (themes with their parents,
    and those of their coded passages and of the ``transcripts`` exported)."""
    codes: set[str] = set()
    names: set[str] = set()
    for entry in entries:
        entry_links(entry.to_dict() if isinstance(entry, Entry) else entry, codes, names)
    return records_linked(codes, names, interviews, themes, transcripts)


def entry_links(doc: dict[str, Any], codes: set[str], names: set[str]) -> None:
    """Add the interview codes and theme names an entry links to (casefolded)."""
    row = EntryRow(doc)
    codes.update(str(code).casefold() for code in row.interviews())
    names.update(str(n).casefold() for n in row.all_themes)


def records_linked(
    codes: set[str],
    names: set[str],
    interviews: list[Interview],
    themes: list[Theme],
    transcripts: Iterable[Transcript | dict[str, Any]] = (),
) -> tuple[list[Interview], list[Theme]]:
    """``linked_records`` from the links the entries hold (``entry_links``):
    an export streaming its entries collects them as it goes."""
    codes, names = set(codes), set(names)
    for transcript in transcripts:
        doc = transcript.to_dict() if isinstance(transcript, Transcript) else transcript
        codes.add(str(doc.get("interview") or "").casefold())
        names.update(str(n).casefold() for n in doc_themes(doc))
    by_name = {t.name.casefold(): t for t in themes}
    for name in list(names):
        seen: set[str] = set()
        parent = by_name[name].parent if name in by_name else None
        while parent and parent.casefold() not in seen:
            seen.add(parent.casefold())
            names.add(parent.casefold())
            parent = by_name[parent.casefold()].parent if parent.casefold() in by_name else None
    return (
        [i for i in interviews if i.code.casefold() in codes],
        [t for t in themes if t.name.casefold() in names],
    )


def _unique(names: Iterable[tuple[str, str]], suffix: str = ".md") -> dict[str, str]:
    """``{key: file name}`` where a clash gets the key's first eight characters added."""
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in names:
        stem = name.removesuffix(suffix)
        candidate = f"{stem}{suffix}"
        if candidate.casefold() in taken:
            candidate = f"{stem}-{slugify(key)[:8] or 'x'}{suffix}"
        number = 2
        while candidate.casefold() in taken:
            candidate = f"{stem}-{number}{suffix}"
            number += 1
        taken.add(candidate.casefold())
        chosen[key] = candidate
    return chosen


def entry_file_names(
    docs: list[dict[str, Any]], titles: dict[str, str] | None = None
) -> dict[str, str]:
    titles = titles or {}
    return _unique(
        (row.id, doc_filename(row.doc, titles.get(row.id) or row.display_title(80)))
        for row in map(EntryRow, docs)
    )


def interview_file_names(interviews: list[Interview]) -> dict[str, str]:
    pairs = ((i.id, f"{slugify(i.code) or i.id[:8]}.md") for i in interviews)
    return {k: f"interviews/{v}" for k, v in _unique(pairs).items()}


def theme_file_names(themes: list[Theme]) -> dict[str, str]:
    pairs = ((t.id, f"{slugify(t.name) or t.id[:8]}.md") for t in themes)
    return {k: f"themes/{v}" for k, v in _unique(pairs).items()}


def transcript_file_names(transcripts: list[dict[str, Any]]) -> dict[str, str]:
    pairs = (
        (str(t["id"]), transcript_file_name(t).removeprefix("transcripts/")) for t in transcripts
    )
    return {k: f"transcripts/{v}" for k, v in _unique(pairs).items()}


def interview_document(interview: Interview, lang: str, links: list[str] | None = None) -> str:
    """An interview's note; ``links`` (Obsidian form) adds its alias and a links line."""
    obsidian = [("aliases", [interview.code])] if links is not None else []
    head = front_matter(
        [
            ("eftertanke", "interview"),
            ("id", interview.id),
            ("code", interview.code),
            ("role", interview.role),
            ("level", interview.level),
            ("organisation", interview.organisation),
            ("date", interview.date),
            ("mode", interview.mode),
            ("interviewer", interview.interviewer),
            ("duration_minutes", interview.duration_minutes),
            ("transcript", interview.transcript),
            ("consent", interview.consent),
            ("status", interview.status),
            ("notes", interview.notes),
            ("appendix", interview.appendix),
            ("reflection_appendix", interview.reflection_appendix),
            ("created", interview.created),
            ("updated", interview.updated),
            ("created_by", interview.created_by),
            ("updated_by", interview.updated_by),
            *obsidian,
        ]
    )
    title = f"# {label('interview', lang)} {md_inline(interview.code)}"
    if interview.role.strip():
        title += f": {md_inline(interview.role)}"
    lines = [title, ""]
    lines += interview_facts(interview, lang)
    if interview.notes.strip():
        lines += [text_markdown(interview.notes.strip()), ""]
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n" + links_block(links or [])


def interview_facts(interview: Interview, lang: str) -> list[str]:
    """The interview's metadata as a two-column table (function title, level, …)."""
    rows: list[tuple[str, str]] = []
    if interview.role.strip():
        rows.append((label("role", lang), md_inline(interview.role)))
    if interview.level:
        rows.append((label("level", lang), label(f"level.{interview.level}", lang)))
    if interview.organisation.strip():
        rows.append((label("organisation", lang), md_inline(interview.organisation)))
    if interview.date is not None:
        rows.append((label("date", lang), format_datetime(interview.date, lang)))
    if interview.mode:
        rows.append((label("mode", lang), label(f"mode.{interview.mode}", lang)))
    if interview.duration_minutes:
        rows.append(
            (label("duration", lang), f"{interview.duration_minutes} {label('minutes', lang)}")
        )
    if interview.interviewer.strip():
        rows.append((label("interviewer", lang), md_inline(interview.interviewer)))
    if not rows:
        return []
    lines = [f"| {label('interview', lang)} | {md_inline(interview.code)} |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in rows]
    return [*lines, ""]


def theme_document(theme: Theme, lang: str, links: list[str] | None = None) -> str:
    """A theme's note; ``links`` (Obsidian form) adds its alias, tag and a links line."""
    obsidian = (
        [("aliases", [theme.name]), ("tags", obsidian_tags([theme.name]))]
        if links is not None
        else []
    )
    head = front_matter(
        [
            ("eftertanke", "theme"),
            ("id", theme.id),
            ("name", theme.name),
            ("concept", theme.concept),
            ("parent", theme.parent),
            ("description", theme.description),
            ("theory", theme.theory),
            ("created", theme.created),
            ("updated", theme.updated),
            ("created_by", theme.created_by),
            ("updated_by", theme.updated_by),
            *obsidian,
        ]
    )
    lines = [f"# {md_inline(theme.name)}", ""]
    meta = f"*{label('concept', lang)}: {concept_name(theme.concept, lang)}"
    if theme.parent:
        meta += f" · {label('under', lang)} {md_inline(theme.parent)}"
    lines += [meta + "*", ""]
    for text in (theme.description, theme.theory):
        if text.strip():
            lines += [text_markdown(text.strip()), ""]
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n" + links_block(links or [])


def entry_meta_line(doc: dict[str, Any], lang: str) -> str:
    row = EntryRow(doc)
    parts = [format_datetime(row.created_at, lang), label(f"kind.{row.kind or 'memo'}", lang)]
    if row.interview:
        parts.append(md_inline(str(row.interview)))
    themes = [str(t) for t in row.themes]
    if themes:
        parts.append(f"{label('themes', lang)}: {', '.join(md_inline(t) for t in themes)}")
    concepts = [str(c) for c in row.concepts]
    if concepts:
        names = ", ".join(concept_name(c, lang) for c in concepts)
        parts.append(f"{label('concepts', lang)}: {names}")
    return "*" + " · ".join(parts) + "*"


def index_document(
    export: ExportSet, names: dict[str, str], titles: dict[str, str] | None = None
) -> str:
    titles = titles or {}
    lines = []
    for row in map(EntryRow, export.entries):
        ident = row.id
        title = titles.get(ident)
        title = row.display_title(80) if title is None else title
        lines.append(
            index_entry_line(
                row.created_at, ident, title, row.kind, row.interview, names[ident], export.lang
            )
        )
    return "".join(index_pieces(export, len(export.entries), lines, names))


def index_entry_line(
    created: datetime,
    ident: str,
    title: str,
    kind: str | None,
    interview: str | None,
    name: str,
    lang: str,
) -> str:
    """An entry's line in ``index.md`` (without its line break)."""
    title = md_inline(title) or ident[:8]
    extra = f" · {md_inline(str(interview))}" if interview else ""
    kind = kind or "memo"
    return (
        f"- {format_datetime(created, lang)} · [{title}]({name})"
        f" · {label(f'kind.{kind}', lang)}{extra}"
    )


def index_pieces(
    export: ExportSet, count: int, entry_lines: Iterable[str], names: dict[str, str]
) -> Iterator[str]:
    """``index.md`` piece by piece: the head, then each of the ``count`` entries'
    lines as ``entry_lines`` gives them, then the records' (``export`` holds the
    records; its entries are not read)."""
    lang = export.lang
    yield front_matter(
        [
            ("eftertanke", "index"),
            ("format", FORMAT_VERSION),
            ("language", lang),
            ("entries", count),
            ("interviews", len(export.interviews)),
            ("themes", len(export.themes)),
            *([("transcripts", len(export.transcripts))] if export.transcripts else []),
        ]
    )
    yield "\n" + f"# {label('journal', lang)}\n\n## {label('entries', lang)}\n"
    for line in entry_lines:
        yield "\n" + line
    lines: list[str] = []
    if export.interviews:
        lines += ["", f"## {label('interviews', lang)}", ""]
        for interview in export.interviews:
            text = md_inline(interview.code)
            if interview.role.strip():
                text += f" · {md_inline(interview.role)}"
            lines.append(f"- [{text}]({names[interview.id]})")
    if export.themes:
        lines += ["", f"## {label('themes', lang)}", ""]
        for theme in export.themes:
            lines.append(
                f"- [{md_inline(theme.name)}]({names[theme.id]})"
                f" ({concept_name(theme.concept, lang)})"
            )
    if export.transcripts:
        lines += ["", f"## {word('transcripts', lang)}", ""]
        for transcript in export.transcripts:
            code = md_inline(str(transcript.get("interview") or ""))
            turns = len(transcript.get("turns") or ())
            lines.append(f"- [{code}]({names[transcript['id']]}) · {turns} {word('turns', lang)}")
    yield "".join("\n" + line for line in lines) + "\n"


def folder_parts(export: ExportSet, parts: int = 1) -> list[Iterator[tuple[str, bytes]]]:
    """The files of a folder export split into ``parts`` lazy streams that can be
    written side by side: the first holds the index and the records, the last
    the transcripts, and each every ``parts``-th entry. Names are chosen once,
    up front."""
    titles = {row.id: row.display_title(80) for row in map(EntryRow, export.entries)}
    names = entry_file_names(export.entries, titles)
    names.update(record_file_names(export))

    def entries(start: int, step: int) -> Iterator[tuple[str, dict[str, Any], str]]:
        for doc in export.entries[start::step]:
            ident = EntryRow(doc).id
            yield names[ident], doc, titles[ident]

    return folder_streams(
        export, names, lambda: index_document(export, names, titles).encode(), entries, parts
    )


def record_file_names(export: ExportSet) -> dict[str, str]:
    """The file of each interview, theme and transcript of ``export``, by id."""
    names = interview_file_names(export.interviews)
    names.update(theme_file_names(export.themes))
    names.update(transcript_file_names(export.transcripts))
    return names


def folder_streams(
    export: ExportSet,
    names: dict[str, str],
    index: Callable[[], bytes],
    entries: Callable[[int, int], Iterable[tuple[str, dict[str, Any], str]]],
    parts: int = 1,
) -> list[Iterator[tuple[str, bytes]]]:
    """``folder_parts`` for entries given as ``entries(start, step)``: every
    ``step``-th ``(file name, stored dict, display title)`` from ``start`` on,
    in order (a streamed export reads them from its spool). ``export`` gives
    the records and the transcripts, ``names`` their files, ``index`` the bytes
    of ``index.md``."""
    roles = {i.code.casefold(): i.role for i in export.interviews}
    vault = (
        VaultLinks(names, export.interviews, export.themes, export.transcripts)
        if export.obsidian
        else None
    )

    def records() -> Iterator[tuple[str, bytes]]:
        yield "index.md", index()
        for interview in export.interviews:
            links = vault.interview_links(interview) if vault else None
            yield names[interview.id], interview_document(interview, export.lang, links).encode()
        for theme in export.themes:
            links = vault.theme_links(theme) if vault else None
            yield names[theme.id], theme_document(theme, export.lang, links).encode()

    def transcripts() -> Iterator[tuple[str, bytes]]:
        for doc in export.transcripts:
            role = roles.get(str(doc.get("interview") or "").casefold(), "")
            yield names[doc["id"]], _encode(transcript_doc_markdown(doc, export.lang, role))

    def notes(start: int) -> Iterator[tuple[str, bytes]]:
        for name, doc, title in entries(start, parts):
            if vault is None:
                yield name, _encode(doc_markdown(doc, export.lang))
            else:
                extra, tail = vault.entry_parts(doc, title)
                yield name, _encode(doc_markdown(doc, export.lang, extra, tail))

    parts = max(1, parts)
    streams = [notes(k) for k in range(parts)]
    # The transcripts (long documents, in a folder of their own, which one
    # part alone may create) go with the last part: the first has the records.
    streams[-1] = itertools.chain(transcripts(), streams[-1])
    streams[0] = itertools.chain(records(), streams[0])
    return streams


def folder_files(export: ExportSet) -> Iterator[tuple[str, bytes]]:
    """Every file of a folder export as ``(relative name, UTF-8 bytes)``, index first."""
    return folder_parts(export, 1)[0]


def _encode(text: str) -> bytes:
    # Lone surrogates cannot be UTF-8; they are shown as U+FFFD rather than failing.
    return text.encode("utf-8", errors="replace")


def one_file_document(export: ExportSet) -> str:
    """All entries in one Markdown file, oldest first; one entry is its own document."""
    if len(export.entries) == 1:
        return doc_markdown(export.entries[0], export.lang)
    lang = export.lang
    parts = [one_file_head(lang, len(export.entries))]
    parts += [one_file_chunk(doc, lang) for doc in export.entries]
    return "".join(parts).rstrip("\n") + "\n"


def one_file_head(lang: str, count: int) -> str:
    """The front matter of a one-file export of ``count`` (not one) entries."""
    return front_matter([("title", label("journal", lang)), ("language", lang), ("entries", count)])


def one_file_chunk(doc: dict[str, Any], lang: str) -> str:
    """An entry's part of a one-file export (of more than one entry)."""
    row = EntryRow(doc)
    title = md_inline(row.display_title(80)) or row.id[:8]
    chunk = [f"# {title}", "", entry_meta_line(doc, lang), ""]
    body = doc_body_markdown(doc, lang, title=False)
    if body:
        chunk.append(body.rstrip("\n"))
        chunk.append("")
    return "\n" + "\n".join(chunk)


def one_file_bytes(export: ExportSet) -> bytes:
    return _encode(one_file_document(export))


__all__ = [
    "ExportSet",
    "entry_file_names",
    "folder_files",
    "folder_parts",
    "folder_streams",
    "index_document",
    "index_entry_line",
    "index_pieces",
    "interview_document",
    "interview_facts",
    "linked_records",
    "one_file_bytes",
    "one_file_chunk",
    "one_file_document",
    "one_file_head",
    "record_file_names",
    "theme_document",
    "transcript_file_names",
]
