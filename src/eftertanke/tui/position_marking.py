"""Marking a selected passage against a pre-understanding, from a coding screen.

The register comes from the app's index; the mark is written in a worker
through ``services.positionality.mark_passage`` (one locked write of the
reflection), and the screen is told the journal changed.
"""

from __future__ import annotations

from typing import Any

from eftertanke.analysis.positionality import register
from eftertanke.domain import Entry, ValidationError
from eftertanke.i18n import t
from eftertanke.services.coding import Source
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.strings import said


def start_marking(screen: Any, entry: Entry, where: Source, start: int, end: int) -> None:
    """Ask which pre-understanding and which verdict, then write the mark."""
    app = screen.app
    lang = app.lang
    if end <= start:
        screen.notify(t("tui.position_picker.select_first", lang), severity="warning")
        return
    if not entry.interview:
        screen.notify(t("tui.position_picker.no_interview", lang), severity="warning")
        return
    positions = register(Entry.from_dict(doc) for doc in app.index.docs())
    if not positions:
        screen.notify(t("tui.position_picker.none", lang), severity="warning", timeout=6)
        return
    text = entry.source_text(where.source, where.section) or ""
    from eftertanke.tui.screens.position_picker import PositionPicker

    def chosen(answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        position_id, verdict = answer
        journal = app.journal

        def run() -> None:
            from eftertanke.services.positionality import mark_passage

            try:
                mark_passage(
                    journal, position_id, entry.id, verdict,
                    span=(start, end), section=where.section,
                )  # fmt: skip
            except (EftertankeError, ValidationError, OSError) as exc:
                why = one_line(said(exc, lang), 160)
                app.call_from_thread(
                    screen.notify,
                    t("tui.position_picker.refused", lang, why=why),
                    severity="error",
                    markup=False,
                )
                return
            app.call_from_thread(_marked, screen, verdict)

        screen.run_worker(run, thread=True, exclusive=True, group="coding")

    app.push_screen(PositionPicker(positions, text[start:end]), chosen)


def _marked(screen: Any, verdict: str) -> None:
    screen.app.journal_changed()
    screen.notify(t(f"tui.position_picker.marked.{verdict}", screen.app.lang), timeout=3)
