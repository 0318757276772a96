"""The key panel (F1's palette command "Taster") speaks Danish on every screen,
the app's own widgets' keys too; export is ctrl+e wherever a screen exports
(issue 13). Pilot tests on a copy of the demo journal."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen

from eftertanke import i18n
from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.export_dialog import ExportDialog
from eftertanke.tui.widgets.rating import RatingBar

DEMO = Path(__file__).resolve().parent.parent / "journals" / "demo"
DANISH = {v for v in i18n.catalogue("da").values() if isinstance(v, str)}


def demo_app(tmp_path: Path, lang: str = "da") -> EftertankeApp:
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    return EftertankeApp(Journal(folder, author="Mette"), lang=lang, remember=False)


def run(app: EftertankeApp, script: Callable[[Pilot[Any]], Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await script(pilot)

    asyncio.run(go())


async def settle(app: EftertankeApp, pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def english_in_the_key_panel(app: EftertankeApp) -> list[str]:
    """The key panel's descriptions that are no Danish text of the catalogue."""
    assert app.screen.query("HelpPanel"), "the key panel is not open"
    return [
        f"{type(app.screen).__name__}/{type(active.node).__name__}: {key} {active.binding.description!r}"
        for key, active in app.screen.active_bindings.items()
        if active.binding.description and active.binding.description not in DANISH
    ]


class _RatingScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield RatingBar("energy", "Energi", "lav", "høj")


def test_the_key_panel_has_no_english_on_any_screen(tmp_path: Path) -> None:
    app = demo_app(tmp_path)
    leaked: list[str] = []

    async def look(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        if not app.screen.query("HelpPanel"):
            app.action_show_help_panel()
            await settle(app, pilot)
        leaked.extend(english_in_the_key_panel(app))

    async def script(pilot: Pilot[Any]) -> None:
        await look(pilot)  # Home
        for where in ("browse", "interviews", "themes", "analysis", "chart", "calendar"):
            app.action_go(where)
            await look(pilot)
            if where in ("browse", "interviews"):
                await pilot.press("enter")  # the entry view, one interview
                await look(pilot)
                app.pop_screen()
        app.action_go("home")
        app.open_theme("Farlig tavshed")
        await look(pilot)
        app.pop_screen()
        app.action_write("daily")
        await look(pilot)
        app.pop_screen()
        app.push_screen(_RatingScreen())
        await settle(app, pilot)
        app.screen.query_one(RatingBar).focus()
        await look(pilot)

    run(app, script)
    assert leaked == []


# -- export is ctrl+e -------------------------------------------------------------


def _export_keys(cls: type) -> list[str]:
    keys = []
    for item in vars(cls).get("BINDINGS", []):
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.action == "export":
            keys += binding.key.split(",")
    return keys


def test_every_screen_that_exports_does_it_with_ctrl_e() -> None:
    from eftertanke.tui.screens.browse import BrowseScreen
    from eftertanke.tui.screens.chart import ChartScreen
    from eftertanke.tui.screens.entry import EntryScreen
    from eftertanke.tui.screens.interviews import InterviewDetailScreen
    from eftertanke.tui.screens.themes import ThemeDetailScreen

    screens = (BrowseScreen, ChartScreen, EntryScreen, InterviewDetailScreen, ThemeDetailScreen)
    assert {cls.__name__: _export_keys(cls) for cls in screens} == {
        cls.__name__: ["ctrl+e"] for cls in screens
    }
    # And ctrl+e does nothing else on them.
    for cls in screens:
        for item in vars(cls).get("BINDINGS", []):
            binding = item if isinstance(item, Binding) else Binding(*item)
            assert binding.action == "export" or "ctrl+e" not in binding.key.split(","), cls


@pytest.mark.parametrize("where", ["entry", "interview", "theme", "chart"])
def test_ctrl_e_opens_the_export_dialog(tmp_path: Path, where: str) -> None:
    app = demo_app(tmp_path, "en")

    async def script(pilot: Pilot[Any]) -> None:
        if where == "entry":
            app.action_go("browse")
            await settle(app, pilot)
            await pilot.press("enter")
        elif where == "interview":
            app.open_interview("I03")
        elif where == "theme":
            app.open_theme("Farlig tavshed")
        else:
            app.action_go("chart")
        await settle(app, pilot)
        before = type(app.screen)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog), before
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen) is before

    run(app, script)
