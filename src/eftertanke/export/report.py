"""Documents for the report: an interview appendix and a theme digest.

The **appendix** is what a thesis appendix holds for one interview: its
metadata (function title, level, organisation, date, mode, duration), then
the reflections written about it, then every excerpt quoted from it, in
transcript order, each with its reference ``(I03, 9.45)``.

The **digest** gathers, for one theme (with its sub-themes) or one concept,
every *coded passage* of it, quoted with its reference, grouped by
interview; never whole entries. Within each interview it keeps apart, in
this order: what the respondent said (coded respondent turns of the
transcript, "(I03, 9.45)", and excerpts, in time order), the interviewer's
own coded turns, the writer's coded reflection passages (each marked with
the prompt it answers and its orientation: about the respondent,
self-reflection, method; the methodological transparency the thesis asks
for), and last the entries coded with it as a whole, listed but not
reprinted. The counting rules are ``analysis.report.counting_rules``.

Long because the appendix and the digests share the quoting and reference rules
of one kind of document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eftertanke import i18n
from eftertanke.analysis.coded import RESPONDENT, TranscriptLayout, as_layouts
from eftertanke.citation import CitationStyle
from eftertanke.codebook import descendants
from eftertanke.dates import format_datetime
from eftertanke.domain import (
    Coding,
    Entry,
    Excerpt,
    Interview,
    Theme,
    check_concept,
    timestamp_key,
    timestamp_seconds,
)
from eftertanke.entry_row import EntryRow
from eftertanke.export.labels import concept_name, label, md_inline
from eftertanke.export.markdown import (
    front_matter,
    text_markdown,
)
from eftertanke.transcript import citation_time


def _entry_heading(entry: Entry, lang: str) -> str:
    title = md_inline(entry.display_title(80)) or entry.id[:8]
    return f"{format_datetime(entry.created, lang)} · {title}"


# -- the interview appendix ----------------------------------------------------


def interview_appendix(
    interview: Interview, entries: list[Entry], lang: str = "en", **options: Any
) -> str:
    """The interview's appendix (``export.appendix.interview_appendix``)."""
    from eftertanke.export.appendix import interview_appendix as appendix

    return appendix(interview, entries, lang, **options)


# -- the theme digest ------------------------------------------------------------

# The digest's own words (the document headings it shares live in ``labels``).


def _w(key: str, lang: str) -> str:
    return i18n.t(f"export.report.{key}", lang)


def _quoted(text: str, reference: str) -> list[str]:
    lines = [f"> {line}".rstrip() for line in text_markdown(text).split("\n")]
    return [*lines, ">", f"> {md_inline(reference)}", ""]


@dataclass(slots=True)
class Passage:
    """A coded passage of a reflection, as the digest quotes it."""

    entry: Entry
    coding: Coding
    orientation: str | None
    prompt: str = ""
    added_later: bool = False


@dataclass(slots=True)
class TurnPassage:
    """A coded passage of a transcript."""

    layout: TranscriptLayout
    coding: dict[str, Any]
    respondent: bool


def _matches(themes: Iterable[str], names: set[str]) -> bool:
    return not names.isdisjoint(map(str.casefold, themes))


def _entry_passages(entry: Entry, names: set[str]) -> list[Passage]:
    """The entry's codings with one of ``names``, answers in order, then the body."""
    sections = {s.prompt_id: (n, s) for n, s in enumerate(entry.sections)}
    found: list[tuple[tuple[int, int, int], Passage]] = []
    for coding in entry.codings:
        if not _matches(coding.themes, names):
            continue
        if coding.source == "section" and coding.section in sections:
            n, section = sections[coding.section]
            passage = Passage(
                entry,
                coding,
                section.orientation,
                " ".join(section.prompt_text.split()),
                # A passage inside the part added later from memory (or the
                # whole answer, when all of it was).
                section.added_later and coding.end > len(section.later_parts()[0]),
            )
        else:
            n, passage = len(sections), Passage(entry, coding, None)
        found.append(((n, coding.start, coding.end), passage))
    return [p for _, p in sorted(found, key=lambda pair: pair[0])]


def _holds(doc: dict[str, Any], names: set[str]) -> bool:
    """Whether a stored entry or transcript uses one of ``names`` anywhere (as
    ``doc_themes``, stopping at the first)."""
    if _matches(doc.get("themes") or (), names):
        return True
    return any(
        _matches(item.get("themes") or (), names)
        for key in ("codings", "excerpts")
        for item in doc.get(key) or ()
    )


