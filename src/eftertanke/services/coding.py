"""Coding passages: the use cases the command line and the app share.

A *source* is one text a coding spans: an entry's free body, one answer of an
entry (by prompt id), or an interview's transcript. Every change is one
locked read-modify-write of the record holding the source (the entry, or the
transcript), so a coding added in the app while ``code add`` runs in a shell
loses neither; a theme the codebook lacks is refused before anything is
written.

``coded_passages`` is the read model: every coding in the journal with what
it needs to be listed, cited and opened (its owner, its words, its source's
label), built from the stored dicts without making ``Entry`` objects.

Long because the coding use cases and the passages read model share one model
of sources and owners and one locked write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eftertanke import anchoring
from eftertanke.domain import Coding, Entry, ValidationError, now
from eftertanke.entry_row import EntryRow, doc_themes
from eftertanke.store.errors import AmbiguousIdError, NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript

ENTRY = "entry"
TRANSCRIPT = "transcript"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a passage is: ``owner`` is an entry id or a transcript id."""

    owner_kind: str  # ENTRY or TRANSCRIPT
    owner: str
    source: str  # "body", "section" or "transcript"
    section: str | None = None

    @classmethod
    def body(cls, entry_id: str) -> Source:
        return cls(ENTRY, entry_id, "body")

    @classmethod
    def answer(cls, entry_id: str, prompt_id: str) -> Source:
        return cls(ENTRY, entry_id, "section", prompt_id)

    @classmethod
    def transcript(cls, transcript_id: str) -> Source:
        return cls(TRANSCRIPT, transcript_id, "transcript")


@dataclass(frozen=True, slots=True)
class CodedPassage:
    """One coding, with its owner, as lists and citations need it."""

    coding: Coding
    owner_kind: str
    owner: str  # entry id or transcript id
    interview: str | None  # the interview code the passage belongs to
    label: str  # the entry's title or "Transcript I03"
    section_label: str  # the prompt's text, "body" or the speaker and time
    respondent: bool  # True for transcript turns of a respondent (not the interviewer)

    @property
    def source(self) -> Source:
        return Source(self.owner_kind, self.owner, self.coding.source, self.coding.section)


def entry_sources(entry: Entry) -> list[tuple[Source, str]]:
    """Every text of an entry a passage can be coded in, with the text."""
    found = [
        (Source.answer(entry.id, s.prompt_id), s.answer) for s in entry.sections if s.answer.strip()
    ]
    if entry.body.strip():
        found.append((Source.body(entry.id), entry.body))
    return found


def source_text(journal: Journal, where: Source) -> str:
    if where.owner_kind == TRANSCRIPT:
        return journal.transcripts.get(where.owner).text
    entry = journal.get_entry(where.owner, include_deleted=False)
    text = entry.source_text(where.source, where.section)
    if text is None:
        raise NotFoundError(
            f"entry {entry.id[:8]} has no answer to prompt {where.section!r}",
            key="error.no_answer",
            id=entry.id[:8],
            prompt=repr(where.section),
        )
    return text


def _check_themes(journal: Journal, themes: Iterable[str]) -> list[str]:
    """The codebook's spelling of each theme; an unknown one is refused."""
    spelling = {t.name.casefold(): t.name for t in journal.themes()}
    out: list[str] = []
    for name in themes:
        found = spelling.get(" ".join(name.split()).casefold())
        if found is None:
            raise NotFoundError(
                f"unknown theme {name!r}; add it first with: eftertanke theme add "
                f'"{name}" --concept KEY',
                key="error.unknown_theme_add",
                name=repr(name),
                typed=name,
            )
        if found not in out:
            out.append(found)
    if not out:
        raise ValidationError(
            "name at least one theme to code the passage with", key="error.coding_no_theme"
        )
    return out


def _change_owner(journal: Journal, where: Source, change: Any) -> None:
    """Apply ``change(codings, text_of)`` to the record that owns the source."""
    if where.owner_kind == TRANSCRIPT:

        def on_transcript(transcript: Transcript) -> None:
            change(transcript.codings, lambda _src, _sec: transcript.text)

        journal.transcripts.modify(where.owner, on_transcript)
    else:

        def on_entry(entry: Entry) -> None:
            change(entry.codings, entry.source_text)

        journal.modify_entry(where.owner, on_entry)


