"""Pilot tests of the home screen and guided writing."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import orjson
from textual import events
from textual.widgets import OptionList, Static, TextArea

from eftertanke.domain import Entry, Interview, Theme, now
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.choice import ChoiceDialog
from eftertanke.tui.screens.drafts import ResumeDraftScreen
from eftertanke.tui.screens.home import HomeScreen
from eftertanke.tui.screens.write import WriteScreen
from eftertanke.tui.widgets.rating import RatingBar

HOSTILE = "[@click=app.quit]x[/] [/foo] [link=http://x]y [bold]"


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(
        Interview(code="I03", role="plejeboligchef", level="leader", status="done",
                  date=now() - timedelta(hours=2, minutes=30), duration_minutes=30)
    )
    journal.add_interview(Interview(code="I01", role="assisterende leder", status="reflected"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    return journal


def run(app: EftertankeApp, script) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


def texts(screen, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(option.prompt) for option in screen.query_one(selector, OptionList).options]


def test_home_shows_what_needs_writing_and_hostile_text_literally(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    journal.add_entry(Entry(kind="memo", title=HOSTILE, body=HOSTILE))
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        awaiting = texts(screen, "#awaiting")
        assert len(awaiting) == 1 and "I03" in awaiting[0] and "ended 2 hours ago" in awaiting[0]
        assert any(HOSTILE in line for line in texts(screen, "#latest"))
        status = screen.query_one("#today-status", Static)
        assert "Not written yet" in str(status.render())
        await pilot.click("#latest")
        await pilot.pause()
        assert app.is_running

    run(app, script)


def test_reflection_from_home_is_saved_with_its_interview(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen) and screen.session.interview == "I03"
        # The first prompt is required: going on with no answer is refused.
        await pilot.press("ctrl+n")
        assert screen.session.position == 0
        await pilot.press(*"Varm og åben samtale")
        await pilot.press("ctrl+n")
        assert screen.session.position == 1
        await pilot.press(*"Jeg blev rørt")
        await pilot.press("ctrl+r")  # what follows is added later from memory
        await pilot.press(*" Senere: vreden")
        await pilot.press("alt+left")
        assert screen.query_one("#write-answer", TextArea).text == "Varm og åben samtale"
        await pilot.press("alt+s")  # skip keeps the answer
        assert screen.query_one("#write-answer", TextArea).text == "Jeg blev rørt Senere: vreden"
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(app, script)
    entries = Journal(tmp_path / "j").entries()
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.kind, entry.interview, entry.pack) == ("interview", "I03", "post-interview")
    assert entry.sections[0].answer == "Varm og åben samtale"
    assert entry.sections[1].answer == "Jeg blev rørt\n\nSenere: vreden" and entry.sections[1].added_later
    assert entry.sections[1].later_parts() == ("Jeg blev rørt\n\n", "Senere: vreden")
    assert 115 <= entry.written_after_minutes <= 125
    assert Journal(tmp_path / "j").get_interview("I03").status == "reflected"
    assert Journal(tmp_path / "j").drafts() == []


def test_draft_is_saved_while_typing_and_offered_after_a_crash(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def type_and_crash(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Et memo om tavshed")
        await pilot.pause(2.2)  # the autosave runs every second
        await app.workers.wait_for_complete()

    run(app, type_and_crash)  # leaving run_test without finishing is our "crash"
    drafts = Journal(tmp_path / "j").drafts()
    assert len(drafts) == 1 and drafts[0]["answers"][0]["text"] == "Et memo om tavshed"

    again = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def resume(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        assert isinstance(again.screen, ResumeDraftScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, WriteScreen)
        assert again.screen.query_one("#write-answer", TextArea).text == "Et memo om tavshed"

    run(again, resume)


def test_leaving_with_unsaved_text_asks_first(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")  # nothing written: leaves at once
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"noget")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-stay")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-keep")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, HomeScreen)

    run(app, script)
    drafts = Journal(tmp_path / "j").drafts()
    assert [d["answers"][0]["text"] for d in drafts] == ["noget"]


def test_daily_check_in_with_ratings_theme_and_language_switch(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        english = str(screen.query_one("#write-question", Static).render())
        await pilot.press(*"Sparring med kollega")
        await pilot.press("ctrl+l")  # switch to Danish mid-session
        await pilot.pause()
        danish = str(screen.query_one("#write-question", Static).render())
        assert danish != english
        assert screen.query_one("#write-answer", TextArea).text == "Sparring med kollega"
        # Add a brand-new theme through the picker, under a concept.
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"Sparring i ledergruppen")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.session.themes == ["Sparring i ledergruppen"]
        for _ in range(screen.session.total):
            await pilot.press("alt+s")
        await pilot.pause()
        bars = list(screen.query(RatingBar))
        assert [b.key for b in bars] == ["energy", "demands", "resources", "safety", "wellbeing"]
        assert "ikke vurderet" in str(bars[0].render())
        await pilot.press(*"42354")  # each digit moves on to the next rating
        assert app.screen.focused is bars[4]
        assert "4 af 5" in str(bars[0].render()) and "2 af 5" in str(bars[1].render())
        # Typed fast, as a terminal delivers them (queued at once, no pause between):
        bars[0].focus()
        await pilot.pause()
        for digit in "53421":
            app.post_message(events.Key(digit, digit))
        await pilot.pause()
        assert [b.value for b in bars] == [5, 3, 4, 2, 1]
        bars[0].focus()
        await pilot.pause()
        await pilot.press(*"42354")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(app, script)
    fresh = Journal(tmp_path / "j")
    entry = fresh.entries()[0]
    assert entry.kind == "daily" and entry.language == "da"
    assert entry.ratings == {"energy": 4, "demands": 2, "resources": 3, "safety": 5, "wellbeing": 4}
    assert entry.themes == ["Sparring i ledergruppen"]
    assert fresh.get_theme("Sparring i ledergruppen").concept == "drive"


def test_quote_is_recorded_with_its_timestamp(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        app.start_writing(kind="interview", interview="I03")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Stærkt fællesskab")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press(*"soon", "enter")  # a bad timestamp is refused inline
        await pilot.pause()
        assert "9.45" in str(app.screen.query_one("#quote-error", Static).render())
        await pilot.press("ctrl+a", "ctrl+k", *"9.45", "tab", *"Vi løfter i flok", "enter")
        await pilot.pause()
        assert [(e.timestamp, e.quote) for e in screen.session.excerpts] == [("9.45", "Vi løfter i flok")]
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()

    run(app, script)
    entry = Journal(tmp_path / "j").entries()[0]
    assert entry.excerpts[0].reference == "(I03, 9.45)"


def test_a_failing_save_keeps_the_text(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "add_entry", broken)

    async def script(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Vigtig tekst")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        assert app.screen.query_one("#write-answer", TextArea).text == "Vigtig tekst"
        assert any("No space left" in str(n.message) for n in app._notifications)
        await pilot.pause(1.5)
        await app.workers.wait_for_complete()

    run(app, script)
    drafts = Journal(tmp_path / "j").drafts()
    assert drafts and drafts[0]["answers"][0]["text"] == "Vigtig tekst"
    raw = b"".join(p.read_bytes() for p in (tmp_path / "j" / "drafts").glob("*.json"))
    assert orjson.loads(raw)["answers"][0]["text"] == "Vigtig tekst"
