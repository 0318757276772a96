"""What new, edit and list share in reading their options: ratings, theme
names and the body piped on standard input. Its own module so that ``new``
(cli/new_entry.py) does not import what ``list`` and ``show`` print with."""

from __future__ import annotations

import click

from eftertanke.cli.context import command_lang, read_stdin_text
from eftertanke.domain import RATING_KEYS
from eftertanke.i18n import t
from eftertanke.store.journal import Journal


def parse_ratings(values: tuple[str, ...]) -> dict[str, int]:
    """The --rate KEY=N values; a wrong key or a number outside 1-5 is a usage error."""
    ratings: dict[str, int] = {}
    for value in values:
        key, sep, number = value.partition("=")
        key = key.strip().lower()
        lang = command_lang()
        if not sep or key not in RATING_KEYS:
            raise click.BadParameter(
                t("error.rate_form", lang, value=repr(value), keys=", ".join(RATING_KEYS)),
                param_hint="--rate",
            )
        out_of_range = t("error.rate_range", lang, value=repr(value))
        try:
            ratings[key] = int(number)
        except ValueError:
            raise click.BadParameter(out_of_range, param_hint="--rate") from None
        if not 1 <= ratings[key] <= 5:
            raise click.BadParameter(out_of_range, param_hint="--rate")
    return ratings


def theme_names(journal: Journal, names: tuple[str, ...]) -> list[str]:
    """Canonical theme names; an unknown theme is an error (exit 1), not a new theme."""
    return [journal.get_theme(name).name for name in names]


def read_stdin() -> str:
    return read_stdin_text()  # invalid UTF-8 is refused with its offset, never replaced
