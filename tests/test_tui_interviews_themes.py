"""Pilot tests: interviews, themes, help and the command palette in the TUI."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from rich.text import Text  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import DataTable, Input, OptionList, Select, Static, Tree  # noqa: E402

from eftertanke.domain import Entry, Excerpt, Interview, Theme, now  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.tui.app import EftertankeApp  # noqa: E402

HOSTILE_CODE = "X-1"  # codes are restricted to letters, digits and ._-
HOSTILE_THEME = "[@click=app.quit]x[/]"
HOSTILE_THEME_2 = "[/foo]"
HOSTILE_ROLE = "[@click=app.quit]b[/]"


def make_journal(root: Path) -> Journal:
    journal = Journal(root, author="t")
    journal.add_interview(
        Interview(
            code="I03",
            role="plejeboligchef",
            level="leader",
            organisation="Ældreområdet",
            date=now() - timedelta(hours=2),
            mode="teams",
            status="done",
            duration_minutes=30,
        )
    )
    journal.add_interview(Interview(code="I05", role="assisterende leder", level="assistant"))
    journal.add_theme(Theme(name="Dangerous silence", concept="safety"))
    journal.add_theme(Theme(name="Fragile safety", concept="safety", parent="Dangerous silence"))
    journal.add_theme(Theme(name="Demands vs resources", concept="wellbeing"))
    journal.add_entry(
        Entry(
            kind="interview",
            title="After I03",
            body="She spoke of silence in the leader group.",
            interview="I03",
            themes=["Dangerous silence"],
            excerpts=[
                Excerpt(
                    interview="I03",
                    timestamp="9.45",
                    quote="Man tør ikke sige noget",
                    themes=["Fragile safety"],
                )
            ],
        )
    )
    journal.add_entry(
        Entry(
            kind="memo",
            title="Memo on demands",
            body="Demands pile up before the budget.",
            themes=["Demands vs resources"],
        )
    )
    return journal


def make_app(tmp_path: Path, journal: Journal | None = None) -> EftertankeApp:
    journal = journal or make_journal(tmp_path / "j")
    return EftertankeApp(journal, lang="en", remember=False)


def run(
    app: EftertankeApp, scenario: Callable[[EftertankeApp, Pilot[Any]], Awaitable[None]]
) -> None:
    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(app: EftertankeApp, pilot: Pilot[Any]) -> None:
    """Let saves and the index rebuild finish, and the screens redraw."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    return str(value)


def static_text(app: EftertankeApp, selector: str) -> str:
    return plain(app.screen.query_one(selector, Static).content)


