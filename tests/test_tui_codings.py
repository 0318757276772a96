"""Pilot tests of coding passages in the app: the entry view and the transcript view (issue 12).

A passage is selected with the keyboard, coded through the theme picker, and
the stored coding's offsets and words are checked against the journal on
disk; recode, memo and remove go through the coding list; the transcript
view searches and jumps to a time; hostile text in a turn and in a coded
passage is shown literally.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from eftertanke.domain import Coding, Entry, Interview, Section, Theme
from eftertanke.services.coding import Source, code_passage
from eftertanke.store import Journal
from eftertanke.transcript import Transcript, Turn
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.entry import EntryScreen
from eftertanke.tui.screens.entry_coding import EntryCodingScreen
from eftertanke.tui.screens.theme_picker import ThemePicker
from eftertanke.tui.widgets.coded_text import CodedText

HOSTILE = "[@click=app.quit]x[/] [/foo]"
ENTRY_ID = "11111111-1111-4111-8111-111111111111"
IMPRESSIONS = "Hun talte om tavshed i lederkredsen, og om at lykkes sammen."
BODY = "Første linje.\nAnden linje om sparring."


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I03", role="plejeboligchef", status="reflected"))
    journal.add_theme(Theme(name="At lykkes sammen", concept="drive"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_theme(Theme(name="Sparring", concept="wellbeing"))
    journal.add_entry(
        Entry(
            id=ENTRY_ID,
            kind="interview",
            title="Efter I03",
            body=BODY,
            interview="I03",
            sections=[
                Section(
                    prompt_id="impressions", prompt_text="Umiddelbare indtryk", answer=IMPRESSIONS
                ),
                Section(prompt_id="emotions", prompt_text="Følelser", answer=HOSTILE),
            ],
        )
    )
    return journal


def run(
    app: EftertankeApp, script: Callable[[Pilot[None]], Awaitable[None]], size=(120, 36)
) -> None:  # type: ignore[no-untyped-def]
    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)
            assert app.is_running

    asyncio.run(go())


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app: EftertankeApp) -> str:
    return app.export_screenshot().replace("&#160;", " ").replace("&amp;", "&")


def stored_codings(path: Path) -> list[Coding]:
    return Journal(path).get_entry(ENTRY_ID).codings


async def open_coding(pilot: Pilot[None]) -> EntryCodingScreen:
    app: EftertankeApp = pilot.app  # type: ignore[assignment]
    app.open_entry(ENTRY_ID)
    await pilot.pause()
    assert isinstance(app.screen, EntryScreen)
    await pilot.press("c")
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, EntryCodingScreen)
    return screen


def test_select_a_span_in_the_entry_view_and_code_it(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        entry_screen_text = None
        screen = await open_coding(pilot)
        first = screen.query(CodedText).first()
        assert app.focused is first and first.text == IMPRESSIONS
        # "Hun talte om " is 13 characters: move there, then select two words.
        for _ in range(13):
            await pilot.press("right")
        await pilot.press("ctrl+shift+right", "shift+right", "ctrl+shift+right")
        assert first.selected_text == "tavshed i"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        # The typed letters narrow the list; Enter takes the highlighted match.
        await pilot.press(*"tavs", "enter")
        await settle(pilot)
        assert app.screen is screen
        codings = stored_codings(tmp_path / "j")
        assert [(c.source, c.section, c.start, c.end, c.quote, c.themes) for c in codings] == [
            ("section", "impressions", 13, 22, "tavshed i", ["Farlig tavshed"])
        ]
        assert [t.name for t in Journal(tmp_path / "j").themes()] == [
            "At lykkes sammen",
            "Farlig tavshed",
            "Sparring",
        ]  # no theme "tavs" was made
        listing = screen.query_one("#coding-list", OptionList)
        assert "Farlig tavshed" in str(listing.options[0].prompt)
        assert "tavshed i" in str(listing.options[0].prompt)
        assert "Farlig tavshed" in str(screen.query_one("#coding-legend", Static).render())
        assert "▌" in screen_text(app)
        entry_screen_text = entry_screen_text

        # The body: shift+end selects a line, the picker takes two themes.
        body = list(screen.query(CodedText))[-1]
        body.focus()
        await pilot.press("down", "home", "shift+end")
        assert body.selected_text == "Anden linje om sparring."
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"spar", "comma", *"lykk", "enter")
        await settle(pilot)
        body_coding = [c for c in stored_codings(tmp_path / "j") if c.source == "body"]
        assert [(c.start, c.end, c.quote, c.themes) for c in body_coding] == [
            (14, 38, "Anden linje om sparring.", ["Sparring", "At lykkes sammen"])
        ]
        assert BODY[14:38] == "Anden linje om sparring."

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert "Coded passages: 2" in str(app.screen.query_one("#entry-meta", Static).render())

    run(app, script)


def test_recode_memo_and_remove_from_the_list(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    code_passage(journal, Source.answer(ENTRY_ID, "impressions"), 13, 20, ["Farlig tavshed"])
    app = EftertankeApp(journal, lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_coding(pilot)
        listing = screen.query_one("#coding-list", OptionList)
        listing.focus()
        await pilot.pause()
        # Recode: the picker starts with the coding's themes; Backspace lets go of it.
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press("backspace", *"lykk", "enter")
        await settle(pilot)
        assert [c.themes for c in stored_codings(tmp_path / "j")] == [["At lykkes sammen"]]
        # A memo.
        await pilot.press("m")
        await pilot.pause()
        area = app.screen.query_one("#memo-text", TextArea)
        assert app.focused is area
        await pilot.press(*"Hun sænkede stemmen.", "ctrl+s")
        await settle(pilot)
        assert [c.memo for c in stored_codings(tmp_path / "j")] == ["Hun sænkede stemmen."]
        assert "✎ memo" in str(listing.options[0].prompt)
        # Remove asks first; "Behold" keeps it, "Fjern" removes it.
        await pilot.press("x")
        await pilot.pause()
        assert "Fjern kodningen af “tavshed”?" in screen_text(app)
        await pilot.press("tab", "enter")  # Behold
        await settle(pilot)
        assert len(stored_codings(tmp_path / "j")) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # Fjern
        await settle(pilot)
        assert stored_codings(tmp_path / "j") == []
        assert Journal(tmp_path / "j").get_entry(ENTRY_ID).sections[0].answer == IMPRESSIONS

    run(app, script)


# -- the transcript view ------------------------------------------------------------

TURNS = [
    Turn("Anna", "Hvad giver dig energi i hverdagen?", 5.0),
    Turn("Leder", "Det gør kollegerne, når vi lykkes sammen med noget svært.", 12.0),
    Turn("Anna", "Kan du sige mere om det?", 65.0),
    Turn("Leder", f"Ja. {HOSTILE} står der i referatet, og tavsheden bagefter.", 585.0),
    Turn("Anna", "Og tavshed i lederkredsen?", 600.0),
    Turn("Leder", "Tavshed er farlig, når ingen tør sige noget.", 3725.0),
]


def add_transcript(journal: Journal) -> Transcript:
    return journal.transcripts.add(
        Transcript(
            interview="I03",
            turns=[Turn(t.speaker, t.text, t.start) for t in TURNS],
            interviewers=["Anna"],
        )
    )


def stored_transcript(path: Path) -> Transcript:
    found = Journal(path).transcripts.for_interview("I03")
    assert found is not None
    return found


async def open_transcript(pilot: Pilot[None]):  # type: ignore[no-untyped-def]
    from eftertanke.tui.screens.transcript import TranscriptScreen

    app: EftertankeApp = pilot.app  # type: ignore[assignment]
    app.open_transcript("I03")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, TranscriptScreen)
    return screen


def test_select_a_passage_in_the_transcript_view_and_code_it(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    transcript = add_transcript(journal)
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        from eftertanke.tui.screens.passage import PassageDialog
        from eftertanke.tui.widgets.turn_list import TurnList

        screen = await open_transcript(pilot)
        turns = screen.query_one(TurnList)
        assert turns.option_count == len(TURNS) and app.focused is turns
        # Enter, Enter: the whole turn, then the theme picker.
        await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PassageDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press(*"lykk", "enter")
        await settle(pilot)
        low, high = transcript.turn_spans[1]
        stored = stored_transcript(tmp_path / "j")
        assert [(c.start, c.end, c.quote, c.themes) for c in stored.codings] == [
            (low, high, TURNS[1].text, ["At lykkes sammen"])
        ]
        assert stored.text[low:high] == TURNS[1].text

        # A part of a turn: narrow the selection with the keyboard.
        await pilot.press("down", "down", "down", "down")  # the last turn
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("home", "ctrl+shift+right", "ctrl+shift+right")
        assert app.screen.query_one(CodedText).selected_text == "Tavshed er"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"tavs", "enter")
        await settle(pilot)
        low, _ = transcript.turn_spans[5]
        stored = stored_transcript(tmp_path / "j")
        assert sorted((c.start, c.end, c.quote) for c in stored.codings)[-1] == (
            low,
            low + 10,
            "Tavshed er",
        )
        assert "▌" in screen_text(app)
        assert "Coded passages (2)" in screen_text(app)

    run(app, script)


def test_recode_memo_and_remove_in_the_transcript_view(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    transcript = add_transcript(journal)
    low, high = transcript.turn_spans[3]
    code_passage(journal, Source.transcript(transcript.id), low, high, ["Farlig tavshed"])
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_transcript(pilot)
        # On a coded turn, r/m/x act on its coding.
        for _ in range(3):
            await pilot.press("down")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        await pilot.press(*"spar", "enter")  # added to the coding's theme
        await settle(pilot)
        assert [c.themes for c in stored_transcript(tmp_path / "j").codings] == [
            ["Farlig tavshed", "Sparring"]
        ]
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Ironisk tone", "ctrl+s")
        await settle(pilot)
        assert [c.memo for c in stored_transcript(tmp_path / "j").codings] == ["Ironisk tone"]
        assert "✎ memo" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        stored = stored_transcript(tmp_path / "j")
        assert stored.codings == [] and stored.text == transcript.text
        assert "Coded passages (0)" in screen_text(app)
        assert screen.query_one("#tr-turns").highlighted == 3

    run(app, script)


def test_search_and_jump_to_a_time(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    add_transcript(journal)
    app = EftertankeApp(journal, lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        screen = await open_transcript(pilot)
        turns = screen.query_one("#tr-turns", OptionList)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"tavshed")
        await pilot.pause()
        status = lambda: str(screen.query_one("#tr-status", Static).render())  # noqa: E731
        assert "3 fund for “tavshed”" in status()
        await pilot.press("enter")  # the first match after the cursor; the list has focus again
        await pilot.pause()
        assert turns.highlighted == 3 and app.focused is turns
        await pilot.press("n")
        assert turns.highlighted == 4
        await pilot.press("n")
        assert turns.highlighted == 5
        await pilot.press("n")  # round to the first again
        assert turns.highlighted == 3
        await pilot.press("N")
        assert turns.highlighted == 5
        assert "1 af 3" not in status() and "3 af 3 fund" in status()

        # Jump: 9.45 (as the thesis cites) is during the turn that began at 9:45.
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"9.45", "enter")
        await pilot.pause()
        assert turns.highlighted == 3
        await pilot.press("g", *"00:30", "enter")  # during the second turn (from 0:12)
        await pilot.pause()
        assert turns.highlighted == 1
        await pilot.press("g", *"1:02:05", "enter")
        await pilot.pause()
        assert turns.highlighted == 5
        await pilot.press("g", *"snart", "enter")  # not a time: said so, nothing moves
        await pilot.pause()
        assert turns.highlighted == 5
        assert any("9.45, 09:45 eller 1:09:45" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is turns and app.screen is screen

    run(app, script)


def test_hostile_text_in_a_turn_and_a_coded_passage_shows_literally(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    transcript = add_transcript(journal)
    low, _ = transcript.turn_spans[3]
    at = transcript.text.index(HOSTILE, low)
    code_passage(
        journal, Source.transcript(transcript.id), at, at + len(HOSTILE), ["Farlig tavshed"]
    )
    code_passage(journal, Source.answer(ENTRY_ID, "emotions"), 0, len(HOSTILE), ["Sparring"])
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await open_transcript(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text and "[/foo]" in text
        for x in range(0, 120, 10):
            await pilot.click(offset=(x, 8))
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        await open_coding(pilot)
        text = screen_text(app)
        assert text.count("[@click=app.quit]x[/]") >= 2  # in the text and in the coding list
        assert "[/foo]" in text
        assert app.is_running

    run(app, script)


def test_interview_screen_shows_its_transcript_and_the_quotes_linking_it(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    journal.add_interview(Interview(code="I04", role="afdelingschef"))
    add_transcript(journal)
    journal.modify_entry(
        ENTRY_ID,
        lambda e: e.sections.append(
            Section(
                prompt_id="quotes",
                prompt_text="Citater",
                answer="9.45 “står der i referatet, og tavsheden bagefter”",
            )
        ),
    )
    app = EftertankeApp(journal, lang="en", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        from eftertanke.tui.screens.transcript import TranscriptScreen

        app.open_interview("I04")
        await settle(pilot)
        line = str(app.screen.query_one("#interview-transcript", Static).render())
        assert "eftertanke transcript import I04 FILE" in line
        await pilot.press("escape")
        app.open_interview("I03")
        await settle(pilot)
        line = str(app.screen.query_one("#interview-transcript", Static).render())
        assert "6 turns" in line and "Anna (interviewer)" in line and "press t" in line
        links = app.screen.query_one("#excerpts", OptionList)
        assert "Quotes and the transcript (1 found of 1)" in str(
            app.screen.query_one("#excerpts-title", Static).render()
        )
        assert "→ 09:45 Leder" in str(links.options[0].prompt)
        # Enter on the quote opens the transcript at the turn it cites.
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.query_one("#tr-turns", OptionList).highlighted == 3
        assert "Efter I03" in str(app.screen.query_one("#tr-cited", OptionList).options[0].prompt)
        await pilot.press("escape")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)

    run(app, script)


def test_help_lists_the_coding_and_transcript_keys(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")
    app = EftertankeApp(journal, lang="da", remember=False)

    async def script(pilot: Pilot[None]) -> None:
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text", Static).render())
        for words in (
            "Kod passager i et indlæg",
            "Kod markeringen",
            "Omkod",
            "En transskription",
            "Gå til tid",
            "Næste fund",
            "Kod replik",
            "Transskription",
        ):
            assert words in text, words

    run(app, script)
