"""Pilot tests: the Analysis screen on the demo journal, its tabs, drill-down, empty states."""

from __future__ import annotations

import asyncio
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, OptionList, Static, TabbedContent  # noqa: E402

from eftertanke.domain import Entry, Interview, Theme, now  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.tui.app import EftertankeApp  # noqa: E402
from eftertanke.tui.screens.analysis import AnalysisScreen  # noqa: E402
from eftertanke.tui.screens.entry import EntryScreen  # noqa: E402
from eftertanke.tui.widgets.trend import BlockStrip  # noqa: E402

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
            # Move to Skrøbelig tryghed i store fora × I01: what is behind it is listed
            theme = "Skrøbelig tryghed i store fora"
            row = matrix.get_row_index(f"t:{theme}")
            matrix.move_cursor(row=row, column=1)
            await pilot.pause()
            refs = screen.result.matrix.items(theme, "I01")
            assert items.option_count == len(refs) > 1
            assert f"{theme} · I01: {len(refs)}" in static_text(screen, "#matrix-cell")
            matrix.focus()
            await pilot.press("enter")  # select the cell: focus goes to its list
            await pilot.pause()
            assert app.focused is items
            second = [i for i, ref in enumerate(refs) if ref.kind == "excerpt"][1]
            await pilot.press(*["down"] * second, "enter")  # the second excerpt
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            opened = app.screen
            assert opened.entry_id == refs[second].owner  # type: ignore[attr-defined]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen

            await pilot.press("2")
            await pilot.pause()
            assert tabs.active == "coverage"
            coverage = screen.query_one("#coverage-table", DataTable)
            assert coverage.row_count == 6
            i06 = coverage.get_row("I06")
            assert "untouched" in i06[4].plain  # I06 has no material: every concept untouched
            gaps = len(screen.result.coverage.with_gaps)
            verb = "leaves" if gaps == 1 else "leave"
            noun = "interview" if gaps == 1 else "interviews"
            assert f"{gaps} {noun} {verb} at least one concept untouched." in static_text(
                screen, "#coverage-note"
            )

            await pilot.press("3")
            await pilot.pause()
            assert tabs.active == "pairs"
            pairs = screen.query_one("#pairs-table", DataTable)
            assert pairs.row_count == len(screen.result.cooccurrence.pairs) > 0
            first = screen.result.cooccurrence.pairs[0]
            # the units where the strongest pair meets
            assert screen.query_one("#pairs-items", OptionList).option_count == len(first.refs)
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
            week = screen.query_one("#spark-week-balance", BlockStrip)
            day = screen.query_one("#spark-day-energy", BlockStrip)
            assert len(week.values) == 6  # six weeks of check-ins
            assert len(day.values) == 42
            # fixed scales, and the four days without a check-in are gaps, not carried over
            assert day.values.count(None) == 4
            assert "·" in day.render().plain
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


