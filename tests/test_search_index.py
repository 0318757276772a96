"""The full-text search index (services/search_index.py): Danish and English
word forms, prefixes, accents, ranking, and an index that is only ever
derived data: refreshed after writes, rebuilt when damaged, kept in memory
for an encrypted journal, and never the reason a search fails."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
from pathlib import Path

import pytest
from conftest import Cli

from eftertanke.domain import CONCEPTS, Entry, Theme
from eftertanke.errors import EftertankeError
from eftertanke.services import search as search_service
from eftertanke.services import search_index
from eftertanke.services.query import EntryFilter, select
from eftertanke.services.search import scan_words, search
from eftertanke.services.search_index import SearchIndex, index_path
from eftertanke.services.search_words import fold
from eftertanke.store.journal import Journal


@pytest.fixture(autouse=True)
def index_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests compare the index with the scan: the index is built whole
    by the first search (test_a_new_index_warms_in_turns tests the turns)."""
    monkeypatch.setattr(search_index, "WARM_SHARDS", None)


def write(journal: Journal, body: str, lang: str = "da", title: str = "", **kw: object) -> Entry:
    return journal.add_entry(Entry(kind="memo", body=body, title=title, language=lang, **kw))


def found(journal: Journal, words: str, **kw: object) -> list[str]:
    result = search(journal, EntryFilter(search=words), **kw)  # type: ignore[arg-type]
    assert result.used_index
    return [e.body for e in result.entries]


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    return Journal(journal_dir, author="tester")


def test_danish_forms_share_a_stem(journal: Journal) -> None:
    write(journal, "Trygheden i gruppen voksede.")
    write(journal, "Der var en lang tavshed bagefter.")
    write(journal, "Intet om det her.")
    assert found(journal, "tryghed") == ["Trygheden i gruppen voksede."]
    assert found(journal, "tavsheden") == ["Der var en lang tavshed bagefter."]


def test_english_forms_share_a_stem(journal: Journal) -> None:
    write(journal, "They silenced the room.", lang="en")
    write(journal, "Nothing here.", lang="en")
    assert found(journal, "silence") == ["They silenced the room."]
    write(journal, "A long silence.", lang="en")
    assert sorted(found(journal, "silenced")) == ["A long silence.", "They silenced the room."]


def test_a_word_inside_a_longer_one_is_found_as_the_scan_finds_it(journal: Journal) -> None:
    write(journal, "Hverdagstryghed er det vigtigste.")
    assert found(journal, "tryghed") == ["Hverdagstryghed er det vigtigste."]


def test_prefix_search(journal: Journal) -> None:
    write(journal, "Trygheden var tydelig.")
    write(journal, "Han følte sig tryg.")
    write(journal, "Utryg stemning.")
    assert sorted(found(journal, "tryg*")) == ["Han følte sig tryg.", "Trygheden var tydelig."]
    assert found(journal, "trygh*") == ["Trygheden var tydelig."]


def test_accents_fold_but_danish_letters_stay(journal: Journal) -> None:
    write(journal, "Vi mødtes på en café.")
    write(journal, "En naïve tanke om ære.")
    assert found(journal, "cafe") == ["Vi mødtes på en café."]
    assert found(journal, "CAFÉ") == ["Vi mødtes på en café."]
    assert found(journal, "naive") == ["En naïve tanke om ære."]
    assert found(journal, "ære") == ["En naïve tanke om ære."]
    # æ, ø and å are letters of their own, not a with an accent.
    assert found(journal, "aere") == []
    assert found(journal, "modtes") == []
    assert fold("Ærø Åbo Café") == "ærø åbo cafe"


def test_every_word_must_match(journal: Journal) -> None:
    write(journal, "Trygheden og tavsheden.")
    write(journal, "Kun trygheden.")
    assert found(journal, "tryghed tavshed") == ["Trygheden og tavsheden."]


def test_ranked_best_first_with_a_marked_snippet(journal: Journal) -> None:
    write(journal, "Et ord om tavshed, og mere tekst om noget andet helt.")
    write(journal, "Tavshed, tavshed og atter tavsheden: tavshed.")
    write(journal, "Intet.")
    result = search(journal, EntryFilter(search="tavshed"), rank=True)
    assert result.used_index
    bodies = [e.body for e in result.entries]
    assert bodies == [
        "Tavshed, tavshed og atter tavsheden: tavshed.",
        "Et ord om tavshed, og mere tekst om noget andet helt.",
    ]
    piece = result.snippets[result.entries[0].id]
    marked = [piece.text[s:e] for s, e in piece.hits]
    assert marked == ["Tavshed", "tavshed", "tavsheden", "tavshed"]


