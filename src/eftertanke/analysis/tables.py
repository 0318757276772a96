"""Each analysis result as a ``Table`` in the chosen language.

``*_table`` gives the wide, readable table (terminal and Markdown);
``*_rows`` the long, one-fact-per-row table for CSV.

Long because it is one table builder per analysis result, in both shapes.
"""

from __future__ import annotations

from datetime import date, datetime

from eftertanke import i18n
from eftertanke.analysis.balance import ORIENTATION_KEYS, ReflexiveBalance
from eftertanke.analysis.cooccurrence import Cooccurrence
from eftertanke.analysis.coverage import REFLECTIONS, TRANSCRIPT, Coverage, InterviewCoverage
from eftertanke.analysis.goes_with import (
    CONCEPT,
    FEW_DAYS,
    INTERVIEW,
    THEME,
    Comparison,
    GoesWith,
)
from eftertanke.analysis.labels import concept_label, percent, w
from eftertanke.analysis.matrix import Cell, ThemeMatrix
from eftertanke.analysis.plot import block
from eftertanke.analysis.render import FLAG, GROUP, TOTAL, Table
from eftertanke.analysis.timeline import SERIES_KEYS, Timeline
from eftertanke.domain import CONCEPTS


def matrix_cell_text(cell: Cell) -> str:
    """A matrix cell as read in a table: respondent's words / researcher's own [whole entries]."""
    if not cell.total:
        return "·"
    if not cell.respondent_words and not cell.own:
        return f"[{cell.whole}]"  # coded only as a whole
    text = f"{cell.respondent_words}/{cell.own}"
    return f"{text} [{cell.whole}]" if cell.whole else text


def single_interview_note(codes: list[str], lang: str) -> list[str]:
    if len(codes) == 1:
        return [w("single_interview", lang, code=codes[0])]
    return []


def matrix_table(matrix: ThemeMatrix, lang: str) -> Table:
    table = Table(
        w("matrix_title", lang),
        [w("theme", lang), *matrix.interviews, w("total", lang)],
        empty=w("matrix_empty", lang) if matrix.interviews else w("no_interviews", lang),
        right=set(range(1, len(matrix.interviews) + 2)),
    )
    if matrix.is_empty:
        return table
    for concept, themes in matrix.groups:
        subtotal = [matrix.concept_cell(concept, code) for code in matrix.interviews]
        table.add(
            [concept_label(concept, lang), *(matrix_cell_text(c) for c in subtotal),
             matrix_cell_text(matrix.concept_cell(concept))],
            GROUP,
        )  # fmt: skip
        for theme in themes:
            cells = [matrix.cell(theme, code) for code in matrix.interviews]
            table.add(
                [
                    theme,
                    *(matrix_cell_text(c) for c in cells),
                    matrix_cell_text(matrix.row_total(theme)),
                ]
            )
    totals = [matrix.total_cell(code) for code in matrix.interviews]
    table.add(
        [
            w("total", lang),
            *(matrix_cell_text(c) for c in totals),
            matrix_cell_text(matrix.total_cell()),
        ],
        TOTAL,
    )
    table.notes = [w("matrix_legend", lang), *single_interview_note(matrix.interviews, lang)]
    return table


MATRIX_COLUMNS = ("reflection", "whole_entry", "transcript_respondent", "transcript_interviewer",
                  "excerpts")  # fmt: skip


def matrix_rows(matrix: ThemeMatrix, lang: str) -> Table:
    table = Table(
        w("matrix_title", lang),
        ["concept", "theme", "interview", *MATRIX_COLUMNS],
        empty=w("matrix_empty", lang),
    )
    for concept, themes in matrix.groups:
        for theme in themes:
            for code in matrix.interviews:
                cell = matrix.cell(theme, code)
                if cell.total:
                    counts = cell.to_json()
                    table.add([concept or "", theme, code, *(counts[k] for k in MATRIX_COLUMNS)])
    return table


def coverage_cell(row: InterviewCoverage, concept: str) -> str:
    """One concept's coverage: share of reflection words / of transcript words coded."""
    reflection = percent(row.share(concept, REFLECTIONS)) if row.reflection_words else "–"
    transcript = percent(row.share(concept, TRANSCRIPT)) if row.has_transcript else "–"
    return f"{reflection} / {transcript}"


