"""``eftertanke code add|list|remove|recode|memo|move|links``: coded passages.

A passage is a span of one text: an answer of a reflection (``--section``
with the prompt id), an entry's free body (``--body``) or an interview's
transcript (``--transcript CODE``). It is given by character offsets
(``--span START-END``, end not included, as ``code list --json`` shows them)
or by a phrase that occurs exactly once. Every change goes through
``services.coding``, the same use cases the app calls. Stored text is made
terminal-safe before it is printed.

``code links`` shows the quotes reflections cite with a time and the
transcript passages they were found at (``services.quote_links``).

Long because it holds the eight ``code`` subcommands, each a thin shell over
services/coding.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app, read_stdin_text, usage
from eftertanke.cli.render import json_text
from eftertanke.i18n import t
from eftertanke.textsafe import one_line

if TYPE_CHECKING:
    from eftertanke.domain import Coding, Entry
    from eftertanke.services.coding import CodedPassage
    from eftertanke.services.quote_links import QuoteLink
    from eftertanke.store.journal import Journal

SHORT = 8
QUOTE_WIDTH = 60


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"cli.codings.{key}", lang, **values)


def _span(value: str | None, option: str = "--span") -> tuple[int, int] | None:
    """``START-END`` as two offsets; anything else is a usage error."""
    if value is None:
        return None
    start, dash, end = value.strip().partition("-")
    if not dash or not start.strip().isdigit() or not end.strip().isdigit():
        raise click.BadParameter(
            f"{value!r} is not START-END, e.g. 12-40 (character offsets, end not included)",
            param_hint=f"'{option}'",
        )
    return int(start), int(end)


def _quote(text: str, width: int = QUOTE_WIDTH) -> str:
    return one_line(text, width)


def _themes(coding: Coding) -> str:
    return one_line(", ".join(coding.themes))


def _prompt_words(text: str, words: int = 4) -> str:
    parts = text.split()
    head = " ".join(parts[:words])
    return one_line(head + ("…" if len(parts) > words else ""))


# -- where a passage is ------------------------------------------------------------


def _entry(journal: Journal, ident: str) -> Entry:
    return journal.get_entry(ident, include_deleted=False)


def _transcript_id(journal: Journal, code: str) -> str:
    from eftertanke.store.errors import NotFoundError

    transcript = journal.transcripts.for_interview(code)  # unknown interview: NotFoundError
    if transcript is None:
        interview = journal.get_interview(code).code
        raise NotFoundError(
            f"interview {interview} has no transcript yet; import one with: "
            f"eftertanke transcript import {interview} FILE"
        )
    return transcript.id


def _one_owner(entry_id: str | None, transcript_code: str | None) -> None:
    if bool(entry_id) == bool(transcript_code):
        raise usage("cli.usage.entry_or_transcript")


def _choices(entry: Entry) -> str:
    from eftertanke.services.coding import entry_sources

    out = []
    for where, _text in entry_sources(entry):
        if where.source == "body":
            out.append("--body")
            continue
        prompt = next(s.prompt_text for s in entry.sections if s.prompt_id == where.section)
        out.append(f"--section {where.section} ({_prompt_words(prompt)})")
    return "; ".join(out)


def _entry_source(entry: Entry, section: str | None, body: bool) -> Any:
    """The text of an entry a span points into: the one named, or the only one."""
    from eftertanke.domain import ValidationError
    from eftertanke.services.coding import Source, entry_sources
    from eftertanke.store.errors import NotFoundError

    short = entry.id[:SHORT]
    if body:
        return Source.body(entry.id)
    if section is not None:
        answers = {s.prompt_id: s for s in entry.sections}
        if section not in answers:
            raise NotFoundError(
                f"entry {short} has no prompt {section!r}; its texts are: {_choices(entry) or 'none'}",
                key="error.no_prompt",
                id=short,
                prompt=repr(section),
                texts=_choices(entry) or "-",
            )
        if not answers[section].answer.strip():
            raise NotFoundError(
                f"entry {short} has no answer to prompt {section!r} to code",
                key="error.no_answer_to_code_in",
                id=short,
                prompt=repr(section),
            )
        return Source.answer(entry.id, section)
    texts = entry_sources(entry)
    if not texts:
        raise ValidationError(
            f"entry {short} has no text to code", key="error.no_text_to_code", id=short
        )
    if len(texts) > 1:
        raise usage("cli.usage.which_text", id=short, n=len(texts), texts=_choices(entry))
    return texts[0][0]


# -- printing ------------------------------------------------------------------------


def _where(passage: CodedPassage, lang: str) -> str:
    if passage.owner_kind == "transcript":
        return one_line(f"{_w('transcript', lang)} {passage.interview} {passage.section_label}")
    section = passage.coding.section if passage.coding.source == "section" else _w("body", lang)
    return one_line(f"{_w('entry', lang)} {passage.owner[:SHORT]} {section}")


def passage_line(passage: CodedPassage, lang: str) -> str:
    coding = passage.coding
    marks = []
    if coding.memo.strip():
        marks.append(f"[{_w('memo', lang)}]")
    if coding.review:
        marks.append(f"[{one_line(_w('review', lang, why=coding.review))}]")
    tail = ("  " + " ".join(marks)) if marks else ""
    return (
        f"{click.style(coding.id[:SHORT], fg='yellow')}  {_where(passage, lang):<34}  "
        f'[{_themes(coding)}]  "{_quote(coding.quote)}"{tail}'
    )


def passage_json(passage: CodedPassage) -> dict[str, Any]:
    """One coding as ``--json`` gives it: these keys, always, in this order."""
    coding = passage.coding
    return {
        "id": coding.id,
        "owner_kind": passage.owner_kind,
        "owner": passage.owner,
        "interview": passage.interview,
        "source": coding.source,
        "section": coding.section,
        "start": coding.start,
        "end": coding.end,
        "quote": coding.quote,
        "themes": list(coding.themes),
        "memo": coding.memo,
        "author": coding.author,
        "created": coding.created.isoformat(),
        "review": coding.review,
    }


# -- commands -------------------------------------------------------------------------


@click.group("code")
def code_group() -> None:
    """Coded passages: code a span or a phrase of a reflection or a transcript.

    \b
    eftertanke code add 5d2a --section q-safety --span 12-48 --theme "Farlig tavshed"
    eftertanke code add 5d2a --phrase "det er trygt at sige fra" --theme Tryghed
    eftertanke code add --transcript I03 --phrase "vi lykkes sammen" --theme Fællesskab
    eftertanke code list --theme Tryghed
    """


def _passage_options(
    entry_id: str | None,
    transcript_code: str | None,
    span: str | None,
    section: str | None,
    body: bool,
    phrase: str | None,
) -> tuple[int, int] | None:
    """``code add``'s way of naming the passage, checked; the span's offsets, if given."""
    _one_owner(entry_id, transcript_code)
    offsets = _span(span)
    if (offsets is None) == (phrase is None):
        raise usage("cli.usage.span_or_phrase")
    if section is not None and body:
        raise usage("cli.usage.section_and_body")
    if (section is not None or body) and offsets is None:
        raise click.UsageError(
            "--section and --body go with --span; a --phrase is looked for in every text"
        )
    if transcript_code and (section is not None or body):
        raise click.UsageError("--section and --body are for entries; a transcript is one text")
    return offsets


def _transcript_option(help_text: str) -> Any:
    return completion.interview_option(
        "--transcript", "transcript_code", metavar="CODE", help=help_text
    )


_THEMES_OPTION = completion.theme_option(
    "--theme", "themes", multiple=True, required=True, metavar="NAME", help="Repeatable."
)


@code_group.command("add")
@click.argument("entry_id", required=False, metavar="[ID]", shell_complete=completion.ENTRIES)
@_transcript_option("Code the interview's transcript.")
@_THEMES_OPTION
@click.option(
    "--span", metavar="START-END", help="Character offsets into the text, end not included."
)
@click.option("--section", metavar="PROMPT_ID", help="With --span: the answer to this prompt.")
@click.option("--body", is_flag=True, help="With --span: the entry's free body.")
@click.option("--phrase", metavar="TEXT", help="Words that occur exactly once in the text.")
@click.option("--memo", default="", metavar="TEXT", help="A note on the coding.")
@click.option("--json", "as_json", is_flag=True, help="Print the new coding as JSON.")
@pass_app
def add_command(
    app: AppContext,
    entry_id: str | None,
    transcript_code: str | None,
    themes: tuple[str, ...],
    span: str | None,
    section: str | None,
    body: bool,
    phrase: str | None,
    memo: str,
    as_json: bool,
) -> None:
    """Code a passage of an entry (ID: an id prefix) or of a transcript with themes.

    The passage is --span START-END (in an entry with more than one text,
    with --section PROMPT_ID or --body) or --phrase TEXT, which must occur
    exactly once (case is ignored). Coding the same span again adds themes.
    """
    from eftertanke.services import coding as service

    offsets = _passage_options(entry_id, transcript_code, span, section, body, phrase)
    journal = app.journal()
    if transcript_code:
        kind, owner = service.TRANSCRIPT, _transcript_id(journal, transcript_code)
    else:
        assert entry_id is not None
        kind, owner = service.ENTRY, _entry(journal, entry_id).id
    if phrase is not None:
        made = service.code_phrase(journal, kind, owner, phrase, themes, memo=memo)
    else:
        assert offsets is not None
        if kind == service.TRANSCRIPT:
            where = service.Source.transcript(owner)
        else:
            where = _entry_source(_entry(journal, owner), section, body)
        made = service.code_passage(journal, where, offsets[0], offsets[1], themes, memo=memo)
    if as_json:
        passage = next(
            p for p in service.passages_of(journal, kind, owner) if p.coding.id == made.id
        )
        click.echo(json_text(passage_json(passage)))
        return
    click.echo(
        _w("coded", app.lang, id=made.id[:SHORT], quote=_quote(made.quote), themes=_themes(made))
    )


@code_group.command("list")
@click.argument("entry_id", required=False, metavar="[ID]", shell_complete=completion.ENTRIES)
@_transcript_option("Only the interview's transcript.")
@completion.theme_option("--theme", metavar="NAME", help="Only codings with this theme.")
@completion.interview_option("--interview", metavar="CODE", help="Only passages of this interview.")
@click.option("--review", is_flag=True, help="Only codings whose span needs review.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def list_command(
    app: AppContext,
    entry_id: str | None,
    transcript_code: str | None,
    theme: str | None,
    interview: str | None,
    review: bool,
    as_json: bool,
) -> None:
    """List coded passages: all, or those of one entry (ID) or one transcript.

    One line each: the coding's id, where it is, its themes, its words, and
    marks for a memo or a span that needs review.
    """
    from eftertanke.services import coding as service

    if entry_id and transcript_code:
        raise usage("cli.usage.entry_and_transcript")
    journal = app.journal()
    theme = journal.get_theme(theme).name if theme else None
    interview = journal.get_interview(interview).code if interview else None
    if entry_id or transcript_code:
        if transcript_code:
            found = service.passages_of(
                journal, service.TRANSCRIPT, _transcript_id(journal, transcript_code)
            )
        else:
            assert entry_id is not None
            found = service.passages_of(journal, service.ENTRY, entry_id)
        found = [
            p
            for p in found
            if (theme is None or theme in p.coding.themes)
            and (interview is None or (p.interview or "").casefold() == interview.casefold())
            and (not review or p.coding.review)
        ]
    else:
        found = service.coded_passages(
            journal, theme=theme, interview=interview, review_only=review
        )
    if as_json:
        click.echo(json_text([passage_json(p) for p in found]))
        return
    lang = app.lang  # read once: it looks at the config file each time
    if not found:
        click.echo(_w("none", lang))
        return
    click.echo("\n".join(passage_line(p, lang) for p in found))


@code_group.command("remove")
@click.argument("coding_id")
@pass_app
def remove_command(app: AppContext, coding_id: str) -> None:
    """Remove a coding (an id prefix of 4+ characters); the text stays as it is."""
    from eftertanke.services.coding import remove_coding

    gone = remove_coding(app.journal(), coding_id)
    click.echo(_w("removed", app.lang, id=gone.id[:SHORT], quote=_quote(gone.quote)))


@code_group.command("recode")
@click.argument("coding_id")
@_THEMES_OPTION
@pass_app
def recode_command(app: AppContext, coding_id: str, themes: tuple[str, ...]) -> None:
    """Give a coding these themes instead of its own."""
    from eftertanke.services.coding import recode

    coding = recode(app.journal(), coding_id, themes)
    click.echo(_w("recoded", app.lang, id=coding.id[:SHORT], themes=_themes(coding)))


@code_group.command("memo")
@click.argument("coding_id")
@click.argument("text")
@pass_app
def memo_command(app: AppContext, coding_id: str, text: str) -> None:
    """Write a coding's memo: TEXT, or - to read it from standard input ('' clears it)."""
    from eftertanke.services.coding import set_memo

    if text == "-":
        text = read_stdin_text()
    text = text.strip()
    coding = set_memo(app.journal(), coding_id, text)
    key = "memo_saved" if text else "memo_cleared"
    click.echo(_w(key, app.lang, id=coding.id[:SHORT]))


