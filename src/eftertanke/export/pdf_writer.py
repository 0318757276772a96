"""A ``document.Document`` as a PDF (A4), with fpdf2 and the DejaVu fonts.

Headings, paragraphs with their line breaks, bullet and numbered lists,
quotes indented in grey, tables, code in a monospaced face and the chart as
a picture the width of the text; page numbers at the foot. The fonts are
embedded (``export.fonts``), so æ, ø, å, "–" and "»" print as written.
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
    plain,
)
from eftertanke.export.fonts import font_file

FAMILY, MONO = "DejaVu", "DejaVuMono"
SIZE = 10.5
LINE = 5.2
HEADING_SIZES = {1: 17, 2: 14, 3: 12, 4: 11}
INDENT = 6.0


def _pdf(title: str, lang: str) -> Any:
    from fpdf import FPDF

    class _PDF(FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(120)
            self.cell(0, 6, str(self.page_no()), align="C")

    pdf = _PDF(format="A4")
    regular, bold = font_file("sans"), font_file("sans-bold")
    italic = font_file("sans-italic", required=False) or regular
    bold_italic = font_file("sans-bold-italic", required=False) or bold
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.add_font(FAMILY, "I", str(italic))
    pdf.add_font(FAMILY, "BI", str(bold_italic))
    pdf.add_font(MONO, "", str(font_file("mono", required=False) or regular))
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator("eftertanke")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    return pdf


class _Writer(BlockWriter):
    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.left = pdf.l_margin
        self.height = LINE

    def runs(self, runs: list[Run], size: float = SIZE, base: str = "") -> None:
        pdf = self.pdf
        height = LINE if size <= SIZE + 1 else size * 0.5
        self.height = height
        for run in runs:
            if run.text == BREAK:
                pdf.ln(height)
                continue
            style = base + ("B" if run.bold and "B" not in base else "")
            style += "I" if run.italic and "I" not in base else ""
            pdf.set_font(MONO if run.code else FAMILY, "" if run.code else style, size)
            pdf.write(height, run.text)

    def end_block(self, space: float = 2.0) -> None:
        self.pdf.ln(self.height)
        self.pdf.ln(space)

    def at(self, indent: float) -> None:
        self.pdf.set_left_margin(self.left + indent)
        self.pdf.set_x(self.left + indent)

    def block(self, block: Any, indent: float = 0.0) -> None:
        # Every block starts at its indent and leaves the margin there for the next.
        self.at(indent)
        super().block(block, indent)
        self.at(indent)

    def draw_heading(self, block: Heading, indent: float = 0.0) -> None:
        size = HEADING_SIZES.get(block.level, SIZE)
        self.pdf.ln(2 if block.level > 2 else 4)
        self.runs(block.runs, size, "B")
        self.end_block(1)

    def draw_paragraph(self, block: Paragraph, indent: float = 0.0) -> None:
        self.runs(block.runs)
        self.end_block()

    def draw_quote(self, block: Quote, indent: float = 0.0) -> None:
        self.pdf.set_text_color(80)
        self.blocks(block.blocks, indent + INDENT)
        self.pdf.set_text_color(0)

    def draw_code(self, block: Code, indent: float = 0.0) -> None:
        self.pdf.set_font(MONO, "", SIZE - 1)
        self.pdf.multi_cell(0, LINE, block.text)
        self.pdf.ln(2)

    def draw_image(self, block: Image, indent: float = 0.0) -> None:
        pdf = self.pdf
        pdf.image(io.BytesIO(block.png), w=pdf.epw - indent)
        pdf.ln(3)

    def draw_rule(self, block: Rule, indent: float = 0.0) -> None:
        pdf = self.pdf
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(3)

    def draw_list(self, block: ListBlock, indent: float = 0.0) -> None:
        pdf = self.pdf
        for number, item in enumerate(block.items, start=block.start):
            self.at(indent)
            pdf.set_font(FAMILY, "", SIZE)
            marker = f"{number}." if block.ordered else "•"
            pdf.cell(INDENT, LINE, marker)
            self.at(indent + INDENT)
            first, *rest = item or [Paragraph([])]
            if isinstance(first, Paragraph):
                self.runs(first.runs)
                pdf.ln(LINE + 0.8)
            else:
                rest = [first, *rest]
                pdf.ln(LINE)
            self.blocks(rest, indent + INDENT)
        self.at(indent)
        pdf.ln(1.5)

    def draw_table(self, block: Table, indent: float = 0.0) -> None:
        from fpdf.fonts import FontFace

        pdf = self.pdf
        rows = ([block.header] if block.header else []) + block.rows
        width = max(len(row) for row in rows)
        # Wide tables (themes by interview) in a smaller face, so words fit their cells.
        pdf.set_font(FAMILY, "", SIZE - (1 if width < 6 else 2.5))
        with pdf.table(
            first_row_as_headings=bool(block.header),
            # A two-column table is a record (a name and its value): the value gets the room.
            col_widths=(35, 65) if width == 2 else (2.2, *[1] * (width - 1)),
            line_height=LINE,
            text_align="LEFT",
            headings_style=FontFace(family=FAMILY, emphasis="BOLD"),
        ) as table:
            for cells in rows:
                row = table.row()
                for index in range(width):
                    runs = cells[index] if index < len(cells) else []
                    row.cell(plain(runs).replace(BREAK, "\n"))
        pdf.ln(3)


def to_pdf(document: Document) -> bytes:
    """The PDF's bytes; ``FontMissingError`` when the DejaVu fonts are not installed."""
    pdf = _pdf(document.title, document.lang)
    _Writer(pdf).blocks(document.blocks)
    return bytes(pdf.output())


__all__ = ["to_pdf"]
