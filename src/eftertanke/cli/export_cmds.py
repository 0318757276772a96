"""``eftertanke export …`` and ``eftertanke import …``: the journal's data both ways.

Exports are plain text files. They warn when an exported entry mentions a
real name from the names key (``--redact`` replaces each with its code),
refuse to overwrite anything without ``--force``, and write atomically.
Imports read everything first and write nothing if any file is unreadable;
tags become themes only after the mapping is confirmed (``--yes`` accepts
the defaults without asking; see ``import --help``).

Long because every export and import command shares its options and its file
checks here; the formats themselves are in export/ and importers/.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, usage
from eftertanke.cli.entries import _filter_options, build_filter
from eftertanke.domain import CONCEPTS, ENTRY_KINDS, Entry, Interview, ValidationError
from eftertanke.i18n import prevailing, t
from eftertanke.store.journal import Journal

if TYPE_CHECKING:
    from eftertanke.transcript import Transcript

PARALLEL_FROM = 2000


def _lang() -> str:
    """The command's language (for its messages, not its documents)."""
    app = click.get_current_context().find_object(AppContext)
    return app.lang if app is not None else "en"


def document_language(app: AppContext, languages: Any) -> str:
    """The language a document is written in: --lang when given, else the one
    most of its entries are written in (``languages``), else the command's."""
    if app.lang_arg in ("da", "en"):
        return app.lang_arg
    return prevailing(languages, app.lang)


def _languages(entries: Any) -> list[object]:
    """The languages of entries or stored entry dicts (a dict without one is Danish,
    as ``Entry.from_dict`` reads it)."""
    out: list[object] = []
    for entry in entries:
        if isinstance(entry, dict):
            out.append(entry.get("language") or "da")
        else:
            out.append(entry.language)
    return out


def _echo_err(message: str) -> None:
    from eftertanke.textsafe import one_line

    click.echo(one_line(message), err=True)


def _select(
    journal: Journal, entry_ids: tuple[str, ...], filters: dict[str, object]
) -> list[Entry]:
    from eftertanke.services.query import select

    flt = build_filter(journal, **filters)  # type: ignore[arg-type]
    found = select(journal.raw_entries(containing=flt.words()), flt)
    if entry_ids:
        wanted = {journal.resolve_entry_id(ident, include_deleted=False) for ident in entry_ids}
        found = [e for e in found if e.id in wanted]
    return found


def _select_docs(
    journal: Journal, entry_ids: tuple[str, ...], filters: dict[str, object]
) -> list[dict[str, object]]:
    """Like ``_select`` but the stored dicts: a whole-journal export builds no objects."""
    from eftertanke.services.query import matches

    flt = build_filter(journal, **filters)  # type: ignore[arg-type]
    words = flt.words()
    docs = [d for d in journal.raw_entries(containing=words) if matches(d, flt, words)]
    if entry_ids:
        wanted = {journal.resolve_entry_id(ident, include_deleted=False) for ident in entry_ids}
        docs = [d for d in docs if d.get("id") in wanted]
    return docs


def _guard_docs(
    journal: Journal, docs: list[dict[str, object]], interviews: list[Interview], redact: bool
) -> tuple[list[dict[str, object]], list[Interview]]:
    """``_guard`` for stored dicts; objects are built only when a names key is set."""
    from eftertanke.privacy.names import configured_names_key

    key = configured_names_key(journal.root)
    if key is None or not key.names:
        _guard(journal, [], interviews, redact)
        return docs, interviews
    entries, interviews = _guard(journal, [Entry.from_dict(d) for d in docs], interviews, redact)
    return [e.to_dict() for e in entries], interviews


def _digest_sources(journal: Journal, redact: bool, lang: str) -> dict[str, Any]:
    """A digest quotes coded transcript passages too, cited in the configured
    style; with --redact, the names in every quoted passage (a coding keeps its
    own words) are replaced as well."""
    from eftertanke.privacy.names import configured_names_key
    from eftertanke.services.citation import style_for

    key = configured_names_key(journal.root) if redact else None
    return {
        "transcripts": list(journal.transcripts.raw()),
        "redact": key.redact if key else None,
        "style": style_for(lang),
    }