def options_text(app: EftertankeApp, selector: str) -> list[str]:
    listing = app.screen.query_one(selector, OptionList)
    return [plain(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def table_rows(app: EftertankeApp) -> dict[str, list[str]]:
    table = app.screen.query_one(DataTable)
    return {str(key.value): [plain(c) for c in table.get_row(key)] for key in table.rows}


def tree_labels(app: EftertankeApp) -> list[str]:
    tree = app.screen.query_one(Tree)
    labels: list[str] = []

    def walk(node: Any, depth: int) -> None:
        for child in node.children:
            labels.append("  " * depth + child.label.plain)
            walk(child, depth + 1)

    walk(tree.root, 0)
    return labels


def select_theme(app: EftertankeApp, name: str) -> None:
    tree = app.screen.query_one(Tree)

    def find(node: Any) -> Any:
        for child in node.children:
            if child.data == ("theme", name):
                return child
            found = find(child)
            if found is not None:
                return found
        return None

    node = find(tree.root)
    assert node is not None, name
    tree.move_cursor(node)
    tree.focus()


async def type_into(pilot: Pilot[Any], widget_id: str, text: str) -> None:
    field = pilot.app.screen.query_one(f"#{widget_id}", Input)
    field.value = text
    await pilot.pause()


# -- interviews -------------------------------------------------------------------------


def test_interviews_table_lists_interviews_with_counts(tmp_path: Path) -> None:
    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        rows = table_rows(app)
        assert set(rows) == {"I03", "I05"}
        i03 = rows["I03"]
        assert i03[:3] == ["I03", "plejeboligchef", "done"]
        assert "leader" in i03 and "Teams" in i03 and "done" in i03
        assert i03[4:6] == ["1", "1"]  # one reflection, one excerpt
        assert rows["I05"][4:6] == ["0", "0"]

    run(make_app(tmp_path), scenario)


def test_add_interview_through_the_form(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "f-code", "I07")
        await type_into(pilot, "f-role", "afdelingschef")
        await type_into(pilot, "f-organisation", "Socialområdet")
        await type_into(pilot, "f-date", "2026-03-14 10:00")
        await type_into(pilot, "f-duration", "32")
        app.screen.query_one("#f-level", Select).value = "head"
        app.screen.query_one("#f-mode", Select).value = "in-person"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = journal.get_interview("I07")
        assert saved.role == "afdelingschef"
        assert saved.level == "head" and saved.mode == "in-person"
        assert saved.duration_minutes == 32
        assert saved.date is not None and (saved.date.year, saved.date.hour) == (2026, 10)
        assert "I07" in table_rows(app)

    run(make_app(tmp_path, journal), scenario)


def test_bad_date_and_duplicate_code_show_inline_errors_and_save_nothing(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "f-code", "I08")
        await type_into(pilot, "f-role", "leder")
        await type_into(pilot, "f-date", "the day after never")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        error = static_text(app, "#form-error")
        assert "Cannot read the date" in error and "the day after never" in error
        assert form.query_one("#f-date").has_class("-invalid")
        assert form.query_one("#f-role", Input).value == "leder"  # typed values kept
        # now a duplicate code
        await type_into(pilot, "f-date", "")
        await type_into(pilot, "f-code", "i03")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        assert "already exists" in static_text(app, "#form-error")
        assert form.query_one("#f-code").has_class("-invalid")
        # the store refuses duplicates too, and the error still shows inline
        await type_into(pilot, "f-code", "I09")
        journal.add_interview(Interview(code="I09", role="other"))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        assert "already exists" in static_text(app, "#form-error")
        await pilot.press("escape")
        await settle(app, pilot)

    run(make_app(tmp_path, journal), scenario)
    assert [i.code for i in journal.interviews()] == ["I03", "I05", "I09"]


def test_edit_interview_changes_status(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("I03"))
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert form.query_one("#f-code", Input).value == "I03"
        assert form.query_one("#f-role", Input).value == "plejeboligchef"
        assert form.query_one("#f-status", Select).value == "done"
        form.query_one("#f-status", Select).value = "transcribed"
        await type_into(pilot, "f-notes", "kept across the language switch")
        app.lang = "da"
        await pilot.pause()
        assert static_text(app, "#form-title") == "Redigér interview I03"
        assert form.query_one("#f-status", Select).value == "transcribed"
        assert form.query_one("#f-level", Select).value == "leader"
        assert form.query_one("#f-notes", Input).value == "kept across the language switch"
        app.lang = "en"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert table_rows(app)["I03"][2] == "transcribed"

    run(make_app(tmp_path, journal), scenario)
    saved = journal.get_interview("I03")
    assert saved.status == "transcribed"
    assert saved.role == "plejeboligchef" and saved.duration_minutes == 30


def test_interview_detail_shows_reflections_and_excerpts_and_r_reflects(tmp_path: Path) -> None:
    calls: list[dict[str, Any]] = []
    opened: list[str] = []

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.start_writing = lambda **kw: calls.append(kw)  # type: ignore[method-assign]
        app.open_entry = lambda entry_id: opened.append(entry_id)  # type: ignore[method-assign]
        app.action_go("interviews")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("I03"))
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        meta = static_text(app, "#interview-meta")
        assert "I03" in meta and "plejeboligchef" in meta and "Teams" in meta
        reflections = options_text(app, "#reflections")
        assert len(reflections) == 1 and "After I03" in reflections[0]
        excerpts = options_text(app, "#excerpts")
        assert len(excerpts) == 1
        assert "Man tør ikke sige noget" in excerpts[0]
        assert "(I03, 9.45)" in excerpts[0] and "Fragile safety" in excerpts[0]
        await pilot.press("r")
        await pilot.pause()
        assert calls == [{"kind": "interview", "interview": "I03"}]
        listing = app.screen.query_one("#excerpts", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert len(opened) == 1

    run(make_app(tmp_path), scenario)


# -- themes ---------------------------------------------------------------------------


def test_themes_tree_shows_concepts_subthemes_and_counts(tmp_path: Path) -> None:
    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("themes")
        await settle(app, pilot)
        labels = tree_labels(app)
        assert labels[0].startswith("Drive and motivation")
        assert any(label.startswith("Psychological safety") for label in labels)
        assert "  Dangerous silence  1" in labels
        assert "    Fragile safety  1" in labels  # a sub-theme, under its parent
        assert "  Demands vs resources  1" in labels
        app.lang = "da"
        await settle(app, pilot)
        assert tree_labels(app)[0].startswith("Drivkraft og motivation")

    run(make_app(tmp_path), scenario)


def test_add_rename_merge_and_move_themes(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("themes")
        await settle(app, pilot)
        # add
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "f-name", "Structure as a foundation")
        app.screen.query_one("#f-concept", Select).value = "frames"
        await type_into(pilot, "f-theory", "Weick")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert journal.get_theme("Structure as a foundation").concept == "frames"
        assert "  Structure as a foundation  0" in tree_labels(app)
        # rename: entries follow
        select_theme(app, "Dangerous silence")
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "f-new_name", "Dangerous silences")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [t.name for t in journal.themes() if t.concept == "safety"] == [
            "Dangerous silences",
            "Fragile safety",
        ]
        assert journal.get_theme("Fragile safety").parent == "Dangerous silences"
        assert any("Dangerous silences" in e.themes for e in journal.entries())
        # merge Fragile safety into Dangerous silences
        select_theme(app, "Fragile safety")
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#f-target", Select).value = "Dangerous silences"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        names = [t.name for t in journal.themes()]
        assert "Fragile safety" not in names
        excerpt = next(e for e in journal.entries() if e.excerpts).excerpts[0]
        assert excerpt.themes == ["Dangerous silences"]
        # move to another concept
        select_theme(app, "Demands vs resources")
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#f-concept", Select).value = "frames"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert journal.get_theme("Demands vs resources").concept == "frames"
        labels = tree_labels(app)
        frames = labels.index(
            next(label for label in labels if label.startswith("Organisational frames"))
        )
        safety = labels.index(
            next(label for label in labels if label.startswith("Psychological safety"))
        )
        assert frames < labels.index("  Demands vs resources  1") < safety

    run(make_app(tmp_path, journal), scenario)


def test_theme_form_errors_stay_inline(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("themes")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "f-name", "dangerous SILENCE")
        app.screen.query_one("#f-concept", Select).value = "safety"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        assert "already exists" in static_text(app, "#form-error")
        await pilot.press("escape")
        await settle(app, pilot)
        select_theme(app, "Fragile safety")
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "f-new_name", "Demands vs resources")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "merge" in static_text(app, "#form-error")

    run(make_app(tmp_path, journal), scenario)
    assert len(journal.themes()) == 3


