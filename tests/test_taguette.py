"""``export taguette``: a codebook CSV that Taguette's codebook import reads as written.

``taguette_tags`` reads the file the way Taguette's ``import_codebook.list_tags_csv``
does: the encoding guessed by chardet, the header lowercased, the tag from the one
column named ``tag``, ``name`` or ``path``, the ``description`` column if any.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_roundtrip import build_journal

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Theme
from eftertanke.export.taguette import MAX_PATH, codebook_csv

chardet = pytest.importorskip("chardet")


def taguette_tags(data: bytes) -> list[dict[str, str]]:
    raw = io.BytesIO(data)
    detector = chardet.UniversalDetector()
    detector.feed(raw.read())
    detector.close()
    charset = detector.result["encoding"] or "utf-8"
    raw.seek(0)
    reader = csv.reader(codecs.getreader(charset)(raw))
    header = [cell.lower() for cell in next(reader)]
    named = [c for c in ("tag", "name", "path") if c in header]
    assert len(named) == 1, header  # Taguette refuses none, and refuses two
    col_path = header.index(named[0])
    col_description = header.index("description") if "description" in header else None
    tags = []
    for row in reader:
        if not any(row):
            continue
        path = row[col_path].strip()
        assert path, "Taguette refuses an empty tag name"
        assert len(path) <= MAX_PATH, "Taguette refuses a tag path over 200 characters"
        description = row[col_description].strip() if col_description is not None else ""
        tags.append({"path": path, "description": description})
    return tags


def test_the_codebook_arrives_in_taguette_with_paths_and_danish_letters(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j", coded=False)
    out = tmp_path / "codebook.csv"
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(journal.root), "--lang", "da", "export", "taguette", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # chardet's guess is then certain
    assert data.splitlines()[0] == codecs.BOM_UTF8 + b"tag,description"
    tags = taguette_tags(data)
    paths = [t["path"] for t in tags]
    assert paths[:4] == [
        "Drivkraft og motivation",
        "Organisatoriske rammer",
        "Psykologisk tryghed",
        "Trivsel",
    ]
    described = {t["path"]: t["description"] for t in tags}
    parent = "Psykologisk tryghed/Psykologisk tryghed i små fora"
    assert described[parent] == "Tryghed i den nære ledergruppe.\n\nEdmondson"
    # A sub-theme's path starts with its parent's: Taguette lists it under it.
    assert f"{parent}/Farlig tavshed" in described
    assert "Drivkraft og motivation/At lykkes sammen 🤝" in described
    # Every theme is a tag, once.
    assert len(paths) == len(set(paths)) == 4 + len(journal.themes())
    # In English the concepts are named in English.
    english = taguette_tags(codebook_csv(journal.themes(), "en"))
    assert "Psychological safety/Psykologisk tryghed i små fora/Farlig tavshed" in {
        t["path"] for t in english
    }


def test_without_lang_the_concepts_are_in_the_entries_language(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j", coded=False)  # written in Danish
    result = CliRunner().invoke(
        cli_group, ["--journal", str(journal.root), "export", "taguette", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    paths = [t["path"] for t in taguette_tags(result.stdout_bytes)]
    assert paths[0] == "Drivkraft og motivation"  # not the command's English
    assert result.stdout_bytes.startswith(codecs.BOM_UTF8)
    # The "exported" line goes to stderr, leaving stdout the file alone.
    assert result.stderr.strip() and result.stderr.strip() not in result.stdout


def test_hostile_and_long_names_stay_one_cell_and_within_taguettes_limit() -> None:
    long_name = "lang " * 60
    themes = [
        Theme(name='Tavshed, "citat"\nog komma', concept="safety", description='a,b\n"c"'),
        Theme(name=long_name.strip(), concept="frames"),
        Theme(name="Barn", concept="drive", parent="Forælder"),
        Theme(name="Forælder", concept="drive", parent="Barn"),  # a loop ends
    ]
    tags = {t["path"]: t["description"] for t in taguette_tags(codebook_csv(themes, "da"))}
    assert tags['Psykologisk tryghed/Tavshed, "citat" og komma'] == 'a,b\n"c"'
    assert long_name.strip()[:MAX_PATH].strip() in tags
    assert {
        "Drivkraft og motivation/Barn/Forælder",
        "Drivkraft og motivation/Forælder/Barn",
    } <= set(tags)


def test_an_empty_codebook_is_the_concepts() -> None:
    assert [t["path"] for t in taguette_tags(codebook_csv([], "en"))] == [
        "Drive and motivation",
        "Organisational frames",
        "Psychological safety",
        "Well-being",
    ]