def coverage_table(coverage: Coverage, lang: str) -> Table:
    table = Table(
        w("coverage_title", lang),
        [w("interview", lang), w("reflections", lang), w("reflection_words", lang),
         w("transcript_words", lang), *(concept_label(c, lang) for c in CONCEPTS),
         w("excerpts", lang), w("untouched", lang)],
        empty=w("coverage_empty", lang),
        right=set(range(1, 4 + len(CONCEPTS) + 1)),
    )  # fmt: skip
    for row in coverage.rows:
        if not row.has_material:
            untouched = w("no_material", lang)
        else:
            untouched = ", ".join(concept_label(c, lang) for c in row.untouched)
        table.add(
            [row.interview, row.reflections, row.reflection_words,
             row.transcript_words if row.has_transcript else "–",
             *(coverage_cell(row, c) for c in CONCEPTS), row.excerpts_total, untouched],
            FLAG if row.untouched else "",
        )  # fmt: skip
    if coverage.rows:
        gaps = coverage.with_gaps
        table.notes = [
            w("coverage_legend", lang),
            w("coverage_gaps", lang, n=len(gaps)) if gaps else w("coverage_no_gaps", lang),
            *single_interview_note([r.interview for r in coverage.rows], lang),
        ]
    return table


def coverage_rows(coverage: Coverage, lang: str) -> Table:
    """One row per interview and concept or theme: coded words and shares of each source."""
    headers = ["interview", "concept", "theme", "reflection_words", "reflection_coded",
               "reflection_share", "transcript_words", "transcript_coded", "transcript_share",
               "passages", "whole_entry", "excerpts", "untouched"]  # fmt: skip
    table = Table(w("coverage_title", lang), headers, empty=w("coverage_empty", lang))
    for row in coverage.rows:
        transcript_words = row.transcript_words if row.has_transcript else None
        for c in CONCEPTS:
            table.add(
                [row.interview, c, "", row.reflection_words, row.coded[REFLECTIONS][c],
                 round(row.share(c, REFLECTIONS), 4), transcript_words, row.coded[TRANSCRIPT][c],
                 round(row.share(c, TRANSCRIPT), 4), row.passages[c], row.whole[c],
                 row.excerpts[c], int(c in row.untouched)],
            )  # fmt: skip
        themes = {*row.theme_words[REFLECTIONS], *row.theme_words[TRANSCRIPT]}
        for theme in sorted(themes, key=str.casefold):
            table.add(
                [row.interview, "", theme, row.reflection_words,
                 row.theme_words[REFLECTIONS].get(theme, 0),
                 round(row.theme_share(theme, REFLECTIONS), 4), transcript_words,
                 row.theme_words[TRANSCRIPT].get(theme, 0),
                 round(row.theme_share(theme, TRANSCRIPT), 4), None, None, None, None],
            )  # fmt: skip
    return table


def cooccurrence_table(result: Cooccurrence, lang: str, csv: bool = False) -> Table:
    headers = (
        ["theme_a", "theme_b", "count", "reflection", "transcript", "excerpts", "whole_entry",
         "share"]
        if csv
        else [w("theme_a", lang), w("theme_b", lang), w("together", lang),
              w("in_reflections", lang), w("in_transcripts", lang), w("in_excerpts", lang),
              w("in_whole", lang), w("share", lang)]
    )  # fmt: skip
    table = Table(
        w("cooccurrence_title", lang),
        headers,
        empty=w("cooccurrence_empty", lang),
        right={2, 3, 4, 5, 6, 7},
    )
    for pair in result.pairs:
        share = round(pair.share, 4) if csv else percent(pair.share)
        table.add([pair.first, pair.second, pair.count, pair.reflection, pair.transcript,
                   pair.excerpts, pair.whole, share])  # fmt: skip
    if result.pairs and not csv:
        table.notes = [w("cooccurrence_legend", lang)]
    return table


def _number(value: float | None, signed: bool = False, lang: str = "en") -> str:
    if value is None:
        return ""
    return i18n.decimal(value, lang, signed=signed)


