"""``eftertanke transcript import|list|show|speakers|remove``.

An interview has one transcript: its speakers' turns with their times, the
interviewer(s) marked. ``import`` reads WebVTT (Teams, Zoom), SRT, Teams
.docx, Otter .txt, oTranscribe .otr and plain text; a file that cannot be
read is one line naming its line, and nothing is stored. Stored text is made
terminal-safe before it is printed.

Long because it holds the five ``transcript`` subcommands and what they print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from eftertanke.cli import completion
from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.render import json_text
from eftertanke.cli.words import confirm, counted
from eftertanke.i18n import t
from eftertanke.textsafe import for_terminal, one_line

if TYPE_CHECKING:
    from eftertanke.services.transcripts import ImportResult
    from eftertanke.transcript import Transcript

FORMAT_CHOICES = ("vtt", "srt", "docx", "otter", "otr", "text")
AROUND = 2  # turns shown on each side of the one at --at


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"cli.transcripts.{key}", lang, **values)


def _count(lang: str, n: int, what: str) -> str:
    return counted(f"cli.transcripts.{what}", lang, n)


def _turns(lang: str, n: int) -> str:
    return _count(lang, n, "turns")


def _codings(lang: str, n: int) -> str:
    return _count(lang, n, "codings")


def _names(names: list[str]) -> str:
    return ", ".join(one_line(name) for name in names)


def _summary(transcript: Transcript) -> dict[str, Any]:
    return {
        "id": transcript.id,
        "interview": transcript.interview,
        "format": transcript.format,
        "language": transcript.language,
        "source_file": transcript.source_file,
        "turns": len(transcript.turns),
        "words": transcript.words(),
        "speakers": transcript.speakers,
        "interviewers": list(transcript.interviewers),
        "codings": len(transcript.codings),
        "codings_to_review": sum(1 for c in transcript.codings if c.review),
    }


def _turn_data(transcript: Transcript, index: int) -> dict[str, Any]:
    from eftertanke.transcript import citation_time, clock

    turn = transcript.turns[index]
    start, end = transcript.turn_spans[index]
    return {
        "index": index,
        "speaker": turn.speaker,
        "interviewer": transcript.is_interviewer(turn.speaker),
        "start": turn.start,
        "end": turn.end,
        "time": clock(turn.start) if turn.start is not None else None,
        "cite": citation_time(turn.start) if turn.start is not None else None,
        "text": turn.text,
        "span": [start, end],
    }


def _turn_line(transcript: Transcript, index: int, lang: str) -> str:
    from eftertanke.transcript import clock

    turn = transcript.turns[index]
    stamp = click.style(f"[{clock(turn.start)}] ", dim=True) if turn.start is not None else ""
    speaker = one_line(turn.speaker)
    if transcript.is_interviewer(turn.speaker):
        speaker = f"{speaker} ({_w('interviewer', lang)})"
    return f"{stamp}{click.style(speaker, bold=True)}: {for_terminal(turn.text)}"


@click.group("transcript")
def transcript_group() -> None:
    """Interview transcripts: speaker turns with times, the interviewer marked."""


@transcript_group.command("import")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMAT_CHOICES),
    help="The file's format (default: from its extension and content).",
)
@click.option(
    "--interviewer",
    "interviewers",
    multiple=True,
    metavar="NAME",
    help="A speaker who is the interviewer (repeat for two). Default: the "
    "interview's interviewer, else a guess that is reported.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the interview's transcript; its codings are carried over.",
)
@click.option(
    "--language",
    type=click.Choice(["da", "en"]),
    help="The transcript's language (default: guessed from its words).",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def import_command(app: AppContext, code: str, file: str, format_: str | None,
                   interviewers: tuple[str, ...], replace: bool, language: str | None,
                   as_json: bool) -> None:  # fmt: skip
    """Import FILE as the transcript of interview CODE.

    \b
    Reads WebVTT (Teams, Zoom), SRT, Teams .docx, Otter .txt, oTranscribe .otr
    and plain text with [09:45] or 9.45 times. A file that cannot be read is
    refused with the line to fix, and nothing is stored.
    """
    from eftertanke.services.transcripts import import_transcript

    result = import_transcript(
        app.journal(), code, file, interviewer=list(interviewers), replace=replace,
        format=format_, language=language,
    )  # fmt: skip
    if as_json:
        click.echo(json_text(_import_data(result)))
        return
    click.echo(_import_report(result, app.lang))


def _import_data(result: ImportResult) -> dict[str, Any]:
    return {
        **_summary(result.transcript),
        "interviewers_from": result.interviewers_from,
        "interviewers_guessed": result.guessed,
        "replaced": result.replaced,
        "codings_carried": result.carried,
        "codings_flagged": result.flagged,
        "status_before": result.status_before,
        "left_out": result.left_out,
    }


def _import_report(result: ImportResult, lang: str) -> str:
    transcript = result.transcript
    code = transcript.interview
    speakers = len(transcript.speakers)
    lines = [
        _w(
            "replaced" if result.replaced else "imported",
            lang,
            code=code,
            file=one_line(transcript.source_file),
            format=transcript.format,
            turns=_turns(lang, len(transcript.turns)),
            speakers=_count(lang, speakers, "speakers"),
            words=_count(lang, transcript.words(), "words"),
        )
    ]
    if result.replaced:
        lines.append(
            _w("carried", lang, codings=_codings(lang, result.carried),
               found=result.carried - result.flagged, flagged=result.flagged)
        )  # fmt: skip
    source = result.interviewers_from if transcript.interviewers else "none"
    lines.append(
        _w(f"interviewer_{source}", lang, names=_names(transcript.interviewers), code=code)
    )
    if result.status_before:
        lines.append(_w("status", lang, code=code, before=result.status_before))
    if result.left_out:
        lines.append(_w("left_out", lang, n=result.left_out))
    return "\n".join(lines)


@transcript_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def list_command(app: AppContext, as_json: bool) -> None:
    """List the transcripts: interview, format, turns, words, speakers (* the interviewer)."""
    transcripts = app.journal().transcripts.all()
    if as_json:
        click.echo(json_text([_summary(t) for t in transcripts]))
        return
    lang = app.lang
    if not transcripts:
        click.echo(_w("none", lang))
        return
    for transcript in transcripts:
        speakers = ", ".join(
            one_line(s) + ("*" if transcript.is_interviewer(s) else "") for s in transcript.speakers
        )
        review = sum(1 for c in transcript.codings if c.review)
        codings = _codings(lang, len(transcript.codings))
        if review:
            codings += f" ({_w('to_review', lang, n=review)})"
        click.echo(
            f"{click.style(f'{transcript.interview:<6}', fg='yellow')} {transcript.format:<6} "
            f"{_turns(lang, len(transcript.turns)):<14} "
            f"{_count(lang, transcript.words(), 'words'):<12} {transcript.language}  "
            f"{speakers}  {codings}"
        )


def _turn_at(transcript: Transcript, seconds: float) -> int:
    """The turn being spoken at a time: the last one that started by then."""
    found = 0
    for index, turn in enumerate(transcript.turns):
        if turn.start is not None and turn.start <= seconds:
            found = index
    return found


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    from eftertanke.transcript import parse_citation_time

    seconds = parse_citation_time(value)
    if seconds is None:
        raise click.BadParameter(
            f"{value!r} is not a time: give one such as 9.45, 09:45 or 1:02:05", param_hint="'--at'"
        )
    return seconds


@transcript_group.command("show")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.option(
    "--at",
    "at",
    metavar="TIME",
    help="Show the turns around a time, e.g. 9.45 or 1:02:05 (the one then is marked >).",
)
@click.option("--search", metavar="WORD", help="Only the turns with WORD in them.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show_command(app: AppContext, code: str, at: str | None, search: str | None,
                 as_json: bool) -> None:  # fmt: skip
    """Show an interview's transcript: speaker turns with times, the interviewer marked."""
    from eftertanke.services.transcripts import transcript_of

    seconds = _seconds(at)
    transcript = transcript_of(app.journal(), code)
    indexes = list(range(len(transcript.turns)))
    marked = None
    if seconds is not None:
        marked = _turn_at(transcript, seconds)
        indexes = indexes[max(0, marked - AROUND) : marked + AROUND + 1]
    if search:
        wanted = search.casefold()
        indexes = [
            i for i in indexes
            if wanted in transcript.turns[i].text.casefold()
            or wanted in transcript.turns[i].speaker.casefold()
        ]  # fmt: skip
    if as_json:
        data = {**_summary(transcript), "turns": [_turn_data(transcript, i) for i in indexes]}
        if marked is not None:
            data["at"] = marked
        click.echo(json_text(data))
        return
    lang = app.lang
    respondents = [s for s in transcript.speakers if not transcript.is_interviewer(s)]
    head = " · ".join(
        [
            _w("heading", lang, code=transcript.interview),
            f"{one_line(transcript.source_file)} ({transcript.format}, {transcript.language})",
            _turns(lang, len(transcript.turns)),
            _count(lang, transcript.words(), "words"),
        ]
    )
    click.echo(click.style(head, bold=True))
    click.echo(
        f"{_w('interviewers', lang)}: {_names(transcript.interviewers) or _w('nobody', lang)}"
        f" · {_w('respondents', lang)}: {_names(respondents) or '—'}"
    )
    click.echo("")
    if not indexes:
        click.echo(_w("no_turns", lang))
        return
    for index in indexes:
        line = _turn_line(transcript, index, lang)
        if marked is not None:
            line = ("> " if index == marked else "  ") + line
        click.echo(line)


