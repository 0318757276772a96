"""REFI-QDA export: a ``.qdpx`` project and a ``.qdc`` codebook.

The project (QDA-XML 1.0, imported by NVivo, ATLAS.ti, MAXQDA, QualCoder
and Quirkos) maps the journal like this:

- each concept is a code, and each theme a code under its concept (or
  under its parent theme), its GUID the theme's own id; descriptions and
  theory go in the code's ``Description``;
- each interview transcript is a ``TextSource`` whose text is the
  transcript's own (one line a turn, ``[09:45] Speaker: words``, so the
  speakers stay in the text); which speakers are the interviewer and which
  the respondent is said in its ``Description`` and in two source
  variables, as REFI has no speaker element;
- each daily or interview entry is a ``TextSource`` too (title, body, each
  answer under its prompt, each excerpt with its reference); memos are
  ``Notes`` with their text in a file, referenced from the project;
- every coded passage (of an answer, a body or a transcript) is a
  ``PlainTextSelection`` at its words, with one ``Coding``/``CodeRef`` per
  theme, its author as ``creatingUser`` and its memo as the selection's
  ``Description`` (what QualCoder shows as the coding memo); the entry's own
  themes code a selection over the whole entry, each answer is coded with
  its concept and each excerpt's quoted words with the excerpt's themes;
- each interview is a ``Case`` with variables (function title, level,
  organisation, mode, date, duration, status) and a ``SourceRef`` to its
  transcript and every reflection linked to it; the case is also a code of
  the same GUID (named by the Case's ``CodeRef``) coding the whole of those
  sources, which QualCoder, reading no SourceRefs, makes its case-to-file
  links (as it does for NVivo's projects); each reflection also has a
  ``Link`` to its interview's transcript and an *Interview* source variable;
- a memo's themes' codes carry a ``NoteRef`` to it; every coding has a
  ``creatingUser`` (the journal's main writer when no one else is known);
- entry kind, minutes-after-interview and ratings are source variables.

Offsets count Unicode code points in exactly the text written (UTF-8
without BOM, LF line endings), start inclusive and end exclusive (see
``refi_text``). GUIDs are derived from eftertanke's own ids, so exporting the
same journal twice gives the same project, byte for byte. The module uses
only the standard library; tests validate its output against the schema
with lxml.

Long because a QDA-XML project is one document whose codebook, sources,
selections and users point at each other by GUID.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from eftertanke import __version__, i18n
from eftertanke.domain import CONCEPTS, RATING_KEYS, Entry, Interview, Theme
from eftertanke.export.labels import concept_name, label
from eftertanke.export.layers_markdown import layer_heading
from eftertanke.export.refi_quotes import cited_passages
from eftertanke.export.refi_text import (
    SourceText,
    Span,
    normalise,
    source_text,
    transcript_text,
    xml_text,
)
from eftertanke.transcript import Transcript

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("0f6b8f0e-3d8a-4a53-a3c7-6d5e0d9c2b71")
CONCEPT_COLOURS = {
    "drive": "#E69F00",
    "frames": "#56B4E9",
    "safety": "#009E73",
    "wellbeing": "#CC79A7",
}
CASE_COLOUR = "#999999"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# The REFI type of every variable (its name is ``export.refi.variable.<key>``);
# case variables and source variables are kept apart, as QualCoder marks a
# variable "case" once a case uses it.
VARIABLES: dict[str, str] = {
    "role": "Text",
    "level": "Text",
    "organisation": "Text",
    "mode": "Text",
    "date": "DateTime",
    "duration": "Integer",
    "status": "Text",
    "kind": "Text",
    "interview": "Text",
    "interviewers": "Text",
    "respondents": "Text",
    "written_after": "Integer",
    "rating.energy": "Integer",
    "rating.demands": "Integer",
    "rating.resources": "Integer",
    "rating.safety": "Integer",
    "rating.wellbeing": "Integer",
}


def _word(key: str, lang: str, **values: object) -> str:
    full = f"export.refi.{key}"
    return i18n.t(full, lang, **values) if i18n.has(full) else key


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def _own_guid(value: str, kind: str) -> str:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return guid(kind, str(value))


def _normalise(text: str) -> str:
    return normalise(text)


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
        # Memos (notes) about a theme, by the theme's name folded: each theme's
        # code carries a NoteRef to them (QDA-XML's way to attach a memo to a code).
        self.notes_of: dict[str, list[str]] = {}
        self.themes = sorted(themes, key=lambda t: (t.concept, t.name.casefold(), t.id))
        self.code_of: dict[str, str] = {f"concept:{c}": guid("concept", c) for c in CONCEPTS}
        for theme in self.themes:
            self.code_of[f"theme:{theme.name.casefold()}"] = _own_guid(theme.id, "theme")
        self.orphans = sorted(
            {n for n in extra if f"theme:{n.casefold()}" not in self.code_of}, key=str.casefold
        )
        for name in self.orphans:
            self.code_of[f"theme:{name.casefold()}"] = guid("theme", name.casefold())

    def _children(self) -> dict[str, list[Theme]]:
        """Themes by their parent's casefolded name, or "concept:KEY" at the top."""
        known = {t.name.casefold() for t in self.themes}
        children: dict[str, list[Theme]] = {}
        for theme in self.themes:
            key = (
                theme.parent.casefold() if theme.parent and theme.parent.casefold() in known else ""
            )
            children.setdefault(key or f"concept:{theme.concept}", []).append(theme)
        return children

    def _add_theme(
        self,
        into: ET.Element,
        theme: Theme,
        seen: set[str],
        children: dict[str, list[Theme]],
    ) -> None:
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
        description = "\n\n".join(x.strip() for x in (theme.description, theme.theory) if x.strip())
        if description:
            # Description must come before nested codes.
            code.insert(0, _make_text("Description", description))
        self.note_refs(code, key)
        for child in children.get(key, []):
            self._add_theme(code, child, seen, children)

    def build(self, parent: ET.Element) -> None:
        codes = ET.SubElement(parent, "Codes")
        children = self._children()
        seen: set[str] = set()
        theme_names = {t.name.casefold() for t in self.themes} | {
            n.casefold() for n in self.orphans
        }
        for concept in CONCEPTS:
            name = concept_name(concept, self.lang)
            if name.casefold() in theme_names:
                # A theme named like its concept: code names stay unique (QualCoder
                # keeps one code per name and loses the codings of the second).
                name = f"{name} ({_word('concept', self.lang)})"
            code = _el(
                codes,
                "Code",
                guid=self.code_of[f"concept:{concept}"],
                name=name,
                isCodable="true",
                color=CONCEPT_COLOURS[concept],
            )
            for theme in children.get(f"concept:{concept}", []):
                self._add_theme(code, theme, seen, children)
        for theme in self.themes:  # themes caught in a parent loop
            if theme.name.casefold() not in seen:
                self._add_theme(codes, theme, seen, children)
        for name in self.orphans:
            code = _el(
                codes,
                "Code",
                guid=self.code_of[f"theme:{name.casefold()}"],
                name=name,
                isCodable="true",
            )
            self.note_refs(code, name.casefold())

    def note_refs(self, code: ET.Element, key: str) -> None:
        for note_guid in self.notes_of.get(key, []):
            ET.SubElement(code, "NoteRef", {"targetGUID": note_guid})


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


