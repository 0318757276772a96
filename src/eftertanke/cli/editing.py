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
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

from eftertanke.domain import Entry, ValidationError
from eftertanke.store import files
from eftertanke.store.errors import EftertankeError

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
    path = workdir / f".edit-{name}.md"
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
