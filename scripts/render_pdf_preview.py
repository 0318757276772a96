"""Render a PDF's pages to PNG files, for a person to look at an export.

    .venv/bin/python scripts/render_pdf_preview.py appendix.pdf [--out DIR] [--pages 2]

Writes ``<name>-1.png``, ``<name>-2.png`` … beside the PDF (or in ``--out``)
and prints their paths. Uses pypdfium2 (in the test extras).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def render(pdf: Path, out: Path, pages: int, scale: float = 1.5) -> list[Path]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    written = []
    try:
        for index in range(min(pages, len(document))):
            image = document[index].render(scale=scale).to_pil()
            path = out / f"{pdf.stem}-{index + 1}.png"
            image.save(path)
            written.append(path)
    finally:
        document.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="folder for the PNG files")
    parser.add_argument("--pages", type=int, default=2, help="how many pages (from the first)")
    args = parser.parse_args()
    out = args.out or args.pdf.parent
    out.mkdir(parents=True, exist_ok=True)
    for path in render(args.pdf, out, args.pages):
        print(path)


if __name__ == "__main__":
    main()
