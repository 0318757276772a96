"""Pilot tests of carried questions in the app, on a hand-built journal: I01's
reflection carries two questions forward; they are shown when I02 is planned
or started (Home, the interview form, the guided first step) and answered,
dropped and reopened in the questions view."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static

from eftertanke.domain import Entry, Interview, Section
from eftertanke.services import questions as qs
from eftertanke.services.writing import write_entry
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.interview_form import InterviewForm
from eftertanke.tui.screens.question_dialogs import AnswerDialog, DropDialog
from eftertanke.tui.screens.questions import QuestionsScreen
from eftertanke.tui.screens.write import WriteScreen

NOT_ASKED = "Jeg spurgte ikke til hendes egen leder."
LEAD = "Lyt efter tavsheden i ledergruppen"
I02_ANSWER = "Hun fortalte om sin egen leder, der aldrig spurgte ind."


def make_journal(path: Path, *, answered_in_i02: bool = True) -> dict[str, str]:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview("I01", role="leder", status="done"))
    journal.add_interview(Interview("I02", role="chef", status="planned"))
    i01 = write_entry(
        journal,
        Entry(
            kind="interview",
            pack="post-interview",
            sections=[
                Section("impressions", "Indtryk?", "En rolig samtale."),
                Section("not-asked", "Hvad spurgte du ikke om?", NOT_ASKED),
                Section("leads", "Hvilke spor?", LEAD),
            ],
        ),
        interview=journal.get_interview("I01"),
    )
    ids = {"i01": i01.id}
    if answered_in_i02:
        i02 = write_entry(
            journal,
            Entry(
                kind="interview",
                pack="post-interview",
                sections=[Section("impressions", "Indtryk?", I02_ANSWER)],
            ),
            interview=journal.get_interview("I02"),
        )
        ids["i02"] = i02.id
    return ids


def app_for(path: Path, lang: str = "da") -> EftertankeApp:
    return EftertankeApp(Journal(path, author="Mette"), lang=lang, remember=False)


def run(app: EftertankeApp, script, size: tuple[int, int] = (110, 34)) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


def shown(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


async def settle(pilot, app: EftertankeApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(0.2)
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_home_shows_the_open_questions_and_o_opens_them(tmp_path: Path) -> None:
    make_journal(tmp_path / "j", answered_in_i02=False)
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        block = shown(app.screen, "#home-questions")
        assert block.startswith("Åbne spørgsmål (2)")
        assert f"I01   {NOT_ASKED}" in block and LEAD in block
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        assert shown(app.screen, "#questions-summary").startswith("åbne: 2 · besvarede: 0")

    run(app, script)


def test_home_hides_the_block_without_open_questions(tmp_path: Path) -> None:
    Journal(tmp_path / "j").add_entry(Entry(kind="memo", body="Intet at tage med."))
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        assert app.screen.query_one("#home-questions", Static).display is False

    run(app, script)


def test_the_interview_form_of_i02_shows_i01s_questions(tmp_path: Path) -> None:
    make_journal(tmp_path / "j", answered_in_i02=False)
    app = app_for(tmp_path / "j", lang="en")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.push_screen(InterviewForm("I02"))
        await settle(pilot, app)
        aside = shown(app.screen, "#form-questions")
        assert aside.startswith("Open questions (2)") and NOT_ASKED in aside
        app.pop_screen()
        app.push_screen(InterviewForm("I01"))  # its own questions are not for it
        await settle(pilot, app)
        assert app.screen.query_one("#form-questions", Static).display is False

    run(app, script)


def test_the_guided_first_step_of_i02s_reflection_lists_them(tmp_path: Path) -> None:
    make_journal(tmp_path / "j", answered_in_i02=False)
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview", interview="I02")
        await settle(pilot, app)
        assert isinstance(app.screen, WriteScreen)
        box = app.screen.query_one("#write-questions", Static)
        assert box.display is True
        assert str(box.render()).startswith("Åbne spørgsmål (2)") and LEAD in str(box.render())
        await pilot.press(*"Godt.", "ctrl+n")
        await pilot.pause()
        assert box.display is False  # the second step stands alone

    run(app, script)


def test_a_check_in_does_not_show_them(tmp_path: Path) -> None:
    make_journal(tmp_path / "j", answered_in_i02=False)
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="daily")
        await settle(pilot, app)
        assert app.screen.query_one("#write-questions", Static).display is False

    run(app, script)


async def open_view(pilot, app: EftertankeApp) -> QuestionsScreen:  # type: ignore[no-untyped-def]
    app.action_go("questions")
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, QuestionsScreen)
    return screen


def test_answered_in_the_view_by_a_passage_of_i02(tmp_path: Path) -> None:
    ids = make_journal(tmp_path / "j")
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = await open_view(pilot, app)
        listing = screen.query_one("#questions-list", OptionList)
        assert "Fra I01 (2 spørgsmål)" in str(listing.get_option_at_index(0).prompt)
        assert screen.selected().question.text == NOT_ASKED  # type: ignore[union-attr]
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnswerDialog)
        dialog.query_one("#answer-entry", Select).value = ids["i02"]
        dialog.query_one("#answer-phrase", Input).value = "der aldrig spurgte ind"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is screen
        assert "besvaret af »der aldrig spurgte ind« (I02)" in shown(screen, "#question-detail")
        assert shown(screen, "#questions-summary").startswith("åbne: 1 · besvarede: 1")

    run(app, script)
    [answered] = qs.study_questions(Journal(tmp_path / "j"), status="answered")
    assert answered.passage == "der aldrig spurgte ind" and answered.answered_in == "I02"


def test_a_phrase_not_found_is_said_and_changes_nothing(tmp_path: Path) -> None:
    ids = make_journal(tmp_path / "j")
    app = app_for(tmp_path / "j", lang="en")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_view(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("ctrl+s")  # no entry chosen
        await pilot.pause()
        assert "Choose the entry" in shown(dialog, "#dialog-error")
        dialog.query_one("#answer-entry", Select).value = ids["i02"]
        dialog.query_one("#answer-phrase", Input).value = "ord der ikke står der"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, QuestionsScreen)

    run(app, script)
    assert qs.study_questions(Journal(tmp_path / "j"), status="answered") == []


def test_dropped_with_a_reason_and_reopened(tmp_path: Path) -> None:
    make_journal(tmp_path / "j")
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = await open_view(pilot, app)
        await pilot.press("down")
        assert screen.selected().question.text == LEAD  # type: ignore[union-attr]
        await pilot.press("o")  # an open question cannot be reopened
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DropDialog)
        await pilot.press("enter")  # no reason: refused
        await pilot.pause()
        assert isinstance(app.screen, DropDialog)
        await pilot.press(*"Passer ikke til chefniveauet", "enter")
        await settle(pilot, app)
        assert "droppet: Passer ikke til chefniveauet" in shown(screen, "#question-detail")
        await pilot.press("s", "s", "s")  # only the dropped ones
        await pilot.pause()
        assert "viser kun: droppet" in shown(screen, "#questions-summary")
        await pilot.press("o")
        await settle(pilot, app)
        assert shown(screen, "#questions-summary").startswith(
            "åbne: 2 · besvarede: 0 · droppede: 0"
        )

    run(app, script)


def test_a_purged_answer_says_the_passage_was_deleted(tmp_path: Path) -> None:
    from eftertanke.services import purge

    ids = make_journal(tmp_path / "j")
    journal = Journal(tmp_path / "j")
    first = journal.get_entry(ids["i01"]).questions[0]
    qs.answer_question(journal, first.id, qs.link_to_phrase(journal, ids["i02"], "aldrig spurgte"))
    purge.purge(journal, purge.plan_entries(journal, [ids["i02"]]))
    app = app_for(tmp_path / "j", lang="en")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = await open_view(pilot, app)
        assert "answered (the passage was deleted)" in shown(screen, "#question-detail")

    run(app, script)


def test_the_palette_offers_the_view(tmp_path: Path) -> None:
    from eftertanke.tui.commands import ActionCommands

    make_journal(tmp_path / "j")
    app = app_for(tmp_path / "j")

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        provider = ActionCommands(app.screen)
        labels = [label for label, _command in provider._actions()]
        assert "Gå til: spørgsmål at tage med" in labels

    run(app, script)
