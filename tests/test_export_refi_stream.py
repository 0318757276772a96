"""``export refi`` written entry by entry (export/refi_stream.py) gives the
same bytes as ``qdpx_bytes`` of the whole set: transcripts with coded and
quoted passages, memos on themes, layers of re-reading, cases, filters and
--redact; and stays valid against the schema. Its memory is measured in
tests/test_export_streaming.py."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from test_refi import check_qdpx, load_schema
from test_refi_passages import REFLECTION, export, journal_with_passages

from eftertanke.domain import Entry
from eftertanke.export.journal_markdown import linked_records
from eftertanke.export.refi import qdpx_bytes
from eftertanke.privacy.names import (
    load_names_key,
    redact_entry,
    redact_interview,
    redact_transcript,
)
from eftertanke.services.layers import add_layer
from eftertanke.store.journal import Journal


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    return load_schema()


@pytest.fixture
def journal(tmp_path: Path, isolated_env: Path) -> Journal:
    journal = journal_with_passages(tmp_path / "j")
    add_layer(journal, REFLECTION, "Læst igen: jeg var for hård.")
    memo = journal.add_entry(Entry(kind="memo", body="Om tavshed.", themes=["Farlig tavshed"]))
    add_layer(journal, memo.id, "Stadig rigtigt.")
    entries = journal.entries()
    assert any(e.kind == "memo" for e in entries) and sum(bool(e.layers) for e in entries) == 2
    return journal


def _whole(journal: Journal, lang: str, kind: str | None = None, key: Path | None = None):
    """``qdpx_bytes`` of the chosen entries, as the export chose them before."""
    entries = [e for e in journal.entries() if kind is None or e.kind == kind]
    interviews, themes = journal.interviews(), journal.themes()
    if kind is not None:
        interviews, _ = linked_records(entries, interviews, themes)
    codes = {i.code.casefold() for i in interviews}
    transcripts = [t for t in journal.transcripts.all() if t.interview.casefold() in codes]
    if key is not None:
        names = load_names_key(key)
        entries = [redact_entry(e, names) for e in entries]
        interviews = [redact_interview(i, names) for i in interviews]
        transcripts = [redact_transcript(t, names) for t in transcripts]
    return qdpx_bytes(entries, interviews, themes, lang, transcripts)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_streamed_project_is_the_same_bytes(journal: Journal, tmp_path: Path, lang, schema):  # type: ignore[no-untyped-def]
    data = export(journal, tmp_path, lang)
    root, _texts = check_qdpx(data, schema)
    assert root.find("{urn:QDA-XML:project:1.0}Links") is not None
    assert data == _whole(journal, lang)


def test_a_filtered_streamed_project_is_the_same_bytes(journal: Journal, tmp_path: Path, schema):  # type: ignore[no-untyped-def]
    for kind in ("interview", "memo", "daily"):
        (tmp_path / kind).mkdir()
        data = export(journal, tmp_path / kind, "da", "--kind", kind)
        check_qdpx(data, schema)
        assert data == _whole(journal, "da", kind), kind


def test_a_redacted_streamed_project_is_the_same_bytes(
    journal: Journal, tmp_path: Path, isolated_env: Path, schema
) -> None:  # type: ignore[no-untyped-def]
    key = tmp_path / "names.toml"
    key.write_text('[names]\n"Anne" = "[interviewer]"\n', encoding="utf-8")
    (isolated_env / "config.toml").write_text(f'names_key = "{key}"\n', encoding="utf-8")
    (tmp_path / "r").mkdir()
    (tmp_path / "n").mkdir()
    data = export(journal, tmp_path / "r", "da", "--redact")
    check_qdpx(data, schema)
    assert data == _whole(journal, "da", key=key)
    assert export(journal, tmp_path / "n", "da") == _whole(journal, "da")


def test_an_empty_project_is_the_same_bytes(tmp_path: Path, isolated_env: Path) -> None:
    journal = Journal(tmp_path / "empty")
    assert export(journal, tmp_path, "en") == qdpx_bytes([], [], [], "en")


def test_a_project_too_large_for_32_bit_sizes_is_written_with_64_bit_ones(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema
) -> None:  # type: ignore[no-untyped-def]
    # 2 GiB is the real limit; one of 20 kB stands for it here.
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 20_000)
    data = export(journal, tmp_path, "da")
    assert data == _whole(journal, "da")
    project = zipfile.ZipFile(io.BytesIO(data)).getinfo("project.qde")
    assert project.file_size > 20_000 and project.extra  # its zip64 sizes
    monkeypatch.undo()
    check_qdpx(data, schema)
