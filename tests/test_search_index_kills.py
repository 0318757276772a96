"""The full-text index never disagrees with the journal after kills and merges.

Issue 16 asks that the search index (derived data, services/search_index.py)
never disagree with the journal "after random writes, merges and kills". The
random writes are in test_search_index.py; here real command-line processes
(``new -m``, ``edit -m``, ``delete``, ``merge OTHER`` and ``list --search``,
which writes the index itself) are SIGKILLed at drawn moments (tests/killkit.py),
and after each the next search must find exactly what a rebuilt index finds and
everything the scan of the journal finds.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from killkit import KillPlan, build_journal, cli_argv, doctor_clean_or_repaired, measure

from eftertanke.domain import Entry
from eftertanke.services import search_index
from eftertanke.services.query import EntryFilter, select
from eftertanke.services.search import search
from eftertanke.services.search_index import SearchIndex
from eftertanke.store.journal import Journal

WORDS = [
    "tryghed", "trygheden", "utryg", "arbejdsglæde", "arbejdsglæden", "mødet",
    "møder", "ledelse", "lederen", "safety", "meetings", "meeting", "wellbeing",
]  # fmt: skip
QUERIES = ["tryghed", "arbejdsglæde", "mødet", "meeting", "leder"]
ATTEMPTS = 14


@pytest.fixture(autouse=True)
def index_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # In this process the index is built whole by one search; the killed
    # children warm it in their own turns, as a user's commands do.
    monkeypatch.setattr(search_index, "WARM_SHARDS", None)


def _entries(rng: random.Random, count: int, tag: str) -> list[Entry]:
    start = datetime(2026, 3, 1, 9, 0).astimezone()
    return [
        Entry(
            kind="memo",
            title=f"{tag} {n}",
            body=" ".join(rng.choice(WORDS) for _ in range(8)),
            language=rng.choice(["da", "en"]),
            created=start + timedelta(hours=n),
        )
        for n in range(count)
    ]


def _agrees(root: Path, where: str) -> None:
    """The next search after a kill: what a rebuild finds, and all the scan finds."""
    journal = doctor_clean_or_repaired(root, where)
    docs = list(journal.raw_entries(include_deleted=True))
    for word in QUERIES:
        for trash in (False, True):
            flt = EntryFilter(search=word, deleted=trash)
            result = search(journal, flt)
            assert result.used_index, where
            got = {e.id for e in result.entries}
            assert {e.id for e in select(docs, flt)} <= got, (where, word, trash)
            with SearchIndex.open(journal) as index:
                index.rebuild()
            assert {e.id for e in search(journal, flt).entries} == got, (where, word, trash)


def test_the_index_agrees_with_the_journal_after_killed_writes_and_merges(tmp_path: Path) -> None:
    rng = random.Random(16_2026)
    root = tmp_path / "journal"
    build_journal(root, _entries(rng, 40, "base"))
    other = tmp_path / "other"
    build_journal(other, _entries(rng, 20, "other"))
    ids = [doc["id"] for doc in Journal(root).raw_entries()]
    assert search(Journal(root), EntryFilter(search="tryghed")).used_index  # the index exists

    def argv_for(n: int) -> list[list[str]]:
        body = " ".join(rng.choice(WORDS) for _ in range(6))
        return [
            cli_argv(root, "new", "--kind", "memo", "-m", f"kill {n}: {body}"),
            cli_argv(root, "edit", rng.choice(ids), "-m", f"rettet {n}: {body}"),
            cli_argv(root, "delete", rng.choice(ids)),
            cli_argv(root, "list", "--search", rng.choice(QUERIES)),
            cli_argv(root, "merge", str(other)),
        ]

    # Each kind of command's whole run, timed once on a copy, bounds its kill moments.
    scratch = tmp_path / "scratch"
    durations = [
        measure(lambda r, a=argv: [*cli_argv(r), *a[5:]], root, scratch) for argv in argv_for(0)
    ]
    plan = KillPlan("search index")
    for n in range(1, ATTEMPTS + 1):
        choice = rng.randrange(5)
        run = plan.run(argv_for(n)[choice], durations[choice], watch=[root, root / "entries"])
        _agrees(root, plan.where(run))
    assert plan.kills >= ATTEMPTS // 2, plan.where()
    shutil.rmtree(scratch, ignore_errors=True)
