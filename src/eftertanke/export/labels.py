"""Headings and words of exported documents: ``export.<key>`` in the catalogue."""

from __future__ import annotations

import re

from eftertanke import i18n
from eftertanke.domain import CONCEPT_NAMES


def label(key: str, lang: str, **values: object) -> str:
    """The export word ``key`` (catalogue key ``export.<key>``) in ``lang``."""
    full = f"export.{key}"
    return i18n.t(full, lang, **values) if i18n.has(full) else key


def concept_name(key: str, lang: str) -> str:
    return CONCEPT_NAMES.get(key, {}).get(lang, key)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_inline(text: str) -> str:
    """User text on one line with Markdown's active characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


__all__ = ["concept_name", "label", "md_inline"]
