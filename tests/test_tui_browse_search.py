"""Pilot tests of searching in Browse (issue 13): typing on the list searches at
once, Esc steps out of the search without leaving, dates and filter names in
the user's language."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from eftertanke.domain import Entry, Theme
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.browse import BrowseScreen
from eftertanke.tui.screens.home import HomeScreen

CPH = timezone(timedelta(hours=1))
HOSTILE = "[@click=app.quit]x[/] [/foo]"
IDS = {
    "silence": "11111111-1111-4111-8111-111111111111",
    "energy": "22222222-2222-4222-8222-222222222222",
    "hostile": "33333333-3333-4333-8333-333333333333",
}
LONG_BODY = (
    "Vi begyndte med at tale om vagtplanen og om de nye kolleger på afdelingen. "
    "Efter en lang pause sagde hun, at der hersker en Farlig TAVSHED i lederkredsen, "
    "og at ingen tør sige det højt på møderne om budgettet og om fremtiden."
)


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_entry(
        Entry(
            id=IDS["silence"],
            kind="memo",
            title="Efter mødet",
            body=LONG_BODY,
            themes=["Farlig tavshed"],
            created=datetime(2026, 3, 10, 15, 0, tzinfo=CPH),
        )
    )
    journal.add_entry(
        Entry(
            id=IDS["energy"],
            kind="daily",
            title="Mandag",
            body="Energi lav, krav høje.",
            created=datetime(2026, 5, 4, 8, 5, tzinfo=CPH),
        )
    )
    journal.add_entry(
        Entry(
            id=IDS["hostile"],
            kind="memo",
            title="Klip",
            body=f"Indsat fra nettet: {HOSTILE} og så kom ordet hemmelig bagefter.",
            created=datetime(2026, 5, 6, 9, 0, tzinfo=CPH),
        )
    )
    return journal


def run(
    tmp_path: Path,
    script: Callable[[Pilot[None], EftertankeApp], Awaitable[None]],
    lang: str = "en",
    size: tuple[int, int] = (110, 30),
) -> None:
    app = EftertankeApp(make_journal(tmp_path / "j"), lang=lang, remember=False)

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot, app)
            assert app.is_running

    asyncio.run(go())


async def open_browse(pilot: Pilot[None], app: EftertankeApp) -> BrowseScreen:
    app.browse()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


def listing(screen: BrowseScreen) -> OptionList:
    return screen.query_one("#browse-list", OptionList)


def row_ids(screen: BrowseScreen) -> list[str]:
    return [o.id for o in listing(screen).options if o.id]


def row_text(screen: BrowseScreen, entry_id: str) -> str:
    option = listing(screen).get_option(entry_id)
    return option.prompt.content.plain  # type: ignore[union-attr]


def status(screen: BrowseScreen) -> str:
    return str(screen.query_one("#browse-status", Static).render())


def test_typing_on_the_list_starts_the_search(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        search = screen.query_one("#browse-search", Input)
        assert app.focused is listing(screen)
        await pilot.press("t")  # a letter, no "/" first
        await pilot.pause()
        assert app.focused is search
        assert search.value == "t"
        await pilot.press(*"avs")
        await pilot.pause()
        assert search.value == "tavs"
        assert row_ids(screen) == [IDS["silence"]]
        # Enter goes back to the list; typing there carries on the same search.
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is listing(screen)
        await pilot.press("h")
        await pilot.pause()
        assert app.focused is search and search.value == "tavsh"
        # Capitals and Danish letters start a search too; "/" still works.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("E", "n", "e", "r")
        await pilot.pause()
        assert search.value == "Ener" and row_ids(screen) == [IDS["energy"]]
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.focused is search and search.value == ""
        await pilot.press("escape", "ø")
        await pilot.pause()
        assert app.focused is search and search.value == "ø"
        # A space on the list goes into a search under way (keys typed fast
        # arrive before the focus has moved), and alone searches nothing.
        await pilot.press("escape", "space")
        await pilot.pause()
        assert app.focused is listing(screen) and search.value == ""
        await pilot.press(*"krav", "enter", "space", "x")
        await pilot.pause()
        assert search.value == "krav x"
        # Text pasted on the list is searched for too (its first line).
        await pilot.press("escape")
        listing(screen).post_message(events.Paste("\n  tavshed \nmere"))
        await pilot.pause()
        assert app.focused is search and search.value == "tavshed"
        assert row_ids(screen) == [IDS["silence"]]

    run(tmp_path, script)


def test_escape_in_the_search_box_stays_in_browse(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        search = screen.query_one("#browse-search", Input)
        await pilot.press(*"tavshed")
        await pilot.pause()
        assert row_ids(screen) == [IDS["silence"]]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # still in Browse
        assert app.focused is listing(screen)
        assert search.value == "" and len(row_ids(screen)) == 3
        # An empty search box: Esc also just goes back to the list.
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is search
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.focused is listing(screen)
        # Esc on the list, nothing searched: leaves Browse as before.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    run(tmp_path, script)


def test_dates_in_the_list_are_in_the_users_language(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        assert row_text(screen, IDS["energy"]).startswith("4. maj 2026 08:05")
        assert row_text(screen, IDS["silence"]).startswith("10. mar. 2026 15:00")
        assert "2026-03-10" not in row_text(screen, IDS["silence"])
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert row_text(screen, IDS["energy"]).startswith("4 May 2026 08:05")

    run(tmp_path, script, lang="da")


def test_the_filter_summary_names_concepts_and_kinds(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen.query_one("#browse-filter-concept", Select).value = "safety"
        await pilot.pause()
        assert row_ids(screen) == [IDS["silence"]]
        assert "Psykologisk tryghed" in status(screen)
        assert "safety" not in status(screen)
        screen.query_one("#browse-filter-kind", Select).value = "memo"
        await pilot.pause()
        assert "memo" in status(screen)
        screen.query_one("#browse-filter-from", Input).value = "2026-03-01"
        await pilot.pause()
        assert "1. mar. 2026" in status(screen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "Psychological safety" in status(screen)
        assert "1 Mar 2026" in status(screen)
        assert "Psykologisk" not in status(screen)

    run(tmp_path, script, lang="da")


# -- snippets -------------------------------------------------------------------------


def hit_texts(line: Content) -> list[str]:
    """The parts of ``line`` marked as search hits (bold and reversed)."""
    return [
        line.plain[span.start : span.end]
        for span in line.spans
        if "reverse" in str(span.style) and "bold" in str(span.style)
    ]


def row_lines(screen: BrowseScreen, entry_id: str) -> list[Content]:
    visual = listing(screen).get_option(entry_id).prompt
    return visual.lines  # type: ignore[union-attr,no-any-return]


def test_results_show_a_snippet_around_the_hit_marked(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        assert len(row_lines(screen, IDS["silence"])) == 1  # no search: one line a row
        await pilot.press(*"tavshed")
        await pilot.pause()
        assert row_ids(screen) == [IDS["silence"]]
        title, under = row_lines(screen, IDS["silence"])
        # The line under the row holds the text around the hit, cut with "…",
        # and the hit (in any case) is marked.
        assert "at der hersker en Farlig TAVSHED i lederkredsen" in under.plain
        assert under.plain.strip().startswith("…") and under.plain.endswith("…")
        assert hit_texts(under) == ["TAVSHED"]
        assert hit_texts(title) == []  # "Efter mødet": nothing to mark
        # The drawn list shows it too, two lines for the entry.
        assert (
            listing(screen).get_content_height(listing(screen).size, listing(screen).size, 100) == 2
        )
        # Two words: both marked; a word in the title is marked there.
        await pilot.press("space", *"mødet")
        await pilot.pause()
        title, under = row_lines(screen, IDS["silence"])
        assert hit_texts(title) == ["mødet"]
        assert "TAVSHED" in hit_texts(under)
        # Leaving the search: one line a row again, nothing marked.
        await pilot.press("escape")
        await pilot.pause()
        lines = row_lines(screen, IDS["silence"])
        assert len(lines) == 1 and hit_texts(lines[0]) == []

    run(tmp_path, script)


def test_a_snippet_of_hostile_text_shows_it_literally(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        await pilot.press(*"hemmelig")
        await pilot.pause()
        assert row_ids(screen) == [IDS["hostile"]]
        _, under = row_lines(screen, IDS["hostile"])
        assert HOSTILE in under.plain
        assert hit_texts(under) == ["hemmelig"]
        # Drawn on the screen as typed: no link, no markup, nothing run.
        shot = app.export_screenshot().replace("&#160;", " ").replace("&amp;", "&")
        assert "[@click=app.quit]x[/]" in shot and "[/foo]" in shot
        # A search for the markup itself finds it and marks it as text.
        await pilot.press("escape", *"[/foo]")
        await pilot.pause()
        assert row_ids(screen) == [IDS["hostile"]]
        _, under = row_lines(screen, IDS["hostile"])
        assert hit_texts(under) == ["[/foo]"]
        assert app.is_running

    run(tmp_path, script, size=(120, 30))


# -- the filter bar as a widget of its own --------------------------------------


def test_the_filter_bar_reports_its_choice_by_message(tmp_path: Path) -> None:
    from textual.app import App, ComposeResult

    from eftertanke.domain import Interview
    from eftertanke.tui.widgets.browse_filters import BrowseFilters, FilterChoice

    class Host(App[None]):
        lang = "da"

        def __init__(self) -> None:
            super().__init__()
            self.seen: list[FilterChoice] = []

        def compose(self) -> ComposeResult:
            yield BrowseFilters({"theme": "farlig TAVSHED"}, id="browse-filters")

        def on_browse_filters_changed(self, event: BrowseFilters.Changed) -> None:
            self.seen.append(event.choice)

    async def go() -> None:
        app = Host()
        async with app.run_test(size=(100, 10)) as pilot:
            bar = app.query_one(BrowseFilters)
            bar.display = True
            bar.relabel()
            themes = [Theme(name="Farlig tavshed", concept="safety")]
            bar.set_choices(themes, [Interview(code="I03", role="chef")], ["Mette"])
            await pilot.pause()
            # A theme given in another case is matched to the stored spelling.
            assert bar.choice == FilterChoice(theme="Farlig tavshed")
            assert bar.query_one("#browse-filter-kind", Select).prompt == "Alle typer"
            app.seen.clear()
            bar.query_one("#browse-filter-concept", Select).value = "safety"
            await pilot.pause()
            assert app.seen[-1] == FilterChoice(concept="safety", theme="Farlig tavshed")
            assert bar.summary() == ["Psykologisk tryghed", "Farlig tavshed"]
            bar.query_one("#browse-filter-to", Input).value = "ikke en dato"
            await pilot.pause()
            error = bar.query_one("#browse-date-error", Static)
            assert error.display and "ikke en dato" in str(error.render())
            assert app.seen[-1].until is None
            bar.query_one("#browse-filter-to", Input).value = "2026-03-14"
            await pilot.pause()
            assert app.seen[-1].until is not None and not error.display
            count = len(app.seen)
            bar.clear()
            await pilot.pause()
            assert app.seen[count:] == [FilterChoice()]  # one message for the whole reset
            assert not bar.choice.any()

    asyncio.run(go())


def test_dates_passed_in_fill_the_bar_and_apply(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        app.browse(since="2026-05-01", until="2026-05-05")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.query_one("#browse-filters").display
        assert screen.query_one("#browse-filter-from", Input).value == "2026-05-01"
        assert row_ids(screen) == [IDS["energy"]]
        assert "1 May 2026…5 May 2026" in status(screen)

    run(tmp_path, script)


def test_a_search_finds_danish_word_forms_and_marks_them_under_the_row(tmp_path: Path) -> None:
    async def script(pilot: Pilot[None], app: EftertankeApp) -> None:
        screen = await open_browse(pilot, app)
        # "lederkredsene" is nowhere in the text: the full-text index's stems
        # find "lederkredsen", and the snippet marks the form it found.
        await pilot.press(*"lederkredsene")
        await pilot.pause()
        assert row_ids(screen) == [IDS["silence"]]
        _, under = row_lines(screen, IDS["silence"])
        assert "lederkredsen" in hit_texts(under)

    run(tmp_path, script)
