import os
import stat
from pathlib import Path

import orjson
import pytest
from conftest import snapshot

from eftertanke.domain import Entry, Excerpt, Interview, Theme, ValidationError
from eftertanke.store import (
    AmbiguousIdError,
    CorruptFileError,
    Journal,
    JournalError,
    NewerSchemaError,
    NotFoundError,
    doctor,
    layout,
)
from eftertanke.store.backup import list_backups, take_backup


def make_journal(path: Path) -> Journal:
    journal = Journal(path, author="Mette")
    journal.add_interview(Interview(code="I03", role="plejeboligchef", level="leader"))
    journal.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    journal.add_theme(Theme(name="Lykkes sammen", concept="drive"))
    return journal


def test_add_get_update_and_prefix_lookup(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="hej", themes=["farlig tavshed"], interview="I03"))
    assert entry.author == "Mette"
    got = journal.get_entry(entry.id[:6])
    assert got.body == "hej"
    got.body = "hej igen"
    journal.update_entry(got)
    fresh = Journal(journal_dir)
    assert fresh.get_entry(entry.id).body == "hej igen"
    assert fresh.get_entry(entry.id).updated >= entry.updated
    with pytest.raises(NotFoundError):
        fresh.get_entry("ffffffff")
    with pytest.raises(NotFoundError, match="too short"):
        fresh.get_entry("ab")


