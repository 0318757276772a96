"""The methods appendix's account of the data corpus by data type: the
reflections, check-ins and memos by kind, and the self-as-data entries
(Chang) by data type, with their counts, words and periods
(``analysis.data_types``)."""

from __future__ import annotations

from collections.abc import Iterable

from eftertanke.analysis.data_types import category_label, corpus, period_text
from eftertanke.domain import Entry
from eftertanke.export.labels import md_inline
from eftertanke.i18n import t


def corpus_lines(entries: Iterable[Entry], lang: str) -> list[str]:
    """A Markdown section: the corpus table, one row per kind of material."""
    rows = corpus(e.to_dict() for e in entries)
    lines = [f"## {md_inline(t('selfdata.corpus.title', lang))}", ""]
    if not rows:
        return [*lines, md_inline(t("selfdata.corpus.empty", lang)), ""]
    lines += [md_inline(t("selfdata.corpus.intro", lang)), ""]
    header = [t(f"selfdata.corpus.{k}", lang) for k in ("data", "entries", "words", "period")]
    lines += ["| " + " | ".join(header) + " |", "|---|---:|---:|---|"]
    for row in rows:
        cells = [category_label(row.category, lang), str(row.entries), str(row.words),
                 period_text(row, lang)]  # fmt: skip
        lines.append("| " + " | ".join(md_inline(c) for c in cells) + " |")
    own = sum(r.entries for r in rows if r.is_self_data)
    return [*lines, "", md_inline(t("selfdata.corpus.self_total", lang, n=own)), ""]
