"""What the entry view shows beside and above the text: its metadata, its links
and the conflict banner's words.

The entry view (tui/screens/entry.py) owns the panel's widgets and fills them
from these: ``metadata`` is the label-and-value lines, ``link_options`` the
"Go to" list (other versions of a conflicted entry, its interviews, its
themes), ``conflict_text`` what the banner says about versions. Each is drawn
from the entry and the app's index alone, so a redraw reads nothing from disk.
User text (authors, interview codes, themes) is plain ``Content``, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.dates import format_datetime
from eftertanke.domain import CONCEPT_NAMES, RATING_KEYS, Entry
from eftertanke.i18n import humanise_minutes
from eftertanke.textsafe import one_line
from eftertanke.tui.strings import common

if TYPE_CHECKING:
    from eftertanke.tui.index import JournalIndex


def _w(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"tui.entry.{key}", lang, **values)


def metadata(entry: Entry, lang: str) -> Content:
    """The side panel's "Label: value" lines, the labels bold."""
    rows = _rows(entry, lang)
    parts: list[str | tuple[str, str]] = []
    for label, value in rows:
        if parts:
            parts.append("\n")
        parts += [(f"{label}: ", "bold"), value]
    return Content.assemble(*parts)


def _rows(entry: Entry, lang: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [
        (i18n.t("tui.entry.kind", lang), common(f"kind.{entry.kind}", lang)),
        (i18n.t("tui.entry.created", lang), format_datetime(entry.created, lang)),
    ]
    if entry.data_type:
        rows.insert(
            1,
            (i18n.t("tui.entry.data_type", lang), i18n.t(f"selfdata.type.{entry.data_type}", lang)),
        )
    if abs((entry.updated - entry.created).total_seconds()) > 60:
        rows.append((i18n.t("tui.entry.updated", lang), format_datetime(entry.updated, lang)))
    if entry.author:
        rows.append((i18n.t("tui.entry.author", lang), one_line(entry.author)))
    if entry.updated_by and entry.updated_by != entry.author:
        rows.append((i18n.t("tui.entry.changed_by", lang), one_line(entry.updated_by)))
    if entry.interview:
        rows.append((i18n.t("tui.entry.interview", lang), one_line(entry.interview)))
    if entry.written_after_minutes is not None:
        after = humanise_minutes(entry.written_after_minutes, lang)
        rows.append((i18n.t("tui.entry.written_after", lang), after))
    if entry.concepts:
        names = [CONCEPT_NAMES.get(c, {}).get(lang, c) for c in entry.concepts]
        rows.append((i18n.t("tui.entry.concepts", lang), ", ".join(names)))
    if entry.all_themes:
        rows.append((i18n.t("tui.entry.themes", lang), one_line(", ".join(entry.all_themes))))
    rows.append((i18n.t("tui.entry.coded_label", lang), _coded(entry, lang)))
    if entry.ratings:
        rows.append((i18n.t("tui.entry.ratings", lang), _ratings(entry, lang)))
    rows.append((i18n.t("tui.entry.language", lang), _w(f"lang.{entry.language}", lang)))
    return rows


def _coded(entry: Entry, lang: str) -> str:
    review = sum(1 for c in entry.codings if c.review)
    coded = str(len(entry.codings))
    if review:
        coded = i18n.t("tui.entry.coded_review", lang, n=coded, review=review)
    return coded


def _ratings(entry: Entry, lang: str) -> str:
    order = [k for k in RATING_KEYS if k in entry.ratings]
    order += sorted(k for k in entry.ratings if k not in RATING_KEYS)
    rated = [f"{_w(f'rating.{k}', lang)} {entry.ratings[k]}/5" for k in order]
    return one_line(", ".join(rated))


def _who(entry: Entry, lang: str, width: int) -> str:
    return one_line(entry.updated_by or entry.author or i18n.t("tui.entry.someone", lang), width)


def conflict_text(entry: Entry, copies: list[Entry], index: JournalIndex, lang: str) -> str:
    """The banner of a conflict copy, or of an entry that has copies."""
    if entry.conflict_of:
        if index.entry(entry.conflict_of) is None:
            return i18n.t("tui.entry.conflict_copy_orphan", lang)
        return i18n.t("tui.entry.conflict_copy", lang, who=_who(entry, lang, 40))
    return i18n.t("tui.entry.has_copies", lang, n=len(copies))


def _version_options(
    entry: Entry, copies: list[Entry], index: JournalIndex, lang: str
) -> list[Option]:
    options: list[Option] = []
    if entry.conflict_of and index.entry(entry.conflict_of) is not None:
        original = i18n.t("tui.entry.link_original", lang)
        options.append(
            Option(Content.assemble(("⇄ ", "bold"), original), id=f"entry:{entry.conflict_of}")
        )
    for copy in copies:
        when = format_datetime(copy.updated, lang)
        label = i18n.t("tui.entry.link_copy", lang, who=_who(copy, lang, 20), when=when)
        options.append(Option(Content.assemble(("⇄ ", "bold"), label), id=f"entry:{copy.id}"))
    return options


def link_options(entry: Entry, copies: list[Entry], index: JournalIndex, lang: str) -> list[Option]:
    """The "Go to" list: ``entry:``, ``interview:`` and ``theme:`` options."""
    options = _version_options(entry, copies, index, lang)
    codes = [entry.interview] if entry.interview else []
    for excerpt in entry.excerpts:
        if excerpt.interview and excerpt.interview not in codes:
            codes.append(excerpt.interview)
    for code in codes:
        label = i18n.t("tui.entry.link_interview", lang, code=one_line(code))
        options.append(Option(Content.assemble(("→ ", "dim"), label), id=f"interview:{code}"))
    for theme in entry.all_themes:
        options.append(
            Option(Content.assemble(("# ", "dim"), one_line(theme)), id=f"theme:{theme}")
        )
    if not options:
        options.append(Option(Content(i18n.t("tui.entry.no_links", lang)), disabled=True))
    return options
