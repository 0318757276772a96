"""One interview's transcript and its quotes: read in a worker, then shown.

The detail screen of an interview (screens/interviews.py) shows a line about
its transcript (turns, codings, speakers) and the quotes reflections took
from the interview. Until the transcript is read (``services.transcripts``,
in a thread, never on the screen's own time) the quotes are listed as the
entries cite them, ordered by time; once it is read, each quote says whether
and where it was found in the transcript (``services.quote_links``), and
choosing a found one opens the transcript at its turn.

``InterviewQuotes`` is mixed into ``InterviewDetailScreen``, which owns the
widgets (``#interview-transcript``, ``#excerpts-title``, ``#excerpts``); the
words are this module's own (``tui.interview_quotes.*``), and the screen
finds them as well through its ``t`` ("tr_none", when the key t finds no transcript).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.services.quote_links import QuoteLink
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.transcript import Transcript, clock
from eftertanke.tui.interview_links import LinkedExcerpt, excerpt_prompt, timestamp_key

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp


class InterviewQuotes:
    """The transcript line and the quotes list of ``InterviewDetailScreen``."""

    code: str
    eapp: EftertankeApp
    app: Any
    query_one: Any
    t: Any
    # The interview's transcript and the quote links, once the worker has read them.
    transcript: Transcript | None
    links: list[QuoteLink] | None
    _looked: bool
    _excerpts: list[LinkedExcerpt]

    @work(thread=True, exclusive=True, group="interview-transcript")
    def _load_transcript(self, code: str) -> None:
        from eftertanke.services.quote_links import citations_of_transcript
        from eftertanke.services.transcripts import interview_transcript

        journal = self.eapp.journal
        try:
            _, transcript = interview_transcript(journal, code)
            links: list[QuoteLink] | None = None
            if transcript is not None:
                cited = citations_of_transcript(journal, transcript)
                links = [link for found in cited.by_turn.values() for link in found]
                links += cited.unmatched
        except (EftertankeError, OSError, ValueError):
            transcript, links = None, None
        self.app.call_from_thread(self._transcript_loaded, code, transcript, links)

    def _transcript_loaded(
        self, code: str, transcript: Transcript | None, links: list[QuoteLink] | None
    ) -> None:
        if code != self.code:
            return
        self.transcript, self.links, self._looked = transcript, links, True
        self._show_transcript()
        if links is not None:
            self._fill_links(links)
        else:
            self._fill_excerpts(getattr(self, "_excerpts", []))

    def _show_transcript(self) -> None:
        line = self.query_one("#interview-transcript", Static)
        transcript = self.transcript
        head: list[str | tuple[str, str]] = [(self.t("tr_heading"), "bold")]
        if not self._looked:
            line.update(Content.assemble(*head, (self.t("tr_loading"), "dim")))
            return
        if transcript is None:
            line.update(Content.assemble(*head, self.t("tr_none", code=one_line(self.code, 32))))
            return
        speakers: list[str | tuple[str, str]] = ["\n", (self.t("tr_speakers"), "dim")]
        for n, name in enumerate(transcript.speakers[:6]):
            speakers.append(", " if n else "")
            speakers.append(one_line(name, 30))
            if transcript.is_interviewer(name):
                speakers.append((self.t("tr_interviewer"), "dim"))
        count = len(transcript.codings)
        coded = self.t("tr_coded", n=count)
        turns = self.t("turns", n=len(transcript.turns))
        summary = self.t("tr_summary", turns=turns, coded=coded)
        line.update(Content.assemble(*head, summary, *speakers))

    def _fill_links(self, links: list[QuoteLink]) -> None:
        listing = self.query_one("#excerpts", OptionList)
        listing.clear_options()
        found = sum(1 for link in links if link.matched)
        self.query_one("#excerpts-title", Static).update(
            self.t("quotes", n=found, total=len(links))
        )
        if not links:
            listing.add_option(Option(Content(self.t("no_quotes")), disabled=True))
            return
        listing.add_options(self._link_option(n, link) for n, link in enumerate(links))

    def _link_option(self, n: int, link: QuoteLink) -> Option:
        """A quote, its reference and where it was found (or that it was not)."""
        stamp = link.quote.timestamp
        reference = f"({self.code}, {stamp})" if stamp else f"({self.code})"
        if link.matched:
            where = " ".join(
                p for p in (clock(link.at) if link.at is not None else "", link.speaker or "") if p
            )
            found_at: tuple[str, str] = (
                self.t("found_at", where=one_line(where, 40)),
                "bold $success",
            )
            option_id = f"turn{n}:{link.turn}"
        else:
            found_at = (self.t("not_found"), "italic $warning")
            option_id = f"entry{n}:{link.entry_id}"
        return Option(
            Content.assemble(
                ("“", "dim"),
                one_line(link.quote.text, 60),
                ("” ", "dim"),
                (reference, "bold"),
                "  ",
                found_at,
                "\n  ",
                (one_line(link.entry_title, 60), "dim italic"),
            ),
            id=option_id,
        )

    def _fill_excerpts(self, excerpts: list[LinkedExcerpt]) -> None:
        listing = self.query_one("#excerpts", OptionList)
        listing.clear_options()
        self.query_one("#excerpts-title", Static).update(self.t("excerpts", n=len(excerpts)))
        if not excerpts:
            listing.add_option(Option(Content(self.t("no_excerpts")), disabled=True))
            return
        excerpts = sorted(excerpts, key=lambda e: timestamp_key(e.reference))
        listing.add_options(
            Option(excerpt_prompt(excerpt), id=f"excerpt{n}:{excerpt.entry_id}")
            for n, excerpt in enumerate(excerpts)
        )
