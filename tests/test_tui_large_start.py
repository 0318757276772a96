"""A large journal opens on Home at once and reads its entries in a worker (issue 16).

``JournalData.DEFER_BYTES`` is lowered so the demo-sized journal counts as large.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from eftertanke.bulk import paused_gc
from eftertanke.domain import Entry, Interview
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.data import JournalData
from eftertanke.tui.screens.home import HomeScreen
from eftertanke.tui.screens.write import WriteScreen


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role="leder", status="done"))
    journal.add_entry(Entry(kind="memo", title="Tavshed [/foo]", body="Om tavshed."))
    return journal


def _lines(screen: HomeScreen, selector: str) -> list[str]:
    options = screen.query_one(selector, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize(("lang", "reading"), [("en", "Reading the journal"), ("da", "Læser journalens")])
def test_home_says_it_is_reading_then_shows_the_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, reading: str
) -> None:
    monkeypatch.setattr(JournalData, "DEFER_BYTES", 0)
    # The read waits for the test to look at Home first (a small journal is
    # read too fast to catch Home before it).
    looked = threading.Event()
    real_load = JournalData.load

    def slow_load(self: JournalData) -> None:
        looked.wait(10)
        real_load(self)

    monkeypatch.setattr(JournalData, "load", slow_load)
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)
    assert not app.data.loaded and app.data.interview("I01") is not None
    seen: dict[str, list[str]] = {}

    async def go() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            screen = app.screen
            assert isinstance(screen, HomeScreen)
            seen["before"] = _lines(screen, "#latest") + _lines(screen, "#awaiting")
            seen["today"] = [str(screen.query_one("#today-status", Static).render())]
            looked.set()
            for _ in range(200):
                if app.data.loaded and app.data_version:
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            seen["after"] = _lines(screen, "#latest")

    asyncio.run(go())
    assert all(reading in line for line in seen["before"] + seen["today"])
    assert app.data.loaded
    assert any("Tavshed [/foo]" in line for line in seen["after"])


def test_a_check_in_can_be_started_while_the_entries_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(JournalData, "DEFER_BYTES", 0)
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="en", remember=False)

    async def go() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, WriteScreen)

    asyncio.run(go())


def test_a_small_journal_is_read_before_home_is_drawn(tmp_path: Path) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="en", remember=False)
    assert app.data.loaded and len(app.data.index) == 1


def test_the_collector_is_paused_only_while_loading_even_when_the_load_fails() -> None:
    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("a broken shard")
    assert gc.isenabled()
