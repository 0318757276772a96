"""Child process for the TUI start benchmark: open the app headless on a
journal, print "ready" once the home screen has been drawn (and can take
keys), "filled" once it shows the journal's entries, and quit.

    python benchmarks/tui_probe.py JOURNAL
"""

from __future__ import annotations

import asyncio
import sys

from eftertanke.store.journal import Journal
from eftertanke.tui.app import EftertankeApp


async def _ready(pilot) -> None:  # type: ignore[no-untyped-def]
    # Interactive: every widget of Home has handled what it was sent (its data
    # drawn) and a frame has been drawn since. Not ``pilot.pause()``: it also
    # waits for the whole process to go idle (up to a second), and a large
    # journal's entries are being read in a worker meanwhile, by design.
    await pilot._wait_for_screen()
    drawn = asyncio.Event()
    pilot.app.call_after_refresh(drawn.set)
    await drawn.wait()
    print("ready", flush=True)
    # A large journal's entries are read in a worker after Home is drawn:
    # "filled" is when Home shows them (at once for a small journal).
    while not (pilot.app.data.loaded and not pilot.app._reading_entries):
        await pilot.pause(0.02)
    await pilot.pause()
    print("filled", flush=True)
    pilot.app.exit()


def main() -> None:
    app = EftertankeApp(Journal(sys.argv[1], author="bench"), lang="en", remember=False)
    app.run(headless=True, size=(120, 35), auto_pilot=_ready)


if __name__ == "__main__":
    main()
