"""Pilot tests: exporting the interview appendix, a theme digest and the browse list."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from test_export_roundtrip import HOSTILE_TITLE, build_journal_with_hostile
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.browse import BrowseScreen
from eftertanke.tui.screens.export_dialog import ExportDialog
from eftertanke.tui.screens.interviews import InterviewDetailScreen
from eftertanke.tui.screens.themes import ThemeDetailScreen


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


async def export_to(
    pilot: Pilot[None], expected_default: str, target: Path, key: str = "ctrl+e"
) -> None:
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    assert dialog.query_one("#export-path", Input).value == f"./{expected_default}"
    dialog.query_one("#export-path", Input).value = str(target)
    await pilot.press("enter")
    await settle(pilot)


def new_app(tmp_path: Path, lang: str = "en") -> EftertankeApp:
    journal = build_journal_with_hostile(tmp_path / "j")
    return EftertankeApp(journal, lang=lang, remember=False)


def test_interview_screen_exports_the_appendix(tmp_path: Path) -> None:
    app = new_app(tmp_path, "da")
    target = tmp_path / "bilag.md"

    async def script(pilot: Pilot[None]) -> None:
        app.push_screen(InterviewDetailScreen("I03"))
        await pilot.pause()
        await export_to(pilot, "i03-bilag.md", target)  # named in Danish too
        text = target.read_text(encoding="utf-8")
        assert "# Refleksion efter interview I03 · plejeboligchef" in text
        assert "| Varighed | 31 min. |" in text and "(I03, 9.45)" in text
        assert isinstance(app.screen, InterviewDetailScreen)
        assert any("Eksporteret til" in n.message for n in app._notifications)
        # A second export asks before replacing the file.
        target.write_text("old", encoding="utf-8")
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "findes allerede" in str(app.screen.query_one("#export-message", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "old"

    run(app, script)


def test_theme_screen_exports_the_digest(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    target = tmp_path / "digest.md"

    async def script(pilot: Pilot[None]) -> None:
        app.push_screen(ThemeDetailScreen("Farlig tavshed"))
        await pilot.pause()
        await export_to(pilot, "farlig-tavshed-digest.md", target)
        text = target.read_text(encoding="utf-8")
        assert "# Theme digest: Farlig tavshed" in text
        # no passage is coded: the entry is listed as coded as a whole, not reprinted
        assert "### What the respondent said" in text and "### Coded as a whole" in text

    run(app, script)


def test_browse_exports_the_filtered_list_as_one_file(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    target = tmp_path / "list.md"

    async def script(pilot: Pilot[None]) -> None:
        screen = BrowseScreen(kind="memo")
        app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#browse-list", OptionList).focus()
        await pilot.pause()
        # Browse exports with ctrl+e, as every screen does: letters typed on its list search.
        await export_to(pilot, "eftertanke-export.md", target)
        text = target.read_text(encoding="utf-8")
        assert "Et memo om metode." in text
        # The markup-like title arrives as text, escaped so Markdown shows it as typed.
        assert "# \\[@click=app.quit\\]x\\[/\\] \\[bold\\]ikke markup" in text
        assert HOSTILE_TITLE.replace("[", "\\[").replace("]", "\\]") in text
        assert "Energi: lav" not in text  # a daily entry: filtered out
        assert isinstance(app.screen, BrowseScreen)
        assert any(n.message.startswith("Exported to") for n in app._notifications)

    run(app, script)


def test_a_failed_export_says_so(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        app.push_screen(ThemeDetailScreen("Farlig tavshed"))
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "missing" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one("#export-message", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ThemeDetailScreen)

    run(app, script)
