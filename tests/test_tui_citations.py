"""Pilot tests: the app copies a ready citation (OSC 52) and edits appendix numbers."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from eftertanke.domain import Entry, Interview, Section, Theme
from eftertanke.services.coding import Source, code_passage
from eftertanke.store import Journal
from eftertanke.transcript import Transcript, Turn
from eftertanke.tui.app import EftertankeApp

ANSWER = "Jeg var nervøs i starten, men det gik godt."


def make_journal(root: Path) -> tuple[Journal, str]:
    journal = Journal(root, author="Mette")
    journal.add_interview(
        Interview("I07", role="plejehjemsleder", appendix="7", reflection_appendix="5")
    )
    journal.add_theme(Theme("Tryghed", "safety"))
    entry = journal.add_entry(
        Entry(kind="interview", interview="I07", sections=[Section("p1", "Indtryk", ANSWER)])
    )
    code_passage(journal, Source.answer(entry.id, "p1"), 8, 24, ["Tryghed"])
    journal.transcripts.add(
        Transcript(
            "I07",
            [Turn("Mette", "Kan man sige fra?", 580), Turn("Leder", "Her er det trygt.", 585)],
            interviewers=["Mette"],
        )
    )
    return journal, entry.id


def clipboard(app: EftertankeApp) -> list[str]:
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    return copied


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_y_copies_the_citation_of_a_coded_passage_and_of_a_turn(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="da", remember=False)
    copied = clipboard(app)

    async def go() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            app.open_entry(entry_id, journal.get_entry(entry_id).codings[0].id)
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert copied == [
                "\u201c[...] nervøs i starten [...]\u201d (Bilag nr. 5, refleksion efter interview)"
            ]
            await pilot.press("escape", "escape")
            app.open_transcript("I07", turn=1)
            await settle(pilot)
            await pilot.press("y")  # an uncoded turn: quoted whole
            await settle(pilot)
            assert copied[-1] == "\u201cHer er det trygt.\u201d (Bilag nr. 7, 9.45)"

    asyncio.run(go())


def test_the_interview_form_edits_the_appendix_numbers(tmp_path: Path) -> None:
    journal, _ = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            from eftertanke.tui.screens.interview_form import InterviewForm

            app.push_screen(InterviewForm("I07"))
            await settle(pilot)
            form = app.screen
            assert form.query_one("#f-appendix", Input).value == "7"
            assert form.query_one("#f-reflection_appendix", Input).value == "5"
            form.query_one("#f-appendix", Input).value = "7a"
            await pilot.press("ctrl+s")
            await settle(pilot)

    asyncio.run(go())
    assert Journal(tmp_path / "j").get_interview("I07").appendix == "7a"
