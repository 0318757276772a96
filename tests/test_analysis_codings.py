"""The analysis views count coded passages: hand-built journals, counts by hand.

The journal ``five()``: one reflection on I01 whose five answers are each
coded with one theme (no theme on the entry as a whole):

=========== ============================================ ===================== ==========
prompt      answer                                       coded words           theme
=========== ============================================ ===================== ==========
q-drive     Det giver energi, når vi lykkes sammen.      når vi lykkes sammen  Lykkes (drive)
q-frames    Kalenderen er fuld fra morgen til aften.     fra morgen til aften  Tidspres (frames)
q-safety    I det store forum siger hun ingenting.       siger hun ingenting   Tavshed (safety)
q-wellbeing Sparring med chefen hjælper hende.           Sparring med chefen   Sparring (wellbeing)
own-role    Jeg spurgte ikke til hendes værdier.         hendes værdier        Værdier (frames)
=========== ============================================ ===================== ==========

Under the old entry-level rule (five themes on the entry) every theme counted
all five answers and all ten pairs co-occurred with a Jaccard of 1.00. Now each
theme has one passage and no two themes meet: each coding is in its own answer.

The transcript ``interview()`` of I01 (the interviewer is "Interviewer"):

== ======= =========== ============================================ ==========================
#  time    speaker     words                                        coded
== ======= =========== ============================================ ==========================
0  9.45    Interviewer Hvad giver dig energi som leder?             the whole turn: Lykkes
1  9.52    Leder       Det gør det, når vi lykkes sammen i gruppen. "når vi lykkes sammen": Lykkes
2  10.10   Interviewer Og når I ikke gør?                           from "Og når" in turn 2 ...
3  10.15   Leder       Så bliver jeg stille i de store fora.        ... to "stille" in turn 3: Tavshed
4  10.40   Leder       Kalenderen er fuld, og ingen spørger.        "ingen spørger": Tidspres
== ======= =========== ============================================ ==========================

So: one interviewer passage (turn 0), three respondent passages (turns 1, 2–3
touches the respondent's turn 3, and 4). Adjacent (same or next turn): 0–1
(same theme, no pair), 1 and 2–3 (Lykkes + Tavshed), 2–3 and 4 (Tavshed +
Tidspres); 0 and 2–3 are two turns apart, so they do not meet.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from eftertanke.analysis import tables
from eftertanke.analysis.coded import (
    EXCERPT,
    INTERVIEWER,
    REFLECTION,
    RESPONDENT,
    WHOLE,
    Ref,
    TranscriptLayout,
    coded_words,
    sentence_ends,
    word_positions,
)
from eftertanke.analysis.common import theme_concepts
from eftertanke.analysis.cooccurrence import theme_cooccurrence
from eftertanke.analysis.coverage import REFLECTIONS, TRANSCRIPT, concept_coverage
from eftertanke.analysis.matrix import Cell, theme_matrix
from eftertanke.analysis.render import to_csv, to_plain
from eftertanke.analysis.report import analyse_all, build_report, counting_rules
from eftertanke.domain import Coding, Entry, Excerpt, Interview, Section, Theme
from eftertanke.transcript import Transcript, Turn

CPH = timezone(timedelta(hours=1))
THEMES = [
    Theme(name="Lykkes", concept="drive"),
    Theme(name="Tidspres", concept="frames"),
    Theme(name="Værdier", concept="frames"),
    Theme(name="Tavshed", concept="safety"),
    Theme(name="Sparring", concept="wellbeing"),
]
CONCEPTS_OF = theme_concepts(THEMES)
INTERVIEWS = [Interview(code="I01", role="plejeboligchef"), Interview(code="I02")]
CODES = ["I01", "I02"]
R = "00000000-0000-4000-8000-0000000000a1"
ANSWERS = [
    ("q-drive", "Det giver energi, når vi lykkes sammen.", "når vi lykkes sammen", "Lykkes"),
    ("q-frames", "Kalenderen er fuld fra morgen til aften.", "fra morgen til aften", "Tidspres"),
    ("q-safety", "I det store forum siger hun ingenting.", "siger hun ingenting", "Tavshed"),
    ("q-wellbeing", "Sparring med chefen hjælper hende.", "Sparring med chefen", "Sparring"),
    ("own-role", "Jeg spurgte ikke til hendes værdier.", "hendes værdier", "Værdier"),
]


def code(text: str, phrase: str, themes: list[str], **where: str) -> Coding:
    start = text.index(phrase)
    return Coding.of(text, start, start + len(phrase), themes, **where)  # type: ignore[arg-type]


def reflection(*extra: Coding, excerpts: tuple[Excerpt, ...] = ()) -> Entry:
    sections = [Section(pid, pid, answer, orientation="respondent") for pid, answer, *_ in ANSWERS]
    codings = [
        code(answer, phrase, [theme], source="section", section=pid)
        for pid, answer, phrase, theme in ANSWERS
    ]
    return Entry(
        id=R,
        kind="interview",
        title="Efter I01",
        interview="I01",
        sections=sections,
        codings=[*codings, *extra],
        excerpts=list(excerpts),
        created=datetime(2026, 3, 2, 11, 0, tzinfo=CPH),
    )


def five() -> list[dict]:
    return [reflection().validate().to_dict()]


TURNS = [
    ("Interviewer", "Hvad giver dig energi som leder?", 585.0),
    ("Leder", "Det gør det, når vi lykkes sammen i gruppen.", 592.0),
    ("Interviewer", "Og når I ikke gør?", 610.0),
    ("Leder", "Så bliver jeg stille i de store fora.", 615.0),
    ("Leder", "Kalenderen er fuld, og ingen spørger.", 640.0),
]
T = "00000000-0000-4000-8000-0000000000f1"


def interview(code_to: str = "I01") -> dict:
    transcript = Transcript(
        id=T,
        interview=code_to,
        turns=[Turn(speaker, text, start) for speaker, text, start in TURNS],
        interviewers=["Interviewer"],
    )
    text = transcript.text
    span_start = text.index("Og når I ikke gør?")
    span_end = text.index("stille") + len("stille")
    spanning = Coding.of(text, span_start, span_end, ["Tavshed"], source="transcript")
    transcript.codings = [
        code(text, "Hvad giver dig energi som leder?", ["Lykkes"], source="transcript"),
        code(text, "når vi lykkes sammen", ["Lykkes"], source="transcript"),
        spanning,
        code(text, "ingen spørger", ["Tidspres"], source="transcript"),
    ]
    return transcript.validate().to_dict()


def cell(matrix, theme: str, interview_code: str = "I01") -> dict[str, int]:  # type: ignore[no-untyped-def]
    return matrix.cell(theme, interview_code).to_json()


def only(**counts: int) -> dict[str, int]:
    return {**Cell().to_json(), **counts}


def row_of(table: str, theme: str) -> list[str]:
    """A table row's cells, from the plain text table (columns are two spaces apart)."""
    line = next(ln for ln in table.splitlines() if ln.strip().startswith(theme + "  "))
    return re.split(r"\s{2,}", line.strip())


