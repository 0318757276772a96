"""REFI-QDA export: a ``.qdpx`` project and a ``.qdc`` codebook.

The project (QDA-XML 1.0, imported by NVivo, ATLAS.ti, MAXQDA, QualCoder
and Quirkos) maps the journal like this:

- each concept is a code, and each theme a code under its concept (or
  under its parent theme); descriptions and theory go in the code's
  ``Description``;
- each interview is a ``Case`` with variables (function title, level,
  organisation, mode, date, duration) and a ``SourceRef`` to every entry
  linked to it;
- each daily or interview entry is a ``TextSource`` whose plain text is
  written to ``sources/<GUID>.txt`` in the zip; memos are ``Notes`` (with
  their text inline) referenced from the project;
- selections (``PlainTextSelection``) mark the whole entry (coded with the
  entry's themes and concepts), each answered prompt (coded with its
  concept) and each excerpt's quoted words (coded with the excerpt's themes,
  or the entry's when it has none); each selection is named by its
  reference, e.g. ``(I03, 9.45)``;
- entry kind, minutes-after-interview and ratings are source variables.

Offsets count Unicode code points in exactly the text written (UTF-8
without BOM, LF line endings), start inclusive and end exclusive. GUIDs
are derived from eftertanke's own ids, so exporting the same journal twice
gives the same project, byte for byte. The module uses only the standard
library; tests validate its output against the schema with lxml.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO

from eftertanke import __version__
from eftertanke.domain import CONCEPTS, RATING_KEYS, Entry, Interview, Theme
from eftertanke.export.labels import concept_name, label

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("0f6b8f0e-3d8a-4a53-a3c7-6d5e0d9c2b71")
CONCEPT_COLOURS = {
    "drive": "#E69F00",
    "frames": "#56B4E9",
    "safety": "#009E73",
    "wellbeing": "#CC79A7",
}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot hold, even escaped; each becomes U+FFFD (one
# code point for one, so offsets computed before or after agree).
_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

VARIABLE_LABELS = {
    "role": {"da": "Funktion", "en": "Function title"},
    "level": {"da": "Niveau", "en": "Level"},
    "organisation": {"da": "Organisation", "en": "Organisation"},
    "mode": {"da": "Form", "en": "Mode"},
    "date": {"da": "Interviewdato", "en": "Interview date"},
    "duration": {"da": "Varighed (min.)", "en": "Duration (min)"},
    "kind": {"da": "Type", "en": "Kind"},
    "written_after": {"da": "Skrevet efter (min.)", "en": "Written after (min)"},
    "rating.energy": {"da": "Energi", "en": "Energy"},
    "rating.demands": {"da": "Krav", "en": "Demands"},
    "rating.resources": {"da": "Ressourcer", "en": "Resources"},
    "rating.safety": {"da": "Tryghed", "en": "Safety"},
    "rating.wellbeing": {"da": "Trivsel", "en": "Well-being"},
}


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def _own_guid(value: str, kind: str) -> str:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return guid(kind, str(value))


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _normalise(text: str) -> str:
    return xml_text(text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip())


@dataclass
class Span:
    start: int
    end: int
    name: str
    codes: list[str]
    description: str = ""


@dataclass
class SourceText:
    """An entry's plain text and the spans to code in it."""

    text: str
    spans: list[Span] = field(default_factory=list)


def source_text(entry: Entry, code_of: dict[str, str], lang: str) -> SourceText:
    """The text of ``entry`` as written to the project, with its coded spans."""
    pieces: list[str] = []
    spans: list[Span] = []
    position = 0

    def add(text: str) -> tuple[int, int]:
        nonlocal position
        start = position
        pieces.append(text)
        position += len(text)
        return start, position

    title = _normalise(" ".join(entry.title.split()))
    if title:
        add(title)
        add("\n\n")
    body = _normalise(entry.body)
    if body:
        add(body)
        add("\n\n")
    for section in entry.sections:
        answer = _normalise(section.answer)
        if not answer:
            continue
        add(_normalise(" ".join(section.prompt_text.split())) or section.prompt_id)
        add("\n\n")
        start, end = add(answer)
        add("\n\n")
        codes = [code_of[f"concept:{section.concept}"]] if section.concept else []
        spans.append(Span(start, end, _normalise(section.prompt_text)[:200], codes))
    for excerpt in entry.excerpts:
        quote = _normalise(excerpt.quote)
        if not quote:
            continue
        start, end = add(quote)
        add("\n" + xml_text(excerpt.reference))
        note = _normalise(excerpt.note)
        if note:
            add("\n" + note)
        add("\n\n")
        names = excerpt.themes or entry.themes
        codes = [
            code_of[f"theme:{n.casefold()}"] for n in names if f"theme:{n.casefold()}" in code_of
        ]
        spans.append(Span(start, end, xml_text(excerpt.reference), codes, note))
    text = "".join(pieces).rstrip("\n")
    whole = [
        code_of[f"theme:{n.casefold()}"] for n in entry.themes if f"theme:{n.casefold()}" in code_of
    ]
    whole += [code_of[f"concept:{c}"] for c in entry.concepts if f"concept:{c}" in code_of]
    if text and whole:
        spans.insert(0, Span(0, len(text), xml_text(entry.display_title(80)), whole))
    return SourceText(text + "\n" if text else "", spans)


