"""Child process for the TUI start benchmark: start ``eftertanke --journal
JOURNAL`` as a person does (the command line, click and all, then the app),
but headless; print "ready" once the home screen has been drawn (and can take
keys), "filled" once it shows the journal's entries, and quit.

    python benchmarks/tui_probe.py JOURNAL

The command line opens the app in ``eftertanke.cli.open_app``; its function
is swapped, as that module loads, for one that runs the same app headless
(and without remembering the screen in the config).
"""

from __future__ import annotations

import asyncio
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any


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


def _open_headless(context: Any) -> None:
    journal = context.journal()
    from eftertanke.imports import no_collections

    with no_collections():  # as open_app imports the app
        from eftertanke.tui.app import EftertankeApp
    app = EftertankeApp(journal, lang="en", remember=False)
    app.run(headless=True, size=(120, 35), auto_pilot=_ready)


class _SwapOpenApp(importlib.abc.MetaPathFinder):
    """When ``eftertanke.cli.open_app`` loads, its ``open_app`` becomes ``_open_headless``."""

    NAME = "eftertanke.cli.open_app"

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != self.NAME:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        run_module = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            module.open_app = _open_headless  # type: ignore[attr-defined]

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    sys.meta_path.insert(0, _SwapOpenApp())
    sys.argv = ["eftertanke", "--journal", sys.argv[1], "--lang", "en"]
    from eftertanke.launch import main as eftertanke

    eftertanke()


if __name__ == "__main__":
    main()
