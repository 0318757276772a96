"""The guided session model: walk, draft, resume, finish."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from eftertanke.domain import Entry
from eftertanke.guided import DraftError, GuidedError, GuidedSession, themes_in_answer
from eftertanke.packs import load_builtin_packs, parse_pack

CPH = timezone(timedelta(hours=2))
ENDED = datetime(2025, 3, 4, 10, 30, tzinfo=CPH)


@pytest.fixture(scope="module")
def packs():
    return load_builtin_packs()


def test_full_post_interview_session_with_crash_and_resume(packs, tmp_path: Path) -> None:
    session = GuidedSession.start(
        packs["post-interview"],
        language="da",
        interview="I03",
        interview_ended=ENDED,
        started=ENDED + timedelta(minutes=2),
    )
    assert session.current.id == "impressions"
    assert session.question() == "Hvad er dine umiddelbare indtryk af samtalen?"

    # A required prompt cannot be skipped or passed unanswered.
    with pytest.raises(GuidedError, match="cannot be skipped"):
        session.skip()
    with pytest.raises(GuidedError, match="needs an answer"):
        session.forward()
    assert session.position == 0

    session.answer("Rolig samtale, men tydelig træthed. #farlig_tavshed")
    session.answer("Jeg blev rørt.")
    assert session.current.id == "analysis"
    assert session.back()
    assert session.current.id == "emotions"
    assert session.answer_of("emotions") == "Jeg blev rørt."  # going back keeps it
    session.mark_added_later()  # what follows came later, from memory
    session.answer("Jeg blev rørt.\nOg senere: vreden.", advance=False)
    session.forward()
    session.skip()  # analysis
    assert session.skipped == ["analysis"]
    session.answer("Energi fra at lykkes sammen med medarbejderne.")  # q-drive
    session.skip()  # q-frames
    session.answer("Tryg i den nære ledergruppe, ikke i store fora.")  # q-safety
    assert session.current.id == "q-wellbeing"
    session.add_theme("Autonomi som metodefrihed")
    session.add_excerpt("9.45", "Vi lykkes sammen, eller også gør vi ikke.", ["At lykkes sammen"])

    # The process dies here; the caller had saved the draft with orjson.
    draft_file = tmp_path / "draft.json"
    draft_file.write_bytes(orjson.dumps(session.to_draft()))
    json.dumps(session.to_draft())  # plain json can write it too
    del session

    resumed = GuidedSession.from_draft(orjson.loads(draft_file.read_bytes()), packs)
    assert resumed.current.id == "q-wellbeing"
    assert resumed.answer_of("q-drive").startswith("Energi")
    assert resumed.answers["emotions"].added_later
    assert resumed.later_parts("emotions") == ("Jeg blev rørt.", "\nOg senere: vreden.")
    assert resumed.interview == "I03" and resumed.interview_ended == ENDED
    assert resumed.excerpts[0].reference == "(I03, 9.45)"

    # Switching language mid-session keeps the answers; the questions follow.
    resumed.set_language("en")
    assert resumed.question() == packs["post-interview"].prompt("q-wellbeing").question.en
    assert resumed.answer_of("impressions").startswith("Rolig samtale")
    resumed.skip()  # q-wellbeing
    resumed.answer("My summaries may have steered the answers on safety.")  # own-role
    resumed.go_to("first-themes")
    resumed.answer(
        "- Fællesskab og dets skyggesider (pres, eksklusion)\n"
        "safety: dangerous silence, room for reflection\n"
        "struktur som fundament"
    )
    assert resumed.at_end and resumed.current is None

    finished = ENDED + timedelta(minutes=17, seconds=40)
    entry = resumed.finish(author="anna", finished=finished)
    assert isinstance(entry, Entry)
    entry.validate()
    assert entry.kind == "interview"
    assert entry.pack == "post-interview"
    assert entry.interview == "I03"
    assert entry.language == "en"
    assert entry.author == "anna" and entry.updated_by == "anna"
    assert entry.title == "Reflection after interview I03"
    assert entry.created == ENDED + timedelta(minutes=2)
    assert entry.updated == finished
    assert entry.written_after_minutes == 17
    assert [s.prompt_id for s in entry.sections] == [
        "impressions",
        "emotions",
        "q-drive",
        "q-safety",
        "own-role",
        "first-themes",
    ]
    by_id = {s.prompt_id: s for s in entry.sections}
    assert by_id["q-drive"].prompt_text == packs["post-interview"].prompt("q-drive").question.en
    assert by_id["q-drive"].concept == "drive"
    assert by_id["q-drive"].orientation == "respondent"
    assert by_id["own-role"].orientation == "method" and by_id["own-role"].concept is None
    assert by_id["emotions"].added_later and not by_id["impressions"].added_later
    assert by_id["emotions"].later_parts() == ("Jeg blev rørt.\n\n", "Og senere: vreden.")
    assert by_id["impressions"].answer == "Rolig samtale, men tydelig træthed. #farlig_tavshed"
    assert entry.themes == [
        "Autonomi som metodefrihed",
        "farlig tavshed",
        "Fællesskab og dets skyggesider (pres, eksklusion)",
        "dangerous silence",
        "room for reflection",
        "struktur som fundament",
    ]
    # Prompts give drive and safety; the starter codebook and the concept
    # prefix add the rest (Fællesskab: drive; struktur: wellbeing).
    assert entry.concepts == ["drive", "safety", "wellbeing"]
    assert entry.excerpts[0].themes == ["At lykkes sammen"]
    assert entry.ratings == {}
    assert Entry.from_dict(orjson.loads(orjson.dumps(entry.to_dict()))) == entry


def test_daily_session_ratings_and_kind(packs) -> None:
    session = GuidedSession.start(packs["daily"], language="en")
    assert session.interview is None
    session.answer("A good talk with the team.")
    for value, key in enumerate(("energy", "demands", "resources", "safety", "wellbeing"), 1):
        session.set_rating(key, value)
    with pytest.raises(GuidedError, match="from 1 to 5"):
        session.set_rating("energy", 6)
    with pytest.raises(GuidedError, match="whole number"):
        session.set_rating("energy", True)
    with pytest.raises(GuidedError, match="no rating 'mood'"):
        session.set_rating("mood", 3)
    session.set_rating("safety", None)
    with pytest.raises(GuidedError, match="needs an interview"):
        session.add_excerpt("1.00", "quote")
    entry = session.finish()
    assert entry.kind == "daily" and entry.pack == "daily"
    assert entry.ratings == {"energy": 1, "demands": 2, "resources": 3, "wellbeing": 5}
    assert entry.concepts == ["drive"]
    assert entry.written_after_minutes is None
    assert entry.title == ""


def test_ratings_alone_make_a_daily_entry_but_nothing_is_an_error(packs) -> None:
    session = GuidedSession.start(packs["daily"])
    with pytest.raises(GuidedError, match="empty"):
        session.finish()
    session.set_rating("wellbeing", 4)
    assert session.finish().ratings == {"wellbeing": 4}


def test_weekly_review_is_a_memo(packs) -> None:
    session = GuidedSession.start(packs["weekly-review"], language="da")
    session.answer("Mandage tager energi. #mandage")
    entry = session.finish()
    assert entry.kind == "memo" and entry.pack == "weekly-review"
    assert entry.title == "Ugens tilbageblik"
    assert entry.themes == ["mandage"]


def test_empty_answer_on_required_prompt_is_refused(packs) -> None:
    session = GuidedSession.start(packs["memo"])
    with pytest.raises(GuidedError):
        session.answer("   ")
    assert session.position == 0
    session.answer("Idé")
    session.answer("")  # optional: an empty answer skips
    assert session.skipped == ["memo-concept"]


def test_skip_keeps_an_answer_written_earlier(packs) -> None:
    session = GuidedSession.start(packs["memo"])
    session.answer("Idé")
    session.answer("Rammer", advance=False)
    session.skip()
    assert session.answer_of("memo-concept") == "Rammer"
    assert "memo-concept" not in session.skipped


def test_written_after_minutes_is_none_when_the_end_time_is_after_finishing(packs) -> None:
    session = GuidedSession.start(packs["memo"], interview="I01", interview_ended=ENDED)
    session.answer("x")
    entry = session.finish(finished=ENDED - timedelta(minutes=5))
    assert entry.written_after_minutes is None
    assert entry.kind == "memo" and entry.interview == "I01"


def test_naive_end_time_and_unknown_language_are_refused(packs) -> None:
    with pytest.raises(GuidedError, match="time zone"):
        GuidedSession.start(packs["memo"], interview_ended=datetime(2025, 1, 1))
    with pytest.raises(GuidedError, match="unknown language"):
        GuidedSession.start(packs["memo"], language="sv")
    session = GuidedSession.start(packs["memo"])
    with pytest.raises(GuidedError):
        session.set_language("de")
    assert session.language == "da"


def test_draft_of_unknown_pack_or_garbage_is_refused(packs) -> None:
    draft = GuidedSession.start(packs["memo"]).to_draft()
    draft["pack"]["id"] = "gone"
    with pytest.raises(DraftError, match="'gone' is not available"):
        GuidedSession.from_draft(draft, packs)
    with pytest.raises(DraftError):
        GuidedSession.from_draft({"hello": 1}, packs)
    broken = GuidedSession.start(packs["memo"]).to_draft()
    broken["answers"] = [{"text": "no prompt id"}]
    with pytest.raises(DraftError, match="damaged"):
        GuidedSession.from_draft(broken, packs)


def test_resume_with_a_newer_pack_keeps_answers_to_dropped_prompts(packs) -> None:
    session = GuidedSession.start(packs["memo"], language="en")
    session.answer("Main idea")
    session.answer("About frames")
    draft = session.to_draft()
    smaller = parse_pack(
        'id = "memo"\nversion = 2\nkind = "memo"\ntitle.da = "M"\ntitle.en = "M"\n'
        '[[prompts]]\nid = "memo"\norientation = "method"\n'
        'question.da = "Hvad?"\nquestion.en = "What?"\n',
        "memo.toml",
    )
    resumed = GuidedSession.from_draft(draft, {"memo": smaller})
    assert resumed.position == 1 and resumed.at_end
    entry = resumed.finish()
    assert [(s.prompt_id, s.answer) for s in entry.sections] == [
        ("memo", "Main idea"),
        ("memo-concept", "About frames"),
    ]
    assert entry.sections[1].prompt_text == packs["memo"].prompt("memo-concept").question.en


def test_marking_an_empty_answer_marks_all_that_is_written_after(packs) -> None:
    session = GuidedSession.start(packs["memo"])
    session.mark_added_later()
    session.answer("Alt dette kom senere.", advance=False)
    assert session.later_parts(session.current.id) == ("", "Alt dette kom senere.")
    section = session.finish().sections[0]
    assert section.added_later and section.added_later_from is None
    assert section.to_dict()["added_later"] is True and "added_later_from" not in section.to_dict()


def test_theme_rule() -> None:
    text = (
        "1. Ansvar som tung byrde\n"
        "tryghed: farlig tavshed; skyggen af tryghed\n"
        "* #Pres og meningsskabelse, sparring (supervision, kollegial)\n"
        "\n"
    )
    assert themes_in_answer(text, theme_lines=True) == [
        ("Ansvar som tung byrde", None),
        ("farlig tavshed", "safety"),
        ("skyggen af tryghed", "safety"),
        ("Pres og meningsskabelse", None),
        ("sparring (supervision, kollegial)", None),
    ]
    prose = "# Overskrift\nSe #3 og #den_nære-ledergruppe, men ikke C#, a#b. #Ro"
    assert themes_in_answer(prose, theme_lines=False) == [
        ("den nære-ledergruppe", None),
        ("Ro", None),
    ]
