"""Issue 11, cases 1 and 5: the app never loses an edit, and every editor's drafts come back.

Pilot tests (``App.run_test``) with real ``eftertanke`` subprocesses as the
other writer. Leaving ``run_test`` without saving stands for a crash: what is
on disk afterwards is all a new session gets.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import orjson
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from eftertanke.domain import Entry, Interview, Theme
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.entry import EntryScreen
from eftertanke.tui.screens.entry_edit import EditEntryScreen
from eftertanke.tui.screens.home import HomeScreen
from eftertanke.tui.screens.interview_form import InterviewForm
from eftertanke.tui.screens.theme_forms import AddThemeForm, MoveThemeForm

HOSTILE = "[@click=app.quit]x[/] [/foo]"
BODY = "Første udkast om tavshed i teamet."


def make_journal(path: Path) -> tuple[Journal, str]:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role="leder", status="done"))
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    entry = journal.add_entry(Entry(kind="memo", title="Tavshed", body=BODY))
    return journal, entry.id


def run(app: EftertankeApp, script: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their callbacks (and the reindex) land."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def cli(journal: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
    )


def record_notes(app: EftertankeApp) -> list[str]:
    """Every notification the app shows, kept after its toast expires (on a busy
    machine a two-second toast can be gone before the test looks)."""
    seen: list[str] = []
    show = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        show(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def open_editor(pilot: Pilot[None], entry_id: str) -> EditEntryScreen:
    app: EftertankeApp = pilot.app  # type: ignore[assignment]
    app.open_entry(entry_id)
    await settle(pilot)
    await pilot.press("e")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, EditEntryScreen)
    return editor


def edit_drafts(journal: Journal) -> list[dict]:  # type: ignore[type-arg]
    return [d for d in journal.drafts() if d.get("edit_of")]


# -- case 1: the TUI editor against a CLI edit -----------------------------------


def test_tui_editor_over_a_cli_edit_keeps_both_texts_and_says_so(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)
    seen = record_notes(app)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, entry_id)
        editor.query_one("#edit-body", TextArea).text = "Min version fra appen."
        shell = cli(tmp_path / "j", "edit", entry_id[:8], "-m", "Teksten fra skallen.")
        assert shell.returncode == 0, shell.stderr
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert any("changed elsewhere" in n and "conflict copy" in n for n in seen)

    run(app, script)
    stored = Journal(tmp_path / "j")
    assert stored.get_entry(entry_id).body == "Teksten fra skallen."
    copies = [e for e in stored.entries() if e.conflict_of == entry_id]
    assert [c.body for c in copies] == ["Min version fra appen."]
    assert edit_drafts(stored) == []  # saved durably (as a copy): the draft is gone


def test_a_plain_tui_edit_still_saves_in_place(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="da", remember=False)
    seen = record_notes(app)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, entry_id)
        editor.query_one("#edit-body", TextArea).text = "Ny tekst."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Gemt" in seen

    run(app, script)
    stored = Journal(tmp_path / "j")
    assert stored.get_entry(entry_id).body == "Ny tekst."
    assert not [e for e in stored.entries() if e.conflict_of]


def test_the_danish_conflict_notice(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="da", remember=False)
    seen = record_notes(app)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, entry_id)
        editor.query_one("#edit-body", TextArea).text = "Min version."
        Journal(tmp_path / "j").modify_entry(entry_id, lambda e: setattr(e, "body", "Anden."))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("ændret et andet sted" in n and "konfliktkopi" in n for n in seen)

    run(app, script)


def test_the_entry_view_reloads_a_changed_entry_before_e_opens_the_editor(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(entry_id)
        await settle(pilot)
        shell = cli(tmp_path / "j", "edit", entry_id[:8], "-m", "Nyere tekst fra skallen.")
        assert shell.returncode == 0, shell.stderr
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        assert editor.query_one("#edit-body", TextArea).text == "Nyere tekst fra skallen."
        await pilot.press("escape")
        await settle(pilot)
        # The view behind it shows the stored text too.
        assert app.screen.entry.body == "Nyere tekst fra skallen."  # type: ignore[attr-defined]

    run(app, script)


def test_an_entry_trashed_while_editing_stays_in_the_trash(tmp_path: Path) -> None:
    journal, entry_id = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, entry_id)
        editor.query_one("#edit-body", TextArea).text = "Skrevet mens den blev slettet."
        assert cli(tmp_path / "j", "delete", entry_id[:8]).returncode == 0
        await pilot.press("ctrl+s")
        await settle(pilot)

    run(app, script)
    stored = Journal(tmp_path / "j")
    assert stored.get_entry(entry_id).deleted is not None
    copies = [e for e in stored.entries() if e.conflict_of == entry_id]
    assert [c.body for c in copies] == ["Skrevet mens den blev slettet."]


# -- case 5: the edit dialog's draft comes back ------------------------------------


def crash_while_editing(tmp_path: Path, entry_id: str, title: str, body: str) -> None:
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, entry_id)
        editor.query_one("#edit-title", Input).value = title
        editor.query_one("#edit-body", TextArea).text = body
        await pilot.pause(2.0)  # the draft is kept every 1.5 s
        await settle(pilot)

    run(app, script)  # leaving without saving: the "crash"


def test_a_crashed_edit_is_offered_on_home_and_restores_its_text(tmp_path: Path) -> None:
    _journal, entry_id = make_journal(tmp_path / "j")
    crash_while_editing(tmp_path, entry_id, HOSTILE, f"Halvt skrevet {HOSTILE}")
    assert len(edit_drafts(Journal(tmp_path / "j"))) == 1

    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await settle(pilot)
        offered = app.screen.query_one("#drafts", OptionList)
        lines = [o.prompt.plain for o in offered.options]  # type: ignore[union-attr]
        assert len(lines) == 1 and "edit" in lines[0] and HOSTILE in lines[0]
        await pilot.press("escape")  # later: Home keeps a line about it
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        line = app.screen.query_one("#home-drafts", Static)
        assert line.display and "1 unfinished draft" in str(line.render())
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        assert editor.query_one("#edit-title", Input).value == HOSTILE
        assert editor.query_one("#edit-body", TextArea).text == f"Halvt skrevet {HOSTILE}"
        assert isinstance(app.screen_stack[-2], EntryScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running  # the hostile text was data, not an app.quit action

    run(app, script)
    stored = Journal(tmp_path / "j")
    assert stored.get_entry(entry_id).body == f"Halvt skrevet {HOSTILE}"
    assert stored.get_entry(entry_id).title == HOSTILE
    assert edit_drafts(stored) == []


def test_a_resumed_edit_over_an_entry_changed_since_the_crash_becomes_a_copy(
    tmp_path: Path,
) -> None:
    _journal, entry_id = make_journal(tmp_path / "j")
    crash_while_editing(tmp_path, entry_id, "Tavshed", "Fra før nedbruddet.")
    assert (
        cli(tmp_path / "j", "edit", entry_id[:8], "-m", "Ændret efter nedbruddet.").returncode == 0
    )
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)

    run(app, script)
    stored = Journal(tmp_path / "j")
    assert stored.get_entry(entry_id).body == "Ændret efter nedbruddet."
    copies = [e for e in stored.entries() if e.conflict_of == entry_id]
    assert [c.body for c in copies] == ["Fra før nedbruddet."]


def test_the_entry_view_offers_its_edit_draft_and_can_discard_it(tmp_path: Path) -> None:
    _journal, entry_id = make_journal(tmp_path / "j")
    crash_while_editing(tmp_path, entry_id, "Tavshed", "Kladdetekst")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("escape")  # not from the start-up list
        app.open_entry(entry_id)
        await settle(pilot)
        view = app.screen
        assert isinstance(view, EntryScreen)
        banner = view.query_one("#entry-draft", Static)
        assert banner.display and "ikke-gemt redigering" in str(banner.render())
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        assert editor.query_one("#edit-body", TextArea).text == "Kladdetekst"
        await pilot.press("escape", "escape")  # the person chooses to discard it
        await settle(pilot)
        assert app.screen is view
        assert not view.query_one("#entry-draft", Static).display

    run(app, script)
    stored = Journal(tmp_path / "j")
    assert edit_drafts(stored) == []
    assert stored.get_entry(entry_id).body == BODY


def test_the_entry_view_discards_a_draft_with_d(tmp_path: Path) -> None:
    _journal, entry_id = make_journal(tmp_path / "j")
    crash_while_editing(tmp_path, entry_id, "Tavshed", "Kladdetekst")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("escape")
        app.open_entry(entry_id)
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert not app.screen.query_one("#entry-draft", Static).display

    run(app, script)
    assert edit_drafts(Journal(tmp_path / "j")) == []


# -- interview and theme forms keep drafts ------------------------------------------


def form_drafts(journal: Journal) -> list[dict]:  # type: ignore[type-arg]
    return [d for d in journal.drafts() if d.get("form")]


def test_a_crashed_interview_form_comes_back_with_its_text(tmp_path: Path) -> None:
    make_journal(tmp_path / "j")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def crash(pilot: Pilot[None]) -> None:
        app.push_screen(InterviewForm())
        await settle(pilot)
        form = app.screen
        form.query_one("#f-code", Input).value = "I07"
        form.query_one("#f-role", Input).value = "plejehjemsleder"
        form.query_one("#f-notes", Input).value = HOSTILE
        form.query_one("#f-mode", Select).value = "phone"
        await pilot.pause(2.0)
        await settle(pilot)

    run(app, crash)
    kept = form_drafts(Journal(tmp_path / "j"))
    assert len(kept) == 1 and kept[0]["fields"]["notes"] == HOSTILE

    again = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def resume(pilot: Pilot[None]) -> None:
        await settle(pilot)
        lines = [o.prompt.plain for o in again.screen.query_one("#drafts", OptionList).options]  # type: ignore[union-attr]
        assert any("interview" in line and "I07" in line for line in lines)
        await pilot.press("enter")
        await settle(pilot)
        form = again.screen
        assert isinstance(form, InterviewForm)
        assert form.query_one("#f-code", Input).value == "I07"
        assert form.query_one("#f-role", Input).value == "plejehjemsleder"
        assert form.query_one("#f-notes", Input).value == HOSTILE
        assert form.query_one("#f-mode", Select).value == "phone"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert again.is_running

    run(again, resume)
    stored = Journal(tmp_path / "j")
    saved = stored.get_interview("I07")
    assert (saved.role, saved.notes, saved.mode) == ("plejehjemsleder", HOSTILE, "phone")
    assert form_drafts(stored) == []


def test_a_crashed_theme_form_comes_back_with_its_text(tmp_path: Path) -> None:
    make_journal(tmp_path / "j")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)

    async def crash(pilot: Pilot[None]) -> None:
        app.push_screen(AddThemeForm(concept="frames"))
        await settle(pilot)
        form = app.screen
        form.query_one("#f-name", Input).value = "Rammer og rum"
        form.query_one("#f-description", Input).value = HOSTILE
        await pilot.pause(2.0)
        await settle(pilot)

    run(app, crash)
    assert len(form_drafts(Journal(tmp_path / "j"))) == 1

    again = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)

    async def resume(pilot: Pilot[None]) -> None:
        await settle(pilot)
        lines = [o.prompt.plain for o in again.screen.query_one("#drafts", OptionList).options]  # type: ignore[union-attr]
        assert any("nyt tema" in line and "Rammer og rum" in line for line in lines)
        await pilot.press("enter")
        await settle(pilot)
        form = again.screen
        assert isinstance(form, AddThemeForm)
        assert form.query_one("#f-name", Input).value == "Rammer og rum"
        assert form.query_one("#f-description", Input).value == HOSTILE
        assert form.query_one("#f-concept", Select).value == "frames"
        await pilot.press("ctrl+s")
        await settle(pilot)

    run(again, resume)
    stored = Journal(tmp_path / "j")
    theme = stored.get_theme("Rammer og rum")
    assert (theme.concept, theme.description) == ("frames", HOSTILE)
    assert form_drafts(stored) == []


def test_cancelling_a_form_drops_its_draft(tmp_path: Path) -> None:
    make_journal(tmp_path / "j")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.push_screen(InterviewForm())
        await settle(pilot)
        form = app.screen
        form.query_one("#f-code", Input).value = "I08"
        await pilot.pause(2.0)
        await settle(pilot)
        assert len(form_drafts(app.journal)) == 1
        await pilot.press("escape")  # the person chooses to drop it
        await settle(pilot)
        assert app.screen is not form

    run(app, script)
    assert form_drafts(Journal(tmp_path / "j")) == []


# -- forms save with the revision they opened with -----------------------------------


def test_an_interview_changed_elsewhere_keeps_the_form_open_and_reload_merges(
    tmp_path: Path,
) -> None:
    make_journal(tmp_path / "j")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.push_screen(InterviewForm("I01"))
        await settle(pilot)
        form = app.screen
        form.query_one("#f-notes", Input).value = "Mine noter"
        shell = cli(tmp_path / "j", "interview", "edit", "I01", "--role", "områdeleder")
        assert shell.returncode == 0, shell.stderr
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one("#form-error", Static).render())
        assert "changed elsewhere" in error
        assert form.query_one("#f-notes", Input).value == "Mine noter"
        assert Journal(tmp_path / "j").get_interview("I01").notes == ""
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert form.query_one("#f-role", Input).value == "områdeleder"
        assert form.query_one("#f-notes", Input).value == "Mine noter"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form

    run(app, script)
    saved = Journal(tmp_path / "j").get_interview("I01")
    assert (saved.role, saved.notes) == ("områdeleder", "Mine noter")


def test_a_theme_moved_elsewhere_is_not_overwritten(tmp_path: Path) -> None:
    make_journal(tmp_path / "j")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.push_screen(MoveThemeForm("Tavshed"))
        await settle(pilot)
        form = app.screen
        form.query_one("#f-concept", Select).value = "wellbeing"
        other = Journal(tmp_path / "j")
        theme = other.get_theme("Tavshed")
        theme.description = "skrevet et andet sted"
        other.update_theme(theme)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "ændret et andet sted" in str(form.query_one("#form-error", Static).render())

    run(app, script)
    theme = Journal(tmp_path / "j").get_theme("Tavshed")
    assert (theme.concept, theme.description) == ("safety", "skrevet et andet sted")


# -- the drafts command ---------------------------------------------------------------


def test_drafts_command_lists_shows_and_discards_every_kind(tmp_path: Path) -> None:
    _journal, entry_id = make_journal(tmp_path / "j")
    crash_while_editing(tmp_path, entry_id, "Tavshed", "Redigeret \x1b[31m" + HOSTILE)
    Journal(tmp_path / "j").save_draft(
        "form-interview-new-1234",
        {
            "form": "interview",
            "record": None,
            "record_id": None,
            "base_revision": None,
            "fields": {"code": "I09", "role": "chef"},
        },
    )
    listed = cli(tmp_path / "j", "drafts", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = orjson.loads(listed.stdout)
    kinds = {row["kind"]: row for row in rows}
    assert set(kinds) == {"edit", "interview"}
    assert kinds["edit"]["entry"] == entry_id and kinds["edit"]["saved"]
    assert kinds["interview"]["preview"] == "I09"

    text = cli(tmp_path / "j", "drafts")
    assert text.returncode == 0 and entry_id[:8] in text.stdout and "interview form" in text.stdout

    shown = cli(tmp_path / "j", "drafts", "show", "edit-")
    assert shown.returncode == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "␛[31m" in shown.stdout and HOSTILE in shown.stdout

    refused = cli(tmp_path / "j", "drafts", "discard", "form-interview")  # asks; EOF says no
    assert refused.returncode == 1
    assert len(Journal(tmp_path / "j").drafts()) == 2

    unknown = cli(tmp_path / "j", "drafts", "show", "nope")
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1
    assert "Traceback" not in unknown.stderr

    gone = cli(tmp_path / "j", "drafts", "discard", "form-interview", "--yes")
    assert gone.returncode == 0, gone.stderr
    assert [d["draft_id"] for d in Journal(tmp_path / "j").drafts()] == [f"edit-{entry_id}"]
    asked = cli(tmp_path / "j", "--lang", "da", "drafts", "discard", "edit", stdin="y\n")
    assert asked.returncode == 0 and "Kasserede" in asked.stdout
    assert cli(tmp_path / "j", "drafts").stdout.strip() == "No drafts."
