"""The search snippet (eftertanke.snippet): where the hits are and the text around them."""

from __future__ import annotations

from eftertanke.snippet import Snippet, find_hits, snippet


def marked(found: Snippet) -> list[str]:
    return [found.text[start:end] for start, end in found.hits]


def test_hits_ignore_case_as_the_search_does() -> None:
    text = "Tavshed, TAVSHED og tavshed. Ålborg og ÆBLER."
    assert [text[a:b] for a, b in find_hits(text, ["tavshed"])] == ["Tavshed", "TAVSHED", "tavshed"]
    assert [text[a:b] for a, b in find_hits(text, ["ålborg", "æble"])] == ["Ålborg", "ÆBLE"]
    assert find_hits(text, ["ikke her"]) == []
    assert find_hits("", ["x"]) == [] and find_hits("x", []) == []


def test_a_hit_in_a_letter_that_folds_longer_covers_that_letter() -> None:
    # "ß" folds to "ss" and "ﬁ" to "fi": the search finds them, the span is the letter.
    text = "Straße ﬁnde STRASSE"
    hits = find_hits(text, ["ss", "fi"])
    assert [text[a:b] for a, b in hits] == ["ß", "ﬁ", "SS"]


def test_overlapping_hits_merge() -> None:
    assert find_hits("tavshedens", ["tavs", "shed", "dens"]) == [(0, 10)]


def test_snippet_centres_the_first_hit_and_marks_the_cuts() -> None:
    text = "Lorem ipsum dolor sit amet " * 10 + "TAVSHED er farlig " + "consectetur " * 10
    found = snippet([text], ["tavshed", "farlig"], 60)
    assert found is not None
    assert len(found.text) <= 60
    assert found.text.startswith("…") and found.text.endswith("…")
    assert marked(found) == ["TAVSHED", "farlig"]
    # It opens at a word, with some context before the hit.
    assert found.text[1] != " " and found.text.index("TAVSHED") > 10


def test_a_short_text_is_shown_whole_on_one_line() -> None:
    found = snippet(["Hun talte om\n\n**tavshed**   i lederkredsen."], ["tavshed"])
    assert found == Snippet("Hun talte om **tavshed** i lederkredsen.", ((15, 22),))


def test_the_text_with_the_most_words_wins_else_the_first() -> None:
    texts = ["Kun tavshed her.", "Tavshed og magt her.", "Magt"]
    found = snippet(texts, ["tavshed", "magt"])
    assert found is not None and found.text == "Tavshed og magt her."
    found = snippet(texts, ["her"])
    assert found is not None and found.text == "Kun tavshed her."
    assert snippet(texts, ["intet"]) is None
    assert snippet(texts, []) is None


def test_text_is_data_and_terminal_controls_are_made_visible() -> None:
    hostile = "[@click=app.quit]x[/] tavshed \x1b[31mrød\x07"
    found = snippet([hostile], ["tavshed"])
    assert found is not None
    assert found.text.startswith("[@click=app.quit]x[/] tavshed")
    assert "\x1b" not in found.text and "␛" in found.text and "\x07" not in found.text
    assert marked(found) == ["tavshed"]


def test_a_hit_near_the_end_shows_the_tail() -> None:
    found = snippet(["ord " * 40 + "til sidst tavshed"], ["tavshed"], 30)
    assert found is not None
    assert found.text.endswith("til sidst tavshed") and found.text.startswith("…")
    assert len(found.text) <= 30 and marked(found) == ["tavshed"]
