"""Commands that find, show and change entries: list, show, edit, delete,
restore (``new`` is cli/new_entry.py).

Long because edit checks every option before the entry is touched, and list
streams its JSON entry by entry.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.entry_options import parse_ratings, read_stdin, theme_names
from eftertanke.cli.render import (
    entry_document,
    entry_line,
    entry_lines,
    json_text,
    marked_snippet,
    short,
)
from eftertanke.domain import CONCEPTS, DATA_TYPES, ENTRY_KINDS, Entry, ValidationError
from eftertanke.entry_row import EntryRow
from eftertanke.i18n import t
from eftertanke.services.query import EntryFilter
from eftertanke.store.journal import Journal

if TYPE_CHECKING:
    from eftertanke.services.search import Found


def _filter_options(func):  # type: ignore[no-untyped-def]
    options = [
        click.option("--kind", "kinds", multiple=True, type=click.Choice(ENTRY_KINDS)),
        click.option("--data-type", "data_types", multiple=True, type=click.Choice(DATA_TYPES),
                     help="Self-as-data entries of this type (chronology, inventory, ...)."),
        click.option("--theme", "themes", multiple=True, metavar="NAME", shell_complete=completion.THEMES),
        click.option("--concept", "concepts", multiple=True, type=click.Choice(CONCEPTS)),
        click.option("--interview", metavar="CODE", shell_complete=completion.INTERVIEWS),
        click.option("--author"),
        click.option("--from", "since", metavar="WHEN", help="From this date (inclusive)."),
        click.option("--to", "until", metavar="WHEN", help="Up to this date (inclusive)."),
        click.option("--search", "-s", default="", metavar="WORDS", help="Entries containing every word."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _day_bound(text: str | None, option: str, *, end: bool) -> datetime | None:
    """A --from/--to value; one the program cannot read is a usage error (exit 2)."""
    if not text:
        return None
    from eftertanke.dates import parse_day_bound

    try:
        return parse_day_bound(text, end=end)
    except ValidationError as exc:
        from eftertanke.cli.context import bad_value

        raise bad_value(option, exc) from None


def build_filter(
    journal: Journal,
    kinds: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    concepts: tuple[str, ...] = (),
    interview: str | None = None,
    author: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str = "",
    deleted: bool = False,
    data_types: tuple[str, ...] = (),
) -> EntryFilter:
    flt = EntryFilter(
        kinds=kinds, concepts=concepts, author=author, search=search, deleted=deleted,
        data_types=data_types,
    )  # fmt: skip
    if themes:
        flt.themes = tuple(theme_names(journal, themes))
    if interview:
        flt.interview = journal.get_interview(interview).code
    if concepts:
        flt.theme_concepts = {th.name.casefold(): th.concept for th in journal.themes()}
    if since or until:
        flt.since = _day_bound(since, "--from", end=False)
        flt.until = _day_bound(until, "--to", end=True)
        if flt.since and flt.until and flt.since > flt.until:
            raise click.UsageError("--from is after --to")
    return flt


def _list_json_streamed(journal: Journal, flt: EntryFilter, limit: int | None) -> None:
    """``list --json`` without a search, entry by entry: one shard read at a
    time, each entry's JSON spooled by its time and printed in order, the same
    text ``json_text`` gives for the whole list (issue 16: 2.6 GB at 100,000)."""
    import orjson

    from eftertanke.domain import Entry
    from eftertanke.entry_row import EntryRow
    from eftertanke.export.spool import SortedSpool
    from eftertanke.services.query import matches
    from eftertanke.textsafe import json_for_terminal

    with SortedSpool() as spool:
        for doc in journal.raw_entries(include_deleted=flt.deleted, keep=False):
            if matches(doc, flt, []):
                text = orjson.dumps(Entry.from_dict(doc).to_dict(), option=orjson.OPT_INDENT_2)
                spool.add(EntryRow(doc).created_at, text.replace(b"\n", b"\n  "))
        last = limit if limit is not None and limit >= 0 else None
        first = True
        for piece in spool.pieces(last):
            click.echo("[\n  " if first else ",\n  ", nl=False)
            click.echo(json_for_terminal(piece.decode()), nl=False)
            first = False
        click.echo("[]" if first else "\n]")


@click.command("list")
@_filter_options
@click.option("-n", "limit", type=click.IntRange(min=0), help="Only the newest N (with --rank, the best N).")
@click.option("--trash", is_flag=True, help="List entries in the trash instead.")
@click.option("--rank", is_flag=True, help="With --search: best match first, each with a snippet.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def list_command(
    app: AppContext, limit: int | None, trash: bool, rank: bool, as_json: bool, **filters: object
) -> None:
    """List entries, oldest first, with filters and full-text search.

    --search finds every word in any form (trygheden for tryghed, silenced
    for silence), inside longer words too; a word ending in * finds the words
    that begin with it (tryg*).
    """
    from eftertanke.services.search import search

    journal = app.journal()
    flt = build_filter(journal, deleted=trash, **filters)  # type: ignore[arg-type]
    if rank and not flt.words():
        raise click.UsageError(t("cli.list.rank_needs_search", app.lang))
    if as_json and not flt.words():
        _list_json_streamed(journal, flt, limit)
        return
    found = search(journal, flt, limit, rank=rank)
    _print_found(app, found, rank, as_json)
    if found.behind:
        from eftertanke.cli import background_index

        if background_index.is_wanted():
            background_index.finish_index(journal)


def _print_found(app: AppContext, found: Found, rank: bool, as_json: bool) -> None:
    if as_json:
        click.echo(json_text([e.to_dict() for e in found.entries]))
        return
    if not found.rows:
        click.echo(t("no_entries", app.lang))
        return
    rows = [EntryRow(doc) for doc in found.rows]
    if not rank:
        click.echo("\n".join(entry_lines(rows, app.lang)))
        return
    lines = []
    for row in rows:
        lines.append(entry_line(row, app.lang))
        piece = found.snippets.get(row.id)
        if piece is not None:
            lines.append("    " + marked_snippet(piece))
    click.echo("\n".join(lines))


@click.command("show")
@click.argument("entry_id", shell_complete=completion.ENTRIES)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.option(
    "--raw",
    is_flag=True,
    help="Write the body exactly as stored, control characters too (only when piped).",
)
@pass_app
def show_command(app: AppContext, entry_id: str, as_json: bool, raw: bool) -> None:
    """Show one entry (an id prefix of 4+ characters is enough).

    Control sequences in the text (escapes, bells, carriage returns, bidi
    overrides) are shown as visible marks; --raw gives the stored body back
    unchanged when the output goes to a file or another program.
    """
    if raw and as_json:
        raise click.UsageError("--raw and --json cannot be combined")
    if raw and sys.stdout.isatty():
        raise click.UsageError(
            "--raw writes control characters unchanged, which act on a terminal; "
            "pipe it or redirect it to a file"
        )
    entry = app.journal().get_entry(entry_id)
    if raw:
        sys.stdout.flush()
        sys.stdout.buffer.write(entry.body.encode("utf-8", errors="replace"))
        sys.stdout.buffer.flush()
        return
    if as_json:
        click.echo(json_text(entry.to_dict()))
    else:
        click.echo(entry_document(entry, app.lang))


@click.command("edit")
@click.argument("entry_id", shell_complete=completion.ENTRIES)
@click.option("--title")
@click.option("-m", "--message", help="Replace the body.")
@click.option("--add-theme", "add_themes", multiple=True, metavar="NAME", shell_complete=completion.THEMES)
@click.option("--remove-theme", "remove_themes", multiple=True, metavar="NAME", shell_complete=completion.THEMES)
@click.option("--concept", "concepts", multiple=True, type=click.Choice(CONCEPTS), help="Add a concept.")
@click.option("--interview", metavar="CODE", help="Link to an interview ('' to unlink).", shell_complete=completion.INTERVIEWS)
@click.option("--kind", type=click.Choice(ENTRY_KINDS))
@click.option("--rate", "rates", multiple=True, metavar="KEY=N")
@pass_app
def edit_command(
    app: AppContext,
    entry_id: str,
    title: str | None,
    message: str | None,
    add_themes: tuple[str, ...],
    remove_themes: tuple[str, ...],
    concepts: tuple[str, ...],
    interview: str | None,
    kind: str | None,
    rates: tuple[str, ...],
) -> None:
    """Change an entry: with options, from standard input, or in $EDITOR.

    With options, each is applied to the entry as stored at that moment, so
    edits run in parallel all land. Without options, piped standard input
    (not empty) replaces the body, as it gives the body of 'new'; on a
    terminal the entry opens in $EDITOR, and if it changed elsewhere while
    you were editing, your version is kept as a conflict copy (see 'doctor').
    """
    journal = app.journal()
    changes_given = any(
        v not in (None, ()) for v in (title, message, add_themes, remove_themes, concepts, interview, kind, rates)
    )
    if not changes_given and sys.stdin.isatty():
        from eftertanke.cli.editing import edit_in_editor

        edit_in_editor(app, journal, entry_id)
        return
    if not changes_given:
        message = _piped_body()
    # Everything named is checked before the entry is touched.
    ratings = parse_ratings(rates)
    added = theme_names(journal, add_themes)
    linked = journal.get_interview(interview).code if interview else interview

    seen: list[int] = []
    change = _option_changes(
        seen, title, message, added, remove_themes, concepts, linked, kind, ratings
    )
    saved = journal.modify_entry(entry_id, change)
    if saved.revision == seen[-1]:
        click.echo(t("unchanged", app.lang))
        return
    click.echo(t("edited", app.lang, id=short(saved.id)))


def _piped_body() -> str:
    """``edit`` without options, not on a terminal: the new body from standard input."""
    body = read_stdin().strip("\n")
    if not body.strip():
        raise click.UsageError(
            "nothing to change: standard input is empty and no option was given "
            "(pipe the new body, pass options such as -m, or run on a terminal for $EDITOR)"
        )
    return body


def _option_changes(
    seen: list[int],
    title: str | None,
    message: str | None,
    added: list[str],
    remove_themes: tuple[str, ...],
    concepts: tuple[str, ...],
    linked: str | None,
    kind: str | None,
    ratings: dict[str, int],
) -> Callable[[Entry], None]:
    """The change ``edit``'s options make, applied to the entry as stored then;
    ``seen`` gets the revision it was applied to."""

    def change(entry: Entry) -> None:
        seen.append(entry.revision)
        if title is not None:
            entry.title = title
        if message is not None:
            entry.body = message
        for name in added:
            if name not in entry.themes:
                entry.themes.append(name)
        for name in remove_themes:
            wanted = name.casefold()
            entry.themes = [th for th in entry.themes if th.casefold() != wanted]
        entry.concepts.extend(c for c in concepts if c not in entry.concepts)
        if linked is not None:
            entry.interview = linked or None
        if kind:
            entry.kind = kind
        entry.ratings.update(ratings)

    return change


@click.command("delete")
@click.argument("entry_id", shell_complete=completion.ENTRIES)
@pass_app
def delete_command(app: AppContext, entry_id: str) -> None:
    """Move an entry to the trash (undo with restore)."""
    entry = app.journal().delete_entry(entry_id)
    click.echo(t("deleted", app.lang, id=short(entry.id)))


@click.command("restore")
@click.argument("entry_id", shell_complete=completion.TRASHED)
@pass_app
def restore_command(app: AppContext, entry_id: str) -> None:
    """Bring an entry back from the trash."""
    entry = app.journal().restore_entry(entry_id)
    click.echo(t("restored", app.lang, id=short(entry.id)))


COMMANDS = [list_command, show_command, edit_command, delete_command, restore_command]
