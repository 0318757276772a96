"""A guided reflection session: one prompt pack walked prompt by prompt.

This is the model behind both the plain-terminal prompts and the TUI; it does
no I/O. The writer steps forward and back, answers, skips optional prompts,
rates, adds themes and excerpts, and may switch language at any time (prompt
texts follow the language; answers stay). ``to_draft`` gives a JSON-safe dict
that the caller persists after every change, so ``from_draft`` can resume
after a crash without losing a word (``draft.py``); ``finish`` turns the
session into an ``Entry`` (``finish.py``). Themes in answers follow the rule
in ``themes.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import LANGUAGES, Entry, Excerpt, new_id, now
from eftertanke.guided import draft, finish
from eftertanke.guided.answer import Answer
from eftertanke.guided.errors import GuidedError
from eftertanke.guided.quote_lines import QuoteLine, quote_lines
from eftertanke.guided.themes import add_unique
from eftertanke.packs.loader import Prompt, PromptPack


@dataclass(slots=True)
class GuidedSession:
    """One guided reflection under way: its pack, where the writer is, and what they have given."""

    pack: PromptPack
    language: str = "da"
    interview: str | None = None
    interview_ended: datetime | None = None
    started: datetime = field(default_factory=now)
    draft_id: str = field(default_factory=new_id)
    position: int = 0
    answers: dict[str, Answer] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        pack: PromptPack,
        *,
        language: str = "da",
        interview: str | None = None,
        interview_ended: datetime | None = None,
        started: datetime | None = None,
    ) -> GuidedSession:
        _check_language(language)
        if interview_ended is not None and interview_ended.tzinfo is None:
            raise GuidedError("the interview's end time needs a time zone")
        return cls(
            pack=pack,
            language=language,
            interview=(interview or "").strip() or None,
            interview_ended=interview_ended,
            started=started or now(),
        )

    # -- where we are --

    @property
    def total(self) -> int:
        return len(self.pack.prompts)

    @property
    def current(self) -> Prompt | None:
        """The prompt at the current position; None once past the last one."""
        if 0 <= self.position < self.total:
            return self.pack.prompts[self.position]
        return None

    @property
    def at_end(self) -> bool:
        return self.position >= self.total

    def question(self, prompt: Prompt | None = None) -> str:
        prompt = prompt or self._require_current()
        return prompt.question.get(self.language)

    def hint(self, prompt: Prompt | None = None) -> str:
        prompt = prompt or self._require_current()
        return prompt.hint.get(self.language) if prompt.hint else ""

    def answer_of(self, prompt_id: str) -> str:
        answer = self.answers.get(prompt_id)
        return answer.text if answer else ""

    def _require_current(self) -> Prompt:
        prompt = self.current
        if prompt is None:
            raise GuidedError("there is no current prompt: the session is at its end")
        return prompt

    # -- moving --

    def forward(self) -> None:
        """Go to the next prompt; a required prompt must be answered first."""
        prompt = self._require_current()
        if not prompt.optional and not self.answer_of(prompt.id).strip():
            raise GuidedError(
                f"“{self.question(prompt)}” needs an answer before you go on",
                key="error.guided_needs_answer",
                question=self.question(prompt),
            )
        self.position += 1

    def skip(self) -> None:
        """Pass an optional prompt. An answer already written is kept, never dropped."""
        prompt = self._require_current()
        if not prompt.optional and not self.answer_of(prompt.id).strip():
            raise GuidedError(
                f"“{self.question(prompt)}” cannot be skipped: it needs an answer",
                key="error.guided_no_skip",
                question=self.question(prompt),
            )
        if not self.answer_of(prompt.id).strip() and prompt.id not in self.skipped:
            self.skipped.append(prompt.id)
        self.position += 1

    def back(self) -> bool:
        """Go to the previous prompt; False when already at the first."""
        if self.position == 0:
            return False
        self.position = min(self.position, self.total) - 1
        return True

    def go_to(self, prompt_id: str) -> None:
        for index, prompt in enumerate(self.pack.prompts):
            if prompt.id == prompt_id:
                self.position = index
                return
        raise GuidedError(f"the pack {self.pack.id!r} has no prompt {prompt_id!r}")

    # -- writing --

    def answer(self, text: str, *, advance: bool = True) -> None:
        """Store the answer to the current prompt (and by default go on).

        An empty answer clears the prompt's answer; on a required prompt that
        then blocks going on, so it is stored without advancing.
        """
        prompt = self._require_current()
        previous = self.answers.get(prompt.id)
        text = text.rstrip()
        if text.strip():
            self.answers[prompt.id] = Answer(
                text=text,
                added_later=previous.added_later if previous else False,
                prompt_text=self.question(prompt),
                added_later_from=previous.retyped(text) if previous else None,
            )
            if prompt.id in self.skipped:
                self.skipped.remove(prompt.id)
        elif previous is not None and previous.added_later:
            # Emptied, but still marked: what is typed next is added later.
            previous.text, previous.added_later_from = "", None
        else:
            self.answers.pop(prompt.id, None)
        if advance:
            if text.strip():
                self.position += 1
            else:
                self.skip()

    def mark_added_later(self, flag: bool = True, prompt_id: str | None = None) -> None:
        """Mark what is written from now on in an answer as added later from
        memory (transparency about when); what the answer holds already is
        not. Marking an empty answer marks all of it; ``flag=False`` takes the
        mark away again."""
        prompt = self.pack.prompt(prompt_id) if prompt_id else self._require_current()
        if prompt is None:
            raise GuidedError(f"the pack {self.pack.id!r} has no prompt {prompt_id!r}")
        answer = self.answers.get(prompt.id)
        if not flag:
            if answer is not None:
                answer.added_later, answer.added_later_from = False, None
                if not answer.text.strip():
                    self.answers.pop(prompt.id)
            return
        if answer is None:
            self.answers[prompt.id] = Answer("", True, self.question(prompt), None)
        elif not answer.added_later:
            answer.added_later = True
            answer.added_later_from = len(answer.text) or None

    def later_parts(self, prompt_id: str) -> tuple[str, str]:
        """An answer as (written first, added later from memory)."""
        answer = self.answers.get(prompt_id)
        if answer is None or not answer.added_later:
            return (answer.text if answer else ""), ""
        start = answer.added_later_from
        if start is None:
            return "", answer.text
        # A mark at the very end: nothing has been added later yet.
        return answer.text[:start], answer.text[start:]

    def set_rating(self, key: str, value: int | None) -> None:
        item = self.pack.rating(key)
        if item is None:
            keys = ", ".join(r.key for r in self.pack.ratings) or "none"
            raise GuidedError(f"the pack {self.pack.id!r} has no rating {key!r} (it has: {keys})")
        if value is None:
            self.ratings.pop(key, None)
            return
        if not isinstance(value, int) or isinstance(value, bool):
            raise GuidedError(f"rating {key!r} must be a whole number")
        if not item.minimum <= value <= item.maximum:
            raise GuidedError(
                f"rating {key!r} must be from {item.minimum} to {item.maximum}, not {value}",
                key="error.guided_rating_range",
                rating=repr(key),
                low=item.minimum,
                high=item.maximum,
                value=value,
            )
        self.ratings[key] = value

    def add_theme(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise GuidedError("a theme needs a name", key="error.theme_needs_name")
        add_unique(self.themes, name)

    def remove_theme(self, name: str) -> None:
        self.themes = [t for t in self.themes if t.casefold() != name.strip().casefold()]

    def add_excerpt(
        self,
        timestamp: str,
        quote: str,
        themes: list[str] | tuple[str, ...] = (),
        *,
        note: str = "",
        interview: str | None = None,
    ) -> Excerpt:
        code = (interview or self.interview or "").strip()
        if not code:
            raise GuidedError(
                "an excerpt needs an interview; start the session with one",
                key="error.excerpt_needs_interview",
            )
        excerpt = Excerpt(
            interview=code, timestamp=timestamp, quote=quote, themes=list(themes), note=note
        )
        excerpt.validate()
        self.excerpts.append(excerpt)
        return excerpt

    def quote_lines(self) -> list[QuoteLine]:
        """The quotes written as lines ("9.45 text") in the answers to the
        pack's quote prompts, in the pack's order."""
        found: list[QuoteLine] = []
        for prompt in self.pack.prompts:
            if prompt.quote_lines and self.answer_of(prompt.id):
                found += quote_lines(self.answer_of(prompt.id))[0]
        return found

    def all_excerpts(self) -> list[Excerpt]:
        """The excerpts the entry will hold: those added one by one, then the
        quote lines (once an interview is chosen; one already added is not
        added twice)."""
        out = list(self.excerpts)
        code = (self.interview or "").strip()
        if not code:
            return out
        seen = {(e.timestamp, " ".join(e.quote.split())) for e in out}
        for line in self.quote_lines():
            key = (line.timestamp, " ".join(line.quote.split()))
            if key not in seen:
                seen.add(key)
                out.append(Excerpt(interview=code, timestamp=line.timestamp, quote=line.quote,
                                   themes=list(line.themes)))
        return out

    def set_language(self, language: str) -> None:
        _check_language(language)
        self.language = language

    # -- drafts --

    def to_draft(self) -> dict[str, Any]:
        """Everything needed to resume, as JSON-safe data (orjson or json)."""
        return draft.to_draft(self)

    @classmethod
    def from_draft(cls, data: Mapping[str, Any], packs: Mapping[str, PromptPack]) -> GuidedSession:
        """Resume a session from ``to_draft`` data, e.g. after a crash.

        The pack may have changed since (a new version): answers are matched
        by prompt id, and answers to prompts that no longer exist are kept
        and still end up in the entry.
        """
        return draft.from_draft(cls, data, packs)

    # -- finishing --

    def finish(
        self,
        author: str = "",
        *,
        finished: datetime | None = None,
        title: str | None = None,
        theme_concepts: Mapping[str, str] | None = None,
    ) -> Entry:
        """The entry this session wrote, validated.

        ``theme_concepts`` maps theme names (any case) to concepts, e.g. the
        journal's codebook; the starter codebook is always consulted too, so a
        theme like "Farlig tavshed" brings the concept safety with it.
        """
        return finish.finished_entry(
            self, author, finished=finished, title=title, theme_concepts=theme_concepts
        )


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise GuidedError(f"unknown language {language!r}; use da or en")