# -- the must-show journal: five themes on five answers --------------------------------


def test_five_themes_on_five_answers_give_each_theme_one_passage() -> None:
    m = theme_matrix(five(), CONCEPTS_OF, CODES)
    assert m.themes == ["Lykkes", "Tidspres", "Værdier", "Tavshed", "Sparring"]
    for theme in m.themes:
        assert cell(m, theme) == only(reflection=1), theme
    assert m.concept_cell("frames", "I01").to_json() == only(reflection=2)  # Tidspres, Værdier
    assert m.total_cell("I01").to_json() == only(reflection=5)
    assert m.total_cell().to_json() == only(reflection=5)
    (ref,) = m.items("Tavshed", "I01")
    assert ref.owner == R and ref.kind == REFLECTION and ref.coding
    # the respondent's words / the researcher's own: nothing is the respondent's
    assert row_of(to_plain(tables.matrix_table(m, "en")), "Tavshed") == [
        "Tavshed",
        "0/1",
        "·",
        "0/1",
    ]


def test_five_answers_do_not_co_occur() -> None:
    result = theme_cooccurrence(five())
    assert result.units == 5
    assert result.pairs == []


def test_themes_co_occur_only_where_codings_overlap() -> None:
    answer = ANSWERS[2][1]  # I det store forum siger hun ingenting.
    overlapping = code(
        answer, "store forum siger", ["Tidspres"], source="section", section="q-safety"
    )
    docs = [reflection(overlapping).validate().to_dict()]
    result = theme_cooccurrence(docs)
    assert [(p.first, p.second, p.count, p.reflection) for p in result.pairs] == [
        ("Tavshed", "Tidspres", 1, 1)
    ]
    # Tavshed is on one passage, Tidspres on two; the two in q-safety meet: 2 of 3.
    assert result.pairs[0].share == pytest.approx(2 / 3)
    assert cell(theme_matrix(docs, CONCEPTS_OF, CODES), "Tidspres") == only(reflection=2)


