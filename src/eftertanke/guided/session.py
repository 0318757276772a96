"""A guided reflection session: one prompt pack walked prompt by prompt.

This is the model behind both the plain-terminal prompts and the TUI; it does
no I/O. The writer steps forward and back, answers, skips optional prompts,
rates, adds themes and excerpts, and may switch language at any time (prompt
texts follow the language; answers stay). ``to_draft`` gives a JSON-safe dict
that the caller persists after every change, so ``from_draft`` can resume
after a crash without losing a word; ``finish`` turns the session into an
``Entry``.

Theme rule (documented for users, see ``themes_in_answer``):

* In a prompt marked ``theme_lines`` (the "first themes" prompts), every line
  is split on commas and semicolons (not inside parentheses); each piece,
  without a leading bullet (``-``, ``*``, ``•``, ``1.``) or ``#``, is a theme.
  A line may start with a concept, ``tryghed: farlig tavshed, skyggen`` or
  ``safety: …`` (the key or its Danish/English name), which files those
  themes under that concept.
* In every other answer, ``#tag`` words are themes: ``#`` after a space or at the
  start of a line, then letters, digits, ``-`` or ``_`` (``_`` reads as a
  space: ``#farlig_tavshed`` → "farlig tavshed"). ``# heading`` and ``#3``
  are not tags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import (
    CONCEPT_NAMES,
    CONCEPTS,
    LANGUAGES,
    Entry,
    Excerpt,
    Section,
    ValidationError,
    new_id,
    now,
)
from eftertanke.packs.loader import Prompt, PromptPack, starter_theme_concepts

DRAFT_FORMAT = "eftertanke-guided-draft"
DRAFT_VERSION = 1


class GuidedError(ValidationError):
    """A step the session cannot take; the message is for the writer."""


class DraftError(GuidedError):
    """A draft that cannot be resumed (unknown pack, malformed data)."""


@dataclass(slots=True)
class Answer:
    text: str
    added_later: bool = False
    # The question as last shown, so an answer survives a pack that has
    # since dropped or renamed its prompt.
    prompt_text: str = ""


# --- themes from text ---------------------------------------------------------

_TAG_RE = re.compile(r"(?:(?<=\s)|^)#([\w][\w-]*)", re.MULTILINE)
_BULLET_RE = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_CONCEPT_PREFIX_RE = re.compile(r"^\s*([^:,;()]{2,40}?)\s*:\s*(.*)$")


def _concept_aliases() -> dict[str, str]:
    aliases = {key: key for key in CONCEPTS}
    for key, names in CONCEPT_NAMES.items():
        for name in names.values():
            aliases[name.casefold()] = key
    # Short forms people actually write.
    aliases.update(
        {
            "drivkraft": "drive",
            "motivation": "drive",
            "rammer": "frames",
            "tryghed": "safety",
            "well-being": "wellbeing",
            "trivsel": "wellbeing",
        }
    )
    return aliases


CONCEPT_ALIASES: dict[str, str] = _concept_aliases()


def _split_outside_parentheses(line: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in line:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def themes_in_answer(text: str, *, theme_lines: bool) -> list[tuple[str, str | None]]:
    """(theme, concept or None) pairs found in an answer, by the module's rule."""
    found: list[tuple[str, str | None]] = []
    if theme_lines:
        for line in text.splitlines():
            concept = None
            match = _CONCEPT_PREFIX_RE.match(line)
            if match and match.group(1).strip().casefold() in CONCEPT_ALIASES:
                concept = CONCEPT_ALIASES[match.group(1).strip().casefold()]
                line = match.group(2)
            for piece in _split_outside_parentheses(line):
                name = _BULLET_RE.sub("", piece).strip().lstrip("#").strip()
                name = " ".join(name.split())
                if name:
                    found.append((name, concept))
        return found  # every line is a theme already; a leading # is just decoration
    for tag in _TAG_RE.findall(text):
        if not tag.isdigit():
            found.append((tag.replace("_", " ").strip(), None))
    return found


