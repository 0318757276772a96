"""The methods appendix's use case: gather what it reads from the journal
(``export.methods``), for the command line's ``export methods`` and the app."""

from __future__ import annotations

from eftertanke.domain import Entry, Interview, now
from eftertanke.export.methods import MethodsSources, live_entries, methods_appendix
from eftertanke.store.journal import Journal


def methods_sources(
    journal: Journal,
    lang: str,
    *,
    entries: list[Entry] | None = None,
    interviews: list[Interview] | None = None,
) -> MethodsSources:
    """The journal's live entries, interviews, codebook and its change log, the
    prompt packs and the configured citation style. ``entries`` and
    ``interviews`` replace the journal's (the command line's redacted copies)."""
    from eftertanke.packs.loader import load_packs
    from eftertanke.services.citation import style_for

    return MethodsSources(
        entries=live_entries(journal.entries()) if entries is None else entries,
        interviews=journal.interviews() if interviews is None else interviews,
        themes=journal.themes(),
        log=journal.codebook_log(),
        packs=load_packs().packs,
        style=style_for(lang),
    )


def methods_markdown(journal: Journal, lang: str) -> tuple[str, list[Entry]]:
    """The appendix's Markdown and the entries it drew on."""
    sources = methods_sources(journal, lang)
    return methods_appendix(sources, lang, generated=now()), sources.entries


__all__ = ["methods_markdown", "methods_sources"]
