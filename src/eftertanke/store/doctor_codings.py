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
"""

from __future__ import annotations

from typing import Any

from eftertanke.domain import Entry, ValidationError
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


def span_findings(entries: Rows, transcripts: Rows) -> list[tuple[str, str]]:
    """``(level, message)`` for every stored coding whose span does not fit its source."""
    found: list[tuple[str, str]] = []
    for doc_id, doc in sorted(entries.items()):
        if doc.get("deleted") or not doc.get("codings"):
            continue
        try:
            entry = Entry.from_dict(doc)
        except (ValidationError, KeyError, TypeError, ValueError):
            continue  # reported as invalid by the record check
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
        except (ValidationError, KeyError, TypeError, ValueError):
            continue
        for coding in transcript.codings:
            problem = None if coding.review else _span_problem(coding, text)
            if problem:
                found.append(
                    ("warning", f"transcript {doc_id[:8]}: coding {coding.id[:8]} {problem}")
                )
    return found


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


__all__ = ["span_findings", "transcript_findings"]
