"""Merging whole journals that carry coded passages and transcripts: two
researchers coding the same reflection and transcript on two copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import Cli, snapshot

from eftertanke.domain import Entry, Interview, Section, Theme
from eftertanke.services import coding as codings
from eftertanke.services.merge import conflict_copies, keep_version, merge_journal
from eftertanke.store import layout
from eftertanke.store.doctor import check
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

ANSWER = "Hun talte frit i den lille gruppe. I det store netværk tav hun."
TURNS = [
    Turn("Mette", "Hvad giver dig energi som leder?", 583.0),
    Turn("Leder", "Når vi lykkes sammen, hele holdet.", 585.0),
    Turn("Mette", "Og i det store ledernetværk?", 1040.0),
    Turn("Leder", "Der siger jeg ikke så meget.", 1045.0),
]


def start(path: Path) -> tuple[str, str]:
    """The journal both researchers copy: an interview, its transcript, a reflection."""
    journal = Journal(path, author="mette")
    for name, concept in (("Tryghed", "safety"), ("Tavshed", "safety"), ("Fællesskab", "drive")):
        journal.add_theme(Theme(name, concept))
    journal.add_interview(Interview("I01", role="leder", interviewer="Mette"))
    entry = journal.add_entry(
        Entry(
            kind="interview",
            interview="I01",
            sections=[Section("q-safety", "Tryghed?", ANSWER, concept="safety")],
        )
    )
    transcript = journal.transcripts.add(
        Transcript("I01", list(TURNS), interviewers=["Mette"], format="vtt")
    )
    return entry.id, transcript.id


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, str, str]:
    mette_path, jonas_path = tmp_path / "mette", tmp_path / "jonas"
    entry_id, transcript_id = start(mette_path)
    shutil.copytree(mette_path, jonas_path)
    mette, jonas = Journal(mette_path, author="mette"), Journal(jonas_path, author="jonas")
    codings.code_phrase(
        mette, codings.ENTRY, entry_id, "talte frit i den lille gruppe", ["Tryghed"]
    )
    codings.code_phrase(mette, codings.TRANSCRIPT, transcript_id, "lykkes sammen", ["Fællesskab"])
    codings.code_phrase(jonas, codings.ENTRY, entry_id, "I det store netværk tav hun", ["Tavshed"])
    codings.code_phrase(jonas, codings.TRANSCRIPT, transcript_id, "ikke så meget", ["Tavshed"])
    return mette_path, jonas_path, entry_id, transcript_id


def coded(journal: Journal) -> list[tuple[str, str, tuple[str, ...]]]:
    return sorted(
        (p.owner_kind, p.coding.quote, tuple(p.coding.themes))
        for p in codings.coded_passages(journal)
    )


EXPECTED = [
    ("entry", "I det store netværk tav hun", ("Tavshed",)),
    ("entry", "talte frit i den lille gruppe", ("Tryghed",)),
    ("transcript", "ikke så meget", ("Tavshed",)),
    ("transcript", "lykkes sammen", ("Fællesskab",)),
]


def test_both_researchers_keep_their_codings_without_a_conflict_copy(
    pair: tuple[Path, Path, str, str],
) -> None:
    mette_path, jonas_path, entry_id, _ = pair
    mette = Journal(mette_path, author="mette")
    report = merge_journal(mette, Journal(jonas_path))
    assert report.updated == [entry_id] and report.conflicts == []
    assert report.transcripts_updated == ["I01"] and report.transcripts_set_aside == []
    assert coded(mette) == EXPECTED
    assert conflict_copies(mette) == []
    assert not [f for f in check(mette_path) if f.level != "info"]
    # Again: nothing changes; the other way round: the same passages.
    before = snapshot(mette_path)
    assert not merge_journal(Journal(mette_path), Journal(jonas_path)).changed
    assert snapshot(mette_path) == before
    merge_journal(Journal(jonas_path), Journal(mette_path))
    assert coded(Journal(jonas_path)) == EXPECTED
    assert not merge_journal(Journal(mette_path), Journal(jonas_path)).changed


def test_a_new_transcript_arrives_with_its_interview(tmp_path: Path) -> None:
    start(tmp_path / "with")
    empty = Journal(tmp_path / "empty", author="jonas")
    report = merge_journal(empty, Journal(tmp_path / "with"))
    assert report.transcripts_added == ["I01"] and report.interviews_added == ["I01"]
    transcript = empty.transcripts.for_interview("I01")
    assert transcript is not None and [t.text for t in transcript.turns] == [t.text for t in TURNS]
    assert list((empty.root / layout.TRANSCRIPTS_DIR).glob("*.json"))


def test_turns_changed_on_both_sides_keep_the_other_words_as_a_memo(
    pair: tuple[Path, Path, str, str],
) -> None:
    mette_path, jonas_path, _, transcript_id = pair
    mette, jonas = Journal(mette_path, author="mette"), Journal(jonas_path, author="jonas")

    def correct(words: str):  # noqa: ANN202
        def change(transcript: Transcript) -> None:
            transcript.turns[1].text = words

        return change

    mette.transcripts.modify(transcript_id, correct("Når vi lykkes sammen, hele holdet!"))
    jonas.transcripts.modify(transcript_id, correct("Når vi virkelig lykkes sammen, hele holdet."))
    report = merge_journal(mette, jonas)
    (memo_id,) = report.transcripts_set_aside
    kept = mette.transcripts.get(transcript_id)
    newer = "Når vi virkelig lykkes sammen, hele holdet."  # Jonas wrote last
    assert kept.turns[1].text == newer
    assert coded(mette) == EXPECTED  # Mette's coding followed its words
    memo = mette.get_entry(memo_id)
    assert "Når vi lykkes sammen, hele holdet!" in memo.body and memo.interview is None
    assert not [f for f in check(mette_path) if f.level == "error"]
    again = merge_journal(Journal(mette_path), Journal(jonas_path))
    assert again.transcripts_set_aside == [] and not again.changed


def test_two_imports_of_one_interview_become_one_transcript(tmp_path: Path) -> None:
    mette = Journal(tmp_path / "mette", author="mette")
    jonas = Journal(tmp_path / "jonas", author="jonas")
    for journal, phrase, theme in (
        (mette, "lykkes sammen", "Fællesskab"),
        (jonas, "ikke så meget", "Tavshed"),
    ):
        journal.add_theme(Theme(theme, "safety"))
        journal.add_interview(Interview("I01", role="leder"))
        made = journal.transcripts.add(Transcript("I01", list(TURNS), interviewers=["Mette"]))
        codings.code_phrase(journal, codings.TRANSCRIPT, made.id, phrase, [theme])
    report = merge_journal(mette, jonas)
    assert len(mette.transcripts.all()) == 1
    assert sorted(p.coding.quote for p in codings.coded_passages(mette)) == [
        "ikke så meget",
        "lykkes sammen",
    ]
    assert any("had a transcript in each journal" in note for note in report.notes)
    again = merge_journal(Journal(mette.root), Journal(jonas.root))
    assert not again.changed and again.notes == []


def test_keeping_the_copys_version_keeps_the_codings(pair: tuple[Path, Path, str, str]) -> None:
    mette_path, jonas_path, entry_id, _ = pair
    mette, jonas = Journal(mette_path, author="mette"), Journal(jonas_path, author="jonas")

    def rewrite(words: str):  # noqa: ANN202
        def change(entry: Entry) -> None:
            entry.sections[0].answer = words

        return change

    mette.modify_entry(entry_id, rewrite("Kort sagt: " + ANSWER))
    jonas.modify_entry(entry_id, rewrite(ANSWER + " Det undrede mig."))
    merge_journal(mette, jonas)
    (copy,) = conflict_copies(mette)
    assert copy.codings == []
    kept = keep_version(mette, copy.id)
    assert kept.sections[0].answer == "Kort sagt: " + ANSWER
    assert [(c.quote, c.review) for c in sorted(kept.codings, key=lambda c: c.start)] == [
        ("talte frit i den lille gruppe", ""),
        ("I det store netværk tav hun", ""),
    ]


def test_the_merge_command_reports_transcripts(pair: tuple[Path, Path, str, str]) -> None:
    mette_path, jonas_path, _, _ = pair
    out = orjson.loads(Cli(mette_path).ok("merge", str(jonas_path), "--json"))
    assert out["transcripts_updated"] == ["I01"] and out["conflicts"] == []
    assert "Nothing to merge" in Cli(mette_path).ok("merge", str(jonas_path))
    assert "all files are sound" in Cli(mette_path).ok("doctor")
