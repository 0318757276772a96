"""Citing what is in the journal: a coded passage, a span of an entry, a transcript turn.

Each use case returns a ``Citation``: the quoted fragment (with [...] where
the sentence goes on), the reference in the configured style, and the two
together, ready to paste into the thesis. The command line prints it; the
app copies it to the clipboard.
"""

from __future__ import annotations

from dataclasses import dataclass

from eftertanke.citation import CitationStyle, fragment, quote
from eftertanke.config import ConfigError, load_config
from eftertanke.domain import Entry, Interview, ValidationError, timestamp_seconds
from eftertanke.services.coding import TRANSCRIPT, find_coding
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, citation_time


@dataclass(frozen=True)
class Citation:
    """A citation: the quoted fragment and its reference."""

    words: str  # the fragment, "" when the whole entry is cited
    reference: str

    @property
    def text(self) -> str:
        return quote(self.words, self.reference) if self.words else self.reference

    def to_dict(self) -> dict[str, str]:
        return {"words": self.words, "reference": self.reference, "text": self.text}


def style_for(lang: str) -> CitationStyle:
    try:
        config = load_config()
    except ConfigError:
        config = {}
    return CitationStyle.of(lang, config)


def _interview_of(journal: Journal, code: str | None) -> Interview | None:
    if not code:
        return None
    try:
        return journal.get_interview(code)
    except NotFoundError:
        return None


def entry_reference(journal: Journal, entry: Entry, style: CitationStyle) -> str:
    interview = _interview_of(journal, entry.interview) if entry.kind == "interview" else None
    return style.reflection(interview, entry.created)


def turn_reference(
    journal: Journal, transcript: Transcript, index: int, style: CitationStyle
) -> str:
    interview = journal.get_interview(transcript.interview)
    turn = transcript.turns[index]
    return style.transcript(interview, citation_time(turn.start) if turn.start is not None else "")


def cited_languages(journal: Journal, ident: str | None, code: str | None) -> list[str]:
    """The languages of what a citation cites, so it is worded as the text is
    ("Bilag nr. 7" for a Danish reflection) unless --lang says otherwise: the
    entry (or the coding's entry); for a transcript, its interview's
    reflections. Empty when nothing is found (the citation then says why)."""
    interview: str | None = code
    try:
        if ident is not None:
            try:
                passage = find_coding(journal, ident)
            except NotFoundError:
                return [journal.get_entry(ident).language]
            if passage.owner_kind != TRANSCRIPT:
                return [journal.get_entry(passage.owner).language]
            interview = journal.transcripts.get(passage.owner).interview
    except (NotFoundError, ValidationError):
        return []
    if interview is None:
        return []
    return [e.language for e in journal.entries() if e.interview == interview]


def cite_coding(journal: Journal, ident: str, style: CitationStyle) -> Citation:
    passage = find_coding(journal, ident)
    coding = passage.coding
    if passage.owner_kind == TRANSCRIPT:
        transcript = journal.transcripts.get(passage.owner)
        index = transcript.turn_at(coding.start)
        start, end = transcript.turn_spans[index]
        # Cite within the turn's words: the speaker label is not a quote.
        words = fragment(transcript.turns[index].text, max(coding.start - start, 0),
                         min(coding.end, end) - start)  # fmt: skip
        return Citation(words, turn_reference(journal, transcript, index, style))
    entry = journal.get_entry(passage.owner)
    text = entry.source_text(coding.source, coding.section) or ""
    return Citation(
        fragment(text, coding.start, coding.end), entry_reference(journal, entry, style)
    )


def cite_entry(
    journal: Journal,
    ident: str,
    style: CitationStyle,
    *,
    span: tuple[int, int] | None = None,
    section: str | None = None,
) -> Citation:
    """An entry's reference, or a span of one of its texts quoted with it."""
    entry = journal.get_entry(ident)
    reference = entry_reference(journal, entry, style)
    if span is None:
        return Citation("", reference)
    texts = [(s.prompt_id, s.answer) for s in entry.sections if s.answer.strip()]
    if entry.body.strip():
        texts.append((None, entry.body))
    if section is not None:
        texts = [(p, t) for p, t in texts if p == section]
        if not texts:
            raise NotFoundError(f"entry {entry.id[:8]} has no answer to prompt {section!r}")
    elif len(texts) != 1:
        choices = ", ".join(str(p) for p, _ in texts if p) or "the body"
        raise ValidationError(
            f"entry {entry.id[:8]} has {len(texts)} texts: name one with --section ({choices}) or --body"
        )
    return Citation(fragment(texts[0][1], *span), reference)


def cite_time(journal: Journal, code: str, at: str, style: CitationStyle) -> Citation:
    """The transcript turn being spoken at a cited time ("9.45"), quoted whole."""
    seconds = timestamp_seconds(at)
    if seconds is None:
        raise ValidationError(f"{at!r} is not a time like 9.45, 09:45 or 1:09:45")
    transcript = journal.transcripts.for_interview(code)
    if transcript is None:
        raise NotFoundError(
            f"interview {code} has no transcript; import one with: "
            f"eftertanke transcript import {code} FILE"
        )
    timed = [(i, t) for i, t in enumerate(transcript.turns) if t.start is not None]
    if not timed:
        raise NotFoundError(f"the transcript of {code} has no times to find {at} by")
    before = [(i, t) for i, t in timed if t.start <= seconds]  # type: ignore[operator]
    index = before[-1][0] if before else timed[0][0]
    return Citation(transcript.turns[index].text, turn_reference(journal, transcript, index, style))


def cite_turn(journal: Journal, code: str, index: int, style: CitationStyle) -> Citation | None:
    """Turn ``index`` of the interview's transcript, quoted whole (the app's
    copy on a turn); None when the interview has no transcript now."""
    transcript = journal.transcripts.for_interview(code)
    if transcript is None:
        return None
    return Citation(transcript.turns[index].text, turn_reference(journal, transcript, index, style))
