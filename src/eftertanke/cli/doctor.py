"""``eftertanke doctor [--repair]``: check the journal, restore damaged files."""

from __future__ import annotations

import sys

import click
import orjson

from eftertanke.cli.context import AppContext, pass_app
from eftertanke.store import doctor
from eftertanke.store.errors import JournalError
from eftertanke.textsafe import one_line


@click.command("doctor")
@click.option("--repair", is_flag=True, help="Restore damaged files from the last good copy.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def doctor_command(app: AppContext, repair: bool, as_json: bool) -> None:
    """Check every file of the journal; exit 1 if something is wrong."""
    root = app.journal_path
    if not root.is_dir():
        raise JournalError(f"no journal at {root}")
    repaired = doctor.repair(root) if repair else []
    problems = doctor.check(root)
    findings = repaired + problems
    if as_json:
        rows = [{"level": f.level, "message": f.message} for f in findings]
        click.echo(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
    else:
        for finding in findings:
            click.echo(f"{finding.level}: {one_line(finding.message)}")
    if any(f.level == "error" for f in problems):
        sys.exit(1)


COMMANDS = [doctor_command]
