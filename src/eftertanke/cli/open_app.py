"""What ``eftertanke`` with no subcommand does: open the journal in the TUI."""

from __future__ import annotations

from eftertanke.cli.context import AppContext


def open_app(app: AppContext) -> None:
    journal = app.journal()  # opened (and errors reported) before Textual loads
    from eftertanke.tui.app import EftertankeApp

    EftertankeApp(journal, lang=app.lang).run()