def _appendix_sources(lang: str) -> dict[str, Any]:
    """An appendix cites in the configured style and lists the prompts each
    reflection passed by (from its pack)."""
    from eftertanke.packs.loader import load_packs
    from eftertanke.services.citation import style_for

    return {"style": style_for(lang), "packs": load_packs().packs}


def _guard(
    journal: Journal, entries: list[Entry], interviews: list[Interview], redact: bool
) -> tuple[list[Entry], list[Interview]]:
    """Warn about real names; with ``redact``, replace them by their codes."""
    from eftertanke.privacy.names import (
        configured_names_key,
        entry_mentions,
        redact_entry,
        redact_interview,
    )
    from eftertanke.store.files import PLAIN

    if journal.codec is not PLAIN:
        _echo_err(t("cli.export.not_encrypted", _lang()))
    key = configured_names_key(journal.root)
    if key is None or not key.names:
        if redact:
            raise ValidationError(t("cli.export.redact_needs_key", _lang()))
        return entries, interviews
    if redact:
        entries = [redact_entry(e, key) for e in entries]
        interviews = [redact_interview(i, key) for i in interviews]
        return entries, interviews
    naming = [e for e in entries if entry_mentions(e, key)]
    if naming:
        ids = ", ".join(e.id[:8] for e in naming[:10]) + (" …" if len(naming) > 10 else "")
        _echo_err(t("cli.export.names_warning", _lang(), n=len(naming), ids=ids))
    return entries, interviews


def _entries_and_transcripts(entries: int, transcripts: int, out: str, lang: str) -> str:
    return t(
        "cli.export.entries_transcripts_to",
        lang,
        entries=t("entries_count", lang, n=entries),
        transcripts=t("count.transcripts", lang, n=transcripts),
        path=out,
    )


def reflections_of(interview: Interview, entries: list[Entry]) -> list[Entry]:
    """The entries an interview's appendix holds as its reflections."""
    code = interview.code.casefold()
    return [e for e in entries if (e.interview or "").casefold() == code]


def _done(out: str, message: str) -> None:
    if out == "-":
        _echo_err(message)
    else:
        click.echo(message)


