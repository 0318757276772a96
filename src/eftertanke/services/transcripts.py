"""Interview transcripts: import one, say who the interviewer is, rename a
speaker, remove one. The use cases the command line and the app share.

Importing reads and parses the whole file before anything is written, so a
bad file changes nothing. Replacing a transcript keeps the one record (its id,
so what points at it still does) and carries its codings over: each is found
again in the new text by its words and their surroundings (``Coding.anchor_to``)
or, when it cannot be, kept at the nearest span and flagged for review.
Renaming a speaker (pseudonymising "Anna Jensen" as "R03") moves each coding
exactly, since the change to the text is known.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eftertanke.domain import INTERVIEW_STATUSES, Coding, Interview, ValidationError
from eftertanke.errors import JournalError, NotFoundError
from eftertanke.importers.transcripts import ParsedTranscript, read_transcript
from eftertanke.services.transcript_guess import (
    guess_interviewers,
    guess_language,
    interviewers_from_record,
    resolve_speakers,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript

# A 90-minute transcript is well under 1 MB in any of the formats; a file
# hundreds of times that is not a transcript, and is not read into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024
TRANSCRIBED = "transcribed"
MAX_SPEAKER_NAME = 80


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A transcript as imported: where its interviewers came from, and what was carried over."""

    transcript: Transcript
    # Where the interviewers came from: "given", "previous" (the replaced
    # transcript's), "record" (the interview's interviewer field), "questions"
    # or "first" (guessed), or "none".
    interviewers_from: str
    replaced: bool = False
    carried: int = 0  # codings carried over from the replaced transcript
    flagged: int = 0  # of those, flagged for review
    status_before: str | None = None  # the interview's status, when it moved to transcribed
    left_out: int = 0  # lines above the first turn that were not turns

    @property
    def guessed(self) -> bool:
        return self.interviewers_from in ("questions", "first")


