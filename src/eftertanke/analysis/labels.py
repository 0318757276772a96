"""The analysis views' words (command line, report, TUI): ``analysis.<key>`` in the catalogue."""

from __future__ import annotations

from eftertanke import i18n
from eftertanke.domain import CONCEPT_NAMES


def w(key: str, lang: str, **values: object) -> str:
    """The analysis word ``key`` (catalogue key ``analysis.<key>``) in ``lang``."""
    full = f"analysis.{key}"
    return i18n.t(full, lang, **values) if i18n.has(full) else key


def concept_label(concept: str, lang: str) -> str:
    if concept in CONCEPT_NAMES:
        return CONCEPT_NAMES[concept][lang if lang in ("da", "en") else "en"]
    return w("uncategorised", lang)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"
