"""``eftertanke analyse by-prompt``, ``prompt-matrix`` and ``data-types``: the
answers to one prompt across the interviews, what was written and skipped,
and the data corpus by data type (self-as-data after Chang).

    eftertanke analyse by-prompt [PROMPT_ID] [--pack post-interview] [--interview CODE]
                                 [--format table|markdown|csv|json | --json]
    eftertanke analyse prompt-matrix [--pack post-interview] [--format F | --json]
    eftertanke analyse data-types [--format F | --json]

The rules are in ``eftertanke.analysis.by_prompt``. Added to the ``analyse``
group from here so ``cli/analyse.py`` stays one view per command it had.
"""

from __future__ import annotations

from typing import Any

import click

from eftertanke.cli import completion
from eftertanke.cli.analyse import analyse_group
from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.formats import FORMAT_OPTION
from eftertanke.i18n import t


def _reflections(app: AppContext, pack_id: str, interviews: tuple[str, ...]) -> Any:
    """The pack's reflections in interview order; an unknown pack is a usage error."""
    from eftertanke.analysis.by_prompt import reflections
    from eftertanke.packs import load_packs

    packs, _errors = load_packs()
    pack = packs.get(pack_id)
    if pack is None:
        raise click.BadParameter(
            t("by_prompt.unknown_pack", app.lang, pack=pack_id, packs=", ".join(sorted(packs))),
            param_hint="--pack",
        )
    journal = app.journal()
    codes = {journal.get_interview(code).code for code in interviews}
    docs = journal.raw_entries()
    if codes:
        docs = [d for d in docs if d.get("interview") in codes]
    return reflections(docs, journal.interviews(), pack, app.lang, pack_id)


def _pack_option(func: Any) -> Any:
    return click.option(
        "--pack", "pack_id", default="post-interview", show_default=True, metavar="ID",
        help="The prompt pack whose reflections are read.",
    )(func)  # fmt: skip


@analyse_group.command("by-prompt")
@click.argument("prompt_id", required=False, metavar="[PROMPT_ID]")
@_pack_option
@click.option("--interview", "interviews", multiple=True, metavar="CODE",
              help="Only these interviews (repeatable).",
              shell_complete=completion.INTERVIEWS)  # fmt: skip
@FORMAT_OPTION
@pass_app
def by_prompt_command(
    app: AppContext, prompt_id: str | None, pack_id: str, interviews: tuple[str, ...], fmt: str
) -> None:
    """Every answer to one prompt across the interviews, in interview date order
    (all the pack's prompts when none is named); where it was skipped."""
    from eftertanke.analysis.by_prompt_tables import answers_markdown, answers_plain, answers_rows
    from eftertanke.analysis.render import to_csv, to_json

    found = _reflections(app, pack_id, interviews)
    if prompt_id is not None and found.prompt(prompt_id) is None:
        raise click.BadParameter(
            t("by_prompt.unknown_prompt", app.lang, pack=pack_id, prompt=prompt_id,
              prompts=", ".join(p.id for p in found.prompts)),
            param_hint="PROMPT_ID",
        )  # fmt: skip
    ids = [prompt_id] if prompt_id else [p.id for p in found.prompts]
    results = [found.answers_to(i) for i in ids]
    if fmt == "json":
        click.echo(to_json({"pack": pack_id, "interviews": found.interviews,
                            "prompts": [r.to_json() for r in results]}))  # fmt: skip
    elif fmt == "csv":
        click.echo(to_csv(answers_rows(results, app.lang)), nl=False)
    elif fmt == "markdown":
        click.echo(answers_markdown(results, app.lang, pack_id), nl=False)
    else:
        click.echo(answers_plain(results, app.lang))


@analyse_group.command("prompt-matrix")
@_pack_option
@FORMAT_OPTION
@pass_app
def prompt_matrix_command(app: AppContext, pack_id: str, fmt: str) -> None:
    """Prompt × interview: the words written in answer to each prompt, and – where it was skipped."""
    from eftertanke.analysis.by_prompt_tables import matrix_rows, matrix_table
    from eftertanke.cli.analyse import _emit

    matrix = _reflections(app, pack_id, ()).matrix()
    _emit(fmt, matrix_table(matrix, app.lang), matrix_rows(matrix, app.lang), matrix.to_json())


@analyse_group.command("data-types")
@FORMAT_OPTION
@pass_app
def data_types_command(app: AppContext, fmt: str) -> None:
    """The data corpus by data type: reflections, check-ins and memos by kind, and
    self-as-data (chronology, inventory, self-observation, self-reflection)."""
    from eftertanke.analysis.data_types import corpus, corpus_table
    from eftertanke.cli.analyse import _emit

    rows = corpus(app.journal().raw_entries())
    table = corpus_table(rows, app.lang)
    _emit(fmt, table, table, [r.to_json() for r in rows])


COMMANDS: list[click.Command] = []  # both are commands of ``analyse``
