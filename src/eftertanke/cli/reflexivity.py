"""Reflexivity on the command line: layers of re-reading, the positionality register.

\b
eftertanke layer add 5d2a -m "Now I see that I asked about safety as a leader would"
eftertanke position add --concept safety -m "I expect safety to come from the leader"
eftertanke position mark 9c1e --entry 5d2a --phrase "vi siger det højt" --challenged
eftertanke position timeline
"""

from __future__ import annotations

import sys
from typing import Any

import click

from eftertanke.cli import completion
from eftertanke.cli.codings import _span
from eftertanke.cli.context import AppContext, pass_app, read_stdin_text, usage
from eftertanke.cli.render import json_text
from eftertanke.dates import format_date
from eftertanke.domain import CONCEPT_NAMES, CONCEPTS, Entry
from eftertanke.i18n import t
from eftertanke.textsafe import one_line

SHORT = 8


def _layer_text(app: AppContext, message: str | None, use_editor: bool) -> str:
    if message is not None:
        return message
    if use_editor:
        from eftertanke.cli.editing import run_editor

        return run_editor("", app.journal().root / "drafts", "layer")
    if sys.stdin.isatty():
        raise usage("cli.usage.layer_text")
    return read_stdin_text()


@click.group("layer")
def layer_group() -> None:
    """Layers of re-reading: what you see now in an old entry, dated, beside it."""


@layer_group.command("add")
@click.argument("entry_id", shell_complete=completion.ENTRIES)
@click.option("-m", "--message", help="The layer's text.")
@click.option("--editor", "use_editor", is_flag=True, help="Write the layer in $EDITOR.")
@click.option("--section", metavar="PROMPT_ID", help="The answer it re-reads (a prompt id).")
@click.option("--json", "as_json", is_flag=True, help="Print the new layer as JSON.")
@pass_app
def layer_add_command(
    app: AppContext,
    entry_id: str,
    message: str | None,
    use_editor: bool,
    section: str | None,
    as_json: bool,
) -> None:
    """Add a dated layer to entry ID; the entry itself is never changed."""
    from eftertanke.services.layers import add_layer

    if message is not None and use_editor:
        raise usage("cli.usage.message_and_editor")
    text = _layer_text(app, message, use_editor)
    entry, layer = add_layer(app.journal(), entry_id, text, section=section)
    if as_json:
        click.echo(json_text({"entry": entry.id, **layer.to_dict()}))
        return
    click.echo(t("layers.added", app.lang, id=entry.id[:SHORT], n=len(entry.layers)))


# -- the positionality register ------------------------------------------------------


def _position_json(entry: Entry) -> dict[str, Any]:
    from eftertanke.analysis.positionality import position_text

    return {
        "id": entry.id,
        "concept": entry.concepts[0],
        "text": position_text(entry),
        "created": entry.created.isoformat(),
        "author": entry.author,
    }


@click.group("position")
def position_group() -> None:
    """The positionality register: pre-understandings by concept, and how interviews moved them."""


@position_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def position_list_command(app: AppContext, as_json: bool) -> None:
    """List the pre-understandings, by concept."""
    from eftertanke.services.positionality import register

    found = register(app.journal())
    if as_json:
        click.echo(json_text([_position_json(e) for e in found]))
        return
    if not found:
        click.echo(t("positions.none", app.lang))
        return
    lines: list[str] = []
    concept = None
    for entry in found:
        if entry.concepts[0] != concept:
            concept = entry.concepts[0]
            lines.extend([*([""] if lines else []), f"## {CONCEPT_NAMES[concept][app.lang]}"])
        from eftertanke.analysis.positionality import position_text

        lines.append(f"{entry.id[:SHORT]}  {one_line(position_text(entry), 100)}")
    click.echo("\n".join(lines))


@position_group.command("add")
@click.option(
    "--concept", required=True, type=click.Choice(CONCEPTS), help="The concept it is about."
)
@click.option("-m", "--message", required=True, help="What you expect or believe.")
@click.option("--json", "as_json", is_flag=True, help="Print the new pre-understanding as JSON.")
@pass_app
def position_add_command(app: AppContext, concept: str, message: str, as_json: bool) -> None:
    """Add a pre-understanding about a concept to the register."""
    from eftertanke.services.positionality import add_position

    entry = add_position(app.journal(), concept, message, lang=app.lang)
    if as_json:
        click.echo(json_text(_position_json(entry)))
        return
    click.echo(
        t(
            "positions.added",
            app.lang,
            id=entry.id[:SHORT],
            concept=CONCEPT_NAMES[concept][app.lang],
        )
    )


