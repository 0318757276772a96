"""Letters typed in the same instant as the key that opens a writing screen
land in its answer, all of them, in order (``tui/type_ahead.py``).

The keys are posted to the app at once, with no pause between them, as a
terminal delivers a burst: they are queued before the writing screen is
mounted and its answer field focused. (``pilot.press`` waits for the app to
be idle after each key, which would hide the bug.)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.widgets import TextArea

from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.home import HomeScreen
from eftertanke.tui.screens.write import WriteScreen

TYPED = "hej med dig, åh!"


def _key(character: str) -> events.Key:
    names = {" ": "space", ",": "comma", "!": "exclamation_mark"}
    return events.Key(names.get(character, character), character)


def _burst(app: EftertankeApp, keys: list[events.Key]) -> None:
    for key in keys:
        app.post_message(key)


def _typed_ahead(
    tmp_path: Path, opener: str, text: str, *, once_open: bool = False
) -> tuple[str, str, str]:
    """(the pack's kind, the answer field's text, the session's first answer).

    With ``once_open`` the letters come just after the writing screen is on
    the stack, before its field has focus (as ``tmux send-keys d`` then
    ``send-keys -l ...`` does): they reach whatever the screen focused first."""
    app = EftertankeApp(Journal(tmp_path / "j", author="Mette"), lang="da", remember=False)
    seen: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            if once_open:
                _burst(app, [_key(opener)])
                while not isinstance(app.screen, WriteScreen):
                    await asyncio.sleep(0)
                _burst(app, [_key(c) for c in text])
            else:
                _burst(app, [_key(opener), *(_key(c) for c in text)])
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WriteScreen)
            answer = screen.query_one("#write-answer", TextArea)
            prompt = screen.session.current
            assert prompt is not None
            seen.extend(
                [screen.session.pack.kind, answer.text, screen.session.answer_of(prompt.id)]
            )

    asyncio.run(go())
    return seen[0], seen[1], seen[2]


@pytest.mark.parametrize(
    ("opener", "kind"),
    [("d", "daily"), ("m", "memo"), ("r", "post-interview"), ("w", "weekly-review")],
)
def test_letters_typed_with_the_opening_key_are_all_in_the_answer(
    tmp_path: Path, opener: str, kind: str
) -> None:
    opened, shown, kept = _typed_ahead(tmp_path, opener, TYPED)
    assert opened == kind
    assert shown == TYPED
    assert kept == TYPED


@pytest.mark.parametrize("opener", ["d", "m", "r", "w"])
def test_letters_typed_as_the_writing_screen_opens_are_all_in_the_answer(
    tmp_path: Path, opener: str
) -> None:
    _, shown, kept = _typed_ahead(tmp_path, opener, TYPED, once_open=True)
    assert shown == TYPED
    assert kept == TYPED


def test_a_typed_ahead_backspace_and_enter_edit_as_they_would_in_the_field(tmp_path: Path) -> None:
    app = EftertankeApp(Journal(tmp_path / "j", author="Mette"), lang="en", remember=False)
    seen: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            keys = [_key("d"), *(_key(c) for c in "hex"), events.Key("backspace", None)]
            keys += [_key("j"), events.Key("enter", "\r"), _key("x")]
            _burst(app, keys)
            await pilot.pause()
            await pilot.pause()
            seen.append(app.screen.query_one("#write-answer", TextArea).text)

    asyncio.run(go())
    assert seen == ["hej\nx"]
