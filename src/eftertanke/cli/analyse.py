"""``eftertanke analyse``: the analysis views on the command line.

    eftertanke analyse matrix|coverage|cooccurrence|timeline|balance|goes-with [filters] [--format F | --json]
    eftertanke analyse report [--out PATH [--force] | --json] [filters]
    eftertanke analyse chart --out FILE [--period day|week|month] [--format svg|png] [filters]

The usual filters (kind, theme, concept, author, --from/--to, --search)
choose the entries; ``--interview`` (repeatable) limits the interview views
to those interviews, and chooses the transcripts (the other filters are
about entries and leave transcripts as they are). The views count coded
passages of reflections and transcripts; the counting rules are written out
in ``eftertanke.analysis.report.counting_rules`` (the report's "How things
are counted") and in each view's module.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.entries import build_filter
from eftertanke.cli.formats import FORMAT_OPTION
from eftertanke.domain import CONCEPTS, ENTRY_KINDS


def _filters(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--kind", "kinds", multiple=True, type=click.Choice(ENTRY_KINDS)),
        click.option(
            "--theme", "themes", multiple=True, metavar="NAME", help="Entries with this theme.",
            shell_complete=completion.THEMES,
        ),
        click.option("--concept", "concepts", multiple=True, type=click.Choice(CONCEPTS)),
        click.option(
            "--interview",
            "interviews",
            multiple=True,
            metavar="CODE",
            help="Only these interviews (repeatable).",
            shell_complete=completion.INTERVIEWS,
        ),  # fmt: skip
        click.option("--author"),
        click.option("--from", "since", metavar="WHEN", help="From this date (inclusive)."),
        click.option("--to", "until", metavar="WHEN", help="Up to this date (inclusive)."),
        click.option(
            "--search", "-s", default="", metavar="WORDS", help="Entries containing every word."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class Scope:
    """The chosen entries, the journal's themes and interviews, and the interview limit."""

    def __init__(self, app: AppContext, filters: dict[str, Any]) -> None:
        # Reading a journal makes a few million dicts and lists that live until
        # the process ends; the cycle collector would walk them again and again
        # while they are made (half the reading time at 50,000 codings), so it
        # waits, and afterwards leaves them out of its walks (gc.freeze).
        gc.disable()
        try:
            self._load(app, filters)
        finally:
            gc.freeze()
            gc.enable()

    def _load(self, app: AppContext, filters: dict[str, Any]) -> None:
        from eftertanke.services.query import matches

        journal = app.journal()
        codes = filters.pop("interviews", ()) or ()
        flt = build_filter(journal, **filters)
        self.only: list[str] | None = [journal.get_interview(c).code for c in codes] or None
        self.since: date | None = flt.since.date() if flt.since else None
        self.until: date | None = flt.until.date() if flt.until else None
        words = flt.words()
        self.docs = [d for d in journal.raw_entries(containing=words) if matches(d, flt, words)]
        self.transcripts = self._transcripts(journal)
        self.themes = journal.themes()
        self.interviews = journal.interviews()
        self.lang = app.lang

    def count_by_interview(self, count: Any) -> Any:
        """``count`` (``theme_matrix``, ``concept_coverage``) over the chosen entries
        and transcripts, per theme concept and interview code."""
        from eftertanke.analysis.common import theme_concepts

        return count(
            self.docs,
            theme_concepts(self.themes),
            [i.code for i in self.interviews],
            self.only,
            transcripts=self.transcripts,
        )

    def _transcripts(self, journal: Any) -> list[Any]:
        """The stored transcripts of the chosen interviews, made ready to count."""
        from eftertanke.analysis.report import transcripts_of

        return transcripts_of(journal.transcripts.raw(), self.only)


def _emit(fmt: str, wide: Any, long: Any, data: Any) -> None:
    from eftertanke.analysis.render import to_csv, to_json, to_markdown, to_plain

    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        click.echo(to_csv(long), nl=False)
    elif fmt == "markdown":
        click.echo(to_markdown(wide), nl=False)
    else:
        click.echo(to_plain(wide))


@click.group("analyse")
def analyse_group() -> None:
    """Look back: themes across interviews, concepts, well-being over time, reflexive balance."""


