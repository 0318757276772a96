"""The one reader of quote lines ("9.45 text"), shared by the app and the terminal prompts."""

from __future__ import annotations

import pytest

from eftertanke.guided import GuidedSession
from eftertanke.guided.quote_lines import QuoteLine, parse_quote_line, quote_lines
from eftertanke.packs import load_builtin_packs


@pytest.mark.parametrize(
    ("line", "timestamp", "quote"),
    [
        ("9.45 om at stå alene med beslutningen", "9.45", "om at stå alene med beslutningen"),
        ("09:45 Vi løfter i flok", "09:45", "Vi løfter i flok"),
        ("1:09:45 Det siger man ved kaffemaskinen", "1:09:45", "Det siger man ved kaffemaskinen"),
        ("1.09.45 tre dele med punktum", "1.09.45", "tre dele med punktum"),
        ("[09:45] Assisterende leder: ja", "09:45", "Assisterende leder: ja"),
        ("[ 9.45 ] mellemrum i klammen", "9.45", "mellemrum i klammen"),
        ("(12.10) i parentes", "12.10", "i parentes"),
        ("- 9.45 som punkt", "9.45", "som punkt"),
        ("• 9.45 som prik", "9.45", "som prik"),
        ("9.45: med kolon", "9.45", "med kolon"),
        ("9.45 – med tankestreg", "9.45", "med tankestreg"),
        ("9.45 - med bindestreg", "9.45", "med bindestreg"),
        ("  123:05 lang optagelse  ", "123:05", "lang optagelse"),
        ('9.45 "Vi lykkes sammen"', "9.45", "Vi lykkes sammen"),
        ("9.45 »Vi lykkes sammen«", "9.45", "Vi lykkes sammen"),
        ("9.45 „Vi lykkes sammen“", "9.45", "Vi lykkes sammen"),
        ("9.45 “We succeed together”", "9.45", "We succeed together"),
        ('9.45 "to" og "tre"', "9.45", '"to" og "tre"'),
    ],
)
def test_a_line_starting_with_a_time_is_a_quote(line: str, timestamp: str, quote: str) -> None:
    parsed = parse_quote_line(line)
    assert parsed is not None and (parsed.timestamp, parsed.quote) == (timestamp, quote)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "Vi lykkes sammen 9.45",  # the time must come first
        "12.5 % af lederne",  # not two digits of seconds
        "10.000 kr. til vikarer",  # a number, not a time
        "9.75 er ikke et tidspunkt",  # 75 seconds
        "9.45",  # a time and no words
        "[09:45]",
        "9.45:",
        "9.45abc",
        "1. punkt i en liste",
        "kl. 9.45 startede vi",
        "9.45.99 for mange sekunder",
    ],
)
def test_other_lines_are_not_quotes(line: str) -> None:
    assert parse_quote_line(line) is None


def test_trailing_tags_are_the_quotes_themes() -> None:
    assert parse_quote_line("9.45 Vi løfter i flok #fællesskab #at_lykkes_sammen") == QuoteLine(
        "9.45", "Vi løfter i flok", ("fællesskab", "at lykkes sammen")
    )
    # A tag inside the words stays where it is.
    assert parse_quote_line("9.45 om #tavshed i netværket").quote == "om #tavshed i netværket"


def test_quote_lines_splits_a_text_into_quotes_and_the_rest_as_written() -> None:
    quotes, rest = quote_lines("Noter:\n9.45 Første\n\n  [12:10] Anden\nTjek lydfilen")
    assert [(q.timestamp, q.quote) for q in quotes] == [("9.45", "Første"), ("12:10", "Anden")]
    assert rest == ["Noter:", "", "Tjek lydfilen"]


def post_interview(interview: str | None = "I03") -> GuidedSession:
    return GuidedSession.start(load_builtin_packs()["post-interview"], interview=interview)


def answer(session: GuidedSession, prompt_id: str, text: str) -> None:
    session.go_to(prompt_id)
    session.answer(text, advance=False)


def test_the_quotes_prompt_lines_become_the_entrys_excerpts() -> None:
    session = post_interview()
    answer(session, "impressions", "En rolig samtale")
    answer(session, "quotes", "9.45 om at stå alene med beslutningen\n[17:13] netværket #farlig_tavshed\nFind stedet om tilsynet")
    session.add_excerpt("9.45", "om at stå alene med beslutningen")  # the same quote twice: once
    entry = session.finish("Mette")
    assert [(e.interview, e.timestamp, e.quote, e.themes) for e in entry.excerpts] == [
        ("I03", "9.45", "om at stå alene med beslutningen", []),
        ("I03", "17:13", "netværket", ["farlig tavshed"]),
    ]
    quotes = next(s for s in entry.sections if s.prompt_id == "quotes")
    assert quotes.answer == "Find stedet om tilsynet"
    assert "safety" in entry.concepts  # the starter codebook files "Farlig tavshed" under safety


def test_an_answer_of_quotes_only_leaves_no_empty_section_and_no_interview_keeps_the_text() -> None:
    session = post_interview()
    answer(session, "impressions", "Kort")
    answer(session, "quotes", "9.45 Et\n10.02 To")
    entry = session.finish("Mette")
    assert [s.prompt_id for s in entry.sections] == ["impressions"]
    assert len(entry.excerpts) == 2
    alone = post_interview(interview=None)
    answer(alone, "impressions", "Kort")
    answer(alone, "quotes", "9.45 Et")
    entry = alone.finish("Mette")
    assert entry.excerpts == [] and entry.sections[-1].answer == "9.45 Et"


def test_only_a_quote_prompt_reads_times() -> None:
    session = post_interview()
    answer(session, "impressions", "9.45 Det her er bare en iagttagelse")
    entry = session.finish("Mette")
    assert entry.excerpts == [] and entry.sections[0].answer == "9.45 Det her er bare en iagttagelse"
