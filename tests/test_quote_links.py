"""Quotes become anchors: a quote cited with a time in a reflection is found in
the interview's transcript, near that time, by its words; both ways, and
never guessed."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from eftertanke.cli import main
from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme
from eftertanke.quote_match import (
    MIN_SCORE,
    NOT_FOUND,
    TOO_SHORT,
    TranscriptWords,
    quotes_of_entry,
    timed_lines,
)
from eftertanke.services.quote_links import (
    NO_INTERVIEW,
    NO_TRANSCRIPT,
    citations_of_transcript,
    links_for_entry,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

TURNS = [
    Turn("Forsker", "Hvad giver dig energi?", 570.0, 580.0),  # 0
    Turn(
        "Leder",
        "Altså, det er jo når vi lykkes sammen med holdet, så får jeg energi.",
        581.0,
        600.0,
    ),
    Turn("Forsker", "Hører jeg dig sige, at det er trygt at sige fra?", 601.0, 605.0),  # 2
    Turn(
        "Leder", "Ja, det er trygt at sige fra i min ledergruppe, men ikke i de store fora.", 606.0
    ),
    Turn("Leder", "Det store ledernetværk er noget andet, der sidder man stille.", 1040.0, 1060.0),
    Turn("Leder", "Som jeg sagde: det er trygt at sige fra, når man kender hinanden.", 1500.0),  # 5
]


def transcript(turns: list[Turn] | None = None, code: str = "I03") -> Transcript:
    return Transcript(code, list(turns or TURNS), interviewers=["Forsker"]).validate()


# -- reading the quotes a reflection cites ----------------------------------------------


def test_timed_lines_are_read_as_the_thesis_writes_them() -> None:
    text = (
        '9.45 "Det er trygt at sige fra"\n'
        "17.20 om det store ledernetværk\n"
        "ingen tid her\n"
        "- 1:02:03 – „Hej med dig“\n"
        "10.5 ikke en tid\n"
        "(9.45) »ja tak« sagde hun\n"
        "12.30\n"
    )
    assert timed_lines(text, need_quote_marks=False) == [
        (0, "9.45", "Det er trygt at sige fra", '9.45 "Det er trygt at sige fra"'),
        (1, "17.20", "om det store ledernetværk", "17.20 om det store ledernetværk"),
        (3, "1:02:03", "Hej med dig", "- 1:02:03 – „Hej med dig“"),
        (5, "9.45", "ja tak", "(9.45) »ja tak« sagde hun"),
    ]
    assert [line for line, *_ in timed_lines(text, need_quote_marks=True)] == [0, 3, 5]


def test_an_entry_cites_its_excerpts_its_quotes_lines_and_quoted_timed_lines() -> None:
    entry = Entry(
        kind="interview",
        interview="I03",
        body='Noter.\n25.00 "når man kender hinanden"\n26.00 ingen anførselstegn',
        sections=[
            Section("impressions", "Indtryk?", "9.40 om energi, men uden citat"),
            Section("quotes", "Citater?", "9.45 det er trygt at sige fra\n17.20 om ledernetværket"),
        ],
        excerpts=[Excerpt("I03", "9.50", "vi lykkes sammen"), Excerpt("I04", "", "et andet sted")],
    )
    got = [
        (q.origin, q.section, q.index, q.timestamp, q.seconds, q.interview, q.text)
        for q in quotes_of_entry(entry)
    ]
    assert got == [
        ("excerpt", None, 0, "9.50", 590.0, "I03", "vi lykkes sammen"),
        ("excerpt", None, 1, "", None, "I04", "et andet sted"),
        ("quotes", "quotes", 0, "9.45", 585.0, "I03", "det er trygt at sige fra"),
        ("quotes", "quotes", 1, "17.20", 1040.0, "I03", "om ledernetværket"),
        ("text", None, 1, "25.00", 1500.0, "I03", "når man kender hinanden"),
    ]


# -- finding a quote in a transcript -----------------------------------------------------


def test_the_exact_words_near_the_time_are_found_with_score_one() -> None:
    words = TranscriptWords(transcript())
    found = words.find("Det er trygt at sige fra", 610.0).match
    assert found is not None
    # Turns 2 (the interviewer's echo, 601 s) and 3 (606 s) both hold the words;
    # turn 3 is nearer the cited 610 s.
    assert (found.turn, found.score) == (3, 1.0)
    assert words.transcript.text[found.start : found.end] == "det er trygt at sige fra"


def test_of_two_turns_as_near_the_respondent_wins() -> None:
    turns = [
        Turn("Forsker", "det er trygt at sige fra", 600.0),
        Turn("Leder", "det er trygt at sige fra", 620.0),
    ]
    found = TranscriptWords(transcript(turns)).find("det er trygt at sige fra", 610.0).match
    assert found is not None and found.turn == 1


def test_the_time_chooses_between_the_same_words_said_twice() -> None:
    words = TranscriptWords(transcript())
    later = words.find("det er trygt at sige fra", 1490.0).match
    assert later is not None and later.turn == 5


def test_inflected_and_described_quotes_score_by_their_letters() -> None:
    words = TranscriptWords(transcript())
    # "trygge" for "trygt": the pair counts 5 letters of 6 and 5; the stretch
    # "det er trygt at sige" has 3+2+5+2+4 = 16 letters, the quote 17:
    # 2 × 16 / (17 + 16) = 0.970.
    inflected = words.find("det er trygge at sige", 610.0).match
    assert inflected is not None and (inflected.turn, inflected.score) == (3, 0.97)
    # "om det store ledernetværk": 2+3+5+12 = 22 letters, 20 matched in a stretch of
    # 20: 40 / 42 = 0.952; cited at 17.20 (1040 s), the turn starts there.
    described = words.find("om det store ledernetværk", 1040.0).match
    assert described is not None and (described.turn, described.score) == (4, 0.952)
    assert words.transcript.text[described.start : described.end] == "Det store ledernetværk"


def test_a_time_far_off_widens_the_search_to_the_whole_transcript() -> None:
    words = TranscriptWords(transcript())
    # Cited at 3.00 (180 s): nothing within 90 s or 5 minutes has the words.
    found = words.find("det store ledernetværk er noget andet", 180.0).match
    assert found is not None and found.turn == 4


def test_below_the_threshold_a_quote_is_unmatched_never_guessed() -> None:
    words = TranscriptWords(transcript())
    attempt = words.find("om budgettet og de mange krav", 600.0)
    assert attempt.match is None and attempt.reason == NOT_FOUND
    assert attempt.best_score < MIN_SCORE
    # Short words alone match nothing that counts: "det", "er" and "at" are in
    # several turns, but 2 × 7 / (7 + 7 + ...) of a 30-letter quote stays low.
    attempt = words.find("det er helt umuligt at forestille sig", 600.0)
    assert attempt.match is None and attempt.best_score < MIN_SCORE
    assert words.find("trygt", 600.0).reason == TOO_SHORT


def test_a_transcript_without_times_is_searched_whole() -> None:
    untimed = [Turn(t.speaker, t.text) for t in TURNS]
    found = TranscriptWords(transcript(untimed)).find("vi lykkes sammen med holdet", 585.0).match
    assert found is not None and found.turn == 1


# -- both directions in a journal ------------------------------------------------------------


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="forsker")
    journal.add_theme(Theme("Tryghed", "safety"))
    journal.add_interview(Interview("I03", role="plejehjemsleder"))
    journal.add_interview(Interview("I04", role="afdelingsleder"))
    journal.transcripts.add(transcript())
    return journal


def reflection(journal: Journal, quotes: str, **fields: object) -> Entry:
    return journal.add_entry(
        Entry(
            kind="interview",
            title=str(fields.pop("title", "Refleksion")),
            sections=[Section("quotes", "Hvilke citater?", quotes)],
            **fields,  # type: ignore[arg-type]
        )
    )


def test_links_for_an_entry_say_where_each_quote_is_or_why_not(journal: Journal) -> None:
    entry = reflection(
        journal,
        '10.10 "Det er trygt at sige fra"\n17.20 om det store ledernetværk\n12.30 om budgettet',
        interview="I03",
        excerpts=[Excerpt("I04", "3.00", "et citat fra et andet interview")],
    )
    links = links_for_entry(journal, entry)
    assert [(link.quote.line, link.turn, link.words, link.reason) for link in links] == [
        ("3.00 et citat fra et andet interview", None, "", NO_TRANSCRIPT),
        ('10.10 "Det er trygt at sige fra"', 3, "det er trygt at sige fra", ""),
        ("17.20 om det store ledernetværk", 4, "Det store ledernetværk", ""),
        ("12.30 om budgettet", None, "", NOT_FOUND),
    ]
    matched = links[1]
    assert (matched.speaker, matched.at, matched.score, matched.interview) == (
        "Leder",
        606.0,
        1.0,
        "I03",
    )
    text = journal.transcripts.for_interview("I03").text
    assert text[matched.start : matched.end] == "det er trygt at sige fra"
    unlinked = reflection(journal, '9.45 "det er trygt at sige fra"')
    assert [link.reason for link in links_for_entry(journal, unlinked)] == [NO_INTERVIEW]


def test_a_transcript_knows_every_reflection_citing_each_turn(journal: Journal) -> None:
    first = reflection(
        journal, '10.10 "Det er trygt at sige fra"\n12.30 om budgettet', interview="I03"
    )
    second = reflection(
        journal,
        "9.50 vi lykkes sammen med holdet",
        interview="I04",
        excerpts=[Excerpt("I03", "10.05", "trygt at sige fra i min ledergruppe")],
    )
    reflection(journal, '9.45 "det er trygt at sige fra"', interview="I04")  # cites I04 only
    gone = reflection(journal, '10.10 "det er trygt at sige fra"', interview="I03")
    journal.delete_entry(gone.id)
    found = citations_of_transcript(journal, journal.transcripts.for_interview("I03"))
    assert {
        turn: [(link.entry_id, link.quote.origin) for link in links]
        for turn, links in found.by_turn.items()
    } == {
        3: [(first.id, "quotes"), (second.id, "excerpt")],
    }
    assert [(link.entry_id, link.quote.line) for link in found.unmatched] == [
        (first.id, "12.30 om budgettet")
    ]


def test_links_follow_the_text_as_it_is_now(journal: Journal) -> None:
    entry = reflection(journal, '17.20 "det store ledernetværk"', interview="I03")
    assert [link.turn for link in links_for_entry(journal, entry)] == [4]
    # The transcript is corrected: the words are now said at 30:00, in a new turn 6.
    current = journal.transcripts.for_interview("I03")
    current.turns[4] = Turn("Leder", "Noget helt andet blev sagt her.", 1040.0)
    current.turns.append(Turn("Leder", "Det store ledernetværk er svært.", 1800.0))
    journal.transcripts.add(current, replace=True)
    assert [link.turn for link in links_for_entry(journal, entry)] == [6]
    # The interview gets a new code: the entry and the transcript follow it.
    interview = journal.get_interview("I03")
    interview.code = "R03"
    journal.update_interview(interview)
    links = links_for_entry(journal, journal.get_entry(entry.id))
    assert [(link.interview, link.turn) for link in links] == [("R03", 6)]


# -- the command line --------------------------------------------------------------------------


def run(root: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(["--journal", str(root), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def test_code_links_both_ways(journal: Journal) -> None:
    entry = reflection(
        journal,
        '10.10 "Det er trygt at sige fra"\n12.30 om budgettet',
        interview="I03",
        title="Efter I03",
    )
    code, out, err = run(journal.root, "code", "links", entry.id[:6])
    assert code == 0, err
    assert out == (
        '10.10 "Det er trygt at sige fra"\n'
        '    → I03 [10:06] Leder: "det er trygt at sige fra"  (1.00)\n'
        "12.30 om budgettet\n"
        "    ✗ not found in the transcript of I03 (best likeness 0.00, needs 0.60)\n"
    )
    code, out, err = run(journal.root, "--lang", "da", "code", "links", "--transcript", "i03")
    assert code == 0, err
    short = entry.id[:8]
    assert out == (
        '[10:06] Leder: "Ja, det er trygt at sige fra i min ledergruppe, men ikke i …"\n'
        f'    ← {short} Efter I03: 10.10 "Det er trygt at sige fra"  (1.00)\n'
        "Citeret, men ikke fundet i transskriptionen:\n"
        f"    ✗ {short}: 12.30 om budgettet — ikke fundet i transskriptionen af I03 "
        "(bedste lighed 0.00, kræver 0.60)\n"
    )
    _, out, _ = run(journal.root, "code", "links", "--transcript", "I03", "--json")
    data = orjson.loads(out)
    assert [t["turn"] for t in data["turns"]] == [3]
    assert data["turns"][0]["citations"][0]["words"] == "det er trygt at sige fra"
    assert data["unmatched"][0]["reason"] == "not-found"
    code, _, err = run(journal.root, "code", "links", "--transcript", "I04")
    assert code == 1 and "interview I04 has no transcript yet" in err
    code, _, _ = run(journal.root, "code", "links")
    assert code == 2
