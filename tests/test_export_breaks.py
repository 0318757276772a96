"""Line breaks and lists in the Markdown exports: pandoc keeps them, import gives them back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Excerpt, Interview, Section
from eftertanke.export.journal_markdown import ExportSet, folder_files, one_file_document
from eftertanke.export.report import interview_appendix
from eftertanke.importers.markdown import read_markdown

CPH = timezone(timedelta(hours=1))
QUOTES = "9.45 om at stå alene med beslutningen\n12.10 om tavsheden i ledergruppen"
LEADS = "Tre spor:\n- spørg til ansvar\n- lyt efter tavshed\nOg så:\nsænk tempoet."
POEM = "Træt.\nMen glad.\n\nI morgen igen."


def entries() -> list[Entry]:
    return [
        Entry(
            id="5a0e2f10-1111-4a39-9a51-3c2f7f0e9d11",
            kind="interview",
            title="Efter I07",
            body=POEM,
            interview="I07",
            sections=[
                Section("quotes", "Hvilke citater vil du finde?", QUOTES, orientation="respondent"),
                Section("leads", "Hvilke spor?", LEADS, orientation="method"),
            ],
            excerpts=[
                Excerpt(
                    "I07", "9.45", "Man står alene.\nHelt alene.", note="Sagt stille.\nTo gange."
                )
            ],
            language="da",
            created=datetime(2026, 3, 14, 11, 0, tzinfo=CPH),
            updated=datetime(2026, 3, 14, 11, 0, tzinfo=CPH),
        ),
        Entry(
            id="6b1f3021-2222-4b4a-8b62-4d3a8a1f0e22",
            kind="daily",
            body="Energi: lav\nKrav: høje\n\n1. sove\n2. gå en tur",
            created=datetime(2026, 3, 15, 7, 0, tzinfo=CPH),
            updated=datetime(2026, 3, 15, 7, 0, tzinfo=CPH),
        ),
    ]


def export_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    for name, data in folder_files(ExportSet(entries(), [Interview(code="I07")], [], "da")):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def test_the_folder_export_writes_breaks_and_lists(tmp_path: Path) -> None:
    text = (export_folder(tmp_path) / "2026-03-14-efter-i07.md").read_text()
    assert "- 9.45 om at stå alene med beslutningen\n- 12.10 om tavsheden" in text
    assert '"lines": true' in text  # the importer's sign that the list was made here
    assert "Tre spor:\n\n- spørg til ansvar\n- lyt efter tavshed\n\nOg så:\\\nsænk tempoet." in text
    assert "Træt.\\\nMen glad.\n\nI morgen igen." in text
    assert "> Man står alene.\\\n> Helt alene." in text
    assert "Sagt stille.\\\nTo gange." in text


def test_the_folder_export_reimported_gives_back_the_same_entries(tmp_path: Path) -> None:
    plan = read_markdown(export_folder(tmp_path))
    back = {entry.id: entry for _where, entry in plan.entries}
    for entry in entries():
        assert back[entry.id].to_dict() == entry.to_dict()
    assert back["5a0e2f10-1111-4a39-9a51-3c2f7f0e9d11"].sections[0].answer == QUOTES


def _pandoc():  # type: ignore[no-untyped-def]
    pypandoc = pytest.importorskip("pypandoc")
    try:
        pypandoc.get_pandoc_path()
    except OSError:
        pytest.skip("pandoc is not installed")
    return pypandoc


def test_pandoc_keeps_the_lines_of_an_export_and_an_appendix(tmp_path: Path) -> None:
    pypandoc = _pandoc()
    document = one_file_document(ExportSet(entries(), [], [], "da"))
    html = pypandoc.convert_text(document, "html", format="markdown")
    assert "<li>9.45 om at stå alene med beslutningen</li>" in html
    assert "<li>spørg til ansvar</li>" in html
    assert "Træt.<br />\nMen glad." in html
    assert "<li><p>sove</p></li>" in html or "<li>sove</li>" in html
    appendix = interview_appendix(Interview(code="I07"), entries(), "da")
    html = pypandoc.convert_text(appendix, "html", format="markdown")
    assert "Og så:<br />\nsænk tempoet." in html
    assert "Man står alene.<br />\nHelt alene." in html
