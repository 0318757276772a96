"""The documents the app exports from one screen, read from the journal in
the export's worker: a theme's digest and an interview's appendix.

Each returns the document and the entries it holds, which the export
dialog checks against the names key before writing.
"""

from __future__ import annotations

from eftertanke.domain import Entry, Interview
from eftertanke.store.journal import Journal


def theme_digest_of(journal: Journal, name: str, lang: str) -> tuple[str, list[Entry]]:
    """The theme's digest: its coded passages (transcripts too) and excerpts by interview."""
    from eftertanke.export.report import theme_digest
    from eftertanke.services.citation import style_for

    entries = journal.entries()
    text = theme_digest(
        name, entries, journal.interviews(), journal.themes(), lang,
        transcripts=list(journal.transcripts.raw()), style=style_for(lang),
    )  # fmt: skip
    return text, entries


def interview_appendix_of(
    journal: Journal, interview: Interview, lang: str
) -> tuple[str, list[Entry]]:
    """The interview's appendix: its record, reflections and excerpts."""
    from eftertanke.export.report import interview_appendix

    entries = journal.entries()
    return interview_appendix(interview, entries, lang), entries
