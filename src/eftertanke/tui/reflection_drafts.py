"""The reflection editor's draft: kept while typing, let go once the edit is saved.

Every ``DRAFT_EVERY_SECONDS`` the edit as it stands is compared with the last
draft written; when it changed and differs from the stored entry it is
written as the draft ``edit-<id>`` in an app-level worker (it must finish even
if the screen closes). Every change also remembers the edit, so the app
closing (ctrl+q) with the edit unsaved keeps the last keystrokes too, not only
those of the last timer tick. The draft's ``DraftKeeper``
(services/draft_keeper.py) makes sure that a write landing after the save or
the discard never brings the draft back.

Mixed into ``ReflectionEditScreen`` (tui/screens/reflection_edit.py), the way
``tui/write_drafts.py`` is into the writing screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.widgets import Checkbox, Input, TextArea

from eftertanke.domain import Entry, ValidationError
from eftertanke.services import drafts
from eftertanke.services.draft_keeper import DraftKeeper
from eftertanke.services.reflection_form import changed
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.widgets.rating import RatingBar

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp

DRAFT_EVERY_SECONDS = 1.5


class ReflectionDrafts:
    """The draft half of ``ReflectionEditScreen``."""

    stored: Entry
    base_revision: int
    new_themes: dict[str, str]
    eapp: EftertankeApp
    _saving: bool

    def init_draft(self, resumed: bool) -> None:
        """``resumed``: the edit came from a draft, which is on disk already."""
        self._draft = DraftKeeper(drafts.edit_draft_id(self.stored.id), on_disk=resumed)
        self._draft_saved: dict[str, Any] | None = None
        # The edit as of the last change, for a draft written as the app closes.
        self._latest: Entry | None = None

    @property
    def draft_id(self) -> str:
        return self._draft.draft_id

    @property
    def draft_closed(self) -> bool:
        """True once this screen has let go of its draft (saved or discarded)."""
        return self._draft.closed

    def _keep_draft(self) -> None:
        if self._saving or self._draft.closed:
            return
        edited = self.edited_entry()  # type: ignore[attr-defined]
        data = edited.to_dict()
        if data == self._draft_saved or not changed(self.stored, edited):
            return
        self._draft_saved = data
        draft = drafts.reflection_draft(edited, self.base_revision, self._wished_themes(edited))
        # An app-level worker: it must finish even if this screen closes.
        self.eapp.run_worker(
            lambda: self._write_draft(draft),
            thread=True,
            group="reflection-draft",
            exit_on_error=False,
        )

    def on_unmount(self) -> None:
        # The app is closing (ctrl+q) with the edit unsaved: keep the last
        # keystrokes too, not only those of the last timer tick.
        # The fields are gone by now: the edit as of the last change is used.
        edited = self._latest
        if self._saving or self._draft.closed or edited is None:
            return
        if edited.to_dict() != self._draft_saved and changed(self.stored, edited):
            self._write_draft(
                drafts.reflection_draft(edited, self.base_revision, self._wished_themes(edited))
            )

    def _remember_edit(self) -> None:
        try:
            self._latest = self.edited_entry()  # type: ignore[attr-defined]
        except NoMatches:
            pass  # still being composed, or a quote row mounting

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._remember_edit()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._remember_edit()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self._remember_edit()

    def on_rating_bar_changed(self, _event: RatingBar.Changed) -> None:
        self._remember_edit()

    def _write_draft(self, data: dict[str, Any]) -> None:
        try:
            self._draft.write(self.eapp.journal, data)
        except (EftertankeError, ValidationError, OSError):
            # A draft is a safety net; the form still holds the text.
            pass

    def _drop_draft_now(self) -> None:
        """Let go of the draft and remove it (from a worker thread, after a
        durable save or when the person discarded the edit)."""
        try:
            self._draft.discard(self.eapp.journal)
        except (EftertankeError, OSError):
            pass

    def _discard_draft(self) -> None:
        # App-level, like the draft writes: it must run even as the screen closes.
        self._draft.close()
        self.eapp.run_worker(
            self._drop_draft_now,
            thread=True,
            group="reflection-draft-discard",
            exit_on_error=False,
        )

    def _wished_themes(self, edited: Entry) -> dict[str, str]:
        """The "+ Create" themes the edit still names."""
        named = {name.casefold() for name in edited.themes}
        return {n: c for n, c in self.new_themes.items() if n.casefold() in named}