def test_filters_apply_after_the_index(journal: Journal) -> None:
    write(journal, "Tavshed i en memo.")
    journal.add_entry(Entry(kind="daily", body="Tavshed i et tjek.", language="da"))
    result = search(journal, EntryFilter(search="tavshed", kinds=("daily",)))
    assert result.used_index
    assert [e.body for e in result.entries] == ["Tavshed i et tjek."]


def test_trashed_entries_are_found_only_in_the_trash(journal: Journal) -> None:
    gone = write(journal, "Tavshed der blev slettet.")
    write(journal, "Tavshed der blev.")
    assert len(found(journal, "tavshed")) == 2
    journal.delete_entry(gone.id)
    assert found(journal, "tavshed") == ["Tavshed der blev."]
    trash = search(journal, EntryFilter(search="tavshed", deleted=True))
    assert [e.body for e in trash.entries] == ["Tavshed der blev slettet."]


def test_an_edit_is_seen_and_only_changed_shards_are_read(journal: Journal) -> None:
    entries = [write(journal, f"Tekst nummer {i}.") for i in range(40)]
    with SearchIndex.open(journal) as index:
        index.refresh()
    first = entries[0]
    journal.modify_entry(first.id, lambda e: setattr(e, "body", "Nu om kaffeautomaten."))
    with SearchIndex.open(journal) as index:
        assert index.refresh() == 1
        assert index.refresh() == 0
    assert found(journal, "kaffeautomat") == ["Nu om kaffeautomaten."]
    assert found(journal, "nummer") and "Nu om kaffeautomaten." not in found(journal, "nummer")


