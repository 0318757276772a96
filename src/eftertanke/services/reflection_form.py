"""A guided reflection as an edit form, and the form back into an entry.

The app's reflection editor (``tui/screens/reflection_edit.py``) shows every
prompt of the entry's pack, answered or skipped, so a skipped question can be
answered later; answers to prompts the pack no longer has stay where they are.
What the form holds goes back into a copy of the entry with ``apply_edit``;
``save_edit`` then validates it (the domain's rules, the same as the command
line's) and saves it against the revision the form opened with.

Rules of the form, written out because they decide what is stored:

- an answer left empty is no section (as when the reflection was written); an
  answer emptied in the editor goes, and a passage coded in it is kept for
  review ("the coded text is gone", as after any edit that removes it);
- a quote row with neither time nor words is ignored (an added row not used);
- quotes that cited the interview the reflection was linked to follow the new
  link; quotes of another interview keep theirs; a new quote cites the link;
- a reflection linked to another interview (or to none) no longer says how
  long after the interview it was written: that number was about the old one;
- themes an edited answer names (a "first themes" answer's lines, a ``#tag``)
  are added to the entry's themes on saving when the codebook has them, as
  when the reflection was written; a name the codebook lacks stays text;
- the ratings offered are the pack's; a pack without ratings (the interview
  reflection) offers the daily check-in's, and a rating stored under a key no
  pack knows is kept and offered too.

No Textual here: the command line and tests use it as well.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eftertanke.domain import TIMESTAMP_RE, Entry, Excerpt, Section
from eftertanke.guided.themes import themes_in_answer
from eftertanke.packs import Bilingual, PromptPack, RatingItem

# Why a quote row cannot be saved (the app puts each in words).
QUOTE_NO_WORDS = "no-words"
QUOTE_BAD_TIME = "bad-time"
QUOTE_NO_INTERVIEW = "no-interview"

# Fields that say who and when, not what: an edit is a change only if more differs.
_BOOKKEEPING = ("updated", "updated_by", "revision", "codings")


def is_guided(entry: Entry) -> bool:
    """Written from a prompt pack (or holding answers to prompts): edited per prompt."""
    return bool(entry.sections) or entry.pack is not None


@dataclass(frozen=True, slots=True)
class AnswerSlot:
    """One prompt of the form: its question and the answer it opened with."""

    prompt_id: str
    question: str  # as stored with the answer ("" in some imports: show the id)
    answer: str = ""
    concept: str | None = None
    orientation: str | None = None
    added_later: bool = False
    # Where the added-later part begins when only part of it is (Section).
    added_later_from: int | None = None
    # A prompt of the pack the reflection has no answer to (skipped, or added
    # to the pack since).
    skipped: bool = False
    optional: bool = True
    # The answer is a list of themes (the "first themes" prompt): see ``named_themes``.
    theme_lines: bool = False


def answer_slots(entry: Entry, pack: PromptPack | None) -> list[AnswerSlot]:
    """Every answer of ``entry`` in its stored order, with each prompt of ``pack``
    it lacks put after the nearest earlier prompt of the pack that it has."""
    in_pack = {p.id: p for p in pack.prompts} if pack is not None else {}
    slots = [
        AnswerSlot(
            prompt_id=s.prompt_id,
            question=s.prompt_text,
            answer=s.answer,
            concept=s.concept,
            orientation=s.orientation,
            added_later=s.added_later,
            added_later_from=s.added_later_from,
            optional=in_pack[s.prompt_id].optional if s.prompt_id in in_pack else True,
            theme_lines=in_pack[s.prompt_id].theme_lines if s.prompt_id in in_pack else False,
        )
        for s in entry.sections
    ]
    if pack is None:
        return slots
    answered = {s.prompt_id for s in entry.sections}
    for position, prompt in enumerate(pack.prompts):
        if prompt.id in answered:
            continue
        at = 0
        for earlier in reversed(pack.prompts[:position]):
            found = next((i for i, s in enumerate(slots) if s.prompt_id == earlier.id), None)
            if found is not None:
                at = found + 1
                break
        slots.insert(
            at,
            AnswerSlot(
                prompt_id=prompt.id,
                question=prompt.question.get(entry.language),
                concept=prompt.concept,
                orientation=prompt.orientation,
                skipped=True,
                optional=prompt.optional,
                theme_lines=prompt.theme_lines,
            ),
        )
        answered.add(prompt.id)
    return slots


def rating_items(entry: Entry, packs: Mapping[str, PromptPack]) -> list[RatingItem]:
    """The ratings the form offers for ``entry`` (see the module's rules)."""
    pack = packs.get(entry.pack or "")
    items = list(pack.ratings) if pack is not None else []
    if not items:
        fallback = packs.get("daily")
        items = list(fallback.ratings) if fallback is not None else []
    known = {item.key for item in items}
    for key in entry.ratings:
        if key not in known:
            items.append(RatingItem(key, Bilingual(key, key), Bilingual("", ""), Bilingual("", "")))
            known.add(key)
    return items


def quote_problem(timestamp: str, words: str, interview: str | None) -> str | None:
    """Why a quote cannot be saved as typed (``QUOTE_*``), or None.

    The same rules as the domain's ``Excerpt.validate`` (and so the command
    line's ``:quote``): words are needed, and a time is 9.45, 09:45 or 1:09:45."""
    if not words.strip():
        return QUOTE_NO_WORDS
    if timestamp.strip() and not TIMESTAMP_RE.match(timestamp.strip()):
        return QUOTE_BAD_TIME
    if not (interview or "").strip():
        return QUOTE_NO_INTERVIEW
    return None


@dataclass(frozen=True, slots=True)
class AnswerEdit:
    """An answer row: the prompt it answers, its text, and whether it was added later."""

    slot: AnswerSlot
    text: str
    added_later: bool = False


@dataclass(frozen=True, slots=True)
class QuoteEdit:
    """A quote row: the excerpt it opened with (None for a new row) and what it holds."""

    original: Excerpt | None
    timestamp: str
    words: str

    @property
    def blank(self) -> bool:
        return not self.timestamp.strip() and not self.words.strip()


@dataclass(frozen=True, slots=True)
class ReflectionEdit:
    """What the form holds: the reflection's title, body, answers, quotes, themes and ratings."""

    title: str
    body: str
    answers: Sequence[AnswerEdit]
    quotes: Sequence[QuoteEdit]
    themes: Sequence[str]
    concepts: Sequence[str]
    ratings: Mapping[str, int | None]
    interview: str | None


def quote_interview(quote: QuoteEdit, opened_link: str | None, link: str | None) -> str:
    """The interview a quote row cites once the form is saved."""
    cited = quote.original.interview if quote.original is not None else ""
    if link and (quote.original is None or not cited or cited == opened_link):
        return link
    return cited


def apply_edit(entry: Entry, edit: ReflectionEdit) -> Entry:
    """A copy of ``entry`` holding what the form holds (not yet validated)."""
    edited = Entry.from_dict(entry.to_dict())
    edited.title = edit.title
    edited.body = edit.body
    edited.sections = [
        Section(
            prompt_id=a.slot.prompt_id,
            prompt_text=a.slot.question,
            answer=a.text,
            concept=a.slot.concept,
            orientation=a.slot.orientation,
            added_later=a.added_later,
            # A partial mark holds while its text does; a changed text or a
            # checkbox ticked here marks the whole answer, as the form shows it.
            added_later_from=(
                a.slot.added_later_from
                if a.added_later and a.slot.added_later and a.text == a.slot.answer
                else None
            ),
        )
        for a in edit.answers
        if a.text.strip()
    ]
    excerpts: list[Excerpt] = []
    for quote in edit.quotes:
        if quote.blank:
            continue
        original = quote.original
        excerpts.append(
            Excerpt(
                interview=quote_interview(quote, entry.interview, edit.interview),
                timestamp=quote.timestamp.strip(),
                quote=quote.words.strip(),
                themes=list(original.themes) if original is not None else [],
                note=original.note if original is not None else "",
            )
        )
    edited.excerpts = excerpts
    edited.themes = list(edit.themes)
    edited.concepts = list(edit.concepts)
    ratings = {key: value for key, value in edit.ratings.items() if value is not None}
    # Keys the form did not show (none today) are kept as they were.
    for key, value in entry.ratings.items():
        if key not in edit.ratings:
            ratings[key] = value
    edited.ratings = ratings
    edited.interview = edit.interview or None
    if edited.interview != entry.interview:
        edited.written_after_minutes = None
    return edited


def named_themes(edit: ReflectionEdit) -> list[str]:
    """Themes the edited answers name that they did not name when the form opened:
    the lines of a "first themes" answer, ``#tags`` in the others (the rule of
    ``guided.themes``, as when the reflection was written). The editor adds those
    the codebook has to the entry's themes when it saves; other names stay text."""
    found: list[str] = []
    for answer in edit.answers:
        lines = answer.slot.theme_lines
        before = {n.casefold() for n, _ in themes_in_answer(answer.slot.answer, theme_lines=lines)}
        for name, _concept in themes_in_answer(answer.text, theme_lines=lines):
            key = name.casefold()
            if key not in before and key not in {f.casefold() for f in found}:
                found.append(name)
    return found


def changed(stored: Entry, edited: Entry) -> bool:
    """True if ``edited`` says something ``stored`` does not (bookkeeping aside)."""
    a, b = stored.to_dict(), edited.to_dict()
    for key in _BOOKKEEPING:
        a.pop(key, None)
        b.pop(key, None)
    return a != b


__all__ = [
    "QUOTE_BAD_TIME",
    "QUOTE_NO_INTERVIEW",
    "QUOTE_NO_WORDS",
    "AnswerEdit",
    "AnswerSlot",
    "QuoteEdit",
    "ReflectionEdit",
    "answer_slots",
    "apply_edit",
    "changed",
    "is_guided",
    "named_themes",
    "quote_interview",
    "quote_problem",
    "rating_items",
]
