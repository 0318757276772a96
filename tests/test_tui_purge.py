"""Delete for good from the app: the trash's entry, the whole trash, an
interview with all that is its; each says what goes and asks first, and
afterwards a byte search of the whole folder finds none of the words."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Button, Static

from eftertanke.domain import Entry, Excerpt, Interview, Section
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.choice import ChoiceDialog

SECRET = "Karin Holm fortalte om direktørens trusler"
TRASHED = "En hemmelighed i papirkurven om Søren"


def folder_holds(root: Path, words: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and words.encode() in p.read_bytes()]


def make_journal(root: Path) -> Journal:
    journal = Journal(root, author="Mette")
    journal.add_interview(Interview(code="I03", role="afdelingschef", level="head"))
    journal.add_entry(Entry(kind="interview", interview="I03", title="Efter I03",
                            sections=[Section("impressions", "Indtryk?", SECRET)]))  # fmt: skip
    journal.add_entry(Entry(kind="memo", body="Et memo der citerer",
                            excerpts=[Excerpt(interview="I03", timestamp="9.45", quote=SECRET)]))  # fmt: skip
    gone = journal.add_entry(Entry(kind="memo", title="Skal væk", body=TRASHED))
    journal.delete_entry(gone.id)
    journal.add_entry(Entry(kind="memo", title="Bliver", body="Dette bliver"))
    return journal


async def settle(pilot, app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def dialog_text(dialog: ChoiceDialog) -> str:
    return "\n".join(str(s.render()) for s in dialog.query(Static))


def run(app: EftertankeApp, script) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        async with app.run_test(size=(110, 34)) as pilot:
            await settle(pilot, app)
            await script(pilot)

    asyncio.run(go())


def test_an_entry_in_the_trash_is_deleted_for_good_after_saying_what_goes(tmp_path: Path) -> None:
    root = tmp_path / "j"
    make_journal(root)
    assert folder_holds(root, TRASHED)
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("b")
        await settle(pilot, app)
        await pilot.press("ctrl+k")  # not in the list of live entries: nothing happens
        await settle(pilot, app)
        assert not isinstance(app.screen, ChoiceDialog)
        await pilot.press("ctrl+d")  # the trash
        await settle(pilot, app)
        await pilot.press("ctrl+k")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        text = dialog_text(dialog)
        assert "Skal væk" in text and "for altid" in text and "sikkerhedskopier" in text
        assert dialog.focused is dialog.query_one("#choice-cancel", Button)  # the safe answer first
        await pilot.click("#choice-purge")
        await settle(pilot, app)

    run(app, script)
    assert folder_holds(root, TRASHED) == []
    assert sorted(e.title for e in Journal(root).entries()) == ["", "Bliver", "Efter I03"]


def test_cancel_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "j"
    make_journal(root)
    app = EftertankeApp(Journal(root), lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.empty_trash()
        await settle(pilot, app)
        assert isinstance(app.screen, ChoiceDialog)
        assert "Skal væk" in dialog_text(app.screen)
        await pilot.press("enter")  # Cancel has the focus
        await settle(pilot, app)

    run(app, script)
    assert folder_holds(root, TRASHED)


def test_the_palette_empties_the_trash(tmp_path: Path) -> None:
    root = tmp_path / "j"
    make_journal(root)
    app = EftertankeApp(Journal(root), lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Empty the trash")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-purge")
        await settle(pilot, app)

    run(app, script)
    assert folder_holds(root, TRASHED) == []
    assert not [d for d in Journal(root).raw_entries(include_deleted=True) if d.get("deleted")]


def test_an_interview_is_deleted_for_good_from_the_interviews_screen(tmp_path: Path) -> None:
    root = tmp_path / "j"
    make_journal(root)
    assert len(folder_holds(root, SECRET)) >= 2
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("i")
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        text = dialog_text(dialog)
        assert "I03" in text and "Efter I03" in text
        await pilot.click("#choice-purge")
        await settle(pilot, app)

    run(app, script)
    assert folder_holds(root, SECRET) == []
    fresh = Journal(root)
    assert [i.code for i in fresh.interviews()] == []
    assert sorted(e.title for e in fresh.entries()) == ["", "Bliver"]
