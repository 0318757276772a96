"""``eftertanke cite``: a ready citation of a coded passage, an entry or a transcript turn."""

from __future__ import annotations

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, usage
from eftertanke.cli.render import json_text
from eftertanke.store.errors import NotFoundError
from eftertanke.textsafe import one_line


def _span(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    start, sep, end = value.partition("-")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise click.UsageError(f"--span wants START-END in characters, like 120-164; got {value!r}")
    return int(start), int(end)


@click.command("cite")
@click.argument("ident", required=False, shell_complete=completion.ENTRIES)
@click.option("--span", metavar="START-END", help="Quote these characters of the entry's text.")
@click.option("--section", metavar="PROMPT_ID", help="The answer --span counts in.")
@click.option(
    "--transcript", "code", metavar="CODE", help="Cite the interview's transcript …",
    shell_complete=completion.INTERVIEWS,
)  # fmt: skip
@click.option("--at", metavar="TIME", help="… at this time (9.45, 09:45, 1:09:45).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def cite_command(
    app: AppContext,
    ident: str | None,
    span: str | None,
    section: str | None,
    code: str | None,
    at: str | None,
    as_json: bool,
) -> None:
    """Print a citation ready to paste: "words [...]" (Bilag nr. 7, 9.45).

    IDENT is a coding's id (from 'eftertanke code list') or an entry's id;
    with --span an entry's words are quoted too. The style comes from
    [citation] in the config (see README); appendix numbers from
    'eftertanke interview edit CODE --appendix 7 --reflection-appendix 5'.
    """
    from eftertanke.cli.export_cmds import document_language
    from eftertanke.services import citation

    journal = app.journal()
    style = citation.style_for(
        document_language(app, citation.cited_languages(journal, ident, code))
    )
    if code or at:
        if not (code and at) or ident:
            raise usage("cli.usage.cite_transcript")
        cited = citation.cite_time(journal, code, at, style)
    elif not ident:
        raise usage("cli.usage.cite_what")
    else:
        try:
            if span is not None or section is not None:
                raise NotFoundError("not a coding")  # a span is of an entry's text
            cited = citation.cite_coding(journal, ident, style)
        except NotFoundError:
            cited = citation.cite_entry(journal, ident, style, span=_span(span), section=section)
    if as_json:
        click.echo(json_text(cited.to_dict()))
    else:
        click.echo(one_line(cited.text))


COMMANDS = [cite_command]
