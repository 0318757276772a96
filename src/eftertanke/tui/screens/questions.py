"""The questions view: every question reflections carried forward, over the study.

Grouped by the interview whose reflection raised them, oldest first; each
says whether it is open, answered (with the words of the answering passage,
or that the passage was deleted) or dropped (with the reason). ``a`` answers
the highlighted question with a passage (AnswerDialog: the entry, then the
words), ``x`` drops it with a reason, ``o`` reopens it, ``s`` shows only
the open, answered or dropped ones in turn, Enter opens the answering
passage's entry (or the reflection that raised it). Reached from Home (o)
and the palette. The data is ``app.data.questions``; writes run in a worker
through ``services.questions``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.services.questions import StudyQuestion
from eftertanke.textsafe import one_line
from eftertanke.tui.data import WriteDone, WriteFailed, run_write
from eftertanke.tui.screens.base import BaseScreen
from eftertanke.tui.strings import said

FILTERS: tuple[str | None, ...] = (None, "open", "answered", "dropped")
STATUS_STYLE = {"open": "bold $warning", "answered": "$success", "dropped": "dim"}


class QuestionsScreen(BaseScreen):
    CSS_PATH = "questions.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "answer", "Answer"),
        Binding("x", "drop", "Drop"),
        Binding("o", "reopen", "Reopen"),
        Binding("s", "cycle_status", "Show"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = None
        self.shown: dict[str, StudyQuestion] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="questions-summary")
        yield OptionList(id="questions-list")
        yield Static(id="question-detail")
        yield Footer()

    def refresh_texts(self) -> None:
        self.title = self.t("title")
        self.sub_title = str(self.eapp.journal.root)

    # -- drawing -----------------------------------------------------------------

    def _status_text(self, question: StudyQuestion) -> str:
        return self.t(f"status.{question.status}")

    def closure(self, question: StudyQuestion) -> str:
        if question.status == "dropped":
            return self.t("dropped_because", reason=one_line(question.question.reason, 200))
        if question.status != "answered":
            return ""
        if question.passage is None:
            return self.t("passage_deleted")
        words = one_line(question.passage, 120)
        return self.t("answered_by", words=words, where=question.answered_in or "–")

    def _option(self, question: StudyQuestion, width: int) -> Option:
        status = self._status_text(question)
        parts: list[Content | str | tuple[str, str]] = [
            (status.ljust(10), STATUS_STYLE.get(question.status, "")),
            one_line(question.question.text, max(20, width - 12)),
        ]
        closure = one_line(self.closure(question), max(20, width - 12))
        if closure:
            parts += ["\n", " " * 10, (closure, "dim italic")]
        return Option(Content.assemble(*parts), id=f"q:{question.question.id}")

    def refresh_data(self) -> None:
        found = list(self.eapp.data.questions)
        counts = {s: sum(q.status == s for q in found) for s in FILTERS if s}
        shown = [q for q in found if self.status is None or q.status == self.status]
        summary = self.t("summary", open=counts["open"], answered=counts["answered"],
                         dropped=counts["dropped"])  # fmt: skip
        if self.status is not None:
            summary += "  ·  " + self.t("showing", status=self.t(f"status.{self.status}"))
        self.query_one("#questions-summary", Static).update(Content(summary))
        listing = self.query_one("#questions-list", OptionList)
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        listing.clear_options()
        self.shown = {q.question.id: q for q in shown}
        width = self.app.size.width - 6  # the screen's, known at once (stable pictures)
        options: list[Option] = []
        heading: str | None = "\0"
        for question in shown:
            if question.interview != heading:
                heading = question.interview
                n = sum(q.interview == heading for q in shown)
                title = self.t("from_interview", code=heading or "–", n=n)
                options.append(Option(Content.styled(title, "bold $accent"), disabled=True))
            options.append(self._option(question, width))
        if not options:
            options.append(Option(Content(self.t("none")), disabled=True))
        listing.add_options(options)
        self._highlight(listing, keep)
        self._show_detail()

    def _highlight(self, listing: OptionList, wanted: str | None) -> None:
        index = None
        for n, option in enumerate(listing.options):
            if option.disabled:
                continue
            if index is None or option.id == wanted:
                index = n
            if option.id == wanted:
                break
        listing.highlighted = index

    def selected(self) -> StudyQuestion | None:
        option = self.query_one("#questions-list", OptionList).highlighted_option
        if option is None or not (option.id or "").startswith("q:"):
            return None
        return self.shown.get(option.id[2:])  # type: ignore[index]

    def _show_detail(self) -> None:
        from eftertanke.dates import format_date

        detail = self.query_one("#question-detail", Static)
        question = self.selected()
        if question is None:
            detail.update(Content(self.t("keys")))
            return
        lang = self.eapp.lang
        raised = self.t("raised", code=question.interview or "–",
                        date=format_date(question.raised, lang))  # fmt: skip
        lines: list[Content | str | tuple[str, str]] = [
            question.question.text,
            "\n",
            (raised, "dim"),
        ]
        if question.question.closed is not None:
            closed = self.t("closed", status=self._status_text(question),
                            date=format_date(question.question.closed, lang))  # fmt: skip
            lines += ["\n", (closed, "dim")]
        closure = self.closure(question)
        if closure:
            lines += ["\n", (closure, "italic")]
        lines += ["\n", (self.t("keys"), "dim")]
        detail.update(Content.assemble(*lines))

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        question = self.selected()
        if question is None:
            return
        link = question.question.answered_by
        if link is not None and question.passage is not None:
            self.eapp.open_entry(link.entry)
        else:
            self.eapp.open_entry(question.entry_id)

    # -- changing ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "drop", "reopen"):
            question = self.selected()
            if question is None:
                return False
            return (question.status == "open") == (action != "reopen")
        return True

    def action_cycle_status(self) -> None:
        self.status = FILTERS[(FILTERS.index(self.status) + 1) % len(FILTERS)]
        self.refresh_data()

    def action_answer(self) -> None:
        from eftertanke.tui.screens.question_dialogs import AnswerDialog

        question = self.selected()
        if question is None:
            return

        def answered(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            entry_id, phrase = choice
            self._write(question, "answer", entry_id, phrase)

        self.app.push_screen(AnswerDialog(question), answered)

    def action_drop(self) -> None:
        from eftertanke.tui.screens.question_dialogs import DropDialog

        question = self.selected()
        if question is None:
            return

        def dropped(reason: str | None) -> None:
            if reason:
                self._write(question, "drop", reason)

        self.app.push_screen(DropDialog(question), dropped)

    def action_reopen(self) -> None:
        question = self.selected()
        if question is not None:
            self._write(question, "reopen")

    def _write(self, question: StudyQuestion, what: str, *args: str) -> None:
        from eftertanke.services import questions as service

        journal = self.eapp.journal
        ident = question.question.id

        def job() -> object:
            if what == "answer":
                link = service.link_to_phrase(journal, args[0], args[1])
                return service.answer_question(journal, ident, link)
            if what == "drop":
                return service.drop_question(journal, ident, args[0])
            return service.reopen_question(journal, ident)

        run_write(self, f"question-{what}", job)

    def on_write_done(self, message: WriteDone) -> None:
        what = message.what.removeprefix("question-")
        self.notify(self.t(f"done_{what}"), timeout=3)

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(said(message.error, self.eapp.lang), severity="error", timeout=8, markup=False)