def _as_entry(item: Entry | dict[str, Any], names: set[str], concept: str | None) -> Entry | None:
    """An entry to read, or None when it cannot hold anything wanted. A stored
    dict is checked first and made into an entry with only its wanted codings,
    so 10,000 dicts and 50,000 codings are not all made into objects."""
    if isinstance(item, Entry):
        return item
    row = EntryRow(item)
    if row.deleted:
        return None
    tagged = concept is not None and concept in row.concepts
    if not tagged and not _holds(item, names):
        return None
    codings = [c for c in row.codings if _matches(c.get("themes") or (), names)]
    return Entry.from_dict({**item, "codings": codings})


class _Cite:
    """The digest's references, in the researcher's citation style: "(Bilag nr. 7,
    9.45)", "(Bilag nr. 5, refleksion efter interview)", or by code before the
    interviews have appendix numbers ("(I07, 9.45)")."""

    def __init__(self, style: CitationStyle, interviews: Iterable[Interview], lang: str) -> None:
        self.style = style
        self.lang = lang
        self.by_code = {i.code.casefold(): i for i in interviews}
        self._headings: dict[str, str] = {}

    def heading(self, entry: Entry) -> str:
        """The entry's date and title, made once however many of its passages are quoted."""
        found = self._headings.get(entry.id)
        if found is None:
            found = self._headings[entry.id] = _entry_heading(entry, self.lang)
        return found

    def interview(self, code: str) -> Interview:
        return self.by_code.get(code.casefold()) or Interview(code=code)

    def said(self, code: str, time: str) -> str:
        """Words said in an interview at ``time`` (as typed, or from the transcript)."""
        seconds = timestamp_seconds(time)
        cited = citation_time(seconds) if seconds is not None else time.strip()
        return self.style.transcript(self.interview(code), cited)

    def turns(self, layout: TranscriptLayout, raw: dict[str, Any]) -> str:
        return self.style.transcript(
            self.interview(layout.interview), layout.cited_time(*layout.turns_of(raw))
        )

    def entry(self, entry: Entry) -> str:
        """As ``services.citation``: a reflection after its interview, else a memo."""
        interview = None
        if entry.kind == "interview" and entry.interview:
            interview = self.interview(entry.interview)
        return self.style.reflection(interview, entry.created)


@dataclass
class _Gathered:
    """A digest's material, by interview code (casefolded; None: no interview)."""

    said: dict[str | None, list[tuple[float, int, Any]]] = field(default_factory=dict)
    asked: dict[str | None, list[TurnPassage]] = field(default_factory=dict)
    own: dict[str | None, list[Passage]] = field(default_factory=dict)
    whole: dict[str | None, list[Entry]] = field(default_factory=dict)

    def keys(self) -> list[str | None]:
        parts = (self.said, self.asked, self.own, self.whole)
        keys: list[str | None] = sorted({k for part in parts for k in part if k is not None})
        if any(None in part for part in parts):
            keys.append(None)
        return keys


def _gather_entries(
    chosen: list[Entry], names: set[str], concept: str | None, found: _Gathered
) -> None:
    for order, entry in enumerate(chosen):
        entry_key = (entry.interview or "").casefold() or None
        for n, excerpt in enumerate(entry.excerpts):
            themes = excerpt.themes or entry.themes
            if _matches(themes, names):
                key = excerpt.interview.casefold() or None
                seconds = timestamp_seconds(excerpt.timestamp)
                when = seconds if seconds is not None else float("inf")
                found.said.setdefault(key, []).append((when, order * 1000 + n, excerpt))
        passages = _entry_passages(entry, names)
        if passages:
            found.own.setdefault(entry_key, []).extend(passages)
        if _matches(entry.themes, names) or (concept is not None and concept in entry.concepts):
            found.whole.setdefault(entry_key, []).append(entry)


