"""User text is data on every screen: markup-like text shows literally and runs nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

from eftertanke.domain import Entry, Excerpt, Interview, Theme
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp

HOSTILE = "[@click=app.quit]x[/] [/foo] [link=http://x]y [bold]"
PIECES = ["[@click=app.quit]x[/]", "[/foo]", "[link=http://x]y", "[bold]"]


def screen_text(app: EftertankeApp) -> str:
    svg = app.export_screenshot()
    return svg.replace("&#160;", " ").replace("&amp;", "&")


def assert_literal(app: EftertankeApp, where: str) -> None:
    text = screen_text(app)
    for piece in PIECES[:2]:
        assert piece in text, f"{piece!r} not shown literally on {where}"
    assert app.is_running, where


def test_hostile_text_on_every_screen(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j", author=HOSTILE)
    journal.add_interview(Interview(code="I09", role=HOSTILE, organisation=HOSTILE, notes=HOSTILE))
    journal.add_theme(Theme(name=HOSTILE, concept="safety"))
    entry = journal.add_entry(
        Entry(
            kind="interview",
            title=HOSTILE,
            body=f"{HOSTILE}\n\n[x](app.quit) and <b>html</b>",
            interview="I09",
            themes=[HOSTILE],
            excerpts=[Excerpt("I09", "1.05", HOSTILE, [HOSTILE])],
        )
    )
    app = EftertankeApp(journal, lang="en", remember=False)

    async def walk() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            assert_literal(app, "home")
            app.action_go("browse")
            await pilot.pause()
            assert_literal(app, "browse")
            app.open_entry(entry.id)
            await pilot.pause()
            assert_literal(app, "entry view")
            assert "&lt;b&gt;html&lt;/b&gt;" in screen_text(app)  # typed text, not HTML to drop
            app.open_interview("I09")
            await pilot.pause()
            assert_literal(app, "interview view")
            app.open_theme(HOSTILE)
            await pilot.pause()
            assert_literal(app, "theme view")
            app.action_go("themes")
            await pilot.pause()
            assert_literal(app, "themes tree")
            app.action_go("interviews")
            await pilot.pause()
            assert "[@click=app.quit]x[/]" in screen_text(app)
            app.notify(HOSTILE, markup=False)
            await pilot.pause()
            assert_literal(app, "notification")
            # Click all over the screen: nothing may run an action.
            for x in range(0, 140, 14):
                for y in range(0, 40, 8):
                    await pilot.click(offset=(x, y))
            assert app.is_running

    asyncio.run(walk())
