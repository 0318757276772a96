"""Prompt packs: built-in data, user packs, errors that name file and line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from eftertanke.domain import CONCEPTS, ORIENTATIONS, RATING_KEYS
from eftertanke.packs import (
    PackError,
    default_pack_id,
    load_builtin_packs,
    load_packs,
    parse_pack,
    starter_themes,
)

BUILTIN_IDS = {
    "post-interview", "daily", "weekly-review", "memo",
    "chronology", "inventory", "self-observation", "self-reflection", "positionality",
}  # fmt: skip

# What the thesis's reflection method asks of a post-interview reflection
# (issue 3, item 2), as prompt ids.
POST_INTERVIEW_IDS = [
    "impressions",
    "emotions",
    "analysis",
    "q-drive",
    "q-frames",
    "q-safety",
    "q-wellbeing",
    "own-role",
    "not-asked",
    "resonance",
    "surprises",
    "quotes",
    "leads",
    "ethics",
    "first-themes",
]

VALID_PACK = """\
id = "mine"
version = 1
kind = "memo"
title.da = "Mit memo"
title.en = "My memo"

[[prompts]]
id = "one"
concept = "safety"
orientation = "self"
question.da = "Hvad så du?"
question.en = "What did you see?"
"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EFTERTANKE_CONFIG_DIR", str(tmp_path / "config"))
    packs = tmp_path / "config" / "packs"
    packs.mkdir(parents=True)
    return packs


def test_builtin_packs_load_from_package_data_regardless_of_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    packs = load_builtin_packs()
    assert set(packs) == BUILTIN_IDS
    data = resources.files("eftertanke.packs") / "data"
    names = {item.name for item in data.iterdir()}
    assert {"post-interview.toml", "daily.toml", "weekly-review.toml", "memo.toml"} <= names
    assert "codebook.toml" in names


@pytest.mark.parametrize("pack_id", sorted(BUILTIN_IDS))
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_prompt_has_both_texts_a_concept_and_an_orientation(
    pack_id: str, language: str
) -> None:
    pack = load_builtin_packs()[pack_id]
    assert pack.version >= 1
    assert pack.title.get(language).strip()
    assert pack.prompts
    for prompt in pack.prompts:
        assert prompt.question.get(language).strip(), prompt.id
        assert prompt.hint is not None and prompt.hint.get(language).strip(), prompt.id
        # Danish and English are really two texts, not a copy left untranslated.
        assert prompt.question.da != prompt.question.en, prompt.id
        assert prompt.concept is None or prompt.concept in CONCEPTS
        assert prompt.orientation in ORIENTATIONS
    for item in pack.ratings:
        assert item.label.get(language) and item.low.get(language) and item.high.get(language)


def test_post_interview_pack_covers_the_reflection_method() -> None:
    pack = load_builtin_packs()["post-interview"]
    ids = [p.id for p in pack.prompts]
    assert ids == POST_INTERVIEW_IDS
    # One prompt per interview question, each tied to its concept.
    assert {pack.prompt(f"q-{c}").concept for c in CONCEPTS} == set(CONCEPTS)
    # Own role and what was not asked are about method; the autoethnographic
    # resonance is about the writer, kept apart from the respondent's words.
    assert pack.prompt("own-role").orientation == "method"
    assert pack.prompt("not-asked").orientation == "method"
    assert pack.prompt("resonance").orientation == "self"
    assert pack.prompt("impressions").orientation == "respondent"
    assert pack.prompt("first-themes").theme_lines
    assert not pack.prompt("impressions").optional
    assert pack.entry_kind == "interview"
    own_role = pack.prompt("own-role").question
    assert "nik" in own_role.da and "nods" in own_role.en


def test_daily_pack_has_the_five_ratings_on_a_labelled_1_to_5_scale() -> None:
    pack = load_builtin_packs()["daily"]
    assert tuple(r.key for r in pack.ratings) == RATING_KEYS
    for item in pack.ratings:
        assert (item.minimum, item.maximum) == (1, 5)
        assert item.low.da != item.high.da and item.low.en != item.high.en
    concepts = {p.concept for p in pack.prompts}
    assert set(CONCEPTS) <= concepts
    assert {p.id for p in pack.prompts} == {
        "energy-gave",
        "energy-took",
        "needs",
        "demands-resources",
        "voice",
        "lift",
    }


def test_entry_kinds_of_the_packs() -> None:
    packs = load_builtin_packs()
    assert packs["post-interview"].entry_kind == "interview"
    assert packs["daily"].entry_kind == "daily"
    assert packs["weekly-review"].entry_kind == "memo"
    assert packs["memo"].entry_kind == "memo"
    assert default_pack_id("interview") == "post-interview"
    assert default_pack_id("daily") == "daily"
    assert default_pack_id("memo") == "memo"


