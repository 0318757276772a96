"""The methods appendix: the journal's account of how its material was made.

The thesis asks for methodological transparency about the researchers' own
experience ("we will explicitly account for how our own experiences are
included"). This appendix is produced from the journal itself, in five parts
(after the first, the data corpus by data type, ``export.methods_corpus``:
reflections, check-ins and memos by kind, self-as-data by its type, with counts):

1. **How the reflections were made**: the prompt packs used, each prompt
   with its orientation (about the respondent, the writer, the method) and
   how often it was answered; answers marked as added later from memory.
2. **When each reflection was written** relative to its interview: the
   minutes recorded when it was written, else computed from the interview's
   end (date plus duration), humanised ("13 t", "9 mdr.").
3. **The reflexive balance per interview** (``analysis.balance``): the words
   of its reflections by orientation, flagged where the writer's own
   experience outweighs the rest.
4. **How the codebook changed** (``codebook_log``): every recorded change,
   with who and why; the first codebook's additions are summed up.
5. **Where the writer's own experience entered the analysis**: the coded
   passages of answers to prompts oriented to the self (a section's
   ``orientation`` is the prompt's, as the pack defines it), by theme, each
   quoted with its citation.

Pure: from domain objects to Markdown, which ``export.document`` turns into
Word, PDF and HTML like every other report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from eftertanke import codebook_log
from eftertanke.analysis.balance import ORIENTATION_KEYS, reflexive_balance
from eftertanke.citation import CitationStyle
from eftertanke.codebook_log import CodebookEvent
from eftertanke.dates import format_date, format_datetime
from eftertanke.domain import Entry, Interview, Theme
from eftertanke.export.labels import md_inline
from eftertanke.export.markdown import front_matter
from eftertanke.export.methods_corpus import corpus_lines
from eftertanke.i18n import humanise_minutes, t

SELF = "self"
# Additions by one person within this span of each other are one step (adopting
# the starter codebook is twenty additions in a second).
BATCH_SPAN = timedelta(minutes=2)
BATCH_MIN = 4
QUOTE_LIMIT = 400


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"export.methods.{key}", lang, **values)


def _percent(part: int, whole: int, lang: str) -> str:
    return _w("percent", lang, n=round(100 * part / whole) if whole else 0)


def _cell(text: str) -> str:
    return md_inline(text).replace("|", "\\|") or "–"


@dataclass(frozen=True)
class MethodsSources:
    """Everything the appendix reads, gathered by the caller."""

    entries: list[Entry]  # live entries
    interviews: list[Interview]
    themes: list[Theme]
    log: list[CodebookEvent]
    packs: Mapping[str, Any]  # pack id -> PromptPack
    style: CitationStyle


# -- 1. the reflections and their prompts ------------------------------------------------


def _prompt_lines(sources: MethodsSources, lang: str) -> list[str]:
    entries = sources.entries
    kinds = Counter(e.kind for e in entries)
    lines = [f"## {_w('made_heading', lang)}", ""]
    lines += [
        _w(
            "made_counts",
            lang,
            reflections=t("export.methods.n_reflections", lang, n=kinds.get("interview", 0)),
            daily=t("export.methods.n_daily", lang, n=kinds.get("daily", 0)),
            memos=t("export.methods.n_memos", lang, n=kinds.get("memo", 0)),
        ),
        "",
    ]
    by_pack: dict[str, list[Entry]] = {}
    for entry in entries:
        by_pack.setdefault(entry.pack or "", []).append(entry)
    order = sorted((p for p in by_pack if p), key=lambda p: (-len(by_pack[p]), p))
    for pack_id in order:
        used = by_pack[pack_id]
        pack = sources.packs.get(pack_id)
        title = pack.title.get(lang) if pack is not None else pack_id
        lines += [f"### {md_inline(title)}", ""]
        lines += [_w("pack_used", lang, n=len(used), id=pack_id), ""]
        answered: Counter[str] = Counter()
        asked: dict[str, tuple[str, str | None]] = {}
        for entry in used:
            for section in entry.sections:
                asked.setdefault(section.prompt_id, (section.prompt_text, section.orientation))
                if section.answer.strip():
                    answered[section.prompt_id] += 1
        prompts: list[tuple[str, str, str | None]] = []
        if pack is not None:
            prompts = [(p.id, p.question.get(lang), p.orientation) for p in pack.prompts]
        known = {p[0] for p in prompts}
        prompts += [(pid, text, o) for pid, (text, o) in asked.items() if pid not in known]
        for number, (prompt_id, question, orientation) in enumerate(prompts, start=1):
            where = t(f"export.orientation.{orientation or 'none'}", lang)
            count = _w("answered", lang, n=answered.get(prompt_id, 0), total=len(used))
            lines.append(f"{number}. {md_inline(question)} *({where})*: {count}")
        lines.append("")
    free = by_pack.get("", [])
    if free:
        lines += [_w("no_pack", lang, n=len(free)), ""]
    later = [
        s
        for e in entries
        if e.kind == "interview"
        for s in e.sections
        if s.added_later and s.answer
    ]
    if later:
        lines += [_w("added_later", lang, n=len(later)), ""]
    return lines


# -- 2. when they were written ----------------------------------------------------------------


def _balance(sources: MethodsSources) -> Any:
    ends = {i.code: i.ended for i in sources.interviews if i.ended is not None}
    docs = [e.to_dict() for e in sources.entries]
    return reflexive_balance(docs, ends)


def _timing_lines(sources: MethodsSources, balance: Any, lang: str) -> list[str]:
    lines = [f"## {_w('when_heading', lang)}", "", _w("when_intro", lang), ""]
    by_code = {i.code.casefold(): i for i in sources.interviews}
    if balance.is_empty:
        return [*lines, _w("no_reflections", lang), ""]
    lines += [
        "| "
        + " | ".join(_w(k, lang) for k in ("col_interview", "col_held", "col_written", "col_after"))
        + " |",
        "|---|---|---|---|",
    ]
    for row in balance.rows:
        interview = by_code.get((row.interview or "").casefold())
        held = format_date(interview.date, lang) if interview and interview.date else "–"
        if row.minutes_after is None:
            after = "–"
        else:
            after = humanise_minutes(row.minutes_after, lang)
            if row.minutes_source == "computed":
                after = _w("computed", lang, span=after)
        lines.append(
            f"| {_cell(row.interview or '–')} | {held} | "
            f"{format_datetime(row.created, lang)} | {after} |"
        )
    lines.append("")
    if balance.median_minutes is not None:
        lines += [_w("median", lang, span=humanise_minutes(balance.median_minutes, lang)), ""]
    reflected = {(r.interview or "").casefold() for r in balance.rows}
    missing = [i.code for i in sources.interviews if i.code.casefold() not in reflected]
    if missing:
        lines += [_w("unreflected", lang, codes=", ".join(md_inline(c) for c in missing)), ""]
    return lines


# -- 3. the reflexive balance per interview ----------------------------------------------------


def _balance_lines(balance: Any, lang: str) -> list[str]:
    lines = [f"## {_w('balance_heading', lang)}", "", _w("balance_intro", lang), ""]
    if balance.is_empty:
        return [*lines, _w("no_reflections", lang), ""]
    per: dict[str, dict[str, int]] = {}
    for row in balance.rows:
        words = per.setdefault(row.interview or "–", dict.fromkeys(ORIENTATION_KEYS, 0))
        for key, value in row.words.items():
            words[key] += value
    header = [_w("col_interview", lang), _w("col_words", lang)] + [
        _w(f"col_{key}", lang) for key in ORIENTATION_KEYS
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    heavy: list[str] = []

    def row_line(name: str, words: dict[str, int], bold: bool = False) -> str:
        total = sum(words.values())
        cells = [str(total)] + [
            f"{words[k]} ({_percent(words[k], total, lang)})" for k in ORIENTATION_KEYS
        ]
        if bold:
            name = f"**{name}**"
        return f"| {name} | " + " | ".join(cells) + " |"

    for code, words in per.items():
        name = _cell(code)
        if words["self"] > words["respondent"] + words["method"]:
            heavy.append(code)
            name += " " + _w("self_heavy_mark", lang)
        lines.append(row_line(name, words))
    lines += [row_line(_w("whole_project", lang), balance.words, bold=True), ""]
    if heavy:
        codes = ", ".join(md_inline(c) for c in heavy)
        lines += [_w("self_heavy", lang, n=len(heavy), total=len(per), codes=codes), ""]
    else:
        lines += [_w("none_self_heavy", lang, n=len(per)), ""]
    return lines


# -- 4. the codebook's changes ---------------------------------------------------------------


def _steps(events: list[CodebookEvent]) -> list[list[CodebookEvent]]:
    """Events in order, additions close together by one person grouped."""
    steps: list[list[CodebookEvent]] = []
    for event in events:
        last = steps[-1] if steps else None
        if (
            last is not None
            and event.kind == codebook_log.ADDED
            and all(e.kind == codebook_log.ADDED for e in last)
            and last[-1].by == event.by
            and not event.reason
            and not last[-1].reason
            and event.at - last[-1].at <= BATCH_SPAN
        ):
            last.append(event)
        else:
            steps.append([event])
    out: list[list[CodebookEvent]] = []
    for step in steps:
        if len(step) >= BATCH_MIN:
            out.append(step)
        else:
            out.extend([e] for e in step)
    return out


def _codebook_lines(sources: MethodsSources, lang: str) -> list[str]:
    lines = [f"## {_w('codebook_heading', lang)}", ""]
    themes = sources.themes
    lines += [_w("codebook_now", lang, n=len(themes)), ""]
    events = codebook_log.ordered(sources.log)
    if not events:
        return [*lines, _w("codebook_no_log", lang), ""]
    kinds = Counter(e.kind for e in events)
    counts = ", ".join(
        t(f"export.methods.kind.{kind}", lang, n=kinds[kind])
        for kind in codebook_log.KINDS
        if kinds.get(kind)
    )
    first, last = format_date(events[0].at, lang), format_date(events[-1].at, lang)
    lines += [
        _w(
            "codebook_summary" if first != last else "codebook_summary_day",
            lang,
            n=len(events),
            first=first,
            last=last,
            counts=counts,
        ),
        "",
    ]
    added = {e.theme_id for e in events if e.kind == codebook_log.ADDED}
    before = [th for th in themes if th.id not in added]
    if before:
        lines += [_w("codebook_before_log", lang, n=len(before)), ""]
    for step in _steps(events):
        first = step[0]
        when = format_datetime(first.at, lang)
        who = f" · {md_inline(first.by)}" if first.by else ""
        if len(step) > 1:
            names = ", ".join(
                f"“{md_inline(e.name)}”" for e in sorted(step, key=lambda e: e.name.casefold())
            )
            what = _w("added_many", lang, n=len(step), names=names)
        else:
            what = md_inline(codebook_log.describe(first, lang))
        line = f"- {when}{who}: {what}"
        if first.reason:
            line += f". *{_w('reason', lang)}:* {md_inline(first.reason)}"
        lines.append(line)
    lines.append("")
    return lines


# -- 5. the writer's own experience in the analysis ----------------------------------------------


def _self_prompts(sources: MethodsSources, lang: str) -> list[str]:
    used = {e.pack for e in sources.entries if e.pack}
    found = []
    for pack_id in sorted(used):
        pack = sources.packs.get(pack_id)
        if pack is None:
            continue
        for prompt in pack.prompts:
            if prompt.orientation == SELF:
                found.append(
                    _w("self_prompt", lang, question=md_inline(prompt.question.get(lang)),
                       pack=md_inline(pack.title.get(lang)))
                )  # fmt: skip
    return found


def _self_lines(sources: MethodsSources, lang: str) -> list[str]:
    lines = [f"## {_w('self_heading', lang)}", "", _w("self_marker", lang), ""]
    prompts = _self_prompts(sources, lang)
    if prompts:
        lines += [f"- {p}" for p in prompts] + [""]
    else:
        lines += [_w("self_no_prompts", lang), ""]
    by_code = {i.code.casefold(): i for i in sources.interviews}
    coded = 0
    per_theme: Counter[str] = Counter()
    self_theme: Counter[str] = Counter()
    quoted: list[str] = []
    for entry in sorted(sources.entries, key=lambda e: (e.created, e.id)):
        orientation = {s.prompt_id: s.orientation for s in entry.sections}
        for coding in sorted(entry.codings, key=lambda c: (c.source, c.section or "", c.start)):
            if not coding.themes:
                continue
            coded += 1
            per_theme.update(coding.themes)
            if coding.source != "section" or orientation.get(coding.section or "") != SELF:
                continue
            self_theme.update(coding.themes)
            interview = None
            if entry.kind == "interview" and entry.interview:
                interview = by_code.get(entry.interview.casefold()) or Interview(
                    code=entry.interview
                )
            cite = sources.style.reflection(interview, entry.created)
            quote = " ".join(coding.quote.split())
            if len(quote) > QUOTE_LIMIT:
                quote = quote[: QUOTE_LIMIT - 1].rstrip() + " […]"
            names = ", ".join(md_inline(n) for n in coding.themes)
            quoted.append(f"- »{md_inline(quote)}« {md_inline(cite)}. *{names}*")
    mine = len(quoted)
    if not coded:
        return [*lines, _w("self_none_coded", lang), ""]
    lines += [
        _w("self_share", lang, part=mine, n=coded, share=_percent(mine, coded, lang)),
        "",
    ]
    if not mine:
        return lines
    header = [_w("col_theme", lang), _w("col_coded", lang), _w("col_self_coded", lang)]
    lines += ["| " + " | ".join(header) + " |", "|---|---|---|"]
    for name, count in sorted(self_theme.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
        lines.append(f"| {_cell(name)} | {per_theme[name]} | {count} |")
    lines += ["", f"### {_w('self_passages', lang)}", "", *quoted, ""]
    return lines


# -- the whole appendix ----------------------------------------------------------------------


def methods_appendix(sources: MethodsSources, lang: str, *, generated: datetime) -> str:
    """The methods appendix as Markdown with front matter (title, language)."""
    title = _w("title", lang)
    head = front_matter([("title", title), ("language", lang)])
    balance = _balance(sources)
    lines = [f"# {md_inline(title)}", "", _w("intro", lang, date=format_date(generated, lang)), ""]
    lines += _prompt_lines(sources, lang)
    lines += corpus_lines(sources.entries, lang)
    lines += _timing_lines(sources, balance, lang)
    lines += _balance_lines(balance, lang)
    lines += _codebook_lines(sources, lang)
    lines += _self_lines(sources, lang)
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n"


def live_entries(entries: Iterable[Entry]) -> list[Entry]:
    return [e for e in entries if not e.deleted]


__all__ = ["MethodsSources", "live_entries", "methods_appendix"]
