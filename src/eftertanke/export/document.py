"""One document model for Word, PDF and HTML: read from the Markdown exports.

Every report document (an interview appendix, a digest, the analysis report,
the whole journal in one file) is first written as Markdown, and the Word,
PDF and HTML writers all start from that one text: ``parse`` reads it
(with markdown-it, CommonMark and tables, raw HTML shown as text) into a
few plain blocks, so the three outputs cannot drift apart and a change to
a report is made once.

Blocks: ``Heading``, ``Paragraph`` (runs of bold, italic and code text,
with the hard line breaks the exports write), ``ListBlock`` (items holding
blocks), ``Quote``, ``Table``, ``Code``, ``Image`` (the chart, as PNG for
Word and PDF and SVG for HTML) and ``Rule``. The front matter gives the
title and the language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from markdown_it import MarkdownIt
from markdown_it.token import Token

from eftertanke.importers.frontmatter import parse_front_matter, split_front_matter

BREAK = "\n"  # a run holding only this is a hard line break


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one style: bold, italic, code or plain (``BREAK``: a line break)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(slots=True)
class Heading:
    """A heading: its level and its text."""

    level: int
    runs: list[Run]


@dataclass(slots=True)
class Paragraph:
    """A paragraph: its runs of text."""

    runs: list[Run]


@dataclass(slots=True)
class ListBlock:
    """A list, numbered from ``start`` or bulleted; each item is a list of blocks."""

    ordered: bool
    start: int
    items: list[list[Any]] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """A block quote: the blocks inside it."""

    blocks: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """A table: the header row and the body rows, each cell a list of runs."""

    header: list[list[Run]]
    rows: list[list[list[Run]]] = field(default_factory=list)


@dataclass(slots=True)
class Code:
    """A code block: its text as written."""

    text: str


@dataclass(slots=True)
class Image:
    """An image: its alt text, and the picture as PNG bytes and SVG text (empty if not found)."""

    alt: str
    png: bytes = b""
    svg: str = ""


@dataclass(slots=True)
class Rule:
    """A horizontal rule."""

    pass


@dataclass(slots=True)
class Document:
    """A whole document: its title, its language and its blocks."""

    title: str
    lang: str
    blocks: list[Any]


class BlockWriter:
    """Walks a document's blocks for a writer (Word, PDF): each kind of block goes
    to the writer's ``draw_<kind>`` method with the writer's own place (indent,
    style), so the writers say only how they draw a block, and a new kind of
    block is added here once. An image with no PNG (the chart could not be
    drawn) has nothing to place."""

    _DRAW: ClassVar[dict[type, str]] = {
        Heading: "draw_heading",
        Paragraph: "draw_paragraph",
        ListBlock: "draw_list",
        Quote: "draw_quote",
        Table: "draw_table",
        Code: "draw_code",
        Image: "draw_image",
        Rule: "draw_rule",
    }

    def blocks(self, blocks: list[Any], *where: Any) -> None:
        for block in blocks:
            self.block(block, *where)

    def block(self, block: Any, *where: Any) -> None:
        name = self._DRAW.get(type(block))
        if name is None or (isinstance(block, Image) and not block.png):
            return
        getattr(self, name)(block, *where)


def plain(runs: list[Run]) -> str:
    """The text of ``runs``, line breaks as newlines."""
    return "".join(run.text for run in runs)


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML is shown as the text it is."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _runs(token: Token, images: list[Image], charts: Mapping[str, Image]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            runs.append(Run(child.content, bold, italic))
        elif kind == "softbreak":
            runs.append(Run(" ", bold, italic))
        elif kind == "hardbreak":
            runs.append(Run(BREAK))
        elif kind == "code_inline":
            runs.append(Run(child.content, bold, italic, code=True))
        elif kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind == "image":
            alt = "".join(c.content for c in child.children or ())
            found = charts.get(str(child.attrs.get("src") or ""))
            images.append(Image(alt, found.png, found.svg) if found else Image(alt))
        elif kind in ("html_inline",):
            runs.append(Run(child.content, bold, italic))
    return runs


class _Reader:
    """Tokens to blocks; containers (lists, items, quotes) are a stack."""

    def __init__(self, charts: Mapping[str, Image]) -> None:
        self.charts = charts
        self.top: list[Any] = []
        self.stack: list[Any] = []
        self.heading = 0
        self.table: Table | None = None
        self.row: list[list[Run]] | None = None
        self.in_head = False

    def add(self, block: Any) -> None:
        if not self.stack:
            self.top.append(block)
        elif isinstance(self.stack[-1], ListBlock):
            self.stack[-1].items[-1].append(block)
        else:
            self.stack[-1].blocks.append(block)

    def inline(self, token: Token) -> None:
        images: list[Image] = []
        runs = _runs(token, images, self.charts)
        if self.row is not None:
            self.row.append(runs)
        elif self.heading:
            self.add(Heading(self.heading, runs))
        else:
            if any(run.text.strip() for run in runs):
                self.add(Paragraph(runs))
            for image in images:
                self.add(image)

    def token(self, token: Token) -> None:
        kind = token.type
        if kind == "heading_open":
            self.heading = int(token.tag[1:])
        elif kind == "heading_close":
            self.heading = 0
        elif kind == "inline":
            self.inline(token)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start") or 1)
            block = ListBlock(kind == "ordered_list_open", start)
            self.add(block)
            self.stack.append(block)
        elif kind == "list_item_open":
            self.stack[-1].items.append([])
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            self.stack.pop()
        elif kind == "blockquote_open":
            block = Quote()
            self.add(block)
            self.stack.append(block)
        elif kind in ("fence", "code_block"):
            self.add(Code(token.content.rstrip("\n")))
        elif kind == "hr":
            self.add(Rule())
        elif kind == "table_open":
            self.table = Table([])
            self.add(self.table)
        elif kind == "thead_open":
            self.in_head = True
        elif kind == "thead_close":
            self.in_head = False
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.table is not None and self.row is not None:
            if self.in_head:
                self.table.header = self.row
            else:
                self.table.rows.append(self.row)
            self.row = None


def parse(markdown: str, charts: Mapping[str, Image] | None = None) -> Document:
    """The document a Markdown export holds; ``charts`` are the images it links
    to, by the name it links them with (the analysis report's chart)."""
    head, body = split_front_matter(markdown)
    meta = parse_front_matter(head) if head is not None else {}
    reader = _Reader(charts or {})
    for token in markdown_parser().parse(body):
        reader.token(token)
    title = str(meta.get("title") or "")
    if not title:
        title = next((plain(b.runs) for b in reader.top if isinstance(b, Heading)), "")
    lang = str(meta.get("language") or "da")
    return Document(title, lang if lang in ("da", "en") else "da", reader.top)


__all__ = [
    "BlockWriter",
    "BREAK",
    "Code",
    "Document",
    "Heading",
    "Image",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Rule",
    "Run",
    "Table",
    "markdown_parser",
    "parse",
    "plain",
]
