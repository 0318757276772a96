"""The committed demo journal (journals/demo): valid, rich enough to show, reproducible.

Every test works on a copy: nothing here writes into the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eftertanke.domain import CONCEPTS, RATING_KEYS, TIMESTAMP_RE
from eftertanke.services import coding as codings
from eftertanke.store.journal import Journal

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "journals" / "demo"
SCRIPT = REPO / "scripts" / "make_demo_journal.py"
REGENERATE = f"regenerate it with: python {SCRIPT.relative_to(REPO)}"


def data_files(root: Path) -> dict[str, bytes]:
    """Every file the demo is made of: not backups, drafts, the lock or mirrors."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in ("backups", "drafts"):
            continue
        if path.name == ".lock" or path.name.endswith(".mirror"):
            continue
        found[rel.as_posix()] = path.read_bytes()
    return found


def generate(out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    assert (DEMO / "eftertanke.json").is_file(), f"journals/demo is missing; {REGENERATE}"
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


@pytest.fixture
def journal(demo: Path) -> Journal:
    return Journal(demo, create=False)


def test_demo_holds_only_data_files() -> None:
    names = {p.relative_to(DEMO).as_posix() for p in DEMO.rglob("*") if p.is_file()}
    stray = {n for n in names if n.endswith(".mirror") or n.startswith(("backups/", "drafts/"))}
    assert not stray, stray
    ignored = (DEMO / ".gitignore").read_text(encoding="utf-8").split()
    for pattern in (".lock", "backups/", "drafts/", "*.mirror"):
        assert pattern in ignored


def test_doctor_passes_on_a_copy(demo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(demo), "doctor"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "error" not in result.stdout


def test_doctor_says_all_sound_once_the_copy_is_private_and_opened(demo: Path) -> None:
    """A checkout leaves files readable by others and no manifest (it is this
    machine's own record); once those are put right, nothing is left to say:
    no coding outside its text, no transcript without its interview."""
    for path in [demo, *demo.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    Journal(demo, create=False).entries()  # the first open writes the manifest
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(demo), "doctor"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.splitlines() == [
        "info: 57 entries, 6 interviews, 20 themes: all files are sound"
    ], result.stdout


def test_six_interviews_on_three_levels_in_two_departments(journal: Journal) -> None:
    interviews = journal.interviews()
    assert [i.code for i in interviews] == [f"I0{n}" for n in range(1, 7)]
    assert {i.level for i in interviews} == {"assistant", "leader", "head"}
    assert len({i.organisation for i in interviews}) == 2
    assert all(i.mode == "teams" and i.date and i.duration_minutes for i in interviews)
    assert all(i.interviewer and i.consent for i in interviews)
    reflected = {e.interview for e in journal.entries() if e.kind == "interview"}
    waiting = [i for i in interviews if i.status == "done" and i.code not in reflected]
    assert len(waiting) == 1, "one interview should be awaiting its reflection"


def test_interview_reflections_follow_the_post_interview_pack(journal: Journal) -> None:
    from eftertanke.packs import load_builtin_packs

    pack = load_builtin_packs()["post-interview"]
    reflections = [e for e in journal.entries() if e.kind == "interview"]
    assert len(reflections) >= 4
    for entry in reflections:
        assert entry.pack == "post-interview" and entry.interview
        assert entry.written_after_minutes is not None
        assert entry.excerpts and entry.themes
        for section in entry.sections:
            prompt = pack.prompt(section.prompt_id)
            assert prompt is not None, section.prompt_id
            assert section.prompt_text == prompt.question.da, REGENERATE
            assert section.orientation == prompt.orientation
        for excerpt in entry.excerpts:
            assert TIMESTAMP_RE.match(excerpt.timestamp) and excerpt.themes
    assert sum(s.added_later for e in reflections for s in e.sections) >= 1


def test_six_weeks_of_daily_check_ins_with_all_ratings(journal: Journal) -> None:
    daily = [e for e in journal.entries() if e.kind == "daily"]
    assert len(daily) >= 35
    assert all(set(e.ratings) == set(RATING_KEYS) for e in daily)
    assert all(e.pack == "daily" for e in daily)
    span = (daily[-1].created - daily[0].created).days
    assert span >= 40
    wellbeing = [e.ratings["wellbeing"] for e in daily]
    assert min(wellbeing) <= 2 and max(wellbeing) >= 4, "the demo shows a hard stretch and recovery"


def test_themes_under_every_concept_with_sub_themes(journal: Journal) -> None:
    themes = journal.themes()
    assert {t.concept for t in themes} == set(CONCEPTS)
    children = [t for t in themes if t.parent]
    assert len(children) >= 2
    by_name = {t.name: t for t in themes}
    assert all(child.parent in by_name for child in children)


def test_memos_and_a_research_team(journal: Journal) -> None:
    entries = journal.entries()
    memos = [e for e in entries if e.kind == "memo"]
    assert len(memos) >= 3
    assert any(m.language == "en" for m in memos)
    assert len({e.author for e in entries}) >= 2


def test_regenerating_is_deterministic_and_matches_the_committed_demo(tmp_path: Path) -> None:
    first = data_files(generate(tmp_path / "a"))
    second = data_files(generate(tmp_path / "b"))
    assert first == second, "two runs of the generator differ"
    committed = data_files(DEMO)
    assert sorted(first) == sorted(committed), f"the demo's files differ; {REGENERATE}"
    stale = [name for name in first if first[name] != committed[name]]
    assert not stale, f"{stale} differ from the generator's output; {REGENERATE}"


def test_generator_refuses_a_folder_that_is_not_a_journal(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "mine.txt").write_text("keep me", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert (target / "mine.txt").read_text(encoding="utf-8") == "keep me"


# -- transcripts and coded passages --------------------------------------------------


def test_six_transcripts_one_per_interview_in_danish(journal: Journal) -> None:
    transcripts = journal.transcripts.all()
    assert [t.interview for t in transcripts] == [f"I0{n}" for n in range(1, 7)]
    for transcript in transcripts:
        interview = journal.get_interview(transcript.interview)
        assert transcript.language == "da" and 25 <= len(transcript.turns) <= 60
        assert transcript.interviewers == [interview.interviewer]
        assert len(transcript.speakers) == 2  # the interviewer and the respondent
        starts = [turn.start for turn in transcript.turns]
        assert all(s is not None for s in starts) and starts == sorted(starts)
        assert starts[-1] < (interview.duration_minutes or 0) * 60
        assert interview.transcript == transcript.source_file


def test_the_demo_codes_passages_of_reflections_and_transcripts(journal: Journal) -> None:
    passages = codings.coded_passages(journal)
    in_reflections = [p for p in passages if p.owner_kind == codings.ENTRY]
    in_transcripts = [p for p in passages if p.owner_kind == codings.TRANSCRIPT]
    # Counted by hand from scripts/demo_codings.py: 14 + 10 + 9 + 8 + 9 codings of
    # the five reflections' answers, 18 + 16 + 15 + 10 + 4 of the transcripts.
    assert len(in_reflections) == 50 and len(in_transcripts) == 63
    assert {p.interview for p in in_transcripts} == {"I01", "I02", "I03", "I04", "I05"}
    assert sum(1 for p in passages if p.coding.memo) >= 10
    assert {p.coding.author for p in passages} == {"Mette", "Jonas"}
    assert any(not p.respondent for p in in_transcripts)  # the interviewer's own words, too
    for code in ("I01", "I02", "I03", "I04", "I05"):
        mine = [p for p in in_reflections if p.interview == code]
        # Different themes on different answers, not one set on the whole entry.
        assert len({p.coding.section for p in mine}) >= 4
        assert len({t for p in mine for t in p.coding.themes}) >= 6


def test_some_codings_overlap_so_co_occurrence_shows_something(journal: Journal) -> None:
    overlapping = set()
    passages = codings.coded_passages(journal)
    for a in passages:
        for b in passages:
            same_source = (a.owner, a.coding.section) == (b.owner, b.coding.section)
            if a is not b and same_source and a.coding.overlaps(b.coding):
                overlapping.add(frozenset((*a.coding.themes, *b.coding.themes)))
    assert frozenset({"Autonomi som metodefrihed", "Struktur som fundament"}) in overlapping
    assert (
        frozenset({"Skrøbelig tryghed i store fora", "Kompetence mellem sikkerhed og tvivl"})
        in overlapping
    )
    assert len(overlapping) >= 8


def test_a_coded_passage_holds_the_words_at_its_offsets(journal: Journal) -> None:
    transcripts = {t.id: t for t in journal.transcripts.all()}
    for passage in codings.coded_passages(journal):
        coding = passage.coding
        if passage.owner_kind == codings.TRANSCRIPT:
            text = transcripts[passage.owner].text
        else:
            text = journal.get_entry(passage.owner).source_text(coding.source, coding.section)
        assert text is not None and text[coding.start : coding.end] == coding.quote
        assert coding.review == "" and coding.quote.strip() == coding.quote
    transcript = journal.transcripts.for_interview("I03")
    assert transcript is not None
    (silence,) = [c for c in transcript.codings if c.quote.startswith("Det var jo ikke")]
    turn = transcript.turns[transcript.turn_at(silence.start)]
    assert (turn.speaker, turn.start) == ("Afdelingschef", 18 * 60 + 24.0)


def test_every_quote_a_reflection_cites_links_to_its_transcript_turn(journal: Journal) -> None:
    from eftertanke.services.quote_links import links_for_entry

    cited = [e for e in journal.entries() if e.excerpts or e.kind == "interview"]
    links = [link for entry in cited for link in links_for_entry(journal, entry)]
    assert len(links) >= 30
    assert [(link.quote.line, link.reason) for link in links if not link.matched] == []
    for link in links:
        assert link.quote.seconds is not None and link.at is not None
        assert abs(link.at - link.quote.seconds) <= 90  # the turn at the time cited
