"""Pilot tests of the guided writing flow as a demanding writer meets it, in Danish and English."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from eftertanke.domain import Entry, Interview, now
from eftertanke.packs import load_builtin_packs
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.drafts import ResumeDraftScreen
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
