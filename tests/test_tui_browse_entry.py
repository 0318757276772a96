"""Pilot tests of browsing entries and of the entry view (issue 4)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList, Select, Static, TextArea
from textual.widgets.markdown import MarkdownBlock

from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.browse import BrowseScreen
from eftertanke.tui.screens.entry import EntryScreen
from eftertanke.tui.screens.entry_edit import EditEntryScreen
from eftertanke.tui.screens.export_dialog import ExportDialog
from eftertanke.tui.screens.home import HomeScreen

HOSTILE = "[@click=app.quit]x[/] [/foo] [link=http://x]y [bold]"
CPH = timezone(timedelta(hours=1))
IDS = {
    "reflection": "11111111-1111-4111-8111-111111111111",
    "daily": "22222222-2222-4222-8222-222222222222",
    "hostile": "33333333-3333-4333-8333-333333333333",
    "other": "44444444-4444-4444-8444-444444444444",
}
MISSING_ID = "99999999-9999-4999-8999-999999999999"


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I03", role="plejeboligchef", status="reflected"))
    journal.add_interview(Interview(code="I01", role="assisterende leder", status="done"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_theme(Theme(name="Autonomi", concept="drive"))
    journal.add_entry(
        Entry(
            id=IDS["reflection"],
            kind="interview",
            title="Efter I03",
            body="Hun talte om **tavshed** i lederkredsen.",
            interview="I03",
            themes=["Farlig tavshed"],
            sections=[
                Section(
                    prompt_id="impressions",
                    prompt_text="Umiddelbare indtryk",
                    answer="Træt, men glad.",
                    added_later=True,
                ),
            ],
            excerpts=[Excerpt(interview="I03", timestamp="9.45", quote="Man siger det ikke højt.")],
            written_after_minutes=12,
            created=datetime(2026, 3, 10, 15, 0, tzinfo=CPH),
        )
    )
    journal.add_entry(
        Entry(
            id=IDS["daily"],
            kind="daily",
            title="Mandag",
            body="Energi lav, krav høje.",
            ratings={"energy": 2, "demands": 4},
            created=datetime(2026, 3, 12, 8, 0, tzinfo=CPH),
        )
    )
    journal.add_entry(
        Entry(
            id=IDS["hostile"],
            kind="memo",
            title=HOSTILE,
            body=f"{HOSTILE}\n\nEt link: [klik](app.quit) og [web](https://example.org).",
            created=datetime(2026, 3, 13, 9, 0, tzinfo=CPH),
        )
    )
    journal.add_entry(
        Entry(
            id=IDS["other"],
            kind="memo",
            title="Autonomi som metodefrihed",
            body="Noter fra vejledning.",
            themes=["Autonomi"],
            author="Jonas",
            created=datetime(2026, 3, 14, 10, 0, tzinfo=CPH),
        )
    )
    return journal


def run(
    app: EftertankeApp,
    script: Callable[[Pilot[None]], Awaitable[None]],
    size: tuple[int, int] = (100, 30),
) -> None:
    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)
            assert app.is_running

    asyncio.run(go())


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their callbacks (and the reindex) land."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def row_ids(screen: BrowseScreen) -> list[str]:
    return [o.id for o in screen.query_one("#browse-list", OptionList).options if o.id]


def row_texts(screen: BrowseScreen) -> list[str]:
    return [
        o.prompt.content.plain  # type: ignore[union-attr]
        for o in screen.query_one("#browse-list", OptionList).options
        if o.id
    ]


def status(screen: BrowseScreen) -> str:
    return str(screen.query_one("#browse-status", Static).render())


def markdown_text(screen: EntryScreen) -> str:
    return "\n".join(str(block.render()) for block in screen.query(MarkdownBlock))


async def open_browse(pilot: Pilot[None], **filters: Any) -> BrowseScreen:
    app: EftertankeApp = pilot.app  # type: ignore[assignment]
    app.browse(**filters)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


async def open_entry(pilot: Pilot[None], key: str) -> EntryScreen:
    app: EftertankeApp = pilot.app  # type: ignore[assignment]
    app.open_entry(IDS[key])
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EntryScreen)
    return screen


def new_app(tmp_path: Path, lang: str = "en") -> tuple[EftertankeApp, Journal]:
    journal = make_journal(tmp_path / "j")
    return EftertankeApp(journal, lang=lang, remember=False), journal


# -- browse ---------------------------------------------------------------------


def test_browse_lists_entries_newest_first_and_search_narrows(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        assert row_ids(screen) == [IDS["other"], IDS["hostile"], IDS["daily"], IDS["reflection"]]
        first = row_texts(screen)[-1]
        assert first.startswith("10 Mar 2026 15:00") and "interview" in first and "I03" in first
        assert "Efter I03" in first and "Farlig tavshed" in first
        assert "4 of 4 entries" in status(screen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "4 af 4 indlæg" in status(screen)
        assert "dagligt" in row_texts(screen)[2]
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "daily" in row_texts(screen)[2]

        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        for char in "tavs":
            await pilot.press(char)
        await pilot.pause()
        assert row_ids(screen) == [IDS["reflection"]]
        assert "1 of 4 entries" in status(screen)
        await pilot.press("h", "e", "d", "x")
        await pilot.pause()
        assert row_ids(screen) == []
        assert "No entries match." in str(
            screen.query_one("#browse-list", OptionList).options[0].prompt
        )
        await pilot.press("backspace")
        await pilot.pause()
        assert row_ids(screen) == [IDS["reflection"]]

        await pilot.press("escape")  # clears the search
        await pilot.pause()
        assert screen.query_one("#browse-search", Input).value == ""
        assert len(row_ids(screen)) == 4
        await pilot.press("escape")  # and then goes back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    run(app, script)


def test_filters_narrow_the_list(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        filters = screen.query_one("#browse-filters")
        assert not filters.display
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert filters.display

        kind = screen.query_one("#browse-filter-kind", Select)
        kind.value = "daily"
        await pilot.pause()
        assert row_ids(screen) == [IDS["daily"]]
        kind.clear()
        await pilot.pause()
        assert len(row_ids(screen)) == 4

        # A concept finds entries tagged with a theme under it.
        concept = screen.query_one("#browse-filter-concept", Select)
        concept.value = "drive"
        await pilot.pause()
        assert row_ids(screen) == [IDS["other"]]
        concept.clear()

        screen.query_one("#browse-filter-theme", Select).value = "Farlig tavshed"
        await pilot.pause()
        assert row_ids(screen) == [IDS["reflection"]]
        assert "Farlig tavshed" in status(screen)
        screen.query_one("#browse-filter-theme", Select).clear()

        screen.query_one("#browse-filter-interview", Select).value = "I03"
        await pilot.pause()
        assert row_ids(screen) == [IDS["reflection"]]
        screen.query_one("#browse-filter-interview", Select).clear()

        author = screen.query_one("#browse-filter-author", Select)
        assert {value for _, value in author._options if isinstance(value, str)} == {
            "Jonas",
            "Mette",
        }
        author.value = "Jonas"
        await pilot.pause()
        assert row_ids(screen) == [IDS["other"]]
        await pilot.press("escape")  # focus is in the filters: leaves the screen
        await pilot.pause()

    run(app, script)


def test_filters_passed_in_apply_and_show(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot, theme="farlig TAVSHED")
        await pilot.pause()
        assert screen.query_one("#browse-filters").display
        assert screen.query_one("#browse-filter-theme", Select).value == "Farlig tavshed"
        assert row_ids(screen) == [IDS["reflection"]]
        app.pop_screen()
        await pilot.pause()
        screen = await open_browse(pilot, interview="I03", search="tavshed")
        assert screen.query_one("#browse-search", Input).value == "tavshed"
        assert row_ids(screen) == [IDS["reflection"]]

    run(app, script)


def test_date_range_and_a_bad_date(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        await pilot.press("ctrl+f")
        since = screen.query_one("#browse-filter-from", Input)
        until = screen.query_one("#browse-filter-to", Input)
        since.value = "2026-03-12"
        await pilot.pause()
        assert row_ids(screen) == [IDS["other"], IDS["hostile"], IDS["daily"]]
        until.value = "2026-03-13"  # a bare day covers the whole day
        await pilot.pause()
        assert row_ids(screen) == [IDS["hostile"], IDS["daily"]]

        error = screen.query_one("#browse-date-error", Static)
        assert not error.display
        until.value = "the day after the thesis"
        await pilot.pause()
        assert error.display
        assert "Cannot read the date “the day after the thesis”" in str(error.render())
        assert until.has_class("-invalid")
        # The bad bound is ignored, the good one still applies.
        assert row_ids(screen) == [IDS["other"], IDS["hostile"], IDS["daily"]]
        until.value = ""
        await pilot.pause()
        assert not error.display

    run(app, script)


def test_enter_opens_the_entry(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        listing = screen.query_one("#browse-list", OptionList)
        assert app.focused is listing
        await pilot.press("end", "enter")
        await pilot.pause()
        entry_screen = app.screen
        assert isinstance(entry_screen, EntryScreen)
        assert entry_screen.entry_id == IDS["reflection"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

    run(app, script)


def test_trash_view_shows_deleted_entries_and_restores(tmp_path: Path) -> None:
    app, journal = new_app(tmp_path)
    journal.delete_entry(IDS["daily"])
    app.index.rebuild()

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        assert IDS["daily"] not in row_ids(screen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert row_ids(screen) == [IDS["daily"]]
        assert "1 of 1 in the trash" in status(screen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert journal.get_entry(IDS["daily"]).deleted is None
        assert row_ids(screen) == []
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert IDS["daily"] in row_ids(screen)

    run(app, script)


def test_refresh_keeps_the_cursor_on_the_same_entry(tmp_path: Path) -> None:
    app, journal = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        listing = screen.query_one("#browse-list", OptionList)
        listing.highlighted = row_ids(screen).index(IDS["daily"])
        journal.add_entry(Entry(kind="memo", title="Nyt memo", body="skrevet et andet sted"))
        app.journal_changed()
        await settle(pilot)
        assert len(row_ids(screen)) == 5
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == IDS["daily"]

    run(app, script)


# -- the entry view ---------------------------------------------------------------


def test_entry_view_shows_metadata_and_body(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_entry(pilot, "reflection")
        meta = str(screen.query_one("#entry-meta", Static).render())
        for expected in (
            "Kind: interview",
            "Created: 10 Mar 2026 15:00",
            "Author: Mette",
            "Interview: I03",
            "Themes: Farlig tavshed",
            "Written after: 12 min",
        ):
            assert expected in meta
        text = markdown_text(screen)
        assert "Efter I03" in text
        assert "Hun talte om tavshed i lederkredsen." in text
        assert "Umiddelbare indtryk" in text and "added later from memory" in text
        assert "Man siger det ikke højt." in text and "(I03, 9.45)" in text
        links = [o.id for o in screen.query_one("#entry-links", OptionList).options]
        assert links == ["interview:I03", "theme:Farlig tavshed"]

        daily = await open_entry(pilot, "daily")
        assert "Ratings: energy 2/5, demands 4/5" in str(
            daily.query_one("#entry-meta", Static).render()
        )

    run(app, script)


def test_entry_view_in_danish(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path, lang="da")

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_entry(pilot, "reflection")
        meta = str(screen.query_one("#entry-meta", Static).render())
        assert "Oprettet: 10. mar. 2026 15:00" in meta
        assert "tilføjet senere fra hukommelsen" in markdown_text(screen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "Created:" in str(screen.query_one("#entry-meta", Static).render())

    run(app, script)


def test_delete_then_undo(tmp_path: Path) -> None:
    app, journal = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_entry(pilot, "daily")
        await pilot.press("x")
        await settle(pilot)
        assert journal.get_entry(IDS["daily"]).deleted is not None
        assert IDS["daily"] not in [r.id for r in app.index.rows]
        banner = screen.query_one("#entry-banner", Static)
        assert banner.display and "Press u to restore" in str(banner.render())
        assert any("Press u to undo" in n.message for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert journal.get_entry(IDS["daily"]).deleted is None
        assert IDS["daily"] in [r.id for r in app.index.rows]
        assert not banner.display

    run(app, script)


def test_edit_saves_a_new_body(tmp_path: Path) -> None:
    app, journal = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_entry(pilot, "daily")
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        body = editor.query_one("#edit-body", TextArea)
        assert body.text == "Energi lav, krav høje."
        body.text = "Energi bedre i dag.\n\n## Efter frokost\n\nRo."
        editor.query_one("#edit-title", Input).value = "Tirsdag"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        stored = journal.get_entry(IDS["daily"])
        assert stored.body == "Energi bedre i dag.\n\n## Efter frokost\n\nRo."
        assert stored.title == "Tirsdag"
        assert stored.ratings == {"energy": 2, "demands": 4}  # untouched fields are kept
        assert "Efter frokost" in markdown_text(screen)
        assert not any(d.get("edit_of") for d in journal.drafts())

    run(app, script)


def test_a_failed_edit_keeps_the_text(tmp_path: Path) -> None:
    app, journal = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        await open_entry(pilot, "hostile")
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        editor.query_one("#edit-body", TextArea).text = "   "  # an empty entry is refused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.query_one("#edit-body", TextArea).text == "   "
        assert "Could not save" in str(editor.query_one("#edit-message", Static).render())
        assert journal.get_entry(IDS["hostile"]).body.startswith(HOSTILE)
        # Escape with unsaved changes asks first, then discards.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)

    run(app, script)


def test_export_writes_markdown_and_asks_before_overwriting(tmp_path: Path, monkeypatch) -> None:
    app, _ = new_app(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)

    async def script(pilot: Pilot[None]) -> None:
        await open_entry(pilot, "reflection")
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == "./2026-03-10-efter-i03.md"
        await pilot.press("enter")
        await settle(pilot)
        target = out / "2026-03-10-efter-i03.md"
        text = target.read_text(encoding="utf-8")
        assert text.startswith(f'---\nid: "{IDS["reflection"]}"\nkind: "interview"\n')
        assert "\n# Efter I03\n" in text and "Hun talte om **tavshed**" in text
        assert any("Exported to" in n.message for n in app._notifications)

        target.write_text("old", encoding="utf-8")
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # asks first
        assert "already exists" in str(app.screen.query_one("#export-message", Static).render())
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")  # confirmed
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == text

        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "no-such-dir" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one("#export-message", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)

    run(app, script)


def test_links_open_the_interview_and_the_theme(tmp_path: Path, monkeypatch) -> None:
    app, _ = new_app(tmp_path)
    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "open_interview", lambda code: opened.append(("interview", code)))
    monkeypatch.setattr(app, "open_theme", lambda name: opened.append(("theme", name)))

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_entry(pilot, "reflection")
        links = screen.query_one("#entry-links", OptionList)
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        links.highlighted = 1
        await pilot.press("enter")
        await pilot.press("i")
        await pilot.pause()
        assert opened == [("interview", "I03"), ("theme", "Farlig tavshed"), ("interview", "I03")]

    run(app, script)


def test_the_interview_link_opens_the_interview_screen(tmp_path: Path) -> None:
    try:
        from eftertanke.tui.screens.interviews import InterviewDetailScreen
    except ImportError:  # pragma: no cover - the screen is another module's work
        import pytest

        pytest.skip("interviews screen not available")
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        await open_entry(pilot, "reflection")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InterviewDetailScreen)

    run(app, script)


def test_hostile_text_is_shown_literally_and_runs_nothing(tmp_path: Path, monkeypatch) -> None:
    app, _ = new_app(tmp_path)
    urls: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: urls.append(url))

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_browse(pilot)
        row = row_texts(screen)[row_ids(screen).index(IDS["hostile"])]
        assert HOSTILE in row
        # Clicking the row opens the entry; nothing in the title acts.
        listing = screen.query_one("#browse-list", OptionList)
        await pilot.click(listing, offset=(40, 1 + row_ids(screen).index(IDS["hostile"])))
        await pilot.pause()
        await pilot.pause()
        entry_screen = app.screen
        assert isinstance(entry_screen, EntryScreen)
        assert entry_screen.entry_id == IDS["hostile"]
        text = markdown_text(entry_screen)
        assert text.count(HOSTILE) == 2  # the heading and the body
        assert app.screen.title == HOSTILE

        # A link in the text never reaches app actions; web links go to the browser.
        document = entry_screen.query_one("#entry-doc", Markdown)
        document.post_message(Markdown.LinkClicked(document, "app.quit"))
        document.post_message(Markdown.LinkClicked(document, "file:///etc/passwd"))
        document.post_message(Markdown.LinkClicked(document, "https://example.org"))
        await pilot.pause()
        assert urls == ["https://example.org"]
        assert app.is_running

    run(app, script, size=(160, 30))  # wide enough for the whole title in the list


def test_a_missing_entry_says_so(tmp_path: Path) -> None:
    app, _ = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(MISSING_ID)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntryScreen)
        banner = screen.query_one("#entry-banner", Static)
        assert banner.display and "no longer exists" in str(banner.render())
        await pilot.press("e", "x", "ctrl+e")  # nothing to act on; nothing breaks
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    run(app, script)


# -- small terminals ----------------------------------------------------------------


def test_layout_fits_80x24_and_100x30(tmp_path: Path) -> None:
    for size, min_rows in (((80, 24), 8), ((100, 30), 14)):
        app, _ = new_app(tmp_path / f"{size[0]}")

        async def script(
            pilot: Pilot[None], min_rows: int = min_rows, size: tuple[int, int] = size
        ) -> None:
            screen = await open_browse(pilot)
            await pilot.press("ctrl+f")
            await pilot.pause()
            listing = screen.query_one("#browse-list", OptionList)
            assert listing.region.height >= min_rows
            assert listing.region.bottom <= size[1] - 1  # above the footer
            assert screen.query_one("#browse-filter-to", Input).region.right <= size[0]
            entry = await open_entry(pilot, "reflection")
            scroll = entry.query_one("#entry-scroll")
            assert scroll.region.width >= 40
            assert entry.query_one("#entry-side").region.right <= size[0]

        run(app, script, size=size)


def test_edits_are_kept_as_a_draft_while_typing(tmp_path: Path) -> None:
    app, journal = new_app(tmp_path)

    async def script(pilot: Pilot[None]) -> None:
        await open_entry(pilot, "daily")
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        editor.query_one("#edit-body", TextArea).text = "Halvt skrevet"
        await pilot.pause(2.0)
        await settle(pilot)
        drafts = [d for d in journal.drafts() if d.get("edit_of") == IDS["daily"]]
        assert drafts and drafts[0]["body"] == "Halvt skrevet"
        # Edit drafts are not the writing screen's drafts: none is offered at start.
        assert not drafts[0].get("format")
        await pilot.press("escape", "escape")  # discard
        await settle(pilot)
        assert not [d for d in journal.drafts() if d.get("edit_of")]

    run(app, script)