def code_passage(
    journal: Journal,
    where: Source,
    start: int,
    end: int,
    themes: Iterable[str],
    *,
    memo: str = "",
) -> Coding:
    """Code ``[start, end)`` of a source with themes; returns the new coding.

    The same span coded again gains the new themes instead of a second coding."""
    names = _check_themes(journal, themes)
    made: list[Coding] = []

    def change(codings: list[Coding], text_of: Any) -> None:
        text = text_of(where.source, where.section)
        if text is None:
            raise NotFoundError(
                f"there is no answer to prompt {where.section!r} to code",
                key="error.no_answer_to_code",
                prompt=repr(where.section),
            )
        for existing in codings:
            if (existing.source, existing.section, existing.start, existing.end) == (
                where.source,
                where.section,
                start,
                end,
            ):
                existing.themes = list(dict.fromkeys([*existing.themes, *names]))
                if memo:
                    existing.memo = memo
                existing.updated = now()
                made.append(existing)
                return
        coding = Coding.of(
            text,
            start,
            end,
            names,
            source=where.source,
            section=where.section,
            memo=memo,
            author=journal.author,
        )
        codings.append(coding)
        made.append(coding)

    _change_owner(journal, where, change)
    return made[0]


def locate_phrase(
    journal: Journal, owner_kind: str, owner: str, phrase: str
) -> tuple[Source, int, int]:
    """The one place a phrase occurs in an entry (any of its texts) or a transcript.

    Refused, with the count, when it occurs nowhere or more than once: say
    more of the phrase, or give the span."""
    phrase = phrase.strip()
    if not phrase:
        raise ValidationError("the phrase to code is empty", key="error.phrase_empty")
    if owner_kind == TRANSCRIPT:
        transcript = journal.transcripts.get(owner)
        texts = [(Source.transcript(transcript.id), transcript.text)]
    else:
        texts = entry_sources(journal.get_entry(owner, include_deleted=False))
    hits = [(where, s, e) for where, text in texts for s, e in anchoring.find_phrase(text, phrase)]
    if not hits:
        raise NotFoundError(
            f"the phrase {phrase!r} is not in the text",
            key="error.phrase_not_found",
            phrase=repr(phrase),
        )
    if len(hits) > 1:
        raise AmbiguousIdError(
            f"the phrase {phrase!r} occurs {len(hits)} times; quote more of it, or give --span",
            key="error.phrase_ambiguous",
            phrase=repr(phrase),
            n=len(hits),
        )
    return hits[0]


def code_phrase(
    journal: Journal,
    owner_kind: str,
    owner: str,
    phrase: str,
    themes: Iterable[str],
    *,
    memo: str = "",
) -> Coding:
    where, start, end = locate_phrase(journal, owner_kind, owner, phrase)
    return code_passage(journal, where, start, end, themes, memo=memo)


# -- the codings there are -----------------------------------------------------------


def _section_labels(row: EntryRow) -> dict[str | None, str]:
    labels: dict[str | None, str] = {None: "body"}
    for section in row.sections:
        labels[str(section.get("prompt_id"))] = str(section.get("prompt_text") or "")
    return labels


def entry_label(doc: dict[str, Any]) -> str:
    """How a passage's entry is named in lists: its title line (the one rule,
    ``EntryRow.display_title``), or the start of its id when it has no text."""
    row = EntryRow(doc)
    return row.display_title() or row.id[:8]


def _in_text_order(row: EntryRow) -> list[Coding]:
    """An entry's codings in reading order: answers as the entry has them, then
    the body (as ``entry_sources``), and by position inside each."""
    order = {str(s.get("prompt_id")): n for n, s in enumerate(row.sections)}
    codings = [Coding.from_dict(raw) for raw in row.codings]
    codings.sort(
        key=lambda c: (
            order.get(str(c.section), len(order)) if c.section else len(order) + 1,
            c.start,
            c.end,
        )
    )
    return codings


def passages_of_entry(doc: dict[str, Any]) -> Iterator[CodedPassage]:
    row = EntryRow(doc)
    labels = _section_labels(row)
    label = entry_label(doc)
    for coding in _in_text_order(row):
        yield CodedPassage(
            coding,
            ENTRY,
            row.id,
            row.interview or None,
            label,
            labels.get(coding.section, str(coding.section)),
            False,
        )


def passages_of_transcript(transcript: Transcript) -> Iterator[CodedPassage]:
    from eftertanke.transcript import clock

    for coding in sorted(transcript.codings, key=lambda c: (c.start, c.end)):
        turn = transcript.turns[transcript.turn_at(coding.start)]
        when = f" {clock(turn.start)}" if turn.start is not None else ""
        yield CodedPassage(
            coding,
            TRANSCRIPT,
            transcript.id,
            transcript.interview,
            f"Transcript {transcript.interview}",
            f"{turn.speaker}{when}",
            not transcript.is_interviewer(turn.speaker),
        )