def _gather_transcripts(transcripts: Iterable[Any], names: set[str], found: _Gathered) -> None:
    stored = (t if isinstance(t, dict) else t.to_dict() for t in transcripts)
    wanted = (t for t in stored if _holds(t, names))
    for layout in as_layouts(wanted):
        key = layout.interview.casefold() or None
        for position, raw in enumerate(sorted(layout.codings, key=lambda c: c.get("start", 0))):
            if not _matches(list(raw.get("themes") or ()), names):
                continue
            respondent = layout.kind_of(raw) == RESPONDENT
            passage = TurnPassage(layout, raw, respondent)
            if respondent:
                seconds = layout.seconds(raw)
                when = seconds if seconds is not None else float("inf")
                found.said.setdefault(key, []).append((when, -1_000_000 + position, passage))
            else:
                found.asked.setdefault(key, []).append(passage)


def _interview_section(
    key: str | None,
    interview: Interview | None,
    found: _Gathered,
    lang: str,
    clean: Callable[[str], str],
    cite: _Cite,
) -> list[str]:
    """One interview's part of a digest: what respondents said, what the
    interviewer asked, the passages of reflections, and entries coded whole."""
    if key is None:
        lines = [f"## {label('no_interview', lang)}", ""]
    else:
        code = interview.code if interview else key
        heading = f"## {label('interview', lang)} {md_inline(code)}"
        if interview and interview.role.strip():
            heading += f" · {md_inline(clean(interview.role))}"
        lines = [heading, ""]
    respondent = sorted(found.said.get(key, []), key=lambda item: item[:2])
    if respondent:
        lines += [f"### {label('respondents', lang)}", ""]
        for _when, _order, item in respondent:
            if isinstance(item, TurnPassage):
                lines += _turn_lines(item, lang, clean, cite)
            else:
                lines += _excerpt_lines(item, lang, clean, cite)
    interviewer = found.asked.get(key, [])
    if interviewer:
        lines += [f"### {_w('interviewer', lang)}", ""]
        for item in interviewer:
            lines += _turn_lines(item, lang, clean, cite)
    passages = found.own.get(key, [])
    if passages:
        lines += [f"### {label('own', lang)}", ""]
        for passage in passages:
            lines += _passage_lines(passage, lang, clean, cite)
    as_whole = found.whole.get(key, [])
    if as_whole:
        lines += [f"### {_w('whole', lang)}", "", f"*{_w('whole_note', lang)}*", ""]
        for entry in as_whole:
            lines.append(f"- {cite.heading(entry)} *{md_inline(cite.entry(entry))}*")
        lines.append("")
    return lines


@dataclass(frozen=True, slots=True)
class _Scope:
    """What a digest gathers: the passages coded with ``names`` (casefolded) or,
    for a concept digest, entries tagged with ``concept``; titled by ``name``
    and said in the front matter as ``front`` (a name and its value)."""

    name: str
    intro: list[str]
    names: set[str]
    concept: str | None
    front: tuple[str, str]


def _digest(
    scope: _Scope,
    entries: Iterable[Entry | dict[str, Any]],
    interviews: list[Interview],
    lang: str,
    transcripts: Iterable[Any],
    redact: Callable[[str], str] | None,
    style: CitationStyle | None,
) -> str:
    title = f"{label('digest', lang)}: {scope.name}"
    names, concept = scope.names, scope.concept
    clean = redact or (lambda text: text)
    cite = _Cite(style or CitationStyle.of(lang), interviews, lang)
    chosen = [e for e in (_as_entry(item, names, concept) for item in entries) if e is not None]
    chosen.sort(key=lambda e: (e.created, e.id))
    found = _Gathered()
    _gather_entries(chosen, names, concept, found)
    _gather_transcripts(transcripts, names, found)
    by_code = {i.code.casefold(): i for i in interviews}
    keys = found.keys()
    lines = [f"# {md_inline(title)}", "", *scope.intro, f"*{_w('transparency', lang)}*", ""]
    if not keys:
        lines += [label("nothing", lang), ""]
    for key in keys:
        interview = by_code.get(key) if key else None
        lines += _interview_section(key, interview, found, lang, clean, cite)
    head = front_matter([("title", title), scope.front, ("language", lang)])
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n"


def _memo_lines(memo: str, review: str, lang: str, clean: Callable[[str], str]) -> list[str]:
    lines = []
    if review:
        lines += [f"*{_w('review', lang)}: {md_inline(review)}*", ""]
    if memo.strip():
        lines += [f"*{_w('memo', lang)}:* {md_inline(clean(memo))}", ""]
    return lines


