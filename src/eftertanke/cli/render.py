"""Plain-text views of entries, interviews and themes for the terminal.

Every piece of stored text passes through ``textsafe`` before it is printed,
so a pasted escape sequence is shown, not obeyed.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from eftertanke.dates import format_date, format_datetime
from eftertanke.domain import CONCEPTS, Entry, Interview, Theme, concept_name
from eftertanke.entry_row import EntryRow
from eftertanke.i18n import has, humanise_minutes, t
from eftertanke.snippet import Snippet
from eftertanke.textsafe import for_terminal, one_line

SHORT_ID = 8


def json_text(data: object) -> str:
    """Indented JSON with every character that acts on a terminal escaped
    (orjson leaves DEL, C1 controls and bidi marks raw); still valid JSON."""
    import orjson

    from eftertanke.textsafe import json_for_terminal

    return json_for_terminal(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())


def short(entry_id: str) -> str:
    return entry_id[:SHORT_ID]


def _style(text: str, **kwargs: object) -> str:
    return click.style(text, **kwargs)  # type: ignore[arg-type]


def entry_line(entry: Entry | EntryRow, lang: str, width: int = 100) -> str:
    """One line of a list: an entry's, or its stored row's (the same words: a
    search's list of 1,000 entries makes none of them an ``Entry``)."""
    when = format_datetime(entry.created_at if isinstance(entry, EntryRow) else entry.created, lang)
    kind = t(f"kind.{entry.kind}", lang)
    if entry.data_type:
        kind += f" ({t(f'selfdata.type.{entry.data_type}', lang)})"
    themes = f"#{' #'.join(entry.themes)}" if entry.themes else ""
    link = f"  [{entry.interview}]" if entry.interview else ""
    title = ("★ " if entry.starred else "") + one_line(entry.display_title(), max(width - 45, 20))
    return (
        f"{_style(short(entry.id), fg='yellow')}  {when:<18}  {kind:<9} "
        f"{_style(title, bold=True)}{link}{'  ' + one_line(themes, 60) if themes else ''}"
    )


def entry_lines(entries: Iterable[Entry | EntryRow], lang: str) -> list[str]:
    return [entry_line(e, lang) for e in entries]


def rating_name(key: str, lang: str) -> str:
    """A rating's name (the entry view's words); a key from an imported scale as it is."""
    full = f"tui.entry.rating.{key}"
    return t(full, lang) if has(full) else key


def _entry_meta(entry: Entry, lang: str) -> list[tuple[str, str]]:
    """The labelled facts above an entry's text: id, kind, dates, links, codes."""
    meta = [
        ("id", entry.id),
        (t("kind", lang), t(f"kind.{entry.kind}", lang)),
        (t("created", lang), format_datetime(entry.created, lang, with_weekday=True)),
    ]
    if entry.updated and abs((entry.updated - entry.created).total_seconds()) > 60:
        meta.append((t("updated", lang), format_datetime(entry.updated, lang)))
    if entry.starred:
        meta.append((t("starred", lang), "★"))
    if entry.data_type:
        meta.append((t("selfdata.data_type", lang), t(f"selfdata.type.{entry.data_type}", lang)))
    if entry.author:
        meta.append((t("author", lang), entry.author))
    if entry.interview:
        meta.append((t("interview", lang), entry.interview))
    if entry.written_after_minutes is not None:
        meta.append((t("written_after", lang), humanise_minutes(entry.written_after_minutes, lang)))
    if entry.concepts:
        meta.append(
            (t("concepts", lang), ", ".join(concept_name(c, lang) for c in entry.concepts))
        )
    if entry.themes:
        meta.append((t("themes", lang), ", ".join(entry.themes)))
    if entry.ratings:
        meta.append(
            (
                t("ratings", lang),
                "  ".join(f"{rating_name(k, lang)} {v}/5" for k, v in entry.ratings.items()),
            )
        )
    if entry.deleted:
        meta.append((t("in_trash", lang), format_datetime(entry.deleted, lang)))
    return meta


def entry_document(entry: Entry, lang: str) -> str:
    """An entry as readable Markdown-ish text: header, body, sections, excerpts."""
    lines: list[str] = []
    title = for_terminal(entry.display_title(200)) or "—"
    lines.append(_style(f"# {title}", bold=True))
    for label, value in _entry_meta(entry, lang):
        lines.append(f"{_style(label + ':', dim=True)} {one_line(str(value))}")
    if entry.body.strip():
        lines.extend(["", for_terminal(entry.body.rstrip())])
    for section in entry.sections:
        if not section.answer.strip():
            continue
        heading = for_terminal(section.prompt_text)
        first, added = section.later_parts()
        marked = f"({t('added_later', lang)})"
        if first and added:
            # Partly added later: the mark stands where the added text begins.
            lines.extend(["", _style(f"## {heading}", bold=True), "", for_terminal(first.rstrip()),
                          "", _style(marked, dim=True), for_terminal(added.rstrip())])
            continue
        later = f"  {marked}" if section.added_later else ""
        lines.extend(["", _style(f"## {heading}", bold=True) + later, "", for_terminal(section.answer.rstrip())])
    if entry.excerpts:
        lines.extend(["", _style(f"## {t('excerpts', lang).capitalize()}", bold=True)])
        for excerpt in entry.excerpts:
            tags = f"  #{' #'.join(excerpt.themes)}" if excerpt.themes else ""
            lines.append(f"> {one_line(excerpt.quote)} {excerpt.reference}{one_line(tags)}")
            if excerpt.note:
                lines.append(f"  {one_line(excerpt.note)}")
    lines.extend(layer_lines(entry, lang))
    return "\n".join(lines)


def layer_lines(entry: Entry, lang: str) -> list[str]:
    """The entry's layers for ``show``: in order, dated, with how long after the entry."""
    from eftertanke.reflexivity import layers_in_order

    lines: list[str] = []
    for view in layers_in_order(entry):
        head = t(
            "layers.heading", lang,
            date=format_datetime(view.layer.written, lang),
            after=humanise_minutes(view.minutes_after, lang),
        )  # fmt: skip
        if view.layer.author:
            head += f" · {one_line(view.layer.author)}"
        lines.extend(["", _style(f"## {head}", bold=True)])
        if view.section_text:
            lines.append(f"({t('layers.rereads', lang)}: {one_line(view.section_text, 100)})")
        lines.extend(["", for_terminal(view.layer.text.rstrip())])
    return lines


def level_name(level: str | None, lang: str) -> str:
    """"head" as people say it: "head of department" / "afdelingschef"."""
    return t(f"export.level.{level}", lang) if level else ""


def mode_name(mode: str | None, lang: str) -> str:
    return t(f"export.mode.{mode}", lang) if mode else ""


def status_name(status: str, lang: str, *, short: bool = False) -> str:
    """"done" as people say it; ``short``: the word a listing's column has room for."""
    key = "export.refi.status" if short else "status"
    return t(f"{key}.{status}", lang)


def interview_line(interview: Interview, lang: str, reflections: int) -> str:
    when = format_date(interview.date, lang) if interview.date else "—"
    level = one_line(level_name(interview.level, lang), 20) or "—"
    status = status_name(interview.status, lang, short=True)
    return (
        f"{_style(f'{interview.code:<6}', fg='yellow')} {one_line(interview.role, 30):<30} "
        f"{level:<20} {one_line(interview.organisation, 20):<20} {when:<13} "
        f"{status:<14} {reflections}"
    )


def interview_document(interview: Interview, lang: str, entries: list[Entry]) -> str:
    rows = [
        (t("role", lang), interview.role),
        (t("level", lang), level_name(interview.level, lang)),
        (t("organisation", lang), interview.organisation),
        (t("date", lang), format_datetime(interview.date, lang, with_weekday=True) if interview.date else ""),
        (t("mode", lang), mode_name(interview.mode, lang)),
        (t("interviewer", lang), interview.interviewer),
        (t("duration", lang), t("duration.minutes", lang, n=interview.duration_minutes) if interview.duration_minutes else ""),
        (t("transcript", lang), interview.transcript),
        (t("consent", lang), interview.consent),
        (t("status", lang), status_name(interview.status, lang)),
        (t("notes", lang), interview.notes),
        (t("appendix", lang), interview.appendix),
        (t("reflection_appendix", lang), interview.reflection_appendix),
    ]
    lines = [_style(f"# {interview.code}", bold=True)]
    lines.extend(f"{_style(label + ':', dim=True)} {one_line(value)}" for label, value in rows if value)
    reflections = [e for e in entries if e.interview == interview.code]
    if reflections:
        lines.extend(["", _style(f"## {t('reflections', lang).capitalize()}", bold=True)])
        lines.extend(entry_line(e, lang) for e in reflections)
    quotes = [(e, x) for e in entries for x in e.excerpts if x.interview == interview.code]
    if quotes:
        lines.extend(["", _style(f"## {t('excerpts', lang).capitalize()}", bold=True)])
        for entry, excerpt in quotes:
            lines.append(f"> {one_line(excerpt.quote)} {excerpt.reference}  ({short(entry.id)})")
    return "\n".join(lines)


def theme_tree(themes: list[Theme], usage: dict[str, int], lang: str) -> list[str]:
    """Themes under their concept, children indented under their parent."""
    lines: list[str] = []
    for concept in CONCEPTS:
        in_concept = [th for th in themes if th.concept == concept]
        if not in_concept:
            continue
        lines.append(_style(f"{concept_name(concept, lang)} ({concept})", bold=True))
        names = {th.name for th in in_concept}
        children: dict[str | None, list[Theme]] = {}
        for theme in in_concept:
            parent = theme.parent if theme.parent in names else None
            children.setdefault(parent, []).append(theme)

        _walk(children, None, 1, usage, lines)
    return lines


def _walk(
    children: dict[str | None, list[Theme]],
    parent: str | None,
    depth: int,
    usage: dict[str, int],
    lines: list[str],
) -> None:
    for theme in sorted(children.get(parent, []), key=lambda th: th.name.casefold()):
        lines.append(f"{'  ' * depth}- {one_line(theme.name)}  ({usage.get(theme.name, 0)})")
        _walk(children, theme.name, depth + 1, usage, lines)


def marked_snippet(piece: Snippet) -> str:
    """A search snippet with its hits in bold (the text was made safe for a
    terminal when the snippet was cut)."""
    out: list[str] = []
    at = 0
    for start, end in piece.hits:
        out.append(piece.text[at:start])
        out.append(_style(piece.text[start:end], bold=True, underline=True))
        at = end
    out.append(piece.text[at:])
    return "".join(out)