def test_theme_detail_lists_entries_and_excerpts(tmp_path: Path) -> None:
    opened: list[str] = []

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.open_entry = lambda entry_id: opened.append(entry_id)  # type: ignore[method-assign]
        app.action_go("themes")
        await settle(app, pilot)
        select_theme(app, "Fragile safety")
        await pilot.press("enter")
        await settle(app, pilot)
        meta = static_text(app, "#theme-meta")
        assert (
            "Fragile safety" in meta
            and "Psychological safety" in meta
            and "Dangerous silence" in meta
        )
        entries = options_text(app, "#theme-entries")
        assert len(entries) == 1 and "After I03" in entries[0]
        excerpts = options_text(app, "#theme-excerpts")
        assert len(excerpts) == 1
        assert "Man tør ikke sige noget" in excerpts[0] and "(I03, 9.45)" in excerpts[0]
        listing = app.screen.query_one("#theme-entries", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert len(opened) == 1

    run(make_app(tmp_path), scenario)


# -- help and commands --------------------------------------------------------------


def test_help_lists_keys_and_closes(tmp_path: Path) -> None:
    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        from eftertanke.tui.screens.help import HelpScreen

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-text")
        for words in (
            "Everywhere",
            "Interviews",
            "Themes (the codebook)",
            "Guided writing",
            "Merge",
            "Rename",
        ):
            assert words in text, words
        assert "^s" in text and "next prompt" in text
        app.lang = "da"
        await pilot.pause()
        assert "Overalt" in static_text(app, "#help-text")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)

    run(make_app(tmp_path), scenario)


def test_help_write_keys_match_the_write_screen() -> None:
    from textual.binding import Binding

    from eftertanke.tui.screens.help import WRITE_KEYS

    try:
        from eftertanke.tui.screens.write import WriteScreen
    except ImportError:
        pytest.skip("no write screen yet")
    bound = {b.action: b.key for b in WriteScreen.BINDINGS if isinstance(b, Binding)}
    for action, keys in WRITE_KEYS.items():
        assert bound.get(action) == keys, action


