"""services/search_words.py: folding, tokens and stems in Danish and English."""

from __future__ import annotations

from eftertanke.services.search_words import fold, forms, is_one_token, query_stems, stems


def test_fold_forms_stems() -> None:
    assert fold("Café ÆRE") == "cafe ære"  # æ, ø and å stay letters
    assert forms("Trygheden, i ledergruppen!") == ["trygheden", "i", "ledergruppen"]
    assert is_one_token("tryghed") and not is_one_token("9:30")
    assert stems(["trygheden"], "da") == stems(["tryghed"], "da")
    assert stems(["silenced"], "en") == stems(["silence"], "en")
    assert set(stems(["tryghed"], "da")) <= query_stems("tryghed")
