"""What makes a Markdown folder export an Obsidian vault: tags, aliases, dates, links.

Each entry's front matter gains ``tags`` (its themes as Obsidian tags),
``aliases`` (its title, so a link or the quick switcher finds it by name) and
``date`` (the day it was written, ``YYYY-MM-DD``, which Obsidian's date
property reads); the interview and theme notes gain ``aliases`` and ``tags``
too. At the end of each note a line of wiki-links joins an entry to its
interview's note and its themes' notes, a theme to its parent theme and an
interview to its transcript, so the graph view and the backlinks show how
they hang together. The line follows an HTML comment mark (invisible when
rendered) by which the importer knows it and leaves it out: importing the
folder gives back the same entries. Every entry in this form ends with the
mark (with an empty line when it links nowhere), and the importer takes only
the last mark of a note whose front matter has ``tags``, so an entry whose own
text holds the mark keeps it.

Obsidian tags may hold Unicode letters and digits, ``_``, ``-`` and ``/``
(for nesting), not spaces, and may not be digits only. A theme becomes a
tag by ``obsidian_tag``: lower case, each run of anything else (spaces,
punctuation, emoji, ``/``) one ``-``, Danish letters kept as they are
("Psykologisk tryghed i små fora" → ``psykologisk-tryghed-i-små-fora``), a
tag of digits only prefixed with ``_``.

Links name the note by its path in the folder without ``.md``
(``[[themes/farlig-tavshed|Farlig tavshed]]``): Obsidian finds it wherever
the folder sits in a vault.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from eftertanke.domain import Interview, Theme
from eftertanke.entry_row import EntryRow
from eftertanke.export.markdown import yaml_quote

LINKS_MARK = "<!-- eftertanke:links -->"
LINK_SEPARATOR = " · "

_NOT_TAG = re.compile(r"[^\w-]+")
_DASHES = re.compile(r"-{2,}")
# What would end a wiki-link's text early or break it across lines.
_NOT_LINK_TEXT = re.compile(r"[\[\]|#^\n\r]+")
_LINKS_LINE = re.compile(r"(?:\[\[[^\]\n]*\]\](?: · \[\[[^\]\n]*\]\])*)?")


@lru_cache(maxsize=4096)  # a journal has few themes, named again in every entry
def obsidian_tag(name: str) -> str:
    """``name`` as an Obsidian tag (without the ``#``); '' when nothing is left."""
    tag = _NOT_TAG.sub("-", name.strip().lower())
    tag = _DASHES.sub("-", tag).strip("-")
    if tag and tag.isdigit():
        tag = f"_{tag}"
    return tag


def obsidian_tags(names: Iterable[str]) -> list[str]:
    tags = (obsidian_tag(str(n)) for n in names)
    return list(dict.fromkeys(t for t in tags if t))


@lru_cache(maxsize=4096)
def wiki_link(path: str, text: str) -> str:
    """A link to the note at ``path`` (relative to the folder), shown as ``text``."""
    target = path.removesuffix(".md")
    shown = " ".join(_NOT_LINK_TEXT.sub(" ", text).split())
    return f"[[{target}|{shown}]]" if shown else f"[[{target}]]"


def links_block(links: list[str], *, always: bool = False) -> str:
    """The mark and the line of links that end a note ('' when there are none,
    unless ``always``: an entry always ends with its mark, so that only the
    last mark of a note is ever taken for the export's)."""
    if not links and not always:
        return ""
    return f"\n{LINKS_MARK}\n{LINK_SEPARATOR.join(links)}\n"


def strip_links_block(text: str) -> str:
    """A note's text without the links block the export wrote at its end
    (call it only on a note in the Obsidian form: its front matter has ``tags``)."""
    before, mark, after = text.rpartition("\n" + LINKS_MARK + "\n")
    if not mark:
        return text
    if not _LINKS_LINE.fullmatch(after.rstrip("\n")):
        return text  # not ours: user text that happens to hold the mark
    return before.rstrip("\n") + "\n"


class VaultLinks:
    """The links between the notes of one folder export (its Obsidian form)."""

    def __init__(
        self,
        names: dict[str, str],
        interviews: list[Interview],
        themes: list[Theme],
        transcripts: list[dict[str, Any]],
    ) -> None:
        """``names``: the file of each record and transcript, by id."""
        self.interview_note = {i.code.casefold(): (names[i.id], i.code) for i in interviews}
        self.theme_note = {t.name.casefold(): (names[t.id], t.name) for t in themes}
        self.transcript_note = {
            str(t.get("interview") or "").casefold(): names[str(t["id"])] for t in transcripts
        }

    def entry_parts(self, doc: dict[str, Any], title: str) -> tuple[str, str]:
        """The YAML lines (tags, aliases, date) and the links line of an entry."""
        row = EntryRow(doc)
        themes = [str(n) for n in row.all_themes]
        lines = [_yaml_list("tags", obsidian_tags(themes))]
        lines.append(_yaml_list("aliases", [title] if title.strip() else []))
        lines.append(f"date: {row.created[:10]}")
        codes = [str(row.interview)] if row.interview else []
        codes += sorted((c for c in row.interviews() if c not in codes), key=str.casefold)
        links = [
            wiki_link(*self.interview_note[c.casefold()])
            for c in dict.fromkeys(codes)
            if c.casefold() in self.interview_note
        ]
        links += [
            wiki_link(*self.theme_note[n.casefold()])
            for n in dict.fromkeys(themes)
            if n.casefold() in self.theme_note
        ]
        return "\n".join(lines), links_block(links, always=True)

    def interview_links(self, interview: Interview) -> list[str]:
        transcript = self.transcript_note.get(interview.code.casefold())
        return [wiki_link(transcript, interview.code)] if transcript else []

    def theme_links(self, theme: Theme) -> list[str]:
        parent = self.theme_note.get((theme.parent or "").casefold())
        return [wiki_link(*parent)] if parent else []


def _yaml_list(key: str, values: list[str]) -> str:
    if not values:
        return f"{key}: []"
    return f"{key}:\n" + "\n".join(f"  - {yaml_quote(v)}" for v in values)


__all__ = [
    "LINKS_MARK",
    "VaultLinks",
    "links_block",
    "obsidian_tag",
    "obsidian_tags",
    "strip_links_block",
    "wiki_link",
]
