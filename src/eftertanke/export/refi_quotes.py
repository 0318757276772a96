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
    finder = QuoteFinder(transcripts, lang)
    links = [link for entry in entries for link in finder.add(entry)]
    return CitedPassages(finder.spans(), links)


class QuoteFinder:
    """``cited_passages`` one entry at a time (entries in export order): a
    streamed export writes each entry's links as it goes."""

    def __init__(self, transcripts: list[Transcript], lang: str) -> None:
        self.lang = lang
        self.by_code = {t.interview.casefold(): t for t in transcripts}
        self.words: dict[str, TranscriptWords] = {}
        self.found: dict[tuple[str, int, int], Span] = {}

    def add(self, entry: Entry) -> list[QuoteLink]:
        """The links of ``entry``'s quotes; the passages they point at are kept."""
        lang = self.lang
        links: list[QuoteLink] = []
        for quote in quotes_of_entry(entry):
            transcript = self.by_code.get((quote.interview or "").casefold())
            if transcript is None:
                continue
            if transcript.id not in self.words:
                self.words[transcript.id] = TranscriptWords(transcript)
            match = self.words[transcript.id].find(quote.text, quote.seconds).match
            if match is None:
                continue
            where = (transcript.id, match.start, match.end)
            span = self.found.get(where)
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
                self.found[where] = span
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
        return links

    def spans(self) -> dict[str, list[Span]]:
        """The quoted passages by transcript id, in the order of their place."""
        spans: dict[str, list[Span]] = {}
        for (transcript_id, _start, _end), span in sorted(self.found.items()):
            spans.setdefault(transcript_id, []).append(span)
        return spans


__all__ = ["CitedPassages", "QuoteFinder", "QuoteLink", "cited_passages"]
