"""On an 80x24 terminal every main screen's footer starts with F1 (the key
that lists all the others), and Home's footer fits whole, in both languages."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.analysis import FULL_TAB_NAMES_WIDTH

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"


def footer_keys(app: EftertankeApp) -> list[FooterKey]:
    return [key for key in app.screen.query(FooterKey) if key.display and "-command-palette" not in key.classes]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_f1_first_everywhere_and_home_fits_on_80_columns(tmp_path: Path, lang: str) -> None:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)

    async def run() -> None:
        app = EftertankeApp(Journal(root), lang=lang, remember=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            keys = footer_keys(app)
            assert keys[0].key == "f1"
            # Home's every key is on screen, Analysis (the last) included.
            assert {"r", "d", "m", "b", "i", "t", "a"} <= {k.key for k in keys}
            last = max(k.region.right for k in keys if k.key in {"r", "d", "m", "b", "i", "t", "a"})
            assert last <= 80
            assert not [k for k in app.screen.query(FooterKey) if "-command-palette" in k.classes and k.display]
            for where in ("browse", "interviews", "themes", "analysis"):
                app.action_go(where)
                for _ in range(40):  # the footer is drawn once the screen's data is in
                    await pilot.pause(0.05)
                    if footer_keys(app):
                        break
                assert footer_keys(app)[0].key == "f1", where
            await pilot.press("f1")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"

    asyncio.run(run())


def test_wide_footer_keeps_the_palette_item(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)

    async def run() -> None:
        app = EftertankeApp(Journal(root), lang="en", remember=False)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            assert [k for k in app.screen.query(FooterKey) if "-command-palette" in k.classes and k.display]

    asyncio.run(run())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_analysis_tab_is_seen_on_80_columns(tmp_path: Path, lang: str) -> None:
    from textual.widgets import Tab

    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)

    async def run() -> None:
        app = EftertankeApp(Journal(root), lang=lang, remember=False)
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_go("analysis")

            async def settled(fits: Callable[[list[Tab]], bool]) -> list[Tab]:
                # The labels follow the width after a refresh; on a loaded
                # machine that takes a while, so wait for it (up to 10 s).
                for _ in range(100):
                    await pilot.pause(0.1)
                    tabs = list(app.screen.query(Tab))
                    if len(tabs) >= 5 and fits(tabs):
                        break
                return tabs

            tabs = await settled(lambda ts: max(t.region.right for t in ts) <= 80)
            assert len(tabs) >= 5
            assert max(tab.region.right for tab in tabs) <= 80, [str(t.label) for t in tabs]
            await pilot.resize_terminal(FULL_TAB_NAMES_WIDTH + 5, 35)  # the full names fit
            tabs = await settled(lambda ts: any(len(str(t.label)) > 14 for t in ts))
            long_labels = [str(tab.label) for tab in tabs]
            assert any(len(label) > 14 for label in long_labels), long_labels

    asyncio.run(run())
