"""Shell completion of theme names, interview codes and entry ids.

click completes commands and options by itself (``_EFTERTANKE_COMPLETE``,
see the README); the callbacks here, given as ``shell_complete=`` to the
arguments and options that take a theme, an interview or an entry, add the
journal's own names. They read the journal the command line names
(``--journal`` before or after the subcommand, else EFTERTANKE_JOURNAL, the
config, the default) through ``store.completion_names``, which never opens,
creates or changes it. Whatever goes wrong (no journal, a broken config, an
encrypted journal and no passphrase at hand, a damaged file) gives no
suggestions rather than an error: a tab press must never print a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

# Where the hidden copies of the global options (cli/__init__.py) leave their
# values for completion, which runs no command and so has no AppContext.
META_KEY = "eftertanke.{}"


def _given(ctx: click.Context, attribute: str, root_name: str) -> str | None:
    value = ctx.meta.get(META_KEY.format(attribute))
    return value if value else ctx.find_root().params.get(root_name)


def _journal(ctx: click.Context) -> Path | None:
    from eftertanke.config import resolve_journal

    root = resolve_journal(_given(ctx, "journal_arg", "journal_path"))
    return root if root.is_dir() else None


def _passphrase(ctx: click.Context) -> str | None:
    """A passphrase already at hand (its file, or EFTERTANKE_PASSPHRASE); never asked."""
    path = _given(ctx, "passphrase_file", "passphrase_file")
    if path:
        text = Path(path).expanduser().read_text(encoding="utf-8")
        return text.split("\n", 1)[0].removesuffix("\r") or None
    return os.environ.get("EFTERTANKE_PASSPHRASE") or None


def _codec(ctx: click.Context, root: Path) -> Any:
    from eftertanke.store import crypto, files

    section = crypto.read_section(root)
    if section is None:
        return files.PLAIN
    passphrase = _passphrase(ctx)
    if passphrase is None:
        return None
    return crypto.open_codec(root, section, passphrase)


Suggest = Callable[[Path, Any, str], list[CompletionItem]]


def _safely(suggest: Suggest) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    def complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
        try:
            root = _journal(ctx)
            codec = _codec(ctx, root) if root is not None else None
            if root is None or codec is None:
                return []
            return suggest(root, codec, incomplete)
        except Exception:  # noqa: BLE001 - a tab press gets no suggestions, never an error
            return []

    return complete


def _starts(text: str, incomplete: str) -> bool:
    return text.casefold().startswith(incomplete.casefold())


def _themes(root: Path, codec: Any, incomplete: str) -> list[CompletionItem]:
    from eftertanke.store.completion_names import theme_names

    return [CompletionItem(name) for name in theme_names(root, codec) if _starts(name, incomplete)]


def _interviews(root: Path, codec: Any, incomplete: str) -> list[CompletionItem]:
    from eftertanke.store.completion_names import interviews

    return [
        CompletionItem(code, help=role or None)
        for code, role in interviews(root, codec)
        if _starts(code, incomplete)
    ]


def _entries_in(deleted: bool | None) -> Suggest:
    def suggest(root: Path, codec: Any, incomplete: str) -> list[CompletionItem]:
        from eftertanke.store.completion_names import entries

        found = entries(root, incomplete, codec, deleted=deleted)
        return [CompletionItem(ident, help=title or None) for ident, title in found]

    return suggest


def _questions(root: Path, codec: Any, incomplete: str) -> list[CompletionItem]:
    from eftertanke.store.completion_names import questions

    return [CompletionItem(ident, help=text or None) for ident, text in questions(root, incomplete, codec)]


THEMES = _safely(_themes)
QUESTIONS = _safely(_questions)
INTERVIEWS = _safely(_interviews)
ENTRIES = _safely(_entries_in(deleted=False))  # not in the trash
TRASHED = _safely(_entries_in(deleted=True))  # for restore
ANY_ENTRY = _safely(_entries_in(deleted=None))  # for purge


def theme_option(*decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """``click.option`` of a theme name, completed from the journal."""
    return click.option(*decls, shell_complete=THEMES, **attrs)


def interview_option(*decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """``click.option`` of an interview code, completed from the journal."""
    return click.option(*decls, shell_complete=INTERVIEWS, **attrs)


__all__ = [
    "ANY_ENTRY", "ENTRIES", "INTERVIEWS", "META_KEY", "THEMES", "TRASHED",
    "interview_option", "theme_option",
]  # fmt: skip
