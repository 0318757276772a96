"""The starter codebook from the app: the empty Themes screen offers it (a key
and a button) and the palette has it, in Danish, through the same use case as
``eftertanke theme add --starter``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Static

from eftertanke.packs import starter_themes
from eftertanke.services.themes import adopt_starter_codebook
from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.themes import ThemesScreen


def run(app: EftertankeApp, script: Callable[[Pilot[Any]], Any]) -> None:
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


async def settle(app: EftertankeApp, pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def danish_names() -> set[str]:
    return {t.name for t in starter_themes("da")}


def test_adopting_twice_adds_only_what_is_missing(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j", author="t")
    first = adopt_starter_codebook(journal, "da")
    assert (first.added, first.skipped) == (len(danish_names()), 0)
    again = adopt_starter_codebook(journal, "da")
    assert (again.added, again.skipped) == (0, len(danish_names()))
    assert {t.name for t in journal.themes()} == danish_names()


def test_empty_themes_screen_offers_the_starter_codebook_in_danish(tmp_path: Path) -> None:
    root = tmp_path / "j"
    app = EftertankeApp(Journal(root, author="t"), lang="da", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ThemesScreen)
        offer = str(screen.query_one("#themes-empty", Static).render())
        assert "startkodebogen" in offer and "tryk a" in offer
        button = screen.query_one("#themes-starter", Button)
        assert button.display and "startkodebogen" in str(button.label)
        await pilot.press("s")
        await settle(app, pilot)
        assert {t.name for t in app.data.themes} == danish_names()
        assert not screen.query_one("#themes-empty-box").display
        # Offered on an empty codebook only.
        assert screen.check_action("starter", ()) is False

    run(app, script)
    assert {t.name for t in Journal(root).themes()} == danish_names()


def test_the_button_adopts_it_too(tmp_path: Path) -> None:
    root = tmp_path / "j"
    app = EftertankeApp(Journal(root, author="t"), lang="da", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("t")
        await pilot.pause()
        await pilot.click("#themes-starter")
        await settle(app, pilot)

    run(app, script)
    assert {t.name for t in Journal(root).themes()} == danish_names()


def test_the_palette_adopts_the_starter_codebook(tmp_path: Path) -> None:
    root = tmp_path / "j"
    app = EftertankeApp(Journal(root, author="t"), lang="da", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"startkodebogen")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ThemesScreen)

    run(app, script)
    assert {t.name for t in Journal(root).themes()} == danish_names()
