"""The app stays current: changes made outside it show up while it runs.

Real ``eftertanke`` subprocesses write to the journal while a Pilot app is
open on it; the app's folder check (every two seconds, and on focus) must
notice and redraw Home and Browse, without touching what is being typed in
an open editor. The screens get their data from ``app.data`` (tui/data.py),
loaded in a worker: reading the store on the UI thread is caught here.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from eftertanke.domain import Entry, Interview, Theme, now
from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.browse import BrowseScreen
from eftertanke.tui.screens.home import HomeScreen


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role="assisterende leder", status="reflected"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_entry(Entry(kind="memo", title="Første memo", body="Om tavshed."))
    return journal


def cli(journal: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


async def cli_async(journal: Path, *args: str) -> None:
    """The command line, run beside the app (the app's loop keeps going)."""
    await asyncio.to_thread(cli, journal, *args)


async def until(pilot: Pilot[Any], check: Callable[[], bool], seconds: float = 15) -> None:
    """Wait for the app to show ``check`` (the folder check runs every 2 s)."""
    for _ in range(int(seconds / 0.1)):
        if check():
            return
        await pilot.pause(0.1)
    assert check()


def options(app: EftertankeApp, selector: str) -> list[str]:
    found = app.screen.query_one(selector, OptionList).options
    # Browse rows are drawn lazily (a LazyRow visual holding its Content).
    return [str(getattr(o.prompt, "content", o.prompt)) for o in found]


def run(app: EftertankeApp, script: Callable[[Pilot[Any]], Any]) -> None:
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


def test_home_and_browse_follow_command_line_writes(tmp_path: Path) -> None:
    root = tmp_path / "j"
    app = EftertankeApp(make_journal(root), lang="en", remember=False)
    ended = (now() - timedelta(hours=3)).strftime("%Y-%m-%d %H:%M")

    async def script(pilot: Pilot[Any]) -> None:
        assert isinstance(app.screen, HomeScreen)
        assert not any("I09" in line for line in options(app, "#awaiting"))
        await cli_async(root, "interview", "add", "I09", "--role", "plejeboligchef",
                        "--status", "done", "--date", ended, "--duration", "30")  # fmt: skip
        await until(pilot, lambda: any("I09" in line for line in options(app, "#awaiting")))
        # A check-in with a rating written on the command line reaches the trend.
        await cli_async(root, "new", "--kind", "daily", "--rate", "energy=2", "-m", "Træt men glad")
        trend = app.screen.query_one("#trend")
        # The energy strip's latest value (the trend's first line) becomes 2.0.
        await until(pilot, lambda: str(trend.render()).splitlines()[0].split()[1:2] == ["2.0"])
        # The reflection on I09 takes it off the waiting list.
        await cli_async(root, "new", "--kind", "interview", "--interview", "I09",
                        "-m", "Refleksion efter I09")  # fmt: skip
        await until(pilot, lambda: not any("I09" in line for line in options(app, "#awaiting")))
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await cli_async(root, "new", "-m", "Skrevet i terminalen om magt")
        await until(
            pilot,
            lambda: any("terminalen om magt" in line for line in options(app, "#browse-list")),
        )

    run(app, script)


def test_typing_in_an_editor_survives_a_refresh(tmp_path: Path) -> None:
    root = tmp_path / "j"
    app = EftertankeApp(make_journal(root), lang="en", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Halvfærdig tanke")
        area = app.screen.query_one(TextArea)
        before = area.text
        assert "Halvfærdig tanke" in before
        version = app.data_version
        await cli_async(root, "new", "-m", "Fra terminalen")
        await until(pilot, lambda: app.data_version > version)
        assert len(app.index) == 2
        assert app.screen.query_one(TextArea) is area
        assert area.text == before
        await pilot.press(*" videre")
        assert area.text.endswith("videre")

    run(app, script)


READS = ("interviews", "themes", "theme_usage", "raw_entries", "entries", "get_theme",
         "get_interview")  # fmt: skip


@pytest.mark.parametrize("where", ["home", "browse", "interviews", "themes", "analysis"])
def test_screens_never_read_the_store_on_the_ui_thread(tmp_path: Path, where: str) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)
    on_ui: list[str] = []
    # Patched after the first load (before the event loop starts, nothing waits on it).
    for name in READS:
        original = getattr(journal, name)

        def watched(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                on_ui.append(_name)
            return _original(*args, **kw)

        setattr(journal, name, watched)

    async def script(pilot: Pilot[Any]) -> None:
        app.action_go(where)
        await pilot.pause()
        app.journal_changed()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+l")  # a language switch redraws everything
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(app, script)
    assert on_ui == []