def test_a_passage_coded_with_two_themes_counts_once_under_each_and_once_in_totals() -> None:
    answer = ANSWERS[1][1]
    both = code(answer, "Kalenderen er fuld", ["Tidspres", "Værdier"], source="section",
                section="q-frames")  # fmt: skip
    docs = [reflection(both).validate().to_dict()]
    m = theme_matrix(docs, CONCEPTS_OF, CODES)
    assert cell(m, "Tidspres") == only(reflection=2)
    assert cell(m, "Værdier") == only(reflection=2)
    assert m.concept_cell("frames", "I01").reflection == 3  # the double-coded passage once
    assert m.total_cell().reflection == 6
    pairs = theme_cooccurrence(docs).pairs
    # the passage with both, and the next words, coded Tidspres: adjacent, so they meet
    assert [(p.first, p.second, p.count) for p in pairs] == [("Tidspres", "Værdier", 2)]


# -- whole-entry codings -------------------------------------------------------------------


def test_a_whole_entry_coding_is_one_unit_kept_apart() -> None:
    entry = reflection()
    entry.themes = ["Tavshed", "Lykkes"]
    docs = [entry.validate().to_dict()]
    m = theme_matrix(docs, CONCEPTS_OF, CODES)
    assert cell(m, "Tavshed") == only(reflection=1, whole_entry=1)
    assert cell(m, "Tidspres") == only(reflection=1)  # not spread over the entry
    assert m.total_cell("I01").to_json() == only(reflection=5, whole_entry=1)
    assert Ref(R, WHOLE) in m.items("Tavshed", "I01")
    text = to_plain(tables.matrix_table(m, "en"))
    assert row_of(text, "Tavshed") == ["Tavshed", "0/1 [1]", "·", "0/1 [1]"]
    # Whole-entry themes meet each other, not the entry's passages.
    pairs = theme_cooccurrence(docs).pairs
    assert [(p.first, p.second, p.whole, p.reflection) for p in pairs] == [
        ("Lykkes", "Tavshed", 1, 0)
    ]


def test_an_old_journal_keeps_its_meaning() -> None:
    """An entry coded only as a whole, as before passages: one per theme, no passages."""
    old = Entry(kind="interview", interview="I02", themes=["Sparring"], body="fire ord i alt")
    m = theme_matrix([old.validate().to_dict()], CONCEPTS_OF, CODES)
    assert cell(m, "Sparring", "I02") == only(whole_entry=1)
    cov = concept_coverage([old.validate().to_dict()], CONCEPTS_OF, CODES)
    i02 = cov.rows[1]
    assert i02.reflection_words == 4 and i02.coded[REFLECTIONS]["wellbeing"] == 0
    assert "wellbeing" not in i02.untouched  # touched, as a whole


# -- transcripts -------------------------------------------------------------------------------


