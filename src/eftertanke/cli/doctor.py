"""``eftertanke doctor [--repair]``: check the journal, restore damaged files.

With a names key configured (``names_key`` in config.toml), doctor also lists
the entries that mention a real name from the key, so they can be
pseudonymised before anything is shared.
"""

from __future__ import annotations

import sys

import click

from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.render import json_text
from eftertanke.i18n import t
from eftertanke.store import doctor
from eftertanke.store.errors import EftertankeError, JournalError
from eftertanke.textsafe import one_line


def name_findings(app: AppContext) -> list[doctor.Finding]:
    """One warning per entry that mentions a real name from the names key."""
    from eftertanke.privacy.names import configured_names_key, entry_mentions

    root = app.journal_path
    key = configured_names_key(root)
    if key is None:
        return []
    try:
        entries = app.journal().entries()
    except EftertankeError as exc:
        return [doctor.Finding("warning", f"names not checked: {exc}")]
    found = []
    for entry in entries:
        names = entry_mentions(entry, key)
        if names:
            title = entry.display_title(40)
            found.append(
                doctor.Finding(
                    "warning",
                    f"entry {entry.id[:8]} ({title}) mentions {', '.join(names)} "
                    "from the names key; export it with --redact",
                )
            )
    if not found:
        found.append(doctor.Finding("info", "no entry mentions a real name from the names key"))
    return found


def conflict_findings(app: AppContext) -> list[doctor.Finding]:
    """One warning per conflict copy a merge left (both sides changed an entry)."""
    from eftertanke.services.merge import describe_conflict_copies

    try:
        messages = describe_conflict_copies(app.journal())
    except EftertankeError as exc:
        return [doctor.Finding("warning", f"conflict copies not checked: {exc}")]
    return [doctor.Finding("warning", message) for message in messages]


def search_index_findings(app: AppContext, repair: bool) -> list[doctor.Finding]:
    """The search index (derived data in the cache folder) as info: missing or
    behind the journal is no fault; --repair rebuilds it."""
    from eftertanke.services.search_doctor import doctor_findings

    try:
        found = doctor_findings(app.journal(), repair=repair)
    except EftertankeError:
        return []
    return [
        doctor.Finding("info", message, key=key, values=values) for key, message, values in found
    ]


@click.command("doctor")
@click.option("--repair", is_flag=True, help="Restore damaged files from the last good copy.")
@click.option(
    "--find",
    "find_text",
    metavar="TEXT",
    help="Only say which files in the journal folder hold TEXT (decrypted where "
    "encrypted): proof that deleted words are gone. Exit 1 if any does.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def doctor_command(app: AppContext, repair: bool, find_text: str | None, as_json: bool) -> None:
    """Check every file of the journal; exit 1 if something is wrong.

    Also lists conflict copies left by a merge, and entries that mention a
    real name from the names key.
    """
    root = app.journal_path
    if not root.is_dir():
        raise JournalError(f"no journal at {root}")
    if find_text is not None:
        _find(app, find_text, as_json)
        return
    codec = app.codec()
    repaired = doctor.repair(root, codec) if repair else []
    problems = doctor.check(root, codec)
    findings = repaired + problems
    if not any(f.level == "error" for f in problems):
        findings += conflict_findings(app)
        findings += name_findings(app)
        findings += search_index_findings(app, repair)
    if as_json:
        rows = [{"level": f.level, "message": f.message} for f in findings]
        click.echo(json_text(rows))
    else:
        lang = app.lang
        for finding in findings:
            level = t(f"cli.doctor.level.{finding.level}", lang)
            click.echo(f"{level}: {one_line(finding.in_language(lang))}")
    # Non-zero while anything is wrong, and once when a repair could not bring
    # something back (the loss is reported, then the journal works on).
    if any(f.level == "error" for f in repaired + problems):
        sys.exit(1)


def _find(app: AppContext, text: str, as_json: bool) -> None:
    from eftertanke.services.purge import where_found

    if not text.strip():
        raise click.UsageError(t("cli.doctor.find_needs_text", app.lang))
    paths = where_found(app.journal(), text)
    if as_json:
        click.echo(json_text(paths))
    elif paths:
        for path in paths:
            click.echo(t("cli.doctor.found", app.lang, path=one_line(path)))
    else:
        click.echo(t("cli.doctor.nowhere", app.lang))
    if paths:
        sys.exit(1)


COMMANDS = [doctor_command]