@analyse_group.command("matrix")
@_filters
@FORMAT_OPTION
@pass_app
def matrix_command(app: AppContext, fmt: str, **filters: Any) -> None:
    """Theme × interview: coded passages per theme, under the four concepts.

    A cell reads respondent's words / researcher's own [whole-entry codings]:
    coded respondent turns and excerpts / coded reflection passages and
    interviewer turns. CSV and JSON give each kind apart.
    """
    from eftertanke.analysis import tables
    from eftertanke.analysis.matrix import theme_matrix

    scope = Scope(app, filters)
    matrix = scope.count_by_interview(theme_matrix)
    _emit(
        fmt,
        tables.matrix_table(matrix, scope.lang),
        tables.matrix_rows(matrix, scope.lang),
        matrix.to_json(),
    )


@analyse_group.command("coverage")
@_filters
@FORMAT_OPTION
@pass_app
def coverage_command(app: AppContext, fmt: str, **filters: Any) -> None:
    """For each interview: the share of reflection and transcript words coded under each
    concept (CSV and JSON: each theme too); untouched concepts stand out."""
    from eftertanke.analysis import tables
    from eftertanke.analysis.coverage import concept_coverage

    scope = Scope(app, filters)
    result = scope.count_by_interview(concept_coverage)
    _emit(fmt, tables.coverage_table(result, scope.lang), tables.coverage_rows(result, scope.lang),
          result.to_json())  # fmt: skip


@analyse_group.command("cooccurrence")
@_filters
@click.option("--top", type=click.IntRange(min=1), help="Only the N strongest pairs.")
@FORMAT_OPTION
@pass_app
def cooccurrence_command(app: AppContext, fmt: str, top: int | None, **filters: Any) -> None:
    """Themes that meet: on one coded passage, or on passages that overlap or are adjacent
    in the same source; strongest pairs first."""
    from eftertanke.analysis import tables
    from eftertanke.analysis.cooccurrence import theme_cooccurrence
    from eftertanke.analysis.report import linked_to_any

    scope = Scope(app, filters)
    result = theme_cooccurrence(
        linked_to_any(scope.docs, scope.only), top=top, transcripts=scope.transcripts
    )
    _emit(fmt, tables.cooccurrence_table(result, scope.lang),
          tables.cooccurrence_table(result, scope.lang, csv=True), result.to_json())  # fmt: skip


@analyse_group.command("timeline")
@_filters
@click.option("--by", type=click.Choice(["day", "week"]), default="week", show_default=True)
@FORMAT_OPTION
@pass_app
def timeline_command(app: AppContext, fmt: str, by: str, **filters: Any) -> None:
    """Well-being over time: the daily ratings by day or week, with resources − demands.

    The ratings are daily check-ins, so --interview does not narrow them.
    """
    from eftertanke.analysis import tables
    from eftertanke.analysis.render import to_plain
    from eftertanke.analysis.timeline import timeline

    scope = Scope(app, filters)
    series = timeline(scope.docs)
    wide = tables.timeline_table(series, scope.lang, by=by)
    if fmt == "table" and not series.is_empty:
        click.echo(to_plain(wide))
        click.echo()
        click.echo("\n".join(tables.timeline_sparklines(series, scope.lang, by=by)))
        return
    _emit(fmt, wide, tables.timeline_table(series, scope.lang, by=by, csv=True), series.to_json(by))


