"""Commands that write and find entries: new, list, show, edit, delete, restore.

Long because new and edit each check every option before anything is asked or
written, and those checks are theirs alone.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime

import click

from eftertanke.cli import completion
from eftertanke.cli.context import (
    AppContext,
    command_lang,
    pass_app,
    read_stdin_text,
    when_option,
)
from eftertanke.cli.render import (
    entry_document,
    entry_line,
    entry_lines,
    json_text,
    marked_snippet,
    short,
)
from eftertanke.domain import (
    CONCEPTS,
    DATA_TYPES,
    ENTRY_KINDS,
    RATING_KEYS,
    Entry,
    Interview,
    ValidationError,
    now,
)
from eftertanke.i18n import t
from eftertanke.services.query import EntryFilter
from eftertanke.services.writing import check_fields, write_entry
from eftertanke.store.errors import EftertankeError
from eftertanke.store.journal import Journal


def _ratings(values: tuple[str, ...]) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for value in values:
        key, sep, number = value.partition("=")
        key = key.strip().lower()
        lang = command_lang()
        if not sep or key not in RATING_KEYS:
            raise click.BadParameter(
                t("error.rate_form", lang, value=repr(value), keys=", ".join(RATING_KEYS)),
                param_hint="--rate",
            )
        out_of_range = t("error.rate_range", lang, value=repr(value))
        try:
            ratings[key] = int(number)
        except ValueError:
            raise click.BadParameter(out_of_range, param_hint="--rate") from None
        if not 1 <= ratings[key] <= 5:
            raise click.BadParameter(out_of_range, param_hint="--rate")
    return ratings


def _theme_names(journal: Journal, names: tuple[str, ...]) -> list[str]:
    """Canonical theme names; an unknown theme is an error (exit 1), not a new theme."""
    return [journal.get_theme(name).name for name in names]


def _read_stdin() -> str:
    return read_stdin_text()  # invalid UTF-8 is refused with its offset, never replaced


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
    ratings = _ratings(rates)
    created = when_option(when)  # an empty --at is a usage error, not "now"
    if pack_id is not None:
        kind = _pack_kind(app, pack_id, kind, message, use_editor)
    kind = kind or ("interview" if interview_code else "memo")
    journal = app.journal()
    interview = journal.get_interview(interview_code) if interview_code else None
    theme_names = _theme_names(journal, themes)
    entry = _checked_options(app, kind, title, theme_names, concepts, ratings, interview, created)
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


def _plain_body(journal: Journal, entry: Entry, message: str | None, use_editor: bool) -> str | None:
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
    entry.body = _read_stdin().strip("\n")
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
        flt.themes = tuple(_theme_names(journal, themes))
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
    if as_json:
        click.echo(json_text([e.to_dict() for e in found.entries]))
        return
    if not found.entries:
        click.echo(t("no_entries", app.lang))
        return
    if not rank:
        click.echo("\n".join(entry_lines(found.entries, app.lang)))
        return
    lines = []
    for entry in found.entries:
        lines.append(entry_line(entry, app.lang))
        piece = found.snippets.get(entry.id)
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
    ratings = _ratings(rates)
    added = _theme_names(journal, add_themes)
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
    body = _read_stdin().strip("\n")
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


COMMANDS = [new_command, list_command, show_command, edit_command, delete_command, restore_command]
