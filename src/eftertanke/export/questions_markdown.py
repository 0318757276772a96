"""An entry's carried questions in its Markdown export: the front matter's
``questions:`` key, one flow map per question (its text, the prompt it came
from, its status, when it was raised and closed, the passage that answered it
or the reason it was dropped), so the importer gives the same questions back
and a reader sees them kept apart from what the reflection said. Nothing is
written for an entry without questions, so its export stays what it was.
"""

from __future__ import annotations

from typing import Any

from eftertanke.dates import format_date
from eftertanke.domain import Entry
from eftertanke.i18n import t

QUESTION_KEYS = ("id", "text", "prompt_id", "status", "created", "updated", "closed", "reason")
LINK_KEYS = ("entry", "section", "start", "end", "quote", "before", "after")


def questions_block(questions: Any, flow_value: Any, quote: Any) -> str | None:
    """The ``questions:`` key of a front matter, or None when there are none."""
    rows = []
    for question in questions or ():
        if not isinstance(question, dict):
            continue
        pairs = [f"{quote(k)}: {flow_value(question.get(k))}" for k in QUESTION_KEYS]
        link = question.get("answered_by")
        if isinstance(link, dict):
            inner = ", ".join(f"{quote(k)}: {flow_value(link.get(k))}" for k in LINK_KEYS)
            pairs.append(f"{quote('answered_by')}: {{{inner}}}")
        rows.append(f"  - {{{', '.join(pairs)}}}")
    return "questions:\n" + "\n".join(rows) if rows else None


def question_lines(entry: Entry, lang: str, inline: Any, level: int = 4) -> list[str]:
    """The questions a reflection carried forward, for a document (the interview
    appendix, and docx/pdf/html from it): after what it said, each with its
    status and date, and the answering words or the reason. ``inline`` makes
    user text safe inside a Markdown line."""
    if not entry.questions:
        return []
    lines = [f"{'#' * level} {t('questions.export.title', lang)}", ""]
    for question in entry.questions:
        status = t(f"questions.status.{question.status}", lang)
        if question.closed is not None:
            status += " " + format_date(question.closed, lang)
        line = f"- {inline(question.text)} *({inline(status)})*"
        if question.status == "answered" and question.answered_by is not None:
            words = question.answered_by.quote
            if words:
                line += " " + inline(t("questions.export.answered_by", lang, words=words))
            else:
                line += " " + inline(t("questions.passage_deleted", lang))
        elif question.status == "dropped" and question.reason:
            line += " " + inline(t("questions.dropped_because", lang, reason=question.reason))
        lines.append(line)
    return [*lines, ""]


__all__ = ["question_lines", "questions_block"]