def test_transcript_codings_in_the_matrix_apart_from_reflections() -> None:
    excerpt = Excerpt("I01", "9.52", "når vi lykkes sammen", ["Lykkes"])
    docs = [reflection(excerpts=(excerpt,)).validate().to_dict()]
    m = theme_matrix(docs, CONCEPTS_OF, CODES, transcripts=[interview()])
    assert cell(m, "Lykkes") == only(
        reflection=1, transcript_respondent=1, transcript_interviewer=1, excerpts=1
    )
    assert cell(m, "Tavshed") == only(reflection=1, transcript_respondent=1)  # turns 2-3
    assert cell(m, "Tidspres") == only(reflection=1, transcript_respondent=1)
    assert cell(m, "Sparring") == only(reflection=1)
    assert m.total_cell("I01").to_json() == only(
        reflection=5, transcript_respondent=3, transcript_interviewer=1, excerpts=1
    )
    kinds = sorted(ref.kind for ref in m.items("Lykkes", "I01"))
    assert kinds == sorted([REFLECTION, EXCERPT, RESPONDENT, INTERVIEWER])
    # the respondent's words / the researcher's own: 1 turn + 1 excerpt / 1 answer + 1 question
    assert row_of(to_plain(tables.matrix_table(m, "en")), "Lykkes")[1] == "2/2"
    rows = to_csv(tables.matrix_rows(m, "en")).splitlines()
    assert rows[0] == (
        "concept,theme,interview,reflection,whole_entry,transcript_respondent,"
        "transcript_interviewer,excerpts"
    )
    assert "drive,Lykkes,I01,1,0,1,1,1" in rows


def test_a_transcript_of_an_interview_without_entries_gets_its_column() -> None:
    m = theme_matrix([], CONCEPTS_OF, [], transcripts=[interview("I02")])
    assert m.interviews == ["I02"]
    assert cell(m, "Lykkes", "I02") == only(transcript_respondent=1, transcript_interviewer=1)
    assert theme_matrix(
        [], CONCEPTS_OF, CODES, only=["I01"], transcripts=[interview("I02")]
    ).is_empty


def test_who_speaks_in_a_coded_passage() -> None:
    layout = TranscriptLayout.of(interview())
    by_words = {c["quote"]: c for c in layout.codings}
    question = by_words["Hvad giver dig energi som leder?"]
    assert layout.kind_of(question) == INTERVIEWER
    spanning = next(c for q, c in by_words.items() if q.startswith("Og når"))
    assert layout.turns_of(spanning) == (2, 3)
    assert layout.kind_of(spanning) == RESPONDENT  # it touches the respondent's turn
    assert layout.reference(spanning) == "(I01, 10.10–10.15)"
    assert layout.cited_speakers(2, 3) == "Interviewer, Leder"
    assert layout.reference(by_words["ingen spørger"]) == "(I01, 10.40)"
    transcript = Transcript.from_dict(interview())
    assert [layout.turn_at(n) for n in range(len(transcript.text))] == [
        transcript.turn_at(n) for n in range(len(transcript.text))
    ]
    assert layout.total_words == transcript.words() == 34


# -- adjacency ---------------------------------------------------------------------------------

BODY = (
    "Hun tav i mødet. Bagefter sagde hun det til mig. Det var en lettelse for hende.\n\n"
    "Næste dag var alt som før."
)


def body_entry(*codings: tuple[str, str]) -> dict:
    entry = Entry(kind="memo", body=BODY, interview="I02")
    entry.codings = [code(BODY, phrase, [theme]) for phrase, theme in codings]
    return entry.validate().to_dict()


def test_adjacent_in_a_reflection_means_the_next_sentence() -> None:
    doc = body_entry(
        ("tav i mødet", "Tavshed"),  # sentence 1
        ("sagde hun det til mig", "Sparring"),  # sentence 2: one sentence end after 1
        ("en lettelse", "Lykkes"),  # sentence 3: two ends after 1, one after 2
        ("alt som før", "Tidspres"),  # next paragraph: a blank line is two breaks
    )
    pairs = theme_cooccurrence([doc]).pairs
    assert sorted((p.first, p.second) for p in pairs) == [
        ("Lykkes", "Sparring"),
        ("Sparring", "Tavshed"),
    ]
    assert all(p.count == 1 and p.reflection == 1 for p in pairs)
    assert sentence_ends(". Bagefter ") == 1
    assert sentence_ends(" for hende.\n\nNæste dag var ") == 2
    assert sentence_ends("? Ja.\nNej") == 2


def test_adjacent_in_a_reflection_is_at_most_200_characters_apart() -> None:
    near = "start " + "ord " * 40 + "slut"  # 161 characters between, no sentence end
    far = "start " + "ord " * 60 + "slut"  # 241 characters between
    for text, meets in ((near, True), (far, False)):
        entry = Entry(kind="memo", body=text)
        entry.codings = [code(text, "start", ["Tavshed"]), code(text, "slut", ["Sparring"])]
        pairs = theme_cooccurrence([entry.validate().to_dict()]).pairs
        assert bool(pairs) is meets


