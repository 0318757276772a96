"""Re-reading an entry: a dated layer appended to it, the original untouched.

One locked read-modify-write of the entry (``journal.modify_entry``) that
only appends: the entry's text, answers, codings and earlier layers are what
they were, byte for byte. Layers are never edited; one goes only with its
entry (``purge``).
"""

from __future__ import annotations

from datetime import datetime

from eftertanke.domain import Entry, ValidationError, now
from eftertanke.reflexivity import Layer, LayerView, layers_in_order
from eftertanke.store.journal import Journal


def add_layer(
    journal: Journal,
    ident: str,
    text: str,
    *,
    section: str | None = None,
    when: datetime | None = None,
) -> tuple[Entry, Layer]:
    """Append what the writer sees now to entry ``ident`` (optionally about one answer)."""
    layer = Layer(text=text, author=journal.author, section=section or None)
    if when is not None:
        layer.written = when
    layer.validate()

    def change(entry: Entry) -> None:
        if layer.section and not any(s.prompt_id == layer.section for s in entry.sections):
            prompts = ", ".join(s.prompt_id for s in entry.sections) or "none"
            raise ValidationError(
                f"entry {entry.id[:8]} has no answer to prompt {layer.section!r} (its prompts: {prompts})"
            )
        entry.layers.append(layer)

    entry = journal.modify_entry(ident, change)
    return entry, layer


__all__ = ["LayerView", "add_layer", "layers_in_order", "now"]
