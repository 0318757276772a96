"""``eftertanke new``: write an entry from -m, standard input, $EDITOR or the
kind's guided prompts.

Every option is checked before anything is asked or written. Kept apart from
the commands that find and print entries (cli/entries.py), so that a memo
written from the shell imports no more than writing needs.
"""

from __future__ import annotations

import sys
from datetime import datetime

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, when_option
from eftertanke.cli.entry_options import parse_ratings, read_stdin, theme_names
from eftertanke.domain import CONCEPTS, ENTRY_KINDS, Entry, Interview, ValidationError, now
from eftertanke.i18n import t
from eftertanke.services.writing import check_fields, write_entry
from eftertanke.store.errors import EftertankeError
from eftertanke.store.journal import Journal

_NEW_INTERVIEW = completion.interview_option(
    "--interview", "interview_code", metavar="CODE", help="Link to an interview (e.g. I03)."
)
_NEW_THEMES = completion.theme_option(
    "--theme", "themes", multiple=True, metavar="NAME", help="Tag with a theme (repeatable)."
)
_NEW_PACK = click.option(
    "--pack", "pack_id", metavar="ID",
    help="Ask a prompt pack's questions, e.g. weekly-review (built-in or your own).",
)  # fmt: skip


@click.command("new")
@click.option("--kind", type=click.Choice(ENTRY_KINDS), help="daily, interview or memo.")
@_NEW_INTERVIEW
@click.option("--title", default="", help="Title of the entry.")
@_NEW_THEMES
@click.option("--concept", "concepts", multiple=True, type=click.Choice(CONCEPTS), help="Tag with a concept.")
@click.option("--rate", "rates", multiple=True, metavar="KEY=N", help="A 1-5 rating, e.g. energy=4.")
@click.option("--at", "when", metavar="WHEN", help="When it was written: ISO, 'yesterday 16:00', '2 days ago'.")
@click.option("-m", "--message", help="The body text.")
@click.option("--editor", "use_editor", is_flag=True, help="Write the body in $EDITOR.")
@_NEW_PACK
@pass_app
def new_command(
    app: AppContext,
    kind: str | None,
    interview_code: str | None,
    title: str,
    themes: tuple[str, ...],
    concepts: tuple[str, ...],
    rates: tuple[str, ...],
    when: str | None,
    message: str | None,
    use_editor: bool,
    pack_id: str | None,
) -> None:
    """Write a new entry and print its id.

    The body comes from -m, from standard input when piped, from $EDITOR with
    --editor, or else from the kind's guided prompts (or --pack's), one at a
    time. Every option is checked before the first prompt; a guided draft is
    discarded only once the entry is saved.
    """
    ratings = parse_ratings(rates)
    created = when_option(when)  # an empty --at is a usage error, not "now"
    if pack_id is not None:
        kind = _pack_kind(app, pack_id, kind, message, use_editor)
    kind = kind or ("interview" if interview_code else "memo")
    journal = app.journal()
    interview = journal.get_interview(interview_code) if interview_code else None
    named = theme_names(journal, themes)
    entry = _checked_options(app, kind, title, named, concepts, ratings, interview, created)
    draft_id: str | None = None
    editor_text: str | None = None
    if message is None and not use_editor and sys.stdin.isatty():
        guided = _guided(app, journal, entry, interview, created is not None, pack_id)
        if guided is None:
            return
        entry, draft_id = guided
    else:
        editor_text = _plain_body(journal, entry, message, use_editor)
    try:
        write_entry(journal, entry, interview=interview, draft_id=draft_id)
    except (EftertankeError, ValidationError) as exc:
        if editor_text is None:
            raise
        from eftertanke.cli.editing import keep_form

        raise keep_form(journal.root / "drafts", "new", editor_text, exc) from exc
    click.echo(entry.id)


def _pack_kind(
    app: AppContext, pack_id: str, kind: str | None, message: str | None, use_editor: bool
) -> str:
    """The entry kind a named pack writes, once the pack and the options agree (else exit 2)."""
    from eftertanke.packs import load_packs
    from eftertanke.packs.loader import ENTRY_KIND_OF_PACK

    packs, _errors = load_packs()  # the pack's own errors are shown when it is opened
    pack = packs.get(pack_id)
    if pack is None:
        raise click.BadParameter(
            t("cli.new.pack_unknown", app.lang, pack=pack_id, packs=", ".join(sorted(packs))),
            param_hint="--pack",
        )
    pack_kind = ENTRY_KIND_OF_PACK[pack.kind]
    if kind is not None and kind != pack_kind:
        raise click.UsageError(t("cli.new.pack_kind", app.lang, pack=pack_id, kind=pack_kind))
    if message is not None or use_editor or not sys.stdin.isatty():
        raise click.UsageError(t("cli.new.pack_needs_terminal", app.lang))
    return pack_kind


def _guided(
    app: AppContext,
    journal: Journal,
    entry: Entry,
    interview: Interview | None,
    dated: bool,
    pack_id: str | None = None,
) -> tuple[Entry, str] | None:
    """The entry written through the kind's guided prompts, with the options'
    title, themes, concepts, ratings and (when ``dated``) time; and its draft's
    id. None when the person stopped before the end."""
    from eftertanke.cli.guided_new import guided_entry

    guided = guided_entry(
        app, journal, entry.kind, interview, entry.themes, list(entry.concepts), entry.title,
        pack_id=pack_id,
    )  # fmt: skip
    if guided is None:
        return None
    written, draft_id = guided
    if dated:
        written.created, written.updated = entry.created, entry.updated
    written.ratings = {**written.ratings, **entry.ratings}
    return written, draft_id


def _plain_body(
    journal: Journal, entry: Entry, message: str | None, use_editor: bool
) -> str | None:
    """Give ``entry`` its body from -m, $EDITOR or standard input; returns what
    the editor held (kept as a form if the save then fails), else None."""
    if message is not None:
        entry.body = message.strip("\n")
        return None
    if use_editor:
        from eftertanke.cli.editing import run_editor

        editor_text = run_editor("", journal.root / "drafts", "new")
        entry.body = editor_text.strip("\n")
        return editor_text
    entry.body = read_stdin().strip("\n")
    return None


def _checked_options(
    app: AppContext,
    kind: str,
    title: str,
    theme_names: list[str],
    concepts: tuple[str, ...],
    ratings: dict[str, int],
    interview: Interview | None,
    created: datetime | None,
) -> Entry:
    """The entry the options describe, checked before anything is asked or read."""
    entry = Entry(
        kind=kind,
        title=title,
        themes=theme_names,
        concepts=list(concepts),
        ratings=ratings,
        language=app.lang,
        interview=interview.code if interview else None,
    )
    if created is not None:
        entry.created = created
        entry.updated = max(created, now())
    try:
        check_fields(entry)
    except ValidationError as exc:
        # Only the options are filled in yet, so whatever is wrong came from them.
        raise click.UsageError(exc.in_language(app.lang)) from None
    return entry


COMMANDS = [new_command]
