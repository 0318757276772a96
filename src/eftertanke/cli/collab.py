"""Writing together: ``merge``, ``git-setup`` and git's merge driver ``git-merge``.

``git-setup`` registers eftertanke as the merge driver of the journal's data
files, so git hands every three-way merge of a journal file to
``eftertanke git-merge %O %A %B %P`` instead of writing conflict markers.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click

from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.render import json_text
from eftertanke.i18n import t
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line

DRIVER_NAME = "eftertanke"
DRIVER_LABEL = "eftertanke journal merge"
# What eftertanke writes beside the data and git must not carry between clones.
# The manifest (store/manifest.py) is this clone's record of what it wrote: each
# clone writes at its own moments, so a shared one would conflict on every pull;
# the generations inside the data files are what travels between clones.
JOURNAL_IGNORES = (
    ".lock",
    "backups/",
    "drafts/",
    "*.mirror",
    ".tmp-*",
    "manifest.json",
    "intent.json",
)


def _other_passphrase(other: Path, passphrase_file: Path | None) -> Callable[[], str]:
    """Asked only if the other journal is encrypted: its own file or variable,
    else the shared EFTERTANKE_PASSPHRASE, else a prompt on a terminal."""

    def ask() -> str:
        if passphrase_file is not None:
            try:
                return passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise EftertankeError(f"{passphrase_file}: {exc.strerror or exc}") from None
        for name in ("EFTERTANKE_MERGE_PASSPHRASE", "EFTERTANKE_PASSPHRASE"):
            value = os.environ.get(name)
            if value:
                return value
        if sys.stdin.isatty():
            app = click.get_current_context().find_object(AppContext)
            lang = app.lang if app is not None else "en"
            return click.prompt(t("cli.collab.passphrase_of", lang, path=other), hide_input=True)
        raise EftertankeError(
            f"the journal {other} is encrypted: give its passphrase with "
            "--other-passphrase-file or EFTERTANKE_MERGE_PASSPHRASE",
            key="error.other_passphrase_needed",
            path=str(other),
        )

    return ask


@click.command("merge")
@click.argument("other", metavar="OTHER_JOURNAL", type=click.Path(path_type=Path))
@click.option(
    "--other-passphrase-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="File holding the other journal's passphrase, if it is encrypted.",
)
@click.option("--json", "as_json", is_flag=True, help="Output the report as JSON.")
@pass_app
def merge_command(
    app: AppContext, other: Path, other_passphrase_file: Path | None, as_json: bool
) -> None:
    """Bring another journal's entries, interviews, themes and transcripts into this one.

    Entries match by id; interviews and themes by id, then by code or name
    (a theme renamed in one journal stays renamed). When both sides
    changed an entry's text, the newer change wins and the other is kept as a
    conflict copy (see 'eftertanke doctor'). Coded passages merge by
    themselves: codings made on each side are all kept, without a copy. A
    transcript whose turns both sides changed keeps the newer turns, with the
    codings of both, and the other version is kept as a memo. Merging again
    changes nothing.
    """
    from eftertanke.services.merge import merge_journal, open_other_journal

    target = app.journal()
    source = open_other_journal(other, _other_passphrase(other, other_passphrase_file))
    report = merge_journal(target, source)
    if as_json:
        click.echo(json_text(report.to_dict()))
        return
    lang = app.lang
    if not report.changed:
        click.echo(t("cli.collab.nothing", lang))
    for name in MERGE_COUNTS:
        items = getattr(report, name)
        if items:
            click.echo(f"{t(f'cli.collab.count.{name}', lang)}: {len(items)}")
    for copy_id in report.conflicts:
        click.echo(t("cli.collab.conflict_copy", lang, id=copy_id[:8]))
    for memo_id in report.transcripts_set_aside:
        click.echo(t("cli.collab.memo", lang, id=memo_id[:8]))
    for note in report.notes:
        click.echo(t("cli.collab.note", lang, note=one_line(note)))


# What a merge counts, in the order it reports them (cli.collab.count.<name>).
MERGE_COUNTS = (
    "added", "updated", "deleted", "conflicts", "interviews_added", "interviews_updated",
    "themes_added", "themes_updated", "transcripts_added", "transcripts_updated",
    "transcripts_set_aside", "codebook_log_added",
)  # fmt: skip


# -- git ----------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise EftertankeError("git is not installed (or not on PATH)") from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise EftertankeError(
            f"git {args[0]} failed: {message[-1] if message else result.returncode}"
        )
    return result.stdout.strip()


def driver_command() -> str:
    """The command git runs; the running Python, so it works inside a venv."""
    return f"{shlex.quote(sys.executable)} -m eftertanke git-merge %O %A %B %P"


def _attribute_pattern(relative: str) -> str:
    pattern = "*.json" if relative in ("", ".") else f"{relative}/**/*.json"
    if any(c.isspace() or c in '"\\' for c in pattern):
        pattern = '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{pattern} merge={DRIVER_NAME}"


def _append_missing(path: Path, lines: list[str], header: str) -> list[str]:
    """Add the lines ``path`` lacks (idempotent); returns those added."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if missing:
        prefix = "" if not text or text.endswith("\n") else "\n"
        block = ([header] if header not in present else []) + missing
        path.write_text(text + prefix + "\n".join(block) + "\n", encoding="utf-8")
    return missing


