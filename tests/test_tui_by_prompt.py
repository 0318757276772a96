"""Pilot tests and an SVG snapshot (Danish) of the Analysis screen's by-prompt
tab: a prompt chooser, every answer to it in interview date order, the matrix."""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("textual")

import textual  # noqa: E402
from by_prompt_journal import build  # noqa: E402
from textual.widgets import DataTable, OptionList, Static, TabbedContent  # noqa: E402

from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.tui.app import EftertankeApp  # noqa: E402
from eftertanke.tui.screens.analysis import AnalysisScreen  # noqa: E402
from eftertanke.tui.widgets.by_prompt import ByPromptView  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"
SNAPSHOT_JOURNAL = Path("/tmp/eftertanke-snapshots/selfdata/demo")
FROZEN_NOW = datetime(2026, 3, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))


async def open_by_prompt(app: EftertankeApp, pilot) -> ByPromptView:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("a")
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(app.screen, AnalysisScreen)
    await pilot.press("7")
    await pilot.pause()
    assert app.screen.query_one(TabbedContent).active == "byprompt"
    return app.screen.query_one(ByPromptView)


def text_of(view: ByPromptView) -> str:
    return str(view.query_one("#byprompt-text", Static).render())


def test_choosing_a_prompt_shows_every_answer_in_interview_order(tmp_path: Path) -> None:
    build(tmp_path / "journal")
    app = EftertankeApp(Journal(tmp_path / "journal", author="t"), lang="da", remember=False)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            view = await open_by_prompt(app, pilot)
            prompts = view.query_one("#byprompt-prompts", OptionList)
            assert prompts.has_focus and view.chosen == "impressions"
            assert text_of(view).index("I01 · 3. mar. 2026 · Mette") < text_of(view).index(
                "I03 · 5. mar. 2026"
            ) < text_of(view).index("I02 · 10. mar. 2026")  # fmt: skip
            # down to "own role": the pack's Danish question, the answers, the skip
            for _ in range(7):
                await pilot.press("down")
            await pilot.pause()
            assert view.chosen == "own-role"
            shown = text_of(view)
            assert shown.startswith("Hvad lagde du mærke til ved din egen rolle")
            assert "Jeg spurgte for lidt ind." in shown and "Sprunget over i: I03" in shown
            matrix = view.query_one("#byprompt-matrix", DataTable)
            assert [c.label.plain for c in matrix.columns.values()][1:4] == ["I01", "I03", "I02"]
            own = matrix.get_row("own-role")
            assert [cell.plain for cell in own[1:]] == ["12", "–", "6", "1"]
            # enter on a matrix row chooses that prompt
            matrix.focus()
            matrix.move_cursor(row=[p.id for p in view.reflections.prompts].index("not-asked"))
            await pilot.press("enter")
            await pilot.pause()
            assert view.chosen == "not-asked" and "min egen usikkerhed" in text_of(view)

    asyncio.run(run())


def test_an_empty_journal_says_so(tmp_path: Path) -> None:
    app = EftertankeApp(Journal(tmp_path / "empty", author="t"), lang="en", remember=False)

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            view = await open_by_prompt(app, pilot)
            empty = str(view.query_one("#byprompt-empty", Static).render())
            assert "post-interview" in empty and not view.query_one("#byprompt-body").display

    asyncio.run(run())


@pytest.mark.skipif(textual.__version__ != "8.2.8", reason="drawn with Textual 8.2.8")
@pytest.mark.xdist_group("fixed-snapshot-journals")
def test_snapshot_by_prompt_in_danish(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(SNAPSHOT_JOURNAL, ignore_errors=True)
    shutil.copytree(DEMO, SNAPSHOT_JOURNAL)
    for module in ("eftertanke.tui.screens.home", "eftertanke.tui.widgets.trend"):
        monkeypatch.setattr(f"{module}.now", lambda: FROZEN_NOW)
    app = EftertankeApp(Journal(SNAPSHOT_JOURNAL, author="Mette"), lang="da", remember=False)

    async def by_prompt(pilot) -> None:  # type: ignore[no-untyped-def]
        view = await open_by_prompt(app, pilot)
        for _ in range(7):  # own role
            await pilot.press("down")
        await pilot.pause()
        assert view.chosen == "own-role"

    assert snap_compare(app, terminal_size=(120, 35), run_before=by_prompt)
