"""Merging coded passages and transcripts: the rules on stored dicts, each
result written out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from eftertanke.domain import Coding, Entry, Section
from eftertanke.services.merge import (
    conflict_copy_id,
    fold_transcripts,
    merge_entries,
    merge_file_data,
    merge_transcripts,
    transcript_aside_entry,
)
from eftertanke.services.merge.codings import join_memos, merge_codings, transcript_text
from eftertanke.transcript import Transcript, Turn

CPH = timezone(timedelta(hours=1))
T0 = datetime(2026, 3, 10, 11, 0, tzinfo=CPH)
ENTRY = "5a5a5a5a-2222-4222-8222-000000000001"
TRANSCRIPT = "7b7b7b7b-2222-4222-8222-000000000002"
OTHER_TRANSCRIPT = "8c8c8c8c-2222-4222-8222-000000000003"
INTERVIEW = "9d9d9d9d-2222-4222-8222-000000000004"
ANSWER = "Hun talte frit i den lille gruppe. I det store netværk tav hun."
ANNA_CODING = "a0000000-0000-4000-8000-00000000000a"
BEN_CODING = "b0000000-0000-4000-8000-00000000000b"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def coding(
    text: str, phrase: str, coded: list[str], ident: str, minutes: int, **extra: object
) -> dict:
    start = text.index(phrase)
    made = Coding.of(text, start, start + len(phrase), coded, source="section", section="q")
    made.id = ident
    made.created = made.updated = at(minutes)
    return {**made.to_dict(), **extra}


def reflection(answer: str, codings: list[dict], minutes: int, by: str = "anna") -> dict:
    return Entry(
        id=ENTRY,
        kind="interview",
        sections=[Section("q", "Hvordan var trygheden?", answer)],
        author="anna",
        updated_by=by,
        created=T0,
        updated=at(minutes),
    ).to_dict() | {"codings": codings}


def small_group(minutes: int = 10, **extra: object) -> dict:
    return coding(
        ANSWER, "talte frit i den lille gruppe", ["Tryghed"], ANNA_CODING, minutes, **extra
    )


def big_network(minutes: int = 20, **extra: object) -> dict:
    return coding(ANSWER, "I det store netværk tav hun", ["Tavshed"], BEN_CODING, minutes, **extra)


# -- codings inside an entry -----------------------------------------------------------


def test_two_researchers_coding_the_same_text_keep_both_codings_without_a_copy() -> None:
    anna = reflection(ANSWER, [small_group()], 10)
    ben = reflection(ANSWER, [big_network()], 20, by="ben")
    merged = merge_entries({ENTRY: anna}, {ENTRY: ben})
    # The newer version's bookkeeping, both codings in reading order, no copy.
    assert merged.rows == {ENTRY: {**ben, "codings": [small_group(), big_network()]}}
    assert merged.conflicts == [] and merged.updated == [ENTRY]
    assert merge_entries({ENTRY: ben}, {ENTRY: anna}).rows == merged.rows
    again = merge_entries(merged.rows, {ENTRY: anna})
    assert again.rows == merged.rows and not again.changed_from(merged.rows)


def test_a_coding_changed_on_both_sides_keeps_the_newer_themes_and_both_memos() -> None:
    anna = reflection(
        ANSWER, [small_group(30, themes=["Tryghed", "Ledergruppe"], memo="Anna: nær gruppe.")], 30
    )
    ben = reflection(
        ANSWER, [small_group(40, themes=["Fællesskab"], memo="Ben: se I01.")], 40, by="ben"
    )
    merged = merge_entries({ENTRY: anna}, {ENTRY: ben})
    (kept,) = merged.rows[ENTRY]["codings"]
    assert kept["themes"] == ["Fællesskab"]
    assert kept["memo"] == "Ben: se I01.\n\nAnna: nær gruppe."
    assert kept["updated"] == at(40).isoformat()
    assert merged.conflicts == []
    assert merged.notes == [
        f"entry {ENTRY[:8]}: coding {ANNA_CODING[:8]} was changed on both sides: kept the "
        "newer themes (Fællesskab); this side had Tryghed, Ledergruppe"
    ]
    # Symmetric, and merging the result with either side changes nothing.
    assert merge_entries({ENTRY: ben}, {ENTRY: anna}).rows == merged.rows
    for side in (anna, ben):
        assert merge_entries(merged.rows, {ENTRY: side}).rows == merged.rows


def test_memos_are_joined_only_when_neither_holds_the_other() -> None:
    assert join_memos("Ny tanke.", "") == "Ny tanke."
    assert join_memos("Første. Og mere.", "Første.") == "Første. Og mere."
    assert join_memos("Første.", "Første. Og mere.") == "Første. Og mere."
    assert join_memos("B", "A") == "B\n\nA"


def test_edited_text_and_a_new_coding_on_the_other_side_two_ways() -> None:
    # Anna codes the old text at 10; Ben rewrites the answer at 20.
    edited = "Kort sagt: Hun talte frit i den lille gruppe. Resten husker jeg ikke."
    anna = reflection(ANSWER, [small_group(), big_network(10)], 10)
    ben = reflection(edited, [], 20, by="ben")
    merged = merge_entries({ENTRY: anna}, {ENTRY: ben})
    copy_id = conflict_copy_id(ENTRY, anna)
    kept = merged.rows[ENTRY]
    assert kept["sections"][0]["answer"] == edited
    follows, gone = kept["codings"]
    # The first coding follows its words 11 characters on; the second's words
    # were edited away: kept, at its words, flagged for review.
    assert edited[follows["start"] : follows["end"]] == "talte frit i den lille gruppe"
    assert follows["review"] == ""
    assert gone["quote"] == "I det store netværk tav hun" and gone["review"]
    # The old words are kept as a conflict copy, without codings (they are on the entry).
    assert merged.rows[copy_id]["codings"] == []
    assert merged.rows[copy_id]["sections"][0]["answer"] == ANSWER
    assert merged.conflicts == [copy_id]
    assert merge_entries({ENTRY: ben}, {ENTRY: anna}).rows == merged.rows


def test_a_coding_added_later_does_not_make_a_second_conflict_copy() -> None:
    anna = reflection("Annas tekst om trygheden.", [], 10)
    ben = reflection(ANSWER, [], 20, by="ben")
    once = merge_entries({ENTRY: ben}, {ENTRY: anna}).rows
    anna_coded = reflection("Annas tekst om trygheden.", [
        coding("Annas tekst om trygheden.", "trygheden", ["Tryghed"], ANNA_CODING, 15)
    ], 15)  # fmt: skip
    twice = merge_entries(once, {ENTRY: anna_coded})
    assert sorted(twice.rows) == sorted(once)  # the same copy, no second one
    assert [c["id"] for c in twice.rows[ENTRY]["codings"]] == [ANNA_CODING]
    assert twice.rows[ENTRY]["codings"][0]["review"]  # its words are only in the copy


def test_three_way_text_edited_on_one_side_codings_on_the_other_needs_no_copy() -> None:
    base = reflection(ANSWER, [small_group()], 10)
    edited = "Kort sagt: " + ANSWER
    anna = reflection(edited, [small_group()], 30)  # Anna edits (her coding moves along)
    anna["codings"] = [
        coding(edited, "talte frit i den lille gruppe", ["Tryghed"], ANNA_CODING, 10)
    ]
    ben = reflection(ANSWER, [small_group(), big_network()], 20, by="ben")  # Ben codes
    merged = merge_entries({ENTRY: anna}, {ENTRY: ben}, base={ENTRY: base})
    kept = merged.rows[ENTRY]
    assert list(merged.rows) == [ENTRY] and merged.conflicts == []
    assert kept["sections"][0]["answer"] == edited
    assert [edited[c["start"] : c["end"]] for c in kept["codings"]] == [
        "talte frit i den lille gruppe",
        "I det store netværk tav hun",
    ]
    # Ben's change (codings) is the older one here; the words are Anna's, the time hers.
    assert kept["updated"] == at(30).isoformat()


def test_three_way_a_removed_coding_stays_removed_a_changed_one_comes_back() -> None:
    base = reflection(ANSWER, [small_group(), big_network()], 20)
    anna = reflection(ANSWER, [big_network()], 30)  # Anna removes her coding
    ben = reflection(ANSWER, [small_group(), big_network(35, memo="Vigtigt.")], 35, by="ben")
    merged = merge_entries({ENTRY: anna}, {ENTRY: ben}, base={ENTRY: base})
    assert merged.rows[ENTRY]["codings"] == [big_network(35, memo="Vigtigt.")]
    # Removed on one side but changed on the other: the change is kept.
    anna = reflection(ANSWER, [small_group()], 30)  # Anna removes Ben's coding
    merged = merge_entries({ENTRY: anna}, {ENTRY: ben}, base={ENTRY: base})
    assert merged.rows[ENTRY]["codings"] == [small_group(), big_network(35, memo="Vigtigt.")]


def test_merge_codings_keeps_a_sides_order_when_it_is_the_result() -> None:
    first, second = big_network(), small_group()  # not in reading order
    result = merge_codings([first, second], [second])
    assert result.codings == [first, second]


# -- transcripts ----------------------------------------------------------------------

TURNS = [
    Turn("Mette", "Hvad giver dig energi som leder?", 583.0),
    Turn("Leder", "Når vi lykkes sammen, hele holdet.", 585.0),
    Turn("Mette", "Og i det store ledernetværk?", 1040.0),
    Turn("Leder", "Der siger jeg ikke så meget.", 1045.0),
]


def transcript(
    turns: list[Turn], codings: list[dict], minutes: int, ident: str = TRANSCRIPT, by: str = "anna"
) -> dict:
    return Transcript(
        interview=INTERVIEW,
        turns=list(turns),
        interviewers=["Mette"],
        format="vtt",
        id=ident,
        created=T0,
        updated=at(minutes),
        created_by="anna",
        updated_by=by,
    ).to_dict() | {"codings": codings}


def turn_coding(
    turns: list[Turn], phrase: str, themes: list[str], ident: str, minutes: int
) -> dict:
    text = Transcript(interview="x", turns=list(turns)).text
    start = text.index(phrase)
    made = Coding.of(text, start, start + len(phrase), themes, source="transcript")
    made.id = ident
    made.created = made.updated = at(minutes)
    return made.to_dict()


def test_transcript_codings_from_both_sides_are_kept() -> None:
    anna_c = turn_coding(TURNS, "Når vi lykkes sammen", ["At lykkes sammen"], ANNA_CODING, 10)
    ben_c = turn_coding(TURNS, "Der siger jeg ikke så meget", ["Tavshed"], BEN_CODING, 20)
    anna = transcript(TURNS, [anna_c], 10)
    ben = transcript(TURNS, [ben_c], 20, by="ben")
    merged = merge_transcripts({TRANSCRIPT: anna}, {TRANSCRIPT: ben})
    assert merged.rows == {TRANSCRIPT: {**ben, "codings": [anna_c, ben_c]}}
    assert merged.set_aside == {} and merged.updated == [TRANSCRIPT]
    assert merge_transcripts({TRANSCRIPT: ben}, {TRANSCRIPT: anna}).rows == merged.rows


def test_a_new_transcript_arrives_and_one_changed_on_one_side_takes_it() -> None:
    anna = transcript(TURNS, [], 10)
    merged = merge_transcripts({}, {TRANSCRIPT: anna})
    assert merged.rows == {TRANSCRIPT: anna} and merged.added == [TRANSCRIPT]
    recoded = transcript(TURNS, [turn_coding(TURNS, "hele holdet", ["X"], BEN_CODING, 30)], 30)
    three = merge_transcripts({TRANSCRIPT: anna}, {TRANSCRIPT: recoded}, {TRANSCRIPT: anna})
    assert three.rows == {TRANSCRIPT: recoded}
    # Removed on one side, unchanged on the other (three-way): stays removed.
    assert merge_transcripts({}, {TRANSCRIPT: anna}, {TRANSCRIPT: anna}).rows == {}


def test_turns_changed_on_both_sides_keep_the_newer_turns_and_set_the_other_aside() -> None:
    corrected = [TURNS[0], Turn("Leder", "Når vi lykkes sammen – hele holdet!", 585.0), *TURNS[2:]]
    retimed = [TURNS[0], TURNS[1], Turn("Mette", "Og i det store ledernetværk?", 1041.0), TURNS[3]]
    anna_c = turn_coding(TURNS, "Der siger jeg ikke så meget", ["Tavshed"], ANNA_CODING, 10)
    anna = transcript(retimed, [], 10)
    anna["codings"] = [
        turn_coding(retimed, "Der siger jeg ikke så meget", ["Tavshed"], ANNA_CODING, 10)
    ]
    ben = transcript(corrected, [], 20, by="ben")
    merged = merge_transcripts({TRANSCRIPT: anna}, {TRANSCRIPT: ben})
    kept = merged.rows[TRANSCRIPT]
    assert kept["turns"] == ben["turns"]
    (moved,) = kept["codings"]
    text = transcript_text(kept)
    assert text[moved["start"] : moved["end"]] == "Der siger jeg ikke så meget"
    assert moved["id"] == anna_c["id"] and not moved["review"]
    assert merged.set_aside == {TRANSCRIPT: anna}
    assert merge_transcripts({TRANSCRIPT: ben}, {TRANSCRIPT: anna}).rows == merged.rows
    memo = transcript_aside_entry(anna, "I01")
    assert memo["title"] == "Transskription I01: den anden version"
    assert "[17:21] Mette: Og i det store ledernetværk?" in memo["body"]
    assert memo["interview"] is None and memo["kind"] == "memo"
    assert transcript_aside_entry(anna, "I01") == memo  # the same memo every merge


def test_two_transcripts_of_one_interview_fold_into_the_newer() -> None:
    anna_c = turn_coding(TURNS, "Når vi lykkes sammen", ["At lykkes sammen"], ANNA_CODING, 10)
    ben_c = turn_coding(TURNS, "Der siger jeg ikke så meget", ["Tavshed"], BEN_CODING, 20)
    anna = transcript(TURNS, [anna_c], 10)
    ben = transcript(TURNS, [ben_c], 20, ident=OTHER_TRANSCRIPT, by="ben")
    folded = fold_transcripts(
        {TRANSCRIPT: anna, OTHER_TRANSCRIPT: ben}, {INTERVIEW: {"code": "I01"}}
    )
    assert folded.rows == {OTHER_TRANSCRIPT: {**ben, "codings": [anna_c, ben_c]}}
    assert folded.removed == [TRANSCRIPT] and folded.set_aside == {}  # the same turns


def test_the_git_driver_merges_transcript_shards() -> None:
    anna_c = turn_coding(TURNS, "Når vi lykkes sammen", ["At lykkes sammen"], ANNA_CODING, 10)
    ben_c = turn_coding(TURNS, "Der siger jeg ikke så meget", ["Tavshed"], BEN_CODING, 20)
    base = {"transcripts": {TRANSCRIPT: transcript(TURNS, [], 5)}}
    ours = {"transcripts": {TRANSCRIPT: transcript(TURNS, [anna_c], 10)}}
    theirs = {"transcripts": {TRANSCRIPT: transcript(TURNS, [ben_c], 20, by="ben")}}
    merged = merge_file_data(base, ours, theirs)["transcripts"][TRANSCRIPT]
    assert merged["codings"] == [anna_c, ben_c]
