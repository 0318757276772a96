"""The ``eftertanke`` program's entry point.

``eftertanke due`` runs on every shell prompt of someone who puts it there,
so the plain case is answered here, before the command line (click and every
command's module, about a quarter of a second) is imported: the arguments
are recognised by hand, the journal's files are read directly
(``store/due_summary.py``) and the same line is printed as the ``due``
command would. Anything else, including any argument this does not know
(``--help``), an encrypted journal or one the fast reader declines, goes
the ordinary way through ``eftertanke.cli``.
"""

from __future__ import annotations

import sys

_VALUE_OPTIONS = {"--journal": "journal", "--lang": "lang"}
_FLAGS = {"--json": "as_json", "--quiet": "quiet", "-q": "quiet", "--notify": "send"}


def due_arguments(argv: list[str]) -> dict[str, object] | None:
    """The settings of a plain ``[--journal P] [--lang L] due [--json] [-q] [--notify]``
    command line, or None if it is anything else."""
    found: dict[str, object] = {
        "journal": None,
        "lang": None,
        "as_json": False,
        "quiet": False,
        "send": False,
    }
    seen_due = False
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if name in _VALUE_OPTIONS:
            if not eq:
                value = next(args, "")
            if not value or (name == "--lang" and value not in ("da", "en")):
                return None
            found[_VALUE_OPTIONS[name]] = value
        elif arg == "due" and not seen_due:
            seen_due = True
        elif seen_due and arg in _FLAGS:
            found[_FLAGS[arg]] = True
        else:
            return None
    return found if seen_due else None


def _fast_due(settings: dict[str, object]) -> int | None:
    """Answer ``due`` from the journal's files; None if the full command must."""
    try:
        from eftertanke import due
        from eftertanke.config import configured_language, resolve_journal
        from eftertanke.store import due_summary

        root = resolve_journal(settings["journal"])  # type: ignore[arg-type]
        summary = due_summary.read(root)
        if summary is None:
            return None
        from datetime import UTC, datetime

        lang = configured_language(settings["lang"])  # type: ignore[arg-type]
        out, note, code = due.report(
            due.status_of(summary, datetime.now(UTC).astimezone()),
            lang,
            as_json=bool(settings["as_json"]),
            quiet=bool(settings["quiet"]),
            send=bool(settings["send"]),
        )
    except Exception:  # noqa: BLE001 - the full command reports whatever is wrong
        return None
    try:
        if out is not None:
            sys.stdout.write(out + "\n")
            sys.stdout.flush()
        if note is not None:
            sys.stderr.write(f"eftertanke: {note}\n")
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return code


def main() -> None:
    settings = due_arguments(sys.argv[1:])
    if settings is not None:
        code = _fast_due(settings)
        if code is not None:
            sys.exit(code)
    from eftertanke.imports import no_collections

    with no_collections():  # 5 ms of a 0.1 s command (eftertanke/imports.py)
        from eftertanke.cli import main as cli_main
    cli_main()
