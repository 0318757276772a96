"""The appendix of one interview, as a thesis prints it.

It opens with the interview's record (function title, level, organisation,
date, mode, duration, interviewer, where the transcript is and its appendix
number, the consent and anonymity note), then every reflection written
about it, each with how long after the interview it was written ("13 t",
"9 mdr."), how to cite it ("(Bilag nr. 5, refleksion efter interview)") and
its answers in the order of its prompts, then the prompts it passed by
listed as skipped ("Sprunget over"), then its layers of re-reading, each
dated and saying how long after it was written, then the questions it
carried forward (open, answered with the words, or dropped with the
reason), and last every excerpt quoted from the interview, in transcript
order, cited in the researcher's style ("(Bilag nr. 7, 9.45)").

The heading names the appendix by its number when the interview has one:
"Bilag 5: Refleksion efter interview I07". Headings are in ``lang``; the
prompts stand as the entry was written (its own language).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from eftertanke.citation import CitationStyle
from eftertanke.domain import Entry, Excerpt, Interview, Section, timestamp_key
from eftertanke.export.journal_markdown import interview_facts
from eftertanke.export.labels import label, md_inline
from eftertanke.export.layers_markdown import layer_lines
from eftertanke.export.markdown import entry_body_markdown, front_matter, text_markdown
from eftertanke.export.questions_markdown import question_lines
from eftertanke.export.report import _Cite, _entry_heading, _excerpt_lines
from eftertanke.i18n import humanise_minutes, t


def appendix_title(interview: Interview, lang: str) -> str:
    """ "Bilag 5: Refleksion efter interview I07", or without the number before one is given."""
    if interview.reflection_appendix:
        return t(
            "export.appendix.title",
            lang,
            number=interview.reflection_appendix,
            code=interview.code,
        )
    return t("export.appendix.title_unnumbered", lang, code=interview.code)


def record_lines(interview: Interview, lang: str) -> list[str]:
    """The interview's record: ``interview_facts`` with the transcript and consent."""
    rows = interview_facts(interview, lang)
    extra: list[str] = []
    if interview.transcript.strip() or interview.appendix:
        where = md_inline(interview.transcript) or "–"
        if interview.appendix:
            where = t("export.appendix.transcript_at", lang, where=where, number=interview.appendix)
        extra.append(f"| {t('export.appendix.transcript', lang)} | {where} |")
    if interview.consent.strip():
        extra.append(f"| {t('export.appendix.consent', lang)} | {md_inline(interview.consent)} |")
    if not extra:
        return rows
    if not rows:
        rows = [f"| {label('interview', lang)} | {md_inline(interview.code)} |", "|---|---|", ""]
    return [*rows[:-1], *extra, ""]


def _in_prompt_order(entry: Entry, packs: Mapping[str, Any]) -> tuple[list[Section], list[str]]:
    """The entry's answers in its pack's order (answers to prompts the pack
    lacks last), and the questions of the prompts it passed by."""
    pack = packs.get(entry.pack or "")
    if pack is None:
        return list(entry.sections), []
    answered = {s.prompt_id: s for s in entry.sections if s.answer.strip()}
    ordered: list[Section] = []
    skipped: list[str] = []
    for prompt in pack.prompts:
        section = answered.pop(prompt.id, None)
        if section is None:
            skipped.append(" ".join(prompt.question.get(entry.language).split()))
        else:
            ordered.append(section)
    return ordered + list(answered.values()), skipped


def _reflection_lines(entry: Entry, lang: str, cite: _Cite, packs: Mapping[str, Any]) -> list[str]:
    lines = [f"### {_entry_heading(entry, lang)}", ""]
    facts = []
    if entry.written_after_minutes is not None:
        span = humanise_minutes(entry.written_after_minutes, lang)
        facts.append(t("export.appendix.written_after", lang, span=span))
    facts.append(t("export.appendix.cite_as", lang, citation=cite.entry(entry)))
    lines += [f"*{md_inline(' · '.join(facts))}*", ""]
    sections, skipped = _in_prompt_order(entry, packs)
    shown = replace(entry, sections=sections)
    body = entry_body_markdown(
        shown, lang, title=False, excerpts=False, section_level=4, layers=False
    )
    if body:
        lines += [body.rstrip("\n"), ""]
    if skipped:
        lines += [f"#### {t('export.appendix.skipped', lang)}", ""]
        lines += [f"- {md_inline(question)}" for question in skipped]
        lines.append("")
    # Layers of re-reading last, apart from what the reflection said then.
    lines += layer_lines(
        entry.to_dict(), lang, marks=False, comment=None, text=text_markdown, level=4
    )
    # And the questions it carried forward, with what became of them.
    lines += question_lines(entry, lang, md_inline)
    return lines


def interview_appendix(
    interview: Interview,
    entries: list[Entry],
    lang: str = "en",
    *,
    style: CitationStyle | None = None,
    packs: Mapping[str, Any] | None = None,
) -> str:
    """The appendix for ``interview``, from all ``entries`` (only linked ones are
    used); ``style`` is the researcher's citation style (the language's by
    default), ``packs`` the prompt packs by id (``PromptPack``), to list the
    prompts an entry passed by."""
    code = interview.code.casefold()
    entries = sorted(entries, key=lambda e: (e.created, e.id))
    reflections = [e for e in entries if (e.interview or "").casefold() == code]
    quoted: list[tuple[Entry, Excerpt]] = [
        (entry, excerpt)
        for entry in entries
        for excerpt in entry.excerpts
        if excerpt.interview.casefold() == code
    ]
    quoted.sort(key=lambda pair: (timestamp_key(pair[1].timestamp), pair[0].created, pair[0].id))
    cite = _Cite(style or CitationStyle.of(lang), [interview], lang)
    title = appendix_title(interview, lang)
    head = front_matter([("title", title), ("interview", interview.code), ("language", lang)])
    heading = f"# {md_inline(title)}"
    if interview.role.strip():
        heading += f" · {md_inline(interview.role)}"
    lines = [heading, "", *record_lines(interview, lang)]
    lines += [f"## {label('reflections', lang)}", ""]
    if not reflections:
        lines += [label("no_reflections", lang), ""]
    for entry in reflections:
        lines += _reflection_lines(entry, lang, cite, packs or {})
    lines += [f"## {label('excerpts', lang)}", ""]
    if not quoted:
        lines += [label("no_excerpts", lang), ""]
    for _entry, excerpt in quoted:
        lines += _excerpt_lines(excerpt, lang, lambda text: text, cite)
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["appendix_title", "interview_appendix", "record_lines"]
