"""``eftertanke theme add|list|show|rename|merge|delete|edit``: the codebook."""

from __future__ import annotations

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, usage
from eftertanke.cli.render import entry_lines, json_text, theme_tree
from eftertanke.domain import CONCEPTS, Theme, ValidationError
from eftertanke.i18n import t
from eftertanke.textsafe import one_line

REASON_OPTION = click.option(
    "--reason", default="", metavar="TEXT", help="Why: kept in the codebook's change log."
)


@click.group("theme")
def theme_group() -> None:
    """Themes: the codebook, organised under the four concepts."""


@theme_group.command("add")
@click.argument("name", required=False)
@click.option("--concept", type=click.Choice(CONCEPTS))
@click.option(
    "--parent", metavar="NAME", help="Place it under another theme.",
    shell_complete=completion.THEMES,
)  # fmt: skip
@click.option("--description", default="")
@click.option("--theory", default="", help="Theory reference, e.g. 'Edmondson 1999'.")
@click.option("--starter", is_flag=True, help="Adopt the starter codebook from the thesis.")
@REASON_OPTION
@pass_app
def add_command(
    app: AppContext,
    name: str | None,
    concept: str | None,
    parent: str | None,
    description: str,
    theory: str,
    starter: bool,
    reason: str,
) -> None:
    """Add a theme under a concept, or the starter codebook with --starter."""
    journal = app.journal()
    if starter:
        if name:
            raise usage("cli.usage.name_or_starter")
        from eftertanke.services.themes import adopt_starter_codebook

        done = adopt_starter_codebook(journal, app.lang, reason=reason)
        click.echo(t("starter_added", app.lang, n=done.added, skipped=done.skipped))
        return
    if not name:
        raise usage("cli.usage.theme_name")
    if not concept:
        raise usage("cli.usage.concept_required")
    theme = journal.add_theme(
        Theme(name=name, concept=concept, parent=parent, description=description, theory=theory),
        reason=reason,
    )
    click.echo(t("theme_added", app.lang, name=theme.name))


@theme_group.command("list")
@click.option("--concept", type=click.Choice(CONCEPTS))
@click.option("--json", "as_json", is_flag=True)
@pass_app
def list_command(app: AppContext, concept: str | None, as_json: bool) -> None:
    """The codebook as a tree under the concepts, with how often each theme is used."""
    journal = app.journal()
    themes = [th for th in journal.themes() if concept is None or th.concept == concept]
    usage = journal.theme_usage()
    if as_json:
        rows = [{**th.to_dict(), "uses": usage.get(th.name, 0)} for th in themes]
        click.echo(json_text(rows))
        return
    if not themes:
        click.echo(t("no_themes", app.lang))
        return
    click.echo("\n".join(theme_tree(themes, usage, app.lang)))


@theme_group.command("show")
@click.argument("name", shell_complete=completion.THEMES)
@click.option("--json", "as_json", is_flag=True, help="The theme and its entries as JSON.")
@pass_app
def show_command(app: AppContext, name: str, as_json: bool) -> None:
    """Every entry that uses a theme."""
    from eftertanke.services.query import EntryFilter, select

    journal = app.journal()
    theme = journal.get_theme(name)
    found = select(journal.raw_entries(), EntryFilter(themes=(theme.name,)))
    if as_json:
        click.echo(json_text({**theme.to_dict(), "entries": [e.to_dict() for e in found]}))
        return
    click.echo(f"{theme.name} ({theme.concept})")
    if theme.description:
        click.echo(theme.description)
    if found:
        click.echo("\n".join(entry_lines(found, app.lang)))


@theme_group.command("rename")
@click.argument("old", shell_complete=completion.THEMES)
@click.argument("new")
@REASON_OPTION
@pass_app
def rename_command(app: AppContext, old: str, new: str, reason: str) -> None:
    """Rename a theme; every entry using it follows."""
    theme, count = app.journal().rename_theme(old, new, reason=reason)
    click.echo(t("theme_renamed", app.lang, name=theme.name, n=count))


@theme_group.command("merge")
@click.argument("source", shell_complete=completion.THEMES)
@click.argument("target", shell_complete=completion.THEMES)
@REASON_OPTION
@pass_app
def merge_command(app: AppContext, source: str, target: str, reason: str) -> None:
    """Merge SOURCE into TARGET: its entries move over and SOURCE goes."""
    theme, count = app.journal().merge_themes(source, target, reason=reason)
    click.echo(t("theme_merged", app.lang, name=theme.name, n=count))