@code_group.command("move")
@click.argument("coding_id")
@click.option(
    "--span", required=True, metavar="START-END", help="The new offsets in the same text."
)
@pass_app
def move_command(app: AppContext, coding_id: str, span: str) -> None:
    """Put a coding on another span of its text (after a review, say)."""
    from eftertanke.services.coding import move_span

    offsets = _span(span)
    assert offsets is not None
    coding = move_span(app.journal(), coding_id, *offsets)
    click.echo(_w("moved", app.lang, id=coding.id[:SHORT], quote=_quote(coding.quote)))


# -- links between quotes and transcripts ----------------------------------------------


def _why(link: QuoteLink, lang: str) -> str:
    from eftertanke.quote_match import MIN_SCORE

    return _w(
        f"why.{link.reason}",
        lang,
        code=one_line(link.interview or ""),
        score=f"{link.score:.2f}",
        need=f"{MIN_SCORE:.2f}",
    )


def _turn_label(speaker: str | None, at: float | None) -> str:
    from eftertanke.transcript import clock

    stamp = f"[{clock(at)}] " if at is not None else ""
    return one_line(f"{stamp}{speaker or '?'}")


def link_json(link: QuoteLink) -> dict[str, Any]:
    quote = link.quote
    return {
        "entry": link.entry_id,
        "origin": quote.origin,
        "section": quote.section,
        "index": quote.index,
        "line": quote.line,
        "quote": quote.text,
        "timestamp": quote.timestamp,
        "interview": link.interview,
        "matched": link.matched,
        "transcript": link.transcript_id,
        "turn": link.turn,
        "speaker": link.speaker,
        "time": link.at,
        "start": link.start,
        "end": link.end,
        "words": link.words,
        "score": link.score,
        "reason": link.reason,
    }


