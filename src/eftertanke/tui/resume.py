"""Opening a draft again: each kind goes back to the editor that wrote it.

Guided drafts reopen the write screen; an edit draft reopens the entry with
its edit dialog over it; a form draft reopens its form with what was typed.
A draft whose record is gone is left on disk and the person is told where
to find it (``eftertanke drafts show ID``): its text is never dropped here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eftertanke import i18n
from eftertanke.services import drafts

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp


def resume(app: EftertankeApp, info: drafts.DraftInfo) -> None:
    data = info.data
    if info.kind == drafts.KIND_GUIDED:
        app.start_writing(draft=data)
    elif info.kind == drafts.KIND_EDIT and info.entry:
        resume_edit(app, info.entry, data, info.id)
    elif info.kind == drafts.KIND_INTERVIEW:
        from eftertanke.tui.screens.interview_form import InterviewForm

        def saved(code: str | None) -> None:
            if code:
                app.open_interview(code)

        app.push_screen(InterviewForm(info.interview, draft=data), saved)
    elif info.kind == drafts.KIND_THEME and info.form:
        from eftertanke.tui.screens import theme_forms

        forms: dict[str, Any] = {
            "theme-add": lambda: theme_forms.AddThemeForm(draft=data),
            "theme-rename": lambda: theme_forms.RenameThemeForm(info.theme, draft=data),
            "theme-merge": lambda: theme_forms.MergeThemeForm(info.theme, draft=data),
            "theme-move": lambda: theme_forms.MoveThemeForm(info.theme, draft=data),
        }

        def shown(name: str | None) -> None:
            if name:
                app.open_theme(name)

        app.push_screen(forms[info.form](), shown)
    else:
        app.notify(
            i18n.t("tui.resume.unknown", app.lang, id=info.id), severity="warning", markup=False
        )


def resume_edit(app: EftertankeApp, entry_id: str, data: dict[str, Any], draft_id: str) -> None:
    """The entry, and its edit dialog over it holding the draft's text."""
    from eftertanke.tui.screens.entry import EntryScreen
    from eftertanke.tui.screens.reflection_edit import editor_for

    # From the app's index (the drafts were listed after it loaded); the editor
    # checks the draft's revision against the stored entry when it saves.
    index = app.index
    entry = index.entry(entry_id, deleted=True)
    if entry is None:
        app.notify(
            i18n.t("tui.resume.entry_gone", app.lang, id=draft_id),
            severity="warning",
            timeout=15,
            markup=False,
        )
        return
    screen = app.screen
    if not (isinstance(screen, EntryScreen) and screen.entry_id == entry.id):
        app.push_screen(EntryScreen(entry.id))
    app.push_screen(editor_for(entry, draft=data))
