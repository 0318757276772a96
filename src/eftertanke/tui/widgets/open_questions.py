"""The open questions earlier reflections carried forward, in a few lines.

Home, the interview form and the guided reflection's first step show them
when the next interview is planned or started: a title with the count, then
one line per question ("I01  Spørg til tavsheden …"), the rest counted. The
question text is the writer's, so it goes in as ``Content``, never markup.
"""

from __future__ import annotations

from textual.content import Content

from eftertanke.i18n import t
from eftertanke.services.questions import StudyQuestion
from eftertanke.textsafe import one_line

SHOWN = 5


def question_line(question: StudyQuestion, width: int = 72) -> Content:
    code = (question.interview or "–").ljust(5)
    return Content.assemble(
        (code, "bold"), " ", one_line(question.question.text, max(10, width - 6))
    )


def open_questions_content(
    questions: list[StudyQuestion],
    lang: str,
    *,
    shown: int = SHOWN,
    width: int = 72,
    key_hint: str = "",
) -> Content:
    """ "Open questions (N)" and the first ``shown`` of them, one line each."""
    title = t("tui.questions.open_title", lang, n=len(questions))
    parts: list[Content | str | tuple[str, str]] = [(title, "bold")]
    if key_hint:
        parts.append((f"  {key_hint}", "dim"))
    for question in questions[:shown]:
        parts += ["\n", question_line(question, width)]
    if len(questions) > shown:
        parts += ["\n", (t("tui.questions.more", lang, n=len(questions) - shown), "dim")]
    return Content.assemble(*parts)


__all__ = ["open_questions_content", "question_line"]