def _el(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    clean = {k: xml_text(v) for k, v in attrs.items() if v is not None}
    return ET.SubElement(parent, tag, clean)


def _text_el(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = xml_text(text)
    return element


class _Codebook:
    """Concept codes with theme codes nested under them."""

    def __init__(self, themes: list[Theme], extra: Iterable[str], lang: str) -> None:
        self.lang = lang
        self.themes = sorted(themes, key=lambda t: (t.concept, t.name.casefold(), t.id))
        self.code_of: dict[str, str] = {f"concept:{c}": guid("concept", c) for c in CONCEPTS}
        for theme in self.themes:
            self.code_of[f"theme:{theme.name.casefold()}"] = _own_guid(theme.id, "theme")
        self.orphans = sorted(
            {n for n in extra if f"theme:{n.casefold()}" not in self.code_of}, key=str.casefold
        )
        for name in self.orphans:
            self.code_of[f"theme:{name.casefold()}"] = guid("theme", name.casefold())

    def build(self, parent: ET.Element) -> None:
        codes = ET.SubElement(parent, "Codes")
        known = {t.name.casefold() for t in self.themes}
        children: dict[str, list[Theme]] = {}
        for theme in self.themes:
            key = (
                theme.parent.casefold() if theme.parent and theme.parent.casefold() in known else ""
            )
            children.setdefault(key or f"concept:{theme.concept}", []).append(theme)

        def add_theme(into: ET.Element, theme: Theme, seen: set[str]) -> None:
            key = theme.name.casefold()
            if key in seen:
                return
            seen.add(key)
            code = _el(
                into,
                "Code",
                guid=self.code_of[f"theme:{key}"],
                name=theme.name,
                isCodable="true",
                color=CONCEPT_COLOURS.get(theme.concept),
            )
            description = "\n\n".join(
                x.strip() for x in (theme.description, theme.theory) if x.strip()
            )
            if description:
                # Description must come before nested codes.
                code.insert(0, _make_text("Description", description))
            for child in children.get(key, []):
                add_theme(code, child, seen)

        seen: set[str] = set()
        for concept in CONCEPTS:
            code = _el(
                codes,
                "Code",
                guid=self.code_of[f"concept:{concept}"],
                name=concept_name(concept, self.lang),
                isCodable="true",
                color=CONCEPT_COLOURS[concept],
            )
            for theme in children.get(f"concept:{concept}", []):
                add_theme(code, theme, seen)
        for theme in self.themes:  # themes caught in a parent loop
            if theme.name.casefold() not in seen:
                add_theme(codes, theme, seen)
        for name in self.orphans:
            _el(
                codes,
                "Code",
                guid=self.code_of[f"theme:{name.casefold()}"],
                name=name,
                isCodable="true",
            )


def _make_text(tag: str, text: str) -> ET.Element:
    element = ET.Element(tag)
    element.text = xml_text(text)
    return element


def _serialise(root: ET.Element, namespace: str) -> bytes:
    # Every element is in one default namespace, declared on the root as a
    # plain attribute (ElementTree's default_namespace refuses plain attributes).
    root.set("xmlns", namespace)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.encode("utf-8") + b"\n"


def _variables(lang: str) -> dict[str, tuple[str, str]]:
    kinds = {
        "role": "Text",
        "level": "Text",
        "organisation": "Text",
        "mode": "Text",
        "date": "DateTime",
        "duration": "Integer",
        "kind": "Text",
        "written_after": "Integer",
        **{f"rating.{k}": "Integer" for k in RATING_KEYS},
    }
    return {key: (guid("variable", key), kind) for key, kind in kinds.items()}


def _value(parent: ET.Element, key: str, kind: str, value: object) -> None:
    element = ET.SubElement(parent, "VariableValue")
    ET.SubElement(element, "VariableRef", {"targetGUID": guid("variable", key)})
    tag = {"Text": "TextValue", "Integer": "IntegerValue", "DateTime": "DateTimeValue"}[kind]
    _text_el(element, tag, str(value))


def _user_guid(name: str) -> str:
    return guid("user", name)


def project_xml(
    entries: list[Entry],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
) -> tuple[bytes, dict[str, str]]:
    """``project.qde`` and the source files ``{zip path: text}`` it names."""
    entries = sorted(entries, key=lambda e: (e.created, e.id))
    interviews = sorted(interviews, key=lambda i: (i.code.casefold(), i.id))
    used = {n for e in entries for n in e.all_themes}
    codebook = _Codebook(themes, used, lang)
    root = ET.Element("Project", {"name": "eftertanke", "origin": f"eftertanke {__version__}"})
    authors = sorted(
        {e.author for e in entries if e.author}
        | {i.interviewer for i in interviews if i.interviewer}
    )
    if authors:
        users = ET.SubElement(root, "Users")
        for name in authors:
            ET.SubElement(users, "User", {"guid": _user_guid(name), "name": xml_text(name)})
    book = ET.SubElement(root, "CodeBook")
    codebook.build(book)
    variables = _variables(lang)
    var_el = ET.SubElement(root, "Variables")
    for key, (var_guid, kind) in variables.items():
        ET.SubElement(
            var_el,
            "Variable",
            {"guid": var_guid, "name": VARIABLE_LABELS[key][lang], "typeOfVariable": kind},
        )
    sources = [e for e in entries if e.kind != "memo"]
    memos = [e for e in entries if e.kind == "memo"]
    files: dict[str, str] = {}
    if interviews:
        cases = ET.SubElement(root, "Cases")
        for interview in interviews:
            case = ET.SubElement(
                cases,
                "Case",
                {"guid": _own_guid(interview.id, "case"), "name": xml_text(interview.code)},
            )
            description = "\n\n".join(
                x for x in (interview.role.strip(), interview.notes.strip()) if x
            )
            if description:
                _text_el(case, "Description", description)
            values = [
                ("role", "Text", interview.role.strip() or None),
                (
                    "level",
                    "Text",
                    label(f"level.{interview.level}", lang) if interview.level else None,
                ),
                ("organisation", "Text", interview.organisation.strip() or None),
                ("mode", "Text", label(f"mode.{interview.mode}", lang) if interview.mode else None),
                ("date", "DateTime", interview.date.isoformat() if interview.date else None),
                ("duration", "Integer", interview.duration_minutes),
            ]
            for key, kind, value in values:
                if value is not None:
                    _value(case, key, kind, value)
            code = interview.code.casefold()
            for entry in sources:
                if (entry.interview or "").casefold() == code:
                    ET.SubElement(case, "SourceRef", {"targetGUID": _own_guid(entry.id, "source")})

    def text_source(parent: ET.Element, tag: str, entry: Entry, inline: bool) -> None:
        source_guid = _own_guid(entry.id, "source")
        content = source_text(entry, codebook.code_of, lang)
        attrs = {
            "guid": source_guid,
            "name": xml_text(
                f"{entry.created.date().isoformat()} {entry.display_title(80)}".strip()
            ),
            "creationDateTime": entry.created.isoformat(),
            "modifiedDateTime": entry.updated.isoformat(),
        }
        if entry.author:
            attrs["creatingUser"] = _user_guid(entry.author)
        if not inline:
            attrs["plainTextPath"] = f"internal://{source_guid}.txt"
        element = ET.SubElement(parent, tag, attrs)
        if inline:
            _text_el(element, "PlainTextContent", content.text)
        else:
            files[f"sources/{source_guid}.txt"] = content.text
        for index, span in enumerate(content.spans):
            selection_guid = guid("selection", f"{entry.id}:{index}")
            selection = ET.SubElement(
                element,
                "PlainTextSelection",
                {
                    "guid": selection_guid,
                    "name": xml_text(span.name) or f"{span.start}-{span.end}",
                    "startPosition": str(span.start),
                    "endPosition": str(span.end),
                },
            )
            if span.description:
                _text_el(selection, "Description", span.description)
            for code_guid in dict.fromkeys(span.codes):
                coding = ET.SubElement(
                    selection,
                    "Coding",
                    {"guid": guid("coding", f"{selection_guid}:{code_guid}")},
                )
                ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid})
        values: list[tuple[str, str, object]] = [
            ("kind", "Text", label(f"kind.{entry.kind}", lang))
        ]
        if entry.written_after_minutes is not None:
            values.append(("written_after", "Integer", entry.written_after_minutes))
        values += [
            (f"rating.{k}", "Integer", entry.ratings[k]) for k in RATING_KEYS if k in entry.ratings
        ]
        for key, kind, value in values:
            _value(element, key, kind, value)

    if sources:
        src_el = ET.SubElement(root, "Sources")
        for entry in sources:
            text_source(src_el, "TextSource", entry, inline=False)
    if memos:
        notes = ET.SubElement(root, "Notes")
        for entry in memos:
            text_source(notes, "Note", entry, inline=True)
        for entry in memos:
            ET.SubElement(root, "NoteRef", {"targetGUID": _own_guid(entry.id, "source")})
    return _serialise(root, PROJECT_NS), files


def qdpx_bytes(
    entries: list[Entry], interviews: list[Interview], themes: list[Theme], lang: str = "en"
) -> bytes:
    """A ``.qdpx`` zip: ``project.qde`` and ``sources/<GUID>.txt``, deterministic."""
    project, files = project_xml(entries, interviews, themes, lang)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [
            ("project.qde", project),
            *((n, t.encode()) for n, t in sorted(files.items())),
        ]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def codebook_xml(themes: list[Theme], lang: str = "en") -> bytes:
    """A ``.qdc`` codebook: the concepts and themes as codes, nothing else."""
    root = ET.Element("CodeBook", {"origin": f"eftertanke {__version__}"})
    _Codebook(themes, [], lang).build(root)
    return _serialise(root, CODEBOOK_NS)


__all__ = ["codebook_xml", "guid", "project_xml", "qdpx_bytes", "source_text"]
