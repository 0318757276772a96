"""``eftertanke question list|answer|drop|reopen``: the questions reflections carry forward.

A post-interview reflection's answers to its pack's carry-forward prompts
("what did you not ask", "which leads") are open questions for the next
interviews. They are closed with the passage that answered them (a phrase
that occurs once in the answering entry, or ``--section``/``--body`` with
``--span``, as ``code add`` takes them), or dropped with a reason. Every
change goes through ``services.questions``, the use cases the app calls;
stored text is made terminal-safe before it is printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, usage
from eftertanke.cli.render import json_text
from eftertanke.i18n import t
from eftertanke.textsafe import one_line

if TYPE_CHECKING:
    from eftertanke.services.questions import StudyQuestion

SHORT = 8
STATUSES = ("open", "answered", "dropped")


def status_word(question: StudyQuestion, lang: str) -> str:
    return t(f"questions.status.{question.status}", lang)


def closure_line(question: StudyQuestion, lang: str) -> str | None:
    """How a closed question was closed: the answering words, or the reason."""
    if question.status == "dropped":
        return t("questions.dropped_because", lang, reason=one_line(question.question.reason))
    if question.status != "answered":
        return None
    if question.passage is None:
        return t("questions.passage_deleted", lang)
    where = question.answered_in or "–"
    return t("questions.answered_by", lang, words=one_line(question.passage, 80), where=where)


def print_open_questions(questions: list[StudyQuestion], lang: str) -> None:
    """The open questions before a reflection's first prompt (``new --kind interview``)."""
    if not questions:
        return
    import shutil

    # One line each, within the terminal (a wrapped question is hard to scan).
    width = max(30, shutil.get_terminal_size((100, 24)).columns - 2)
    click.echo(t("questions.open_heading", lang, n=len(questions)))
    for question in questions:
        code = question.interview or "–"
        room = width - len(code) - 4
        click.echo(f"  {code}  {one_line(question.question.text, room)}")
    click.echo("")


@click.group("question")
def question_group() -> None:
    """Questions carried forward from one interview's reflection to the next."""


@question_group.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only open, answered or dropped.")
@click.option(
    "--interview", "code", metavar="CODE", shell_complete=completion.INTERVIEWS,
    help="Only the questions this interview's reflection raised.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Output the questions as JSON.")
@pass_app
def list_command(app: AppContext, status: str | None, code: str | None, as_json: bool) -> None:
    """Every carried question of the study, by the interview it came from.

    \b
    An answered question shows the words of the passage that answered it,
    or that the passage was deleted; a dropped one its reason.
    """
    from eftertanke.services.questions import study_questions

    found = study_questions(app.journal(), status=status, interview=code)
    if as_json:
        click.echo(json_text([q.to_json() for q in found]))
        return
    if not found:
        click.echo(t("questions.none", app.lang))
        return
    heading = None
    for question in found:
        if question.interview != heading:
            heading = question.interview
            click.echo(heading or t("questions.no_interview", app.lang))
        status_text = status_word(question, app.lang)
        text = one_line(question.question.text, 100)
        click.echo(f"  {question.question.id[:SHORT]}  {status_text:<10}  {text}")
        closure = closure_line(question, app.lang)
        if closure:
            click.echo(f"  {'':{SHORT}}  {'':<10}  {closure}")


def _span(value: str | None) -> tuple[int, int] | None:
    from eftertanke.cli.codings import _span as code_span

    return code_span(value)


@question_group.command("answer")
@click.argument("ident", metavar="QID", shell_complete=completion.QUESTIONS)
@click.option(
    "--entry", "entry_id", required=True, metavar="ID", shell_complete=completion.ENTRIES,
    help="The entry whose passage answered the question.",
)  # fmt: skip
@click.option("--phrase", help="The answering words; they must occur once in the entry.")
@click.option("--section", metavar="PROMPT_ID", help="The answer --span counts in.")
@click.option("--body", is_flag=True, help="--span counts in the entry's free text.")
@click.option("--span", metavar="START-END", help="Character offsets, end not included.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def answer_command(
    app: AppContext,
    ident: str,
    entry_id: str,
    phrase: str | None,
    section: str | None,
    body: bool,
    span: str | None,
    as_json: bool,
) -> None:
    """Close question QID with the passage of an entry that answered it."""
    from eftertanke.cli.codings import _entry_source
    from eftertanke.services import questions

    offsets = _span(span)
    if (phrase is None) == (offsets is None):
        raise usage("questions.usage.phrase_or_span")
    if phrase is not None and (section or body):
        raise usage("questions.usage.section_with_span")
    journal = app.journal()
    if phrase is not None:
        link = questions.link_to_phrase(journal, entry_id, phrase)
    else:
        assert offsets is not None
        where = _entry_source(journal.get_entry(entry_id, include_deleted=False), section, body)
        link = questions.link_to(journal, where, *offsets)
    question = questions.answer_question(journal, ident, link)
    _done(question, "questions.answered", app, as_json, words=one_line(link.quote, 80))


@question_group.command("drop")
@click.argument("ident", metavar="QID", shell_complete=completion.QUESTIONS)
@click.option("--reason", required=True, help="Why the question is dropped.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def drop_command(app: AppContext, ident: str, reason: str, as_json: bool) -> None:
    """Close question QID without an answer, saying why."""
    from eftertanke.services.questions import drop_question

    question = drop_question(app.journal(), ident, reason)
    _done(question, "questions.dropped", app, as_json)


@question_group.command("reopen")
@click.argument("ident", metavar="QID", shell_complete=completion.QUESTIONS)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def reopen_command(app: AppContext, ident: str, as_json: bool) -> None:
    """Open an answered or dropped question QID again."""
    from eftertanke.services.questions import reopen_question

    question = reopen_question(app.journal(), ident)
    _done(question, "questions.reopened", app, as_json)


def _done(question: object, key: str, app: AppContext, as_json: bool, **values: str) -> None:
    from eftertanke.domain import CarriedQuestion

    assert isinstance(question, CarriedQuestion)
    if as_json:
        click.echo(json_text(question.to_dict()))
        return
    click.echo(t(key, app.lang, id=question.id[:SHORT], **values))


COMMANDS = [question_group]
