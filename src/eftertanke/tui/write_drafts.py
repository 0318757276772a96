"""The writing screen's draft: saved while typing, let go once the entry is saved.

Every change marks the session dirty; a one-second timer writes the draft
in an app-level worker (it must finish even if the screen closes), so at
most about two seconds of typing are ever at risk. The draft's
``DraftKeeper`` (services/draft_keeper.py) makes sure that a write landing
after the entry's save or the draft's discard never brings the draft back.

Mixed into ``WriteScreen`` (tui/screens/write.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eftertanke import i18n
from eftertanke.domain import ValidationError, now
from eftertanke.services.draft_keeper import DraftKeeper
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.strings import said

if TYPE_CHECKING:
    from eftertanke.guided import GuidedSession
    from eftertanke.tui.app import EftertankeApp

AUTOSAVE_SECONDS = 1.0


class WriteDrafts:
    """The draft half of ``WriteScreen``."""

    session: GuidedSession
    eapp: EftertankeApp
    _dirty: bool
    _finished: bool
    _saving: bool

    def init_draft(self, resumed: bool) -> None:
        """``resumed``: the session came from a draft, which is on disk already."""
        self._draft = DraftKeeper(self.session.draft_id, on_disk=resumed)
        self._last_saved = ""

    def _autosave_tick(self) -> None:
        if self._dirty and not self._finished and not self._saving:
            self._dirty = False
            self._save_draft()

    def _save_draft(self) -> None:
        data = self.session.to_draft()
        # An app-level worker: it must finish even if this screen closes.
        self.eapp.run_worker(
            lambda: self._write_draft(data), thread=True, group="drafts", exit_on_error=False
        )

    def _write_draft(self, data: dict[str, Any]) -> None:
        app = self.eapp
        try:
            if not self._draft.write(app.journal, data):
                return  # the entry is saved or the draft discarded: keep it so
        except (OSError, EftertankeError, ValidationError) as exc:
            failed = i18n.t("tui.write.draft_failed", app.lang, error=said(exc, app.lang))
            app.call_from_thread(app.notify, failed, severity="error", markup=False)
            self._dirty = True  # try again on the next tick
            return
        stamp = now().strftime("%H:%M:%S")
        app.call_from_thread(self._draft_written, stamp)

    def _draft_written(self, stamp: str) -> None:
        self._last_saved = stamp
        if self.is_attached:  # type: ignore[attr-defined]
            self._show_status()  # type: ignore[attr-defined]

    def _discard_draft(self) -> None:
        # App-level, like the draft saves: it must run even as the screen closes.
        self._draft.close()
        self.eapp.run_worker(self._close_draft, thread=True, group="drafts", exit_on_error=False)

    def _close_draft(self) -> None:
        self._draft.discard(self.eapp.journal)
