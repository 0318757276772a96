"""One prompt's answer in a guided session, as the writer left it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Answer:
    text: str
    added_later: bool = False
    # The question as last shown, so an answer survives a pack that has
    # since dropped or renamed its prompt.
    prompt_text: str = ""
