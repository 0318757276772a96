"""What ``eftertanke`` with no subcommand does: open the journal in the TUI."""

from __future__ import annotations

from eftertanke.cli.context import AppContext
from eftertanke.errors import PassphraseNeededError


def open_app(app: AppContext) -> None:
    try:
        journal = app.journal()  # opened (and errors reported) before Textual loads
    except PassphraseNeededError:
        # Encrypted, and nowhere to ask on (no terminal: a browser tab of
        # `eftertanke serve`): the app asks on its unlock screen instead.
        journal = None
    from eftertanke.imports import no_collections

    with no_collections():  # Textual and the app: the bulk of the start
        from eftertanke.tui.app import EftertankeApp

    if journal is not None:
        EftertankeApp(journal, lang=app.lang).run()
    else:
        EftertankeApp(None, lang=app.lang, unlock=app.journal_with, root=app.journal_path).run()