def coded_passages(
    journal: Journal,
    *,
    theme: str | None = None,
    interview: str | None = None,
    review_only: bool = False,
) -> list[CodedPassage]:
    """Every coding in the journal (live entries and transcripts), filtered:
    entries oldest first, then transcripts by interview; within one source by
    position."""
    found: list[CodedPassage] = []
    wanted_theme = theme.casefold() if theme else None
    wanted_interview = interview.casefold() if interview else None

    def may_hold(doc: dict[str, Any]) -> bool:
        # Cheap checks on the stored dict first: at 50,000 codings most of them
        # are never made into objects when a filter is given.
        if not doc.get("codings"):
            return False
        if wanted_interview and str(doc.get("interview") or "").casefold() != wanted_interview:
            return False
        return not wanted_theme or any(name.casefold() == wanted_theme for name in doc_themes(doc))

    docs = sorted(
        (d for d in journal.raw_entries() if may_hold(d)), key=lambda d: EntryRow(d).created
    )
    for doc in docs:
        found.extend(passages_of_entry(doc))
    transcripts = sorted(
        (Transcript.from_dict(d) for d in journal.transcripts.raw() if may_hold(d)),
        key=lambda t: t.interview.casefold(),
    )
    for transcript in transcripts:
        found.extend(passages_of_transcript(transcript))
    out = []
    for passage in found:
        if wanted_theme and wanted_theme not in {t.casefold() for t in passage.coding.themes}:
            continue
        if wanted_interview and (passage.interview or "").casefold() != wanted_interview:
            continue
        if review_only and not passage.coding.review:
            continue
        out.append(passage)
    return out


def passages_of(journal: Journal, owner_kind: str, owner: str) -> list[CodedPassage]:
    """The codings of one entry (an id or a prefix) or one transcript (its id),
    in reading order."""
    if owner_kind == TRANSCRIPT:
        return list(passages_of_transcript(journal.transcripts.get(owner)))
    entry = journal.get_entry(owner, include_deleted=False)
    return list(passages_of_entry(entry.to_dict()))


def _holds_coding(doc: dict[str, Any], ident: str) -> bool:
    return any(
        isinstance(raw, dict) and str(raw.get("id") or "").startswith(ident)
        for raw in doc.get("codings") or ()
    )


def find_coding(journal: Journal, ident: str) -> CodedPassage:
    """A coding by its id or an unambiguous prefix of it (at least 4 characters)."""
    ident = ident.strip().lower()
    if len(ident) < 4:
        raise NotFoundError(
            f"coding id {ident!r} is too short: give at least 4 characters",
            key="error.coding_id_too_short",
            id=repr(ident),
            n=4,
        )
    # Only the records holding a matching id are made into passages, and only
    # the shards whose bytes hold the id's start are read at all.
    matches = [
        p
        for doc in journal.raw_entries(containing=[ident])
        if _holds_coding(doc, ident)
        for p in passages_of_entry(doc)
        if p.coding.id.startswith(ident)
    ]
    matches += [
        p
        for doc in journal.transcripts.raw()
        if _holds_coding(doc, ident)
        for p in passages_of_transcript(Transcript.from_dict(doc))
        if p.coding.id.startswith(ident)
    ]
    if not matches:
        raise NotFoundError(f"no coding with id {ident}", key="error.no_coding", id=ident)
    if len(matches) > 1:
        raise AmbiguousIdError(
            f"coding id {ident} is ambiguous: give more characters",
            key="error.coding_id_ambiguous",
            id=ident,
        )
    return matches[0]


def _change_coding(journal: Journal, ident: str, change: Any) -> Coding:
    passage = find_coding(journal, ident)
    result: list[Coding] = []

    def apply(codings: list[Coding], _text_of: Any) -> None:
        for index, coding in enumerate(codings):
            if coding.id == passage.coding.id:
                kept = change(coding)
                result.append(coding)
                if kept is False:
                    del codings[index]
                else:
                    coding.updated = now()
                return
        raise NotFoundError(f"no coding with id {ident}", key="error.no_coding", id=ident)

    _change_owner(journal, passage.source, apply)
    return result[0]


def remove_coding(journal: Journal, ident: str) -> Coding:
    """Remove one coding (the text stays as it is)."""
    return _change_coding(journal, ident, lambda _coding: False)


def recode(journal: Journal, ident: str, themes: Iterable[str]) -> Coding:
    """Replace a coding's themes."""
    names = _check_themes(journal, themes)

    def change(coding: Coding) -> None:
        coding.themes = names

    return _change_coding(journal, ident, change)


def set_memo(journal: Journal, ident: str, memo: str) -> Coding:
    def change(coding: Coding) -> None:
        coding.memo = memo

    return _change_coding(journal, ident, change)


def move_span(journal: Journal, ident: str, start: int, end: int) -> Coding:
    """Put a coding on another span of its source (after review, say)."""
    passage = find_coding(journal, ident)
    text = source_text(journal, passage.source)
    fresh = Coding.of(text, start, end, ["x"])  # checks the span, takes words and context

    def change(coding: Coding) -> None:
        coding.start, coding.end = fresh.start, fresh.end
        coding.quote, coding.before, coding.after = fresh.quote, fresh.before, fresh.after
        coding.review = ""

    return _change_coding(journal, ident, change)
