"""Quotes a reflection cites, as REFI-QDA selections of the transcript and Links.

A reflection's quotes (excerpts, lines of the quotes prompt, timed quoted
lines; see ``quote_match``) are found in the interview's transcript by the
same rule the app shows them with. Each transcript passage quoted becomes one
uncoded ``PlainTextSelection`` of the transcript, whose ``Description``
names the reflections that quote it, and each quote a ``Link`` from the
reflection to that selection.

QualCoder reads no Links, but it makes an uncoded selection with a
description an *annotation* of the transcript, so there the researcher sees
which reflections quote a passage, in the transcript itself. Two reflections
quoting the same words share one selection: QualCoder allows one annotation
per span and coder, and a second one would stop its import.
"""

from __future__ import annotations

from dataclasses import dataclass

from eftertanke import i18n
from eftertanke.domain import Entry
from eftertanke.export.refi_text import Span, one_line, xml_text
from eftertanke.quote_match import CitedQuote, TranscriptWords, quotes_of_entry
from eftertanke.transcript import Transcript, citation_time


def _word(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"export.refi_quotes.{key}", lang, **values)


@dataclass(frozen=True, slots=True)
class QuoteLink:
    """A quote of ``entry`` found at ``span_key`` of ``transcript``."""

    entry: Entry
    quote: CitedQuote
    transcript: Transcript
    span_key: str
    name: str


@dataclass
class CitedPassages:
    """The transcript selections quotes point at, and one link per quote."""

    spans: dict[str, list[Span]]  # by transcript id
    links: list[QuoteLink]


def cited_passages(entries: list[Entry], transcripts: list[Transcript], lang: str) -> CitedPassages:
    by_code = {t.interview.casefold(): t for t in transcripts}
    words: dict[str, TranscriptWords] = {}
    found: dict[tuple[str, int, int], Span] = {}
    links: list[QuoteLink] = []
    for entry in entries:
        for quote in quotes_of_entry(entry):
            transcript = by_code.get((quote.interview or "").casefold())
            if transcript is None:
                continue
            if transcript.id not in words:
                words[transcript.id] = TranscriptWords(transcript)
            match = words[transcript.id].find(quote.text, quote.seconds).match
            if match is None:
                continue
            where = (transcript.id, match.start, match.end)
            span = found.get(where)
            if span is None:
                turn = transcript.turns[match.turn]
                when = f", {citation_time(turn.start)}" if turn.start is not None else ""
                span = Span(
                    match.start,
                    match.end,
                    xml_text(f"({transcript.interview}{when})"),
                    [],
                    key=f"quoted:{match.start}-{match.end}",
                    user=entry.author,
                    created=entry.created,
                    modified=entry.updated,
                )
                found[where] = span
            line = _word(
                "quoted_in",
                lang,
                title=one_line(entry.display_title(80)),
                date=entry.created.date().isoformat(),
            )
            if line not in span.description.split("\n"):
                span.description = f"{span.description}\n{line}".lstrip("\n")
            links.append(
                QuoteLink(
                    entry,
                    quote,
                    transcript,
                    span.key,
                    _word("quote", lang, line=one_line(quote.line, 80)),
                )
            )
    spans: dict[str, list[Span]] = {}
    for (transcript_id, _start, _end), span in sorted(found.items()):
        spans.setdefault(transcript_id, []).append(span)
    return CitedPassages(spans, links)


__all__ = ["CitedPassages", "QuoteLink", "cited_passages"]
