"""SVG snapshots of the main screens at 100x30, on a copy of the demo journal.

Time is frozen (the home screen says how long ago an interview ended) and
cursors do not blink, so the pictures are stable. Update them after a
deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`
and look at the SVGs before committing.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import textual
from textual.widgets import Input, TextArea

from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp

pytestmark = pytest.mark.skipif(
    textual.__version__ != "8.2.8", reason="the snapshots were drawn with Textual 8.2.8"
)

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"
# A fixed place, because the header shows the journal's path.
SNAPSHOT_JOURNAL = Path("/tmp/eftertanke-snapshots/demo")
FROZEN_NOW = datetime(2026, 3, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))
SIZE = (100, 30)


@pytest.fixture
def demo_app(monkeypatch: pytest.MonkeyPatch) -> EftertankeApp:
    shutil.rmtree(SNAPSHOT_JOURNAL, ignore_errors=True)
    shutil.copytree(DEMO, SNAPSHOT_JOURNAL)
    for module in ("eftertanke.tui.screens.home", "eftertanke.tui.widgets.trend"):
        monkeypatch.setattr(f"{module}.now", lambda: FROZEN_NOW)
    monkeypatch.setattr("eftertanke.tui.screens.write.AUTOSAVE_SECONDS", 3600)
    return EftertankeApp(Journal(SNAPSHOT_JOURNAL, author="Mette"), lang="en", remember=False)


async def no_blink(pilot) -> None:  # type: ignore[no-untyped-def]
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def test_home(snap_compare, demo_app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=no_blink)


def test_guided_writing(snap_compare, demo_app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    async def write(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"Rolig og eftertænksom samtale.")
        await no_blink(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=write)


def test_browse(snap_compare, demo_app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    async def browse(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("slash", *"tavshed")
        await no_blink(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=browse)


def test_entry_view(snap_compare, demo_app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    async def entry(pilot) -> None:  # type: ignore[no-untyped-def]
        reflection = next(
            e for e in demo_app.journal.entries() if e.kind == "interview" and e.interview == "I03"
        )
        demo_app.open_entry(reflection.id)
        await pilot.pause()
        await no_blink(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=entry)
