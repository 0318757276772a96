"""Pilot tests of self-as-data in the app (issue 20): the palette's
"Write: chronology", Browse's filter by data type and the label in the list
and in the entry view."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import OptionList, Select, Static  # noqa: E402

from eftertanke.domain import Entry  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.tui.app import EftertankeApp  # noqa: E402
from eftertanke.tui.screens.browse import BrowseScreen  # noqa: E402
from eftertanke.tui.screens.entry import EntryScreen  # noqa: E402
from eftertanke.tui.screens.write import WriteScreen  # noqa: E402


def make_app(tmp_path: Path) -> tuple[EftertankeApp, dict[str, str]]:
    journal = Journal(tmp_path / "journal", author="Mette")
    event = journal.add_entry(
        Entry(kind="memo", body="Jeg blev leder af plejehjemmet", pack="chronology",
              data_type="chronology")
    )  # fmt: skip
    memo = journal.add_entry(Entry(kind="memo", body="Et almindeligt memo"))
    app = EftertankeApp(journal, lang="da", remember=False)
    return app, {"event": event.id, "memo": memo.id}


@pytest.mark.parametrize(("typed", "pack"), [("Skriv: kronologi", "chronology"),
                                             ("Skriv: selvobservation", "self-observation")])  # fmt: skip
def test_the_palette_writes_with_a_data_type_pack(tmp_path: Path, typed: str, pack: str) -> None:
    app, _ids = make_app(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*typed)
            await pilot.pause(0.5)
            await pilot.press("enter")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, WriteScreen)
            assert app.screen.session.pack.id == pack
            assert app.screen.session.pack.data_type == pack

    asyncio.run(run())


def test_browse_filters_by_data_type_and_labels_the_rows(tmp_path: Path) -> None:
    app, ids = make_app(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            app.browse()
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, BrowseScreen)
            listing = screen.query_one("#browse-list", OptionList)
            assert {o.id for o in listing.options} == {ids["event"], ids["memo"]}
            row = listing.get_option(ids["event"]).prompt.content.plain  # type: ignore[union-attr]
            assert "kronologi" in row
            await pilot.press("ctrl+f")
            await pilot.pause()
            screen.query_one("#browse-filter-kind", Select).value = "chronology"
            await pilot.pause()
            assert [o.id for o in listing.options if o.id] == [ids["event"]]
            assert "kronologi" in str(screen.query_one("#browse-status", Static).render())
            screen.query_one("#browse-filter-kind", Select).value = "memo"
            await pilot.pause()
            assert {o.id for o in listing.options if o.id} == {ids["event"], ids["memo"]}

    asyncio.run(run())


def test_the_entry_view_names_the_data_type(tmp_path: Path) -> None:
    app, ids = make_app(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            app.open_entry(ids["event"])
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            meta = str(app.screen.query_one("#entry-meta", Static).render())
            assert "Datatype: kronologi" in meta

    asyncio.run(run())