def test_adjacent_in_a_transcript_means_the_same_or_the_next_turn() -> None:
    result = theme_cooccurrence([], transcripts=[interview()])
    got = [(p.first, p.second, p.count, p.transcript) for p in result.pairs]
    # one place each; Tavshed + Tidspres first: all their passages meet (share 1.0)
    assert got == [("Tavshed", "Tidspres", 1, 1), ("Lykkes", "Tavshed", 1, 1)]
    assert result.pairs[0].share == 1.0
    assert result.units == 4
    # Lykkes on turns 0 and 1, Tavshed on 2-3: only the coding of turn 1 meets it.
    lykkes = result.pairs[1]
    assert lykkes.share == pytest.approx(2 / 3)
    assert {ref.kind for ref in lykkes.refs} == {RESPONDENT}


def test_different_sources_never_meet() -> None:
    """A reflection answer and the transcript, or two answers, are different sources."""
    result = theme_cooccurrence(five(), transcripts=[interview()])
    assert {p.reflection for p in result.pairs} == {0}


def test_a_coding_under_review_meets_nothing_outside_itself() -> None:
    answer = ANSWERS[2][1]
    overlapping = code(
        answer, "store forum siger", ["Tidspres"], source="section", section="q-safety"
    )
    doc = reflection(overlapping).validate().to_dict()
    doc["codings"][-1]["review"] = "the coded words were edited; check the span"
    assert theme_cooccurrence([doc]).pairs == []
    assert cell(theme_matrix([doc], CONCEPTS_OF, CODES), "Tidspres") == only(reflection=2)


# -- coverage -------------------------------------------------------------------------------------


def test_coverage_counts_coded_words_of_each_source() -> None:
    overlapping = code(ANSWERS[2][1], "store forum siger", ["Tidspres"], source="section",
                       section="q-safety")  # fmt: skip
    docs = [reflection(overlapping).validate().to_dict()]
    cov = concept_coverage(docs, CONCEPTS_OF, CODES, transcripts=[interview()])
    i01, i02 = cov.rows
    # The five answers have 7 + 7 + 7 + 5 + 6 = 32 words.
    assert i01.reflections == 1 and i01.reflection_words == 32
    # frames: "fra morgen til aften" (4), "hendes værdier" (2), "store forum siger" (3)
    assert i01.coded[REFLECTIONS] == {"drive": 4, "frames": 9, "safety": 3, "wellbeing": 3}
    assert i01.theme_words[REFLECTIONS]["Tidspres"] == 7
    assert i01.share("frames") == pytest.approx(9 / 32)
    # The transcript's 6 + 9 + 5 + 8 + 6 = 34 words: Lykkes on turn 0 (6 words) and "når vi lykkes sammen" (4);
    # Tavshed on all of turn 2 (5) and "Så bliver jeg stille" (4); Tidspres "ingen spørger" (2).
    assert i01.has_transcript and i01.transcript_words == 34
    assert i01.coded[TRANSCRIPT] == {"drive": 10, "frames": 2, "safety": 9, "wellbeing": 0}
    assert i01.share("safety", TRANSCRIPT) == pytest.approx(9 / 34)
    assert i01.untouched == []
    assert not i02.has_material and i02.untouched == ["drive", "frames", "safety", "wellbeing"]
    table = to_plain(tables.coverage_table(cov, "en"))
    assert "28% / 6%" in table  # frames: 9 of 32 reflection words, 2 of 34 transcript words
    rows = to_csv(tables.coverage_rows(cov, "en")).splitlines()
    # frames: three coded answers and one coded turn
    assert "I01,frames,,32,9,0.2812,34,2,0.0588,4,0,0,0" in rows
    assert "I01,,Tidspres,32,7,0.2188,34,2,0.0588,,,," in rows