def read_file(path: str | Path, format: str | None = None) -> ParsedTranscript:
    """Read and parse a transcript file; errors name the file and its line."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            f"{path.name} is {size // (1024 * 1024)} MB: a transcript file is at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB; nothing was imported"
        )
    return read_transcript(path.name, path.read_bytes(), format)


def transcript_of(journal: Journal, code: str) -> Transcript:
    """The transcript of an interview; NotFoundError (with what to do) when it has none."""
    transcript = journal.transcripts.for_interview(code)
    if transcript is None:
        interview = journal.get_interview(code)
        raise NotFoundError(
            f"interview {interview.code} has no transcript; import one with: "
            f"eftertanke transcript import {interview.code} FILE"
        )
    return transcript


def interview_transcript(journal: Journal, code: str) -> tuple[Interview, Transcript | None]:
    """The interview with its transcript, or None for one without (the app's
    transcript view and interview page, read in a worker). An unknown code
    raises ``NotFoundError``."""
    interview = journal.get_interview(code)
    return interview, journal.transcripts.for_interview(interview.code)


def _names(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    return [name for name in value if name and name.strip()]


def _clamped(coding: Coding, length: int) -> None:
    """Keep a span inside a text of ``length`` characters (a flagged coding
    whose old place is past the end of a shorter new text)."""
    if coding.end > length:
        span = coding.end - coding.start
        coding.end = length
        coding.start = max(0, length - span)
    if coding.start >= coding.end:
        coding.start = max(0, coding.end - 1)


def carry_codings(old: Transcript, new: Transcript) -> tuple[int, int]:
    """Give ``new`` the codings of ``old``, each re-anchored in the new text;
    returns (carried, flagged for review)."""
    text = new.text
    flagged = 0
    new.codings = []
    for original in old.codings:
        coding = Coding.from_dict(original.to_dict())
        coding.anchor_to(text)
        if coding.review:
            flagged += 1
            _clamped(coding, len(text))
        new.codings.append(coding)
    return len(new.codings), flagged


def _choose_interviewers(
    journal: Journal, interview: Interview, parsed: ParsedTranscript, given: list[str], where: str
) -> tuple[list[str], str]:
    """The interviewers of a new transcript, and where they came from."""
    speakers = parsed.speakers
    if given:
        return resolve_speakers(given, speakers, where), "given"
    previous = journal.transcripts.for_interview(interview.code)
    if previous is not None and previous.interviewers:
        if all(name in speakers for name in previous.interviewers):
            return list(previous.interviewers), "previous"
    from_record = interviewers_from_record(interview.interviewer, speakers)
    if from_record:
        return from_record, "record"
    guessed, reason = guess_interviewers(parsed.turns)
    return guessed, reason or "none"


def import_transcript(
    journal: Journal,
    interview_code: str,
    path: str | Path,
    *,
    interviewer: str | Iterable[str] | None = None,
    replace: bool = False,
    format: str | None = None,
    language: str | None = None,
) -> ImportResult:
    """Import a transcript file as the transcript of an interview.

    The interviewers are the speakers named by ``interviewer``; else, when
    replacing, the replaced transcript's interviewers if they all speak in the
    new one; else those the interview record's ``interviewer`` field names;
    else a guess (the speaker who asks the most questions), which the result
    says was a guess. Nothing
    is written when the file cannot be read, a name is no speaker, or the
    interview has a transcript and ``replace`` is not given."""
    interview = journal.get_interview(interview_code)
    parsed = read_file(path, format)
    interviewers, source = _choose_interviewers(
        journal, interview, parsed, _names(interviewer), Path(path).name
    )
    transcript = Transcript(
        interview=interview.code,
        turns=parsed.turns,
        interviewers=interviewers,
        source_file=Path(path).name,
        format=parsed.format,
        language=language or guess_language(parsed.turns),
    ).validate()
    carried = flagged = 0
    status_before = None
    with journal.lock:
        existing = journal.transcripts.for_interview(interview.code)
        if existing is not None:
            if not replace:
                raise JournalError(
                    f"interview {interview.code} already has a transcript; use --replace to "
                    "replace it (its codings are carried over)"
                )
            carried, flagged = carry_codings(existing, transcript)
        stored = journal.transcripts.add(transcript, replace=replace)
        # The transcript is stored; the status is a hint that follows it.
        current = journal.get_interview(interview.code)
        if INTERVIEW_STATUSES.index(current.status) < INTERVIEW_STATUSES.index(TRANSCRIBED):
            status_before = current.status
            current.status = TRANSCRIBED
            journal.update_interview(current, expected_revision=current.revision)
    return ImportResult(
        stored,
        source,
        replaced=existing is not None,
        carried=carried,
        flagged=flagged,
        status_before=status_before,
        left_out=parsed.left_out,
    )


def set_interviewers(journal: Journal, code: str, names: Iterable[str]) -> Transcript:
    """Say which speakers are the interviewer(s) (every other one is a respondent)."""
    transcript = transcript_of(journal, code)
    chosen = resolve_speakers(_names(names), transcript.speakers, f"the transcript of {code}")

    def change(stored: Transcript) -> None:
        stored.interviewers = chosen

    return journal.transcripts.modify(transcript.id, change)


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError("a speaker's new name is empty")
    if len(cleaned) > MAX_SPEAKER_NAME:
        raise ValidationError(f"a speaker's name is at most {MAX_SPEAKER_NAME} characters")
    return cleaned


class _OffsetMap:
    """Where an offset of a transcript's text is after its speakers' names
    change: the words of every turn keep their place within the turn."""

    def __init__(self, before: Transcript, after: Transcript) -> None:
        self._old = self._lines(before)
        self._new = self._lines(after)
        self._starts = [start for start, _, _ in self._old]
        self._length = len(after.text)

    @staticmethod
    def _lines(transcript: Transcript) -> list[tuple[int, int, int]]:
        """(line start, stamp length, prefix length) per turn."""
        rows = []
        for turn, (start, _end) in zip(transcript.turns, transcript.turn_spans, strict=True):
            prefix = len(turn.line_prefix())
            rows.append((start - prefix, prefix - len(turn.speaker) - 2, prefix))
        return rows

    def __call__(self, offset: int) -> int:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        old_line, old_stamp, old_prefix = self._old[index]
        new_line, new_stamp, new_prefix = self._new[index]
        within = offset - old_line
        if within >= old_prefix:  # in the words (or the line's end)
            moved = new_prefix + within - old_prefix
        elif within <= old_stamp:  # in the "[09:45] " before the name
            moved = within
        else:  # inside the name: keep the distance to the words
            moved = max(new_stamp, new_prefix - (old_prefix - within))
        return min(new_line + moved, self._length)


def rename_speaker(journal: Journal, code: str, old: str, new: str) -> Transcript:
    """Rename a speaker in every turn (e.g. pseudonymise "Anna Jensen" as "R03").

    Codings move with the words they cover. A coding flagged for review keeps
    its words, with the old name replaced there too, so the name is not kept
    anywhere in the transcript's record."""
    transcript = transcript_of(journal, code)
    name = _clean_name(new)
    speaker = resolve_speakers([old], transcript.speakers, f"the transcript of {code}")[0]

    def change(stored: Transcript) -> None:
        before = Transcript.from_dict(stored.to_dict())
        for turn in stored.turns:
            if turn.speaker == speaker:
                turn.speaker = name
        stored.interviewers = list(
            dict.fromkeys(name if n == speaker else n for n in stored.interviewers)
        )
        stored.forget_text()
        text = stored.text
        moved = _OffsetMap(before, stored)
        for coding in stored.codings:
            coding.start, coding.end = moved(coding.start), max(moved(coding.end), 1)
            _clamped(coding, len(text))
            if coding.review:
                old_mark, new_mark = f"{speaker}: ", f"{name}: "
                coding.quote = coding.quote.replace(old_mark, new_mark)
                coding.before = coding.before.replace(old_mark, new_mark)
                coding.after = coding.after.replace(old_mark, new_mark)
            else:
                coding.quote = text[coding.start : coding.end]
                coding.anchor_to(text)

    return journal.transcripts.modify(transcript.id, change)


def remove_transcript(journal: Journal, code: str) -> Transcript:
    """Remove an interview's transcript and its codings (the interview stays)."""
    transcript = transcript_of(journal, code)
    return journal.transcripts.remove(transcript.id)


__all__ = [
    "ImportResult",
    "carry_codings",
    "import_transcript",
    "read_file",
    "remove_transcript",
    "rename_speaker",
    "set_interviewers",
    "transcript_of",
]
