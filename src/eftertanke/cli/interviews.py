"""``eftertanke interview add|list|show|edit``."""

from __future__ import annotations

from typing import Any

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, when_option
from eftertanke.cli.render import interview_document, interview_line, json_text
from eftertanke.domain import INTERVIEW_LEVELS, INTERVIEW_MODES, INTERVIEW_STATUSES, Interview
from eftertanke.i18n import t


def _interview_options(func):  # type: ignore[no-untyped-def]
    options = [
        click.option("--role", help="Function title, e.g. 'plejeboligchef'."),
        click.option("--level", type=click.Choice(INTERVIEW_LEVELS)),
        click.option("--org", "organisation", help="Organisation or department."),
        click.option("--date", "when", metavar="WHEN", help="Date and time, e.g. '2026-03-14 10:00'."),
        click.option("--mode", type=click.Choice(INTERVIEW_MODES)),
        click.option("--status", type=click.Choice(INTERVIEW_STATUSES)),
        click.option("--interviewer"),
        click.option("--duration", "duration_minutes", type=click.IntRange(1, 1440), help="Minutes."),
        click.option("--transcript", help="Where the transcript is."),
        click.option("--consent", help="Consent and anonymity note."),
        click.option("--notes"),
        click.option("--appendix", help="The transcript's appendix number in the thesis, e.g. 7."),
        click.option(
            "--reflection-appendix", help="The appendix number of the reflection after it, e.g. 5."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _apply(interview: Interview, values: dict[str, Any]) -> None:
    when = when_option(values.pop("when", None), "--date")
    if when is not None:
        interview.date = when
    for key, value in values.items():
        if value is not None:
            setattr(interview, key, value)


@click.group("interview")
def interview_group() -> None:
    """Interviews: the conversations reflections are about."""


@interview_group.command("add")
@click.argument("code")
@_interview_options
@pass_app
def add_command(app: AppContext, code: str, **values: Any) -> None:
    """Add an interview with a short CODE such as I03."""
    if not values.get("role"):
        raise click.UsageError("--role is required (the respondent's function title)")
    interview = Interview(code=code)
    _apply(interview, values)
    if values.get("status") is None and interview.date is not None:
        from eftertanke.domain import now

        interview.status = "done" if interview.date <= now() else "planned"
    app.journal().add_interview(interview)
    click.echo(t("interview_added", app.lang, code=interview.code))


@interview_group.command("list")
@click.option("--status", type=click.Choice(INTERVIEW_STATUSES))
@click.option("--json", "as_json", is_flag=True)
@pass_app
def list_command(app: AppContext, status: str | None, as_json: bool) -> None:
    """List interviews with their status and number of reflections."""
    journal = app.journal()
    interviews = [i for i in journal.interviews() if status is None or i.status == status]
    counts: dict[str, int] = {}
    for doc in journal.raw_entries():
        if doc.get("interview") and doc.get("kind") == "interview":
            counts[doc["interview"]] = counts.get(doc["interview"], 0) + 1
    if as_json:
        rows = [{**i.to_dict(), "reflections": counts.get(i.code, 0)} for i in interviews]
        click.echo(json_text(rows))
        return
    if not interviews:
        click.echo(t("no_interviews", app.lang))
        return
    for interview in interviews:
        click.echo(interview_line(interview, app.lang, counts.get(interview.code, 0)))


@interview_group.command("show")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show_command(app: AppContext, code: str, as_json: bool) -> None:
    """Show an interview with its reflections and excerpts."""
    journal = app.journal()
    interview = journal.get_interview(code)
    from eftertanke.services.query import EntryFilter, select

    linked = select(journal.raw_entries(), EntryFilter(interview=interview.code))
    if as_json:
        data = {**interview.to_dict(), "entries": [e.id for e in linked]}
        click.echo(json_text(data))
        return
    click.echo(interview_document(interview, app.lang, linked))


@interview_group.command("edit")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.option("--code", "new_code", help="Give the interview a new code (entries follow).")
@_interview_options
@pass_app
def edit_command(app: AppContext, code: str, new_code: str | None, **values: Any) -> None:
    """Change an interview's details."""
    journal = app.journal()
    # One locked read-modify-write: a parallel edit of another field lands too.
    with journal.lock:
        interview = journal.get_interview(code)
        before = interview.to_dict()
        old_code = interview.code
        _apply(interview, values)
        if new_code:
            interview.code = new_code
        if interview.to_dict() == before:
            click.echo(t("unchanged", app.lang))
            return
        journal.update_interview(
            interview, old_code=old_code, expected_revision=interview.revision
        )
    click.echo(t("interview_saved", app.lang, code=interview.code))


def _add_delete() -> None:
    from eftertanke.cli.purge import interview_delete_command

    interview_group.add_command(interview_delete_command)


_add_delete()

COMMANDS = [interview_group]
