"""``eftertanke export docx|pdf|html``: the report documents, ready for the thesis.

Each command writes one document: an interview appendix (``--appendix``), a
theme or concept digest (``--digest``, ``--digest-concept``), the analysis
report with its chart (``--report``), or, with none of these, the chosen
entries (the whole journal by default) in one document. The text is the
Markdown export's (the same headings, citations and line breaks), turned
into Word, PDF or HTML by ``export.document`` and its writers; headings are
in the language chosen with ``--lang``, else in the one most of its entries
are written in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.export_cmds import (
    _common_export_options,
    _done,
    _guard,
    _guard_docs,
    _languages,
    _report_document,
    _select_docs,
    document_language,
    export_group,
)
from eftertanke.domain import CONCEPTS
from eftertanke.i18n import t

FORMATS = ("docx", "pdf", "html")


def _report_markdown(app: AppContext, filters: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The analysis report and its chart (as PNG and SVG), as ``analyse report`` makes them."""
    from eftertanke.analysis.chart import wellbeing_svg
    from eftertanke.analysis.report import analyse_all, build_report
    from eftertanke.cli.analyse import Scope
    from eftertanke.domain import now
    from eftertanke.export.chart_png import svg_to_png
    from eftertanke.export.document import Image

    options = dict(filters)
    code = options.pop("interview", None)
    scope = Scope(app, {**options, "interviews": (code,) if code else ()})
    result = analyse_all(
        scope.docs, scope.themes, scope.interviews, scope.only, transcripts=scope.transcripts
    )
    svg = wellbeing_svg(result.timeline, scope.lang)
    name = "wellbeing.svg"
    text = build_report(
        result,
        scope.lang,
        period=(scope.since, scope.until),
        only=scope.only,
        generated=now(),
        chart_name=name if svg else None,
    )
    charts = {name: Image(t("export.document.chart", scope.lang), svg_to_png(svg), svg)}
    return text, charts if svg else {}


def _markdown(
    app: AppContext,
    *,
    redact: bool,
    entry_ids: tuple[str, ...],
    appendix: str | None,
    digest: str | None,
    digest_concept: str | None,
    filters: dict[str, Any],
) -> str:
    """The Markdown of the chosen document, as ``export markdown`` writes it."""
    from eftertanke.export import journal_markdown as jm

    journal = app.journal()
    if appendix is not None or digest is not None or digest_concept is not None:
        # The same document ``export markdown`` writes for these options.
        return _report_document(
            app, journal, entry_ids, filters, redact, appendix, digest, digest_concept
        )
    interviews, themes = journal.interviews(), journal.themes()
    docs = _select_docs(journal, entry_ids, filters)
    if entry_ids or any(v not in (None, (), "") for v in filters.values()):
        interviews, themes = jm.linked_records(docs, interviews, themes)
    docs, interviews = _guard_docs(journal, docs, interviews, redact)
    lang = document_language(app, _languages(docs))
    return jm.one_file_document(jm.ExportSet(docs, interviews, themes, lang))


def _render(fmt: str, text: str, charts: dict[str, Any]) -> bytes:
    from eftertanke.export.document import parse

    if fmt == "html":
        from eftertanke.export.html_writer import to_html

        return to_html(text, charts).encode("utf-8", errors="replace")
    document = parse(text, charts)
    if fmt == "docx":
        from eftertanke.export.docx_writer import to_docx

        return to_docx(document)
    from eftertanke.export.pdf_writer import to_pdf

    return to_pdf(document)


def _command(fmt: str) -> click.Command:
    @click.option(
        "--appendix", metavar="CODE", help="An interview's appendix.",
        shell_complete=completion.INTERVIEWS,
    )  # fmt: skip
    @click.option(
        "--digest", metavar="THEME", help="A theme digest: its coded passages.",
        shell_complete=completion.THEMES,
    )  # fmt: skip
    @click.option("--digest-concept", type=click.Choice(CONCEPTS), help="A concept's digest.")
    @click.option("--report", is_flag=True, help="The analysis report, with its chart.")
    @_common_export_options
    @pass_app
    def command(
        app: AppContext,
        out: str,
        force: bool,
        redact: bool,
        entry_ids: tuple[str, ...],
        appendix: str | None,
        digest: str | None,
        digest_concept: str | None,
        report: bool,
        **filters: Any,
    ) -> None:
        from eftertanke.export.output import write_file

        chosen = (appendix, digest, digest_concept, report or None)
        if sum(x is not None for x in chosen) > 1:
            raise click.UsageError(t("cli.export_documents.one_of", app.lang))
        if out == "-" and fmt != "html":
            raise click.UsageError(t("cli.export_documents.no_stdout", app.lang, format=fmt))
        charts: dict[str, Any] = {}
        if report:
            text, charts = _report_markdown(app, filters)
        else:
            text = _markdown(
                app, redact=redact, entry_ids=entry_ids, appendix=appendix, digest=digest,
                digest_concept=digest_concept, filters=filters,
            )  # fmt: skip
        data = _render(fmt, text, charts)
        if out == "-":
            click.echo(data.decode("utf-8"), nl=False)
            return
        write_file(Path(out), data, force=force)
        _done(out, t("cli.export_documents.wrote", app.lang, path=out))

    command.__doc__ = {
        "docx": "A Word document (.docx): an appendix, a digest, the report or the entries.",
        "pdf": "A PDF (A4, DejaVu fonts embedded): an appendix, a digest, the report or the entries.",
        "html": "One HTML page: an appendix, a digest, the report (chart inline) or the entries.",
    }[fmt]
    return click.command(fmt)(command)


for _fmt in FORMATS:
    export_group.add_command(_command(_fmt))


def methods_markdown(app: AppContext, lang: str, *, redact: bool = False) -> str:
    """The methods appendix of the whole journal (``export.methods``)."""
    from eftertanke.domain import now
    from eftertanke.export.methods import live_entries, methods_appendix
    from eftertanke.services.methods import methods_sources

    journal = app.journal()
    entries = live_entries(journal.entries())
    entries, interviews = _guard(journal, entries, journal.interviews(), redact)
    sources = methods_sources(journal, lang, entries=entries, interviews=interviews)
    return methods_appendix(sources, lang, generated=now())


@export_group.command("methods")
@click.option(
    "--format", "fmt", type=click.Choice(("md", *FORMATS)), default="md", show_default=True
)
@click.option("--lang", "lang", type=click.Choice(("da", "en")), help="The appendix's language.")
@click.option(
    "--out", "-o", "out", default="-", metavar="PATH",
    help="Where to write ('-', the default, for standard output: md and html).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.option(
    "--redact", is_flag=True, help="Replace real names from the names key with their codes."
)
@pass_app
def methods_command(
    app: AppContext, fmt: str, lang: str | None, out: str, force: bool, redact: bool
) -> None:
    """The methods appendix: how the reflections were made (packs and prompts),
    when each was written after its interview, the reflexive balance per
    interview, how the codebook changed (its change log, with reasons), and
    where the writer's own experience entered the analysis."""
    from eftertanke.export.output import write_file

    lang = lang or app.lang
    if out == "-" and fmt in ("docx", "pdf"):
        raise click.UsageError(t("cli.export_documents.no_stdout", lang, format=fmt))
    text = methods_markdown(app, lang, redact=redact)
    data = text.encode("utf-8") if fmt == "md" else _render(fmt, text, {})
    if out == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_file(Path(out), data, force=force)
    _done(out, t("cli.export_documents.wrote", lang, path=out))


COMMANDS = [export_group]
