"""Home's latest entries stand in columns: a date of another width ("4 Dec"
beside "29 Mar") does not push the kind and title of its row aside."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import OptionList

from eftertanke.domain import Entry
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp

CPH = timezone(timedelta(hours=1))


def test_the_latest_entries_kinds_stand_in_one_column(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(
        Entry(kind="memo", body="Først", created=datetime(2026, 3, 29, 20, 37, tzinfo=CPH))
    )
    journal.add_entry(
        Entry(kind="daily", body="Så", created=datetime(2026, 4, 4, 9, 5, tzinfo=CPH))
    )

    async def go() -> None:
        app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)
        async with app.run_test(size=(110, 35)) as pilot:
            await pilot.pause()
            lines = [str(o.prompt) for o in app.screen.query_one("#latest", OptionList).options]
            assert lines[0].startswith("4 Apr 2026") and lines[1].startswith("29 Mar 2026")
            assert lines[0].index("daily") == lines[1].index("memo")

    asyncio.run(go())
