"""Browse hands its list the rows a page at a time (widgets/entry_list.py), and
moving through the list loads the next page, so every entry can be reached as
if all were there (issue 16: 100,000 rows made each keystroke cost a second)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from eftertanke.domain import Entry
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens import browse
from eftertanke.tui.screens.browse import BrowseScreen
from eftertanke.tui.widgets import entry_list
from eftertanke.tui.widgets.entry_list import EntryList

BASE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entry_list, "PAGE", 10)
    monkeypatch.setattr(entry_list, "PAGE_MARGIN", 2)
    monkeypatch.setattr(browse, "PAGE", 10)


def _journal(path: Path, count: int) -> Journal:
    journal = Journal(path)
    journal.add_entries(
        [
            Entry(
                kind="memo",
                body=f"Notat {n}" + (" med kaffe" if n % 3 == 0 else ""),
                created=BASE + timedelta(hours=n),
            )
            for n in range(count)
        ]
    )
    return journal


def _run(path: Path, script) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        app = EftertankeApp(Journal(path), lang="da", remember=False)
        async with app.run_test(size=(110, 16)) as pilot:
            await pilot.pause()
            app.push_screen(BrowseScreen())
            await pilot.pause()
            await script(pilot, app.screen, app.screen.query_one("#browse-list", EntryList))

    asyncio.run(go())


def test_the_list_loads_a_page_and_the_next_as_the_cursor_nears_its_end(
    tmp_path: Path, small_pages: None
) -> None:
    _journal(tmp_path / "j", 35)

    async def script(pilot, screen, listing) -> None:  # type: ignore[no-untyped-def]
        # a page, and one more to fill the window; the rest when reached
        assert listing.option_count == 20 and listing.unloaded == 15
        assert "35" in str(screen.query_one("#browse-status", Static).render())
        listing.focus()
        for _ in range(34):
            await pilot.press("down")
        assert listing.highlighted == 34, "down at the last loaded row goes on, not round"
        assert listing.option_count == 35
        assert "Notat 0 med kaffe" in listing.highlighted_option.prompt.content.plain  # oldest

    _run(tmp_path / "j", script)


def test_end_loads_the_rest_and_goes_to_the_oldest(tmp_path: Path, small_pages: None) -> None:
    _journal(tmp_path / "j", 35)

    async def script(pilot, screen, listing) -> None:  # type: ignore[no-untyped-def]
        listing.focus()
        await pilot.press("end")
        await pilot.pause()
        assert listing.option_count == 35 and listing.unloaded == 0
        assert listing.highlighted == 34

    _run(tmp_path / "j", script)


def test_a_search_shows_its_first_page_and_scrolling_loads_more(
    tmp_path: Path, small_pages: None
) -> None:
    _journal(tmp_path / "j", 60)

    async def script(pilot, screen, listing) -> None:  # type: ignore[no-untyped-def]
        screen.query_one("#browse-search").value = "kaffe"
        await pilot.pause()
        assert listing.option_count == 10 and listing.unloaded == 10  # 20 found
        listing.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert listing.option_count > 10

    _run(tmp_path / "j", script)


def test_in_a_large_journal_the_words_are_looked_up_when_typing_pauses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No key waits for the index: the status says what is searched for, and
    the list follows once the worker has the entries holding the words."""
    monkeypatch.setattr(browse, "ASYNC_ROWS", 0)
    monkeypatch.setattr(browse, "TYPING_PAUSE", 0.4)
    _journal(tmp_path / "j", 12)
    looked_up: list[tuple[str, ...]] = []

    async def script(pilot, screen, listing) -> None:  # type: ignore[no-untyped-def]
        index = screen.eapp.index
        real = index.word_ids
        monkeypatch.setattr(
            index, "word_ids", lambda words: looked_up.append(tuple(words)) or real(words)
        )
        box = screen.query_one("#browse-search")
        for text in ("k", "ka", "kaf", "kaffe"):
            box.value = text
        await pilot.pause(0.1)
        assert "søger efter kaffe" in str(screen.query_one("#browse-status", Static).render())
        assert listing.option_count == 12, "the list is as it was until the words are found"
        await pilot.pause(0.8)
        assert listing.option_count == 4  # Notat 0, 3, 6, 9 med kaffe
        assert "4 af 12" in str(screen.query_one("#browse-status", Static).render())
        assert looked_up[0] == ("kaffe",), "one lookup, once typing paused"

    _run(tmp_path / "j", script)
