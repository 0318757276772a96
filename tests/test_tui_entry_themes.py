"""The entry view links and unlinks themes; the picker's "+ Create" writes nothing until the save.

Pilot tests: ``t`` codes the entry with a theme at once (saved against the
revision shown), ``T`` takes one off; a theme made with "+ Create" while
writing lands in the codebook with the entry, and an abandoned entry leaves
no theme behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.choice import ChoiceDialog
from eftertanke.tui.screens.entry import EntryScreen
from eftertanke.tui.screens.theme_picker import ThemePicker
from eftertanke.tui.screens.write import WriteScreen

HOSTILE = "[@click=app.quit]x[/] [/foo]"


def make_journal(path: Path) -> tuple[Journal, str]:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role="leder", status="done"))
    journal.add_theme(Theme(name="At lykkes sammen", concept="drive"))
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    entry = journal.add_entry(Entry(kind="memo", title="Om tavshed", body="Første udkast."))
    return journal, entry.id


def run(app: EftertankeApp, script: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_t_links_the_highlighted_match_and_T_unlinks_it(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(entry_id)
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press(*"lykkes", "enter")  # Enter picks the highlighted match
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert Journal(tmp_path / "j").get_entry(entry_id).themes == ["At lykkes sammen"]
        assert app.screen.entry is not None and app.screen.entry.themes == ["At lykkes sammen"]
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-0")
        await settle(pilot)
        assert Journal(tmp_path / "j").get_entry(entry_id).themes == []

    run(app, script)
    assert [th.name for th in Journal(tmp_path / "j").themes()] == ["At lykkes sammen", "Tavshed"]


def test_a_new_theme_from_the_entry_view_is_made_with_the_link(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(entry_id)
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*HOSTILE, "enter")  # nothing matches: the Create line
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    fresh = Journal(tmp_path / "j")
    assert fresh.get_entry(entry_id).themes == [HOSTILE]
    assert fresh.get_theme(HOSTILE).concept == "drive"  # the picker's first concept


def test_linking_over_a_change_made_elsewhere_is_refused_in_one_line(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)
    notes: list[str] = []

    async def script(pilot: Pilot[None]) -> None:
        show = app.notify
        app.notify = lambda message, *a, **k: (notes.append(str(message)), show(message, *a, **k))  # type: ignore[method-assign]
        app.open_entry(entry_id)
        await settle(pilot)
        other = Journal(tmp_path / "j", author="Jonas")
        other.modify_entry(entry_id, lambda e: setattr(e, "body", "Changed in a shell."))
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"Tavshed", "enter")
        await settle(pilot)

    run(app, script)
    stored = Journal(tmp_path / "j").get_entry(entry_id)
    assert stored.themes == [] and stored.body == "Changed in a shell."
    assert any("changed elsewhere" in n and "\n" not in n for n in notes)


def test_a_theme_created_while_writing_is_made_only_when_the_entry_is_saved(tmp_path: Path) -> None:
    journal, _ = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.start_writing(kind="memo")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        await pilot.press(*"Et memo")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"Junk theme", "enter")
        await settle(pilot)
        assert screen.session.themes == ["Junk theme"]
        assert [th.name for th in Journal(tmp_path / "j").themes()] == [
            "At lykkes sammen",
            "Tavshed",
        ]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await settle(pilot)

    run(app, script)
    fresh = Journal(tmp_path / "j")
    assert [th.name for th in fresh.themes()] == ["At lykkes sammen", "Tavshed"]
    assert len(fresh.entries()) == 1 and fresh.drafts() == []


def test_a_draft_write_that_loses_the_race_to_a_discard_does_not_bring_the_draft_back(
    tmp_path: Path,
) -> None:
    """A tick's draft write runs in a thread; when the writer discards first and the
    thread pool runs the write after, the draft must stay gone (CI saw it come back)."""
    journal, _ = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.start_writing(kind="memo")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        await pilot.press(*"Et memo")
        late = screen.session.to_draft()
        screen._discard_draft()
        await settle(pilot)
        await asyncio.to_thread(screen._write_draft, late)
        await settle(pilot)

    run(app, script)
    assert Journal(tmp_path / "j").drafts() == []
