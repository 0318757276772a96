"""Leaving the writing screen and finishing the entry.

Finishing turns the session into an entry, asks a concept for each new
theme the codebook lacks, and saves in a thread through
``services.writing.write_new_entry``, which saves the entry first and only
then discards its draft. If the save fails the text stays in the editor and
the draft on disk. Leaving with something written asks: save, keep the
draft, discard it, or stay.

Mixed into ``WriteScreen`` (tui/screens/write.py).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work

from eftertanke import i18n
from eftertanke.domain import Entry, ValidationError
from eftertanke.guided import GuidedError
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.strings import said

if TYPE_CHECKING:
    from eftertanke.guided import GuidedSession
    from eftertanke.services.draft_keeper import DraftKeeper
    from eftertanke.tui.app import EftertankeApp


class WriteFinishing:
    """The leaving and saving half of ``WriteScreen``."""

    session: GuidedSession
    eapp: EftertankeApp
    new_themes: dict[str, str]
    _draft: DraftKeeper
    _dirty: bool
    _finished: bool
    _saving: bool

    def _has_content(self) -> bool:
        s = self.session
        return bool(s.answers or s.ratings or s.excerpts or s.themes)

    def action_leave(self) -> None:
        self._store_answer()  # type: ignore[attr-defined]
        if self._finished or not self._has_content():
            self._discard_draft()  # type: ignore[attr-defined]
            self.dismiss()  # type: ignore[attr-defined]
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        def decided(answer: str | None) -> None:
            if answer == "save":
                self.action_finish()  # a refused save stays here, with its reason
            elif answer == "keep":
                self._save_draft()  # type: ignore[attr-defined]
                self.dismiss()  # type: ignore[attr-defined]
            elif answer == "discard":
                self._finished = True
                self._discard_draft()  # type: ignore[attr-defined]
                self.dismiss()  # type: ignore[attr-defined]

        lang = self.eapp.lang
        choices = [
            ("save", i18n.t("tui.write.save_leave", lang)),
            ("keep", i18n.t("tui.write.keep", lang)),
            ("discard", i18n.t("tui.write.discard", lang)),
            ("stay", i18n.t("tui.write.stay", lang)),
        ]
        question = i18n.t("tui.write.leave_q", lang)
        detail = i18n.t("tui.write.leave_detail", lang)
        self.eapp.push_screen(ChoiceDialog(question, choices, detail), decided)

    def action_finish(self) -> None:
        if self._saving:
            return
        self._store_answer()  # type: ignore[attr-defined]
        self._finish_flow()

    @work(exclusive=True, group="finish")
    async def _finish_flow(self) -> None:
        from eftertanke.services.themes import new_theme_names
        from eftertanke.tui.screens.theme_picker import ConceptChoice

        app = self.eapp
        journal = app.journal
        try:
            # The concepts of the themes named, from the codebook the app has loaded.
            codebook = {th.name: th.concept for th in app.data.themes}
            entry = self.session.finish(author=journal.author, theme_concepts=codebook)
        except (GuidedError, ValidationError) as exc:
            app.notify(said(exc, app.lang), severity="warning", markup=False)
            return
        try:
            # The themes the stored codebook lacks, read off the UI thread.
            missing = await asyncio.to_thread(new_theme_names, journal, entry)
        except (OSError, EftertankeError) as exc:
            self._save_failed(exc)
            return
        concepts: dict[str, str] = {}
        for name, concept in missing:
            concept = self.new_themes.get(name, concept)
            if concept is None:
                concept = await app.push_screen_wait(ConceptChoice(name))
                if concept is None:
                    return
            concepts[name] = concept
        self._saving = True
        try:
            await asyncio.to_thread(self._save_entry, entry, concepts)
        except (OSError, EftertankeError, ValidationError) as exc:
            self._save_failed(exc)
            self._dirty = True
            return
        finally:
            self._saving = False
        self._finished = True
        app.journal_changed()
        app.notify(i18n.t("tui.write.saved", app.lang), timeout=3)
        self.dismiss()  # type: ignore[attr-defined]
        app.open_entry(entry.id)

    def _save_failed(self, exc: Exception) -> None:
        lang = self.eapp.lang
        line = i18n.t("tui.write.save_failed", lang, error=said(exc, lang))
        self.eapp.notify(line, severity="error", markup=False, timeout=10)

    def _save_entry(self, entry: Entry, concepts: dict[str, str]) -> None:
        """In a thread: the entry (and its new themes) saved, then the draft let go."""
        from eftertanke.services.writing import write_new_entry

        with self._draft.saving():
            write_new_entry(
                self.eapp.journal, entry, new_themes=concepts, draft_id=self.session.draft_id
            )
