"""Documents for the report: an interview appendix and a theme digest.

The **appendix** is what a thesis appendix holds for one interview: its
metadata (function title, level, organisation, date, mode, duration), then
the reflections written about it, then every excerpt quoted from it, in
transcript order, each with its reference ``(I03, 9.45)``.

The **digest** gathers, for one theme (with its sub-themes) or one concept,
every excerpt and every reflection passage linked to it, grouped by
interview. Within each interview, what the respondent said (excerpts) is
kept apart from the writer's own reflections, and each passage is marked
with its orientation (about the respondent, self-reflection, method): the
methodological transparency the thesis asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eftertanke.dates import format_datetime
from eftertanke.domain import Entry, Excerpt, Interview, Theme, check_concept
from eftertanke.export.journal_markdown import interview_facts
from eftertanke.export.labels import concept_name, label, md_inline
from eftertanke.export.markdown import entry_body_markdown, excerpt_markdown, front_matter


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()


def timestamp_key(timestamp: str) -> tuple[int, ...]:
    """'9.45' -> (0, 9, 45); '1:09:45' -> (1, 9, 45); unknown sorts last."""
    parts = [int(p) for p in re.split(r"[.:]", timestamp.strip()) if p.isdigit()]
    if not parts:
        return (10**6,)
    if len(parts) == 2:
        parts = [0, *parts]
    return tuple(parts)


def _entry_heading(entry: Entry, lang: str) -> str:
    title = md_inline(entry.display_title(80)) or entry.id[:8]
    return f"{format_datetime(entry.created, lang)} · {title}"


# -- the interview appendix ----------------------------------------------------


def interview_appendix(interview: Interview, entries: list[Entry], lang: str = "en") -> str:
    """The appendix for ``interview``, from all ``entries`` (only linked ones are used)."""
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
    title = f"{label('appendix', lang)}: {label('interview', lang)} {interview.code}"
    head = front_matter([("title", title), ("interview", interview.code), ("language", lang)])
    heading = f"# {md_inline(title)}"
    if interview.role.strip():
        heading += f" · {md_inline(interview.role)}"
    lines = [heading, ""]
    lines += interview_facts(interview, lang)
    lines += [f"## {label('reflections', lang)}", ""]
    if not reflections:
        lines += [label("no_reflections", lang), ""]
    for entry in reflections:
        lines += [f"### {_entry_heading(entry, lang)}", ""]
        if entry.written_after_minutes is not None:
            lines += [f"*{label('written_after', lang, n=entry.written_after_minutes)}*", ""]
        body = entry_body_markdown(entry, lang, title=False, excerpts=False, section_level=4)
        if body:
            lines += [body.rstrip("\n"), ""]
    lines += [f"## {label('excerpts', lang)}", ""]
    if not quoted:
        lines += [label("no_excerpts", lang), ""]
    for _entry, excerpt in quoted:
        lines += [excerpt_markdown(excerpt, lang).rstrip("\n"), ""]
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n"


# -- the theme digest ------------------------------------------------------------


@dataclass(slots=True)
class Passage:
    entry: Entry
    text: str
    orientation: str | None
    prompt: str = ""
    added_later: bool = False


def _descendants(name: str, themes: list[Theme]) -> list[str]:
    """``name`` and every theme under it, each once."""
    children: dict[str, list[str]] = {}
    for theme in themes:
        if theme.parent:
            children.setdefault(theme.parent.casefold(), []).append(theme.name)
    found = [name]
    index = 0
    while index < len(found):
        for child in sorted(children.get(found[index].casefold(), []), key=str.casefold):
            if child.casefold() not in {f.casefold() for f in found}:
                found.append(child)
        index += 1
    return found


def _passages(entry: Entry, *, concept: str | None = None) -> list[Passage]:
    """The entry's passages; with ``concept``, only sections answering that concept."""
    found: list[Passage] = []
    if concept is None and _normalise(entry.body):
        found.append(Passage(entry, _normalise(entry.body), None))
    for section in entry.sections:
        if not section.answer.strip():
            continue
        if concept is not None and section.concept != concept:
            continue
        found.append(
            Passage(
                entry,
                _normalise(section.answer),
                section.orientation,
                " ".join(section.prompt_text.split()),
                section.added_later,
            )
        )
    return found


