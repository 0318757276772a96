"""The output format options that several commands share.

Every command that prints data takes ``--json``; one that has several
formats keeps ``--format`` and takes ``--json`` as the same as
``--format json`` (tests/test_json_everywhere.py walks the commands).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
_JSON = click.option(
    "--json", "as_json", is_flag=True, help="Output JSON (the same as --format json)."
)


def FORMAT_OPTION(func: Callable[..., Any]) -> Callable[..., Any]:  # noqa: N802 - a decorator
    """--format, and --json as its alias for --format json (as every data
    command takes --json): the command gets ``fmt`` alone."""

    @functools.wraps(func)
    def command(*args: Any, fmt: str, as_json: bool, **kwargs: Any) -> Any:
        return func(*args, fmt=json_or(fmt, as_json), **kwargs)

    return _FORMAT(_JSON(command))


def json_or(fmt: str, as_json: bool, name: str = "fmt") -> str:
    """The format chosen: --json is --format json; with another --format, a
    usage error. ``name``: the --format parameter's name in the command."""
    if not as_json:
        return fmt
    from click.core import ParameterSource

    context = click.get_current_context(silent=True)
    given = context is not None and context.get_parameter_source(name) not in (
        ParameterSource.DEFAULT,
        None,
    )
    if given and fmt != "json":
        from eftertanke.cli.context import command_lang
        from eftertanke.i18n import t

        raise click.UsageError(t("cli.shell.json_with_format", command_lang(), fmt=fmt))
    return "json"