async def search(provider_class: type, app: EftertankeApp, query: str) -> list[Any]:
    provider = provider_class(app.screen)
    await provider.startup()
    return [hit async for hit in provider.search(query)]


def test_command_providers_find_entries_interviews_themes_and_actions(tmp_path: Path) -> None:
    from eftertanke.tui.commands import (
        ActionCommands,
        EntryCommands,
        InterviewCommands,
        ThemeCommands,
    )

    opened: list[tuple[str, Any]] = []

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.open_entry = lambda entry_id: opened.append(("entry", entry_id))  # type: ignore[method-assign]
        app.open_interview = lambda code: opened.append(("interview", code))  # type: ignore[method-assign]
        app.open_theme = lambda name: opened.append(("theme", name))  # type: ignore[method-assign]
        app.start_writing = lambda **kw: opened.append(("write", kw))  # type: ignore[method-assign]
        hits = await search(EntryCommands, app, "silence leader")
        assert [h.text for h in hits] == ["After I03"]
        hits[0].command()
        hits = await search(InterviewCommands, app, "I03")
        texts = [h.text for h in hits]
        assert "Interview I03 · plejeboligchef" in texts and "Reflect on I03" in texts
        for hit in hits:
            hit.command()
        hits = await search(ThemeCommands, app, "fragile")
        assert [h.text for h in hits] == ["Theme: Fragile safety"]
        hits[0].command()
        hits = await search(ActionCommands, app, "check-in")
        assert hits and "check-in" in hits[0].text
        assert ("entry", app.index.rows[-1].id) in opened or opened[0][0] == "entry"
        assert ("interview", "I03") in opened
        assert ("write", {"kind": "interview", "interview": "I03"}) in opened
        assert ("theme", "Fragile safety") in opened

    run(make_app(tmp_path), scenario)


def test_command_palette_opens_an_interview(tmp_path: Path) -> None:
    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        from eftertanke.tui.screens.interviews import InterviewDetailScreen

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Interview I05")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, InterviewDetailScreen)
        assert app.screen.code == "I05"

    run(make_app(tmp_path), scenario)


def test_entry_search_is_limited(tmp_path: Path) -> None:
    from eftertanke.tui.commands import MAX_HITS, EntryCommands

    journal = make_journal(tmp_path / "j")
    for n in range(MAX_HITS + 15):
        journal.add_entry(Entry(kind="memo", title=f"Note {n}", body="common word", created=now()))

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        hits = await search(EntryCommands, app, "common")
        assert len(hits) == MAX_HITS

    run(make_app(tmp_path, journal), scenario)


# -- hostile names --------------------------------------------------------------------


def hostile_journal(root: Path) -> Journal:
    journal = make_journal(root)
    journal.add_interview(
        Interview(code=HOSTILE_CODE, role=HOSTILE_ROLE, organisation="[/foo] org", status="done")
    )
    journal.add_theme(Theme(name=HOSTILE_THEME, concept="drive", description="[red]d[/red]"))
    journal.add_theme(Theme(name=HOSTILE_THEME_2, concept="drive", parent=HOSTILE_THEME))
    journal.add_entry(
        Entry(
            kind="interview",
            title="[@click=app.quit]title[/]",
            body="x",
            interview=HOSTILE_CODE,
            themes=[HOSTILE_THEME],
            excerpts=[
                Excerpt(
                    interview=HOSTILE_CODE,
                    timestamp="1.02",
                    quote="[/foo] quote",
                    themes=[HOSTILE_THEME_2],
                )
            ],
        )
    )
    return journal


