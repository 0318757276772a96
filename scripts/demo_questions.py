"""The demo journal's carry-forward questions (issue 20), kept apart from the
rest of the generator: which of them a later reflection answered (the phrase
of the passage), and which was dropped with a reason. The questions are
worked out from the reflections' answers by the program's own rule
(``carry_forward.carry``); only the ids and times are fixed here, so the demo
is the same on every run.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from eftertanke import anchoring
from eftertanke.carry_forward import carry
from eftertanke.domain import AnswerLink, Entry

# (interview raising it, prompt, n-th line) -> (answering interview, prompt, phrase)
ANSWERED: dict[tuple[str, str, int], tuple[str, str, str]] = {
    ("I01", "not-asked", 0): ("I02", "q-drive", "Kompetence er tydeligt en drivkraft."),
    ("I01", "leads", 0): ("I05", "q-safety", "I afdelingens ledergruppe er hun mere forsigtig."),
    ("I02", "leads", 0): (
        "I04",
        "q-safety",
        "Hun skelnede selv mellem at være den, der skaber tryghed, og den, der har brug for den.",
    ),
}
DROPPED: dict[tuple[str, str, int], str] = {
    ("I02", "not-asked", 0): (
        "For privat til et forskningsinterview; trivslen spørges der til gennem ønsket om en "
        "chef, der spørger ind."
    ),
}


def demo_questions(
    entry: Entry,
    carried: list[str],
    answers: dict[str, dict[str, str]],
    written: dict[str, datetime],
    entry_id: Any,
    namespace: uuid.UUID,
) -> None:
    """Give a demo reflection its questions, some answered and one dropped.

    ``answers`` are every reflection's answers by interview code, ``written``
    when each was written, ``entry_id(code)`` the id of a reflection."""
    code = entry.interview or ""
    carry(entry, carried)
    counts: dict[str, int] = {}
    for question in entry.questions:
        n = counts.get(question.prompt_id, 0)
        counts[question.prompt_id] = n + 1
        key = (code, question.prompt_id, n)
        question.id = str(uuid.uuid5(namespace, "|".join(["question", *map(str, key)])))
        question.created = question.updated = entry.created
        if key in ANSWERED:
            by, prompt, phrase = ANSWERED[key]
            text = answers[by][prompt]
            [(start, end)] = anchoring.find_phrase(text, phrase)
            before, after = anchoring.context(text, start, end)
            question.answered_by = AnswerLink(
                entry=entry_id(by), section=prompt, start=start, end=end,
                quote=text[start:end], before=before, after=after,
            )  # fmt: skip
            question.status = "answered"
            question.closed = question.updated = written[by]
        elif key in DROPPED:
            question.status, question.reason = "dropped", DROPPED[key]
            question.closed = question.updated = written[code]
