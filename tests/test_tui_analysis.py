"""Pilot tests: the Analysis screen on the demo journal, its tabs, drill-down, empty states."""

from __future__ import annotations

import asyncio
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, OptionList, Sparkline, Static, TabbedContent  # noqa: E402

from eftertanke.domain import Entry, Interview, Theme, now  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.tui.app import EftertankeApp  # noqa: E402
from eftertanke.tui.screens.analysis import AnalysisScreen  # noqa: E402
from eftertanke.tui.screens.entry import EntryScreen  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "journals" / "demo"


def demo_app(tmp_path: Path) -> EftertankeApp:
    copy = shutil.copytree(DEMO, tmp_path / "demo")
    return EftertankeApp(Journal(copy, author="t"), lang="en", remember=False)


async def open_analysis(app: EftertankeApp, pilot) -> AnalysisScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("a")  # from home
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AnalysisScreen)
    assert screen.result is not None
    return screen


def static_text(screen: AnalysisScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_every_tab_on_the_demo_and_drill_down_to_an_entry(tmp_path: Path) -> None:
    app = demo_app(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_analysis(app, pilot)
            tabs = screen.query_one(TabbedContent)
            assert tabs.active == "matrix"
            matrix = screen.query_one("#matrix-table", DataTable)
            # four concept rows, the themes under them, and the total row
            assert matrix.row_count == len(screen.result.matrix.themes) + 4 + 1
            assert [c.label.plain for c in matrix.columns.values()][1:7] == [
                "I01", "I02", "I03", "I04", "I05", "I06"
            ]  # fmt: skip
            # The cursor starts on the first theme in I01; the side list shows what is behind it.
            assert matrix.cursor_coordinate.row == 1 and matrix.cursor_coordinate.column == 1
            items = screen.query_one("#matrix-items", OptionList)
            theme = screen.result.matrix.themes[0]
            expected = screen.result.matrix.items(theme, "I01")
            assert items.option_count == len(expected) > 0
            # Move to Skrøbelig tryghed i store fora × I01 (two excerpts, ten passages)
            row = matrix.get_row_index("t:Skrøbelig tryghed i store fora")
            matrix.move_cursor(row=row, column=1)
            await pilot.pause()
            assert items.option_count == 12
            assert "Skrøbelig tryghed i store fora · I01: 12" in static_text(screen, "#matrix-cell")
            matrix.focus()
            await pilot.press("enter")  # select the cell: focus goes to its list
            await pilot.pause()
            assert app.focused is items
            await pilot.press("down", "enter")  # the second excerpt
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            opened = app.screen
            ref = screen.result.matrix.items("Skrøbelig tryghed i store fora", "I01")[1]
            assert ref.source == "excerpt"
            assert opened.entry_id == ref.entry_id  # type: ignore[attr-defined]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen

            await pilot.press("2")
            await pilot.pause()
            assert tabs.active == "coverage"
            coverage = screen.query_one("#coverage-table", DataTable)
            assert coverage.row_count == 6
            i06 = coverage.get_row("I06")
            assert "untouched" in i06[3].plain  # I06 has no material: every concept untouched
            assert "1 interview(s) leave at least one concept untouched." in static_text(
                screen, "#coverage-note"
            )

            await pilot.press("3")
            await pilot.pause()
            assert tabs.active == "pairs"
            pairs = screen.query_one("#pairs-table", DataTable)
            assert pairs.row_count == len(screen.result.cooccurrence.pairs) > 0
            assert screen.query_one("#pairs-items", OptionList).option_count == 3
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("4")
            await pilot.pause()
            assert tabs.active == "wellbeing"
            week = screen.query_one("#spark-week-balance", Sparkline)
            day = screen.query_one("#spark-day-energy", Sparkline)
            assert len(list(week.data or [])) == 6  # six weeks of check-ins
            assert len(list(day.data or [])) == 42
            assert "38 rated entries on 38 days" in static_text(screen, "#wellbeing-note")

            await pilot.press("5")
            await pilot.pause()
            assert tabs.active == "balance"
            balance = screen.query_one("#balance-table", DataTable)
            assert balance.row_count == 5
            assert "Across the project" in static_text(screen, "#balance-note")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            assert app.screen.entry_id == screen.result.balance.rows[0].entry_id  # type: ignore[attr-defined]

    asyncio.run(run())


def test_language_switch_and_f6(tmp_path: Path) -> None:
    app = demo_app(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("f6")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AnalysisScreen)
            await pilot.press("ctrl+l")
            await pilot.pause()
            matrix = screen.query_one("#matrix-table", DataTable)
            assert matrix.get_row_at(0)[0].plain == "Drivkraft og motivation"
            assert "Tema" in [c.label.plain for c in matrix.columns.values()]

    asyncio.run(run())


def _run_on(journal: Journal, check) -> None:  # type: ignore[no-untyped-def]
    app = EftertankeApp(journal, lang="en", remember=False)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_analysis(app, pilot)
            await check(screen, pilot)

    asyncio.run(run())


def test_empty_journal_every_tab_says_so(tmp_path: Path) -> None:
    async def check(screen: AnalysisScreen, pilot) -> None:  # type: ignore[no-untyped-def]
        expected = {
            "#matrix-empty": "No interviews yet.",
            "#coverage-empty": "No interviews yet.",
            "#pairs-empty": "No themes appear together yet",
            "#wellbeing-empty": "No ratings in this period.",
            "#balance-empty": "No post-interview reflections yet.",
        }
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
        for selector, message in expected.items():
            assert message in static_text(screen, selector)
            assert screen.query_one(selector).display
        assert not screen.query_one("#matrix-body").display

    _run_on(Journal(tmp_path / "empty", author="t"), check)


def test_journal_without_ratings_and_a_single_interview(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "one", author="t")
    journal.add_interview(
        Interview(code="I01", role="leder", date=now() - timedelta(hours=2), duration_minutes=30)
    )
    journal.add_theme(Theme(name="[bold]Tavshed[/]", concept="safety"))
    journal.add_entry(
        Entry(
            kind="interview",
            interview="I01",
            themes=["[bold]Tavshed[/]"],
            body="Hun talte om tavshed.",
        )
    )

    async def check(screen: AnalysisScreen, pilot) -> None:  # type: ignore[no-untyped-def]
        matrix = screen.query_one("#matrix-table", DataTable)
        assert matrix.get_row_at(1)[0].plain == "  [bold]Tavshed[/]"  # shown, not parsed
        assert "Only one interview (I01) so far" in static_text(screen, "#matrix-note")
        assert "untouched" in static_text(screen, "#coverage-note")
        assert "No ratings in this period." in static_text(screen, "#wellbeing-empty")
        assert not screen.query_one("#wellbeing-title-week").display
        await pilot.press("5")
        await pilot.pause()
        assert screen.query_one("#balance-table", DataTable).row_count == 1

    _run_on(journal, check)
