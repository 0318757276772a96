"""One prompt's answer in a guided session, as the writer left it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Answer:
    """One prompt's answer: its text, the question as shown, and what of it was added later."""

    text: str
    added_later: bool = False
    # The question as last shown, so an answer survives a pack that has
    # since dropped or renamed its prompt.
    prompt_text: str = ""
    # Where the added-later part begins in ``text``: what the writer types
    # after marking is added later, what was there before is not. None with
    # ``added_later``: the whole answer (the mark was set on an empty answer,
    # or by an older draft).
    added_later_from: int | None = None

    def retyped(self, text: str) -> int | None:
        """Where the added-later part begins once ``text`` replaces ``self.text``.

        The one edit between the two is found from their common start and
        end: an edit before the mark moves it, one after leaves it, and one
        across it starts the added-later part where the edit began (what was
        typed there is new)."""
        mark = self.added_later_from
        if not self.added_later or mark is None:
            return mark
        old = self.text
        prefix = 0
        limit = min(len(old), len(text))
        while prefix < limit and old[prefix] == text[prefix]:
            prefix += 1
        if prefix >= mark:
            return mark
        suffix = 0
        while (
            suffix < limit - prefix
            and old[len(old) - 1 - suffix] == text[len(text) - 1 - suffix]
        ):
            suffix += 1
        if len(old) - suffix <= mark:
            return mark + len(text) - len(old)
        return prefix
