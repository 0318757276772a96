"""Layers of re-reading and position marks in the exports: Markdown and
Obsidian keep the layers apart after the original, dated, and read them
back; the interview appendix (and so docx) prints them last, dated; REFI-QDA
carries each layer as a Note the source refers to; an entry without them
exports byte for byte as before."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from eftertanke.domain import Entry, Interview, Section
from eftertanke.export.appendix import interview_appendix
from eftertanke.export.markdown import entry_markdown
from eftertanke.export.refi import qdpx_bytes
from eftertanke.importers.markdown import read_markdown
from eftertanke.reflexivity import Layer, PositionMark

WRITTEN = datetime(2026, 3, 14, 12, 0).astimezone()
ANSWER = "Hun sagde: vi siger det højt, når noget går galt."
ORIGINAL = "Det var en rolig samtale om tryghed."


def entry_with_layers() -> Entry:
    entry = Entry(
        kind="interview",
        interview="I03",
        created=WRITTEN,
        updated=WRITTEN,
        body=ORIGINAL,
        sections=[Section("safety", "Hvad så du om tryghed?", ANSWER)],
        author="mette",
    )
    entry.layers = [
        Layer(
            "Anden læsning: det var gruppen.", written=WRITTEN + timedelta(days=62), author="mette"
        ),
        Layer(
            "Nu ser jeg, at jeg spurgte som en leder.",
            written=WRITTEN + timedelta(days=31),
            author="mette",
            section="safety",
        ),
    ]
    entry.position_marks = [
        PositionMark.of(
            ANSWER, 11, 28, "0b6f4a2e-9d53-4c1e-8f0a-4e7d2c5b9a61", "challenged", section="safety"
        )
    ]
    return entry.validate()


def test_markdown_keeps_the_layers_apart_after_the_original_dated() -> None:
    text = entry_markdown(entry_with_layers(), "da")
    body = text.split("\n---\n", 1)[1]
    first, second = "Nu ser jeg, at jeg spurgte som en leder.", "Anden læsning: det var gruppen."
    assert (
        body.index(ANSWER)
        < body.index("## Genlæsningens lag")
        < body.index(first)
        < body.index(second)
    )
    assert "### Lag 14. apr. 2026 12:00, skrevet 4 uger efter · mette" in body
    assert "### Lag 15. maj 2026 12:00, skrevet 2 mdr. efter · mette" in body
    assert "*genlæser: Hvad så du om tryghed?*" in body
    assert "position_marks:" in text.split("\n---\n", 1)[0]


def test_markdown_reads_the_layers_and_marks_back(tmp_path: Path) -> None:
    entry = entry_with_layers()
    (tmp_path / "e.md").write_text(entry_markdown(entry, "en"), encoding="utf-8")
    plan = read_markdown(tmp_path)
    ((_, back),) = plan.entries
    in_order = sorted(entry.layers, key=lambda x: x.written)
    assert [x.to_dict() for x in back.layers] == [x.to_dict() for x in in_order]
    assert [m.to_dict() for m in back.position_marks] == [m.to_dict() for m in entry.position_marks]
    assert back.body == ORIGINAL and back.sections[0].answer == ANSWER


def test_an_entry_without_layers_exports_as_before() -> None:
    entry = entry_with_layers()
    plain = Entry.from_dict({**entry.to_dict(), "layers": [], "position_marks": []})
    text = entry_markdown(plain, "en")
    assert "layer" not in text.lower() and "position_marks" not in text


def test_the_appendix_prints_the_layers_last_and_dated() -> None:
    interview = Interview("I03", role="leder", date=WRITTEN - timedelta(hours=2))
    text = interview_appendix(interview, [entry_with_layers()], "en")
    assert text.index(ANSWER) < text.index("#### Layers of re-reading") < text.index("## Excerpts")
    assert "##### Layer 14 Apr 2026 12:00, written 4 weeks after · mette" in text
    assert "*re-reads: Hvad så du om tryghed?*" in text
    assert text.index("Nu ser jeg") < text.index("Anden læsning")


def test_refi_carries_each_layer_as_a_note_the_source_refers_to() -> None:
    etree = pytest.importorskip("lxml.etree")
    xsd = Path(__file__).resolve().parent / "data" / "refi" / "Project.xsd"
    if not xsd.exists():
        pytest.skip("no copy of the REFI-QDA Project.xsd")
    entry = entry_with_layers()
    data = qdpx_bytes([entry], [Interview("I03", role="leder", date=WRITTEN)], [], "en")
    with zipfile.ZipFile(BytesIO(data)) as archive:
        project = archive.read("project.qde")
        texts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("sources/")]
    etree.XMLSchema(etree.parse(str(xsd))).assertValid(etree.fromstring(project))
    root = etree.fromstring(project)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    notes = root.findall("q:Notes/q:Note", ns)
    refs = root.findall("q:Sources/q:TextSource/q:NoteRef", ns)
    assert len(notes) == 2 and {r.get("targetGUID") for r in refs} == {n.get("guid") for n in notes}
    assert any("Nu ser jeg" in t for t in texts)
    assert not any("Nu ser jeg" in t and ORIGINAL in t for t in texts)