def _excerpt_lines(
    excerpt: Excerpt, lang: str, clean: Callable[[str], str], cite: _Cite
) -> list[str]:
    """An excerpt as ``excerpt_markdown`` writes it, cited in the digest's style."""
    lines = _quoted(clean(excerpt.quote), cite.said(excerpt.interview, excerpt.timestamp))
    if excerpt.note.strip():
        lines += [text_markdown(clean(excerpt.note)), ""]
    if excerpt.themes:
        lines += [f"*{label('themes', lang).capitalize()}: {', '.join(excerpt.themes)}*", ""]
    return lines


def _turn_lines(
    item: TurnPassage, lang: str, clean: Callable[[str], str], cite: _Cite
) -> list[str]:
    layout, raw = item.layout, item.coding
    first, last = layout.turns_of(raw)
    marker = f"**{md_inline(clean(layout.cited_speakers(first, last)))}**"
    cited = layout.cited_time(first, last)
    if cited:
        marker += f" · {cited}"
    quote = clean(str(raw.get("quote") or ""))
    lines = [marker, "", *_quoted(quote, cite.turns(layout, raw))]
    return lines + _memo_lines(
        str(raw.get("memo") or ""), str(raw.get("review") or ""), lang, clean
    )


def _passage_lines(
    passage: Passage, lang: str, clean: Callable[[str], str], cite: _Cite
) -> list[str]:
    entry, coding = passage.entry, passage.coding
    orientation = label(f"orientation.{passage.orientation or 'none'}", lang)
    marker = f"**{cite.heading(entry)}**"
    if passage.prompt:
        marker += f" · {md_inline(passage.prompt)}"
    marker += f" · *{orientation}*"
    if passage.added_later:
        marker += f" · *{label('added_later', lang)}*"
    lines = [marker, "", *_quoted(clean(coding.quote), cite.entry(entry))]
    return lines + _memo_lines(coding.memo, coding.review, lang, clean)


def theme_digest(
    theme_name: str,
    entries: Iterable[Entry | dict[str, Any]],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
    *,
    transcripts: Iterable[Any] = (),
    redact: Callable[[str], str] | None = None,
    style: CitationStyle | None = None,
) -> str:
    """Every passage coded with a theme or its sub-themes, quoted with its reference.

    ``entries`` are entries or stored entry dicts, ``transcripts`` transcripts
    or stored transcript dicts; ``redact`` (a names key's) is applied to every
    quoted transcript passage and coded words, which the callers' redacted
    entries do not cover (a coding keeps its own words). References follow
    ``style`` (the researcher's, from the config; the language's by default)."""
    theme = next((t for t in themes if t.name.casefold() == theme_name.casefold()), None)
    name = theme.name if theme else theme_name
    included = descendants(name, themes)
    intro: list[str] = []
    if theme is not None:
        intro += [f"*{label('concept', lang)}: {concept_name(theme.concept, lang)}*", ""]
        for text in (theme.description, theme.theory):
            if text.strip():
                intro += [text_markdown(text), ""]
    if len(included) > 1:
        intro += [
            f"*{label('also_themes', lang)}: {', '.join(md_inline(n) for n in included[1:])}*",
            "",
        ]
    scope = _Scope(name, intro, {n.casefold() for n in included}, None, ("theme", name))
    return _digest(scope, entries, interviews, lang, transcripts, redact, style)


def concept_digest(
    concept: str,
    entries: Iterable[Entry | dict[str, Any]],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
    *,
    transcripts: Iterable[Any] = (),
    redact: Callable[[str], str] | None = None,
    style: CitationStyle | None = None,
) -> str:
    """Every passage coded with a theme under a concept; entries tagged with the
    concept are listed as coded as a whole. Arguments as ``theme_digest``."""
    key = check_concept(concept)
    under = sorted((t.name for t in themes if t.concept == key), key=str.casefold)
    name = concept_name(key, lang)
    intro = []
    if under:
        intro += [f"*{label('themes', lang)}: {', '.join(md_inline(n) for n in under)}*", ""]
    scope = _Scope(name, intro, {n.casefold() for n in under}, key, ("concept", key))
    return _digest(scope, entries, interviews, lang, transcripts, redact, style)


__all__ = ["concept_digest", "interview_appendix", "theme_digest", "timestamp_key"]
