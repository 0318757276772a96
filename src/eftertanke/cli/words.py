"""The command line's words: counted things, and the one yes/no question.

Every word itself lives in the catalogue (``locale/*.json``, keys
``cli.<module>.<key>``); this module holds what the commands share around
it: numbers shown the way each language writes them and a confirmation
that answers to the language's own yes (``[J/n]`` accepts j, ja, y, yes).
"""

from __future__ import annotations

from eftertanke.i18n import t


def shown_number(n: int, lang: str) -> str:
    """1234 as "1,234" in English and "1.234" in Danish."""
    return f"{n:,}".replace(",", "." if lang == "da" else ",")


def counted(key: str, lang: str, n: int, **values: object) -> str:
    """A plural table's form for ``n``: ``n`` picks the form, ``{count}`` shows it."""
    return t(key, lang, n=n, count=shown_number(n, lang), **values)


def _answers(key: str, lang: str) -> set[str]:
    return {word.strip() for word in t(key, lang).split(",") if word.strip()}


def confirm(
    question: str, lang: str, *, default: bool = False, abort: bool = False, err: bool = False
) -> bool:
    """A yes/no question in ``lang``: ``[J/n]`` in Danish (j, ja, y, yes are
    yes), ``[Y/n]`` in English; Enter takes the default. With ``abort``, a no
    stops the command as click.confirm's does."""
    import click

    choices = t("cli.words.choices_yes" if default else "cli.words.choices_no", lang)
    yes, no = _answers("cli.words.yes", lang), _answers("cli.words.no", lang)
    while True:
        answer = click.prompt(
            f"{question} {choices}", default="", show_default=False, err=err, prompt_suffix=" "
        )
        answer = answer.strip().casefold()
        if not answer:
            result = default
            break
        if answer in yes or answer in no:
            result = answer in yes
            break
        click.echo(t("cli.words.yes_or_no", lang), err=err)
    if abort and not result:
        raise click.exceptions.Abort
    return result
