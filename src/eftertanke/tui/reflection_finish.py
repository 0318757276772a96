"""Saving the reflection editor's edit, and leaving it.

A save is checked first (a quote's time like "9.7", a quote without an
interview or words, an empty entry): a refused one says why in one line,
focuses the field, and leaves every field as typed. A save that may go runs
through ``services.editing.save_edit`` in a worker (``run_write``) against the
revision the screen opened with; if the entry changed on disk meanwhile the
stored version stays and this edit is saved beside it as a conflict copy.
The draft is held off while the entry is saved and removed only once the
save is durable. Leaving with changes asks: save, discard or stay.

Mixed into ``ReflectionEditScreen`` (tui/screens/reflection_edit.py), the way
``tui/write_finish.py`` is into the writing screen. Its words are the
screen's (``tui.reflection_edit.*``), named in full so the catalogue scan
(tests/test_i18n_coverage.py) checks them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Select

from eftertanke import i18n
from eftertanke.services.reflection_form import (
    QUOTE_BAD_TIME,
    QUOTE_NO_INTERVIEW,
    named_themes,
    quote_interview,
    quote_problem,
)
from eftertanke.textsafe import one_line
from eftertanke.tui.data import WriteDone, WriteFailed, run_write
from eftertanke.tui.widgets.excerpt_row import ExcerptRow
from eftertanke.tui.widgets.theme_list import ThemeList

if TYPE_CHECKING:
    from eftertanke.domain import Entry
    from eftertanke.services.draft_keeper import DraftKeeper
    from eftertanke.tui.app import EftertankeApp

SAVE = "reflection-edit"


class ReflectionFinishing:
    """The saving and leaving half of ``ReflectionEditScreen``."""

    start: Entry
    base_revision: int
    eapp: EftertankeApp
    _draft: DraftKeeper
    _saving: bool
    # Themes the answers named that the last save put in the list.
    _from_answers: list[str]

    def _check(self) -> str | None:
        """Why the form cannot be saved as it is (one line), focusing the field; None if it can."""
        lang = self.eapp.lang
        link = self.link  # type: ignore[attr-defined]
        for row in self.query(ExcerptRow):  # type: ignore[attr-defined]
            quote = row.value()
            row.remove_class("-invalid")
            if quote.blank:
                continue
            problem = quote_problem(
                quote.timestamp, quote.words, quote_interview(quote, self.start.interview, link)
            )
            if problem is None:
                continue
            row.add_class("-invalid")
            if problem == QUOTE_BAD_TIME:
                row.time_input.focus()
                time = one_line(quote.timestamp.strip(), 20)
                return i18n.t("tui.reflection_edit.bad_time", lang, time=time)
            if problem == QUOTE_NO_INTERVIEW:
                self.query_one("#re-interview", Select).focus()  # type: ignore[attr-defined]
                return i18n.t("tui.reflection_edit.quote_needs_interview", lang)
            row.words_input.focus()
            time = one_line(quote.timestamp.strip(), 20) or "–"
            return i18n.t("tui.reflection_edit.quote_needs_words", lang, time=time)
        edited = self.edited_entry()  # type: ignore[attr-defined]
        if (
            not edited.body.strip()
            and not any(s.answer.strip() for s in edited.sections)
            and not edited.ratings
        ):
            return i18n.t("tui.reflection_edit.empty", lang)
        return None

    def _closed_unchanged(self) -> bool:
        """Nothing was changed: close without a save (or a question), and no draft."""
        if self.dirty:  # type: ignore[attr-defined]
            return False
        self._discard_draft()  # type: ignore[attr-defined]
        self.dismiss(None)  # type: ignore[attr-defined]
        return True

    def action_save(self) -> None:
        if self._saving or self._closed_unchanged():
            return
        problem = self._check()
        if problem is not None:
            self._say(problem, error=True)  # type: ignore[attr-defined]
            return
        self._from_answers = self._take_named_themes()
        edited = self.edited_entry()  # type: ignore[attr-defined]
        wished = self._wished_themes(edited)  # type: ignore[attr-defined]
        journal = self.eapp.journal
        base = self.base_revision
        keeper = self._draft
        drop_draft = self._drop_draft_now  # type: ignore[attr-defined]
        self._saving = True
        self._say(i18n.t("tui.reflection_edit.saving", self.eapp.lang))  # type: ignore[attr-defined]

        def save() -> Any:
            from eftertanke.services.editing import save_edit

            # Saved only if nobody changed the entry since this screen opened;
            # otherwise the stored version stays and this edit becomes a
            # conflict copy. Either way nothing is lost. No draft write lands
            # meanwhile; a save that is refused leaves the draft kept.
            with keeper.saving():
                outcome = save_edit(journal, edited, base, new_themes=wished)
            # The save is durable now, so the draft may go (and not before).
            drop_draft()
            return outcome

        run_write(self, SAVE, save)  # type: ignore[arg-type]

    def _take_named_themes(self) -> list[str]:
        """Put the codebook's themes that the edited answers newly name in the list."""
        themes = self.query_one("#re-themes", ThemeList)  # type: ignore[attr-defined]
        added: list[str] = []
        for name in named_themes(self.edit()):  # type: ignore[attr-defined]
            theme = self.eapp.data.codebook.find(name)
            if theme is not None and themes.add(theme.name):
                added.append(theme.name)
        if added:
            self._remember_edit()  # type: ignore[attr-defined]
        return added

    def on_write_done(self, message: WriteDone) -> None:
        if message.what != SAVE:
            return
        message.stop()
        self._saving = False
        lang, notify = self.eapp.lang, self.notify  # type: ignore[attr-defined]
        copy = message.result.conflict_copy
        if self._from_answers:
            names = one_line(", ".join(self._from_answers), 120)
            line = i18n.t("tui.reflection_edit.themes_from_answers", lang, themes=names)
            notify(line, timeout=6, markup=False)
        if copy is None:
            notify(self.eapp.tr("saved"), timeout=2)
            self.dismiss(None)  # type: ignore[attr-defined]
        else:
            line = i18n.t("tui.reflection_edit.saved_as_copy", lang)
            notify(line, severity="warning", timeout=15, markup=False)
            self.dismiss(copy.id)  # type: ignore[attr-defined]

    def on_write_failed(self, message: WriteFailed) -> None:
        if message.what != SAVE:
            return
        message.stop()
        self._saving = False
        error = one_line(str(message.error), 200)
        line = i18n.t("tui.reflection_edit.failed", self.eapp.lang, error=error)
        self._say(line, error=True)  # type: ignore[attr-defined]
        self.notify(line, severity="error", markup=False)  # type: ignore[attr-defined]
        # Keep what was typed on disk too, in case the app goes down next.
        self._keep_draft()  # type: ignore[attr-defined]

    def action_leave(self) -> None:
        if self._saving or self._closed_unchanged():
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        lang = self.eapp.lang

        def chosen(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "keep":
                # Written by an app-level worker, and again as the screen unmounts:
                # offered back on Home and in the entry view, as a quit keeps it.
                self._keep_draft()  # type: ignore[attr-defined]
                self.dismiss(None)  # type: ignore[attr-defined]
            elif answer == "discard":
                self._discard_draft()  # type: ignore[attr-defined]
                self.dismiss(None)  # type: ignore[attr-defined]

        answers = [
            ("save", i18n.t("tui.reflection_edit.leave_save", lang)),
            ("keep", i18n.t("tui.reflection_edit.leave_keep", lang)),
            ("discard", i18n.t("tui.reflection_edit.leave_discard", lang)),
            ("stay", i18n.t("tui.reflection_edit.leave_stay", lang)),
        ]
        question = i18n.t("tui.reflection_edit.leave_q", lang)
        self.eapp.push_screen(ChoiceDialog(question, answers), chosen)