def _entry_links(app: AppContext, journal: Journal, entry_id: str, as_json: bool) -> None:
    from eftertanke.services.quote_links import links_for_entry

    links = links_for_entry(journal, _entry(journal, entry_id))
    if as_json:
        click.echo(json_text([link_json(link) for link in links]))
        return
    if not links:
        click.echo(_w("no_quotes", app.lang))
        return
    for link in links:
        click.echo(one_line(link.quote.line, QUOTE_WIDTH + 10))
        if link.matched:
            where = f"{one_line(link.interview or '')} {_turn_label(link.speaker, link.at)}"
            click.echo(f'    → {where}: "{_quote(link.words)}"  ({link.score:.2f})')
        else:
            click.echo(f"    ✗ {_why(link, app.lang)}")


def _transcript_links(app: AppContext, journal: Journal, code: str, as_json: bool) -> None:
    from eftertanke.services.quote_links import citations_of_transcript

    transcript = journal.transcripts.get(_transcript_id(journal, code))
    found = citations_of_transcript(journal, transcript)
    if as_json:
        turns = [
            {
                "turn": index,
                "speaker": transcript.turns[index].speaker,
                "time": transcript.turns[index].start,
                "citations": [link_json(link) for link in links],
            }
            for index, links in found.by_turn.items()
        ]
        click.echo(
            json_text(
                {
                    "transcript": transcript.id,
                    "interview": transcript.interview,
                    "turns": turns,
                    "unmatched": [link_json(link) for link in found.unmatched],
                }
            )
        )
        return
    if not found.by_turn and not found.unmatched:
        click.echo(_w("no_citations", app.lang))
        return
    for index, links in found.by_turn.items():
        turn = transcript.turns[index]
        click.echo(f'{_turn_label(turn.speaker, turn.start)}: "{_quote(turn.text)}"')
        for link in links:
            click.echo(
                f"    ← {link.entry_id[:SHORT]} {one_line(link.entry_title, 40)}: "
                f"{one_line(link.quote.line, QUOTE_WIDTH)}  ({link.score:.2f})"
            )
    if found.unmatched:
        click.echo(_w("not_found_here", app.lang))
        for link in found.unmatched:
            click.echo(
                f"    ✗ {link.entry_id[:SHORT]}: {one_line(link.quote.line, QUOTE_WIDTH)}"
                f" — {_why(link, app.lang)}"
            )


@code_group.command("links")
@click.argument("entry_id", required=False, metavar="[ID]", shell_complete=completion.ENTRIES)
@_transcript_option("The interview's transcript.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def links_command(
    app: AppContext, entry_id: str | None, transcript_code: str | None, as_json: bool
) -> None:
    """Quotes and the transcript passages they cite, both ways.

    For an entry (ID): each quote it cites with a time (its excerpts, the
    lines of its quotes prompt such as 9.45 "Det er trygt at sige fra", and
    timed lines in quote marks), with the transcript turn and words it was
    found at, or why not. With --transcript CODE: each turn that reflections
    cite, with the reflections citing it. Worked out anew every time from the
    text as it is now; a quote never gets a link it does not match well.
    """
    _one_owner(entry_id, transcript_code)
    journal = app.journal()
    if transcript_code:
        _transcript_links(app, journal, transcript_code, as_json)
    else:
        assert entry_id is not None
        _entry_links(app, journal, entry_id, as_json)


COMMANDS = [code_group]
