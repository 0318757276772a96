"""``eftertanke drafts``: every editor's unfinished drafts, from the command line.

Guided writing (here and in the app), the app's entry edit dialog and its
interview and theme forms keep drafts while typing (see ``services.drafts``).
This lists them, prints one in full, or discards one (asking first unless
``--yes``). Draft ids can be shortened to any unambiguous start, like entry
ids. Stored text is made terminal-safe before it is printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.render import json_text
from eftertanke.cli.words import confirm
from eftertanke.i18n import t
from eftertanke.textsafe import for_terminal, one_line

if TYPE_CHECKING:
    from eftertanke.services.drafts import DraftInfo


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"cli.drafts.{key}", lang, **values)


def _belongs(info: DraftInfo, lang: str) -> str:
    if info.entry:
        return f"{_w('entry', lang)} {info.entry[:8]}"
    if info.kind == "theme":
        return f"{_w('theme', lang)} {info.theme}" if info.theme else _w("new", lang)
    if info.interview:
        return f"{_w('interview', lang)} {info.interview}"
    if info.pack:
        return f"{_w('pack', lang)} {info.pack}"
    return _w("new", lang)


def _when(info: DraftInfo, lang: str) -> str:
    from eftertanke.dates import format_datetime

    return format_datetime(info.saved, lang) if info.saved else "?"


@click.group("drafts", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Output the list as JSON.")
@click.pass_context
def drafts_group(ctx: click.Context, as_json: bool) -> None:
    """List unfinished drafts of every editor: kind, what each belongs to, when saved.

    \b
    eftertanke drafts [--json]          list them, newest first
    eftertanke drafts show ID [--json]  print one in full
    eftertanke drafts discard ID        remove one (asks first unless --yes)
    """
    if ctx.invoked_subcommand is None:
        _list(ctx.find_object(AppContext), as_json)


@drafts_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def list_command(app: AppContext, as_json: bool) -> None:
    """List unfinished drafts, newest first."""
    _list(app, as_json)


def _list(app: AppContext | None, as_json: bool) -> None:
    from eftertanke.services.drafts import list_drafts

    assert app is not None
    found = list_drafts(app.journal())
    if as_json:
        click.echo(json_text([d.to_dict() for d in found]))
        return
    lang = app.lang
    if not found:
        click.echo(_w("none", lang))
        return
    from eftertanke.services.drafts import preview

    for info in found:
        kind = _w(f"kind.{info.kind}", lang)
        line = (
            f"{one_line(info.id, 48):<48}  {_when(info, lang)}  {kind:<18}  "
            f"{one_line(_belongs(info, lang), 30):<30}  {one_line(preview(info), 40)}"
        )
        click.echo(line.rstrip())


@drafts_group.command("show")
@click.argument("draft_id")
@click.option("--json", "as_json", is_flag=True, help="Output the draft as stored, as JSON.")
@pass_app
def show_command(app: AppContext, draft_id: str, as_json: bool) -> None:
    """Print one draft in full: what it belongs to and every text typed in it."""
    from eftertanke.services.drafts import field_texts, find_draft

    info = find_draft(app.journal(), draft_id)
    if as_json:
        click.echo(json_text(info.data))
        return
    lang = app.lang
    click.echo(f"{one_line(info.id)}  ({_w(f'kind.{info.kind}', lang)})")
    click.echo(f"{one_line(_belongs(info, lang))}; {_w('saved', lang)} {_when(info, lang)}")
    for label, text in field_texts(info):
        click.echo("")
        click.echo(click.style(one_line(label), bold=True))
        click.echo(for_terminal(text))
    click.echo("")
    click.echo(_w("hint", lang))


@drafts_group.command("discard")
@click.argument("draft_id")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_app
def discard_command(app: AppContext, draft_id: str, yes: bool) -> None:
    """Remove one draft (asks first unless --yes)."""
    from eftertanke.services.drafts import find_draft

    journal = app.journal()
    info = find_draft(journal, draft_id)
    lang = app.lang
    if not yes and not confirm(_w("sure", lang, id=one_line(info.id)), lang):
        raise click.exceptions.Abort
    journal.discard_draft(info.id)
    click.echo(_w("discarded", lang, id=one_line(info.id)))


COMMANDS = [drafts_group]