def test_ambiguous_prefix(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    journal.add_entry(Entry(id="abcd0000-0000-4000-8000-000000000001", body="one"))
    journal.add_entry(Entry(id="abcd0000-0000-4000-8000-000000000002", body="two"))
    with pytest.raises(AmbiguousIdError):
        journal.get_entry("abcd0")
    assert journal.get_entry("abcd0000-0000-4000-8000-000000000002").body == "two"


def test_links_must_exist(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    with pytest.raises(NotFoundError, match="unknown interview"):
        journal.add_entry(Entry(body="x", interview="I99"))
    with pytest.raises(NotFoundError, match="unknown theme"):
        journal.add_entry(Entry(body="x", themes=["nope"]))
    with pytest.raises(NotFoundError, match="unknown interview"):
        journal.add_entry(Entry(body="x", excerpts=[Excerpt("I77", "1.00", "q")]))
    assert journal.count_entries() == 0


def test_what_an_entry_may_link_follows_the_codebook_here_and_in_another_process(
    journal_dir: Path,
) -> None:
    """The known themes and interviews are kept between saves (a save made
    every record an object), and worked out again whenever their files change:
    by this journal, or by another process's."""
    journal = make_journal(journal_dir)
    journal.add_entry(Entry(body="x", themes=["Farlig tavshed"]))  # fills what is kept
    with pytest.raises(NotFoundError, match="unknown theme"):
        journal.add_entry(Entry(body="x", themes=["Ny energi"]))
    journal.add_theme(Theme(name="Ny energi", concept="wellbeing"))
    journal.add_entry(Entry(body="x", themes=["ny energi"]))
    journal.rename_theme("Ny energi", "Fornyet energi")
    with pytest.raises(NotFoundError, match="unknown theme"):
        journal.add_entry(Entry(body="x", themes=["Ny energi"]))
    elsewhere = Journal(journal_dir, author="Jonas")
    elsewhere.add_interview(Interview(code="I04", role="leder"))
    journal.add_entry(Entry(body="x", interview="I04", themes=["Fornyet energi"]))
    assert journal.count_entries() == 3


def test_delete_and_restore(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="x"))
    journal.delete_entry(entry.id)
    assert journal.count_entries() == 0
    assert journal.get_entry(entry.id).deleted is not None
    with pytest.raises(JournalError, match="already in the trash"):
        journal.delete_entry(entry.id)
    journal.restore_entry(entry.id)
    assert journal.count_entries() == 1


def test_rename_and_merge_themes_update_every_entry(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    journal.add_theme(Theme(name="Tavshed i store fora", concept="safety", parent="Farlig tavshed"))
    a = journal.add_entry(Entry(body="a", themes=["Farlig tavshed"]))
    b = journal.add_entry(
        Entry(body="b", excerpts=[Excerpt("I03", "9.45", "q", ["Farlig tavshed", "Lykkes sammen"])])
    )
    _, count = journal.rename_theme("farlig tavshed", "Den farlige tavshed")
    assert count == 2
    assert journal.get_entry(a.id).themes == ["Den farlige tavshed"]
    assert journal.get_entry(b.id).excerpts[0].themes == ["Den farlige tavshed", "Lykkes sammen"]
    assert journal.get_theme("Tavshed i store fora").parent == "Den farlige tavshed"
    with pytest.raises(ValidationError, match="already exists"):
        journal.rename_theme("Lykkes sammen", "den farlige TAVSHED")
    _, merged = journal.merge_themes("Lykkes sammen", "Den farlige tavshed")
    assert merged == 1
    assert journal.get_entry(b.id).excerpts[0].themes == ["Den farlige tavshed"]
    assert [t.name for t in journal.themes()].count("Lykkes sammen") == 0
    assert journal.theme_usage() == {"Den farlige tavshed": 2}


def test_theme_parent_loops_are_refused(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    journal.add_theme(Theme(name="Child", concept="safety", parent="Farlig tavshed"))
    parent = journal.get_theme("Farlig tavshed")
    parent.parent = "Child"
    with pytest.raises(ValidationError, match="loop"):
        journal.update_theme(parent)


def test_interview_code_change_follows_into_entries(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(body="x", interview="I03", excerpts=[Excerpt("I03", "1.00", "q")]))
    interview = journal.get_interview("i03")
    interview.code = "B07"
    journal.update_interview(interview, old_code="I03")
    got = journal.get_entry(entry.id)
    assert got.interview == "B07" and got.excerpts[0].interview == "B07"
    with pytest.raises(ValidationError, match="already exists"):
        journal.add_interview(Interview(code="b07"))


def test_files_are_private_even_under_a_permissive_umask(journal_dir: Path) -> None:
    old = os.umask(0o000)
    try:
        journal = make_journal(journal_dir)
        journal.add_entry(Entry(body="x"))
        journal.save_draft("d1", {"answers": {}})
    finally:
        os.umask(old)
    for path in [journal_dir, *journal_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))


def test_entries_are_sharded_and_written_one_per_line_in_stable_order(journal_dir: Path) -> None:
    import difflib

    journal = Journal(journal_dir)
    first = journal.add_entry(Entry(id="aa000000-0000-4000-8000-000000000001", body="one"))
    shard = journal_dir / "entries" / "aa.json"
    before = shard.read_text().splitlines()
    journal.add_entry(Entry(id="aa000000-0000-4000-8000-000000000002", body="two\nlines"))
    journal.add_entry(Entry(id="bb000000-0000-4000-8000-000000000003", body="three"))
    after = shard.read_text().splitlines()
    # A new entry is one new line (and a comma on its neighbour), plus the file's
    # generation line (store/manifest.py): a small diff for git.
    changed = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert len(changed) == 5, changed
    assert sum(1 for line in changed if line[2:].startswith('"_generation": ')) == 2
    assert sum(1 for line in after if line.startswith('"aa000000')) == 2
    doc = orjson.loads(shard.read_bytes())["entries"][first.id]
    assert list(doc) == sorted(doc)
    assert sorted(p.name for p in (journal_dir / "entries").glob("*.json")) == ["aa.json", "bb.json"]


def test_stale_temp_files_are_cleaned_on_open(journal_dir: Path) -> None:
    make_journal(journal_dir)
    stale = journal_dir / "entries" / ".tmp-aa.json.12345"
    stale.write_text("{half")
    Journal(journal_dir)
    assert not stale.exists()


def test_newer_schema_is_refused_and_left_untouched(journal_dir: Path) -> None:
    make_journal(journal_dir).add_entry(Entry(body="x"))
    meta = journal_dir / layout.META_FILE
    meta.write_bytes(orjson.dumps({"format": layout.FORMAT_NAME, "schema": layout.SCHEMA_VERSION + 1}))
    before = snapshot(journal_dir)
    with pytest.raises(NewerSchemaError, match="newer eftertanke"):
        Journal(journal_dir)
    assert snapshot(journal_dir) == before


def test_schema_1_journal_is_migrated_with_a_backup_first(journal_dir: Path) -> None:
    journal_dir.mkdir()
    entry = Entry(body="from the old days", themes=["Gammel"]).validate()
    theme = Theme(name="Gammel", concept="frames").validate()
    legacy = {
        "entries": {entry.id: entry.to_dict()},
        "interviews": {},
        "themes": {theme.id: theme.to_dict()},
    }
    legacy_bytes = orjson.dumps(legacy)
    (journal_dir / "journal.json").write_bytes(legacy_bytes)
    (journal_dir / "eftertanke.json").write_bytes(orjson.dumps({"schema": 1}))
    journal = Journal(journal_dir)
    assert journal.meta["schema"] == layout.SCHEMA_VERSION
    assert journal.get_entry(entry.id).body == "from the old days"
    assert journal.get_theme("gammel").concept == "frames"
    assert not (journal_dir / "journal.json").exists()
    kept = journal_dir / "backups" / "pre-migration-schema-1" / "journal.json"
    assert kept.read_bytes() == legacy_bytes
    assert list_backups(journal.root)


def test_a_folder_with_other_files_is_not_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "thesis.docx").write_text("mine")
    with pytest.raises(JournalError, match="not an eftertanke journal"):
        Journal(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]


def test_corrupt_file_gives_clear_error_and_repair_restores_last_good_state(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    one = journal.add_entry(Entry(id="cc000000-0000-4000-8000-000000000001", body="first"))
    two = journal.add_entry(Entry(id="cc000000-0000-4000-8000-000000000002", body="second"))
    shard = journal_dir / "entries" / "cc.json"
    shard.write_bytes(b'{"entries": {"cc0000')  # torn by something outside eftertanke
    with pytest.raises(CorruptFileError, match="doctor --repair"):
        Journal(journal_dir).count_entries()
    assert any(f.level == "error" for f in doctor.check(journal_dir))
    done = doctor.repair(journal_dir)
    assert any("restored entries/cc.json" in f.message for f in done)
    repaired = Journal(journal_dir)
    assert {e.id for e in repaired.entries()} == {one.id, two.id}
    assert not any(f.level == "error" for f in doctor.check(journal_dir))
    assert list((journal_dir / "backups").glob("damaged-cc.json-*"))


def test_repair_falls_back_to_the_newest_backup(journal_dir: Path) -> None:
    journal = make_journal(journal_dir)
    entry = journal.add_entry(Entry(id="dd000000-0000-4000-8000-000000000001", body="kept"))
    take_backup(journal)
    shard = journal_dir / "entries" / "dd.json"
    shard.write_bytes(b"garbage")
    (journal_dir / "entries" / "dd.json.mirror").write_bytes(b"also garbage")
    doctor.repair(journal_dir)
    assert Journal(journal_dir).get_entry(entry.id).body == "kept"


def test_damaged_meta_is_repaired(journal_dir: Path) -> None:
    make_journal(journal_dir).add_entry(Entry(body="x"))
    (journal_dir / layout.META_FILE).write_bytes(b"\x00\x00")
    with pytest.raises(CorruptFileError):
        Journal(journal_dir)
    doctor.repair(journal_dir)
    assert Journal(journal_dir).count_entries() == 1


def test_drafts_round_trip_and_skip_unreadable(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    journal.save_draft("abc", {"answers": {"q1": "æøå"}})
    (journal_dir / "drafts" / "broken.json").write_text("{nope")
    drafts = journal.drafts()
    assert [d["draft_id"] for d in drafts] == ["abc"]
    assert drafts[0]["answers"] == {"q1": "æøå"}
    journal.discard_draft("abc")
    assert journal.drafts() == []
    with pytest.raises(ValidationError):
        journal.save_draft("../escape", {})


def test_cache_sees_changes_made_by_another_journal_object(journal_dir: Path) -> None:
    first = Journal(journal_dir)
    second = Journal(journal_dir)
    assert first.count_entries() == 0
    second.add_entry(Entry(body="from elsewhere"))
    assert first.count_entries() == 1


def test_rotating_backups_keep_only_the_newest(journal_dir: Path) -> None:
    from eftertanke.store import backup

    journal = make_journal(journal_dir)
    for _ in range(backup.KEEP + 3):
        take_backup(journal)
    assert len(list_backups(journal.root)) == backup.KEEP


def test_a_cloned_journal_is_made_private_again(journal_dir: Path) -> None:
    make_journal(journal_dir).add_entry(Entry(body="x"))
    for path in [journal_dir, *journal_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # as git checks files out
    Journal(journal_dir)
    assert not any(f.level != "info" for f in doctor.check(journal_dir))


def test_search_skips_only_files_that_cannot_match(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    journal.add_entry(Entry(id="aa000000-0000-4000-8000-000000000001", body="Om Tavshed i FORA"))
    journal.add_entry(Entry(id="bb000000-0000-4000-8000-000000000002", body='sagde "nej" ærligt'))
    def shards(words: list[str]) -> list[str]:
        return [d["id"][:2] for d in Journal(journal_dir).raw_entries(containing=words)]

    assert shards(["tavshed"]) == ["aa"]
    assert shards(["ærligt", "nej"]) == ["bb"]
    assert shards(["tavshed", "ærligt"]) == []
    # A word JSON writes escaped is never used to skip a file.
    assert shards(['"nej"']) == ["aa", "bb"]


def test_search_prefilter_agrees_with_casefold(journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    journal.add_entry(Entry(id="cc000000-0000-4000-8000-000000000001", body="Die STRASSE"))
    journal.add_entry(Entry(id="dd000000-0000-4000-8000-000000000002", body="Die Straße und ÆBLER"))
    found = [d["id"][:2] for d in Journal(journal_dir).raw_entries(containing=["strasse"])]
    assert found == ["cc", "dd"]
    assert [d["id"][:2] for d in Journal(journal_dir).raw_entries(containing=["æbler"])] == ["dd"]