def test_user_pack_adds_and_overrides_by_id(config: Path) -> None:
    (config / "mine.toml").write_text(VALID_PACK, encoding="utf-8")
    override = (
        VALID_PACK.replace('id = "mine"', 'id = "daily"')
        .replace('kind = "memo"', 'kind = "daily"')
        .replace("version = 1", "version = 7")
    )
    (config / "daily.toml").write_text(override, encoding="utf-8")
    packs, errors = load_packs()
    assert errors == []
    assert packs["mine"].prompts[0].concept == "safety"
    assert packs["daily"].version == 7
    assert packs["daily"].source == str(config / "daily.toml")
    assert packs["post-interview"].source == "builtin"


def _single_error(config: Path, name: str, text: str) -> PackError:
    path = config / name
    path.write_text(text, encoding="utf-8")
    (config / "good.toml").write_text(VALID_PACK, encoding="utf-8")
    packs, errors = load_packs()
    # The broken file never stops the built-in packs or the user's good ones.
    assert set(packs) >= BUILTIN_IDS
    assert "mine" in packs
    assert len(errors) == 1
    error = errors[0]
    assert error.file == path
    return error


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def test_bad_toml_names_file_and_line(config: Path) -> None:
    text = VALID_PACK.replace('question.en = "What did you see?"', "question.en = What")
    error = _single_error(config, "broken.toml", text)
    assert error.line == _line_of(text, "question.en = What")
    assert str(error).startswith(f"{config / 'broken.toml'}:{error.line}: not valid TOML")


def test_missing_danish_text_names_the_prompt_and_line(config: Path) -> None:
    text = VALID_PACK.replace('question.da = "Hvad så du?"\n', "")
    error = _single_error(config, "nodanish.toml", text)
    assert error.line == _line_of(text, "question.en")
    assert str(error) == (
        f'{config / "nodanish.toml"}:{error.line}: prompt "one" has no Danish question'
    )


def test_unknown_concept_names_line(config: Path) -> None:
    text = VALID_PACK.replace('concept = "safety"', 'concept = "happiness"')
    error = _single_error(config, "concept.toml", text)
    assert error.line == _line_of(text, 'concept = "happiness"')
    assert "unknown concept 'happiness'" in str(error)


def test_unknown_orientation_names_line(config: Path) -> None:
    text = VALID_PACK.replace('orientation = "self"', 'orientation = "others"')
    error = _single_error(config, "orientation.toml", text)
    assert error.line == _line_of(text, 'orientation = "others"')
    assert "unknown orientation" in error.message


def test_duplicate_prompt_id_names_the_second_occurrence(config: Path) -> None:
    second = VALID_PACK[VALID_PACK.index("[[prompts]]") :]
    text = VALID_PACK + "\n" + second
    error = _single_error(config, "dup.toml", text)
    assert error.line == _line_of(text, 'id = "one"', occurrence=2)
    assert 'duplicate prompt id "one"' in str(error)


def test_rating_outside_1_to_5_names_line(config: Path) -> None:
    text = VALID_PACK + (
        '\n[[ratings]]\nkey = "calm"\nmax = 7\nlabel.da = "Ro"\nlabel.en = "Calm"\n'
        'low.da = "Uro"\nlow.en = "Unrest"\nhigh.da = "Ro"\nhigh.en = "Calm"\n'
    )
    error = _single_error(config, "rating.toml", text)
    assert error.line == _line_of(text, "max = 7")
    assert 'rating "calm": max must be within 1..5' in str(error)


def test_malformed_override_keeps_the_builtin_pack(config: Path) -> None:
    (config / "daily.toml").write_text('id = "daily"\nkind = "daily"\n', encoding="utf-8")
    packs, errors = load_packs()
    assert packs["daily"].source == "builtin"
    assert len(errors) == 1 and "no Danish title" in str(errors[0])


def test_load_packs_takes_an_explicit_config_dir(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.toml").write_text(VALID_PACK, encoding="utf-8")
    packs, errors = load_packs(tmp_path)
    assert "mine" in packs and not errors


def test_parse_pack_rejects_unknown_keys_so_typos_show() -> None:
    text = VALID_PACK.replace("question.da", "optinal = true\nquestion.da")
    with pytest.raises(PackError, match="unknown key 'optinal'") as info:
        parse_pack(text, "x.toml")
    assert info.value.line == _line_of(text, "optinal")


@pytest.mark.parametrize("language", ["da", "en"])
def test_starter_codebook(language: str) -> None:
    themes = starter_themes(language)
    assert len(themes) == 16
    per_concept = {c: [t for t in themes if t.concept == c] for c in CONCEPTS}
    assert all(len(v) >= 3 for v in per_concept.values())
    assert len({t.name for t in themes}) == 16
    for theme in themes:
        theme.validate()
        assert theme.description and theme.theory
    names = {t.name: t.concept for t in themes}
    if language == "da":
        assert names["Farlig tavshed"] == "safety"
        assert names["Autonomi som metodefrihed"] == "drive"
    else:
        assert names["Dangerous silence"] == "safety"
        assert names["Demands against resources"] == "wellbeing"
        assert names["Responsibility as a heavy burden"] == "frames"


def test_starter_themes_rejects_unknown_language() -> None:
    with pytest.raises(ValueError):
        starter_themes("sv")