def _common_export_options(func):  # type: ignore[no-untyped-def]
    options = [
        click.option(
            "--out",
            "-o",
            "out",
            required=True,
            metavar="PATH",
            help="Where to write ('-' for standard output where one file is written).",
        ),
        click.option("--force", is_flag=True, help="Replace an existing export."),
        click.option(
            "--redact", is_flag=True, help="Replace real names from the names key with their codes."
        ),
        click.option(
            "--entry",
            "entry_ids",
            multiple=True,
            metavar="ID",
            help="Only this entry (repeatable; an id prefix is enough).",
            shell_complete=completion.ENTRIES,
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return _filter_options(func)


@click.group("export")
def export_group() -> None:
    """Write entries out: Markdown, JSON, CSV, REFI-QDA (.qdpx) or a codebook (.qdc, taguette).

    Filters (--kind, --theme, --concept, --interview, --author, --from, --to,
    --search, --entry) choose the entries; without them, the whole journal.
    Entries in the trash are never exported. Exports are plain, unencrypted text.
    """


_APPENDIX_OPTION = completion.interview_option(
    "--appendix",
    metavar="CODE",
    help="An interview appendix: its metadata, reflections and excerpts.",
)
_DIGEST_OPTION = completion.theme_option(
    "--digest",
    metavar="THEME",
    help="A theme digest: every excerpt and passage linked to THEME, by interview.",
)


@export_group.command("markdown")
@_common_export_options
@click.option("--one-file", is_flag=True, help="One Markdown file instead of a folder.")
@click.option("--plain", is_flag=True, help="A folder without Obsidian's tags, aliases and links.")
@_APPENDIX_OPTION
@_DIGEST_OPTION
@click.option(
    "--digest-concept",
    "digest_concept",
    type=click.Choice(CONCEPTS),
    help="A digest for a concept and all the themes under it.",
)
@pass_app
def export_markdown(
    app: AppContext,
    out: str,
    force: bool,
    redact: bool,
    entry_ids: tuple[str, ...],
    one_file: bool,
    plain: bool,
    appendix: str | None,
    digest: str | None,
    digest_concept: str | None,
    **filters: object,
) -> None:
    """Markdown with YAML front matter (CommonMark; Obsidian and Pandoc read it).

    \b
    A folder (default): index.md, one file per entry, interviews/ and themes/;
    import it back with 'eftertanke import markdown FOLDER'. An Obsidian vault:
    tags, aliases, date, [[links]] to interview and theme notes (not --plain).
    --one-file, or an --out ending in .md: everything in one document.
    --appendix I03, --digest THEME, --digest-concept KEY: one report document.
    Headings are in the language chosen with --lang, else in the one most of
    the exported entries are written in.
    """
    from eftertanke.export.output import write_file

    if sum(x is not None for x in (appendix, digest, digest_concept)) > 1:
        raise usage("cli.usage.one_document")
    journal = app.journal()
    if appendix is not None or digest is not None or digest_concept is not None:
        text = _report_document(
            app, journal, entry_ids, filters, redact, appendix, digest, digest_concept
        )
        write_file(Path(out), text.encode("utf-8", errors="replace"), force=force)
        _done(out, t("cli.export.wrote", app.lang, path=out))
        return
    _export_journal_markdown(app, journal, out, force, redact, entry_ids, one_file, filters, plain)


def _report_document(
    app: AppContext,
    journal: Any,
    entry_ids: tuple[str, ...],
    filters: dict[str, object],
    redact: bool,
    appendix: str | None,
    digest: str | None,
    digest_concept: str | None,
) -> str:
    """One report document: an interview's appendix, a theme's or a concept's digest."""
    from eftertanke.export import report as rp

    interviews, themes = journal.interviews(), journal.themes()
    entries = _select(journal, entry_ids, filters)
    entries, interviews = _guard(journal, entries, interviews, redact)
    if appendix is not None:
        interview = journal.get_interview(appendix)
        interview = next((i for i in interviews if i.id == interview.id), interview)
        lang = document_language(app, _languages(reflections_of(interview, entries)))
        return rp.interview_appendix(interview, entries, lang, **_appendix_sources(lang))
    lang = document_language(app, _languages(entries))
    if digest is not None:
        theme = journal.get_theme(digest)
        return rp.theme_digest(
            theme.name, entries, interviews, themes, lang,
            **_digest_sources(journal, redact, lang),
        )  # fmt: skip
    return rp.concept_digest(
        str(digest_concept), entries, interviews, themes, lang,
        **_digest_sources(journal, redact, lang),
    )  # fmt: skip


def _export_journal_markdown(
    app: AppContext,
    journal: Any,
    out: str,
    force: bool,
    redact: bool,
    entry_ids: tuple[str, ...],
    one_file: bool,
    filters: dict[str, object],
    plain: bool = False,
) -> None:
    """The journal (or the chosen entries) as a folder of Markdown, or one file
    (the folder in Obsidian's form unless ``plain``), written entry by entry."""
    from eftertanke.cli.export_stream import EntryStream, write_markdown

    one_file = one_file or out == "-" or out.lower().endswith(".md")
    stream = EntryStream(journal, entry_ids, filters, redact)
    write_markdown(app, stream, out, force, one_file, plain)


@export_group.command("json")
@_common_export_options
@pass_app
def export_json(
    app: AppContext,
    out: str,
    force: bool,
    redact: bool,
    entry_ids: tuple[str, ...],
    **filters: object,
) -> None:
    """Everything, lossless: entries (with their coded passages), interviews,
    themes and transcripts (with theirs). With filters, the transcripts of the
    interviews the chosen entries link to come along."""
    from eftertanke.cli.export_stream import EntryStream
    from eftertanke.export.output import check_file_target, write_file_streamed
    from eftertanke.export.spool import SortedSpool
    from eftertanke.export.tables import json_entry_key, json_entry_piece, write_json_export

    if out != "-":
        check_file_target(Path(out), force)
    journal = app.journal()
    stream = EntryStream(journal, entry_ids, filters, redact)
    with SortedSpool() as spool:
        for entry in stream:
            spool.add(json_entry_key(entry), json_entry_piece(entry))
        transcripts, interviews, themes = stream.linked(
            journal.interviews(), journal.themes(), journal.transcripts.all()
        )
        interviews = stream.guard_interviews(interviews)
        stream.warn()
        transcripts = _guard_transcripts(journal, transcripts, redact)
        write_file_streamed(
            Path(out),
            lambda write: write_json_export(write, spool.pieces(), interviews, themes, transcripts),
            force=force,
        )
    _done(out, _entries_and_transcripts(stream.count, len(transcripts), out, app.lang))


def _guard_transcript_docs(
    journal: Journal, docs: list[dict[str, Any]], redact: bool
) -> list[dict[str, Any]]:
    """``_guard_transcripts`` for stored dicts; objects only when a names key is set."""
    from eftertanke.privacy.names import configured_names_key
    from eftertanke.transcript import Transcript

    key = configured_names_key(journal.root)
    if key is None or not key.names:
        return docs
    guarded = _guard_transcripts(journal, [Transcript.from_dict(d) for d in docs], redact)
    return [t.to_dict() for t in guarded]


@export_group.command("csv")
@_common_export_options
@click.option(
    "--table",
    type=click.Choice(["ratings", "excerpts"]),
    default="ratings",
    show_default=True,
    help="ratings: one row per check-in; excerpts: one row per excerpt with its themes.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="For Excel in Danish: a UTF-8 byte-order mark and ';' between cells.",
)
@pass_app
def export_csv(
    app: AppContext,
    out: str,
    force: bool,
    redact: bool,
    entry_ids: tuple[str, ...],
    table: str,
    excel: bool,
    **filters: object,
) -> None:
    """A table for spreadsheets and R (UTF-8, comma-separated, header row).

    \b
    It loads without options: pandas.read_csv, R's read.csv and readr.
    created: ISO 8601 with the offset; created_utc: the same moment in UTC
    (parses as it is across a daylight-saving change).
    timestamp: an excerpt's time as 0:17:20 (never the number 17.2);
    timestamp_seconds: the same in whole seconds.
    --excel: for Excel set to Danish (UTF-8 with a byte-order mark, ';'
    between cells); every number is whole, so no decimal commas are needed.
    """
    from eftertanke.cli.export_stream import EntryStream, write_table
    from eftertanke.export.output import check_file_target

    if out != "-":
        check_file_target(Path(out), force)
    journal = app.journal()
    stream = EntryStream(journal, entry_ids, filters, redact)
    write_table(stream, table, excel, Path(out), force)
    lang = app.lang
    table_name = t(f"cli.export.table.{table}", lang)
    counted = t("entries_count", lang, n=stream.count)
    _done(out, t("cli.export.table_to", lang, table=table_name, entries=counted, path=out))


@export_group.command("jrnl")
@_common_export_options
@click.option(
    "--format",
    "form",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: jrnl's journal file (for jrnl --import); json: jrnl's JSON export.",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@pass_app
def export_jrnl(
    app: AppContext,
    out: str,
    force: bool,
    redact: bool,
    entry_ids: tuple[str, ...],
    form: str,
    as_json: bool,
    **filters: object,
) -> None:
    """Entries for jrnl: its journal file, or its JSON export.

    \b
    jrnl --import FILE takes the text form; eftertanke import jrnl reads both.
    Title, body (and the answers to guided prompts), date and time (local),
    themes as @tags and stars arrive. Ratings, excerpts and coded passages have
    no place in jrnl and stay in eftertanke.
    """
    from eftertanke.cli.formats import json_or
    from eftertanke.export.jrnl import jrnl_json, jrnl_text
    from eftertanke.export.output import write_file

    form = json_or(form, as_json, "form")
    journal = app.journal()
    entries = _select(journal, entry_ids, filters)
    entries, _ = _guard(journal, entries, [], redact)
    data = jrnl_json(entries) if form == "json" else jrnl_text(entries)
    write_file(Path(out), data, force=force)
    lang = app.lang
    left = [e for e in entries if e.ratings or e.excerpts or e.codings]
    if left:
        _echo_err(
            t("cli.export.jrnl_left_behind", lang, entries=t("entries_count", lang, n=len(left)))
        )
    _done(out, t("cli.export.entries_to", lang, entries=t("entries_count", lang, n=len(entries)),
                 path=out))  # fmt: skip


@export_group.command("refi")
@_common_export_options
@pass_app
def export_refi(
    app: AppContext,
    out: str,
    force: bool,
    redact: bool,
    entry_ids: tuple[str, ...],
    **filters: object,
) -> None:
    """A REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.

    Entries and interview transcripts are text sources (memos are notes),
    themes are codes under one code per concept, coded passages, excerpts
    and tagged entries are coded selections, interviews are cases holding
    their transcript and reflections. With filters, the transcripts of the
    interviews the chosen entries link to come along.
    """
    from eftertanke.cli.export_stream import EntryStream, write_refi

    if out == "-":
        raise usage("cli.usage.qdpx_file")
    stream = EntryStream(app.journal(), entry_ids, filters, redact)
    entries, transcripts = write_refi(app, stream, out, force)
    _done(out, _entries_and_transcripts(entries, transcripts, out, app.lang))


def _guard_transcripts(
    journal: Journal, transcripts: list[Transcript], redact: bool
) -> list[Transcript]:
    """``_guard`` for transcripts: warn about real names, or replace them."""
    from eftertanke.privacy.names import (
        configured_names_key,
        redact_transcript,
        transcript_mentions,
    )

    key = configured_names_key(journal.root)
    if key is None or not key.names:
        return transcripts
    if redact:
        return [redact_transcript(t, key) for t in transcripts]
    naming = [t.interview for t in transcripts if transcript_mentions(t, key)]
    if naming:
        _echo_err(t("cli.export.transcript_names_warning", _lang(), codes=", ".join(naming)))
    return transcripts


@export_group.command("qdc")
@click.option("--out", "-o", "out", required=True, metavar="PATH", help="The .qdc file to write.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_app
def export_qdc(app: AppContext, out: str, force: bool) -> None:
    """The codebook only (REFI-QDA .qdc): concepts and themes as codes."""
    from eftertanke.export.output import write_file
    from eftertanke.export.refi import codebook_xml

    journal = app.journal()
    themes = journal.themes()
    write_file(Path(out), codebook_xml(themes, app.lang), force=force)
    _done(
        out,
        t(
            "cli.export.themes_to",
            app.lang,
            themes=t("count.themes", app.lang, n=len(themes)),
            path=out,
        ),
    )


@export_group.command("taguette")
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    metavar="PATH",
    help="The .csv file to write ('-': stdout).",
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_app
def export_taguette(app: AppContext, out: str, force: bool) -> None:
    """The codebook as a CSV file Taguette imports (columns tag, description).

    Each theme is a tag named by its path from its concept, Concept/Parent/Theme:
    in Taguette a tag's highlights include those of every tag under it."""
    from eftertanke.export.output import write_file
    from eftertanke.export.taguette import codebook_csv

    journal = app.journal()
    themes = journal.themes()
    # The concepts named in the language of the journal's entries, unless --lang.
    lang = document_language(app, _languages(journal.raw_entries()))
    write_file(Path(out), codebook_csv(themes, lang), force=force)
    _done(
        out,
        t(
            "cli.export.themes_to",
            app.lang,
            themes=t("count.themes", app.lang, n=len(themes)),
            path=out,
        ),
    )


# -- import ---------------------------------------------------------------------


def _interactive() -> bool:
    """Whether questions can be asked: standard input is a terminal."""
    return sys.stdin.isatty()


def _parse_maps(values: tuple[str, ...]) -> dict[str, str]:
    from eftertanke.importers.plan import clean_tag

    maps: dict[str, str] = {}
    for value in values:
        tag, sep, theme = value.partition("=")
        if not sep or not clean_tag(tag):
            raise click.BadParameter(
                f"{value!r}: use TAG=THEME (or TAG= to keep it as text)", param_hint="--map"
            )
        maps[clean_tag(tag)] = theme
    return maps


def _import_options(func):  # type: ignore[no-untyped-def]
    options = [
        click.argument("path", type=click.Path(path_type=Path)),
        click.option("--yes", "-y", is_flag=True, help="Accept the default mapping; ask nothing."),
        click.option(
            "--map",
            "maps",
            multiple=True,
            metavar="TAG=THEME",
            help="Map a tag to a theme (repeatable); TAG= keeps the tag as text.",
        ),
        click.option(
            "--concept",
            type=click.Choice(CONCEPTS),
            help="Concept for new themes made from tags that match no theme.",
        ),
        click.option(
            "--kind",
            type=click.Choice(ENTRY_KINDS),
            help="Kind of the imported entries when the source does not say.",
        ),
        click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing."),
        click.option(
            "--json",
            "as_json",
            is_flag=True,
            help="Report what was (or would be) imported as JSON; asks nothing (use --yes or --map).",
        ),  # fmt: skip
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _show_mapping(choices: dict[str, Any], lang: str) -> None:
    from eftertanke.textsafe import one_line

    click.echo(t("cli.import.tags_heading", lang))
    for tag, choice in choices.items():
        if choice.kept_as_text:
            target = t("cli.import.kept_as_text", lang)
        elif choice.create:
            target = t("cli.import.to_new_theme", lang, name=repr(choice.theme),
                       concept=choice.concept)  # fmt: skip
        else:
            target = t("cli.import.to_theme", lang, name=repr(choice.theme))
        click.echo(f"  #{one_line(tag)} -> {one_line(target)}   [{choice.how}]")


def _choose(
    app: AppContext,
    journal: Journal,
    plan: Any,
    maps: dict[str, str],
    concept: str | None,
    yes: bool,
    dry_run: bool = False,
    as_json: bool = False,
) -> dict[str, Any]:
    """The tag mapping: the default with --yes; shown, not asked, on a dry run
    (it writes nothing, so there is nothing to confirm); never asked with --json
    (its questions would break the JSON), nor shown (the JSON has it)."""
    from eftertanke.cli.words import confirm
    from eftertanke.importers.plan import TagChoice, propose_mapping, tags_to_map
    from eftertanke.textsafe import one_line

    lang = app.lang
    themes = journal.themes()
    tags = tags_to_map(plan, themes)
    choices = propose_mapping(tags, themes, explicit=maps, concept=concept)
    if not tags or yes:
        return choices
    if dry_run:
        if not as_json:
            _show_mapping(choices, lang)
        return choices
    if not _interactive() or as_json:
        raise click.UsageError(t("cli.import.needs_mapping", lang, n=len(tags)))
    _show_mapping(choices, lang)
    if confirm(t("cli.import.use_mapping", lang), lang, default=True):
        return choices
    existing = {theme.name.casefold(): theme.name for theme in themes}
    for tag in tags:
        answer = click.prompt(
            t("cli.import.theme_for", lang, tag=one_line(tag)),
            default=choices[tag].theme or "",
            show_default=True,
        ).strip()
        if not answer:
            choices[tag] = TagChoice(tag, how="kept as text")
        elif answer.casefold() in existing:
            choices[tag] = TagChoice(tag, existing[answer.casefold()], how="chosen")
        else:
            key = click.prompt(
                t("cli.import.concept_for", lang, name=repr(answer)),
                type=click.Choice(CONCEPTS),
                default=choices[tag].concept or concept or CONCEPTS[0],
            )
            choices[tag] = TagChoice(tag, answer, key, create=True, how="chosen")
    return choices


def _run_import(app: AppContext, plan, maps, concept, yes, dry_run, as_json=False) -> None:  # type: ignore[no-untyped-def]
    from eftertanke.export.progress import progress
    from eftertanke.importers.plan import ImportReport, apply_plan
    from eftertanke.textsafe import one_line

    journal = app.journal()
    lang = app.lang
    choices = _choose(app, journal, plan, _parse_maps(maps), concept, yes, dry_run, as_json)
    if as_json:
        from eftertanke.cli.render import json_text

        done = ImportReport(rejected=list(plan.rejected)) if dry_run else apply_plan(
            journal, plan, choices, progress=progress
        )  # fmt: skip
        click.echo(json_text(_import_json(plan, choices, done, dry_run)))
        return
    if dry_run:
        report = ImportReport(rejected=list(plan.rejected))
        click.echo(
            t("cli.import.would_read", lang, entries=t("entries_count", lang, n=len(plan.entries)),
              interviews=t("count.interviews", lang, n=len(plan.interviews)),
              themes=t("count.themes", lang, n=len(plan.themes)), rejected=len(plan.rejected))
        )  # fmt: skip
    else:
        report = apply_plan(journal, plan, choices, progress=progress)
        click.echo(_imported(report, one_line(plan.source), lang))
    for where, why in report.skipped:
        click.echo(t("cli.import.skipped", lang, where=one_line(where), why=one_line(why)))
    for where, why in report.rejected:
        click.echo(t("cli.import.rejected", lang, where=one_line(where), why=one_line(why)))


def _import_json(plan: Any, choices: dict[str, Any], report: Any, dry_run: bool) -> dict[str, Any]:
    """What ``import --json`` prints: the plan's counts, the tag mapping and the outcome."""
    return {
        "source": plan.source,
        "dry_run": dry_run,
        "read": {
            "entries": len(plan.entries),
            "interviews": len(plan.interviews),
            "themes": len(plan.themes),
        },  # fmt: skip
        "mapping": {
            tag: {"theme": c.theme, "concept": c.concept, "create": c.create, "how": c.how}
            for tag, c in choices.items()
        },
        "added": report.added,
        "interviews_added": list(report.interviews_added),
        "themes_added": list(report.themes_added),
        "skipped": [{"where": where, "why": why} for where, why in report.skipped],
        "rejected": [{"where": where, "why": why} for where, why in report.rejected],
    }


def _imported(report: Any, source: str, lang: str) -> str:
    """'Imported from X: added 3 entries, skipped 1 as duplicates, rejected 0.'"""
    extra = []
    if report.interviews_added:
        extra.append(t("count.interviews", lang, n=len(report.interviews_added)))
    if report.themes_added:
        extra.append(t("count.themes", lang, n=len(report.themes_added)))
    also = t("cli.import.also_added", lang, what=t("cli.import.and", lang).join(extra))
    return t(
        "cli.import.imported",
        lang,
        source=source,
        entries=t("entries_count", lang, n=report.added),
        skipped=len(report.skipped),
        rejected=len(report.rejected),
        extra=also if extra else "",
    )


@click.group("import")
def import_group() -> None:
    """Bring entries in: from jrnl's JSON export, or a folder of Markdown files.

    \b
    Nothing is written if any file cannot be read. Entries already in the
    journal (same id, or same date and text) are skipped, so importing twice
    is harmless. Tags become themes after you confirm the mapping:
      - a tag named like an existing theme, or a starter-codebook theme, maps to it;
      - with --concept KEY, other tags become new themes under KEY;
      - otherwise they are kept as text (#tag at the end of the body).
    --yes accepts this default without asking; --map TAG=THEME overrides it.
    """


@import_group.command("jrnl")
@_import_options
@pass_app
def import_jrnl(
    app: AppContext,
    path: Path,
    yes: bool,
    maps: tuple[str, ...],
    concept: str | None,
    kind: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import jrnl's JSON export (jrnl --format json > journal.json) or its journal file.

    Title, body, date and time, tags (@tag) and stars (kept as stars, not
    themes) arrive; jrnl's times are taken as local time. Entries are 'daily' unless --kind says.
    """
    from eftertanke.importers.jrnl import read_jrnl

    plan = read_jrnl(path, kind=kind or "daily", lang=app.lang)
    _run_import(app, plan, maps, concept, yes, dry_run, as_json)


@import_group.command("markdown")
@_import_options
@pass_app
def import_markdown(
    app: AppContext,
    path: Path,
    yes: bool,
    maps: tuple[str, ...],
    concept: str | None,
    kind: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import a Markdown file or folder: an eftertanke export, or any notes.

    An eftertanke export comes back exactly (ids, times, links, sections,
    excerpts, interviews and themes). Other files: the title from the front
    matter or a leading '# heading', the date from the front matter, the
    file name (2024-03-14-….md) or the file's time, front-matter tags as tags.
    """
    from eftertanke.importers.markdown import read_markdown

    plan = read_markdown(path, kind=kind or "memo", lang=app.lang)
    _run_import(app, plan, maps, concept, yes, dry_run, as_json)


COMMANDS = [export_group, import_group]
