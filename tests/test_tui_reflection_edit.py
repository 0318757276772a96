"""Pilot tests: editing every part of a guided reflection in the app (issue 13).

They run on a copy of the demo journal: ``e`` on the reflection after
interview I03 opens the reflection editor, every field is changed, and the
entry is read back through the store.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea
from textual.worker import WorkerCancelled

from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme
from eftertanke.packs import load_packs
from eftertanke.services.reflection_form import answer_slots, rating_items
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.choice import ChoiceDialog
from eftertanke.tui.screens.entry import EntryScreen
from eftertanke.tui.screens.reflection_edit import ReflectionEditScreen
from eftertanke.tui.screens.theme_picker import ThemePicker
from eftertanke.tui.widgets.excerpt_row import ExcerptRow
from eftertanke.tui.widgets.rating import RatingBar
from eftertanke.tui.widgets.theme_list import ThemeList

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"
I03 = "65b2f1a0-5576-5517-9e6f-cc6b06e85b6c"
HOSTILE = "[@click=app.quit]x[/]"


def demo_copy(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def run(app: EftertankeApp, script: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await script(pilot)
            assert app.is_running

    asyncio.run(go())


async def settle(pilot: Pilot[None]) -> None:
    """Let thread workers finish and their callbacks land. An exclusive worker
    (the entry view's disk check) may be cancelled by its successor meanwhile."""
    for _ in range(4):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()


async def open_editor(pilot: Pilot[None], entry_id: str = I03) -> ReflectionEditScreen:
    app: EftertankeApp = pilot.app  # type: ignore[assignment]
    app.open_entry(entry_id)
    await settle(pilot)
    assert isinstance(app.screen, EntryScreen)
    await pilot.press("e")
    await settle(pilot)
    editor = app.screen
    assert isinstance(editor, ReflectionEditScreen)
    return editor


async def resume_from_entry_view(pilot: Pilot[None]) -> ReflectionEditScreen:
    """Back on the entry view: it sees the edit's draft on disk and ``e``
    opens the editor again with it."""
    entry_view = pilot.app.screen
    assert isinstance(entry_view, EntryScreen)
    entry_view._check_disk()
    await settle(pilot)
    assert entry_view.edit_draft is not None
    await pilot.press("e")
    await settle(pilot)
    again = pilot.app.screen
    assert isinstance(again, ReflectionEditScreen)
    return again


def slot_index(editor: ReflectionEditScreen, prompt_id: str) -> int:
    return next(i for i, s in enumerate(editor.slots) if s.prompt_id == prompt_id)


def answer(editor: ReflectionEditScreen, prompt_id: str) -> TextArea:
    return editor.query_one(f"#re-answer-{slot_index(editor, prompt_id)}", TextArea)


def message(editor: ReflectionEditScreen) -> str:
    return str(editor.query_one("#re-message", Static).render())


def rows(editor: ReflectionEditScreen) -> list[ExcerptRow]:
    return list(editor.query(ExcerptRow))


def section(entry: Entry, prompt_id: str) -> Section:
    return next(s for s in entry.sections if s.prompt_id == prompt_id)


def test_every_field_of_a_guided_reflection_is_edited_and_saved(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    before = Journal(root).get_entry(I03)
    assert "surprises" not in [s.prompt_id for s in before.sections]  # skipped when written
    app = EftertankeApp(Journal(root, author="Mette"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        # Every prompt of the pack is there, the skipped one marked as such.
        surprises = editor.slots[slot_index(editor, "surprises")]
        assert surprises.skipped and answer(editor, "surprises").text == ""
        question = str(
            editor.query_one(f"#re-q-{slot_index(editor, 'surprises')}", Static).render()
        )
        assert "skipped" in question

        editor.query_one("#re-title", Input).value = "Efter I03, gennemskrevet"
        # An answer, typed as a person would.
        impressions = answer(editor, "impressions")
        impressions.focus()
        impressions.move_cursor(impressions.document.end)
        await pilot.press("space", *"Tilføjet.")
        await pilot.pause()
        # A skipped answer filled in.
        answer(editor, "surprises").text = "At hun brugte ordet tom om sig selv."
        editor.query_one(f"#re-later-{slot_index(editor, 'surprises')}", Checkbox).value = True

        # Quotes: the first one's time and words change, the second goes, one is added.
        first, second, _third = rows(editor)
        first.time_input.value = "9.50"
        first.words_input.value = "Jeg kørte på reserverne i et helt år."
        # ✕ by mistake costs nothing: pressed again it takes the removal back.
        second.query_one(Button).press()
        await pilot.pause()
        assert second.removed and second.has_class("-removed")
        second.query_one(Button).press()
        await pilot.pause()
        assert not second.removed and second.words_input.value.startswith("Det var jo")
        second.query_one(Button).press()
        await pilot.pause()
        assert second.removed and "↶" in message(editor)
        await pilot.press("ctrl+g")
        await pilot.pause()
        new = rows(editor)[-1]
        assert editor.focused is new.time_input
        await pilot.press(*"31.05")
        new.words_input.value = "Man skal kunne sige fra i tide."

        # Themes: one added through the picker (Enter takes the highlighted match),
        # one removed.
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press(*"metodefri")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
        themes = editor.query_one("#re-themes", ThemeList)
        assert themes.names[-1] == "Autonomi som metodefrihed"
        line = next(x for x in themes.children if getattr(x, "theme_name", "") == "Farlig tavshed")
        line.query_one(Button).press()
        await pilot.pause()
        assert "Farlig tavshed" not in themes.names

        # A concept, a rating and the interview link.
        editor.query_one("#re-concept-safety", Checkbox).value = True
        energy = editor.query_one("#re-rating-0", RatingBar)
        assert energy.key == "energy"
        energy.focus()
        await pilot.press("2")
        editor.query_one("#re-interview", Select).value = "I04"
        await pilot.pause()
        # The quotes that cited I03 now say they will cite I04.
        assert "(I04)" in str(rows(editor)[0].query_one(".excerpt-cites", Static).render())

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    stored = Journal(root).get_entry(I03)
    assert stored.revision == before.revision + 1
    assert stored.title == "Efter I03, gennemskrevet"
    assert (
        section(stored, "impressions").answer
        == section(before, "impressions").answer + " Tilføjet."
    )
    surprises = section(stored, "surprises")
    assert surprises.answer == "At hun brugte ordet tom om sig selv." and surprises.added_later
    assert surprises.prompt_text.startswith("Hvad overraskede")  # the pack's question, in Danish
    ids = [s.prompt_id for s in stored.sections]
    assert ids.index("resonance") < ids.index("surprises") < ids.index("quotes")  # pack order
    assert [(e.interview, e.timestamp, e.quote) for e in stored.excerpts] == [
        ("I04", "9.50", "Jeg kørte på reserverne i et helt år."),
        ("I04", "27.15", "Vi skal have lov til at være gode nok. Ikke helte."),
        ("I04", "31.05", "Man skal kunne sige fra i tide."),
    ]
    # What the row does not show is kept: the quote's own themes.
    assert stored.excerpts[0].themes == ["Ansvar som tung byrde"]
    assert stored.themes == [
        "Krav indefra og udefra organisationen",
        "Ansvar som tung byrde",
        "Autonomi som metodefrihed",
    ]
    assert stored.concepts == ["safety"]
    assert stored.ratings == {"energy": 2}
    assert stored.interview == "I04"
    assert before.written_after_minutes is not None and stored.written_after_minutes is None
    assert len(stored.codings) == len(before.codings)  # the coded passages follow the text
    assert not [d for d in Journal(root).drafts() if d.get("edit_of") == I03]


def test_an_entry_changed_on_disk_while_editing_loses_no_text(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root, author="Mette"), lang="da", remember=False)
    mine = "Mit nye svar, skrevet mens nogen andre gemte."

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        answer(editor, "impressions").text = mine
        rows(editor)[0].time_input.value = "9.46"
        # Meanwhile a shell changes the same entry.
        other = Journal(root, author="Jonas")
        entry = other.get_entry(I03)
        entry.title = "Ændret i en terminal"
        other.update_entry(entry)
        app.journal_changed()
        await settle(pilot)
        notice = editor.query_one("#re-notice", Static)
        assert notice.display and "ændret et andet sted" in str(notice.render())
        assert answer(editor, "impressions").text == mine  # the reload left the form alone
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    journal = Journal(root)
    stored = journal.get_entry(I03)
    assert stored.title == "Ændret i en terminal"
    assert section(stored, "impressions").answer != mine
    (copy,) = [e for e in journal.entries() if e.conflict_of == I03]
    assert section(copy, "impressions").answer == mine
    assert copy.excerpts[0].timestamp == "9.46"
    assert copy.title == "Refleksion efter interview I03"


def test_an_invalid_time_is_refused_in_one_line_and_nothing_is_lost(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    before = Journal(root).get_entry(I03)
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        answer(editor, "impressions").text = "Nyt svar"
        row = rows(editor)[1]
        row.time_input.value = "18.7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        line = message(editor)
        assert "18.7" in line and "9.45" in line and "\n" not in line
        assert row.has_class("-invalid") and editor.focused is row.time_input
        assert answer(editor, "impressions").text == "Nyt svar"
        # A quote without words is refused the same way; a new empty row is ignored.
        row.time_input.value = "18.30"
        row.words_input.value = "  "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor and "18.30" in message(editor)
        row.words_input.value = "Det var bare ikke noget, man sagde."
        await pilot.press("ctrl+g")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    stored = Journal(root).get_entry(I03)
    assert section(stored, "impressions").answer == "Nyt svar"
    assert [e.timestamp for e in stored.excerpts] == [e.timestamp for e in before.excerpts]
    assert stored.excerpts[1].quote == "Det var bare ikke noget, man sagde."


def test_a_new_quote_without_an_interview_is_refused(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        editor.query_one("#re-interview", Select).clear()
        await pilot.press("ctrl+g")
        await pilot.press(*"5.00")
        rows(editor)[-1].words_input.value = "Et citat uden interview"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor and "needs an interview" in message(editor)

    run(app, script)
    assert Journal(root).get_entry(I03).interview == "I03"


def test_leaving_with_changes_asks_save_discard_or_stay(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        # Without changes Escape just leaves.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        editor = await open_editor(pilot)
        answer(editor, "leads").text = "Spørg til netværket."
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert [b.id for b in dialog.query(Button)] == [
            "choice-save",
            "choice-keep",
            "choice-discard",
            "choice-stay",
        ]
        dialog.query_one("#choice-stay", Button).press()
        await pilot.pause()
        assert app.screen is editor and answer(editor, "leads").text == "Spørg til netværket."
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#choice-save", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        # And discard leaves the entry as stored.
        editor = await open_editor(pilot)
        answer(editor, "leads").text = "Glem det."
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#choice-discard", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    assert section(Journal(root).get_entry(I03), "leads").answer == "Spørg til netværket."


def test_the_edit_is_kept_as_a_draft_and_offered_back(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    journal = Journal(root)
    app = EftertankeApp(journal, lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        answer(editor, "leads").text = "Halvt skrevet spor"
        rows(editor)[0].words_input.value = "Ændret citat"
        await pilot.pause(2.0)
        await settle(pilot)
        (draft,) = [d for d in journal.drafts() if d.get("edit_of") == I03]
        held = Entry.from_dict(draft["entry"])
        assert section(held, "leads").answer == "Halvt skrevet spor"
        assert held.excerpts[0].quote == "Ændret citat"
        # The app goes down here: the screen is dropped without a word.
        app.pop_screen()
        await settle(pilot)
        again = await resume_from_entry_view(pilot)
        assert answer(again, "leads").text == "Halvt skrevet spor"
        assert rows(again)[0].words_input.value == "Ændret citat"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    stored = Journal(root).get_entry(I03)
    assert section(stored, "leads").answer == "Halvt skrevet spor"
    assert stored.excerpts[0].quote == "Ændret citat"
    assert not [d for d in Journal(root).drafts() if d.get("edit_of") == I03]


def test_leaving_and_keeping_the_draft_offers_it_back_in_the_entry_view(tmp_path: Path) -> None:
    """Escape with changes: "keep the draft for later" leaves at once, the
    entry as stored, the edit kept as a draft that the entry view offers."""
    root = demo_copy(tmp_path)
    journal = Journal(root)
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        answer(editor, "leads").text = "Til senere [/foo]"
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#choice-keep", Button).press()
        await settle(pilot)
        again = await resume_from_entry_view(pilot)
        assert answer(again, "leads").text == "Til senere [/foo]"

    run(app, script)
    (draft,) = [d for d in Journal(root).drafts() if d.get("edit_of") == I03]
    assert section(Entry.from_dict(draft["entry"]), "leads").answer == "Til senere [/foo]"
    assert "Til senere" not in str(Journal(root).get_entry(I03).to_dict())  # not saved


def test_quitting_at_once_keeps_the_last_keystrokes_as_a_draft(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        area = answer(editor, "impressions")
        area.focus()
        await pilot.press(*"Sidste ord")
        await pilot.press("ctrl+q")  # before the draft timer has run

    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await script(pilot)

    asyncio.run(go())
    (draft,) = [d for d in Journal(root).drafts() if d.get("edit_of") == I03]
    assert section(Entry.from_dict(draft["entry"]), "impressions").answer.startswith("Sidste ord")
    assert section(Journal(root).get_entry(I03), "impressions").answer.startswith("En erfaren")


def test_themes_named_in_edited_answers_join_the_entrys_themes(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot)
        first = editor.slots[slot_index(editor, "first-themes")]
        assert first.skipped and first.theme_lines
        answer(editor, "first-themes").text = "Supervision og sparring\nNoget helt nyt"
        answer(editor, "resonance").text += " Det handler om #god_nok_ledelse."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    stored = Journal(root).get_entry(I03)
    # The codebook's spelling; a name the codebook lacks stays text only.
    assert stored.themes[-2:] == ["God nok ledelse", "Supervision og sparring"]  # form order
    assert "Noget helt nyt" not in stored.themes
    assert section(stored, "first-themes").answer.endswith("Noget helt nyt")


DAILY = "5a422e70-2e3d-5a46-821f-ccefe95e8017"


def test_a_check_in_edits_its_ratings_and_answers_without_interview_fields(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, DAILY)
        assert editor.title == "Redigér check-in"
        # A check-in that cites no interview shows no link and no quotes.
        assert not editor.query_one("#re-link").display
        assert not editor.query_one("#re-quote-part").display
        await pilot.press("ctrl+g")
        assert rows(editor) == []
        bars = list(editor.query(RatingBar))
        assert [b.key for b in bars] == ["energy", "demands", "resources", "safety", "wellbeing"]
        assert bars[0].value == 4
        bars[0].focus()
        await pilot.press("left")  # one lower
        bars[4].focus()
        await pilot.press("backspace")  # cleared
        answer(editor, "voice").text = "Jeg sagde fra på ledermødet."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    stored = Journal(root).get_entry(DAILY)
    assert stored.ratings == {"energy": 3, "demands": 3, "resources": 4, "safety": 4}
    assert section(stored, "voice").answer == "Jeg sagde fra på ledermødet."
    ids = [s.prompt_id for s in stored.sections]
    assert ids == ["energy-gave", "energy-took", "voice", "lift"]


def hostile_journal(path: Path) -> str:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I01", role=HOSTILE, status="done"))
    journal.add_theme(Theme(name=HOSTILE, concept="safety"))
    entry = journal.add_entry(
        Entry(
            kind="interview",
            pack="post-interview",
            title=HOSTILE,
            interview="I01",
            themes=[HOSTILE],
            sections=[Section(prompt_id="impressions", prompt_text=HOSTILE, answer=HOSTILE)],
            excerpts=[Excerpt(interview="I01", timestamp="1.00", quote=HOSTILE)],
        )
    )
    return entry.id


def test_hostile_text_is_shown_literally_and_saved_as_typed(tmp_path: Path) -> None:
    entry_id = hostile_journal(tmp_path / "j")
    app = EftertankeApp(Journal(tmp_path / "j"), lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        editor = await open_editor(pilot, entry_id)
        assert editor.query_one("#re-title", Input).value == HOSTILE
        assert HOSTILE in str(editor.query_one("#re-q-0", Static).render())
        assert answer(editor, "impressions").text == HOSTILE
        assert rows(editor)[0].words_input.value == HOSTILE
        theme_line = editor.query_one("#re-themes", ThemeList).query_one(".theme-name", Static)
        assert HOSTILE in str(theme_line.render())
        answer(editor, "emotions").text = f"{HOSTILE} [/foo]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)

    run(app, script)
    stored = Journal(tmp_path / "j").get_entry(entry_id)
    assert section(stored, "emotions").answer == f"{HOSTILE} [/foo]"
    assert stored.title == HOSTILE and stored.excerpts[0].quote == HOSTILE


def test_plain_entries_keep_the_title_and_body_dialog(tmp_path: Path) -> None:
    from eftertanke.tui.screens.entry_edit import EditEntryScreen

    journal = Journal(tmp_path / "j")
    entry = journal.add_entry(Entry(kind="memo", title="Memo", body="Bare tekst."))
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        app.open_entry(entry.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditEntryScreen)

    run(app, script)


def test_the_form_offers_skipped_prompts_in_pack_order_and_the_daily_ratings() -> None:
    packs = load_packs().packs
    entry = Entry(
        kind="interview",
        pack="post-interview",
        sections=[
            Section(prompt_id="quotes", prompt_text="Q", answer="9.45 x"),
            Section(prompt_id="old-prompt", prompt_text="Gone from the pack", answer="kept"),
        ],
        ratings={"odd-key": 3},
    )
    slots = answer_slots(entry, packs["post-interview"])
    ids = [s.prompt_id for s in slots]
    pack_ids = [p.id for p in packs["post-interview"].prompts]
    assert set(pack_ids) <= set(ids) and "old-prompt" in ids
    assert ids.index("quotes") < ids.index("old-prompt")
    assert [i for i in ids if i != "old-prompt"] == pack_ids
    assert [s.skipped for s in slots if s.prompt_id in ("quotes", "old-prompt")] == [False, False]
    keys = [item.key for item in rating_items(entry, packs)]
    assert keys[:5] == ["energy", "demands", "resources", "safety", "wellbeing"]
    assert keys[-1] == "odd-key"


def test_help_lists_the_editors_keys(tmp_path: Path) -> None:
    from eftertanke.tui.screens.help import HelpScreen

    root = demo_copy(tmp_path)
    app = EftertankeApp(Journal(root), lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await open_editor(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        part = text.split("Redigér en refleksion eller et check-in", 1)[1]
        assert "Citat" in part.split("\n\n", 1)[0] and "Forlad" in part

    run(app, script)