def _add_unique(names: list[str], name: str) -> None:
    if name.casefold() not in {n.casefold() for n in names}:
        names.append(name)


# --- the session ---------------------------------------------------------------


@dataclass(slots=True)
class GuidedSession:
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
            raise GuidedError(f"“{self.question(prompt)}” needs an answer before you go on")
        self.position += 1

    def skip(self) -> None:
        """Pass an optional prompt. An answer already written is kept, never dropped."""
        prompt = self._require_current()
        if not prompt.optional and not self.answer_of(prompt.id).strip():
            raise GuidedError(f"“{self.question(prompt)}” cannot be skipped: it needs an answer")
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
        if text.strip():
            self.answers[prompt.id] = Answer(
                text=text.rstrip(),
                added_later=previous.added_later if previous else False,
                prompt_text=self.question(prompt),
            )
            if prompt.id in self.skipped:
                self.skipped.remove(prompt.id)
        else:
            self.answers.pop(prompt.id, None)
        if advance:
            if text.strip():
                self.position += 1
            else:
                self.skip()

    def mark_added_later(self, flag: bool = True, prompt_id: str | None = None) -> None:
        """Mark an answer as added later from memory (transparency about when)."""
        prompt_id = prompt_id or self._require_current().id
        answer = self.answers.get(prompt_id)
        if answer is None:
            raise GuidedError("write the answer first, then mark it as added later")
        answer.added_later = flag

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
                f"rating {key!r} must be from {item.minimum} to {item.maximum}, not {value}"
            )
        self.ratings[key] = value

    def add_theme(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise GuidedError("a theme needs a name")
        _add_unique(self.themes, name)

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
            raise GuidedError("an excerpt needs an interview; start the session with one")
        excerpt = Excerpt(
            interview=code, timestamp=timestamp, quote=quote, themes=list(themes), note=note
        )
        excerpt.validate()
        self.excerpts.append(excerpt)
        return excerpt

    def set_language(self, language: str) -> None:
        _check_language(language)
        self.language = language

    # -- drafts --

    def to_draft(self) -> dict[str, Any]:
        """Everything needed to resume, as JSON-safe data (orjson or json)."""
        return {
            "format": DRAFT_FORMAT,
            "format_version": DRAFT_VERSION,
            "draft_id": self.draft_id,
            "pack": {"id": self.pack.id, "version": self.pack.version},
            "language": self.language,
            "interview": self.interview,
            "interview_ended": _iso(self.interview_ended),
            "started": _iso(self.started),
            "saved": _iso(now()),
            "position": self.position,
            "answers": [
                {
                    "prompt_id": prompt_id,
                    "text": answer.text,
                    "added_later": answer.added_later,
                    "prompt_text": answer.prompt_text,
                }
                for prompt_id, answer in self.answers.items()
            ],
            "skipped": list(self.skipped),
            "ratings": dict(self.ratings),
            "themes": list(self.themes),
            "excerpts": [e.to_dict() for e in self.excerpts],
        }

    @classmethod
    def from_draft(cls, data: Mapping[str, Any], packs: Mapping[str, PromptPack]) -> GuidedSession:
        """Resume a session from ``to_draft`` data, e.g. after a crash.

        The pack may have changed since (a new version): answers are matched
        by prompt id, and answers to prompts that no longer exist are kept
        and still end up in the entry.
        """
        if not isinstance(data, Mapping) or data.get("format") != DRAFT_FORMAT:
            raise DraftError("this is not a guided-reflection draft")
        if int(data.get("format_version", 0)) > DRAFT_VERSION:
            raise DraftError("this draft was written by a newer eftertanke; update to resume it")
        pack_id = (data.get("pack") or {}).get("id")
        pack = packs.get(pack_id) if isinstance(pack_id, str) else None
        if pack is None:
            raise DraftError(f"the draft's prompt pack {pack_id!r} is not available")
        try:
            session = cls.start(
                pack,
                language=str(data.get("language") or "da"),
                interview=data.get("interview"),
                interview_ended=_parse(data.get("interview_ended")),
                started=_parse(data.get("started")),
            )
            session.draft_id = str(data.get("draft_id") or new_id())
            for raw in data.get("answers") or []:
                session.answers[str(raw["prompt_id"])] = Answer(
                    text=str(raw.get("text", "")),
                    added_later=bool(raw.get("added_later", False)),
                    prompt_text=str(raw.get("prompt_text", "")),
                )
            session.skipped = [str(s) for s in data.get("skipped") or []]
            for key, value in (data.get("ratings") or {}).items():
                if pack.rating(key) is not None:
                    session.set_rating(key, int(value))
            session.themes = [str(t) for t in data.get("themes") or []]
            session.excerpts = [Excerpt.from_dict(e) for e in data.get("excerpts") or []]
            session.position = max(0, min(int(data.get("position", 0)), session.total))
        except (KeyError, TypeError, ValueError) as exc:
            raise DraftError(f"the draft is damaged: {exc}") from exc
        return session

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
        finished = finished or now()
        sections: list[Section] = []
        concepts: set[str] = set()
        themes: list[str] = list(self.themes)
        theme_concept: dict[str, str] = dict(starter_theme_concepts())
        theme_concept.update({k.casefold(): v for k, v in (theme_concepts or {}).items()})

        for prompt in self.pack.prompts:
            answer = self.answers.get(prompt.id)
            if answer is None or not answer.text.strip():
                continue
            sections.append(
                Section(
                    prompt_id=prompt.id,
                    prompt_text=self.question(prompt),
                    answer=answer.text,
                    concept=prompt.concept,
                    orientation=prompt.orientation,
                    added_later=answer.added_later,
                )
            )
            if prompt.concept:
                concepts.add(prompt.concept)
            for name, concept in themes_in_answer(answer.text, theme_lines=prompt.theme_lines):
                _add_unique(themes, name)
                if concept:
                    concepts.add(concept)
        # Answers to prompts the pack no longer has: kept, never dropped.
        for prompt_id, answer in self.answers.items():
            if self.pack.prompt(prompt_id) is None and answer.text.strip():
                sections.append(
                    Section(
                        prompt_id=prompt_id,
                        prompt_text=answer.prompt_text or prompt_id,
                        answer=answer.text,
                        added_later=answer.added_later,
                    )
                )
        for name in themes + [t for e in self.excerpts for t in e.themes]:
            concept = theme_concept.get(name.casefold())
            if concept:
                concepts.add(concept)

        entry = Entry(
            kind=self.pack.entry_kind,
            title=self._title() if title is None else title,
            sections=sections,
            concepts=[c for c in CONCEPTS if c in concepts],
            themes=themes,
            interview=self.interview,
            excerpts=list(self.excerpts),
            ratings=dict(self.ratings),
            author=author,
            updated_by=author,
            language=self.language,
            pack=self.pack.id,
            # created is when writing began; updated is when it was finished.
            created=self.started,
            updated=finished,
            written_after_minutes=self._written_after(finished),
        )
        try:
            return entry.validate()
        except ValidationError as exc:
            raise GuidedError(str(exc)) from exc

    def _title(self) -> str:
        template = self.pack.entry_title
        if template is None:
            return ""
        text = template.get(self.language)
        if "{interview}" in text:
            if not self.interview:
                return ""
            text = text.replace("{interview}", self.interview)
        return text

    def _written_after(self, finished: datetime) -> int | None:
        if self.interview_ended is None:
            return None
        minutes = (finished - self.interview_ended).total_seconds() / 60
        # Finishing "before" the interview ended means the end time is wrong;
        # no number is more honest than a made-up one.
        return int(minutes) if minutes >= 0 else None


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise GuidedError(f"unknown language {language!r}; use da or en")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError(f"time without a time zone: {value!r}")
    return parsed


__all__ = [
    "CONCEPT_ALIASES",
    "Answer",
    "DraftError",
    "GuidedError",
    "GuidedSession",
    "themes_in_answer",
]
