"""The command line's words: counted things, and the one yes/no question.

Every word itself lives in the catalogue (``locale/*.json``, keys
``cli.<module>.<key>``); this module holds what the commands share around
it: numbers shown the way each language writes them and a confirmation
that answers to the language's own yes (``[J/n]`` accepts j, ja, y, yes).
"""

from __future__ import annotations

from eftertanke.i18n import t


def shown_number(n: int, lang: str) -> str:
    """1234 as "1,234" in English and "1.234" in Danish."""
    return f"{n:,}".replace(",", "." if lang == "da" else ",")


def counted(key: str, lang: str, n: int, **values: object) -> str:
    """A plural table's form for ``n``: ``n`` picks the form, ``{count}`` shows it."""
    return t(key, lang, n=n, count=shown_number(n, lang), **values)
