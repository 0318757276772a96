"""``eftertanke purge ID... | --trash`` and ``eftertanke interview delete CODE``: delete for good.

Both show what goes and ask first (``--yes`` skips the question; without a
terminal to ask on, ``--yes`` is required), then report what was removed,
from where, and whether the words are still found anywhere in the folder.
"""

from __future__ import annotations

import sys

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, usage
from eftertanke.cli.words import confirm
from eftertanke.i18n import t


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"cli.purge.{key}", lang, **values)


def _confirm(app: AppContext, lines: list[str], yes: bool) -> None:
    lang = app.lang
    for line in lines:
        click.echo(line)
    if yes:
        return
    if not sys.stdin.isatty():
        raise click.UsageError(_w("need_yes", lang))
    if not confirm(_w("sure", lang), lang):
        raise click.exceptions.Abort


def _report(app: AppContext, report: object) -> None:
    from eftertanke.services.purge import report_lines

    for line, warning in report_lines(report, app.lang):  # type: ignore[arg-type]
        click.echo(line, err=warning)


@click.command("purge")
@click.argument("ids", nargs=-1, shell_complete=completion.ANY_ENTRY)
@click.option("--trash", is_flag=True, help="Empty the trash: every entry in it.")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_app
def purge_command(app: AppContext, ids: tuple[str, ...], trash: bool, yes: bool) -> None:
    """Delete entries for good (from the trash or not), with every copy in the folder.

    Unlike delete, there is no restore: the entries are removed from the data
    files, their mirrors, drafts and backups, and the folder is searched
    afterwards to prove their words are gone.
    """
    from eftertanke.services.purge import plan_entries, plan_lines, plan_trash, purge

    if bool(ids) == trash:
        raise usage("cli.usage.purge_what")
    journal = app.journal()
    plan = plan_trash(journal) if trash else plan_entries(journal, list(ids))
    lang = app.lang
    if plan.empty:
        click.echo(_w("nothing", lang))
        return
    lines = plan_lines(plan, lang)
    _confirm(app, lines, yes)
    _report(app, purge(journal, plan))


@click.command("delete")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_app
def interview_delete_command(app: AppContext, code: str, yes: bool) -> None:
    """Delete an interview for good: its reflections, quotes, transcript and codings.

    For a respondent who withdraws consent. Shows what goes and asks first.
    """
    from eftertanke.services.purge import plan_interview, plan_lines, purge

    journal = app.journal()
    plan = plan_interview(journal, code)
    lang = app.lang
    lines = plan_lines(plan, lang)
    _confirm(app, lines, yes)
    _report(app, purge(journal, plan))


COMMANDS = [purge_command]