def record_notes(app: EftertankeApp) -> list[str]:
    """Every notification the app shows, kept after its toast expires."""
    seen: list[str] = []
    show = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        show(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


def coded_journal(root: Path) -> tuple[Journal, str]:
    """I01 with a reflection and a transcript, coded by hand:

    * the reflection's answer "Hun tav i mødet. Bagefter sagde hun det." codes
      "tav i mødet" Tavshed and "sagde hun det" Sparring (adjacent sentences: they meet);
    * the transcript: Anne asks at 9.45 (not coded), Leder at 9.52 says
      "Man siger ingenting." ("siger ingenting" coded Tavshed).
    """
    from eftertanke.domain import Section
    from eftertanke.services.coding import ENTRY, TRANSCRIPT, code_phrase
    from eftertanke.transcript import Transcript, Turn

    journal = Journal(root, author="t")
    journal.add_interview(Interview(code="I01", role="leder"))
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    journal.add_theme(Theme(name="Sparring", concept="wellbeing"))
    entry = journal.add_entry(
        Entry(
            kind="interview",
            interview="I01",
            title="Efter I01",
            sections=[Section("q", "Hvad skete der?", "Hun tav i mødet. Bagefter sagde hun det.")],
        )
    )
    code_phrase(journal, ENTRY, entry.id, "tav i mødet", ["Tavshed"])
    code_phrase(journal, ENTRY, entry.id, "sagde hun det", ["Sparring"])
    transcript = journal.transcripts.add(
        Transcript(
            interview="I01",
            turns=[
                Turn("Anne", "Hvordan var det?", 585.0),
                Turn("Leder", "Man siger ingenting.", 592.0),
            ],
            interviewers=["Anne"],
        )
    )
    code_phrase(journal, TRANSCRIPT, transcript.id, "siger ingenting", ["Tavshed"])
    return journal, entry.id


def test_drill_down_opens_the_coded_passage(tmp_path: Path) -> None:
    from eftertanke.tui.screens.transcript import TranscriptScreen

    journal, entry_id = coded_journal(tmp_path / "coded")
    app = EftertankeApp(journal, lang="en", remember=False)
    seen = record_notes(app)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_analysis(app, pilot)
            matrix = screen.query_one("#matrix-table", DataTable)
            row = matrix.get_row_index("t:Tavshed")
            # one coded respondent turn / one coded reflection passage
            assert matrix.get_row_at(row)[1].plain == "1/1"
            matrix.move_cursor(row=row, column=1)
            await pilot.pause()
            items = screen.query_one("#matrix-items", OptionList)
            shown = [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
            assert len(shown) == 2
            assert "Reflection" in shown[0] and "Efter I01" in shown[0]
            assert "Hvad skete der?" in shown[0] and "“tav i mødet”" in shown[0]
            assert "Respondent (I01, 9.52) · Leder" in shown[1] and "“siger ingenting”" in shown[1]
            matrix.focus()
            await pilot.press("enter", "enter")  # the reflection's passage
            await pilot.pause()
            await pilot.pause()
            # Opened at the passage: the entry's coded texts, its words selected.
            from eftertanke.tui.screens.entry_coding import EntryCodingScreen
            from eftertanke.tui.widgets.coded_text import CodedText

            assert isinstance(app.screen, EntryCodingScreen)
            assert app.screen.entry_id == entry_id
            area = app.screen.focused
            assert isinstance(area, CodedText)
            start, end = area.selected_span()
            assert area.source_text[start:end] == "tav i mødet"
            assert any("Hvad skete der?" in n and "“tav i mødet”" in n for n in seen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            assert app.screen.entry_id == entry_id  # type: ignore[attr-defined]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            items.focus()
            await pilot.press("down", "enter")  # the transcript's passage
            await pilot.pause()
            assert isinstance(app.screen, TranscriptScreen)
            assert app.screen.code == "I01"
            await app.workers.wait_for_complete()
            await pilot.pause()
            turns = app.screen.query_one("#tr-turns")
            assert turns.highlighted == 1  # at Leder's turn, 9.52
            assert any("(I01, 9.52) Leder: “siger ingenting”" in n for n in seen)
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("3")
            await pilot.pause()
            pairs = screen.query_one("#pairs-table", DataTable)
            assert pairs.row_count == 1  # Sparring and Tavshed meet, in adjacent sentences
            assert [c.plain for c in pairs.get_row_at(0)][:4] == ["Sparring", "Tavshed", "1", "1"]
            listed = screen.query_one("#pairs-items", OptionList)
            assert listed.option_count == 2
            assert "“sagde hun det”" in str(listed.get_option_at_index(1).prompt)

            await pilot.press("2")
            await pilot.pause()
            coverage = screen.query_one("#coverage-table", DataTable)
            i01 = [c.plain for c in coverage.get_row("I01")]
            # 3 of the answer's 8 words coded under safety / 2 of the transcript's 6
            assert i01[:4] == ["I01", "1", "8", "6"]
            assert i01[6] == "38% / 33%"

    asyncio.run(run())
