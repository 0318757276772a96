"""Translating binding descriptions, so the footer speaks the chosen language.

Textual reads a binding's description when it draws the footer. Bindings are
declared once in English; the catalogue gives each description in Danish and
English (``tui.<module>.action.<name>``, then ``tui.action.<name>``, see
``strings.action_key``); on a language switch the live bindings of a node are
replaced by translated copies.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from eftertanke import i18n
from eftertanke.tui.strings import describe


def translate_bindings(node: DOMNode, lang: str) -> None:
    """The node's bindings described in ``lang``. Textual's own widgets (an
    Input, a TextArea, the palette) are worded by ``tui.action.<action>`` too,
    since the key panel lists their keys; a tooltip by ``tui.tooltip.<action>``."""
    bindings = node._bindings.key_to_bindings  # noqa: SLF001 - no public setter exists
    for key, items in bindings.items():
        translated = []
        for binding in items:
            if binding.description:
                binding = replace(binding, description=describe(type(node), binding, lang))
            tooltip = f"tui.tooltip.{binding.action}"
            if binding.tooltip and i18n.has(tooltip):
                binding = replace(binding, tooltip=i18n.t(tooltip, lang))
            translated.append(binding)
        bindings[key] = translated
