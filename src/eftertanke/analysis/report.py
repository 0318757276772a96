"""One Markdown document with every analysis view, for a thesis's method or
analysis chapter; the well-being chart goes beside it as an SVG file.

Its "How things are counted" section (``counting_rules``) is where every
counting rule of the views is written down for the reader, in Danish and
English; the constants it quotes come from ``coded``, so the text cannot
drift from the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eftertanke import i18n
from eftertanke.analysis import tables
from eftertanke.analysis.balance import ReflexiveBalance, reflexive_balance
from eftertanke.analysis.chart import wellbeing_svg
from eftertanke.analysis.coded import (
    ADJACENT_CHARS,
    ADJACENT_SENTENCE_ENDS,
    TranscriptLayout,
    as_layouts,
)
from eftertanke.analysis.common import linked_interviews, live, theme_concepts
from eftertanke.analysis.cooccurrence import Cooccurrence, theme_cooccurrence
from eftertanke.analysis.coverage import Coverage, concept_coverage
from eftertanke.analysis.goes_with import GoesWith, goes_with
from eftertanke.analysis.labels import w
from eftertanke.analysis.matrix import ThemeMatrix, theme_matrix
from eftertanke.analysis.render import md_escape, to_markdown
from eftertanke.analysis.timeline import Timeline, timeline
from eftertanke.domain import Interview
from eftertanke.entry_row import EntryRow

TOP_PAIRS = 20


@dataclass(slots=True)
class Analyses:
    """Every analysis view, and the counts of what they read, for the analysis report."""

    matrix: ThemeMatrix
    coverage: Coverage
    cooccurrence: Cooccurrence
    timeline: Timeline
    balance: ReflexiveBalance
    entries: int
    reflections: int
    excerpts: int
    transcripts: int = 0
    reflection_passages: int = 0  # codings of answers and bodies
    transcript_passages: int = 0
    whole_entry: int = 0  # entries coded as a whole
    goes_with: GoesWith | None = None  # what goes with good and bad days

    def to_json(self) -> dict[str, Any]:
        """The counts, then each view as its own JSON (``analyse VIEW --json``)."""
        counts = ("entries", "reflections", "excerpts", "transcripts", "reflection_passages",
                  "transcript_passages", "whole_entry")  # fmt: skip
        return {
            "counts": {name: getattr(self, name) for name in counts},
            "matrix": self.matrix.to_json(),
            "coverage": self.coverage.to_json(),
            "cooccurrence": self.cooccurrence.to_json(),
            "timeline": self.timeline.to_json(),
            "balance": self.balance.to_json(),
            "goes_with": self.goes_with.to_json() if self.goes_with is not None else None,
        }


def counting_rules(lang: str) -> list[str]:
    """The report's "How things are counted": one paragraph per rule."""
    keys = ("rule_passage", "rule_whole", "rule_whose", "rule_coverage", "rule_cooccurrence",
            "rule_review", "rule_balance", "rule_goes_with")  # fmt: skip
    values = {"chars": ADJACENT_CHARS, "sentences": ADJACENT_SENTENCE_ENDS}
    return [w(key, lang, **values) if key == "rule_cooccurrence" else w(key, lang) for key in keys]


def linked_to_any(
    docs: Iterable[dict[str, Any]], codes: Iterable[str] | None
) -> list[dict[str, Any]]:
    """The docs linked (themselves or by an excerpt) to one of ``codes``; all when None."""
    docs = list(docs)
    if codes is None:
        return docs
    wanted = set(codes)
    return [d for d in docs if linked_interviews(d) & wanted]


def transcripts_of(
    transcripts: Iterable[Any], codes: Iterable[str] | None
) -> list[TranscriptLayout]:
    """The transcripts (as layouts) of the interviews ``codes``; all when None."""
    found = as_layouts(transcripts)
    if codes is None:
        return found
    wanted = set(codes)
    return [t for t in found if t.interview in wanted]


