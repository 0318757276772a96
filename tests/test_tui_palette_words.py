"""The command palette's own line for a search without matches is in the app's language."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.command import CommandList

from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp


@pytest.mark.parametrize(("lang", "words"), [("da", "Ingen kommandoer passer"), ("en", "No matches found")])
def test_no_matches_is_said_in_the_app_s_language(tmp_path: Path, lang: str, words: str) -> None:
    app = EftertankeApp(Journal(tmp_path / "j"), lang=lang, remember=False)
    seen: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"zzqqxx")
            await pilot.pause(1.5)  # Textual waits a moment before saying so
            options = app.screen.query_one(CommandList)
            seen.extend(str(options.get_option_at_index(i).prompt.renderable)
                        for i in range(options.option_count))  # fmt: skip

    asyncio.run(go())
    assert any(words in text for text in seen), seen
    if lang == "da":
        assert not any("No matches" in text for text in seen)
