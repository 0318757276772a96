"""Questions a reflection carries forward: from its answers to its open questions.

A post-interview reflection's answers to the prompts its pack marks
``carry_forward`` ("what did you not ask", "which leads") are questions for
the next interviews: one question per non-empty line of such an answer (a
leading list mark, "- " or "1.", is not part of it). ``carry`` works them
out whenever the reflection is saved, written anew or edited:

* a line that is still there keeps its question (id, status and all), so an
  edit elsewhere never reopens or renumbers anything;
* a new or changed line is a new open question;
* an open question whose line is gone goes with it (it was the writer's own
  unsent thought), but a question already answered or dropped is never
  dropped by an edit: it is history, and a passage may point at it.

Pure functions over domain objects; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eftertanke.domain import CarriedQuestion, Entry, now

_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s+")


def question_lines(answer: str) -> list[str]:
    """The questions one answer holds: its non-empty lines, without list marks."""
    out: list[str] = []
    for line in answer.splitlines():
        text = " ".join(_LIST_MARK.sub("", line).split())
        if text and text not in out:
            out.append(text)
    return out


def carry(entry: Entry, prompt_ids: Iterable[str]) -> bool:
    """Bring ``entry.questions`` in line with its answers to ``prompt_ids``;
    True if anything changed. The rules are in the module's docstring."""
    wanted = set(prompt_ids)
    existing = list(entry.questions)
    unused = list(existing)
    result: list[CarriedQuestion] = []
    for section in entry.sections:
        if section.prompt_id not in wanted:
            continue
        for text in question_lines(section.answer):
            match = next(
                (q for q in unused if q.prompt_id == section.prompt_id and q.text == text), None
            )
            if match is None:
                moment = now()
                match = CarriedQuestion(
                    text=text, prompt_id=section.prompt_id, created=moment, updated=moment
                )
            else:
                unused.remove(match)
            result.append(match)
    # Answered and dropped questions stay whatever the answer now says.
    result.extend(q for q in unused if q.status != "open")
    if [q.id for q in result] == [q.id for q in existing]:
        return False
    entry.questions = result
    return True


__all__ = ["carry", "question_lines"]
