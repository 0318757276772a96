"""A leader's check-in with the keyboard alone: how many keys, and how long.

    .venv/bin/python benchmarks/checkin_keys.py [--journal DIR] [--lang da] [--runs 5]

Starts the app headless on a copy of a journal (``journals/demo`` unless
``--journal``), and, as a leader would, presses ``d`` on Home, writes two
short answers (what gave and what took energy), moves past the other
prompts with Ctrl+N, gives the five ratings with five digits (each digit
moves on to the next rating) and saves with Ctrl+S. It then checks the
check-in is in the journal with those ratings.

It prints the keys pressed (commands apart from the letters of the answers),
how long the app takes to answer a key (each press waits until the app is
idle again, so this includes Textual's test-pilot overhead: an upper bound)
and from Ctrl+S to the saved entry, and an estimate of a person's time:
0.4 s for each command key (reading the screen and pressing), typing at
200 ms a character (about 60 words a minute with thinking), plus the app's
answers to the command keys and the save. The budget (issue 15): under a minute.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp

REPO = Path(__file__).resolve().parents[1]
GAVE = "Teamet løste vagtplanen sammen"
TOOK = "Budgetmødet trak ud"
RATINGS = "42354"  # energy, demands, resources, safety, well-being
COMMAND_SECONDS = 0.4
CHARACTER_SECONDS = 0.2
BUDGET_SECONDS = 60


async def one_check_in(root: Path, lang: str) -> tuple[list[float], float, int, int]:
    """Each command key's answer time, the save's seconds, command keys, letters."""
    app = EftertankeApp(Journal(root, author="bench"), lang=lang, remember=False)
    commands = letters = 0
    answers: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        before = {e.id for e in app.journal.entries()}

        async def command(*keys: str) -> None:
            nonlocal commands
            for key in keys:
                pressed = time.perf_counter()
                await pilot.press(key)
                answers.append(time.perf_counter() - pressed)
                commands += 1

        async def write(text: str) -> None:
            nonlocal letters
            await pilot.press(*text)
            letters += len(text)

        await command("d")
        await pilot.pause()
        await write(GAVE)
        await command("ctrl+n")
        await write(TOOK)
        screen = app.screen
        while not screen.session.at_end:  # type: ignore[attr-defined]
            await command("ctrl+n")
        await command(*RATINGS)
        started = time.perf_counter()
        await command("ctrl+s")
        for _ in range(500):
            await pilot.pause(0.01)
            added = [e for e in app.journal.entries() if e.id not in before]
            if added:
                break
        saved = time.perf_counter() - started
    fresh = Journal(root)
    added = [e for e in fresh.entries() if e.id not in before]
    if len(added) != 1 or added[0].ratings != dict(
        zip(("energy", "demands", "resources", "safety", "wellbeing"), map(int, RATINGS), strict=True)
    ):
        raise SystemExit(f"the check-in was not saved as typed: {added}")
    return answers, saved, commands, letters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=REPO / "journals" / "demo")
    parser.add_argument("--lang", default="da", choices=("da", "en"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    answers: list[float] = []
    saves: list[float] = []
    commands = letters = 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            root = Path(tmp) / f"j{run}"
            shutil.copytree(args.journal, root)
            keys, saved, commands, letters = asyncio.run(one_check_in(root, args.lang))
            answers += keys
            saves.append(saved)
    key_time = statistics.median(answers)
    p95 = statistics.quantiles(answers, n=20)[-1] if len(answers) > 1 else key_time
    save_time = statistics.median(saves)
    person = (commands * (COMMAND_SECONDS + key_time) + letters * CHARACTER_SECONDS + save_time)
    print(f"keys: {commands} command keys (d, Ctrl+N, five digits, Ctrl+S) "
          f"and {letters} letters of two answers")
    print(f"a command key answered in: median {key_time * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
          f"Ctrl+S to the saved entry: median {save_time * 1000:.0f} ms ({args.runs} runs)")
    verdict = "within" if person < BUDGET_SECONDS else "OVER"
    print(f"a person's time, estimated: {person:.0f} s ({verdict} the {BUDGET_SECONDS} s budget)")
    sys.exit(0 if person < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
