"""The app brings the full-text index up to date in a worker after a load
(tui/app_folder.py), a while after it, so that word searches stop scanning."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from eftertanke.domain import Entry
from eftertanke.services import search_index
from eftertanke.services.search import matching_ids
from eftertanke.services.search_index import SearchIndex
from eftertanke.store import Journal
from eftertanke.tui import app_folder
from eftertanke.tui.app import EftertankeApp


def test_the_app_warms_the_search_index_after_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EFTERTANKE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(search_index, "WARM_SHARDS", 1)
    monkeypatch.setattr(app_folder, "WARM_AFTER_SECONDS", 0.05)
    journal = Journal(tmp_path / "j")
    for n, prefix in enumerate(["0a", "1b", "2c", "3d"]):
        journal.add_entry(
            Entry(id=f"{prefix}000000-0000-4000-8000-00000000000{n}", body=f"Trygheden {n}")
        )
    assert matching_ids(journal, ["tryghed"]) is None, "three shards stale: a search scans"

    def stale() -> int:
        with SearchIndex.open(Journal(tmp_path / "j")) as index:
            changed, gone = index.stale_shards()
        return len(changed) + len(gone)

    assert stale() == 3

    async def run() -> None:
        app = EftertankeApp(Journal(tmp_path / "j"), lang="da", remember=False)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if not stale():
                    break
        # the app's worker read the rest; the next search is answered by the index

    asyncio.run(run())
    assert stale() == 0
    assert len(matching_ids(Journal(tmp_path / "j"), ["tryghed"]) or ()) == 4
