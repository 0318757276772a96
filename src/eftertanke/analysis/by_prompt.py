"""Analysis by prompt: every answer to one question across the interviews.

A guided reflection stores one answer per prompt (``Section.prompt_id``), so
the answers to one question ("your own role") can be read side by side over
the interviews, in interview date order, and a prompt × interview matrix
shows what was written and what was skipped.

Counting rules:

* The reflections are the entries written with the pack (``pack`` on the
  entry; by default the post-interview reflection) that name an interview.
* Interviews are ordered by their date, undated ones last, then by code;
  several reflections on one interview (two researchers) are ordered by when
  they were written.
* An answer is a section with the prompt's id and some text; its words are
  whitespace-separated words. A prompt is *skipped* in an interview when a
  reflection on it exists and none of its reflections answers the prompt.
* The prompts are the pack's, in the pack's order, then any prompt id found
  in the reflections that the pack no longer has (an older pack version),
  with the question as it was stored.

Pure: takes stored entry dicts, interviews and the pack; reads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from eftertanke.analysis.common import word_count
from eftertanke.domain import Interview
from eftertanke.entry_row import EntryRow
from eftertanke.packs.loader import PromptPack

DEFAULT_PACK = "post-interview"


@dataclass(frozen=True, slots=True)
class PromptInfo:
    """One prompt's id and its question in the chosen language."""

    id: str
    question: str
    concept: str | None = None
    orientation: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    """One reflection's answer to one prompt."""

    interview: str
    interview_date: date | None
    entry: str
    author: str
    written: datetime
    text: str

    @property
    def words(self) -> int:
        return word_count(self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "interview": self.interview,
            "interview_date": self.interview_date.isoformat() if self.interview_date else None,
            "entry": self.entry,
            "author": self.author,
            "written": self.written.isoformat(),
            "words": self.words,
            "answer": self.text,
        }


@dataclass(slots=True)
class PromptAnswers:
    """Every answer to one prompt, in interview order, and where it was skipped."""

    prompt: PromptInfo
    answers: list[Answer] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # interview codes

    def to_json(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt.id,
            "question": self.prompt.question,
            "concept": self.prompt.concept,
            "orientation": self.prompt.orientation,
            "answers": [a.to_json() for a in self.answers],
            "skipped": list(self.skipped),
        }


@dataclass(slots=True)
class Reflections:
    """The pack's reflections on interviews, grouped by interview in date order."""

    pack: str
    prompts: list[PromptInfo]
    interviews: list[str]  # codes, in date order
    dates: dict[str, date | None]
    docs: dict[str, list[Mapping[str, Any]]]  # interview code -> its reflections

    def prompt(self, prompt_id: str) -> PromptInfo | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def answers_to(self, prompt_id: str) -> PromptAnswers:
        """Every answer to ``prompt_id``, side by side in interview order."""
        info = self.prompt(prompt_id) or PromptInfo(prompt_id, prompt_id)
        result = PromptAnswers(info)
        for code in self.interviews:
            found = [a for doc in self.docs[code] if (a := self._answer(doc, code, prompt_id))]
            result.answers.extend(found)
            if not found:
                result.skipped.append(code)
        return result

    def _answer(self, doc: Mapping[str, Any], code: str, prompt_id: str) -> Answer | None:
        row = EntryRow(doc)
        for section in row.sections:
            text = (section.get("answer") or "").strip()
            if section.get("prompt_id") == prompt_id and text:
                return Answer(code, self.dates[code], row.id, row.author, row.created_at, text)
        return None

    def matrix(self) -> PromptMatrix:
        """Words written per prompt and interview; 0 where the prompt was skipped."""
        cells: dict[tuple[str, str], int] = {}
        for prompt in self.prompts:
            answered = self.answers_to(prompt.id)
            for answer in answered.answers:
                key = (prompt.id, answer.interview)
                cells[key] = cells.get(key, 0) + answer.words
            for code in answered.skipped:
                cells[(prompt.id, code)] = 0
        counts = {code: len(self.docs[code]) for code in self.interviews}
        return PromptMatrix(self.pack, self.prompts, self.interviews, cells, counts)


@dataclass(slots=True)
class PromptMatrix:
    """Prompt × interview: words written (0: skipped) in the pack's reflections."""

    pack: str
    prompts: list[PromptInfo]
    interviews: list[str]
    words: dict[tuple[str, str], int]
    reflections: dict[str, int]  # interview code -> reflections on it

    def cell(self, prompt_id: str, interview: str) -> int:
        return self.words.get((prompt_id, interview), 0)

    def skipped(self, prompt_id: str) -> list[str]:
        return [code for code in self.interviews if not self.cell(prompt_id, code)]

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "interviews": [
                {"interview": code, "reflections": self.reflections[code]}
                for code in self.interviews
            ],
            "prompts": [
                {
                    "prompt": p.id,
                    "question": p.question,
                    "words": {code: self.cell(p.id, code) for code in self.interviews},
                    "skipped": self.skipped(p.id),
                }
                for p in self.prompts
            ],
        }


def _interview_order(interviews: Iterable[Interview]) -> dict[str, tuple[Any, ...]]:
    return {
        i.code: (i.date is None, i.date.date() if i.date else date.min, i.code) for i in interviews
    }


def reflections(
    docs: Iterable[Mapping[str, Any]],
    interviews: Iterable[Interview],
    pack: PromptPack | None,
    lang: str,
    pack_id: str = DEFAULT_PACK,
) -> Reflections:
    """The reflections written with ``pack_id`` on interviews, in interview date order."""
    known = list(interviews)
    order = _interview_order(known)
    dates = {i.code: (i.date.date() if i.date else None) for i in known}
    by_code: dict[str, list[Mapping[str, Any]]] = {}
    for doc in docs:
        row = EntryRow(doc)
        if row.pack == pack_id and row.interview and not row.deleted:
            by_code.setdefault(row.interview, []).append(doc)
    for group in by_code.values():
        group.sort(key=lambda d: EntryRow(d).created_at)
    codes = sorted(by_code, key=lambda c: order.get(c, (True, date.max, c)))
    prompts = _prompts(pack, lang, [d for c in codes for d in by_code[c]])
    return Reflections(pack_id, prompts, codes, {c: dates.get(c) for c in codes}, by_code)


def _prompts(pack: PromptPack | None, lang: str, docs: list[Mapping[str, Any]]) -> list[PromptInfo]:
    prompts = [
        PromptInfo(p.id, p.question.get(lang), p.concept, p.orientation)
        for p in (pack.prompts if pack else ())
    ]
    seen = {p.id for p in prompts}
    for doc in docs:
        for section in EntryRow(doc).sections:
            prompt_id = section.get("prompt_id") or ""
            if prompt_id and prompt_id not in seen:
                seen.add(prompt_id)
                prompts.append(
                    PromptInfo(
                        prompt_id,
                        section.get("prompt_text") or prompt_id,
                        section.get("concept"),
                        section.get("orientation") or "",
                    )
                )
    return prompts
