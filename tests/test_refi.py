"""REFI-QDA export: schema-valid, every reference resolves, every offset is right."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_roundtrip import build_journal

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry, Excerpt, Section
from eftertanke.export.refi import codebook_xml, project_xml, qdpx_bytes, source_text

etree = pytest.importorskip("lxml.etree")

HERE = Path(__file__).resolve().parent
SCHEMA_COPY = HERE / "data" / "refi" / "Project.xsd"
SCHEMA_SHARED = HERE.parents[1] / "shared" / "refi" / "Project.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


def load_schema():  # type: ignore[no-untyped-def]
    path = SCHEMA_COPY if SCHEMA_COPY.exists() else SCHEMA_SHARED
    if not path.exists():
        pytest.skip("no copy of the REFI-QDA Project.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    return load_schema()


def test_the_shared_schema_and_our_copy_agree() -> None:
    if not SCHEMA_SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    assert SCHEMA_COPY.read_bytes() == SCHEMA_SHARED.read_bytes()


def check_qdpx(data: bytes, schema) -> tuple[object, dict[str, str]]:  # type: ignore[no-untyped-def]
    """Validate a .qdpx and check what the schema cannot; returns the tree and source texts."""
    archive = zipfile.ZipFile(__import__("io").BytesIO(data))
    names = archive.namelist()
    assert names[0] == "project.qde"
    root = etree.fromstring(archive.read("project.qde"))
    schema.assertValid(root)
    # Every GUID is unique, and every targetGUID points at one of them; only a
    # case shares its GUID with the code its CodeRef names (QualCoder's and
    # NVivo's way to join a case to the sources it codes).
    case_codes = {
        case.get("guid")
        for case in root.iterfind(".//q:Cases/q:Case", NS)
        for ref in case.iterfind("q:CodeRef", NS)
        if ref.get("targetGUID") == case.get("guid")
    }
    guids = [
        el.get("guid")
        for el in root.iter()
        if el.get("guid") and not (el.tag == f"{{{NS['q']}}}Case" and el.get("guid") in case_codes)
    ]
    assert len(guids) == len(set(guids))
    known = set(guids)
    targets = [el.get("targetGUID") for el in root.iter() if el.get("targetGUID")]
    assert targets and all(t in known for t in targets)
    for attr in ("creatingUser", "modifyingUser"):
        assert all(el.get(attr) in known for el in root.iter() if el.get(attr))
    # CodeRefs point at codes, SourceRefs at sources, VariableRefs at variables.
    codes = {el.get("guid") for el in root.iterfind(".//q:Code", NS)}
    sources = {el.get("guid") for el in root.iterfind(".//q:TextSource", NS)}
    variables = {el.get("guid") for el in root.iterfind(".//q:Variable", NS)}
    notes = {el.get("guid") for el in root.iterfind(".//q:Notes/q:Note", NS)}
    assert all(el.get("targetGUID") in codes for el in root.iterfind(".//q:CodeRef", NS))
    assert all(el.get("targetGUID") in sources for el in root.iterfind(".//q:SourceRef", NS))
    assert all(el.get("targetGUID") in variables for el in root.iterfind(".//q:VariableRef", NS))
    assert all(el.get("targetGUID") in notes for el in root.iterfind(".//q:NoteRef", NS))
    # Links join a source or note to a source, or to a selection of one.
    selections = {el.get("guid") for el in root.iterfind(".//q:PlainTextSelection", NS)}
    for link in root.iterfind(".//q:Links/q:Link", NS):
        assert link.get("originGUID") in sources | notes
        assert link.get("targetGUID") in sources | selections
    # Every internal:// file is in the zip, and every file in the zip is named.
    texts: dict[str, str] = {}
    paths = []
    holders = [*root.iterfind(".//q:TextSource", NS), *root.iterfind(".//q:Notes/q:Note", NS)]
    for holder in holders:
        path = holder.get("plainTextPath")
        inline = holder.find("q:PlainTextContent", NS)
        assert (path is None) != (inline is None)  # one or the other, never both
        if inline is not None:
            texts[holder.get("guid")] = inline.text or ""
            continue
        assert path.startswith("internal://")
        member = "sources/" + path.removeprefix("internal://")
        assert member in names
        paths.append(member)
        raw = archive.read(member)
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        texts[holder.get("guid")] = raw.decode("utf-8")
    assert sorted(paths) == sorted(n for n in names if n != "project.qde")
    # Every selection falls inside its text.
    for holder in holders:
        text = texts[holder.get("guid")]
        for selection in holder.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert 0 <= start < end <= len(text)
    return root, texts


def selections(root, texts, source_guid: str) -> dict[str, tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    holder = root.find(f".//*[@guid='{source_guid}']")
    codes = {el.get("guid"): el.get("name") for el in root.iterfind(".//q:Code", NS)}
    found = {}
    for selection in holder.iterfind("q:PlainTextSelection", NS):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        coded = [
            codes[ref.get("targetGUID")] for ref in selection.iterfind("q:Coding/q:CodeRef", NS)
        ]
        found[selection.get("name")] = (texts[source_guid][start:end], coded)
    return found


def test_the_project_is_valid_and_every_reference_resolves(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = build_journal(tmp_path / "j", coded=False)
    out = tmp_path / "project.qdpx"
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(journal.root), "--lang", "da", "export", "refi", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    root, texts = check_qdpx(out.read_bytes(), schema)
    entry = journal.get_entry("0b7e4a52")
    found = selections(root, texts, entry.id)
    assert found["(I03, 9.45)"] == ("Man siger det ikke højt.\n\nIkke her.", ["Farlig tavshed"])
    # An excerpt without themes is coded with its entry's themes.
    assert found["(I03, 1:02:10)"] == (
        "Vi lykkes sammen, når vi tør.",
        ["Farlig tavshed", "At lykkes sammen 🤝"],
    )
    assert found["Umiddelbare indtryk"] == (
        "Hun talte frit.\n\nMen tøvende.",
        ["Psykologisk tryghed"],
    )
    whole, codes = found[entry.title]
    assert whole.startswith(entry.title) and "print('æøå')" in whole
    assert codes == [
        "Farlig tavshed",
        "At lykkes sammen 🤝",
        "Psykologisk tryghed",
        "Drivkraft og motivation",
    ]
    # Themes sit under their concept (or parent theme), concepts at the top.
    top = [c.get("name") for c in root.findall("q:CodeBook/q:Codes/q:Code", NS)]
    assert top == [
        "Drivkraft og motivation",
        "Organisatoriske rammer",
        "Psykologisk tryghed",
        "Trivsel",
        "I03",  # each interview's case is a code too (after the concepts)
        "I05",
    ]
    nested = root.find(".//q:Code[@name='Psykologisk tryghed i små fora']/q:Code", NS)
    assert nested is not None and nested.get("name") == "Farlig tavshed"
    # Interviews are cases holding their entries; memos are notes.
    case = root.find("q:Cases/q:Case[@name='I03']", NS)
    assert [r.get("targetGUID") for r in case.iterfind("q:SourceRef", NS)] == [entry.id]
    memo_names = [n.get("name") for n in root.iterfind("q:Notes/q:Note", NS)]
    assert "2026-03-14 ../../etc/passwd" in memo_names


def test_the_export_is_deterministic(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j", coded=False)
    args = (journal.entries(), journal.interviews(), journal.themes(), "en")
    assert qdpx_bytes(*args) == qdpx_bytes(*args)


def test_hostile_text_stays_valid_xml_and_offsets_stay_right(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    nasty = 'bell\x07 esc\x1b[31m ]]> </PlainTextContent> & "q" 🌱\r\nline\x00'
    entry = Entry(
        kind="daily",
        title="t\x0bitle",
        body=nasty,
        sections=[Section("p", "prompt & <b>", nasty, concept="drive")],
        excerpts=[Excerpt("I9", "1.00", "🌱🌱 citat\x01", ["Tema"])],
    ).validate()
    data = qdpx_bytes([entry], [], [], "en")
    root, texts = check_qdpx(data, schema)
    found = selections(root, texts, entry.id)
    assert found["(I9, 1.00)"][0] == "🌱🌱 citat\ufffd"
    assert found["(I9, 1.00)"][1] == ["Tema"]  # a theme the journal lacks still gets a code


def test_offsets_match_the_text_for_every_span() -> None:
    entry = Entry(
        kind="interview",
        title="Æ",
        body="🌱" * 5,
        sections=[Section("a", "A", "svar 😀", concept="safety")],
        excerpts=[Excerpt("I1", "", "q", [])],
        themes=[],
    ).validate()
    content = source_text(entry, {"concept:safety": "x"}, "en")
    assert [content.text[s.start : s.end] for s in content.spans] == ["svar 😀", "q"]


def test_the_codebook_matches_the_project_codebook(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = build_journal(tmp_path / "j", coded=False)
    qdc = etree.fromstring(codebook_xml(journal.themes(), "en"))
    assert qdc.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    project, _ = project_xml([], [], journal.themes(), "en")
    project_book = etree.fromstring(project).find("q:CodeBook", NS)
    as_project = (
        etree.tostring(qdc).decode().replace("urn:QDA-XML:codebook:1.0", "urn:QDA-XML:project:1.0")
    )
    wrapped = etree.fromstring(
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="x">{as_project}</Project>'.replace(
            ' origin="eftertanke 0.1.0"', ""
        )
    )
    schema.assertValid(wrapped)

    def shape(element):  # type: ignore[no-untyped-def]
        return [(el.tag, dict(el.attrib), (el.text or "").strip()) for el in element.iter()]

    assert shape(wrapped[0][0]) == shape(project_book[0])
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(journal.root), "export", "qdc", "--out", str(tmp_path / "codes.qdc")],
    )
    assert result.exit_code == 0 and (tmp_path / "codes.qdc").read_bytes() == codebook_xml(
        journal.themes(), "en"
    )
