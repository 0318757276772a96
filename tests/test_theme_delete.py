"""Deleting a theme takes it off everything coded with it, all or nothing; merging
one recodes its codings through the alias. Counts written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import snapshot

from eftertanke.cli import main
from eftertanke.domain import Coding, Entry, Excerpt, Interview, Section, Theme
from eftertanke.services import coding as codings
from eftertanke.services.theme_delete import (
    ThemeHasChildrenError,
    delete_theme,
    plan_theme_delete,
)
from eftertanke.store import batch, intent, layout
from eftertanke.store.doctor import check
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

ANSWER = "Det er trygt at sige fra, og vi står sammen om det."


def view(root: Path) -> dict[str, object]:
    """What a reader sees of every theme use: entries (trash too), transcripts, codebook."""
    journal = Journal(root, create=False)
    entries = {
        e.id: (
            tuple(e.themes),
            tuple(tuple(x.themes) for x in e.excerpts),
            tuple((c.quote, tuple(c.themes)) for c in e.codings),
        )
        for e in journal.entries(include_deleted=True)
    }
    transcripts = {
        t.id: tuple((c.quote, tuple(c.themes)) for c in t.codings)
        for t in journal.transcripts.all()
    }
    codebook = sorted((t.name, t.parent) for t in journal.themes())
    return {"entries": entries, "transcripts": transcripts, "themes": codebook}


@pytest.fixture
def study(journal_dir: Path) -> dict[str, str]:
    journal = Journal(journal_dir, author="forsker")
    journal.add_theme(Theme("Psykologisk klima", "safety"))
    journal.add_theme(Theme("Tryghed", "safety", parent="Psykologisk klima"))
    journal.add_theme(Theme("Tavshed", "safety"))
    journal.add_theme(Theme("Fællesskab", "drive"))
    journal.add_interview(Interview("I03", role="plejehjemsleder"))

    def coded(phrase: str, themes: list[str]) -> Coding:
        start = ANSWER.index(phrase)
        return Coding.of(ANSWER, start, start + len(phrase), themes, source="section", section="a")

    first = journal.add_entry(
        Entry(
            kind="interview",
            interview="I03",
            themes=["Tryghed", "Tavshed"],
            sections=[Section("a", "Hvad stod frem?", ANSWER)],
            excerpts=[Excerpt("I03", "9.45", "trygt at sige fra", themes=["Tryghed"])],
            codings=[
                coded("trygt at sige fra", ["Tryghed"]),  # only this theme: goes
                coded("vi står sammen", ["Tryghed", "Fællesskab"]),  # keeps Fællesskab
                coded("Det er", ["Tavshed"]),  # untouched
            ],
        )
    )
    trashed = journal.add_entry(Entry(kind="memo", body="I papirkurven.", themes=["Tryghed"]))
    journal.delete_entry(trashed.id)
    other = journal.add_entry(Entry(kind="memo", body="Om tavshed.", themes=["Tavshed"]))
    transcript = journal.transcripts.add(
        Transcript("I03", [Turn("Leder", "Her er der trygt, og vi står sammen.", 10.0)])
    )
    codings.code_phrase(journal, "transcript", transcript.id, "trygt", ["Tryghed"])
    codings.code_phrase(journal, "transcript", transcript.id, "står sammen", ["Fællesskab"])
    return {
        "first": first.id,
        "trashed": trashed.id,
        "other": other.id,
        "transcript": transcript.id,
    }


def test_deleting_a_theme_takes_it_off_every_use_and_drops_codings_left_bare(
    journal_dir: Path, study: dict[str, str]
) -> None:
    journal = Journal(journal_dir)
    revisions = {k: journal.get_entry(v).revision for k, v in study.items() if k != "transcript"}
    transcript_revision = journal.transcripts.get(study["transcript"]).revision
    plan = plan_theme_delete(journal, "tryghed")
    # Two entries (one in the trash) and the transcript; on them: the whole-entry
    # theme twice, one excerpt, three codings of which two had only Tryghed.
    got = (plan.entries, plan.whole_entries, plan.excerpts, plan.transcripts)
    assert got == (2, 2, 1, 1)
    assert (plan.codings_changed, plan.codings_removed) == (1, 2)
    assert view(journal_dir)["themes"][-1] == ("Tryghed", "Psykologisk klima")  # nothing yet

    done = delete_theme(journal, "Tryghed")
    assert (done.entries, done.transcripts, done.codings_removed) == (2, 1, 2)
    after = view(journal_dir)
    assert after["entries"] == {
        study["first"]: (
            ("Tavshed",),
            ((),),
            (("vi står sammen", ("Fællesskab",)), ("Det er", ("Tavshed",))),
        ),
        study["trashed"]: ((), (), ()),
        study["other"]: (("Tavshed",), (), ()),
    }
    assert after["transcripts"] == {study["transcript"]: (("står sammen", ("Fællesskab",)),)}
    assert after["themes"] == [
        ("Fællesskab", None),
        ("Psykologisk klima", None),
        ("Tavshed", None),
    ]
    fresh = Journal(journal_dir)
    assert fresh.theme_usage() == {"Tavshed": 2, "Fællesskab": 2}
    # The changed records moved on a revision; the untouched one did not.
    assert fresh.get_entry(study["first"]).revision == revisions["first"] + 1
    assert fresh.get_entry(study["trashed"]).revision == revisions["trashed"] + 1
    assert fresh.get_entry(study["other"]).revision == revisions["other"]
    assert fresh.transcripts.get(study["transcript"]).revision == transcript_revision + 1
    # Nothing refers to a theme the codebook lacks; the text is as it was.
    assert not [f for f in check(journal_dir) if f.level == "error"]
    assert fresh.get_entry(study["first"]).sections[0].answer == ANSWER


def test_a_theme_merged_into_the_deleted_one_goes_with_it(
    journal_dir: Path, study: dict[str, str]
) -> None:
    journal = Journal(journal_dir)
    journal.add_theme(Theme("Tryg", "safety"))
    entry = journal.add_entry(Entry(kind="memo", body="Tryg her.", themes=["Tryg", "Tavshed"]))
    journal.merge_themes("Tryg", "Tryghed")  # the entry stores Tryg's id: an alias now
    stored = journal.stored_rows("themes")
    tryg_id = next(i for i, d in stored.items() if d.get("name") == "Tryg")
    delete_theme(journal, "Tryghed")
    fresh = Journal(journal_dir)
    assert fresh.get_entry(entry.id).themes == ["Tavshed"]
    assert tryg_id not in fresh.stored_rows("themes")


def test_a_theme_with_themes_under_it_is_refused_unless_reparented(
    journal_dir: Path, study: dict[str, str]
) -> None:
    journal = Journal(journal_dir)
    journal.add_theme(Theme("Tryghed i ledergruppen", "safety", parent="Tryghed"))
    journal.add_theme(Theme("Skrøbelig tryghed", "safety", parent="Tryghed"))
    before = snapshot(journal_dir)
    with pytest.raises(ThemeHasChildrenError) as refused:
        delete_theme(journal, "Tryghed")
    assert "has 2 theme(s) under it: Skrøbelig tryghed, Tryghed i ledergruppen" in str(
        refused.value
    )
    assert "--reparent to put them under 'Psykologisk klima'" in str(refused.value)
    assert snapshot(journal_dir) == before
    delete_theme(journal, "Tryghed", reparent=True)
    assert view(journal_dir)["themes"] == [
        ("Fællesskab", None),
        ("Psykologisk klima", None),
        ("Skrøbelig tryghed", "Psykologisk klima"),
        ("Tavshed", None),
        ("Tryghed i ledergruppen", "Psykologisk klima"),
    ]
    # A child of a top theme goes to the top of its concept.
    delete_theme(journal, "Psykologisk klima", reparent=True)
    parents = dict(view(journal_dir)["themes"])  # type: ignore[arg-type]
    assert parents["Skrøbelig tryghed"] is None and parents["Tryghed i ledergruppen"] is None


# -- all or nothing ---------------------------------------------------------------------------


def test_a_delete_failing_part_way_leaves_the_journal_as_it_was(
    journal_dir: Path, study: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = view(journal_dir)
    real = Journal.replace_table
    calls = {"n": 0}

    def fail_on_the_third(self: Journal, path: Path, table: str, rows: dict) -> bool:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(self, path, table, rows)

    monkeypatch.setattr(Journal, "replace_table", fail_on_the_third)
    with pytest.raises(OSError):
        delete_theme(Journal(journal_dir), "Tryghed")
    monkeypatch.undo()
    # The codebook, the entries' shards and the transcript's (three files or more):
    # two were written when the disk filled.
    assert calls["n"] == 3
    assert view(journal_dir) == before
    assert not intent.intent_path(journal_dir).exists()
    delete_theme(Journal(journal_dir), "Tryghed")  # and it can be run again
    assert "Tryghed" not in [name for name, _ in view(journal_dir)["themes"]]  # type: ignore[union-attr]


def test_a_delete_killed_part_way_is_undone_by_the_next_open(
    journal_dir: Path, study: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = view(journal_dir)
    real = Journal.replace_table
    calls = {"n": 0}

    class Killed(BaseException):
        pass

    def die_after_two(self: Journal, path: Path, table: str, rows: dict) -> bool:
        calls["n"] += 1
        if calls["n"] > 2:
            raise Killed
        return real(self, path, table, rows)

    def no_recovery(journal: Journal, payload: dict) -> str:
        raise RuntimeError("the process is dead: nothing runs")

    monkeypatch.setattr(Journal, "replace_table", die_after_two)
    monkeypatch.setitem(intent._RECOVERIES, batch.OPERATION, no_recovery)
    with pytest.raises(Killed):
        delete_theme(Journal(journal_dir), "Tryghed")
    monkeypatch.undo()
    assert intent.intent_path(journal_dir).exists()
    reopened = Journal(journal_dir)
    assert reopened.recovered and "put back" in reopened.recovered
    assert view(journal_dir) == before
    assert not intent.intent_path(journal_dir).exists()


# -- the command line -----------------------------------------------------------------------------


def run(root: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation(input=input) as (out, err, _):
        try:
            main(["--journal", str(root), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def test_theme_delete_asks_on_a_terminal_and_needs_yes_elsewhere(
    journal_dir: Path, study: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(journal_dir)
    code, _, err = run(journal_dir, "theme", "delete", "Tryghed")
    assert code == 2
    assert err == (
        "eftertanke: error: deleting theme Tryghed touches 2 entries and 1 transcript "
        "and removes 2 coded passages; not on a terminal, so pass --yes to do it\n"
    )
    monkeypatch.setattr("eftertanke.privacy.passphrase.stdin_is_terminal", lambda: True)
    code, _, err = run(journal_dir, "--lang", "da", "theme", "delete", "Tryghed", input="n\n")
    assert code == 1
    assert err.startswith(
        "Slet tema Tryghed? Det fjernes fra 2 indlæg og 1 transskription og fra 3 kodede "
        "passager; de, der ikke har andre temaer, forsvinder (2)."
    )
    assert snapshot(journal_dir) == before
    code, out, err = run(journal_dir, "theme", "delete", "Tryghed", input="y\n")
    assert code == 0, err
    assert out == (
        "Deleted theme Tryghed: 2 entries and 1 transcript updated, 2 coded passages removed.\n"
    )
    code, _, err = run(journal_dir, "theme", "delete", "Tryghed", "--yes")
    assert code == 1 and "unknown theme 'Tryghed'" in err


def test_theme_delete_with_yes_names_the_children_it_refuses(
    journal_dir: Path, study: dict
) -> None:
    code, _, err = run(journal_dir, "theme", "delete", "Psykologisk klima", "--yes")
    assert code == 1 and "has 1 theme(s) under it: Tryghed" in err and err.count("\n") == 1
    code, out, _ = run(journal_dir, "theme", "delete", "Psykologisk klima", "--yes", "--reparent")
    assert code == 0
    assert out.startswith("Deleted theme Psykologisk klima: 0 entries and 0 transcripts")


# -- merging recodes through the alias ---------------------------------------------------------------


def test_merging_recodes_codings_of_entries_and_transcripts_without_repeats(
    journal_dir: Path, study: dict[str, str]
) -> None:
    journal = Journal(journal_dir)
    journal.merge_themes("Fællesskab", "Tryghed")
    fresh = Journal(journal_dir)
    first = fresh.get_entry(study["first"])
    # "vi står sammen" had Tryghed and Fællesskab: one Tryghed now.
    assert [(c.quote, c.themes) for c in first.codings] == [
        ("trygt at sige fra", ["Tryghed"]),
        ("vi står sammen", ["Tryghed"]),
        ("Det er", ["Tavshed"]),
    ]
    transcript = fresh.transcripts.get(study["transcript"])
    assert [(c.quote, c.themes) for c in transcript.codings] == [
        ("trygt", ["Tryghed"]),
        ("står sammen", ["Tryghed"]),
    ]
    # On disk the coding still names Fællesskab's id: the alias does the reading.
    stored = fresh.stored_shard(layout.transcript_path(journal_dir, study["transcript"]))
    alias = next(i for i, d in fresh.stored_rows("themes").items() if d.get("name") == "Fællesskab")
    assert stored[study["transcript"]]["codings"][1]["themes"] == [alias]
    listed = [p.coding.quote for p in codings.coded_passages(fresh, theme="Tryghed")]
    assert listed == ["trygt at sige fra", "vi står sammen", "trygt", "står sammen"]
