"""Delete for good from the app: what goes is said first, then asked, then done.

The same use case as ``eftertanke purge`` and ``interview delete`` (``services.purge``),
with the same words: the plan is worked out in a thread, shown in a dialog that
lists what goes (the safe answer, Cancel, has the focus), and only on "Delete
for good" is the purge run, in a thread too; its report (what was removed,
the copies rewritten, and the proof that the words are nowhere in the folder)
is then shown, and every screen refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from eftertanke.i18n import t
from eftertanke.services.purge import PurgePlan, plan_lines, purge, report_lines
from eftertanke.store.errors import EftertankeError
from eftertanke.tui.strings import said

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp

PlanMaker = Callable[["Journal"], PurgePlan]


def delete_for_good(app: EftertankeApp, make_plan: PlanMaker) -> None:
    """Work out what ``make_plan`` removes, ask, and purge it if the answer is yes."""

    def plan() -> None:
        try:
            made = make_plan(app.journal)
        except (EftertankeError, OSError) as exc:
            app.call_from_thread(app.notify, said(exc, app.lang), severity="error", markup=False)
            return
        app.call_from_thread(_ask, app, made)

    app.run_worker(plan, thread=True, group="purge", exit_on_error=False)


def _ask(app: EftertankeApp, plan: PurgePlan) -> None:
    from eftertanke.tui.screens.choice import ChoiceDialog

    lang = app.lang
    if plan.empty:
        app.notify(t("cli.purge.nothing", lang), markup=False)
        return

    def answered(answer: str | None) -> None:
        if answer == "purge":
            app.run_worker(lambda: _purge(app, plan), thread=True, group="purge",
                           exit_on_error=False)  # fmt: skip

    app.push_screen(
        ChoiceDialog(
            t("cli.purge.sure", lang),
            [("cancel", t("tui.purge.cancel", lang)), ("purge", t("tui.purge.confirm", lang))],
            "\n".join(plan_lines(plan, lang)),
        ),
        answered,
    )


def _purge(app: EftertankeApp, plan: PurgePlan) -> None:
    lang = app.lang
    try:
        report = purge(app.journal, plan)
    except (EftertankeError, OSError) as exc:
        message = t("tui.purge.failed", lang, error=said(exc, lang))
        app.call_from_thread(app.notify, message, severity="error", markup=False, timeout=10)
        return
    lines = report_lines(report, lang)
    warning = any(is_warning for _line, is_warning in lines)

    def done() -> None:
        app.journal_changed()
        app.notify("\n".join(line for line, _w in lines), markup=False, timeout=10,
                   severity="warning" if warning else "information")  # fmt: skip

    app.call_from_thread(done)
