"""The pseudonym guard: a key of real names, kept outside the journal.

Function titles only half-anonymise respondents, and reflections written
minutes after an interview name people. The names key maps each real name
to the code or title that replaces it:

    # names.toml, outside the journal folder (path: names_key in config.toml)
    [names]
    "Anne Hansen" = "plejeboligchef (I03)"
    "Kirsten" = "[kollega A]"

Exports and the TUI warn when an entry mentions a real name, ``--redact``
replaces each with its code, and ``doctor`` lists the entries that do.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from eftertanke.anchored_span import AnchoredSpan
from eftertanke.domain import CarriedQuestion, Coding, Entry, Interview
from eftertanke.errors import EftertankeError
from eftertanke.transcript import Transcript


class NamesKeyError(EftertankeError):
    pass


@dataclass(frozen=True)
class NamesKey:
    """The names key: each real name and the code or title that replaces it."""

    names: dict[str, str]
    path: Path | None = None

    def _pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        # Longest first, so "Anne Marie Hansen" wins over "Anne"; whole words only.
        alternatives = sorted(self.names, key=len, reverse=True)
        body = "|".join(re.escape(n) for n in alternatives)
        return re.compile(rf"(?<!\w)({body})(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[str]:
        """The real names (as written in the key) that ``text`` mentions."""
        pattern = self._pattern()
        if pattern is None or not text:
            return []
        lowered = {n.casefold(): n for n in self.names}
        found: list[str] = []
        for match in pattern.finditer(text):
            name = lowered.get(match.group(1).casefold(), match.group(1))
            if name not in found:
                found.append(name)
        return found

    def redact(self, text: str) -> str:
        pattern = self._pattern()
        if pattern is None or not text:
            return text
        lowered = {n.casefold(): code for n, code in self.names.items()}
        return pattern.sub(lambda m: lowered[m.group(1).casefold()], text)


def load_names_key(path: Path, *, journal_root: Path | None = None) -> NamesKey:
    path = Path(path).expanduser()
    if journal_root is not None:
        try:
            path.resolve().relative_to(Path(journal_root).resolve())
        except ValueError:
            pass
        else:
            raise NamesKeyError(
                f"the names key {path} is inside the journal folder; keep it outside, "
                "so it never travels with the journal or its exports"
            )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise NamesKeyError(f"no names key at {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NamesKeyError(f"the names key {path} is not valid TOML: {exc}") from exc
    names = data.get("names", {})
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        raise NamesKeyError(f'the names key {path} needs a [names] table of "real name" = "code"')
    return NamesKey({k.strip(): v for k, v in names.items() if k.strip()}, path)


def configured_names_key(journal_root: Path | None = None) -> NamesKey | None:
    """The names key named by ``names_key`` in the config, or None if none is set."""
    from eftertanke.config import load_config

    configured = load_config().get("names_key")
    if not configured:
        return None
    return load_names_key(Path(str(configured)), journal_root=journal_root)


def entry_text_fields(entry: Entry) -> list[str]:
    parts = [entry.title, entry.body]
    parts.extend(s.answer for s in entry.sections)
    for excerpt in entry.excerpts:
        parts.extend((excerpt.quote, excerpt.note))
    parts.extend(c.memo for c in entry.codings)
    for question in entry.questions:
        parts.extend((question.text, question.reason))
        if question.answered_by is not None:
            parts.append(question.answered_by.quote)
    # Layers of re-reading are the writer's later words; a position mark holds
    # the marked words and a memo: both may name the respondent.
    parts.extend(layer.text for layer in entry.layers)
    for mark in entry.position_marks:
        parts.extend((mark.quote, mark.memo))
    return parts


def entry_mentions(entry: Entry, key: NamesKey) -> list[str]:
    found: list[str] = []
    for text in entry_text_fields(entry):
        for name in key.find(text):
            if name not in found:
                found.append(name)
    return found


def redact_entry(entry: Entry, key: NamesKey) -> Entry:
    """A copy of ``entry`` with every real name replaced by its code."""
    return replace(
        entry,
        title=key.redact(entry.title),
        body=key.redact(entry.body),
        sections=[replace(s, answer=key.redact(s.answer)) for s in entry.sections],
        excerpts=[
            replace(x, quote=key.redact(x.quote), note=key.redact(x.note)) for x in entry.excerpts
        ],
        codings=[_redact_coding(c, key) for c in entry.codings],
        questions=[_redact_question(q, key) for q in entry.questions],
        layers=[replace(x, text=key.redact(x.text)) for x in entry.layers],
        position_marks=[
            replace(m, **_redacted_words(m, key), memo=key.redact(m.memo))
            for m in entry.position_marks
        ],
    )


def redact_interview(interview: Interview, key: NamesKey) -> Interview:
    """A copy of ``interview`` with every real name in its free text replaced.

    The code and date stay: they are what the export links by, and the code is
    already the pseudonym. Role, organisation, notes, consent and interviewer
    are the researcher's words and may name the respondent or a colleague (the
    organisation can carry a person's name, "Kirsten Møllers Hus").
    """
    return replace(
        interview,
        role=key.redact(interview.role),
        organisation=key.redact(interview.organisation),
        notes=key.redact(interview.notes),
        consent=key.redact(interview.consent),
        interviewer=key.redact(interview.interviewer),
    )


def _redact_question(question: CarriedQuestion, key: NamesKey) -> CarriedQuestion:
    # A carried question is the writer's words, and may name the respondent;
    # so may the passage that answered it (a copy of another entry's words).
    link = question.answered_by
    if link is not None:
        link = replace(link, **_redacted_words(link, key))
    return replace(
        question,
        text=key.redact(question.text),
        reason=key.redact(question.reason),
        answered_by=link,
    )


def _redact_coding(coding: Coding, key: NamesKey) -> Coding:
    # The coded words and their surroundings are redacted like the text, so
    # the span re-anchors on the redacted words; the memo may name people too.
    return replace(
        coding,
        **_redacted_words(coding, key),
        memo=key.redact(coding.memo),
        themes=list(coding.themes),
    )


def _redacted_words(span: AnchoredSpan, key: NamesKey) -> dict[str, str]:
    """A span's words and their context with the names replaced (for ``replace``)."""
    return {name: key.redact(words) for name, words in span.span_words().items()}


def transcript_mentions(transcript: Transcript, key: NamesKey) -> list[str]:
    found: list[str] = []
    texts = [t.speaker for t in transcript.turns] + [t.text for t in transcript.turns]
    for text in texts + [c.memo for c in transcript.codings]:
        for name in key.find(text):
            if name not in found:
                found.append(name)
    return found


def redact_transcript(transcript: Transcript, key: NamesKey) -> Transcript:
    """A copy of ``transcript`` with every real name replaced by its code: in
    the turns, the speakers (and who interviewed) and the codings. Its codings
    keep their offsets; whoever reads them re-anchors them on the new text."""
    data = transcript.to_dict()
    for turn in data["turns"]:
        turn["speaker"] = key.redact(turn["speaker"])
        turn["text"] = key.redact(turn["text"])
    data["interviewers"] = list(dict.fromkeys(key.redact(n) for n in data["interviewers"]))
    data["source_file"] = key.redact(data["source_file"])
    copy = Transcript.from_dict(data)
    copy.codings = [_redact_coding(c, key) for c in transcript.codings]
    return copy


__all__ = [
    "NamesKey",
    "NamesKeyError",
    "configured_names_key",
    "entry_mentions",
    "load_names_key",
    "redact_entry",
    "redact_transcript",
    "transcript_mentions",
]
