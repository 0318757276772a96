"""An answer's line breaks and lists: read once, written to Markdown and back exactly."""

from __future__ import annotations

import itertools
import shutil

import pytest

from eftertanke.packs.loader import load_builtin_packs
from eftertanke.text_blocks import (
    BULLETS,
    NUMBERED,
    ONE_PER_LINE_PROMPTS,
    PARAGRAPH,
    Block,
    blocks,
    from_markdown,
    to_markdown,
    writes_as_list,
)

# One line of each kind the rules tell apart.
LINES = [
    "",
    "Jeg var træt, men glad.",
    "- et punkt",
    "* et andet punkt",
    "1. første",
    "2) anden",
    "# en overskrift",
    "```",
    "---",
    "-",
    "    indrykket kode",
    "> et citat",
    "slutter med \\",
    "| a | b |",
    "<!-- eftertanke:section {} -->",
]


def test_every_short_text_comes_back_exactly():
    for size in range(1, 5):
        for combo in itertools.product(LINES, repeat=size):
            text = "\n".join(combo)
            assert from_markdown(to_markdown(text)) == text, repr(text)


def test_every_one_per_line_answer_comes_back_exactly():
    for size in range(2, 5):
        for combo in itertools.product(["9.45 om at stå alene", "", "12.10 tavshed"], repeat=size):
            text = "\n".join(combo)
            if writes_as_list(text):
                assert from_markdown(to_markdown(text, as_list=True), as_list=True) == text


def test_single_newlines_become_hard_breaks_and_lists_get_room():
    text = "Tre ting blev sagt:\n- ansvar\n- ensomhed\nDet ramte mig.\nIgen og igen."
    assert to_markdown(text) == (
        "Tre ting blev sagt:\n\n- ansvar\n- ensomhed\n\nDet ramte mig.\\\nIgen og igen."
    )


def test_markdown_of_the_writer_is_left_alone():
    text = "# Overskrift\nlinje\n```\nkode\nmere kode\n```"
    assert to_markdown(text) == text


def test_one_per_line_answer_is_a_list():
    text = "9.45 om at stå alene\n12.10 om tavsheden"
    assert writes_as_list(text)
    assert to_markdown(text, as_list=True) == "- 9.45 om at stå alene\n- 12.10 om tavsheden"
    assert blocks(text, one_per_line=True) == [
        Block(BULLETS, ("9.45 om at stå alene", "12.10 om tavsheden"))
    ]
    # A writer's own list, or one line, is not made into another.
    assert not writes_as_list("- a\n- b")
    assert not writes_as_list("én linje")


def test_blocks_of_an_answer():
    text = (
        "Jeg lagde mærke til:\n- tavsheden\n\n- latteren\nog så:\n\n"
        "1. først\n2. dernæst\n\n1. maj var en god dag.\nLinje to."
    )
    assert blocks(text) == [
        Block(PARAGRAPH, ("Jeg lagde mærke til:",)),
        Block(BULLETS, ("tavsheden", "latteren")),
        Block(PARAGRAPH, ("og så:",)),
        Block(NUMBERED, ("først", "dernæst")),
        Block(PARAGRAPH, ("1. maj var en god dag.", "Linje to.")),
    ]
    assert blocks("4. fjerde\n5. femte") == [Block(NUMBERED, ("fjerde", "femte"), 4)]


def test_the_packs_one_per_line_prompts_are_known():
    asking = {
        prompt.id
        for pack in load_builtin_packs().values()
        for prompt in pack.prompts
        if prompt.theme_lines
        or (prompt.hint is not None and "per line" in prompt.hint.en.casefold())
    }
    assert asking == ONE_PER_LINE_PROMPTS


def test_pandoc_keeps_the_breaks_and_the_list():
    pypandoc = pytest.importorskip("pypandoc")
    if shutil.which("pandoc") is None:
        try:
            pypandoc.get_pandoc_path()
        except OSError:
            pytest.skip("pandoc is not installed")
    text = "Tre ting blev sagt:\n- ansvar\n- ensomhed\nDet ramte mig.\nIgen og igen."
    html = pypandoc.convert_text(to_markdown(text), "html", format="markdown")
    assert "<li>ansvar</li>" in html and "<li>ensomhed</li>" in html
    assert "Det ramte mig.<br />" in html