def _user_guid(name: str) -> str:
    return guid("user", name)


def _value(parent: ET.Element, key: str, value: object) -> None:
    kind = VARIABLES[key]
    element = ET.SubElement(parent, "VariableValue")
    ET.SubElement(element, "VariableRef", {"targetGUID": guid("variable", key)})
    tag = {"Text": "TextValue", "Integer": "IntegerValue", "DateTime": "DateTimeValue"}[kind]
    _text_el(element, tag, str(value))


def _values(parent: ET.Element, values: Iterable[tuple[str, object]]) -> None:
    for key, value in values:
        if value is not None and value != "":
            _value(parent, key, value)


def _stamp(value: datetime | None) -> str | None:
    """A creation or change time as other tools write it: UTC, whole seconds, Z
    (QualCoder, for one, keeps what it is given with "T" and "Z" taken out)."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _selections(parent: ET.Element, owner: str, spans: list[Span], fallback_user: str = "") -> None:
    # Tens of thousands of these in a large journal: attributes are built
    # directly (only the name is user text), the user's GUID made once.
    user_guids: dict[str, str] = {}
    for span in spans:
        if not span.codes and not span.description:
            # Says nothing (an answer without a concept); QualCoder would make
            # an empty annotation of it.
            continue
        selection_guid = guid("selection", f"{owner}:{span.key}")
        attrs = {
            "guid": selection_guid,
            "name": xml_text(span.name) or f"{span.start}-{span.end}",
            "startPosition": str(span.start),
            "endPosition": str(span.end),
        }
        who: dict[str, str] = {}
        # A coding without a user is "default"'s in QualCoder, which shows it
        # to nobody: one made by no one known is the journal's main writer's.
        name = span.user or fallback_user
        if name:
            user = user_guids.get(name) or user_guids.setdefault(name, _user_guid(name))
            who["creatingUser"] = user
            attrs["creatingUser"] = attrs["modifyingUser"] = user
        if span.created is not None:
            who["creationDateTime"] = attrs["creationDateTime"] = _stamp(span.created) or ""
        if span.modified is not None:
            attrs["modifiedDateTime"] = _stamp(span.modified) or ""
        selection = ET.SubElement(parent, "PlainTextSelection", attrs)
        if span.description:
            _text_el(selection, "Description", span.description)
        for code_guid in dict.fromkeys(span.codes):
            coding = ET.SubElement(
                selection,
                "Coding",
                {"guid": guid("coding", f"{selection_guid}:{code_guid}"), **who},
            )
            ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid})


class _Project:
    """One ``project.qde`` being written, and the source files it names."""

    def __init__(
        self,
        entries: list[Entry],
        interviews: list[Interview],
        themes: list[Theme],
        transcripts: list[Transcript],
        lang: str,
    ) -> None:
        self.hold_records(interviews, transcripts, lang)
        self.entries = sorted(entries, key=lambda e: (e.created, e.id))
        used = {n for e in self.entries for n in e.all_themes}
        used |= {n for t in self.transcripts for c in t.codings for n in c.themes}
        self.codebook = _Codebook(themes, used, lang)
        self.files: dict[str, str] = {}
        self.cited = cited_passages(self.entries, self.transcripts, lang)
        self.reflections_of: dict[str, list[Entry]] = {}
        # Layers of re-reading: a Note each, referred to from its source.
        self.layer_notes: list[tuple[str, Entry, Any]] = []
        for entry in self.entries:
            if entry.kind != "memo" and entry.interview:
                self.reflections_of.setdefault(entry.interview.casefold(), []).append(entry)
            elif entry.kind == "memo":
                for name in dict.fromkeys(n.casefold() for n in entry.themes):
                    self.codebook.notes_of.setdefault(name, []).append(self.entry_guid(entry))

    def hold_records(
        self, interviews: list[Interview], transcripts: list[Transcript], lang: str
    ) -> None:
        """What every project keeps of the interviews and transcripts, in the export's order."""
        self.lang = lang
        self.interviews = sorted(interviews, key=lambda i: (i.code.casefold(), i.id))
        self.transcripts = sorted(transcripts, key=lambda t: (t.interview.casefold(), t.id))
        self.transcript_of = {t.interview.casefold(): t for t in self.transcripts}
        # Each interview's case is also a code of the same GUID, coding the whole
        # of its transcript and reflections: the Case names it with a CodeRef, and
        # QualCoder (as for NVivo's projects) turns such codings into its
        # case-to-file links; it reads no case SourceRefs.
        self.case_of: dict[str, str] = {
            i.code.casefold(): _own_guid(i.id, "case") for i in self.interviews
        }
        self.main_user = ""  # who wrote or coded the most (set with the Users)
        self.names_taken: set[str] = set()

    def unique_name(self, name: str, ident: str) -> str:
        """Source and note names, made unique with the record's short id: QualCoder
        keys sources and journals by name (a second journal of the same name
        stops its import)."""
        if name.casefold() in self.names_taken:
            name = f"{name} ({ident[:8]})"
        self.names_taken.add(name.casefold())
        return name

    # -- guids ---------------------------------------------------------------------

    @staticmethod
    def entry_guid(entry: Entry) -> str:
        return _own_guid(entry.id, "source")

    @staticmethod
    def transcript_guid(transcript: Transcript) -> str:
        return _own_guid(transcript.id, "transcript")

    # -- the parts, in the schema's order --------------------------------------------

    def project_head(self) -> ET.Element:
        """The project with its short parts (users, codebook, variables, cases),
        which the whole build and the streamed export write alike."""
        root = ET.Element("Project", {"name": "eftertanke", "origin": f"eftertanke {__version__}"})
        self.users(root)
        codebook = ET.SubElement(root, "CodeBook")
        self.codebook.build(codebook)
        self.case_codes(codebook.find("Codes"))
        self.variables(root)
        self.cases(root)
        return root

    def build(self) -> ET.Element:
        root = self.project_head()
        sources = [e for e in self.entries if e.kind != "memo"]
        memos = [e for e in self.entries if e.kind == "memo"]
        if sources or self.transcripts:
            src_el = ET.SubElement(root, "Sources")
            for transcript in self.transcripts:
                self.transcript_source(src_el, transcript)
            for entry in sources:
                self.entry_source(src_el, "TextSource", entry)
        if memos or any(e.layers for e in self.entries):
            notes = ET.SubElement(root, "Notes")
            for entry in memos:
                self.entry_source(notes, "Note", entry)
            for note_guid, entry, layer in self.layer_notes:
                self.layer_note(notes, note_guid, entry, layer)
        self.links(root, sources)
        for entry in memos:
            ET.SubElement(root, "NoteRef", {"targetGUID": self.entry_guid(entry)})
        return root

    def case_codes(self, codes: ET.Element | None) -> None:
        if codes is None:
            return
        taken = {c.get("name", "").casefold() for c in codes.iter("Code")}
        for interview in self.interviews:
            name = interview.code
            if name.casefold() in taken:
                # QualCoder keeps one code per name: a theme of this name would
                # be taken for the case and lose its codings.
                name = f"{name} ({_word('case', self.lang)})"
            taken.add(name.casefold())
            _el(
                codes,
                "Code",
                guid=self.case_of[interview.code.casefold()],
                name=name,
                isCodable="true",
                color=CASE_COLOUR,
            )

    def case_span(self, interview: str | None, text: str, user: str, when: datetime) -> list[Span]:
        """The whole of a source coded with its interview's case code."""
        case = self.case_of.get((interview or "").casefold())
        if case is None or not text:
            return []
        return [
            Span(
                0,
                len(text),
                xml_text(interview or ""),
                [case],
                key=f"case:{case}",
                user=user,
                created=when,
            )
        ]

    def users(self, root: ET.Element) -> None:
        # Who wrote or coded the most comes first: QualCoder makes the first
        # user its coder, and shows other coders' codings only on request.
        made = self.authors()
        made.update(i.interviewer for i in self.interviews)
        made.update(t.created_by for t in self.transcripts)
        made.update(c.author for t in self.transcripts for c in t.codings)
        del made[""]
        if made:
            users = ET.SubElement(root, "Users")
            ranked = sorted(made, key=lambda n: (-made[n], n))
            for name in ranked:
                ET.SubElement(users, "User", {"guid": _user_guid(name), "name": xml_text(name)})
            self.main_user = ranked[0]
            root.set("creatingUserGUID", _user_guid(ranked[0]))

    def authors(self) -> Counter[str]:
        """How often each writer wrote an entry, coded in one or re-read one."""
        made: Counter[str] = Counter()
        for entry in self.entries:
            count_authors(made, entry)
        return made

    def variables(self, root: ET.Element) -> None:
        var_el = ET.SubElement(root, "Variables")
        for key, kind in VARIABLES.items():
            name = _word(f"variable.{key}", self.lang)
            ET.SubElement(
                var_el,
                "Variable",
                {"guid": guid("variable", key), "name": name, "typeOfVariable": kind},
            )

    def cases(self, root: ET.Element) -> None:
        if not self.interviews:
            return
        lang = self.lang
        cases = ET.SubElement(root, "Cases")
        for interview in self.interviews:
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
            ET.SubElement(case, "CodeRef", {"targetGUID": self.case_of[interview.code.casefold()]})
            level = label(f"level.{interview.level}", lang) if interview.level else None
            mode = label(f"mode.{interview.mode}", lang) if interview.mode else None
            _values(
                case,
                [
                    ("role", interview.role.strip()),
                    ("level", level),
                    ("organisation", interview.organisation.strip()),
                    ("mode", mode),
                    ("date", interview.date.isoformat() if interview.date else None),
                    ("duration", interview.duration_minutes),
                    ("status", _word(f"status.{interview.status}", lang)),
                ],
            )
            code = interview.code.casefold()
            transcript = self.transcript_of.get(code)
            if transcript is not None:
                ET.SubElement(case, "SourceRef", {"targetGUID": self.transcript_guid(transcript)})
            for entry in self.reflections_of.get(code, []):
                ET.SubElement(case, "SourceRef", {"targetGUID": self.entry_guid(entry)})

    def _source(
        self,
        parent: ET.Element,
        tag: str,
        source_guid: str,
        attrs: dict[str, str | None],
        content: SourceText,
        description: str = "",
    ) -> ET.Element:
        element = _el(
            parent, tag, guid=source_guid, plainTextPath=f"internal://{source_guid}.txt", **attrs
        )
        self.files[f"sources/{source_guid}.txt"] = content.text
        if description:
            _text_el(element, "Description", description)
        _selections(element, source_guid, content.spans, self.main_user)
        return element

    def transcript_source(self, parent: ET.Element, transcript: Transcript) -> None:
        lang = self.lang
        content = transcript_text(transcript, self.codebook.code_of, lang)
        content.spans.extend(self.cited.spans.get(transcript.id, []))
        content.spans.extend(
            self.case_span(
                transcript.interview, content.text, transcript.created_by, transcript.created
            )
        )
        interviewers = [s for s in transcript.speakers if transcript.is_interviewer(s)]
        respondents = [s for s in transcript.speakers if not transcript.is_interviewer(s)]
        lines = [
            f"{_word('interviewers', lang)}: {', '.join(interviewers)}" if interviewers else "",
            f"{_word('respondents', lang)}: {', '.join(respondents)}" if respondents else "",
            f"{_word('source_file', lang)}: {transcript.source_file} ({transcript.format})"
            if transcript.source_file
            else "",
        ]
        element = self._source(
            parent,
            "TextSource",
            self.transcript_guid(transcript),
            {
                "name": self.unique_name(
                    f"{transcript.interview} {_word('transcript', lang)}", transcript.id
                ),
                "creatingUser": _user_guid(transcript.created_by)
                if transcript.created_by
                else None,
                "creationDateTime": _stamp(transcript.created),
                "modifiedDateTime": _stamp(transcript.updated),
            },
            content,
            "\n".join(line for line in lines if line),
        )
        _values(
            element,
            [
                ("kind", _word("kind.transcript", lang)),
                ("interview", transcript.interview),
                ("interviewers", ", ".join(interviewers)),
                ("respondents", ", ".join(respondents)),
            ],
        )

    def entry_source(self, parent: ET.Element, tag: str, entry: Entry) -> None:
        lang = self.lang
        content = source_text(entry, self.codebook.code_of, lang)
        if tag == "TextSource":
            content.spans.extend(
                self.case_span(entry.interview, content.text, entry.author, entry.created)
            )
        element = self._source(
            parent,
            tag,
            self.entry_guid(entry),
            {
                "name": self.unique_name(
                    f"{entry.created.date().isoformat()} {entry.display_title(80)}".strip(),
                    entry.id,
                ),
                "creatingUser": _user_guid(entry.author) if entry.author else None,
                "creationDateTime": _stamp(entry.created),
                "modifiedDateTime": _stamp(entry.updated),
            },
            content,
        )
        # Its layers' NoteRefs, before the variables (the schema's order).
        for layer in sorted(entry.layers, key=lambda x: (x.written, x.id)):
            note_guid = guid("layer", layer.id)
            ET.SubElement(element, "NoteRef", {"targetGUID": note_guid})
            self.layer_notes.append((note_guid, entry, layer))
        _values(
            element,
            [
                ("kind", label(f"kind.{entry.kind}", lang)),
                ("interview", entry.interview or ""),
                ("written_after", entry.written_after_minutes),
                *((f"rating.{k}", entry.ratings.get(k)) for k in RATING_KEYS),
            ],
        )

    def layer_note(self, parent: ET.Element, note_guid: str, entry: Entry, layer: Any) -> None:
        """A layer of re-reading as a Note: dated, named after its entry, its
        text what the writer saw then (the source refers to it by NoteRef)."""
        heading = layer_heading(layer.to_dict(), entry.created.isoformat(), self.lang)
        self._source(
            parent,
            "Note",
            note_guid,
            {
                "name": self.unique_name(f"{heading}: {entry.display_title(60)}", layer.id),
                "creatingUser": _user_guid(layer.author) if layer.author else None,
                "creationDateTime": _stamp(layer.written),
                "modifiedDateTime": _stamp(layer.written),
            },
            SourceText(_normalise(layer.text)),
        )

    def links(self, root: ET.Element, sources: list[Entry]) -> None:
        """A reflection points at its interview's transcript, and each quote it
        cites at the quoted words there (origin: the reflection)."""
        pairs = [
            (entry, self.transcript_of[(entry.interview or "").casefold()])
            for entry in sources
            if (entry.interview or "").casefold() in self.transcript_of
        ]
        if not pairs and not self.cited.links:
            return
        links = ET.SubElement(root, "Links")
        for entry, transcript in pairs:
            self.pair_link(links, entry, transcript)
        for link in self.cited.links:
            self.quote_link(links, link)

    def pair_link(self, parent: ET.Element, entry: Entry, transcript: Transcript) -> ET.Element:
        """The link from a reflection to its interview's transcript."""
        return _el(
            parent,
            "Link",
            guid=guid("link", f"{entry.id}:{transcript.id}"),
            name=_word("link", self.lang, code=transcript.interview),
            direction="OneWay",
            originGUID=self.entry_guid(entry),
            targetGUID=self.transcript_guid(transcript),
        )

    def quote_link(self, parent: ET.Element, link: Any) -> ET.Element:
        """The link from a reflection's quote to the quoted words (a ``QuoteLink``)."""
        quote = link.quote
        target = self.transcript_guid(link.transcript)
        return _el(
            parent,
            "Link",
            guid=guid("link", f"{link.entry.id}:{quote.origin}:{quote.section}:{quote.index}"),
            name=link.name,
            direction="OneWay",
            originGUID=self.entry_guid(link.entry),
            targetGUID=guid("selection", f"{target}:{link.span_key}"),
        )


def count_authors(made: Counter[str], entry: Entry) -> None:
    """Add who wrote ``entry``, coded in it and re-read it to ``made``."""
    made[entry.author] += 1
    made.update(c.author for c in entry.codings)
    made.update(x.author for x in entry.layers)


def project_xml(
    entries: list[Entry],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
    transcripts: Iterable[Transcript] = (),
) -> tuple[bytes, dict[str, str]]:
    """``project.qde`` and the source files ``{zip path: text}`` it names."""
    project = _Project(entries, interviews, themes, list(transcripts), lang)
    root = project.build()
    return _serialise(root, PROJECT_NS), project.files


def qdpx_bytes(
    entries: list[Entry],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
    transcripts: Iterable[Transcript] = (),
) -> bytes:
    """A ``.qdpx`` zip: ``project.qde`` and ``sources/<GUID>.txt``, deterministic."""
    project, files = project_xml(entries, interviews, themes, lang, transcripts)
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


__all__ = [
    "codebook_xml",
    "guid",
    "project_xml",
    "qdpx_bytes",
    "source_text",
    "transcript_text",
    "xml_text",
]