def _week_label(monday: date) -> str:
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def timeline_table(series: Timeline, lang: str, by: str = "week", csv: bool = False) -> Table:
    weekly = by == "week"
    first = w("week", lang) if weekly else w("day", lang)
    headers = [first, *(w(k, lang) for k in SERIES_KEYS)]
    if csv:
        headers = ["week" if weekly else "date", *SERIES_KEYS]
    title = f"{w('timeline_title', lang)}: {w('timeline_weekly' if weekly else 'timeline_daily', lang).lower()}"
    table = Table(
        title, headers, empty=w("timeline_empty", lang), right=set(range(1, len(headers)))
    )
    if series.is_empty:
        return table
    points = series.weeks if weekly else series.days
    values = series.weekly if weekly else series.daily
    for i, point in enumerate(points):
        cells = [values[k][i] for k in SERIES_KEYS]
        if not weekly and all(v is None for v in cells):
            continue  # a day without ratings says nothing in a table
        label = _week_label(point) if weekly else point.isoformat()
        if csv:
            table.add([label, *(round(v, 4) if v is not None else None for v in cells)])
        else:
            table.add(
                [
                    label,
                    *(_number(v, k == "balance", lang) for k, v in zip(SERIES_KEYS, cells, strict=True)),
                ]
            )
    if not csv:
        table.notes = [
            w("timeline_legend", lang),
            timeline_span(series, lang),
        ]  # fmt: skip
    return table


def timeline_span(series: Timeline, lang: str) -> str:
    """'38 rated entries on 38 days, 14 Feb 2026 – 29 Mar 2026.'"""
    from eftertanke.dates import format_date

    first, last = series.days[0], series.days[-1]
    return w(
        "timeline_span",
        lang,
        entries=w("rated_entries", lang, n=series.rated_entries),
        days=i18n.t("duration.days", lang, n=series.rated_days),
        first=format_date(datetime(first.year, first.month, first.day), lang),
        last=format_date(datetime(last.year, last.month, last.day), lang),
    )


def timeline_sparklines(series: Timeline, lang: str, by: str = "week") -> list[str]:
    """One line per series: label, a block per week or day on the fixed scale
    (1–5, the balance −4…+4; ``·`` where nothing was rated) and the mean."""
    values = series.weekly if by == "week" else series.daily
    width = max(len(w(k, lang)) for k in SERIES_KEYS)
    lines = []
    for key in SERIES_KEYS:
        mean = series.summary(key)["mean"]
        strip = "".join(block(value, key) for value in values[key])
        lines.append(
            f"{w(key, lang).ljust(width)}  {strip}  "
            f"{w('mean', lang)} {_number(mean, key == 'balance', lang)}"
        )
    return lines


def balance_table(result: ReflexiveBalance, lang: str, csv: bool = False) -> Table:
    from eftertanke.dates import format_datetime

    if csv:
        headers = ["id", "interview", "created", "title", "words",
                   *(f"{k}_words" for k in ORIENTATION_KEYS), *(f"{k}_share" for k in ORIENTATION_KEYS),
                   "added_later_words", "minutes_after", "minutes_source", "self_heavy"]  # fmt: skip
    else:
        headers = [w("written", lang), w("interview", lang), w("title", lang), w("words", lang),
                   *(w(k, lang) for k in ORIENTATION_KEYS), w("minutes_after", lang), w("flag", lang)]  # fmt: skip
    table = Table(
        w("balance_title", lang), headers, empty=w("balance_empty", lang), right=set(range(3, 9))
    )
    for row in result.rows:
        if csv:
            table.add(
                [row.entry_id, row.interview or "", row.created.isoformat(), row.title, row.total,
                 *(row.words[k] for k in ORIENTATION_KEYS),
                 *(round(row.share(k), 4) for k in ORIENTATION_KEYS),
                 row.added_later_words, row.minutes_after, row.minutes_source or "", row.self_heavy]
            )  # fmt: skip
        else:
            table.add(
                [format_datetime(row.created, lang), row.interview or "—", row.title, row.total,
                 *(percent(row.share(k)) for k in ORIENTATION_KEYS),
                 "" if row.minutes_after is None else row.minutes_after,
                 w("self_heavy", lang) if row.self_heavy else ""],
                FLAG if row.self_heavy else "",
            )  # fmt: skip
    if result.rows and not csv:
        table.notes = balance_notes(result, lang)
    return table


def balance_notes(result: ReflexiveBalance, lang: str) -> list[str]:
    notes = [
        w("balance_legend", lang),
        w("balance_project", lang, words=result.total,
          **{k: percent(result.share(k)) for k in ORIENTATION_KEYS}),
        w("balance_flagged", lang, n=len(result.flagged)) if result.flagged
        else w("balance_none_flagged", lang),
    ]  # fmt: skip
    minutes = result.median_minutes
    if minutes is not None:
        notes.append(w("balance_minutes", lang, span=i18n.humanise_minutes(minutes, lang)))
    return notes


