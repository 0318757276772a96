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

pytestmark = [
    pytest.mark.skipif(
        textual.__version__ != "8.2.8", reason="the snapshots were drawn with Textual 8.2.8"
    ),
    # The journals lie at fixed paths (the header shows the path), so the tests
    # that rebuild them must not run at once on two workers (--dist loadgroup).
    pytest.mark.xdist_group("fixed-snapshot-journals"),
]

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


# A transcript written for this picture (the demo journal's own transcripts
# may change with the demo): two speakers, times past an hour, a long turn
# that wraps, codings of a whole turn and of part of one, and a reflection
# quoting a turn.
TRANSCRIPT_JOURNAL = Path("/tmp/eftertanke-snapshots/transcript")


def transcript_app() -> EftertankeApp:
    from eftertanke.domain import Entry, Interview, Section, Theme
    from eftertanke.services.coding import Source, code_passage
    from eftertanke.transcript import Transcript, Turn

    shutil.rmtree(TRANSCRIPT_JOURNAL, ignore_errors=True)
    journal = Journal(TRANSCRIPT_JOURNAL, author="Mette")
    journal.add_interview(Interview(code="I03", role="plejeboligchef", status="transcribed"))
    for name, concept in (
        ("At lykkes sammen", "drive"),
        ("Farlig tavshed", "safety"),
        ("Krav mod ressourcer", "wellbeing"),
    ):
        journal.add_theme(Theme(name=name, concept=concept))
    said = [
        ("Mette", "Tak fordi du ville være med. Hvad giver dig energi som leder?"),
        ("Leder", "Det er kollegerne. Når vi lykkes sammen med noget svært, så kan jeg "
         "mærke, hvorfor jeg blev leder i første omgang, og det bærer mig langt."),
        ("Mette", "Kan du give et eksempel?"),
        ("Leder", "Sidste vinter, da vi manglede folk. Vi fik det til at hænge sammen."),
        ("Mette", "Hvordan oplever du tidspres og ressourcer?"),
        ("Leder", "Krav udefra kan jeg forholde mig til. Det er kravene indefra, der slider."),
        ("Mette", "Og psykologisk tryghed i lederkredsen?"),
        ("Leder", "I den lille gruppe er der højt til loftet. I de store fora siger man "
         "det ikke højt, og så bliver der stille."),
        ("Mette", "Hvad sker der så?"),
        ("Leder", "Så tager vi det bagefter, på gangen. Det er ikke godt nok."),
    ]
    turns = [Turn(who, words, 60.0 * n + 7 * n) for n, (who, words) in enumerate(said)]
    turns.append(Turn("Leder", "Tak for i dag.", 3725.0))
    transcript = journal.transcripts.add(
        Transcript(interview="I03", turns=turns, interviewers=["Mette"])
    )
    where = Source.transcript(transcript.id)
    low, high = transcript.turn_spans[1]
    code_passage(journal, where, low, high, ["At lykkes sammen"])
    low, high = transcript.turn_spans[7]
    start = transcript.text.index("I de store fora", low)
    code_passage(journal, where, start, high, ["Farlig tavshed", "Krav mod ressourcer"],
                 memo="Tavsheden i de store fora.")
    journal.add_entry(
        Entry(
            kind="interview",
            title="Efter I03",
            interview="I03",
            sections=[
                Section(
                    prompt_id="quotes",
                    prompt_text="Citater",
                    answer="7.49 “I de store fora siger man det ikke højt”",
                )
            ],
        )
    )
    return EftertankeApp(Journal(TRANSCRIPT_JOURNAL, author="Mette"), lang="en", remember=False)


def test_transcript_view(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = transcript_app()

    async def transcript(pilot) -> None:  # type: ignore[no-untyped-def]
        app.open_transcript("I03")
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for _ in range(7):
            await pilot.press("down")
        await pilot.pause()
        await no_blink(pilot)

    assert snap_compare(app, terminal_size=(120, 35), run_before=transcript)


# The main screens in Danish at the two sizes people use most: an 80x24
# terminal (the footer is compact, the Analysis tabs short) and 120x35.
DANISH_SIZES = [(80, 24), (120, 35)]


async def _danish_home(pilot) -> None:  # type: ignore[no-untyped-def]
    await no_blink(pilot)


async def _danish_browse(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("b")
    await pilot.pause()
    await pilot.press(*"tavshed")
    await no_blink(pilot)


async def _danish_analysis(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await no_blink(pilot)


async def _danish_writing(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    await pilot.pause()
    await pilot.press(*"Rolig og eftertænksom samtale.")
    await no_blink(pilot)


DANISH_SCREENS = {
    "home": _danish_home,
    "browse": _danish_browse,
    "analysis": _danish_analysis,
    "writing": _danish_writing,
}


@pytest.mark.parametrize("size", DANISH_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(DANISH_SCREENS))
def test_danish(snap_compare, demo_app: EftertankeApp, screen: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    demo_app.set_reactive(EftertankeApp.lang, "da")
    assert snap_compare(demo_app, terminal_size=size, run_before=DANISH_SCREENS[screen])