def _rename_pairs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        old, sep, new = value.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise click.BadParameter(
                f"{value!r}: give OLD=NEW, e.g. --rename 'Anna Jensen=R03'", param_hint="'--rename'"
            )
        pairs.append((old.strip(), new.strip()))
    return pairs


def _speaker_rows(transcript: Any) -> list[dict[str, Any]]:
    """Each speaker with whether they interview, their turns and their words."""
    rows = []
    for speaker in transcript.speakers:
        turns = [t for t in transcript.turns if t.speaker == speaker]
        rows.append(
            {
                "speaker": speaker,
                "interviewer": transcript.is_interviewer(speaker),
                "turns": len(turns),
                "words": sum(len(t.text.split()) for t in turns),
            }
        )
    return rows


@transcript_group.command("speakers")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.option(
    "--interviewer",
    "interviewers",
    multiple=True,
    metavar="NAME",
    help="Mark these speakers as the interviewer(s); every other speaker is a respondent.",
)
@click.option(
    "--rename",
    "renames",
    multiple=True,
    metavar="OLD=NEW",
    help="Rename a speaker in every turn, e.g. to pseudonymise: 'Anna Jensen=R03'.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def speakers_command(app: AppContext, code: str, interviewers: tuple[str, ...],
                     renames: tuple[str, ...], as_json: bool) -> None:  # fmt: skip
    """List a transcript's speakers; mark the interviewer; rename (pseudonymise) a speaker."""
    from eftertanke.services.transcript_guess import match_speaker
    from eftertanke.services.transcripts import rename_speaker, set_interviewers, transcript_of

    pairs = _rename_pairs(renames)
    journal = app.journal()
    lang = app.lang
    transcript = transcript_of(journal, code)
    messages = []
    for old, new in pairs:
        renamed = match_speaker(old, transcript.speakers) or old
        transcript = rename_speaker(journal, code, old, new)
        count = sum(1 for turn in transcript.turns if turn.speaker == " ".join(new.split()))
        messages.append(
            _w("renamed", lang, old=one_line(renamed), new=one_line(new), turns=_turns(lang, count))
        )
    if interviewers:
        transcript = set_interviewers(journal, code, interviewers)
        messages.append(
            _w("interviewers_set", lang, code=transcript.interview,
               names=_names(transcript.interviewers))
        )  # fmt: skip
    rows = _speaker_rows(transcript)
    if as_json:
        click.echo(json_text(rows))
        return
    for message in messages:
        click.echo(message)
    for row in rows:
        mark = f" ({_w('interviewer', lang)})" if row["interviewer"] else ""
        click.echo(
            f"{one_line(row['speaker'])}{mark}  {_turns(lang, row['turns'])}, "
            f"{_count(lang, row['words'], 'words')}"
        )


@transcript_group.command("remove")
@click.argument("code", shell_complete=completion.INTERVIEWS)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_app
def remove_command(app: AppContext, code: str, yes: bool) -> None:
    """Remove an interview's transcript and its codings (asks first unless --yes)."""
    from eftertanke.services.transcripts import remove_transcript, transcript_of

    journal = app.journal()
    lang = app.lang
    transcript = transcript_of(journal, code)
    question = _w(
        "sure", lang, code=transcript.interview, turns=_turns(lang, len(transcript.turns)),
        codings=_codings(lang, len(transcript.codings)),
    )  # fmt: skip
    if not yes and not confirm(question, lang):
        raise click.exceptions.Abort
    removed = remove_transcript(journal, code)
    click.echo(_w("removed", lang, code=removed.interview))


COMMANDS = [transcript_group]