def analyse_all(
    docs: Iterable[dict[str, Any]],
    themes: Iterable[Any],
    interviews: Sequence[Interview],
    only: Iterable[str] | None = None,
    top_pairs: int | None = TOP_PAIRS,
    *,
    transcripts: Iterable[Any] = (),
) -> Analyses:
    """Every view at once. ``only`` limits the interview views (and the
    co-occurrence) to those interviews; the well-being series use all ``docs``.
    ``transcripts`` are the stored transcript dicts (``journal.transcripts.raw()``)."""
    docs = list(live(docs))
    codes = [i.code for i in interviews]
    only_list = list(only) if only is not None else None
    concepts_of = theme_concepts(themes)
    ends = {i.code: i.ended for i in interviews if i.ended is not None}
    scoped = linked_to_any(docs, only_list)
    layouts = transcripts_of(transcripts, only_list)
    matrix = theme_matrix(docs, concepts_of, codes, only_list, transcripts=layouts)
    rows = [EntryRow(d) for d in scoped]
    held = [
        (i.code, i.date.date())
        for i in interviews
        if i.date is not None and (only_list is None or i.code in only_list)
    ]
    return Analyses(
        matrix=matrix,
        coverage=concept_coverage(docs, concepts_of, codes, only_list, transcripts=layouts),
        cooccurrence=theme_cooccurrence(scoped, top=top_pairs, transcripts=layouts),
        timeline=timeline(docs),
        balance=reflexive_balance(docs, ends, only_list),  # type: ignore[arg-type]
        entries=len(scoped),
        reflections=sum(1 for row in rows if row.kind == "interview"),
        excerpts=sum(
            1
            for d in docs
            for e in EntryRow(d).excerpts
            if only_list is None or e.get("interview") in only_list
        ),
        transcripts=len(layouts),
        reflection_passages=sum(len(row.codings) for row in rows),
        transcript_passages=sum(len(t.codings) for t in layouts),
        whole_entry=sum(1 for row in rows if row.themes),
        goes_with=goes_with(docs, concepts_of, held),
    )


def build_report(
    result: Analyses,
    lang: str,
    *,
    period: tuple[date | None, date | None] = (None, None),
    only: Sequence[str] | None = None,
    chart_name: str | None = None,
    generated: datetime | None = None,
) -> str:
    """The report as Markdown; ``chart_name`` is the SVG file to link, if one is written."""
    from eftertanke.dates import format_date

    meta = []
    if generated is not None:
        meta.append(w("report_generated", lang, date=format_date(generated, lang)))
    since, until = period
    if since or until:
        span = f"{since.isoformat() if since else '…'} – {until.isoformat() if until else '…'}"
    else:
        span = w("report_all_time", lang)
    meta.append(w("report_period", lang, period=span))
    if only:
        meta.append(w("report_interviews", lang, codes=md_escape(", ".join(only))))
    meta.append(
        w("report_entries", lang, entries=i18n.t("entries_count", lang, n=result.entries),
          reflections=w("count_reflections", lang, n=result.reflections),
          transcripts=i18n.t("count.transcripts", lang, n=result.transcripts),
          reflection=i18n.t("count.coded_passages", lang, n=result.reflection_passages),
          transcript=result.transcript_passages,
          whole=w("count_whole", lang, n=result.whole_entry),
          excerpts=w("count_excerpts", lang, n=result.excerpts))
    )  # fmt: skip
    # one paragraph per line, so Markdown keeps them apart
    lines = [f"# {w('report_title', lang)}", "", "\n\n".join(meta), ""]
    lines += [f"## {w('report_method', lang)}", ""]
    for rule in counting_rules(lang):
        lines += [f"- {rule}", ""]
    lines.append(to_markdown(tables.matrix_table(result.matrix, lang)))
    lines.append(to_markdown(tables.coverage_table(result.coverage, lang)))
    lines.append(to_markdown(tables.cooccurrence_table(result.cooccurrence, lang)))
    series = tables.timeline_table(result.timeline, lang, by="week")
    series.title = w("timeline_title", lang)
    if not result.timeline.is_empty:
        if only:
            series.notes.append(w("report_timeline_scope", lang))
        if chart_name:
            chart = f"![{w('chart_alt', lang)}]({chart_name})"
            section = to_markdown(series).split("\n", 2)
            lines.append("\n".join([section[0], "", chart, section[2]]))
        else:
            lines.append(to_markdown(series))
    else:
        lines.append(to_markdown(series))
    lines.append(to_markdown(tables.balance_table(result.balance, lang)))
    if result.goes_with is not None:
        lines.append(to_markdown(tables.goes_with_table(result.goes_with, lang)))
        lines.append(to_markdown(tables.energy_table(result.goes_with, lang)))
    return "\n".join(lines).rstrip("\n") + "\n"


def chart_path(report: Path) -> Path:
    return report.with_name(f"{report.stem}-wellbeing.svg")


def write_report(
    path: Path,
    result: Analyses,
    lang: str,
    **options: Any,
) -> list[Path]:
    """Write the report (and its chart, when there are ratings) atomically; the paths written."""
    from eftertanke.fileio import atomic_write_bytes

    path = Path(path)
    svg = wellbeing_svg(result.timeline, lang)
    written = []
    chart = chart_path(path)
    if svg:
        atomic_write_bytes(chart, svg.encode("utf-8"))
        written.append(chart)
    text = build_report(result, lang, chart_name=chart.name if svg else None, **options)
    atomic_write_bytes(path, text.encode("utf-8"))
    written.insert(0, path)
    return written
