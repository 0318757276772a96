"""Pilot tests of the guided writing flow as a demanding writer meets it, in Danish and English."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, Static, TextArea

from eftertanke.domain import Entry, Interview, now
from eftertanke.packs import load_builtin_packs
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.choice import ChoiceDialog
from eftertanke.tui.screens.drafts import ResumeDraftScreen
from eftertanke.tui.screens.entry import EntryScreen
from eftertanke.tui.screens.write import WriteScreen

LOCALE = Path(__file__).resolve().parents[1] / "src" / "eftertanke" / "locale"
PACKS = Path(__file__).resolve().parents[1] / "src" / "eftertanke" / "packs" / "data"


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(
        Interview(code="I03", role="plejeboligchef", level="leader", status="done",
                  date=now() - timedelta(hours=1), duration_minutes=30)
    )
    return journal


def run(app: EftertankeApp, script, size: tuple[int, int] = (110, 32)) -> None:  # type: ignore[no-untyped-def]
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


# -- 7. counts with real plurals ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "one", "two"), [("da", "1 citat", "2 citater"), ("en", "1 quote", "2 quotes")]
)
def test_the_quote_count_says_one_and_many_properly(tmp_path: Path, lang: str, one: str, two: str) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview", interview="I03")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        screen.session.add_excerpt("9.45", "Vi løfter i flok")
        screen._show_status()
        status = shown(screen, "#write-status")
        assert one in status and "1 citater" not in status and "1 quotes" not in status
        screen.session.add_excerpt("12.10", "Det siger man ved kaffemaskinen")
        screen._show_status()
        assert two in shown(screen, "#write-status")

    run(app, script)


# -- 6. the draft dialog names the pack; one word for check-in -----------------


@pytest.mark.parametrize(
    ("lang", "name"), [("da", "Refleksion efter interview"), ("en", "Reflection after an interview")]
)
def test_the_draft_dialog_names_the_pack_in_the_users_language(tmp_path: Path, lang: str, name: str) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang=lang, remember=False)

    async def write(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview", interview="I03")
        await pilot.pause()
        await pilot.press(*"Varm samtale")
        await pilot.pause(1.3)
        await app.workers.wait_for_complete()

    run(app, write)
    again = EftertankeApp(Journal(tmp_path / "j"), lang=lang, remember=False)

    async def offered(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        assert isinstance(again.screen, ResumeDraftScreen)
        line = str(again.screen.query_one("#drafts", OptionList).get_option_at_index(0).prompt)
        assert name in line and "I03" in line and "post-interview" not in line

    run(again, offered)


def test_check_in_is_one_word_across_the_catalogue_and_the_packs() -> None:
    danish = (LOCALE / "da.json").read_text(encoding="utf-8")
    packs = "".join(p.read_text(encoding="utf-8") for p in sorted(PACKS.glob("*.toml")))
    assert "tjek-ind" not in danish.casefold() and "tjek-ind" not in packs.casefold()
    assert "check-in" in danish.casefold()
    assert load_builtin_packs()["daily"].title.da == "Dagens check-in"


# -- 5. a second check-in the same day ----------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("da", "allerede skrevet et check-in i dag"),
                                             ("en", "already wrote a check-in today")])
def test_a_second_check_in_today_is_told_about_the_first(tmp_path: Path, lang: str, words: str) -> None:
    journal = make_journal(tmp_path / "j")
    morning = now().replace(hour=7, minute=5, second=0, microsecond=0)
    journal.add_entry(Entry(kind="daily", body="Morgenens check-in", created=morning, updated=morning))
    yesterday = now() - timedelta(days=1)
    journal.add_entry(Entry(kind="daily", body="I går", created=yesterday, updated=yesterday))
    app = EftertankeApp(journal, lang=lang, remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause(0.3)
        app.start_writing(kind="daily")
        await pilot.pause()
        screen = app.screen
        note = screen.query_one("#write-note", Static)
        assert note.display and words in str(note.render()) and "07:05" in str(note.render())
        # Several a day are allowed: this one saves as a second entry.
        await pilot.press(*"Eftermiddagen var bedre")
        await pilot.press("ctrl+s")
        await settle(pilot, app)

    run(app, script)
    assert len([e for e in Journal(tmp_path / "j").entries() if e.kind == "daily"]) == 3


def test_no_note_on_the_first_check_in_of_the_day_nor_on_a_memo(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    yesterday = now() - timedelta(days=1)
    journal.add_entry(Entry(kind="daily", body="I går", created=yesterday, updated=yesterday))
    journal.add_entry(Entry(kind="memo", body="Et memo i dag"))
    app = EftertankeApp(journal, lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause(0.3)
        app.start_writing(kind="daily")
        await pilot.pause()
        assert not app.screen.query_one("#write-note", Static).display
        app.screen.dismiss()
        await pilot.pause()
        journal.add_entry(Entry(kind="daily", body="Tidligt i dag"))
        app.start_writing(kind="memo")
        await pilot.pause()
        assert not app.screen.query_one("#write-note", Static).display

    run(app, script)


# -- 3. the leave dialog offers save ------------------------------------------


@pytest.mark.parametrize(("lang", "label"), [("da", "Gem indlægget"), ("en", "Save the entry")])
def test_leaving_with_text_can_save_the_entry(tmp_path: Path, lang: str, label: str) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Et memo om tavshed")
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        ids = [b.id for b in dialog.query(Button)]
        assert ids == ["choice-save", "choice-keep", "choice-discard", "choice-stay"]
        assert str(dialog.query_one("#choice-save", Button).label) == label
        await pilot.click("#choice-save")
        await settle(pilot, app)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    journal = Journal(tmp_path / "j")
    assert [s.answer for s in journal.entries()[0].sections] == ["Et memo om tavshed"]
    assert journal.drafts() == []


def test_saving_from_the_leave_dialog_that_is_refused_stays_with_the_text(tmp_path: Path) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        # Only a theme, no answer: nothing an entry can be made of.
        screen.session.add_theme("Farlig tavshed")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-save")
        await settle(pilot, app)
        assert app.screen is screen and screen.session.themes == ["Farlig tavshed"]

    run(app, script)


# -- 4. the last step reviews every answer ------------------------------------


def review_lines(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(o.prompt) for o in screen.query_one("#write-review", OptionList).options]


@pytest.mark.parametrize(("lang", "skipped"), [("da", "sprunget over"), ("en", "skipped")])
def test_the_last_step_reviews_the_answers_and_goes_back_to_one(tmp_path: Path, lang: str, skipped: str) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        assert not screen.query_one("#write-review").display
        pack = screen.session.pack
        await pilot.press(*"Sparring med en kollega", "ctrl+n")
        await pilot.press("alt+s")  # skip the second prompt
        await pilot.press(*"Tilsynet fyldte", "enter", *"og dokumentationen", "ctrl+n")
        while not screen.session.at_end:
            await pilot.press("alt+s")
        await pilot.pause()
        review = screen.query_one("#write-review", OptionList)
        assert review.display
        lines = review_lines(screen)
        assert len(lines) == len(pack.prompts)
        assert screen.session.question(pack.prompts[0]) in lines[0]
        assert "Sparring med en kollega" in lines[0]
        assert skipped in lines[1]
        assert "Tilsynet fyldte" in lines[2] and "og dokumentationen" in lines[2]
        # Enter on the second prompt goes back to it, to answer it after all.
        review.focus()
        review.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.position == 1
        assert screen.query_one("#write-answer", TextArea).has_focus
        await pilot.press(*"Et langt møde")
        while not screen.session.at_end:
            await pilot.press("ctrl+n" if screen.session.answer_of(screen.session.current.id) else "alt+s")
        await pilot.pause()
        assert "Et langt møde" in review_lines(screen)[1]
        await pilot.press("ctrl+s")
        await settle(pilot, app)

    run(app, script)
    entry = Journal(tmp_path / "j").entries()[0]
    assert [s.answer for s in entry.sections][:3] == [
        "Sparring med en kollega", "Et langt møde", "Tilsynet fyldte\nog dokumentationen"
    ]


def test_the_review_warns_of_a_required_prompt_and_shows_quotes_and_text_as_data(tmp_path: Path) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="da", remember=False)
    hostile = "[@click=app.quit]x[/] [/foo]"

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview", interview="I03")
        await pilot.pause()
        screen = app.screen
        screen.session.add_excerpt("9.45", hostile)
        screen.session.position = screen.session.total  # straight to the end
        screen._show_step()
        await pilot.pause()
        lines = review_lines(screen)
        assert "skal besvares" in lines[0]
        assert any("(I03, 9.45)" in line and hostile in line for line in lines)
        assert app.is_running

    run(app, script)


# -- 2. lines with a time in the quotes prompt become quotes -------------------


@pytest.mark.parametrize(("lang", "count"), [("da", "2 citater"), ("en", "2 quotes")])
def test_time_lines_in_the_quotes_prompt_become_quotes(tmp_path: Path, lang: str, count: str) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview", interview="I03")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Rolig samtale")
        screen.session.go_to("quotes")
        screen._show_step()
        await pilot.pause()
        await pilot.press(*"9.45 om at stå alene", "enter", *"[17:13] netværket", "enter", *"Tjek lyden")
        await pilot.pause()
        assert count in shown(screen, "#write-status")
        while not screen.session.at_end:
            await pilot.press("alt+s")
        await pilot.pause()
        assert any("(I03, 9.45)" in line and "(I03, 17:13)" in line for line in review_lines(screen))
        await pilot.press("ctrl+s")
        await settle(pilot, app)

    run(app, script)
    entry = Journal(tmp_path / "j").entries()[0]
    assert [(e.reference, e.quote) for e in entry.excerpts] == [
        ("(I03, 9.45)", "om at stå alene"), ("(I03, 17:13)", "netværket")
    ]
    assert next(s for s in entry.sections if s.prompt_id == "quotes").answer == "Tjek lyden"


def test_time_lines_without_an_interview_are_kept_as_text_and_the_review_says_why(tmp_path: Path) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview")
        await pilot.pause()
        screen = app.screen
        assert screen.session.interview is None
        await pilot.press(*"Rolig samtale")
        screen.session.go_to("quotes")
        screen._show_step()
        await pilot.pause()
        await pilot.press(*"9.45 om at stå alene")
        screen.session.position = screen.session.total
        screen._show_step()
        await pilot.pause()
        assert any("vælg interviewet" in line for line in review_lines(screen))
        assert "citat" not in shown(screen, "#write-status")

    run(app, script)


def test_the_terminal_prompts_read_quote_lines_with_the_same_parser() -> None:
    from eftertanke.cli.terminal_guided import run_in_terminal
    from eftertanke.guided import GuidedSession

    pack = load_builtin_packs()["post-interview"]
    session = GuidedSession.start(pack, language="da", interview="I03")
    lines = ["Rolig samtale", ""]
    for prompt in pack.prompts[1:]:
        if prompt.id == "quotes":
            lines += ["09:45 Vi løfter i flok", "1:02:03 sent i samtalen", ":quote [12:10] kaffemaskinen", ""]
        else:
            lines += [""]
    output: list[str] = []
    entry = run_in_terminal(session, read_line=lambda: lines.pop(0) if lines else None,
                            write=output.append)
    assert entry is not None
    assert [(e.timestamp, e.quote) for e in entry.excerpts] == [
        ("12:10", "kaffemaskinen"), ("09:45", "Vi løfter i flok"), ("1:02:03", "sent i samtalen")
    ]
    assert "↳ et citat: (I03, 09:45) Vi løfter i flok" in "".join(output)
    assert all(s.prompt_id != "quotes" for s in entry.sections)


# -- 1. ctrl+r marks only what is typed after it --------------------------------


@pytest.mark.parametrize(("lang", "marked", "words"), [
    ("da", "tilføjet senere fra hukommelsen", "2 ord tilføjet senere"),
    ("en", "added later from memory", "2 words added later"),
])
def test_added_later_marks_only_what_is_typed_after_it(tmp_path: Path, lang: str, marked: str, words: str) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Skrevet lige efter.")
        await pilot.press("ctrl+r")
        assert "herfra" in shown(screen, "#write-status") or "from here on" in shown(screen, "#write-status")
        await pilot.press("enter", *"Kom senere.")
        await pilot.pause()
        assert words in shown(screen, "#write-status")
        # An edit in the first part moves the mark with it.
        box = screen.query_one("#write-answer", TextArea)
        box.move_cursor((0, 0))
        await pilot.press(*"Meget ")
        await pilot.pause()
        assert screen.session.later_parts(screen.session.current.id) == (
            "Meget Skrevet lige efter.", "\nKom senere."
        )
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, EntryScreen)
        document = app.screen.query_one("#entry-doc").source
        first, mark, later = (document.index(t) for t in ("Meget Skrevet", marked, "Kom senere."))
        assert first < mark < later

    run(app, script)
    section = Journal(tmp_path / "j").entries()[0].sections[0]
    assert section.answer == "Meget Skrevet lige efter.\n\nKom senere."
    assert section.later_parts() == ("Meget Skrevet lige efter.\n\n", "Kom senere.")


def test_added_later_pressed_again_unmarks_and_before_typing_marks_all(tmp_path: Path) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Først", "ctrl+r", *" mere", "ctrl+r")
        assert not screen.session.answers[screen.session.current.id].added_later
        await pilot.press("ctrl+n", "ctrl+r", *"Alt sammen senere")  # the second prompt
        await pilot.pause()
        assert "hele svaret" in shown(screen, "#write-status")
        await pilot.press("ctrl+s")
        await settle(pilot, app)

    run(app, script)
    first, second = Journal(tmp_path / "j").entries()[0].sections
    assert (first.answer, first.added_later) == ("Først mere", False)
    assert second.added_later and second.later_parts() == ("", "Alt sammen senere")


def test_the_mark_survives_a_crash_and_shows_in_the_review(tmp_path: Path) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="da", remember=False)

    async def crash(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Først", "ctrl+r", "enter", *"Senere")
        await pilot.pause(1.3)
        await app.workers.wait_for_complete()

    run(app, crash)
    again = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)

    async def resume(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, WriteScreen)
        assert screen.session.later_parts(screen.session.current.id) == ("Først", "\nSenere")
        screen.session.position = screen.session.total
        screen._show_step()
        await pilot.pause()
        line = review_lines(screen)[0]
        assert line.index("Først") < line.index("tilføjet senere") < line.index("Senere")

    run(again, resume)


def test_a_draft_write_that_lands_after_the_save_does_not_bring_the_draft_back(
    tmp_path: Path,
) -> None:
    """The autosave writes drafts in threads; one that finishes after the
    entry is saved (and its draft discarded) must not write the draft again,
    or the next start offers to resume an entry that is already saved."""
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="en", remember=False)
    screens: list[WriteScreen] = []

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        screens.append(screen)
        await pilot.press(*"Et memo")
        late = screen.session.to_draft()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, EntryScreen)
        screen._write_draft(late)  # the late thread's write, after the save
        screen._dirty = True
        screen._autosave_tick()  # and a tick of the closed screen's timer
        await app.workers.wait_for_complete()

    run(app, script)
    journal = Journal(tmp_path / "j")
    assert [s.answer for s in journal.entries()[0].sections] == ["Et memo"]
    assert journal.drafts() == []


def test_a_focus_event_after_its_screen_closed_is_harmless(tmp_path: Path) -> None:
    """Closing a writing screen at once can leave its answer box's focus event
    queued; wording that box's keys then finds no screen, and must not crash."""
    app = EftertankeApp(make_journal(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="daily")
        await pilot.pause()
        answer = app.screen.query_one("#write-answer", TextArea)
        app.screen.dismiss()
        await pilot.pause()
        answer._eftertanke_lang = None  # not yet worded in this language
        app._translate_focus_chain(answer)

    run(app, script)
