"""Words as the search index sees them: folded, split and stemmed.

Folding is ``casefold`` and then, character by character, the accents taken
off (é → e, ü → u, ñ → n), except for æ, ø and å: in Danish those are
letters of their own (``ære`` is not ``aere``, ``får`` is not ``far``), so
they are kept. Folding maps each character on its own, so a word found in a
casefolded text is always found in the folded one too.

A token is a run of letters and digits of the folded text. Its stem comes
from the Snowball stemmer of the entry's language (Danish for ``da``,
English for ``en`` and anything else unknown falls back to Danish, the
app's first language): ``tryghed`` and ``trygheden`` both stem to
``tryg``, ``silence`` and ``silenced`` to ``silenc``. A search word is
stemmed in both languages, since a person may search Danish words in an
English entry and the other way round.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+")
KEPT_LETTERS = frozenset("æøå")
# The Snowball algorithm of each language code (names of algorithms, not words shown).
STEMMER_NAMES = dict((("da", "danish"), ("en", "english")))
DEFAULT_LANGUAGE = "da"

# What folding may change: anything outside ASCII but æ, ø and å. Danish and
# English text has few such characters, so a regex finds them quickly.
_FOLDABLE = re.compile(r"[^\x00-\x7fæøå]+")


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    return "".join(_fold_char(c) for c in run)


def _fold_char(char: str) -> str:
    if char in KEPT_LETTERS:
        return char
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` casefolded with accents off, æ/ø/å kept (see above)."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _FOLDABLE.sub(lambda m: _fold_run(m.group()), folded)


def forms(text: str) -> list[str]:
    """The folded tokens of ``text``, in order."""
    return TOKEN.findall(fold(text))


def is_one_token(word: str) -> bool:
    """Whether a folded search word is all letters and digits (one token)."""
    return TOKEN.fullmatch(word) is not None


@lru_cache(maxsize=4)
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    import Stemmer  # PyStemmer: the Snowball stemmers in C, with their own cache

    return Stemmer.Stemmer(STEMMER_NAMES.get(lang, STEMMER_NAMES[DEFAULT_LANGUAGE]))


def stems(tokens: list[str], lang: str) -> list[str]:
    """The stems of folded ``tokens`` in the language ``lang`` ("da", "en")."""
    return _stemmer(lang if lang in STEMMER_NAMES else DEFAULT_LANGUAGE).stemWords(tokens)


def query_stems(word: str) -> set[str]:
    """A folded search word's stems in every language the index knows."""
    return {_stemmer(lang).stemWord(word) for lang in STEMMER_NAMES}
