"""The codebook's change log: every kind of change recorded with its reason,
in the same write as the change, append-only, kept by merges, encrypted with
the journal, and clean in doctor's eyes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import Cli

from eftertanke import codebook_log
from eftertanke.codebook_log import CodebookEvent, describe
from eftertanke.domain import Theme, ValidationError
from eftertanke.services.merge import merge_journal
from eftertanke.services.merge.git_driver import merge_file_data
from eftertanke.services.merge.record_rules import merge_codebook_log
from eftertanke.services.theme_delete import ThemeHasChildrenError, delete_theme
from eftertanke.store import crypto, doctor, layout, reencrypt
from eftertanke.store.journal import Journal


def build(root: Path, author: str = "ane") -> Journal:
    journal = Journal(root, author=author)
    journal.add_theme(Theme(name="Tavshed", concept="safety"), reason="hørt i I03")
    journal.add_theme(Theme(name="Stilhed", concept="safety"))
    journal.add_theme(Theme(name="Under stilhed", concept="safety", parent="Stilhed"))
    journal.rename_theme("Tavshed", "Farlig tavshed", reason="mere præcist")
    moved = journal.get_theme("Under stilhed")
    moved.concept, moved.parent = "wellbeing", None
    journal.update_theme(moved, reason="handler om trivsel")
    edited = journal.get_theme("Stilhed")
    edited.description = "Det, der ikke bliver sagt."
    journal.update_theme(edited, reason="defineret")
    journal.merge_themes("Stilhed", "Farlig tavshed", reason="samme fænomen")
    delete_theme(journal, "Under stilhed", reason="ikke brugt")
    return journal


def test_every_kind_of_change_is_logged_with_its_reason(tmp_path: Path) -> None:
    journal = build(tmp_path / "j")
    events = journal.codebook_log()
    assert [(e.kind, e.name, e.reason) for e in events] == [
        ("added", "Tavshed", "hørt i I03"),
        ("added", "Stilhed", ""),
        ("added", "Under stilhed", ""),
        ("renamed", "Tavshed", "mere præcist"),
        ("moved", "Under stilhed", "handler om trivsel"),
        ("edited", "Stilhed", "defineret"),
        ("merged", "Stilhed", "samme fænomen"),
        ("deleted", "Under stilhed", "ikke brugt"),
    ]
    assert all(e.by == "ane" for e in events)
    rename, move, edit, merge = events[3], events[4], events[5], events[6]
    assert rename.new_name == "Farlig tavshed"
    assert (move.old_concept, move.old_parent, move.concept, move.parent) == (
        "safety",
        "Stilhed",
        "wellbeing",
        None,
    )
    assert edit.fields == ["description"]
    assert merge.into_name == "Farlig tavshed"
    assert merge.into_id == journal.get_theme("Farlig tavshed").id
    # Ids, not names, tie events to a theme: the rename's and the add's are one theme.
    assert events[0].theme_id == rename.theme_id == journal.get_theme("Farlig tavshed").id
    assert describe(rename, "da") == "omdøbte “Tavshed” til “Farlig tavshed”"
    assert describe(move, "en") == (
        "moved “Under stilhed” from “Stilhed” (Psychological safety) to Well-being"
    )


def test_sub_themes_moved_by_a_merge_or_a_delete_are_logged(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j", author="")
    journal.add_theme(Theme(name="A", concept="drive"))
    journal.add_theme(Theme(name="B", concept="drive"))
    journal.add_theme(Theme(name="A1", concept="drive", parent="A"))
    journal.add_theme(Theme(name="B1", concept="drive", parent="B"))
    journal.merge_themes("A", "B", reason="r1")
    delete_theme(journal, "B", reparent=True, reason="r2")
    tail = [(e.kind, e.name, e.old_parent, e.parent, e.reason) for e in journal.codebook_log()][4:]
    assert ("merged", "A", None, None, "r1") in tail
    assert ("moved", "A1", "A", "B", "r1") in tail
    assert ("deleted", "B", None, None, "r2") in tail
    assert ("moved", "A1", "B", None, "r2") in tail and ("moved", "B1", "B", None, "r2") in tail
    assert all(e.by == "" for e in journal.codebook_log())


def test_a_refused_change_logs_nothing(tmp_path: Path) -> None:
    journal = build(tmp_path / "j")
    journal.add_theme(Theme(name="Anden", concept="drive"))
    before = journal.codebook_log()
    with pytest.raises(ValidationError):
        journal.add_theme(Theme(name="farlig tavshed", concept="drive"))
    with pytest.raises(ValidationError):
        journal.rename_theme("Anden", "FARLIG tavshed", reason="nej")
    journal.rename_theme("Anden", "Anden ")  # the same name: no change
    assert journal.codebook_log() == before
    journal.add_theme(Theme(name="Barn", concept="safety", parent="Farlig tavshed"))
    before = journal.codebook_log()
    with pytest.raises(ThemeHasChildrenError):
        delete_theme(journal, "Farlig tavshed", reason="nej")
    edited = journal.get_theme("Barn")
    journal.update_theme(edited, reason="intet ændret")  # nothing changed: nothing logged
    assert journal.codebook_log() == before


def test_the_log_is_append_only(tmp_path: Path) -> None:
    journal = build(tmp_path / "j")
    path = tmp_path / "j" / layout.THEMES_FILE
    first = orjson.loads(path.read_bytes())[codebook_log.LOG_TABLE]
    journal.add_theme(Theme(name="Ny", concept="frames"), reason="senere")
    second = orjson.loads(path.read_bytes())[codebook_log.LOG_TABLE]
    # Every earlier event is still there, byte for byte; one was added.
    assert {k: v for k, v in second.items() if k in first} == first
    assert len(second) == len(first) + 1
    # Appending an event whose id is taken never replaces the stored one.
    stored = CodebookEvent.from_dict(next(iter(first.values())))
    forged = CodebookEvent(**{**stored.__dict__, "reason": "rewritten history"})
    assert codebook_log.appended(first, [forged])[stored.id] == first[stored.id]


def test_both_logs_survive_a_merge_of_two_journals(tmp_path: Path) -> None:
    ours = build(tmp_path / "ours", author="ane")
    theirs = Journal(tmp_path / "theirs", author="bo")
    theirs.add_theme(Theme(name="Rammer", concept="frames"), reason="Bos kodning")
    theirs.rename_theme("Rammer", "Organisatoriske rammer", reason="fuldt navn")
    mine = {e.id for e in ours.codebook_log()}
    report = merge_journal(ours, theirs)
    assert len(report.codebook_log_added) == 2
    merged = ours.codebook_log()
    assert mine <= {e.id for e in merged}
    assert [e.reason for e in merged if e.by == "bo"] == ["Bos kodning", "fuldt navn"]
    # The other way round the same union, and merging again adds nothing.
    merge_journal(theirs, ours)
    assert {e.id for e in theirs.codebook_log()} == {e.id for e in merged}
    assert not merge_journal(ours, theirs).codebook_log_added


def test_a_git_merge_keeps_every_event_even_one_a_side_lost(tmp_path: Path) -> None:
    journal = build(tmp_path / "j")
    log = journal.stored_codebook_log()
    ids = sorted(log)
    base = {codebook_log.LOG_TABLE: {i: log[i] for i in ids[:3]}}
    ours = {codebook_log.LOG_TABLE: {i: log[i] for i in ids[1:5]}}  # lost ids[0]
    theirs = {codebook_log.LOG_TABLE: {i: log[i] for i in ids[:3] + ids[6:]}}
    merged = merge_file_data(base, ours, theirs)[codebook_log.LOG_TABLE]
    assert sorted(merged) == sorted(set(ids) - {ids[5]})
    assert (
        merge_codebook_log(ours[codebook_log.LOG_TABLE], {}, None).rows
        == ours[codebook_log.LOG_TABLE]
    )


def test_doctor_is_content_with_a_log_and_names_a_damaged_event(tmp_path: Path) -> None:
    root = tmp_path / "j"
    build(root).lock.release()
    assert not [f for f in doctor.check(root) if f.level != "info"]
    path = root / layout.THEMES_FILE
    data = orjson.loads(path.read_bytes())
    data[codebook_log.LOG_TABLE]["broken"] = {"kind": "exploded", "at": "2026-01-01T00:00:00+00:00"}
    path.write_bytes(orjson.dumps(data))
    (root / (layout.THEMES_FILE + ".mirror")).unlink(missing_ok=True)
    findings = [f.message for f in doctor.check(root) if f.level == "error"]
    assert any("codebook_log broken" in m for m in findings), findings


def test_an_encrypted_journal_keeps_its_log_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)
    root = tmp_path / "j"
    journal = build(root)
    reencrypt.encrypt_journal(journal, "hemmeligt kodeord")
    journal = Journal(root, author="ane", passphrase="hemmeligt kodeord")
    journal.rename_theme("Farlig tavshed", "Tavshedskultur", reason="Hemmeliggrund")
    reasons = [e.reason for e in journal.codebook_log()]
    assert reasons[-1] == "Hemmeliggrund" and "mere præcist" in reasons
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Hemmeliggrund" not in data and "præcist".encode() not in data, path


def test_cli_reason_and_theme_log(cli: Cli) -> None:
    cli.ok("theme", "add", "Tavshed", "--concept", "safety", "--reason", "fra I03")
    cli.ok("theme", "add", "Stilhed", "--concept", "drive")
    cli.ok("theme", "rename", "Tavshed", "Farlig tavshed", "--reason", "præcist")
    cli.ok("theme", "edit", "Stilhed", "--concept", "safety", "--reason", "hører til tryghed")
    cli.ok("theme", "merge", "Stilhed", "Farlig tavshed", "--reason", "samme")
    cli.ok("theme", "delete", "Farlig tavshed", "--yes", "--reason", "[bold]x[/] \x1b[31mrød")
    events = orjson.loads(cli.ok("theme", "log", "--json"))
    assert [(e["kind"], e["reason"], e["by"]) for e in events] == [
        ("added", "fra I03", "tester"),
        ("added", "", "tester"),
        ("renamed", "præcist", "tester"),
        ("moved", "hører til tryghed", "tester"),
        ("merged", "samme", "tester"),
        ("deleted", "[bold]x[/] \x1b[31mrød", "tester"),
    ]
    lines = cli.ok("--lang", "da", "theme", "log").splitlines()
    assert lines[2].endswith(
        "omdøbte “Tavshed” til “Farlig tavshed” · af tester · begrundelse: præcist"
    )
    assert "flyttede “Stilhed” fra Drivkraft" in lines[3]
    assert "\x1b" not in lines[5] and "[bold]x[/]" in lines[5]
    assert (
        cli.ok("--lang", "en", "theme", "log")
        .splitlines()[0]
        .endswith("added “Tavshed” under Psychological safety · by tester · reason: fra I03")
    )


def test_empty_log(cli: Cli, journal_dir: Path) -> None:
    Journal(journal_dir).lock.release()
    assert (
        cli.ok("--lang", "en", "theme", "log").strip() == "No changes to the codebook recorded yet."
    )
    assert orjson.loads(cli.ok("theme", "log", "--json")) == []


def test_app_forms_take_a_reason(tmp_path: Path) -> None:
    pytest.importorskip("textual")
    from textual.widgets import Input, Select, Tree

    from eftertanke.tui.app import EftertankeApp

    journal = Journal(tmp_path / "j", author="t")
    journal.add_theme(Theme(name="Dangerous silence", concept="safety"))
    journal.add_theme(Theme(name="Fragile safety", concept="safety"))
    app = EftertankeApp(journal, lang="en", remember=False)

    def select(name: str) -> None:
        tree = app.screen.query_one(Tree)
        stack = list(tree.root.children)
        while stack:
            node = stack.pop()
            if node.data == ("theme", name):
                tree.move_cursor(node)
                return
            stack.extend(node.children)
        raise AssertionError(name)

    async def settle(pilot: Any) -> None:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.action_go("themes")
            await settle(pilot)
            select("Dangerous silence")
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one("#f-new_name", Input).value = "Dangerous silences"
            app.screen.query_one("#f-reason", Input).value = "plural: it recurs"
            await pilot.press("ctrl+s")
            await settle(pilot)
            select("Fragile safety")
            await pilot.press("c")
            await pilot.pause()
            app.screen.query_one("#f-concept", Select).value = "frames"
            app.screen.query_one("#f-reason", Input).value = "[/foo] about structure"
            await pilot.press("ctrl+s")
            await settle(pilot)
            select("Fragile safety")
            await pilot.press("m")
            await pilot.pause()
            app.screen.query_one("#f-target", Select).value = "Dangerous silences"
            await pilot.press("ctrl+s")
            await settle(pilot)
            select("Dangerous silences")
            await pilot.press("d")
            await pilot.pause()
            note = str(app.screen.query_one("#delete-note").content)
            assert "Entries using “Dangerous silences”: 0" in note
            app.screen.query_one("#f-reason", Input).value = "nothing coded with it"
            await pilot.press("ctrl+s")
            await settle(pilot)

    asyncio.run(main())
    assert [(e.kind, e.reason) for e in journal.codebook_log()][2:] == [
        ("renamed", "plural: it recurs"),
        ("moved", "[/foo] about structure"),
        ("merged", ""),
        ("deleted", "nothing coded with it"),
    ]
    assert journal.themes() == []


def test_the_demo_journal_tells_how_its_codebook_changed(tmp_path: Path) -> None:
    import shutil

    demo = Path(__file__).resolve().parents[1] / "journals" / "demo"
    shutil.copytree(demo, tmp_path / "demo")
    events = Journal(tmp_path / "demo").codebook_log()
    kinds = {e.kind for e in events}
    assert {"added", "renamed", "moved", "merged", "deleted"} <= kinds
    assert {e.by for e in events} == {"Mette", "Jonas"}
    assert all(e.reason for e in events if e.kind != "added")
    # Every live theme's first event is its addition, under the name it had then.
    live = {t.id for t in Journal(tmp_path / "demo").themes()}
    first = {}
    for event in events:
        first.setdefault(event.theme_id, event)
    assert live <= set(first) and all(first[i].kind == "added" for i in live)


def test_a_delete_cut_short_leaves_no_event_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The delete and its event are one all-or-nothing change: a full disk
    after the codebook and its log were written undoes both."""
    from eftertanke.domain import Entry

    root = tmp_path / "j"
    journal = build(root)
    journal.add_entry(Entry(body="Om tavshed.", themes=["Farlig tavshed"]))
    before = journal.stored_codebook_log()
    real = Journal.replace_table
    calls = {"n": 0}

    def full_disk_on_the_third(self: Journal, path: Path, table: str, rows: dict) -> bool:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(self, path, table, rows)

    monkeypatch.setattr(Journal, "replace_table", full_disk_on_the_third)
    with pytest.raises(OSError):
        delete_theme(Journal(root), "Farlig tavshed", reason="for tidligt")
    monkeypatch.undo()
    assert calls["n"] == 3  # the codebook and its log were written when the disk filled
    reopened = Journal(root)
    assert reopened.stored_codebook_log() == before
    assert reopened.get_theme("Farlig tavshed")
    delete_theme(reopened, "Farlig tavshed", reason="nu")
    assert reopened.codebook_log()[-1].reason == "nu"
