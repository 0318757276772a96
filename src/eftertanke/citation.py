"""Citations as a thesis writes them: "(Bilag nr. 7, 9.45)", fragments with [...].

A thesis cites an interview's transcript by its appendix number and the time
the words were said, and a reflection by its own appendix:

    "det er trygt at sige fra [...]" (Bilag nr. 7, 9.45)
    (Bilag nr. 5, refleksion efter interview)

The templates are the researcher's: ``[citation]`` in config.toml may set
``transcript``, ``reflection`` and ``memo`` (placeholders ``{appendix}``,
``{code}``, ``{time}``, ``{date}``, ``{role}``); each language has defaults.
An interview without an appendix number is cited by its code, as before
numbers are given: "(I07, 9.45)".

Pure functions; no I/O.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eftertanke.domain import Interview, ValidationError
from eftertanke.i18n import t

PLACEHOLDERS = frozenset({"appendix", "code", "time", "date", "role"})
KINDS = ("transcript", "reflection", "memo")

# The default templates of each language are in the catalogue
# (citation.<kind>); before appendix numbers are given, the interview's code
# stands in (citation.no_appendix.<kind>).
WITHOUT_APPENDIX_KINDS = ("transcript", "reflection")
ELISION = "[...]"
SENTENCE_END = ".!?…:;\n"


def _check(template: str, what: str) -> str:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ValidationError(f"the citation template for {what} is malformed: {exc}") from exc
    unknown = sorted(fields - PLACEHOLDERS)
    if unknown or "" in fields:
        shown = ", ".join("{" + name + "}" for name in unknown) or "{}"
        raise ValidationError(
            f"the citation template for {what} uses {shown}; use "
            + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        )
    return template


@dataclass(frozen=True)
class CitationStyle:
    """How citations are written in one language: a template per kind of material."""

    lang: str
    templates: Mapping[str, str]

    @classmethod
    def of(cls, lang: str, config: Mapping[str, Any] | None = None) -> CitationStyle:
        """The style for a language, with the config's ``[citation]`` table on top."""
        templates = {kind: t(f"citation.{kind}", lang) for kind in KINDS}
        table = (config or {}).get("citation") or {}
        if not isinstance(table, Mapping):
            raise ValidationError("[citation] in the config must be a table of templates")
        for kind in KINDS:
            value = table.get(kind)
            if value is not None:
                templates[kind] = _check(str(value), kind)
        return cls(lang, templates)

    def _format(self, kind: str, interview: Interview | None, **values: str) -> str:
        appendix = interview.appendix if interview is not None and kind == "transcript" else ""
        if interview is not None and kind == "reflection":
            appendix = interview.reflection_appendix
        template = self.templates[kind]
        if interview is not None and not appendix and kind in WITHOUT_APPENDIX_KINDS:
            template = t(f"citation.no_appendix.{kind}", self.lang)
        fields = {
            "appendix": appendix,
            "code": interview.code if interview is not None else "",
            "role": interview.role if interview is not None else "",
            "time": "",
            "date": "",
            **values,
        }
        return template.format(**fields)

    def transcript(self, interview: Interview, time: str) -> str:
        """A passage of the interview's transcript, said at ``time`` ("9.45")."""
        if not time:
            cited = self._format("transcript", interview, time="")
            return cited.replace(", )", ")").replace(" ,", ",")
        return self._format("transcript", interview, time=time)

    def reflection(self, interview: Interview | None, written: datetime) -> str:
        """A passage of a reflection: on an interview, or a memo of its own."""
        date = written.strftime("%d.%m.%Y") if self.lang == "da" else written.strftime("%Y-%m-%d")
        if interview is None:
            return self._format("memo", None, date=date)
        return self._format("reflection", interview, date=date)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in SENTENCE_END


def _at_sentence_end(text: str, end: int, words: str) -> bool:
    after = text[end:].lstrip(" \t")
    # Only the sentence's own full stop left out: nothing is elided.
    return not after or words.rstrip()[-1:] in SENTENCE_END or after[0] in SENTENCE_END


def fragment(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]``, with [...] where the sentence goes on."""
    if not 0 <= start < end <= len(text):
        raise ValidationError(f"the span {start}-{end} is not inside the text (0-{len(text)})")
    words = text[start:end]
    lead = len(words) - len(words.lstrip())
    start += lead
    words = words.strip()
    if not words:
        raise ValidationError("the span holds no words")
    end = start + len(words)
    out = " ".join(words.split())
    if not _at_sentence_start(text, start):
        out = f"{ELISION} {out}"
    if not _at_sentence_end(text, end, words):
        out = f"{out} {ELISION}"
    return out


def quote(words: str, reference: str) -> str:
    """A quoted fragment and its reference, ready to paste: "..." (Bilag nr. 7, 9.45)."""
    return f"\u201c{words}\u201d {reference}"
