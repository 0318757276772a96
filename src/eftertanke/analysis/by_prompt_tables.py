"""Analysis by prompt in words: the prompt × interview matrix as a ``Table``,
and every answer to a prompt as plain text, Markdown or CSV rows.

Stored text reaches the terminal through ``textsafe`` and Markdown through
its escapes; the words are the catalogue's (keys ``by_prompt.*``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from eftertanke.analysis.by_prompt import PromptAnswers, PromptMatrix
from eftertanke.analysis.render import FLAG, Table, md_escape
from eftertanke.dates import format_date
from eftertanke.i18n import t
from eftertanke.textsafe import for_terminal, one_line

SKIPPED = "–"


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"by_prompt.{key}", lang, **values)


def words_label(n: int, lang: str) -> str:
    return _w("words_n", lang, n=n, count=n)


def date_label(day: date | None, lang: str) -> str:
    return format_date(day, lang) if day else _w("undated", lang)  # type: ignore[arg-type]


def short_question(question: str, limit: int = 48) -> str:
    return one_line(question, limit)


def matrix_table(matrix: PromptMatrix, lang: str) -> Table:
    """Wide: a row per prompt, a column per interview, words written or – (skipped)."""
    table = Table(
        _w("matrix_title", lang, pack=matrix.pack),
        [_w("prompt", lang), *matrix.interviews, _w("skipped", lang)],
        empty=_w("matrix_empty", lang, pack=matrix.pack),
        right=set(range(1, len(matrix.interviews) + 2)),
    )
    for prompt in matrix.prompts:
        cells = [matrix.cell(prompt.id, code) or SKIPPED for code in matrix.interviews]
        skipped = len(matrix.skipped(prompt.id))
        table.add([short_question(prompt.question), *cells, skipped], FLAG if skipped else "")
    if not matrix.interviews:
        table.rows, table.kinds = [], []
    else:
        table.notes = [_w("matrix_legend", lang)]
    return table


def matrix_rows(matrix: PromptMatrix, lang: str) -> Table:
    """Long (CSV): one row per prompt and interview."""
    table = Table(
        _w("matrix_title", lang, pack=matrix.pack),
        ["prompt", _w("question", lang), _w("interview", lang), _w("words", lang),
         _w("skipped", lang)],
    )  # fmt: skip
    for prompt in matrix.prompts:
        for code in matrix.interviews:
            words = matrix.cell(prompt.id, code)
            table.add([prompt.id, prompt.question, code, words, "yes" if not words else ""])
    return table


def answer_heading(answer_interview: str, day: date | None, author: str, words: int,
                   lang: str) -> str:  # fmt: skip
    parts = [answer_interview, date_label(day, lang)]
    if author:
        parts.append(author)
    parts.append(words_label(words, lang))
    return " · ".join(parts)


def answers_plain(results: Iterable[PromptAnswers], lang: str) -> str:
    """Each prompt's question, then every answer under its interview, in order."""
    lines: list[str] = []
    for result in results:
        title = one_line(f"{result.prompt.question} ({result.prompt.id})")
        if lines:
            lines += ["", ""]
        lines += [title, "=" * min(len(title), 78)]
        if not result.answers:
            lines.append(_w("none_answered", lang))
        for answer in result.answers:
            heading = answer_heading(answer.interview, answer.interview_date,
                                     answer.author, answer.words, lang)  # fmt: skip
            lines += ["", one_line(heading)]
            lines += ["  " + line for line in for_terminal(answer.text).splitlines()]
        if result.skipped:
            lines += ["", _w("skipped_in", lang, interviews=", ".join(result.skipped))]
    return "\n".join(lines)


def answers_markdown(results: Iterable[PromptAnswers], lang: str, pack: str) -> str:
    lines = [f"# {md_escape(_w('answers_title', lang, pack=pack))}"]
    for result in results:
        lines += ["", f"## {md_escape(result.prompt.question)}", ""]
        if not result.answers:
            lines.append(md_escape(_w("none_answered", lang)))
        for answer in result.answers:
            heading = answer_heading(answer.interview, answer.interview_date,
                                     answer.author, answer.words, lang)  # fmt: skip
            lines += [f"### {md_escape(heading)}", ""]
            lines += [f"> {md_escape(line)}" if line.strip() else ">"
                      for line in answer.text.splitlines()]  # fmt: skip
            lines.append("")
        if result.skipped:
            lines.append(md_escape(_w("skipped_in", lang, interviews=", ".join(result.skipped))))
    return "\n".join(lines).rstrip("\n") + "\n"


def answers_rows(results: Iterable[PromptAnswers], lang: str) -> Table:
    """One row per answer (and per skip, with no words), for CSV."""
    table = Table(
        _w("answers_title", lang, pack=""),
        ["prompt", _w("question", lang), _w("interview", lang), _w("date", lang),
         _w("author", lang), "entry", _w("words", lang), _w("answer", lang)],
    )  # fmt: skip
    for result in results:
        for a in result.answers:
            day = a.interview_date.isoformat() if a.interview_date else ""
            table.add([result.prompt.id, result.prompt.question, a.interview, day, a.author,
                       a.entry, a.words, a.text])  # fmt: skip
        for code in result.skipped:
            table.add([result.prompt.id, result.prompt.question, code, "", "", "", 0, ""])
    return table