def test_hostile_names_show_literally_and_run_nothing(tmp_path: Path) -> None:
    journal = hostile_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        row = table_rows(app)[HOSTILE_CODE]
        assert row[1] == HOSTILE_ROLE and row[7] == "[/foo] org"
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(HOSTILE_CODE))
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert HOSTILE_ROLE in static_text(app, "#interview-meta")
        assert "[@click=app.quit]title[/]" in options_text(app, "#reflections")[0]
        excerpt = options_text(app, "#excerpts")[0]
        assert "[/foo] quote" in excerpt and HOSTILE_THEME_2 in excerpt
        # click every line on screen: no markup link may run an action
        for y in range(2, 20):
            await pilot.click(offset=(10, y))
        assert app.is_running
        await pilot.press("escape")
        app.action_go("themes")
        await settle(app, pilot)
        labels = tree_labels(app)
        assert f"  {HOSTILE_THEME}  1" in labels
        assert f"    {HOSTILE_THEME_2}  1" in labels
        for y in range(2, 20):
            await pilot.click(offset=(6, y))
        assert app.is_running
        # rename the hostile theme to another hostile name, through the form
        await pilot.press("escape")
        app.action_go("themes")
        await settle(app, pilot)
        select_theme(app, HOSTILE_THEME)
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "f-new_name", "[/bar] [@click=app.quit]y[/]")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any("[/bar] [@click=app.quit]y[/]" in label for label in tree_labels(app))
        notes = [str(n.message) for n in app._notifications]
        assert any("[/bar] [@click=app.quit]y[/]" in n for n in notes)
        await pilot.pause(0.2)
        select_theme(app, "[/bar] [@click=app.quit]y[/]")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "[/bar] [@click=app.quit]y[/]" in static_text(app, "#theme-meta")
        assert "[red]d[/red]" in static_text(app, "#theme-meta")
        assert "[@click=app.quit]title[/]" in options_text(app, "#theme-entries")[0]
        # help and the palette with hostile data around
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"click")
        await pilot.pause(0.5)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running

    run(make_app(tmp_path, journal), scenario)
    assert journal.get_theme("[/bar] [@click=app.quit]y[/]").concept == "drive"


def test_hostile_command_hits_are_plain_content(tmp_path: Path) -> None:
    from textual.content import Content

    from eftertanke.tui.commands import EntryCommands, InterviewCommands, ThemeCommands

    journal = hostile_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        for provider, query, literal in (
            (ThemeCommands, "click", HOSTILE_THEME),
            (ThemeCommands, "foo", HOSTILE_THEME_2),
            (InterviewCommands, "X-1", HOSTILE_ROLE),
            (EntryCommands, "click", "[@click=app.quit]title[/]"),
        ):
            hits = await search(provider, app, query)
            assert hits, query
            shown = [h.match_display for h in hits]
            assert all(isinstance(s, Content) for s in shown)
            assert any(literal in s.plain for s in shown), (query, [s.plain for s in shown])

    run(make_app(tmp_path, journal), scenario)


def test_layout_fits_80x24(tmp_path: Path) -> None:
    async def main() -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.action_go("interviews")
            await settle(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            save = app.screen.query_one("#form-save")
            assert save.region.bottom <= 24 and save.region.width > 0
            await pilot.press("escape")
            await pilot.pause()
            app.open_interview("I03")
            await settle(app, pilot)
            excerpts = app.screen.query_one("#excerpts")
            assert excerpts.region.height >= 1 and excerpts.region.bottom <= 23
            app.open_theme("Fragile safety")
            await settle(app, pilot)
            listing = app.screen.query_one("#theme-excerpts")
            assert listing.region.height >= 1 and listing.region.bottom <= 23

    asyncio.run(main())


def test_dates_in_the_table_follow_the_language(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    when = datetime(2026, 3, 14, 10, 0).astimezone()
    interview = journal.get_interview("I05")
    interview.date = when
    journal.update_interview(interview)

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        assert table_rows(app)["I05"][3] == "14 Mar 2026 10:00"
        app.lang = "da"
        await settle(app, pilot)
        assert table_rows(app)["I05"][3] == "14. mar. 2026 10:00"
        assert table_rows(app)["I05"][6] == "assisterende leder"

    run(make_app(tmp_path, journal), scenario)


def test_recoding_an_interview_from_its_detail_screen(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.open_interview("I03")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        await type_into(pilot, "f-code", "I03b")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen.code == "I03b"
        assert "I03b" in static_text(app, "#interview-meta")
        assert "(I03b, 9.45)" in options_text(app, "#excerpts")[0]
        assert len(options_text(app, "#reflections")) == 1

    run(make_app(tmp_path, journal), scenario)
    entry = next(e for e in journal.entries() if e.excerpts)
    assert entry.interview == "I03b" and entry.excerpts[0].interview == "I03b"


def test_tree_cursor_follows_a_renamed_theme(tmp_path: Path) -> None:
    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("themes")
        await settle(app, pilot)
        select_theme(app, "Demands vs resources")
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "f-new_name", "Demands against resources")
        await pilot.press("enter")  # Enter in a field saves too
        await settle(app, pilot)
        node = app.screen.query_one(Tree).cursor_node
        assert node is not None and node.data == ("theme", "Demands against resources")

    run(make_app(tmp_path), scenario)
