"""SVG snapshot of the carried questions view, in Danish, on a copy of the demo
journal (open, answered and dropped questions over the six interviews)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import textual

from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp

pytestmark = [
    pytest.mark.skipif(
        textual.__version__ != "8.2.8", reason="the snapshots were drawn with Textual 8.2.8"
    ),
    pytest.mark.xdist_group("fixed-snapshot-journals"),
]

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"
SNAPSHOT_JOURNAL = Path("/tmp/eftertanke-snapshots/questions")
FROZEN_NOW = datetime(2026, 3, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))
SIZE = (100, 30)


@pytest.fixture
def demo_app(monkeypatch: pytest.MonkeyPatch) -> EftertankeApp:
    shutil.rmtree(SNAPSHOT_JOURNAL, ignore_errors=True)
    shutil.copytree(DEMO, SNAPSHOT_JOURNAL)
    for module in ("eftertanke.tui.screens.home", "eftertanke.tui.widgets.trend"):
        monkeypatch.setattr(f"{module}.now", lambda: FROZEN_NOW)
    return EftertankeApp(Journal(SNAPSHOT_JOURNAL, author="Mette"), lang="da", remember=False)


def test_questions_view(snap_compare, demo_app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    async def questions(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "down")  # I02's dropped question, with its reason
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=questions)