@position_group.command("mark")
@click.argument("position_id", shell_complete=completion.ENTRIES)
@click.option(
    "--entry",
    "entry_id",
    required=True,
    metavar="ID",
    shell_complete=completion.ENTRIES,
    help="The reflection holding the passage.",
)
@click.option("--phrase", metavar="TEXT", help="Words that occur exactly once in the reflection.")
@click.option("--span", metavar="START-END", help="Character offsets, end not included.")
@click.option("--section", metavar="PROMPT_ID", help="With --span: the answer to this prompt.")
@click.option("--challenged", "verdict", flag_value="challenged", help="The passage challenged it.")
@click.option("--confirmed", "verdict", flag_value="confirmed", help="The passage confirmed it.")
@click.option("--memo", default="", metavar="TEXT", help="A note on the mark.")
@click.option("--json", "as_json", is_flag=True, help="Print the new mark as JSON.")
@pass_app
def position_mark_command(
    app: AppContext,
    position_id: str,
    entry_id: str,
    phrase: str | None,
    span: str | None,
    section: str | None,
    verdict: str | None,
    memo: str,
    as_json: bool,
) -> None:
    """Mark a passage of a reflection as challenging or confirming a pre-understanding."""
    from eftertanke.services.positionality import mark_passage

    if verdict is None:
        raise usage("cli.usage.verdict")
    offsets = _span(span)
    if (offsets is None) == (phrase is None):
        raise usage("cli.usage.span_or_phrase")
    if section is not None and offsets is None:
        raise usage("cli.usage.section_with_span")
    entry, mark = mark_passage(
        app.journal(), position_id, entry_id, verdict,
        phrase=phrase, span=offsets, section=section, memo=memo,
    )  # fmt: skip
    if as_json:
        click.echo(json_text({"entry": entry.id, **mark.to_dict()}))
        return
    click.echo(
        t(f"positions.marked.{verdict}", app.lang, id=mark.id[:SHORT],
          quote=one_line(mark.quote, 60), entry=entry.id[:SHORT])
    )  # fmt: skip


def timeline_json(timeline: Any) -> dict[str, Any]:
    return {
        "interviews": [
            {"code": code, "date": (d.isoformat() if (d := timeline.dates.get(code)) else None)}
            for code in timeline.interviews
        ],
        "positions": [
            {
                "id": row.position.id,
                "concept": row.concept,
                "text": row.text,
                "marks": [
                    {
                        "interview": p.interview,
                        "verdict": p.mark.verdict,
                        "quote": p.mark.quote,
                        "memo": p.mark.memo,
                        "entry": p.reflection,
                        "section": p.mark.section,
                        "id": p.mark.id,
                    }
                    for code in timeline.interviews
                    for p in row.cells.get(code, [])
                ],
            }
            for row in timeline.rows
        ],
    }


@position_group.command("timeline")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def position_timeline_command(app: AppContext, as_json: bool) -> None:
    """Each pre-understanding across the interviews, in date order: what each did to it."""
    from eftertanke.services.positionality import load_timeline

    timeline = load_timeline(app.journal())
    if as_json:
        click.echo(json_text(timeline_json(timeline)))
        return
    if not timeline.rows:
        click.echo(t("positions.none", app.lang))
        return
    lines: list[str] = []
    for row in timeline.rows:
        head = f"{row.position.id[:SHORT]}  [{CONCEPT_NAMES[row.concept][app.lang]}]"
        lines.extend([*([""] if lines else []), f"{head} {one_line(row.text, 90)}"])
        marked = [code for code in timeline.interviews if row.cells.get(code)]
        if not marked:
            lines.append(f"  {t('positions.unmarked', app.lang)}")
        for code in marked:
            date = timeline.dates.get(code)
            when = f" ({format_date(date, app.lang)})" if date else ""
            for passage in row.cells[code]:
                word = t(f"positions.verdict.{passage.mark.verdict}", app.lang)
                sign = "✗" if passage.mark.verdict == "challenged" else "✓"
                lines.append(
                    f"  {one_line(code)}{when}  {sign} {word}: «{one_line(passage.mark.quote, 80)}»"
                )
                if passage.mark.memo:
                    lines.append(f"      {one_line(passage.mark.memo, 100)}")
    click.echo("\n".join(lines))


COMMANDS = [layer_group, position_group]
