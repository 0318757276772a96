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


class _Writer:
    def __init__(self, document: Any) -> None:
        from docx.shared import Cm

        self.doc = document
        self.cm = Cm

    def blocks(self, blocks: list[Any], indent: int = 0, style: str | None = None) -> None:
        for block in blocks:
            self.block(block, indent, style)

    def paragraph(self, runs: list[Run], indent: int, style: str | None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if indent:
            paragraph.paragraph_format.left_indent = self.cm(0.63 * indent)
        _add_runs(paragraph, runs)
        return paragraph

    def block(self, block: Any, indent: int, style: str | None) -> None:
        if isinstance(block, Heading):
            heading = self.doc.add_heading(level=min(block.level, 9))
            _add_runs(heading, block.runs)
        elif isinstance(block, Paragraph):
            self.paragraph(block.runs, indent, style)
        elif isinstance(block, ListBlock):
            self.list(block, indent)
        elif isinstance(block, Quote):
            self.blocks(block.blocks, indent, "Quote")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Code):
            self.paragraph([Run(block.text, code=True)], indent, style)
        elif isinstance(block, Image) and block.png:
            self.doc.add_picture(io.BytesIO(block.png), width=self.cm(16))
        elif isinstance(block, Rule):
            self.doc.add_paragraph()

    def list(self, block: ListBlock, indent: int) -> None:
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

    def table(self, block: Table) -> None:
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