@theme_group.command("delete")
@click.argument("name", shell_complete=completion.THEMES)
@click.option("--yes", is_flag=True, help="Do not ask first (needed when not on a terminal).")
@click.option(
    "--reparent",
    is_flag=True,
    help="Move the themes under it up to its own parent, instead of refusing.",
)
@REASON_OPTION
@pass_app
def delete_command(app: AppContext, name: str, yes: bool, reparent: bool, reason: str) -> None:
    """Delete a theme from the codebook and from everything coded with it.

    It is taken off whole entries, excerpts and coded passages (in the trash
    too) and transcripts; a coded passage with no other theme is removed.
    The text is not touched. A theme with themes under it is refused unless
    --reparent. One all-or-nothing change; asks first unless --yes.
    """
    from eftertanke.privacy.passphrase import stdin_is_terminal
    from eftertanke.services.theme_delete import delete_theme, plan_theme_delete

    journal = app.journal()
    lang = app.lang
    plan = plan_theme_delete(journal, name, reparent=reparent)
    counts = {
        "name": one_line(plan.theme.name),
        "entries": t("entries_count", lang, n=plan.entries),
        "transcripts": t("count.transcripts", lang, n=plan.transcripts),
        "codings": t("count.coded_passages", lang, n=plan.codings),
        "removed": plan.codings_removed,
    }
    if not yes:
        if not stdin_is_terminal():
            removed = t("count.coded_passages", lang, n=plan.codings_removed)
            raise click.UsageError(
                t("theme_delete_needs_yes", lang, **{**counts, "removed": removed})
            )
        question = t("theme_delete_sure", lang, **counts)
        if plan.children:
            where = one_line(plan.parent) if plan.parent else t("theme_delete_top", lang)
            question += " " + t(
                "theme_delete_moves",
                lang,
                children=one_line(", ".join(plan.children)),
                parent=where,
            )
        from eftertanke.cli.words import confirm

        confirm(question, lang, abort=True, err=True)
    done = delete_theme(journal, name, reparent=reparent, reason=reason)
    click.echo(
        t(
            "theme_deleted",
            lang,
            name=one_line(done.theme.name),
            entries=t("entries_count", lang, n=done.entries),
            transcripts=t("count.transcripts", lang, n=done.transcripts),
            removed=t("count.coded_passages", lang, n=done.codings_removed),
        )
    )


@theme_group.command("edit")
@click.argument("name", shell_complete=completion.THEMES)
@click.option("--concept", type=click.Choice(CONCEPTS), help="Move it under another concept.")
@click.option(
    "--parent", metavar="NAME", help="Place it under another theme ('' for none).",
    shell_complete=completion.THEMES,
)  # fmt: skip
@click.option("--description")
@click.option("--theory")
@REASON_OPTION
@pass_app
def edit_command(
    app: AppContext,
    name: str,
    concept: str | None,
    parent: str | None,
    description: str | None,
    theory: str | None,
    reason: str,
) -> None:
    """Change a theme's concept, parent, description or theory reference."""
    journal = app.journal()
    # One locked read-modify-write: a parallel edit of another field lands too.
    with journal.lock:
        theme = journal.get_theme(name)
        if concept:
            theme.concept = concept
        if parent is not None:
            theme.parent = parent or None
        if description is not None:
            theme.description = description
        if theory is not None:
            theme.theory = theory
        if theme.parent and theme.parent.casefold() == theme.name.casefold():
            raise ValidationError("a theme cannot be its own parent")
        journal.update_theme(theme, expected_revision=theme.revision, reason=reason)
    click.echo(t("theme_saved", app.lang, name=theme.name))


@theme_group.command("log")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def log_command(app: AppContext, as_json: bool) -> None:
    """The codebook's change log: every theme added, renamed, merged, moved,
    edited or deleted, oldest first, with who and why."""
    from eftertanke.codebook_log import describe
    from eftertanke.dates import format_datetime

    events = app.journal().codebook_log()
    if as_json:
        click.echo(json_text([event.to_dict() for event in events]))
        return
    if not events:
        click.echo(t("codebook_log.empty", app.lang))
        return
    lang = app.lang
    for event in events:
        parts = [describe(event, lang)]
        if event.by:
            parts.append(t("codebook_log.by", lang, by=event.by))
        if event.reason:
            parts.append(t("codebook_log.reason", lang, reason=event.reason))
        what = " · ".join(parts)
        when = format_datetime(event.at, lang)
        click.echo(one_line(t("codebook_log.line", lang, when=when, what=what)))


COMMANDS = [theme_group]
