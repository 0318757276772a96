"""What a count stands for, as a list shows it and a drill-down opens it.

``PassageLookup`` turns a ``coded.Ref`` back into its words and its place:
the entry and the prompt it answers, or the transcript's speakers and time,
with the reference a thesis cites ("(I03, 9.45)"). Built from the same
stored dicts the views count, so the list always shows what was counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eftertanke.analysis.coded import (
    EXCERPT,
    INTERVIEWER,
    REFLECTION,
    RESPONDENT,
    WHOLE,
    Ref,
    TranscriptLayout,
    as_layouts,
)
from eftertanke.entry_row import EntryRow


@dataclass(frozen=True, slots=True)
class Shown:
    """A counted unit as a list shows it: its words, its place, and the reference to cite."""

    ref: Ref
    interview: str | None  # the interview the unit belongs to
    title: str  # the entry's title ("" for a transcript)
    where: str  # the prompt's text, "" for the body; the speakers for a transcript
    words: str  # the coded words, the excerpt's quote, or the entry's first words
    reference: str  # "(I03, 9.45)" for transcript passages and excerpts, else ""
    turn: int = -1  # a transcript passage's first turn
    review: str = ""  # why the coding is flagged for review

    @property
    def in_transcript(self) -> bool:
        return self.ref.kind in (RESPONDENT, INTERVIEWER)


def _first_words(row: EntryRow) -> str:
    for text in (row.body, *row.answers):
        line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
        if line:
            return line
    return ""


class PassageLookup:
    def __init__(self, docs: Iterable[dict[str, Any]], transcripts: Iterable[Any] = ()) -> None:
        self.entries = {EntryRow(doc).id: doc for doc in docs}
        self.transcripts = {t.id: t for t in as_layouts(transcripts)}

    def show(self, ref: Ref) -> Shown | None:
        """The unit behind ``ref``, or None when it is no longer there."""
        if ref.kind in (RESPONDENT, INTERVIEWER):
            layout = self.transcripts.get(ref.owner)
            return self._turns(ref, layout) if layout is not None else None
        doc = self.entries.get(ref.owner)
        if doc is None:
            return None
        row = EntryRow(doc)
        title = str(row.title)
        code = row.interview or None
        if ref.kind == EXCERPT:
            excerpts = row.excerpts
            if not 0 <= ref.index < len(excerpts):
                return None
            excerpt = excerpts[ref.index]
            interview = str(excerpt.get("interview") or "")
            stamp = str(excerpt.get("timestamp") or "")
            reference = f"({interview}, {stamp})" if stamp else f"({interview})"
            return Shown(
                ref, interview or None, title, "", str(excerpt.get("quote") or ""), reference
            )
        if ref.kind == WHOLE:
            return Shown(ref, code, title, "", _first_words(row), "")
        if ref.kind == REFLECTION:
            raw = next((c for c in row.codings if c.get("id") == ref.coding), None)
            if raw is None:
                return None
            where = ""
            if raw.get("source") == "section":
                section = row.section(raw.get("section")) or {}
                where = " ".join(str(section.get("prompt_text") or raw.get("section")).split())
            return Shown(
                ref, code, title, where, str(raw.get("quote") or ""), "",
                review=str(raw.get("review") or ""),
            )  # fmt: skip
        return None

    def _turns(self, ref: Ref, layout: TranscriptLayout) -> Shown | None:
        raw = next((c for c in layout.codings if c.get("id") == ref.coding), None)
        if raw is None:
            return None
        first, last = layout.turns_of(raw)
        return Shown(
            ref,
            layout.interview or None,
            "",
            layout.cited_speakers(first, last),
            str(raw.get("quote") or ""),
            layout.reference(raw),
            first,
            str(raw.get("review") or ""),
        )


__all__ = ["PassageLookup", "Shown"]
