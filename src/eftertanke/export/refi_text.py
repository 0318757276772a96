"""The texts a REFI-QDA project carries, and where each coded span lands in them.

A source's text in the ``.qdpx`` is not always the text a coding's offsets
point into: a reflection is written as one text (title, body, each answer
under its prompt, each excerpt with its reference), and every part is
cleaned (CR LF to LF, blank lines at its ends dropped, characters XML cannot
hold replaced). So each part remembers where it starts in the written text
and how cleaning moved its offsets (``Cleaned.position``), and a coding of an
answer lands at ``start of that answer + its cleaned offset``.

Offsets count Unicode code points (Python ``str`` indices), start inclusive,
end exclusive: the REFI-QDA schema does not say, and QualCoder's importer
cuts ``fulltext[startPosition:endPosition]`` from the decoded text, which is
code points. A transcript's text is ``transcript.text`` as it is (one line a
turn, ``[09:45] Speaker: words``), so its codings keep their offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from eftertanke import i18n
from eftertanke.domain import Coding, Entry
from eftertanke.transcript import Transcript, citation_time

# Characters XML 1.0 cannot hold, even escaped; each becomes U+FFFD (one
# code point for one, so offsets computed before or after agree).
_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def word(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"export.refi_text.{key}", lang, **values)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(xml_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A part of a source as written, and how its offsets moved in cleaning."""

    raw: str
    text: str
    lead: int  # newlines dropped from the start (after CR LF became LF)

    @classmethod
    def of(cls, raw: str) -> Cleaned:
        unix = raw.replace("\r\n", "\n").replace("\r", "\n")
        kept = unix.strip("\n").rstrip()
        lead = len(unix) - len(unix.lstrip("\n"))
        return cls(raw, xml_text(kept), lead)

    def position(self, offset: int) -> int:
        """Where an offset into ``raw`` is in ``text`` (clamped to it)."""
        # Each CR of a CR LF before the offset is gone; an offset between the
        # two lands on the LF, so the pair starting just before it counts too.
        removed = self.raw.count("\r\n", 0, offset + 1) if "\r" in self.raw else 0
        return min(max(offset - removed - self.lead, 0), len(self.text))


def normalise(text: str) -> str:
    return Cleaned.of(text).text


@dataclass
class Span:
    """A selection to write: ``[start, end)`` of the source text, coded with ``codes``."""

    start: int
    end: int
    name: str
    codes: list[str]
    description: str = ""
    key: str = ""  # what the selection's GUID is made from; unique within its source
    user: str = ""
    created: datetime | None = None
    modified: datetime | None = None


@dataclass
class SourceText:
    """A source's plain text and the spans to code in it."""

    text: str
    spans: list[Span] = field(default_factory=list)


def anchored(coding: Coding, text: str | None) -> Coding | None:
    """A copy of ``coding`` following its words into ``text`` (the source as
    exported, e.g. after redaction); None when it no longer fits the text."""
    if text is None:
        return None
    copy = Coding.from_dict(coding.to_dict())
    copy.anchor_to(text)
    if not 0 <= copy.start < copy.end <= len(text):
        return None
    return copy


def codes_for(names: list[str], code_of: dict[str, str]) -> list[str]:
    found = [code_of.get(f"theme:{n.casefold()}") for n in names]
    return list(dict.fromkeys(c for c in found if c))


def coding_span(
    coding: Coding, start: int, end: int, name: str, code_of: dict[str, str], lang: str
) -> Span:
    notes = [coding.memo.strip()] if coding.memo.strip() else []
    if coding.review:
        notes.append(word("review", lang, reason=coding.review))
    return Span(
        start,
        end,
        name,
        codes_for(coding.themes, code_of),
        xml_text("\n\n".join(notes)),
        key=f"coding:{coding.id}",
        user=coding.author,
        created=coding.created,
        modified=coding.updated,
    )


