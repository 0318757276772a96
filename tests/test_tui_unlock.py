"""An encrypted journal with no passphrase given opens on the unlock screen:
the passphrase is typed into the app (as in a browser tab of ``serve``), a
wrong one is one line and changes nothing, the right one opens Home."""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson
import pytest
from conftest import snapshot

from eftertanke.cli.context import AppContext
from eftertanke.domain import Entry
from eftertanke.store import crypto, reencrypt
from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.browse import BrowseScreen
from eftertanke.tui.screens.home import HomeScreen
from eftertanke.tui.screens.unlock import UnlockScreen

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)


def encrypted_journal(root: Path) -> None:
    journal = Journal(root)
    journal.add_entry(Entry(title="Hemmelig tillid", body="Om tillid [@click=app.quit]x[/]"))
    reencrypt.encrypt_journal(journal, PASS)


def locked_app(root: Path, lang: str = "en") -> EftertankeApp:
    context = AppContext(journal_arg=str(root))
    return EftertankeApp(None, lang=lang, remember=False, unlock=context.journal_with, root=root)


async def wait_for(pilot, condition, tries: int = 100) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("the app did not get there")


def test_wrong_then_right_passphrase(journal_dir: Path) -> None:
    encrypted_journal(journal_dir)
    before = snapshot(journal_dir)

    async def run() -> None:
        app = locked_app(journal_dir, lang="da")
        async with app.run_test(size=(100, 30)) as pilot:
            assert isinstance(app.screen, UnlockScreen)
            # Nothing to go to while locked: F3 does nothing, no crash.
            await pilot.press("f3")
            assert isinstance(app.screen, UnlockScreen)
            await pilot.press(*"not it at all", "enter")
            error = app.screen.query_one("#unlock-error")
            await wait_for(pilot, lambda: "Forkert adgangsfrase" in str(error.render()))
            assert app.screen.query_one("#unlock-passphrase").value == ""
            assert snapshot(journal_dir) == before  # a wrong passphrase touched nothing
            await pilot.press(*PASS, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
            assert not app.locked
            assert len(app.index) == 1
            await pilot.press("f3")  # the app is whole: Browse lists the entry
            await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen))
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))

    asyncio.run(run())


def test_the_passphrase_is_never_written_anywhere(journal_dir: Path) -> None:
    encrypted_journal(journal_dir)

    async def run() -> None:
        app = locked_app(journal_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*PASS, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
            await pilot.press("d")  # a check-in written after unlocking is saved encrypted
            await pilot.pause(0.3)
            await pilot.press(*"Ny tjek-ind efter oplåsning", "ctrl+s")
            await wait_for(pilot, lambda: len(app.index) == 2)

    asyncio.run(run())
    journal = Journal(journal_dir, passphrase=PASS)
    assert any("oplåsning" in orjson.dumps(e.to_dict()).decode() for e in journal.entries())
    for path in journal_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PASS.encode() not in data, path
            assert "oplåsning".encode() not in data, path
