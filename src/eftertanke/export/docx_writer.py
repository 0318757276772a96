"""A ``document.Document`` as a Word file (.docx), with python-docx.

Word's own styles are used (Heading 1-4, List Bullet, Quote, Table Grid), so
the thesis template's styles take over when the text is pasted in. The
document's language is set on the text (Danish spelling checks Danish), a
hard line break stays a line break in its paragraph, and the chart is
embedded as a picture the width of the text.
"""

from __future__ import annotations

import io
from typing import Any

from eftertanke.export.document import (
    BREAK,
    BlockWriter,
    Code,
    Document,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Run,
    Table,
)
from eftertanke.i18n import t

MONO = "DejaVu Sans Mono"


def _add_runs(paragraph: Any, runs: list[Run]) -> None:
    for run in runs:
        if run.text == BREAK:
            if paragraph.runs:
                paragraph.runs[-1].add_break()
            continue
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None
        if run.code:
            added.font.name = MONO


def _set_language(document: Any, lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = document.styles["Normal"].element.get_or_add_rPr()
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), t("export.document.language_tag", lang))
    properties.append(language)


class _Writer(BlockWriter):
    """Draws blocks into a Word document; ``indent`` in list levels, ``style``
    the paragraph style of the enclosing block (a quote's)."""

    def __init__(self, document: Any) -> None:
        from docx.shared import Cm

        self.doc = document
        self.cm = Cm

    def paragraph(self, runs: list[Run], indent: int, style: str | None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if indent:
            paragraph.paragraph_format.left_indent = self.cm(0.63 * indent)
        _add_runs(paragraph, runs)
        return paragraph

    def draw_heading(self, block: Heading, indent: int = 0, style: str | None = None) -> None:
        heading = self.doc.add_heading(level=min(block.level, 9))
        _add_runs(heading, block.runs)

    def draw_paragraph(self, block: Paragraph, indent: int = 0, style: str | None = None) -> None:
        self.paragraph(block.runs, indent, style)

    def draw_quote(self, block: Quote, indent: int = 0, style: str | None = None) -> None:
        self.blocks(block.blocks, indent, "Quote")

    def draw_code(self, block: Code, indent: int = 0, style: str | None = None) -> None:
        self.paragraph([Run(block.text, code=True)], indent, style)

    def draw_image(self, block: Image, indent: int = 0, style: str | None = None) -> None:
        self.doc.add_picture(io.BytesIO(block.png), width=self.cm(16))

    def draw_rule(self, block: Rule, indent: int = 0, style: str | None = None) -> None:
        self.doc.add_paragraph()

    def draw_list(self, block: ListBlock, indent: int = 0, style: str | None = None) -> None:
        # Numbers are written out: Word's one "List Number" numbering would run
        # on from list to list across the whole document.
        for number, item in enumerate(block.items, start=block.start):
            first, *rest = item or [Paragraph([])]
            if isinstance(first, Paragraph):
                if block.ordered:
                    runs = [Run(f"{number}. "), *first.runs]
                    self.paragraph(runs, indent + 1, "List")
                else:
                    self.paragraph(first.runs, indent, "List Bullet")
            else:
                rest = [first, *rest]
            self.blocks(rest, indent + 1)

    def draw_table(self, block: Table, indent: int = 0, style: str | None = None) -> None:
        width = max([len(block.header), *(len(r) for r in block.rows)])
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for cells, bold in ([(block.header, True)] if block.header else []) + [
            (row, False) for row in block.rows
        ]:
            row = table.add_row().cells
            for index, runs in enumerate(cells[:width]):
                paragraph = row[index].paragraphs[0]
                _add_runs(paragraph, [Run(r.text, r.bold or bold, r.italic, r.code) for r in runs])
        self.doc.add_paragraph()


def to_docx(document: Document) -> bytes:
    """The .docx file's bytes."""
    import docx

    word = docx.Document()
    _set_language(word, document.lang)
    word.core_properties.title = document.title
    word.core_properties.language = t("export.document.language_tag", document.lang)
    _Writer(word).blocks(document.blocks)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


__all__ = ["to_docx"]
