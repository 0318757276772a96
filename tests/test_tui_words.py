"""The app speaks one language: Textual's own palette commands in Danish, and
counted things with the right plural (Pilot tests)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp


def run(app: EftertankeApp, script: Callable[[Pilot[Any]], Any], size=(100, 30)) -> None:
    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


async def settle(app: EftertankeApp, pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def palette_prompts(app: EftertankeApp) -> list[str]:
    commands = app.screen.query_one(CommandList)
    return [str(option.prompt) for option in commands.options]


ENGLISH_SYSTEM = ("Quit", "Keys", "Screenshot", "Theme", "Maximize", "Minimize")


def test_the_danish_palette_has_textuals_commands_in_danish(tmp_path: Path) -> None:
    app = EftertankeApp(Journal(tmp_path / "j", author="t"), lang="da", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter kommandoer…"
        shown = "\n".join(palette_prompts(app))
        for danish in ("Afslut", "Taster", "Skærmbillede", "Farvetema"):
            assert danish in shown, shown
        for english in ENGLISH_SYSTEM:
            assert english not in shown, shown
        # The words name the same actions: "Taster" opens Textual's key panel.
        await pilot.press(*"taster")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.query("HelpPanel")
        # ... and now offers to hide it, in Danish.
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        helps = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any("Skjul panelet med taster og hjælp" in text for text in helps), helps
        await pilot.press("escape")
        await pilot.pause()
        # "Farvetema" opens the theme search, with a Danish placeholder.
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"farvetema")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Søg efter farvetemaer…"

    run(app, script)


def test_the_english_palette_keeps_english_words(tmp_path: Path) -> None:
    app = EftertankeApp(Journal(tmp_path / "j", author="t"), lang="en", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        shown = "\n".join(palette_prompts(app))
        assert "Quit" in shown and "Keys" in shown and "Screenshot" in shown
        assert "Afslut" not in shown

    run(app, script)


def test_afslut_in_the_danish_palette_quits(tmp_path: Path) -> None:
    app = EftertankeApp(Journal(tmp_path / "j", author="t"), lang="da", remember=False)
    quit_asked: list[bool] = []

    async def fake_quit() -> None:
        quit_asked.append(True)

    app.action_quit = fake_quit  # type: ignore[method-assign]

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"afslut")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert quit_asked == [True]

    run(app, script)


# -- counted things -------------------------------------------------------------------


def one_of_each(root: Path) -> Journal:
    """One interview, one theme, one reflection written 9 months after, one kept edit."""
    from datetime import UTC, datetime

    from eftertanke.domain import Entry, Interview, Theme
    from eftertanke.services.drafts import edit_draft, edit_draft_id

    journal = Journal(root, author="t")
    journal.add_interview(
        Interview(
            code="I01",
            role="leder",
            date=datetime(2025, 6, 1, 10, 0, tzinfo=UTC),
            duration_minutes=150,
            status="done",
        )  # fmt: skip
    )
    journal.add_theme(Theme(name="Tryghed", concept="safety"))
    entry = journal.add_entry(
        Entry(kind="interview", interview="I01", body="Sent skrevet.",
              created=datetime(2026, 3, 1, 10, 0, tzinfo=UTC), written_after_minutes=393_790)
    )  # fmt: skip
    journal.save_draft(edit_draft_id(entry.id), edit_draft(entry.id, "", "halvt", 1))
    return journal


def test_counts_in_danish_are_singular_for_one(tmp_path: Path) -> None:
    from textual.widgets import Static, Tree

    app = EftertankeApp(one_of_each(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        from eftertanke.tui.screens.drafts import ResumeDraftScreen

        assert isinstance(app.screen, ResumeDraftScreen)
        await pilot.press("escape")  # later: Home keeps a line about it
        await settle(app, pilot)
        drafts = str(app.screen.query_one("#home-drafts", Static).render())
        assert "1 ufærdig kladde " in drafts and "kassere den." in drafts, drafts
        await pilot.press("i")
        await settle(app, pilot)
        assert str(app.screen.query_one("#interviews-title", Static).render()) == "1 interview"
        await pilot.press("f5")
        await settle(app, pilot)
        assert str(app.screen.query_one("#themes-title", Static).render()) == "Kodebog: 1 tema"
        labels = [str(node.label) for node in app.screen.query_one(Tree).root.children]
        assert any(label.endswith("  1 tema") for label in labels), labels

    run(app, script)


def test_the_entry_view_says_written_after_in_months(tmp_path: Path) -> None:
    from textual.widgets import Static

    journal = one_of_each(tmp_path / "j")
    entry_id = journal.entries()[0].id

    for lang, expected in (("da", "Skrevet efter: 9 mdr."), ("en", "Written after: 9 months")):
        app = EftertankeApp(journal, lang=lang, remember=False)

        async def script(
            pilot: Pilot[Any], app: EftertankeApp = app, expected: str = expected
        ) -> None:
            await settle(app, pilot)
            app.open_entry(entry_id)
            await settle(app, pilot)
            meta = str(app.screen.query_one("#entry-meta", Static).render())
            assert expected in meta, meta
            assert "393790" not in meta

        run(app, script)


def test_the_key_panel_words_textuals_own_keys_in_danish(tmp_path: Path) -> None:
    app = EftertankeApp(Journal(tmp_path / "j", author="t"), lang="da", remember=False)

    def described() -> dict[str, str]:
        return {key: b.binding.description for key, b in app.screen.active_bindings.items()}

    async def script(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"taster")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.query("HelpPanel")
        words = described()
        assert words["tab"] == "Næste felt" and words["shift+tab"] == "Forrige felt", words
        assert "Focus Next" not in words.values() and "Copy selected text" not in words.values()
        assert app.screen.active_bindings["ctrl+p"].binding.tooltip == "Åbn kommandopaletten"
        # A text box's own keys too, once it has the focus.
        app.push_screen(_InputScreen())
        await pilot.pause(0.3)
        app.screen.query_one(Input).focus()
        await pilot.pause(0.3)
        words = described()
        assert "Markér alt" in words.values() and "Slet til venstre" in words.values(), words
        assert "Select all" not in words.values()
        # Switching language words them again.
        await pilot.press("ctrl+l")
        await pilot.pause(0.3)
        assert "Select all" in described().values()

    run(app, script)


class _InputScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Input()


def test_the_balance_table_says_written_after_in_words(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    app = EftertankeApp(one_of_each(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)
        await pilot.press("escape")  # the offered draft
        await settle(app, pilot)
        app.action_go("analysis")
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        table = app.screen.query_one("#balance-table", DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert "Skrevet efter" in headers, headers
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert "9 mdr." in cells and "393790" not in cells, cells

    run(app, script)
