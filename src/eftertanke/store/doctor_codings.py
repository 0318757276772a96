"""Doctor's checks of coded passages and transcripts, on the records as stored.

The store re-anchors a coding whenever it reads or saves its record, so a
span that no longer fits its text is mended quietly on the next save. These
checks look at what is on disk, before any of that: a coding whose span lies
outside its text, points into an answer the entry does not have, or no
longer covers its words is named (git, a sync tool or a hand edit may have
left it so), as is a transcript whose interview the journal lacks, or an
interview with two transcripts (two clones each imported one, and git merged
the two shard files side by side; ``eftertanke merge`` joins them).

A coding already flagged for review is left to ``_coding_findings``: it is
known, and listed there once.

A carried question answered by a passage of another entry (``answered_by``)
is checked the same way: the answering entry must be in the journal, and its
text must still hold the quoted words somewhere (the link follows them
through an edit, ``anchoring.reanchor``). A purge of the answering entry
leaves the id without its words on purpose; that is said as info. Nothing
here is mended by ``--repair``: the question keeps the words it quoted, and
only the writer can say which passage answers it now.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eftertanke import anchoring
from eftertanke.domain import AnswerLink, Entry, ValidationError
from eftertanke.store import references
from eftertanke.transcript import Transcript

Rows = dict[str, dict[str, Any]]


def _span_problem(coding: Any, text: str | None) -> str | None:
    if text is None:
        if coding.source == "section":
            return f"points into an answer the entry does not have (prompt {coding.section!r})"
        return f"points into an unknown source {coding.source!r}"
    if not 0 <= coding.start < coding.end <= len(text):
        return f"spans {coding.start}-{coding.end}, outside its text ({len(text)} characters)"
    if coding.quote and text[coding.start : coding.end] != coding.quote:
        return f"no longer covers its words at {coding.start}-{coding.end}"
    return None


# A record that does not load is the record check's to report, not these.
_UNREADABLE = (ValidationError, KeyError, TypeError, ValueError)


def _live_entries_with(entries: Rows, part: str) -> Iterator[tuple[str, Entry]]:
    """The entries not in the trash that hold ``part`` ("codings", "questions"),
    by id, each loaded; those that do not load are passed over."""
    for doc_id, doc in sorted(entries.items()):
        if doc.get("deleted") or not doc.get(part):
            continue
        try:
            entry = Entry.from_dict(doc)
        except _UNREADABLE:
            continue
        yield doc_id, entry


def span_findings(entries: Rows, transcripts: Rows) -> list[tuple[str, str]]:
    """``(level, message)`` for every stored coding whose span does not fit its source."""
    found: list[tuple[str, str]] = []
    for doc_id, entry in _live_entries_with(entries, "codings"):
        for coding in entry.codings:
            problem = (
                None
                if coding.review
                else _span_problem(coding, entry.source_text(coding.source, coding.section))
            )
            if problem:
                found.append(("warning", f"entry {doc_id[:8]}: coding {coding.id[:8]} {problem}"))
    for doc_id, doc in sorted(transcripts.items()):
        if not doc.get("codings"):
            continue
        try:
            transcript = Transcript.from_dict(doc)
            text = transcript.text
        except _UNREADABLE:
            continue
        for coding in transcript.codings:
            problem = None if coding.review else _span_problem(coding, text)
            if problem:
                found.append(
                    ("warning", f"transcript {doc_id[:8]}: coding {coding.id[:8]} {problem}")
                )
    return found


def answer_link_findings(entries: Rows) -> list[tuple[str, str]]:
    """``(level, message)`` for every carried question whose answering passage
    the journal no longer holds as linked."""
    found: list[tuple[str, str]] = []
    for doc_id, entry in _live_entries_with(entries, "questions"):
        for question in entry.questions:
            link = question.answered_by
            if link is None:
                continue
            problem = _link_problem(entries, link)
            if problem is not None:
                level, what = problem
                found.append(
                    (level, f"entry {doc_id[:8]}: question {question.id[:8]} is answered by {what}")
                )
    return found


def _link_problem(entries: Rows, link: AnswerLink) -> tuple[str, str] | None:
    answering = entries.get(link.entry)
    name = link.entry[:8]
    if answering is None:
        if not link.quote:
            return "info", f"entry {name}, which was purged (its words went with it)"
        return "warning", f"entry {name}, which this journal does not have"
    if answering.get("deleted"):
        return "info", f"entry {name}, which is in the trash"
    if not link.quote:
        return None
    try:
        text = Entry.from_dict(answering).source_text(
            "section" if link.section else "body", link.section
        )
    except _UNREADABLE:
        return None
    if text is None:
        return "warning", f"entry {name}, which no longer has the answer (prompt {link.section!r})"
    if anchoring.reanchor(text, link.start, link.end, link.quote, link.before, link.after) is None:
        return "warning", f"entry {name}, whose text no longer holds the quoted words"
    return None


def transcript_findings(transcripts: Rows, interviews: Rows) -> list[tuple[str, str]]:
    """A transcript must belong to an interview of the journal, and an
    interview has one transcript."""
    found: list[tuple[str, str]] = []
    by_interview: dict[str, list[str]] = {}
    refs = references.build({}, interviews)
    for doc_id, doc in sorted(transcripts.items()):
        value = doc.get("interview")
        live = references.resolve_alias(interviews, value) if isinstance(value, str) else None
        if live is None and isinstance(value, str) and value:
            live = refs.interviews.ident(value)  # an older journal names it by code
        if live is None:
            found.append(
                (
                    "error",
                    f"transcript {doc_id[:8]} belongs to interview {value!r}, which this "
                    "journal does not have",
                )
            )
            continue
        by_interview.setdefault(live, []).append(doc_id)
    for live, ids in sorted(by_interview.items()):
        if len(ids) > 1:
            code = interviews.get(live, {}).get("code") or live
            found.append(
                (
                    "warning",
                    f"interview {code} has {len(ids)} transcripts "
                    f"({', '.join(i[:8] for i in ids)}); only one is shown and coded",
                )
            )
    return found


__all__ = ["answer_link_findings", "span_findings", "transcript_findings"]
