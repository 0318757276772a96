"""Unfinished drafts offered back: at start, and when asked (the palette, Home).

The shell (``app.py``) mixes ``DraftOffer`` in. Every editor's drafts (guided
writing, entry edits, forms) are listed in one dialog
(``screens/drafts.py``); the one chosen is reopened in the editor that wrote
it (``tui/resume.py``), and Home recounts what is left.
"""

from __future__ import annotations

from typing import Any

from eftertanke.services.drafts import DraftInfo


class DraftOffer:
    """Mixed into ``EftertankeApp``: the drafts dialog and what follows it."""

    journal: Any
    push_screen: Any
    drafts_changed: Any

    def _offer_drafts(self) -> None:
        """Every editor's drafts (guided, entry edits, forms), offered back at start."""
        from eftertanke.services.drafts import list_drafts

        found = list_drafts(self.journal)
        if not found:
            return
        from eftertanke.tui.screens.drafts import ResumeDraftScreen

        self.push_screen(ResumeDraftScreen(found), self._resume_chosen)

    def action_show_drafts(self) -> None:
        self._offer_drafts()

    def _resume_chosen(self, draft: DraftInfo | None) -> None:
        if draft is not None:
            from eftertanke.tui.resume import resume

            resume(self, draft)  # type: ignore[arg-type]
        self.drafts_changed()