# -- what goes with good and bad days ------------------------------------------------


def goes_with_groups(result: GoesWith) -> list[tuple[Comparison, list[Comparison]]]:
    """Interview days, then each concept with its themes beneath it (themes of no
    known concept last, under a heading of their own)."""
    themes = [c for c in result.comparisons if c.kind == THEME]
    out: list[tuple[Comparison, list[Comparison]]] = []
    for c in result.comparisons:
        if c.kind == INTERVIEW:
            out.append((c, []))
        elif c.kind == CONCEPT:
            out.append((c, [t for t in themes if t.concept == c.name]))
    loose = [t for t in themes if t.concept not in CONCEPTS]
    if loose:
        out.append((Comparison(CONCEPT, "", "", loose[0].inside, loose[0].outside), loose))
    return out


def goes_with_label(c: Comparison, lang: str) -> str:
    if c.kind == INTERVIEW:
        return w("goes_with_interview_days", lang)
    if c.kind == CONCEPT:
        return concept_label(c.name, lang)
    return c.name


def goes_with_cell(c: Comparison, key: str, lang: str = "en") -> str:
    """'2.0 / 3.4': the mean on these days / on the other rated days."""
    a, b = c.inside.means.get(key), c.outside.means.get(key)
    if a is None and b is None:
        return ""
    signed = key == "balance"
    return f"{_number(a, signed, lang) or '–'} / {_number(b, signed, lang) or '–'}"


def goes_with_days(c: Comparison) -> str:
    return f"{c.inside.days} / {c.outside.days}" + (" *" if c.few else "")


def goes_with_notes(lang: str) -> list[str]:
    return [w("goes_with_legend", lang), w("goes_with_descriptive", lang, n=FEW_DAYS)]


def goes_with_table(result: GoesWith, lang: str, csv: bool = False) -> Table:
    if csv:
        headers = ["kind", "name", "concept", "rating", "mean_with", "days_with",
                   "mean_without", "days_without", "difference"]  # fmt: skip
        table = Table(w("goes_with_title", lang), headers)
        for c in result.comparisons:
            for key in SERIES_KEYS:
                table.add([
                    c.kind, c.name, c.concept, key,
                    _rounded(c.inside.means.get(key)), c.inside.counts.get(key, 0),
                    _rounded(c.outside.means.get(key)), c.outside.counts.get(key, 0),
                    _rounded(c.difference(key)),
                ])  # fmt: skip
        return table
    headers = [w("goes_with_what", lang), w("goes_with_days", lang),
               *(w(k, lang) for k in SERIES_KEYS)]  # fmt: skip
    table = Table(
        w("goes_with_title", lang), headers, empty=w("goes_with_empty", lang),
        right=set(range(1, len(headers))),
    )  # fmt: skip
    for head, themes in goes_with_groups(result):
        label = goes_with_label(head, lang) if head.name or head.kind == INTERVIEW else None
        if label is None:
            table.add([w("uncategorised", lang), *([""] * (len(headers) - 1))], GROUP)
        else:
            cells = [goes_with_cell(head, k, lang) for k in SERIES_KEYS]
            table.add([label, goes_with_days(head), *cells], GROUP)
        for theme in themes:
            cells = [goes_with_cell(theme, k, lang) for k in SERIES_KEYS]
            table.add([theme.name, goes_with_days(theme), *cells])
    if result.comparisons:
        table.notes = goes_with_notes(lang)
    return table


def _rounded(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def energy_words_text(items: list[tuple[str, int]]) -> str:
    return ", ".join(f"{word} ({n})" for word, n in items)


def energy_table(result: GoesWith, lang: str) -> Table:
    headers = [w("energy_prompt", lang), w("energy_answers", lang), w("energy_words", lang),
               w("energy_themes", lang)]  # fmt: skip
    table = Table(w("energy_title", lang), headers, empty=w("energy_none", lang), right={1})
    if not any(e.answers for e in result.energy):
        return table
    for e in result.energy:
        table.add([w(e.prompt.replace("-", "_"), lang), e.answers,
                   energy_words_text(e.words), energy_words_text(e.themes)])  # fmt: skip
    table.notes = [w("energy_legend", lang)]
    return table