def git_setup(journal: Path) -> dict[str, object]:
    """Register the merge driver for ``journal`` in the repository holding it."""
    from eftertanke.services.merge import check_is_journal

    journal = journal.expanduser().resolve()
    check_is_journal(journal)
    toplevel = Path(_git(["rev-parse", "--show-toplevel"], journal)).resolve()
    relative = journal.relative_to(toplevel).as_posix()
    _git(["config", "--local", f"merge.{DRIVER_NAME}.name", DRIVER_LABEL], toplevel)
    _git(["config", "--local", f"merge.{DRIVER_NAME}.driver", driver_command()], toplevel)
    attributes = _append_missing(
        toplevel / ".gitattributes",
        [_attribute_pattern(relative)],
        "# eftertanke merges its journal files itself (eftertanke git-setup)",
    )
    ignores = _append_missing(
        journal / ".gitignore",
        list(JOURNAL_IGNORES),
        "# eftertanke writes these beside the journal's data; they stay on this machine",
    )
    return {
        "repository": str(toplevel),
        "journal": relative or ".",
        "driver": driver_command(),
        "gitattributes_added": attributes,
        "gitignore_added": ignores,
    }


@click.command("git-setup")
@click.option("--json", "as_json", is_flag=True, help="Output what was set up as JSON.")
@pass_app
def git_setup_command(app: AppContext, as_json: bool) -> None:
    """Let git merge this journal: register eftertanke as the merge driver.

    Run it in each clone (git keeps merge drivers in .git/config, which is not
    shared); it also adds .gitattributes and the journal's .gitignore, which
    are committed. Running it again changes nothing.
    """
    done = git_setup(app.journal_path)
    if as_json:
        click.echo(json_text(done))
        return
    lang = app.lang
    config = f"{done['repository']}/.git/config"
    click.echo(t("cli.git_setup.driver_set", lang, driver=DRIVER_NAME, path=config))
    for line in done["gitattributes_added"]:  # type: ignore[attr-defined]
        click.echo(t("cli.git_setup.added", lang, path=".gitattributes", line=one_line(line)))
    for line in done["gitignore_added"]:  # type: ignore[attr-defined]
        ignore = f"{done['journal']}/.gitignore"
        click.echo(t("cli.git_setup.added", lang, path=ignore, line=one_line(line)))
    click.echo(t("cli.git_setup.commit_them", lang))


@click.command("git-merge", hidden=True)
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("ours", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
@click.argument("name", required=False)
def git_merge_command(base: Path, ours: Path, theirs: Path, name: str | None) -> None:
    """git's merge driver: merge %O %A %B of one journal file into %A.

    Exit 0 with the merged file in %A; if a version cannot be read, exit 1
    and leave %A untouched, so git reports a conflict instead.
    """
    from eftertanke.services.merge import MergeInputError, merge_file
    from eftertanke.store.storage import dump

    try:
        merged = merge_file(base, ours, theirs)
    except MergeInputError as exc:
        where = f"{name}: " if name else ""
        raise EftertankeError(f"{where}{exc}") from None
    data = dump(merged)
    try:
        current = ours.read_bytes()
    except OSError:
        current = None
    if current != data:
        ours.write_bytes(data)


COMMANDS = [merge_command, git_setup_command, git_merge_command]
