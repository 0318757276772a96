"""Word, PDF and HTML of an appendix, a digest, the report and the journal: opened and read."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from test_export_appendix import entries, interview

from eftertanke.cli import cli as cli_group
from eftertanke.export.appendix import interview_appendix
from eftertanke.export.chart_png import svg_to_png
from eftertanke.export.document import Image, parse
from eftertanke.export.docx_writer import to_docx
from eftertanke.export.html_writer import to_html
from eftertanke.export.pdf_writer import to_pdf
from eftertanke.packs.loader import load_builtin_packs

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "journals" / "demo"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" font-size="11">'
    '<rect width="200" height="100" fill="#ffffff"/>'
    '<polyline points="10,90 100,10 190,60" fill="none" stroke="#d95f02" stroke-width="2"/>'
    '<text x="10" y="20" fill="#222">Trivsel</text></svg>'
)
REPORT = (
    '---\ntitle: "Analyse"\nlanguage: "da"\n---\n\n# Analyse af dagbogen\n\n'
    "## Trivsel over tid\n\n![Trivsel over tid](wellbeing.svg)\n\n"
    "| Tema | I01 |\n|---|---|\n| Farlig tavshed | 3/1 |\n"
)


def appendix(lang: str = "da") -> str:
    return interview_appendix(interview(), entries(), lang, packs=load_builtin_packs())


def word(data: bytes):  # type: ignore[no-untyped-def]
    return docx.Document(io.BytesIO(data))


def styled(document, style: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_the_appendix_in_word() -> None:
    document = word(to_docx(parse(appendix())))
    assert styled(document, "Heading 1") == [
        "Bilag 5: Refleksion efter interview I07 · plejeboligchef"
    ]
    assert styled(document, "Heading 2") == ["Refleksioner", "Citater fra interviewet"]
    assert "Sprunget over" in styled(document, "Heading 4")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "(Bilag nr. 7, 9.45)" in text and "(Bilag nr. 7, 1.02.10)" in text
    assert "Henvisning: (Bilag nr. 5, refleksion efter interview)" in text
    assert "Hun var åben.\nOgså om tvivl." in text  # the hard break kept in its paragraph
    assert styled(document, "List Bullet")[:2] == ["9.45 om ansvar", "12.10 om tavshed"]
    assert "Man står alene med det." in styled(document, "Quote")
    record = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert record["Organisation"] == "Ældre og Sundhed"
    assert record["Transskription"] == "Transskriptioner/I07.docx (bilag nr. 7)"
    assert document.core_properties.language == "da-DK"
    assert document.core_properties.title == "Bilag 5: Refleksion efter interview I07"


def test_the_english_appendix_in_word() -> None:
    document = word(to_docx(parse(appendix("en"))))
    assert styled(document, "Heading 1") == [
        "Appendix 5: Reflection after interview I07 · plejeboligchef"
    ]
    assert "(Appendix 7, 9.45)" in "\n".join(p.text for p in document.paragraphs)
    assert document.core_properties.language == "en-GB"


def test_the_appendix_as_pdf() -> None:
    reader = PdfReader(io.BytesIO(to_pdf(parse(appendix()))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Bilag 5: Refleksion efter interview I07" in text
    assert "(Bilag nr. 7, 9.45)" in text and "Sprunget over" in text
    assert "Ældre og Sundhed" in text and "æ" in text and "ø" in text and "å" in text
    assert reader.metadata.title == "Bilag 5: Refleksion efter interview I07"


def test_the_chart_is_embedded_in_word_pdf_and_html() -> None:
    png = svg_to_png(SVG)
    assert png.startswith(b"\x89PNG")
    from PIL import Image as Picture

    picture = Picture.open(io.BytesIO(png)).convert("RGB")
    assert picture.size == (400, 200)
    assert (217, 95, 2) in {colour for _n, colour in picture.getcolors(100_000)}
    charts = {"wellbeing.svg": Image("Trivsel over tid", png, SVG)}
    document = word(to_docx(parse(REPORT, charts)))
    assert len(document.inline_shapes) == 1
    assert styled(document, "Heading 1") == ["Analyse af dagbogen"]
    reader = PdfReader(io.BytesIO(to_pdf(parse(REPORT, charts))))
    assert len(reader.pages[0].images) == 1
    page = to_html(REPORT, charts)
    assert '<html lang="da">' in page and "data:image/svg+xml;base64," in page
    assert "<td>Farlig tavshed</td>" in page


def test_html_shows_the_writers_markup_as_text() -> None:
    page = to_html('---\nlanguage: "en"\n---\n\n# Note\n\n<script>alert(1)</script> ok\n')
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<html lang="en">' in page and "<title>Note</title>" in page


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli_group, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_demo_journals_appendix_and_digest_in_word_and_pdf(demo: Path, tmp_path: Path) -> None:
    for fmt in ("docx", "pdf"):
        for option, value in (("--appendix", "I03"), ("--digest", "Farlig tavshed")):
            out = tmp_path / f"{value[:3]}.{fmt}"
            code, stdout, stderr = run(
                "--journal", str(demo), "--lang", "da", "export", fmt, option, value, "-o", str(out)
            )
            assert code == 0, stderr
            assert stdout == f"Skrev {out}\n"
    appendix_doc = word((tmp_path / "I03.docx").read_bytes())
    assert styled(appendix_doc, "Heading 1")[0].startswith(
        "Bilag 11: Refleksion efter interview I03"
    )
    digest_doc = word((tmp_path / "Far.docx").read_bytes())
    assert styled(digest_doc, "Heading 1") == ["Temaoversigt: Farlig tavshed"]
    assert "Hvad respondenten sagde" in styled(digest_doc, "Heading 3")
    assert "(Bilag nr. 4, 14.02)" in "\n".join(p.text for p in digest_doc.paragraphs)
    digest_pdf = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "Far.pdf").pages)
    assert "Temaoversigt: Farlig tavshed" in digest_pdf and "(Bilag nr. 4, 14.02)" in digest_pdf


def test_the_demo_report_and_journal(demo: Path, tmp_path: Path) -> None:
    base = ("--journal", str(demo), "--lang", "da", "export")
    assert run(*base, "docx", "--report", "-o", str(tmp_path / "r.docx"))[0] == 0
    report = word((tmp_path / "r.docx").read_bytes())
    assert len(report.inline_shapes) == 1  # the well-being chart
    assert run(*base, "html", "--report", "-o", str(tmp_path / "r.html"))[0] == 0
    assert "data:image/svg+xml;base64," in (tmp_path / "r.html").read_text()
    assert run(*base, "pdf", "-o", str(tmp_path / "all.pdf"))[0] == 0
    assert len(PdfReader(tmp_path / "all.pdf").pages) > 5


def test_one_document_at_a_time_and_no_binary_on_stdout(demo: Path) -> None:
    base = ("--journal", str(demo), "export")
    code, _out, err = run(*base, "pdf", "--appendix", "I03", "--report", "-o", "x.pdf")
    assert code == 2 and "choose one of --appendix" in err
    code, _out, err = run(*base, "docx", "--appendix", "I03", "-o", "-")
    assert code == 2 and "cannot go to standard output" in err


def test_the_preview_script_draws_the_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "appendix.pdf"
    pdf.write_bytes(to_pdf(parse(appendix())))
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "render_pdf_preview.py"), str(pdf), "--pages", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "appendix-1.png").read_bytes().startswith(b"\x89PNG")
