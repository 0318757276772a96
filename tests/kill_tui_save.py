"""A TUI save, run as its own process so the kill suite can SIGKILL it.

Usage: python kill_tui_save.py JOURNAL ENTRY_ID NEW_BODY

Opens the app on the journal (Pilot, as the TUI tests do), opens the entry's
editor, types the new body, presses ctrl+s and waits until the editor has
closed. Prints ``SAVED`` only once the app has reported the save done, and
``FAILED <message>`` if the editor stayed open with an error.
"""

from __future__ import annotations

import asyncio
import sys

from textual.widgets import Static, TextArea

from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.entry_edit import EditEntryScreen


async def save(root: str, entry_id: str, body: str) -> str:
    from killkit import journal_codec  # the same unlocking as the CLI (tests/ is on sys.path)

    journal = Journal(root, codec=journal_codec(root))  # type: ignore[arg-type]
    app = EftertankeApp(journal, lang="en", remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_entry(entry_id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditEntryScreen), editor
        area = editor.query_one("#edit-body", TextArea)
        area.text = ""
        await pilot.press(*body[:8])  # typing: the dialog's draft is written meanwhile
        area.text = body
        await pilot.press("ctrl+s")
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.screen is not editor:
                return "SAVED"
            message = str(editor.query_one("#edit-message", Static).render())
            if "Could not save" in message:
                return f"FAILED {message}"
        return "FAILED editor still open"


if __name__ == "__main__":
    outcome = asyncio.run(save(sys.argv[1], sys.argv[2], sys.argv[3]))
    print(outcome, flush=True)
    sys.exit(0 if outcome == "SAVED" else 1)
