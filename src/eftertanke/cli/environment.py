"""The environment variables the program reads, listed under ``eftertanke --help``.

Each has its words in the catalogue (``cli.shell.env.<name in lower case>``),
so the list is said in the language of the command (``--lang`` anywhere on
the command line, else EFTERTANKE_LANG or the config: ``click_words``). tests/test_environment_doc.py
checks that every EFTERTANKE_ name in the source is here and in the README.
"""

from __future__ import annotations

import click

from eftertanke.cli import click_words
from eftertanke.i18n import t

VARIABLES = (
    "EFTERTANKE_JOURNAL",
    "EFTERTANKE_LANG",
    "EFTERTANKE_AUTHOR",
    "EFTERTANKE_CONFIG_DIR",
    "EFTERTANKE_CACHE_DIR",
    "EFTERTANKE_NO_SEARCH_INDEX",
    "EFTERTANKE_NO_BACKGROUND",
    "EFTERTANKE_PASSPHRASE",
    "EFTERTANKE_NEW_PASSPHRASE",
    "EFTERTANKE_MERGE_PASSPHRASE",
    "EFTERTANKE_FONT_DIR",
    "EFTERTANKE_DEBUG",
    "NO_COLOR",
    "_EFTERTANKE_COMPLETE",
)


def environment_help(lang: str) -> tuple[str, list[tuple[str, str]]]:
    """The heading and (variable, what it does) rows, in ``lang``."""
    rows = [(name, t(f"cli.shell.env.{name.strip('_').lower()}", lang)) for name in VARIABLES]
    return t("cli.shell.env.heading", lang), rows


class Program(click_words.LocalisedGroup):
    """The top-level group: its help ends with the environment variables."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        heading, rows = environment_help(click_words.language())
        with formatter.section(heading):
            formatter.write_dl(rows)
