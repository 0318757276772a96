"""``eftertanke new`` on a terminal: the kind's guided prompts, one at a time.

The draft is saved to the journal after every answer, so a closed terminal
loses nothing; running the same command again offers to resume it. The draft
is discarded by ``write_entry`` once the entry is saved, never before.
"""

from __future__ import annotations

import sys

import click

from eftertanke.cli.context import AppContext
from eftertanke.cli.words import confirm
from eftertanke.domain import CONCEPTS, Entry, Interview
from eftertanke.guided import DraftError, GuidedSession
from eftertanke.i18n import t
from eftertanke.packs import PromptPack, default_pack_id, load_packs
from eftertanke.services.themes import adopt_themes, new_theme_names
from eftertanke.store.journal import Journal
from eftertanke.textsafe import one_line

DRAFT_ORIGIN = "terminal"
WEEKLY_REVIEW = "weekly-review"


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return None if line == "" else line.rstrip("\n")


def _write(text: str) -> None:
    click.echo(text)


def _saved_when(draft: dict, lang: str) -> str:
    """When a draft was saved, as people say it: "13 minutes ago" / "for 13 minutter siden"."""
    from datetime import datetime

    from eftertanke.dates import humanize_since

    try:
        saved = datetime.fromisoformat(str(draft.get("saved") or ""))
    except ValueError:
        return "?"
    return humanize_since(saved, lang)


def _show_week(journal: Journal, lang: str) -> None:
    """The weekly review asks about the week's check-ins, so it shows them
    first: the week's figures beside the week before, and each check-in's
    ratings and what gave and took energy (as the app's weekly review does)."""
    from eftertanke.analysis.looking_back import week_figures
    from eftertanke.analysis.week_text import week_glance_lines
    from eftertanke.domain import now

    moment = now().astimezone()
    held = [(i.code, i.date.date()) for i in journal.interviews() if i.date is not None]
    week = week_figures(journal.raw_entries(), held, moment.date(), moment.tzinfo)
    for line in week_glance_lines(week, lang):
        click.echo(line)
    click.echo("")


def _show_first(journal: Journal, lang: str, pack: PromptPack, code: str | None) -> None:
    """What a pack's first prompt stands on: a weekly review's week, or the
    questions earlier reflections carried forward to this interview."""
    if pack.id == WEEKLY_REVIEW:
        _show_week(journal, lang)
    elif pack.kind == "post-interview":
        _show_open_questions(journal, lang, code)


def _show_open_questions(journal: Journal, lang: str, code: str | None) -> None:
    """A reflection after an interview starts from the questions earlier
    reflections carried forward, so the writer sees which this one answered."""
    from eftertanke.cli.questions import print_open_questions
    from eftertanke.services.questions import open_questions

    print_open_questions(open_questions(journal, before=code), lang)


def _resumable(journal: Journal, pack_id: str, interview: str | None) -> dict | None:
    for draft in journal.drafts():
        if (draft.get("pack") or {}).get("id") == pack_id and draft.get("interview") == interview:
            return draft
    return None


def guided_entry(
    app: AppContext,
    journal: Journal,
    kind: str,
    interview: Interview | None,
    themes: list[str],
    concepts: list[str],
    title: str,
    *,
    pack_id: str | None = None,
) -> tuple[Entry, str] | None:
    """The entry the prompts wrote and its draft's id, or None if the person
    stopped (the draft is kept then). Nothing is saved here."""
    packs, errors = load_packs()
    for error in errors:
        click.echo(f"eftertanke: {t('cli.warning', app.lang)}: {one_line(str(error))}", err=True)
    pack = packs[pack_id or default_pack_id(kind)]
    code = interview.code if interview else None
    _show_first(journal, app.lang, pack, code)
    session: GuidedSession | None = None
    draft = _resumable(journal, pack.id, code)
    if draft is not None and confirm(
        t("resume_draft", app.lang, when=_saved_when(draft, app.lang)), app.lang, default=True
    ):
        try:
            session = GuidedSession.from_draft(draft, packs)
        except DraftError as exc:
            click.echo(f"eftertanke: {t('cli.warning', app.lang)}: {one_line(str(exc))}", err=True)
    if session is None:
        session = GuidedSession.start(
            pack,
            language=app.lang,
            interview=code,
            interview_ended=interview.ended if interview else None,
        )
    for name in themes:
        session.add_theme(name)
    from eftertanke.cli.terminal_guided import run_in_terminal

    entry = run_in_terminal(
        session,
        read_line=_read_line,
        write=_write,
        on_change=lambda data: journal.save_draft(session.draft_id, data),
        author=journal.author,
    )
    if entry is None:
        if session.answers or session.ratings:
            journal.save_draft(session.draft_id, session.to_draft())
            click.echo(t("draft_kept", app.lang), err=True)
        return None
    entry.kind = kind
    if title:
        entry.title = title
    entry.concepts.extend(c for c in concepts if c not in entry.concepts)
    _ensure_themes(journal, entry, app.lang)
    # The draft stays until the caller has saved the entry (write_entry discards it).
    return entry, session.draft_id


def _ensure_themes(journal: Journal, entry: Entry, lang: str) -> None:
    """Themes named in the answers join the codebook; ask for a concept if unknown."""
    concepts: dict[str, str] = {}
    for name, concept in new_theme_names(journal, entry):
        if concept is None:
            concept = click.prompt(
                f"{one_line(name)}: {t('concept', lang)}",
                type=click.Choice(CONCEPTS),
                default=CONCEPTS[0],
            )
        concepts[name] = concept
    adopt_themes(journal, entry, concepts)
