"""Editing an entry in $EDITOR: a small text form, written and read back.

The form keeps the metadata people change most (title, themes, concepts,
interview) as header lines above a ``---`` line, then the body, then each
guided section behind a ``<!-- prompt: ID -->`` marker so answers find their
way back to their prompt. The file lives in the journal's drafts folder
(mode 0600), never in the system temp folder.

An encrypted journal refuses $EDITOR: the editor must read a plain file, and
editors keep their own swap, backup and undo files beside it or in their own
folders, out of eftertanke's reach. Nothing plain may reach the disk while a
journal is encrypted, so its text is written with -m, standard input, the
guided prompts or the terminal app, whose drafts are encrypted.

An editor session can last an hour; the entry is not locked meanwhile. The
edit is saved against the revision it started from (``save_edit``): if the
entry changed, was trashed or removed meanwhile, the stored version stays and
the edit becomes a conflict copy, said in one line on stderr. If the edit
cannot be saved at all (an unknown theme typed in the header), its text is
kept in the form file and the error names it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from eftertanke.domain import Entry, ValidationError
from eftertanke.services import drafts
from eftertanke.store import files
from eftertanke.store.errors import EftertankeError

if TYPE_CHECKING:
    from eftertanke.cli.context import AppContext
    from eftertanke.services.editing import EditOutcome
    from eftertanke.store.journal import Journal

_MARKER = re.compile(r"^<!-- prompt: (?P<id>[^ ]+) -->$")
_HEADERS = ("title", "themes", "concepts", "interview")


def entry_to_form(entry: Entry) -> str:
    lines = [
        f"title: {entry.title}",
        f"themes: {', '.join(entry.themes)}",
        f"concepts: {', '.join(entry.concepts)}",
        f"interview: {entry.interview or ''}",
        "---",
        entry.body.rstrip("\n"),
    ]
    for section in entry.sections:
        lines.extend(
            [
                "",
                f"<!-- prompt: {section.prompt_id} -->",
                f"## {section.prompt_text}",
                "",
                section.answer.rstrip("\n"),
            ]
        )
    return "\n".join(lines) + "\n"


def apply_form(entry: Entry, text: str) -> Entry:
    """Read an edited form back into ``entry`` (a copy is not made)."""
    head, sep, rest = text.partition("\n---\n")
    if not sep:
        raise ValidationError("the edited text lost its '---' line under the header")
    for line in head.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key not in _HEADERS:
            continue
        if key == "title":
            entry.title = value
        elif key == "interview":
            entry.interview = value or None
        else:
            items = [v.strip() for v in value.split(",") if v.strip()]
            setattr(entry, key, items)
    chunks = re.split(r"^(<!-- prompt: [^ ]+ -->)$", rest, flags=re.MULTILINE)
    entry.body = chunks[0].rstrip("\n").rstrip() + ("\n" if chunks[0].strip() else "")
    entry.body = entry.body.strip("\n")
    by_id = {s.prompt_id: s for s in entry.sections}
    for marker, answer in zip(chunks[1::2], chunks[2::2], strict=False):
        match = _MARKER.match(marker)
        if not match or match.group("id") not in by_id:
            continue
        section = by_id[match.group("id")]
        answer = answer.strip("\n")
        heading = f"## {section.prompt_text}"
        answer = answer.removeprefix(heading)
        section.answer = answer.strip("\n")
    return entry


def form_path(workdir: Path, name: str) -> Path:
    return workdir / f".edit-{name}.md"


def run_editor(text: str, workdir: Path, name: str) -> str:
    """Open $VISUAL/$EDITOR on ``text``; returns what was saved."""
    from eftertanke.store.crypto import is_encrypted_folder

    if is_encrypted_folder(workdir.parent):
        raise EftertankeError(
            "the journal is encrypted, and $EDITOR would write your text to disk unencrypted "
            "(editors also keep swap and backup files); write with -m, standard input, "
            "the guided prompts or the terminal app instead"
        )
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise EftertankeError("no editor: set $EDITOR (or pass the text with -m)")
    files.ensure_private_dir(workdir)
    path = form_path(workdir, name)
    files.atomic_write_bytes(path, text.encode("utf-8"), durable=False)
    try:
        result = subprocess.run([*shlex.split(command), str(path)], check=False)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise EftertankeError(f"cannot start the editor {command!r}: {exc.strerror}") from exc
    if result.returncode != 0:
        # Keep what was typed: the user may want it back.
        raise EftertankeError(
            f"the editor exited with status {result.returncode}; nothing saved (your text is in {path})"
        )
    edited = path.read_text(encoding="utf-8")
    path.unlink(missing_ok=True)
    return edited


def keep_form(workdir: Path, name: str, text: str, error: Exception) -> EftertankeError:
    """Put an edited form that could not be saved back on disk (durably: it is
    now the only copy of the text) and return the error that says where."""
    path = form_path(workdir, name)
    files.atomic_write_bytes(path, text.encode("utf-8"))
    return EftertankeError(f"{error}; nothing saved (your text is in {path})")


def edit_in_editor(app: AppContext, journal: Journal, ident: str) -> None:
    """``eftertanke edit ID`` on a terminal: the entry in $EDITOR, saved
    against the revision it was opened at."""
    import click

    from eftertanke.cli.render import short
    from eftertanke.i18n import t
    from eftertanke.services.editing import save_edit
    from eftertanke.store import layout

    entry = journal.get_entry(ident, include_deleted=False)
    base_revision = entry.revision
    opened = entry.to_dict()
    kept = _kept_edit(app, journal, entry)
    new_themes: dict[str, str] = {}
    if kept is not None:
        # Start from the app's unsaved edit (a reflection editor's keeps every
        # field), against the revision it was made on: if the entry changed
        # since, the save below keeps both versions.
        entry = drafts.edited_entry(entry, kept)
        new_themes = drafts.draft_new_themes(kept)
        base_revision = drafts.base_revision(kept) or base_revision
        opened = {}
    workdir = journal.root / layout.DRAFTS_DIR
    edited = run_editor(entry_to_form(entry), workdir, entry.id)
    try:
        apply_form(entry, edited)
        wished = {name.casefold(): name for name in entry.themes if name in new_themes}
        entry.themes = [
            wished.get(name.casefold()) or journal.get_theme(name).name for name in entry.themes
        ]
        new_themes = {n: c for n, c in new_themes.items() if n in entry.themes}
        if entry.interview:
            entry.interview = journal.get_interview(entry.interview).code
        entry.validate()
        if entry.to_dict() == opened:
            click.echo(t("unchanged", app.lang))
            return
        outcome = save_edit(journal, entry, base_revision, new_themes=new_themes)
    except (EftertankeError, ValidationError) as exc:
        raise keep_form(workdir, entry.id, edited, exc) from exc
    if kept is not None:
        journal.discard_draft(str(kept["draft_id"]))  # only now that the edit is saved
    if outcome.conflict_copy is None:
        click.echo(t("edited", app.lang, id=short(entry.id)))
        return
    line = conflict_line(entry.id, outcome, app.lang)
    click.echo(t("cli.editing.warning", app.lang, message=line), err=True)


def _kept_edit(app: AppContext, journal: Journal, entry: Entry) -> dict | None:
    """The app's unsaved edit of ``entry``, if one was kept and the person wants it."""

    from eftertanke.cli.words import confirm
    from eftertanke.dates import humanize_since
    from eftertanke.i18n import t

    kept = drafts.edit_draft_for(journal, entry.id)
    if kept is None:
        return None
    when = drafts.describe(kept).saved
    shown = humanize_since(when, app.lang) if when else "?"
    if confirm(t("resume_edit_draft", app.lang, when=shown), app.lang, default=True):
        return kept
    return None


def conflict_line(entry_id: str, outcome: EditOutcome, lang: str = "en") -> str:
    """One line saying what happened to an edit that lost a race, naming both ids."""
    from eftertanke.i18n import t

    copy = outcome.conflict_copy
    assert copy is not None
    if outcome.entry.id == copy.id:
        happened = "removed"
    elif outcome.entry.deleted is not None:
        happened = "trashed"
    else:
        happened = "changed"
    return t(f"cli.editing.{happened}", lang, id=entry_id[:8], copy=copy.id[:8])
