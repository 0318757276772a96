"""The Analysis screen's views are widgets of their own (issue 18): each draws
the computed ``Analyses`` by itself and asks for what it opens with a typed
message, which the screen (or any other host) handles."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.app import App, ComposeResult  # noqa: E402
from textual.message import Message  # noqa: E402
from textual.widgets import DataTable, OptionList, TabbedContent  # noqa: E402

from eftertanke.analysis.coded import as_layouts  # noqa: E402
from eftertanke.analysis.passage_view import PassageLookup  # noqa: E402
from eftertanke.analysis.report import analyse_all  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.tui.app import EftertankeApp  # noqa: E402
from eftertanke.tui.screens.analysis import AnalysisScreen  # noqa: E402
from eftertanke.tui.widgets.analysis_balance import BalanceView  # noqa: E402
from eftertanke.tui.widgets.analysis_coverage import CoverageView  # noqa: E402
from eftertanke.tui.widgets.analysis_matrix import MatrixView  # noqa: E402
from eftertanke.tui.widgets.analysis_pairs import PairsView  # noqa: E402
from eftertanke.tui.widgets.analysis_view import (  # noqa: E402
    AnalysisView,
    EntryChosen,
    InterviewChosen,
    PassageChosen,
)

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"


def demo_journal(tmp_path: Path) -> Journal:
    return Journal(shutil.copytree(DEMO, tmp_path / "demo"), author="t")


class Host(App[None]):
    """One view, drawn outside the Analysis screen; what it asks for is kept."""

    def __init__(self, view: AnalysisView) -> None:
        super().__init__()
        self.view = view
        self.asked: list[Message] = []

    def compose(self) -> ComposeResult:
        with TabbedContent():
            yield self.view

    def on_passage_chosen(self, message: PassageChosen) -> None:
        self.asked.append(message)

    def on_entry_chosen(self, message: EntryChosen) -> None:
        self.asked.append(message)

    def on_interview_chosen(self, message: InterviewChosen) -> None:
        self.asked.append(message)


def drawn(journal: Journal, view: AnalysisView, keys: tuple[str, ...]) -> Host:
    docs = list(journal.raw_entries())
    transcripts = as_layouts(journal.transcripts.raw())
    result = analyse_all(
        docs, journal.themes(), journal.interviews(), top_pairs=None, transcripts=transcripts
    )
    host = Host(view)

    async def run() -> None:
        async with host.run_test(size=(120, 35)) as pilot:
            view.show(result, PassageLookup(docs, transcripts), "en")
            await pilot.pause()
            view.query_one(DataTable).focus()
            await pilot.press(*keys)
            await pilot.pause()

    asyncio.run(run())
    return host


def test_a_matrix_cell_asks_for_its_passage_and_opens_nothing_itself(tmp_path: Path) -> None:
    host = drawn(demo_journal(tmp_path), MatrixView(), ("enter", "enter"))
    assert len(host.asked) == 1
    chosen = host.asked[0]
    assert isinstance(chosen, PassageChosen)
    assert chosen.ref == host.view.items[0]  # type: ignore[attr-defined]


def test_a_pair_asks_for_the_passage_where_its_themes_meet(tmp_path: Path) -> None:
    host = drawn(demo_journal(tmp_path), PairsView(), ("enter", "enter"))
    assert [type(m) for m in host.asked] == [PassageChosen]
    assert host.asked[0].ref in host.view.pairs[0].refs  # type: ignore[attr-defined]


def test_a_balance_row_asks_for_its_entry_and_a_coverage_row_for_its_interview(
    tmp_path: Path,
) -> None:
    journal = demo_journal(tmp_path)
    balance = drawn(journal, BalanceView(), ("enter",))
    assert [type(m) for m in balance.asked] == [EntryChosen]
    assert journal.get_entry(balance.asked[0].entry_id).kind == "interview"  # type: ignore[attr-defined]
    coverage = drawn(journal, CoverageView(), ("enter",))
    assert [type(m) for m in coverage.asked] == [InterviewChosen]
    assert coverage.asked[0].code == journal.interviews()[0].code  # type: ignore[attr-defined]


def test_enter_on_the_by_prompt_list_opens_no_theme_pair(tmp_path: Path) -> None:
    """Enter on a prompt once opened the pairs tab's passage at the same place."""
    app = EftertankeApp(demo_journal(tmp_path), lang="en", remember=False)

    async def run() -> None:
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.press("a")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AnalysisScreen)
            assert screen.result is not None and screen.result.cooccurrence.pairs
            await pilot.press("7")
            await pilot.pause()
            assert isinstance(app.focused, OptionList)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen

    asyncio.run(run())
