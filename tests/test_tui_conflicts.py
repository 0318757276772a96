"""Pilot tests: the entry view shows authors and resolves conflict copies (issue 8)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from eftertanke.domain import Entry
from eftertanke.services.merge import conflict_copies, merge_journal
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.entry import EntryScreen

CPH = timezone(timedelta(hours=1))
SHARED = "5a5a5a5a-2222-4222-8222-000000000001"
HOSTILE = "[@click=app.quit]Ben[/] [bold]"


def t(minutes: int) -> datetime:
    return datetime(2026, 3, 1, 9, 0, tzinfo=CPH) + timedelta(minutes=minutes)


def conflicted_journal(tmp_path: Path) -> tuple[Journal, str]:
    """Anna's journal after merging Ben's: Ben's newer edit won, Anna's is the copy."""
    anna = Journal(tmp_path / "anna", author="Anna")
    ben = Journal(tmp_path / "ben", author=HOSTILE)
    for journal in (anna, ben):
        journal.add_entry(
            Entry(
                id=SHARED, title="Shared", body="first", author="Anna", created=t(0), updated=t(0)
            )
        )
    for journal, body, minutes in ((anna, "Anna's version", 10), (ben, "Ben's version", 20)):
        entry = journal.get_entry(SHARED)
        entry.body, entry.updated, entry.updated_by = body, t(minutes), journal.author
        journal.update_entry(entry, touch=False, check_links=False)
    report = merge_journal(anna, ben)
    (copy_id,) = report.conflicts
    return Journal(tmp_path / "anna", author="t"), copy_id


def run(app: EftertankeApp, script: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await script(pilot)
            assert app.is_running

    asyncio.run(go())


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def banner(screen: EntryScreen) -> str:
    return str(screen.query_one("#entry-banner", Static).render())


def meta(screen: EntryScreen) -> str:
    return str(screen.query_one("#entry-meta", Static).render())


def link_ids(screen: EntryScreen) -> list[str]:
    return [o.id for o in screen.query_one("#entry-links", OptionList).options if o.id]


def test_keep_this_version_on_a_conflict_copy(tmp_path: Path) -> None:
    journal, copy_id = conflicted_journal(tmp_path)
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(copy_id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntryScreen) and screen.entry_id == copy_id
        assert screen.has_class("-conflict")
        assert "Conflict copy" in banner(screen) and "Press k" in banner(screen)
        assert f"entry:{SHARED}" in link_ids(screen)
        assert "Author: Anna" in meta(screen)
        await pilot.press("k")
        await settle(pilot)
        assert app.is_running
        assert screen.entry_id == SHARED and not screen.has_class("-conflict")
        assert "Anna's version" in screen.entry.body  # type: ignore[union-attr]

    run(app, script)
    store = Journal(tmp_path / "anna")
    kept = store.get_entry(SHARED)
    assert kept.body == "Anna's version" and kept.conflict_of is None and kept.author == "Anna"
    assert kept.updated_by == "t"
    assert store.get_entry(copy_id).deleted is not None
    assert conflict_copies(store) == []


def test_the_original_lists_its_copy_shows_who_changed_it_and_keeps_itself(tmp_path: Path) -> None:
    journal, copy_id = conflicted_journal(tmp_path)
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(SHARED)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntryScreen)
        assert "1 other version" in banner(screen)
        assert f"entry:{copy_id}" in link_ids(screen)
        # The hostile author name is shown as text, never run as markup.
        assert f"Changed by: {HOSTILE}" in meta(screen)
        await pilot.press("k")
        await settle(pilot)
        assert app.is_running and not screen.has_class("-conflict")

    run(app, script)
    store = Journal(tmp_path / "anna")
    assert store.get_entry(SHARED).body == "Ben's version"
    assert store.get_entry(copy_id).deleted is not None


def test_k_does_nothing_on_an_ordinary_entry(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "plain", author="t")
    entry = journal.add_entry(Entry(body="just me"))
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(entry.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EntryScreen) and not screen.has_class("-conflict")
        assert screen.check_action("keep_version", ()) is False
        await pilot.press("k")
        await settle(pilot)

    run(app, script)
    assert Journal(tmp_path / "plain").get_entry(entry.id).to_dict() == entry.to_dict()


def test_browse_marks_conflict_copies(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    from eftertanke.domain import Entry
    from eftertanke.store import Journal
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.screens.browse import BrowseScreen

    journal = Journal(tmp_path / "j", author="t")
    original = journal.add_entry(Entry(body="the original"))
    journal.add_entry(Entry(body="the other version", conflict_of=original.id))
    app = EftertankeApp(journal, lang="en", remember=False)

    async def look() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.push_screen(BrowseScreen())
            await pilot.pause()
            rows = [str(o.prompt.content) for o in app.screen.query_one("#browse-list").options]
            marked = [r for r in rows if "⇄" in r]
            assert len(marked) == 1 and "the other version" in marked[0]

    asyncio.run(look())