def test_coded_words_count_each_word_once() -> None:
    text = "en to tre fire fem"
    words = word_positions(text)
    assert coded_words(words, [(0, 6)]) == 2  # "en", "to"
    assert coded_words(words, [(4, 5)]) == 1  # a letter of "to" is enough
    assert coded_words(words, [(0, 6), (3, 9)]) == 3  # overlapping: each word once
    assert coded_words(words, [(0, 4), (5, 9)]) == 3  # "to" is split between two codings
    assert coded_words(words, [(2, 3)]) == 0  # only the space
    # The same rule in a transcript, whose words are counted without their positions.
    layout = TranscriptLayout.of(interview())
    text = Transcript.from_dict(interview()).text
    line = text.index("[09:52] Leder: ")
    words_at = line + len("[09:52] Leder: ")  # "Det gør det, når vi lykkes sammen i gruppen."
    assert layout.coded_words([(line, words_at)]) == 0  # the time and the speaker only
    assert layout.coded_words([(line, words_at + 1)]) == 1  # "D" of "Det"
    assert layout.coded_words([(words_at + 1, words_at + 2), (words_at + 2, words_at + 3)]) == 1
    assert layout.coded_words([(words_at + 3, words_at + 4)]) == 0  # the space after "Det"
    assert layout.coded_words([(words_at, words_at + 7)]) == 2  # "Det gør"
    everything = [(0, len(text))]
    assert layout.coded_words(everything) == layout.total_words == 34
    assert layout.coded_words([*everything, (5, 60)]) == 34


# -- the report -----------------------------------------------------------------------------------


def test_the_report_says_how_things_are_counted_in_both_languages() -> None:
    docs = [reflection().validate().to_dict()]
    result = analyse_all(docs, THEMES, INTERVIEWS, transcripts=[interview()])
    assert (result.reflection_passages, result.transcript_passages, result.transcripts) == (5, 4, 1)
    english = build_report(result, "en")
    danish = build_report(result, "da")
    assert "## How things are counted" in english and "## Sådan tælles der" in danish
    for text, rules in ((english, counting_rules("en")), (danish, counting_rules("da"))):
        for rule in rules:
            assert f"- {rule}" in text
    assert "at most 1 sentence end or line break and at most 200 characters" in english
    assert "in the same or the next turn" in english
    assert "højst 1 sætningsslut eller linjeskift og højst 200 tegn" in danish
    assert "i samme eller næste tur" in danish
    assert "**Whole-entry coding.**" in english and "**Kodning af hele indlægget.**" in danish
    assert "the interviewer's turns" in english and "interviewerens ture" in danish
    assert "measured in words" in english and "måles i ord" in danish
    assert "5 coded passages in reflections, 4 in transcripts" in english
    assert "5 kodede passager i refleksioner, 4 i transskriptioner" in danish


def test_the_report_scopes_transcripts_to_the_chosen_interviews() -> None:
    result = analyse_all(five(), THEMES, INTERVIEWS, only=["I02"], transcripts=[interview()])
    assert result.transcripts == 0 and result.matrix.is_empty


def test_a_ref_shows_its_words_and_its_place() -> None:
    from eftertanke.analysis.passage_view import PassageLookup

    excerpt = Excerpt("I01", "9.52", "når vi lykkes sammen", ["Lykkes"])
    docs = [reflection(excerpts=(excerpt,)).validate().to_dict()]
    transcript = interview()
    m = theme_matrix(docs, CONCEPTS_OF, CODES, transcripts=[transcript])
    lookup = PassageLookup(docs, [transcript])
    shown = {ref.kind: lookup.show(ref) for ref in m.items("Lykkes", "I01")}
    assert (shown[REFLECTION].where, shown[REFLECTION].words) == ("q-drive", "når vi lykkes sammen")
    assert shown[REFLECTION].interview == "I01" and shown[REFLECTION].reference == ""
    assert (shown[RESPONDENT].where, shown[RESPONDENT].reference) == ("Leder", "(I01, 9.52)")
    assert shown[RESPONDENT].turn == 1 and shown[RESPONDENT].in_transcript
    assert (shown[INTERVIEWER].where, shown[INTERVIEWER].words) == (
        "Interviewer",
        "Hvad giver dig energi som leder?",
    )
    assert (shown[EXCERPT].reference, shown[EXCERPT].words) == ("(I01, 9.52)", excerpt.quote)
    assert lookup.show(Ref("gone", REFLECTION, "x")) is None