def _digest(
    title: str,
    intro: list[str],
    names: set[str],
    concept: str | None,
    entries: list[Entry],
    interviews: list[Interview],
    lang: str,
    head_fields: list[tuple[str, object]],
) -> str:
    entries = sorted(entries, key=lambda e: (e.created, e.id))
    excerpts: dict[str | None, list[tuple[Entry, Excerpt]]] = {}
    passages: dict[str | None, list[Passage]] = {}
    for entry in entries:
        entry_themes = {t.casefold() for t in entry.themes}
        linked = bool(entry_themes & names) or (concept is not None and concept in entry.concepts)
        for excerpt in entry.excerpts:
            own = {t.casefold() for t in excerpt.themes} or entry_themes
            if own & names:
                key = excerpt.interview.casefold() or None
                excerpts.setdefault(key, []).append((entry, excerpt))
        found = (
            _passages(entry) if linked else (_passages(entry, concept=concept) if concept else [])
        )
        if found:
            key = (entry.interview or "").casefold() or None
            passages.setdefault(key, []).extend(found)
    by_code = {i.code.casefold(): i for i in interviews}
    keys = sorted({k for k in [*excerpts, *passages] if k is not None})
    if None in excerpts or None in passages:
        keys.append(None)  # type: ignore[arg-type]
    lines = [f"# {md_inline(title)}", "", *intro, f"*{label('transparency', lang)}*", ""]
    if not keys:
        lines += [label("nothing", lang), ""]
    for key in keys:
        interview = by_code.get(key) if key else None
        if key is None:
            lines += [f"## {label('no_interview', lang)}", ""]
        else:
            code = interview.code if interview else key
            heading = f"## {label('interview', lang)} {md_inline(code)}"
            if interview and interview.role.strip():
                heading += f" · {md_inline(interview.role)}"
            lines += [heading, ""]
        quoted = sorted(
            excerpts.get(key, []),
            key=lambda pair: (timestamp_key(pair[1].timestamp), pair[0].created, pair[0].id),
        )
        if quoted:
            lines += [f"### {label('respondents', lang)}", ""]
            for _entry, excerpt in quoted:
                lines += [excerpt_markdown(excerpt, lang).rstrip("\n"), ""]
        own = passages.get(key, [])
        if own:
            lines += [f"### {label('own', lang)}", ""]
            for passage in own:
                lines += _passage_lines(passage, lang)
    head = front_matter([*head_fields, ("language", lang)])
    return head + "\n" + "\n".join(lines).rstrip("\n") + "\n"


def _passage_lines(passage: Passage, lang: str) -> list[str]:
    entry = passage.entry
    orientation = label(f"orientation.{passage.orientation or 'none'}", lang)
    marker = f"**{_entry_heading(entry, lang)}**"
    if passage.prompt:
        marker += f" · {md_inline(passage.prompt)}"
    marker += f" · *{orientation}*"
    if passage.added_later:
        marker += f" · *{label('added_later', lang)}*"
    if entry.interview:
        reference = f"({entry.interview}, {label('reflection_after', lang)})"
    else:
        reference = f"({label(f'kind.{entry.kind}', lang)}, {entry.created.date().isoformat()})"
    return [marker, "", passage.text, "", f"*{md_inline(reference)}*", ""]


def theme_digest(
    theme_name: str,
    entries: list[Entry],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
) -> str:
    """Every excerpt and reflection passage linked to a theme or its sub-themes."""
    theme = next((t for t in themes if t.name.casefold() == theme_name.casefold()), None)
    name = theme.name if theme else theme_name
    included = _descendants(name, themes)
    intro: list[str] = []
    if theme is not None:
        intro += [f"*{label('concept', lang)}: {concept_name(theme.concept, lang)}*", ""]
        for text in (theme.description, theme.theory):
            if text.strip():
                intro += [_normalise(text), ""]
    if len(included) > 1:
        intro += [
            f"*{label('also_themes', lang)}: {', '.join(md_inline(n) for n in included[1:])}*",
            "",
        ]
    return _digest(
        f"{label('digest', lang)}: {name}",
        intro,
        {n.casefold() for n in included},
        None,
        entries,
        interviews,
        lang,
        [("title", f"{label('digest', lang)}: {name}"), ("theme", name)],
    )


def concept_digest(
    concept: str,
    entries: list[Entry],
    interviews: list[Interview],
    themes: list[Theme],
    lang: str = "en",
) -> str:
    """Every excerpt and passage linked to a concept, directly or through its themes."""
    key = check_concept(concept)
    under = sorted((t.name for t in themes if t.concept == key), key=str.casefold)
    name = concept_name(key, lang)
    intro = []
    if under:
        intro += [f"*{label('themes', lang)}: {', '.join(md_inline(n) for n in under)}*", ""]
    return _digest(
        f"{label('digest', lang)}: {name}",
        intro,
        {n.casefold() for n in under},
        key,
        entries,
        interviews,
        lang,
        [("title", f"{label('digest', lang)}: {name}"), ("concept", key)],
    )


__all__ = ["concept_digest", "interview_appendix", "theme_digest", "timestamp_key"]