def test_in_a_changed_shard_only_the_changed_entries_are_indexed_again(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save rewrites a whole shard (about 400 entries at 100,000), but the
    next search works out the words of the entries that changed only: the
    edited and the trashed one (old words, to forget them, and new ones) and
    the added one, while the others keep their rows. (A purge drops the whole
    index: test_a_purge_drops_the_index_with_every_word_it_held.)"""

    def in_shard(n: int) -> Entry:
        return Entry(id=f"ab{n:06d}-0000-4000-8000-000000000000", kind="memo", body=f"Tekst {n}.")

    for n in range(30):
        journal.add_entry(in_shard(n))
    with SearchIndex.open(journal) as index:
        index.refresh()
        numbers = dict(index.conn.execute("SELECT id, n FROM docs"))
    worked: list[str] = []
    real_terms = search_index._terms

    def counting(doc: dict) -> tuple[str, str, list[str]]:
        worked.append(doc["id"][:8])
        return real_terms(doc)

    monkeypatch.setattr(search_index, "_terms", counting)
    edited, trashed = in_shard(3).id, in_shard(7).id
    journal.modify_entry(edited, lambda e: setattr(e, "body", "Nu om kaffeautomaten."))
    journal.add_entry(in_shard(99))
    journal.delete_entry(trashed)
    worked.clear()
    assert found(journal, "kaffeautomat") == ["Nu om kaffeautomaten."]
    assert sorted(worked) == sorted([edited[:8]] * 2 + [trashed[:8]] * 2 + ["ab000099"])
    with SearchIndex.open(journal) as index:
        now = dict(index.conn.execute("SELECT id, n FROM docs"))
    assert now[edited] != numbers[edited] and now[trashed] != numbers[trashed]
    kept = set(numbers) - {edited, trashed}
    assert all(now[i] == numbers[i] for i in kept), "unchanged entries keep their rows"
    assert "Tekst 7." not in found(journal, "tekst")
    assert (
        found(
            journal,
            "tekst",
        )
        and search(journal, EntryFilter(search="tekst", deleted=True)).entries[0].id == trashed
    )


def test_a_renamed_theme_is_found_by_its_new_name(journal: Journal) -> None:
    journal.add_theme(Theme(name="Gammelt navn", concept=CONCEPTS[0]))
    write(journal, "Noget.", themes=["Gammelt navn"])
    assert found(journal, "gammelt") == ["Noget."]
    journal.rename_theme("Gammelt navn", "Helt nyt")
    assert found(journal, "nyt") == ["Noget."]
    assert found(journal, "gammelt") == []


def test_a_damaged_index_is_rebuilt(journal: Journal) -> None:
    write(journal, "Trygheden.")
    assert found(journal, "tryghed") == ["Trygheden."]
    path = index_path(journal.root)
    assert path.exists()
    path.write_bytes(b"this is no database at all" * 100)
    assert found(journal, "tryghed") == ["Trygheden."]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM docs").fetchone() == (1,)


def test_a_missing_index_is_rebuilt(journal: Journal) -> None:
    write(journal, "Trygheden.")
    assert found(journal, "tryghed") == ["Trygheden."]
    index_path(journal.root).unlink()
    assert found(journal, "tryghed") == ["Trygheden."]
    assert index_path(journal.root).exists()


def test_the_scan_answers_when_sqlite_fails(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(journal, "Trygheden.")

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(search_index.sqlite3, "connect", broken)
    result = search(journal, EntryFilter(search="trygheden"))
    assert not result.used_index
    assert [e.body for e in result.entries] == ["Trygheden."]
    assert not index_path(journal.root).exists()


def test_the_scan_answers_when_a_query_fails(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(journal, "Trygheden.")

    def broken(self: SearchIndex, words: list[str]) -> dict[int, float]:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(SearchIndex, "find", broken)
    result = search(journal, EntryFilter(search="trygheden"), rank=True)
    assert not result.used_index
    assert [e.body for e in result.entries] == ["Trygheden."]


def test_a_word_with_punctuation_is_answered_by_the_scan(journal: Journal) -> None:
    write(journal, "Mødet kl. 9:30 gik godt.")
    result = search(journal, EntryFilter(search="9:30"))
    assert not result.used_index
    assert [e.body for e in result.entries] == ["Mødet kl. 9:30 gik godt."]


# -- the index finds what the scan finds ---------------------------------------------

DANISH = (
    "tryghed trygheden tavshed tavsheden samtale samtalen interview ledelse ledergruppen "
    "kaffeautomaten arbejdsglæde glæde usikkerhed møde møderne åbenhed ærlighed følelse "
    "følelserne refleksion dagbog forskning feltarbejde hverdagen"
).split()
ENGLISH = (
    "silence silenced trust trusting meeting meetings interview interviews fieldwork "
    "reflection reflections feeling feelings coffee leadership openness honesty"
).split()
QUERIES = [
    "tryghed", "tavshed", "samtale", "glæde", "møde", "ærlighed", "silence", "trust",
    "meeting", "coffee", "interview", "feltarbejde", "hverdag", "leadership", "åbenhed",
    "tryghed samtale", "silence trust", "ledelse", "kaffe",
]  # fmt: skip


def seed(journal: Journal, n: int = 300) -> None:
    rng = random.Random(16)
    entries = []
    for i in range(n):
        lang = "en" if i % 3 == 0 else "da"
        words = ENGLISH if lang == "en" else DANISH
        body = " ".join(rng.choice(words) for _ in range(rng.randint(4, 20))).capitalize() + "."
        entries.append(
            Entry(kind=rng.choice(["memo", "daily"]), body=body, title=f"Indlæg {i}", language=lang)
        )
    journal.add_entries(entries)


def test_the_index_finds_what_the_scan_finds(journal: Journal) -> None:
    """Every entry the scan finds, the index finds; any more it finds share a
    stem with the word (trygheden for tryghed), never anything else."""
    seed(journal)
    docs = list(journal.raw_entries())
    for query in QUERIES:
        flt = EntryFilter(search=query)
        scanned = {e.id for e in select(docs, flt)}
        result = search(journal, flt)
        assert result.used_index
        indexed = {e.id for e in result.entries}
        assert scanned <= indexed, query
        for entry in result.entries:
            if entry.id not in scanned:
                assert search_service.hit_snippet(entry.to_dict(), flt.words()), (query, entry.body)
        assert scanned, query


def test_the_index_and_the_scan_agree_exactly_for_words_without_other_forms(
    journal: Journal,
) -> None:
    seed(journal)
    docs = list(journal.raw_entries())
    for query in ["kaffeautomaten", "arbejdsglæde", "coffee", "dagbog", "fieldwork", "honesty"]:
        flt = EntryFilter(search=query)
        scanned = [e.id for e in select(docs, flt)]
        result = search(journal, flt)
        assert result.used_index and scanned
        assert [e.id for e in result.entries] == scanned, query


def test_limit_keeps_the_newest_as_the_scan_does(journal: Journal) -> None:
    seed(journal, 60)
    flt = EntryFilter(search="coffee")
    expected = [e.id for e in select(journal.raw_entries(), flt, 3)]
    assert [e.id for e in search(journal, flt, 3).entries] == expected
    assert scan_words(["tryg*", "*"]) == ["tryg"]


# -- through the command line ----------------------------------------------------------


def titles(cli: Cli, *args: str) -> list[str]:
    return [e["title"] for e in json.loads(cli.ok("list", "--json", *args))]


def test_cli_new_edit_and_delete_are_seen_by_the_next_search(cli: Cli) -> None:
    cli.ok("new", "-m", "Trygheden i gruppen.", "--title", "En")
    assert titles(cli, "--search", "tryghed") == ["En"]
    eid = cli.ok("new", "-m", "Intet her.", "--title", "To").strip()
    assert titles(cli, "--search", "tryghed") == ["En"]
    cli.ok("edit", eid, "-m", "Nu også trygheden.")
    assert titles(cli, "--search", "tryghed") == ["En", "To"]
    cli.ok("delete", eid)
    assert titles(cli, "--search", "tryghed") == ["En"]
    assert titles(cli, "--search", "tryghed", "--trash") == ["To"]


def test_cli_rank_shows_snippets(cli: Cli) -> None:
    cli.ok("new", "-m", "Lidt om tavshed.", "--title", "Lidt")
    cli.ok("new", "-m", "Tavshed, tavsheden, tavshed.", "--title", "Meget")
    out = cli.ok("list", "--search", "tavshed", "--rank")
    lines = out.splitlines()
    assert "Meget" in lines[0] and lines[1].strip() == "Tavshed, tavsheden, tavshed."
    assert "Lidt" in lines[2] and lines[3].strip() == "Lidt om tavshed."
    bad = cli("list", "--rank")
    assert bad.returncode == 2 and "--rank" in bad.stderr


def test_cli_encrypted_journal_writes_no_index(cli: Cli, tmp_path: Path) -> None:
    env = {"EFTERTANKE_PASSPHRASE": "correct horse battery"}
    cli.ok("new", "-m", "Trygheden er hemmelig.", "--title", "Hemmelig")
    cli.ok("encrypt", "--cost", "14", env=env)
    import os

    cache = Path(os.environ["EFTERTANKE_CACHE_DIR"])
    for path in (cache / "search").glob("*"):
        path.unlink()
    out = json.loads(cli.ok("list", "--json", "--search", "tryghed", env=env))
    assert [e["title"] for e in out] == ["Hemmelig"]
    cli.ok("new", "-m", "Mere tryghed.", "--title", "Mere", env=env)
    assert len(json.loads(cli.ok("list", "--json", "--search", "tryg*", env=env))) == 2
    assert not list((cache / "search").glob("*"))
    assert "keeps no search index" in cli.ok("doctor", env=env)
    for path in cache.rglob("*"):
        if path.is_file():
            assert b"ryghed" not in path.read_bytes(), path


def test_doctor_reports_the_index_as_info_and_repair_rebuilds_it(cli: Cli) -> None:
    cli.ok("new", "-m", "Trygheden.", "--title", "En")
    assert "search index" not in cli.ok("doctor")  # none yet: the first search builds it
    assert titles(cli, "--search", "tryghed") == ["En"]
    assert "search index" not in cli.ok("doctor")
    cli.ok("new", "-m", "Mere tryghed.", "--title", "To")
    out = cli.ok("doctor")
    assert "info: the search index is behind in 1 entry file" in out
    assert "error" not in out and "warning" not in out
    path = index_path(cli.journal)
    path.write_bytes(b"garbage" * 1000)
    assert "info: the search index cannot be read" in cli.ok("doctor")
    assert "info: search index rebuilt: 2 entries" in cli.ok("doctor", "--repair")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM docs").fetchone() == (2,)
    assert "search index" not in cli.ok("doctor")


def test_the_index_never_disagrees_with_the_journal_after_random_writes(journal: Journal) -> None:
    """Adds, edits, trashes, restores and purges in random order, a search
    after each few: the index finds exactly what it finds after a rebuild,
    and everything the scan finds."""
    from eftertanke.services.purge import plan_entries, purge

    rng = random.Random(1616)
    live: list[str] = []
    for step in range(120):
        action = rng.random()
        if action < 0.45 or not live:
            body = " ".join(rng.choice(DANISH + ENGLISH) for _ in range(6))
            live.append(write(journal, body, lang=rng.choice(["da", "en"])).id)
        elif action < 0.92:
            ident = rng.choice(live)
            body = " ".join(rng.choice(DANISH + ENGLISH) for _ in range(6))
            with contextlib.suppress(EftertankeError):  # trashed already, or not in the trash
                if action < 0.7:
                    journal.modify_entry(ident, lambda e, body=body: setattr(e, "body", body))
                elif action < 0.85:
                    journal.delete_entry(ident)
                else:
                    journal.restore_entry(ident)
        else:
            ident = live.pop(rng.randrange(len(live)))
            purge(journal, plan_entries(journal, [ident]))
        if step % 7 == 0:
            word = rng.choice(QUERIES)
            for trash in (False, True):
                flt = EntryFilter(search=word, deleted=trash)
                result = search(journal, flt)
                assert result.used_index
                got = {e.id for e in result.entries}
                scanned = {e.id for e in select(journal.raw_entries(include_deleted=True), flt)}
                assert scanned <= got, (step, word)
                with SearchIndex.open(journal) as index:
                    index.rebuild()
                assert {e.id for e in search(journal, flt).entries} == got, (step, word)


def test_a_purge_drops_the_index_with_every_word_it_held(journal: Journal) -> None:
    from eftertanke.services.purge import plan_entries, purge

    gone = write(journal, "Kirstenhemmelighed skal væk.")
    write(journal, "Noget andet.")
    assert found(journal, "kirstenhemmelighed") == ["Kirstenhemmelighed skal væk."]
    path = index_path(journal.root)
    assert b"kirstenhemmelighed" in path.read_bytes()
    purge(journal, plan_entries(journal, [gone.id]))
    assert not path.exists()
    assert found(journal, "kirstenhemmelighed") == []
    assert b"kirstenhemmelighed" not in path.read_bytes()


def test_a_new_index_warms_in_turns_and_scans_only_what_it_has_not_read(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search reads at most WARM_SHARDS stale shards; the index answers for
    the shards it holds and the others are scanned, so a search costs what is
    stale, not the whole journal; a ranked one scans all while any is stale."""
    monkeypatch.setattr(search_index, "WARM_SHARDS", 2)
    ids = ["0a", "1b", "2c", "3d", "4e"]
    for n, prefix in enumerate(ids):
        journal.add_entry(
            Entry(id=f"{prefix}000000-0000-4000-8000-00000000000{n}", body=f"Tryghed {n}")
        )
    ranked = search(journal, EntryFilter(search="tryghed"), rank=True)
    assert not ranked.used_index and len(ranked.entries) == 5  # read 2, 3 left: scanned
    scanned = []
    for _ in range(3):
        result = search(journal, EntryFilter(search="tryghed"))
        assert sorted(e.body for e in result.entries) == [f"Tryghed {n}" for n in range(5)]
        assert result.used_index
        scanned.append(result.scanned)
    assert scanned == [1, 0, 0]  # 2 + 2 read, then the last one, then current
    assert search(journal, EntryFilter(search="tryghed"), rank=True).used_index


def test_a_stale_shard_is_read_from_its_file_never_from_the_index(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the index behind on a shard (none read by this search), what the
    index holds of it is left out and the file answers: a word taken out of
    an entry is not found there, a word put in is."""
    old = write(journal, "Kaffeautomaten larmer", id="0a000000-0000-4000-8000-000000000000")
    other = write(journal, "Intet her", id="1b000000-0000-4000-8000-000000000001")
    write(journal, "Kaffeautomaten igen", id="2c000000-0000-4000-8000-000000000002")
    assert len(found(journal, "kaffeautomaten")) == 2  # the index is current
    journal.modify_entry(old.id, lambda e: setattr(e, "body", "Stille nu"))
    journal.modify_entry(other.id, lambda e: setattr(e, "body", "Kaffeautomaten er ny"))
    monkeypatch.setattr(search_index, "WARM_SHARDS", 0)
    result = search(journal, EntryFilter(search="kaffeautomaten"))
    assert result.used_index and result.scanned == 2
    assert sorted(e.body for e in result.entries) == ["Kaffeautomaten er ny", "Kaffeautomaten igen"]
