"""Translating binding descriptions, so the footer speaks the chosen language.

Textual reads a binding's description when it draws the footer. Bindings are
declared once in English, with ``ACTIONS`` (or a screen's own table, keyed by
``action:NAME``) giving each description in Danish and English; on a language
switch the live bindings of a node are replaced by translated copies.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from eftertanke import i18n
from eftertanke.tui.strings import ACTIONS, Table


def _catalogue_words(node: DOMNode, action: str, bare: str) -> dict[str, str] | None:
    """The description from the catalogue: ``<namespace>.action.<name>``, then ``tui.action.<name>``."""
    namespace = getattr(type(node), "words_namespace", None)
    prefixes = ([namespace()] if namespace else []) + ["tui"]
    for prefix in prefixes:
        for name in (action, bare):
            key = f"{prefix}.action.{name}"
            if i18n.has(key, "en"):
                return i18n.forms(key)
    return None


def translate_bindings(node: DOMNode, lang: str, extra: Table | None = None) -> None:
    bindings = node._bindings.key_to_bindings  # noqa: SLF001 - no public setter exists
    for key, items in bindings.items():
        translated = []
        for binding in items:
            bare = binding.action.removeprefix("app.").removeprefix("screen.")
            table = extra or {}
            texts = (
                _catalogue_words(node, binding.action, bare)
                or table.get(f"action:{binding.action}")
                or table.get(f"action:{bare}")
                or ACTIONS.get(binding.action)
                or ACTIONS.get(bare)
            )
            if texts and binding.description:
                binding = replace(binding, description=texts.get(lang) or binding.description)
            translated.append(binding)
        bindings[key] = translated
