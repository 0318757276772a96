"""The Analysis screen's "by prompt" tab: choose a prompt, read every answer
to it across the interviews in interview date order, and see the prompt ×
interview matrix of words written and prompts skipped.

The rules are ``eftertanke.analysis.by_prompt``'s; this widget draws a
``Reflections`` the screen computed in its worker. The questions are the
pack's, in the app's language; stored answers go in as ``Content`` only.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from eftertanke.analysis.by_prompt import PromptAnswers, Reflections
from eftertanke.analysis.by_prompt_tables import SKIPPED, answer_heading
from eftertanke.i18n import t
from eftertanke.textsafe import one_line, valid_text


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"by_prompt.{key}", lang, **values)


def answers_content(result: PromptAnswers, lang: str) -> Content:
    """The question, then each answer under its interview, date, author and words."""
    parts: list[Content | str] = [Content.styled(one_line(result.prompt.question), "bold")]
    if not result.answers:
        parts += ["\n\n", Content.styled(_w("none_answered", lang), "dim")]
    for answer in result.answers:
        heading = answer_heading(
            answer.interview, answer.interview_date, answer.author, answer.words, lang
        )
        parts += ["\n\n", Content.styled(one_line(heading), "bold $accent"), "\n"]
        parts.append(Content(valid_text(answer.text)))
    if result.skipped:
        skipped = _w("skipped_in", lang, interviews=", ".join(result.skipped))
        parts += ["\n\n", Content.styled(one_line(skipped), "dim italic")]
    return Content.assemble(*parts)


class ByPromptView(Vertical):
    """Prompt chooser and answers side by side; the matrix below."""

    DEFAULT_CSS = """
    ByPromptView { height: 1fr; }
    ByPromptView #byprompt-body { height: 2fr; }
    ByPromptView #byprompt-prompts { width: 34; height: 1fr; border: none; padding: 0; }
    ByPromptView #byprompt-answers { width: 1fr; height: 1fr; padding: 0 1; }
    ByPromptView #byprompt-text { height: auto; }
    ByPromptView #byprompt-matrix { height: 1fr; }
    ByPromptView .empty { color: $text-muted; height: auto; padding: 1 0; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.reflections: Reflections | None = None
        self.lang = "da"
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="byprompt-empty", classes="empty")
        with Horizontal(id="byprompt-body"):
            yield OptionList(id="byprompt-prompts")
            with VerticalScroll(id="byprompt-answers"):
                yield Static(id="byprompt-text")
        yield DataTable(id="byprompt-matrix", cursor_type="row", zebra_stripes=True)

    def show(self, reflections: Reflections, lang: str) -> None:
        """Draw ``reflections``; the chosen prompt stays chosen when it is still there."""
        self.reflections, self.lang = reflections, lang
        empty = not reflections.interviews
        message = _w("matrix_empty", lang, pack=reflections.pack) if empty else ""
        self.query_one("#byprompt-empty", Static).update(Content(message))
        self.query_one("#byprompt-empty").display = empty
        for selector in ("#byprompt-body", "#byprompt-matrix"):
            self.query_one(selector).display = not empty
        if empty:
            return
        options = self.query_one("#byprompt-prompts", OptionList)
        options.clear_options()
        matrix = reflections.matrix()
        for prompt in reflections.prompts:
            answered = len(matrix.interviews) - len(matrix.skipped(prompt.id))
            label = f"{one_line(prompt.question, 26)} ({answered}/{len(matrix.interviews)})"
            options.add_option(Option(Content(label), id=prompt.id))
        ids = [p.id for p in reflections.prompts]
        if self.chosen not in ids:
            self.chosen = ids[0] if ids else None
        if self.chosen is not None:
            options.highlighted = ids.index(self.chosen)
            self.choose(self.chosen)
        self._show_matrix()

    def choose(self, prompt_id: str) -> None:
        """Show every answer to ``prompt_id``."""
        if self.reflections is None or self.reflections.prompt(prompt_id) is None:
            return
        self.chosen = prompt_id
        answers = self.reflections.answers_to(prompt_id)
        self.query_one("#byprompt-text", Static).update(answers_content(answers, self.lang))
        self.query_one("#byprompt-answers", VerticalScroll).scroll_home(animate=False)

    def _show_matrix(self) -> None:
        assert self.reflections is not None
        matrix = self.reflections.matrix()
        table = self.query_one("#byprompt-matrix", DataTable)
        table.clear(columns=True)
        table.add_column(Text(_w("prompt", self.lang)), key="prompt")
        for code in matrix.interviews:
            table.add_column(Text(one_line(code, 12), justify="right"), key=f"i:{code}")
        table.add_column(Text(_w("skipped", self.lang), justify="right"), key="skipped")
        for prompt in matrix.prompts:
            cells = [
                Text(str(n), justify="right") if (n := matrix.cell(prompt.id, code))
                else Text(SKIPPED, style="dim", justify="right")
                for code in matrix.interviews
            ]  # fmt: skip
            skipped = len(matrix.skipped(prompt.id))
            table.add_row(
                Text(one_line(prompt.question, 40)), *cells,
                Text(str(skipped), justify="right"), key=prompt.id,
            )  # fmt: skip

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.choose(event.option.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a matrix row chooses that prompt in the list above."""
        event.stop()
        prompt_id = event.row_key.value
        if self.reflections is None or prompt_id is None:
            return
        ids = [p.id for p in self.reflections.prompts]
        if prompt_id in ids:
            self.query_one("#byprompt-prompts", OptionList).highlighted = ids.index(prompt_id)
            self.choose(prompt_id)
