"""The palette's screenshot is told of in the app's language: where it was
saved, or why not, in one line (``tui/app_palette.py``). Textual's own
screenshot, under another name, is left to Textual."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events

from eftertanke import i18n
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.app_palette import SCREENSHOT_DELIVERY


def _notices(tmp_path: Path, *sent: events.Event) -> list[tuple[str, str]]:
    app = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)
    seen: list[tuple[str, str]] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for event in sent:
                app.post_message(event)
                await pilot.pause()
            seen.extend((n.message, n.severity) for n in app._notifications)

    asyncio.run(go())
    return seen


def test_a_saved_and_a_failed_screenshot_are_told_in_danish(tmp_path: Path) -> None:
    saved = tmp_path / "skud.svg"
    seen = _notices(
        tmp_path,
        events.DeliveryComplete(key="1", path=saved, name=SCREENSHOT_DELIVERY),
        events.DeliveryFailed(
            key="2", exception=PermissionError(13, "Adgang nægtet", "/x"), name=SCREENSHOT_DELIVERY
        ),
    )
    assert (i18n.t("tui.app_palette.screenshot_saved", "da", path=str(saved)), "information") in seen
    failed = i18n.t("tui.app_palette.screenshot_failed", "da", error="Adgang nægtet (/x)")
    assert (failed, "error") in seen


def test_another_delivery_is_not_told_as_a_screenshot(tmp_path: Path) -> None:
    seen = _notices(tmp_path, events.DeliveryComplete(key="1", path=tmp_path / "a", name="other"))
    assert seen == []