@analyse_group.command("chart")
@_filters
@click.option(
    "--period", type=click.Choice(["day", "week", "month"]), default="week", show_default=True,
    help="One point per day, or the mean of each week's or month's rated days.",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["svg", "png"]), default=None,
    help="The picture's format (default: from the file name, else svg).",
)  # fmt: skip
@click.option("-o", "--out", "out", required=True, metavar="FILE", help="Write the chart here.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_app
def chart_command(
    app: AppContext, period: str, fmt: str | None, out: str, force: bool, **filters: Any
) -> None:
    """The well-being chart (the app's chart) as SVG or PNG: the ratings on 1–5,
    resources − demands on ±4, gaps where nothing was rated, interview days marked."""
    from eftertanke.analysis.chart import series_svg
    from eftertanke.analysis.wellbeing import rated_days, span_series
    from eftertanke.export.output import write_file
    from eftertanke.i18n import t

    scope = Scope(app, filters)
    path = Path(out).expanduser()
    chosen = fmt or ("png" if path.suffix.lower() == ".png" else "svg")
    held = [(i.code, i.date.date()) for i in scope.interviews if i.date is not None]
    svg = series_svg(span_series(rated_days(scope.docs, held), period), scope.lang)
    if not svg:
        raise click.ClickException(t("cli.analyse.chart_empty", app.lang))
    if chosen == "png":
        from eftertanke.export.chart_png import svg_to_png

        data = svg_to_png(svg)
    else:
        data = svg.encode("utf-8")
    write_file(path, data, force=force)
    from eftertanke.textsafe import one_line

    click.echo(one_line(str(path)))


@analyse_group.command("balance")
@_filters
@FORMAT_OPTION
@pass_app
def balance_command(app: AppContext, fmt: str, **filters: Any) -> None:
    """Reflexive balance: respondent, self and method in each post-interview reflection."""
    from eftertanke.analysis import tables
    from eftertanke.analysis.balance import reflexive_balance

    scope = Scope(app, filters)
    ends = {i.code: i.ended for i in scope.interviews if i.ended is not None}
    result = reflexive_balance(scope.docs, ends, scope.only)  # type: ignore[arg-type]
    _emit(fmt, tables.balance_table(result, scope.lang), tables.balance_table(result, scope.lang, csv=True),
          result.to_json())  # fmt: skip


@analyse_group.command("goes-with")
@_filters
@FORMAT_OPTION
@click.option(
    "--top", type=click.IntRange(min=1), default=12, show_default=True,
    help="How many words and themes of each energy question.",
)  # fmt: skip
@pass_app
def goes_with_command(app: AppContext, fmt: str, top: int, **filters: Any) -> None:
    """What goes with good and bad days: the ratings on interview days, and on days
    whose entries name each concept or theme, beside the other rated days (each
    with its number of days); and the words and themes the "gave energy" and
    "took energy" answers name most often. Descriptive, never causes.

    CSV gives one row per comparison and rating; JSON everything.
    """
    from eftertanke.analysis import tables
    from eftertanke.analysis.common import theme_concepts
    from eftertanke.analysis.goes_with import goes_with
    from eftertanke.analysis.render import to_csv, to_json, to_markdown, to_plain

    scope = Scope(app, filters)
    held = [(i.code, i.date.date()) for i in scope.interviews if i.date is not None]
    if scope.only is not None:
        held = [(code, day) for code, day in held if code in scope.only]
    result = goes_with(scope.docs, theme_concepts(scope.themes), held, top=top)
    if fmt == "json":
        click.echo(to_json(result.to_json()))
    elif fmt == "csv":
        click.echo(to_csv(tables.goes_with_table(result, scope.lang, csv=True)), nl=False)
    elif fmt == "markdown":
        click.echo(to_markdown(tables.goes_with_table(result, scope.lang)))
        click.echo(to_markdown(tables.energy_table(result, scope.lang)), nl=False)
    else:
        click.echo(to_plain(tables.goes_with_table(result, scope.lang)))
        click.echo()
        click.echo(to_plain(tables.energy_table(result, scope.lang)))


@analyse_group.command("report")
@_filters
@click.option(
    "--out", "out", metavar="PATH", help="Write the report here (and its chart beside it)."
)
@click.option("--force", is_flag=True, help="Overwrite an existing report.")
@click.option("--json", "as_json", is_flag=True, help="Every view's data as one JSON document.")
@pass_app
def report_command(
    app: AppContext, out: str | None, force: bool, as_json: bool, **filters: Any
) -> None:
    """One Markdown document with every view, for a period or a set of interviews."""
    from eftertanke.analysis.report import analyse_all, build_report, chart_path, write_report
    from eftertanke.domain import now

    if as_json and out is not None:
        from eftertanke.i18n import t

        raise click.UsageError(t("cli.shell.json_with_out", app.lang))
    scope = Scope(app, filters)
    result = analyse_all(
        scope.docs, scope.themes, scope.interviews, scope.only, transcripts=scope.transcripts
    )
    options = {"period": (scope.since, scope.until), "only": scope.only, "generated": now()}
    if as_json:
        from eftertanke.analysis.render import to_json

        period = [day.isoformat() if day else None for day in (scope.since, scope.until)]
        head = {"period": dict(zip(("from", "to"), period, strict=True)), "interviews": scope.only}
        click.echo(to_json({**head, **result.to_json()}))
        return
    if out is None:
        click.echo(build_report(result, scope.lang, **options), nl=False)  # type: ignore[arg-type]
        return
    path = Path(out).expanduser()
    if path.is_dir():
        raise click.ClickException(f"{path} is a folder; give a file name such as report.md")
    if not path.parent.is_dir():
        raise click.ClickException(f"no such folder: {path.parent}")
    existing = [p for p in (path, chart_path(path)) if p.exists()]
    if existing and not force:
        raise click.ClickException(f"{existing[0]} exists; use --force to overwrite it")
    from eftertanke.textsafe import one_line

    for written in write_report(path, result, scope.lang, **options):
        click.echo(one_line(str(written)))


COMMANDS = [analyse_group]
