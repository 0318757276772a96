"""An interview transcript as a Markdown document: turns, then the coded passages.

One file per interview in a folder export (``transcripts/<code>.md``), for
reading in Obsidian or Pandoc beside the reflections. Each turn is one
paragraph, ``**Speaker** [09:45]: words``; the coded passages follow, each
with the time and speaker of the turn it starts in, its words, themes and
memo. The front matter carries the record and every coding (the same
flow maps an entry's front matter holds), marked ``eftertanke: "transcript"``
so that importing the folder does not take the file for a note. The
lossless form of a transcript is the JSON export.

User text is escaped (``md_inline``): a transcript's words are what was said,
never Markdown to render.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from eftertanke import i18n
from eftertanke.export.labels import md_inline
from eftertanke.export.markdown import (
    FRONT_MATTER_FENCE,
    _timestamp,
    codings_block,
    slugify,
    yaml_quote,
    yaml_scalar,
)
from eftertanke.transcript import Transcript, Turn, clock

ROLE = "transcript"


def word(key: str, lang: str) -> str:
    return i18n.t(f"export.transcript_markdown.{key}", lang)


def transcript_file_name(doc: dict[str, Any]) -> str:
    code = str(doc.get("interview") or "")
    return f"transcripts/{slugify(code) or str(doc.get('id'))[:8]}.md"


# Rendering works on a transcript's stored dict (``Transcript.to_dict()``, or
# what ``journal.transcripts.raw()`` yields, with names): a study's hundred
# transcripts and their codings need not become objects to be written out.


def _text(value: Any) -> str:
    return str(value) if value else ""


def _front_matter(doc: dict[str, Any]) -> str:
    get = doc.get
    interviewers = [str(n) for n in get("interviewers") or ()]
    lines = [
        FRONT_MATTER_FENCE,
        f"eftertanke: {yaml_quote(ROLE)}",
        f"id: {yaml_quote(_text(get('id')))}",
        f"interview: {yaml_quote(_text(get('interview')))}",
    ]
    if interviewers:
        lines.append("interviewers:")
        lines.extend(f"  - {yaml_quote(name)}" for name in interviewers)
    else:
        lines.append("interviewers: []")
    lines += [
        f"source_file: {yaml_quote(_text(get('source_file')))}",
        f"format: {yaml_quote(_text(get('format')) or 'text')}",
        f"language: {yaml_quote(_text(get('language')) or 'da')}",
        f"turns: {len(get('turns') or ())}",
        f"created: {yaml_scalar(_timestamp(get('created')))}",
        f"updated: {yaml_scalar(_timestamp(get('updated')))}",
        f"created_by: {yaml_quote(_text(get('created_by')))}",
        f"updated_by: {yaml_quote(_text(get('updated_by')))}",
        codings_block(get("codings")),
        FRONT_MATTER_FENCE,
    ]
    return "\n".join(lines) + "\n"


# Markdown's active characters, as md_inline escapes them.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _escaped(line: str) -> str:
    """``md_inline`` for text already on one line: most turns need no escape."""
    return _MD_SPECIAL.sub(r"\\\1", line) if _MD_SPECIAL.search(line) else line


def turn_line(speaker: str, text: str, start: float | None) -> str:
    """One turn as a paragraph: ``**Speaker** [09:45]: words``."""
    stamp = f" [{clock(start)}]" if start is not None else ""
    return f"**{md_inline(speaker)}**{stamp}: {_escaped(' '.join(text.split()))}"


def _whole(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def transcript_doc_markdown(doc: dict[str, Any], lang: str, role: str = "") -> str:
    """The whole Markdown file of one transcript (its stored dict); ``role`` is
    the respondent's function title, shown in the heading when known."""
    turns = [Turn.from_dict(t) for t in doc.get("turns") or () if isinstance(t, dict)]
    interviewers = [str(n) for n in doc.get("interviewers") or ()]
    title = f"# {word('title', lang)}: {md_inline(_text(doc.get('interview')))}"
    if role.strip():
        title += f" ({md_inline(role)})"
    facts = []
    if interviewers:
        facts.append(
            f"{word('interviewer', lang)}: {', '.join(md_inline(n) for n in interviewers)}"
        )
    facts.append(f"{len(turns)} {word('turns', lang)}")
    facts.append(f"{sum(len(t.text.split()) for t in turns)} {word('words', lang)}")
    lines = [title, "", "*" + " · ".join(facts) + "*", ""]
    # Where each turn's line starts in the transcript's text (Transcript.text),
    # to name the turn a coded passage starts in.
    line_starts: list[int] = []
    offset = 0
    for turn in turns:
        line_starts.append(offset)
        offset += len(turn.line_prefix()) + len(turn.text) + 1
        lines += [turn_line(turn.speaker, turn.text, turn.start), ""]
    codings = [c for c in doc.get("codings") or () if isinstance(c, dict)]
    if codings and turns:
        lines += [f"## {word('codings', lang)}", ""]
        codings.sort(key=lambda c: (_whole(c.get("start")), _whole(c.get("end")), str(c.get("id"))))
        for coding in codings:
            turn = turns[max(0, bisect_right(line_starts, _whole(coding.get("start"))) - 1)]
            stamp = f"[{clock(turn.start)}] " if turn.start is not None else ""
            themes = ", ".join(md_inline(str(t)) for t in coding.get("themes") or ())
            # A passage over several turns keeps a line for each (hard breaks in the item).
            said = _text(coding.get("quote")).strip().split("\n")
            quote = "\\\n  ".join(md_inline(line) for line in said if line.strip())
            line = f"- **{stamp}{md_inline(turn.speaker)}**: »{quote}« · *{themes}*"
            if coding.get("review"):
                line += f" ({word('review', lang)})"
            lines.append(line)
            memo = _text(coding.get("memo"))
            if memo.strip():
                lines.append(f"  {word('memo', lang)}: {md_inline(memo)}")
        lines.append("")
    return _front_matter(doc) + "\n" + "\n".join(lines).rstrip("\n") + "\n"


def transcript_document(transcript: Transcript, lang: str, role: str = "") -> str:
    """``transcript_doc_markdown`` for a ``Transcript``."""
    return transcript_doc_markdown(transcript.to_dict(), lang, role)


__all__ = [
    "ROLE",
    "transcript_doc_markdown",
    "transcript_document",
    "transcript_file_name",
    "turn_line",
    "word",
]