class _Text:
    """The written text as it grows, piece by piece."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.position = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.position
        self.pieces.append(text)
        self.position += len(text)
        return start, self.position


def _answer_spans(
    entry: Entry,
    code_of: dict[str, str],
    out: _Text,
    placed: dict[tuple[str, str | None], tuple[int, Cleaned]],
) -> list[Span]:
    """Each answered prompt, its question then its answer, coded with its concept."""
    spans = []
    for index, section in enumerate(entry.sections):
        answer = Cleaned.of(section.answer)
        if not answer.text:
            continue
        out.add(normalise(" ".join(section.prompt_text.split())) or xml_text(section.prompt_id))
        out.add("\n\n")
        start, end = out.add(answer.text)
        placed.setdefault(("section", section.prompt_id), (start, answer))
        out.add("\n\n")
        codes = [code_of[f"concept:{section.concept}"]] if section.concept else []
        spans.append(
            Span(
                start,
                end,
                normalise(section.prompt_text)[:200],
                codes,
                key=f"section:{index}:{section.prompt_id}",
            )
        )
    return spans


def _excerpt_spans(entry: Entry, code_of: dict[str, str], out: _Text) -> list[Span]:
    """Each excerpt's quote with its reference and note, coded with its themes."""
    spans = []
    for index, excerpt in enumerate(entry.excerpts):
        quote = normalise(excerpt.quote)
        if not quote:
            continue
        start, end = out.add(quote)
        out.add("\n" + xml_text(excerpt.reference))
        note = normalise(excerpt.note)
        if note:
            out.add("\n" + note)
        out.add("\n\n")
        codes = codes_for(excerpt.themes or entry.themes, code_of)
        spans.append(
            Span(start, end, xml_text(excerpt.reference), codes, note, key=f"excerpt:{index}")
        )
    return spans


def source_text(entry: Entry, code_of: dict[str, str], lang: str) -> SourceText:
    """The text of ``entry`` as written to the project, with its coded spans.

    Spans: the whole entry (its themes and concepts), each answer (its
    concept), each excerpt's quote (its themes, or the entry's), and each
    coded passage at its words."""
    out = _Text()
    # Where each codable text of the entry starts in the written text.
    placed: dict[tuple[str, str | None], tuple[int, Cleaned]] = {}
    title = normalise(" ".join(entry.title.split()))
    if title:
        out.add(title)
        out.add("\n\n")
    body = Cleaned.of(entry.body)
    if body.text:
        start, _ = out.add(body.text)
        placed[("body", None)] = (start, body)
        out.add("\n\n")
    spans = _answer_spans(entry, code_of, out, placed)
    spans += _excerpt_spans(entry, code_of, out)
    text = "".join(out.pieces).rstrip("\n")
    whole = codes_for(entry.themes, code_of)
    whole += [code_of[f"concept:{c}"] for c in entry.concepts if f"concept:{c}" in code_of]
    if text and whole:
        spans.insert(0, Span(0, len(text), xml_text(entry.display_title(80)), whole, key="whole"))
    for span in spans:  # the entry's own codes are the writer's, made with the entry
        span.user, span.created, span.modified = entry.author, entry.created, entry.updated
    spans.extend(_entry_codings(entry, placed, code_of, lang))
    return SourceText(text + "\n" if text else "", spans)


def _entry_codings(
    entry: Entry,
    placed: dict[tuple[str, str | None], tuple[int, Cleaned]],
    code_of: dict[str, str],
    lang: str,
) -> list[Span]:
    spans: list[Span] = []
    for original in sorted(entry.codings, key=lambda c: (c.source, c.section or "", c.start, c.id)):
        where = placed.get((original.source, original.section))
        if where is None:
            continue  # the answer is gone or empty: there is no text to point at
        base, part = where
        coding = anchored(original, part.raw)
        if coding is None:
            continue
        start, end = base + part.position(coding.start), base + part.position(coding.end)
        if end <= start:
            continue  # only blank lines were coded, and cleaning dropped them
        spans.append(coding_span(coding, start, end, one_line(coding.quote, 60), code_of, lang))
    return spans


def transcript_text(transcript: Transcript, code_of: dict[str, str], lang: str) -> SourceText:
    """A transcript's text as written (its own text, one line a turn) and its codings."""
    raw = transcript.text
    spans: list[Span] = []
    for original in sorted(transcript.codings, key=lambda c: (c.start, c.end, c.id)):
        coding = anchored(original, raw)
        if coding is None:
            continue
        turn = transcript.turns[transcript.turn_at(coding.start)]
        when = f", {citation_time(turn.start)}" if turn.start is not None else ""
        name = xml_text(f"({transcript.interview}{when})")
        spans.append(coding_span(coding, coding.start, coding.end, name, code_of, lang))
    return SourceText(xml_text(raw) + "\n" if raw else "", spans)


__all__ = [
    "Cleaned",
    "SourceText",
    "Span",
    "anchored",
    "normalise",
    "source_text",
    "transcript_text",
    "xml_text",
]
