"""``eftertanke due``: what is waiting to be written, in one line, with an exit code.

The launcher (``eftertanke.launch``) answers the plain cases itself, before
this package is imported, so a shell prompt pays only for the journal's
files (see ``store/due_summary.py``); this command is what ``--help`` shows,
and the path every other case takes (an encrypted journal, a journal the
fast reader declines), with the same output.
"""

from __future__ import annotations

import click

from eftertanke.cli.context import AppContext, pass_app


@click.command("due")
@click.option("--json", "as_json", is_flag=True, help="Output the facts as JSON.")
@click.option(
    "--quiet", "-q", is_flag=True, help="Print nothing when nothing is waiting (for a prompt)."
)
@click.option(
    "--notify",
    "send",
    is_flag=True,
    help="Also send a desktop notification (notify-send) when something is waiting.",
)
@pass_app
@click.pass_context
def due_command(
    ctx: click.Context, app: AppContext, as_json: bool, quiet: bool, send: bool
) -> None:
    """What is waiting: today's check-in, reflections after interviews.

    Prints one line in the chosen language, e.g. "Waiting: today's check-in ·
    reflection after interview I03 (ended 3 days ago)". Ended interviews
    (done, or planned and over) without a reflection are named, the latest
    first, with how long ago they ended.

    \b
    Exit code: 0 nothing is waiting, 1 something is (or the journal could
    not be read: the error is on stderr), 2 a usage error.

    \b
    Fast enough for a shell prompt, e.g. PS1='$(eftertanke due -q)\\n$ '.
    README ("Reminders") has a cron line and a systemd user timer that
    send a desktop notification with --notify.
    """
    from eftertanke import due
    from eftertanke.domain import now
    from eftertanke.store import due_summary

    summary = due_summary.read(app.journal_path)
    if summary is None:
        summary = due.summary_from_journal(app.journal())
    out, note, code = due.report(
        due.status_of(summary, now()), app.lang, as_json=as_json, quiet=quiet, send=send
    )
    if out is not None:
        click.echo(out)
    if note is not None:
        click.echo(f"eftertanke: {note}", err=True)
    ctx.exit(code)


COMMANDS = [due_command]
