"""What the entry view's keys change: themes of the whole entry (``t``/``T``), a
layer of re-reading (``l``), the trash (``x``/``u``), the version kept after a
merge (``k``) and an export to a Markdown file (``ctrl+e``).

Each change runs in a thread through a use case (``services.entry_actions``,
``services.layers``, ``services.merge``) that checks the entry's revision and
saves atomically; a refusal is one line, changes nothing, and the view
re-reads the entry so a retry starts from what is stored.

``EntryChanges`` is mixed into the entry view (tui/screens/entry.py), which
owns the keys and decides when each is offered (``check_action``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from eftertanke.domain import Entry, ValidationError
from eftertanke.export.markdown import export_filename
from eftertanke.services import entry_actions
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.strings import said

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp


class EntryChanges:
    """Mixed into a ``BaseScreen`` with ``entry_id``, ``entry`` and ``copies``."""

    eapp: EftertankeApp
    entry_id: str
    entry: Entry | None
    copies: list[Entry]
    _shown: tuple[object, ...] | None
    app: Any
    notify: Any
    run_worker: Any
    t: Any
    _check_disk: Any

    def action_add_layer(self) -> None:
        """A dated layer of re-reading under the entry; the entry stays as it is."""
        entry = self.entry
        if entry is None or entry.deleted is not None:
            return
        from eftertanke.tui.screens.layer_dialog import LayerDialog

        def written(text: str | None) -> None:
            if text:
                from eftertanke.services.layers import add_layer

                self._change_themes(
                    lambda journal: add_layer(journal, self.entry_id, text),
                    self.t("layer_added"),
                )

        self.app.push_screen(LayerDialog(entry.display_title(120)), written)

    # -- themes of the whole entry -----------------------------------------------

    def action_link_theme(self) -> None:
        entry = self.entry
        if entry is None or entry.deleted is not None:
            return
        from eftertanke.tui.screens.theme_picker import ThemePicker

        picker = ThemePicker()
        revision = entry.revision

        def chosen(name: str | None) -> None:
            if name:
                concept = picker.new_themes_for(name).get(name)
                self._change_themes(
                    lambda journal: entry_actions.link_theme(
                        journal, self.entry_id, name, revision, concept=concept
                    ),
                    self.t("theme_linked", theme=one_line(name, 60)),
                )

        self.app.push_screen(picker, chosen)

    def action_unlink_theme(self) -> None:
        entry = self.entry
        if entry is None or entry.deleted is not None or not entry.themes:
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        revision = entry.revision
        names = list(entry.themes)

        def chosen(answer: str | None) -> None:
            if answer and answer.isdigit() and int(answer) < len(names):
                name = names[int(answer)]
                self._change_themes(
                    lambda journal: entry_actions.unlink_theme(
                        journal, self.entry_id, name, revision
                    ),
                    self.t("theme_unlinked", theme=one_line(name, 60)),
                )

        answers = [(str(i), one_line(name, 40)) for i, name in enumerate(names)]
        answers.append(("stay", self.t("unlink_none")))
        self.app.push_screen(ChoiceDialog(self.t("unlink_q"), answers), chosen)

    def _change_themes(self, change: Any, done: str) -> None:
        journal = self.eapp.journal

        def run() -> None:
            try:
                change(journal)
            except (EftertankeError, ValidationError, OSError) as exc:
                message = self.t("theme_refused", why=one_line(said(exc, self.eapp.lang), 200))
                self.app.call_from_thread(self._themes_refused, message)
                return
            self.app.call_from_thread(self._themes_changed, done)

        self.run_worker(run, thread=True, exclusive=True, group="entry-io")

    def _themes_refused(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=8)
        self._check_disk()  # show the entry as stored, so a retry starts from it

    def _themes_changed(self, done: str) -> None:
        self.eapp.journal_changed()
        self.notify(done, markup=False, timeout=3)

    # -- the trash and the versions of a merge -----------------------------------

    def action_delete(self) -> None:
        if self.entry is not None and self.entry.deleted is None:
            self._set_deleted(self.entry_id, True)

    def action_restore(self) -> None:
        if self.entry is not None and self.entry.deleted is not None:
            self._set_deleted(self.entry_id, False)

    @work(thread=True, exclusive=True, group="entry-io")
    def _set_deleted(self, entry_id: str, deleted: bool) -> None:
        try:
            entry_actions.set_trashed(self.eapp.journal, entry_id, deleted)
        except (EftertankeError, ValidationError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._deleted_changed, deleted)

    def _deleted_changed(self, deleted: bool) -> None:
        self.eapp.journal_changed()
        self.notify(self.eapp.tr("deleted_undo" if deleted else "restored"))

    def action_keep_version(self) -> None:
        entry = self.entry
        if entry is not None and entry.deleted is None and (entry.conflict_of or self.copies):
            self._keep_version(entry.id)

    @work(thread=True, exclusive=True, group="entry-io")
    def _keep_version(self, entry_id: str) -> None:
        from eftertanke.services.merge import keep_version

        try:
            kept = keep_version(self.eapp.journal, entry_id)
        except (EftertankeError, ValidationError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, said(exc, self.eapp.lang), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._version_kept, kept.id)

    def _version_kept(self, kept_id: str) -> None:
        # The copy on screen went to the trash: show the entry it became.
        self.entry_id = kept_id
        self._shown = None
        self.eapp.journal_changed()
        self.notify(self.t("kept"))

    # -- export ------------------------------------------------------------------

    def action_export(self) -> None:
        if self.entry is None:
            return
        from eftertanke.tui.screens.export_dialog import ExportDialog

        default = f"./{export_filename(self.entry)}"
        self.app.push_screen(ExportDialog(default), self._export_chosen)

    def _export_chosen(self, choice: tuple[Path, bool] | None) -> None:
        if choice is not None and self.entry is not None:
            path, overwrite = choice
            self._export(self.entry, path, overwrite, self.eapp.lang)

    @work(thread=True, exclusive=True, group="entry-export")
    def _export(self, entry: Entry, path: Path, overwrite: bool, lang: str) -> None:
        try:
            entry_actions.export_entry(entry, path, overwrite=overwrite, lang=lang)
        except OSError as exc:
            message = (
                said(exc, self.eapp.lang)
                if isinstance(exc, FileExistsError)
                else f"{path}: {exc.strerror or exc}"
            )
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(
            self.notify, self.eapp.tr("exported_to", path=str(path)), markup=False
        )
