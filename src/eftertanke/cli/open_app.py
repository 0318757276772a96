"""What ``eftertanke`` with no subcommand does: open the journal."""

from __future__ import annotations

import click

from eftertanke.cli.context import AppContext
from eftertanke.cli.render import entry_lines
from eftertanke.i18n import t
from eftertanke.services.query import EntryFilter, select


def open_app(app: AppContext) -> None:
    journal = app.journal()
    latest = select(journal.raw_entries(), EntryFilter(), limit=20)
    click.echo(f"{journal.root}: {t('entries_count', app.lang, n=journal.count_entries())}")
    if latest:
        click.echo("\n".join(entry_lines(latest, app.lang)))
    else:
        click.echo(t("no_entries", app.lang))
