"""The CSV tables load without options in pandas (and so in R and Excel).

The journal below spans the spring daylight-saving change in Copenhagen
(2024-03-31: +01:00 before, +02:00 after), and its excerpts are cited at
"17.20" (17 min 20 s), "9.45" and "1.02.10", as the thesis cites them.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from click.testing import CliRunner

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry, Excerpt, Interview, Theme
from eftertanke.export.tables import excerpts_csv, ratings_csv
from eftertanke.store.journal import Journal

CPH = ZoneInfo("Europe/Copenhagen")
BEFORE = datetime(2024, 3, 30, 21, 0, tzinfo=CPH)  # +01:00
AFTER = datetime(2024, 3, 31, 21, 0, tzinfo=CPH)  # +02:00


def entries() -> list[Entry]:
    return [
        Entry(
            kind="daily",
            body="Aften før sommertid: æøå ÆØÅ.",
            ratings={"energy": 3, "wellbeing": 4},
            created=BEFORE,
            updated=BEFORE,
        ).validate(),
        Entry(
            kind="interview",
            body="Refleksion efter I03.",
            interview="I03",
            ratings={"energy": 2, "wellbeing": 5},
            excerpts=[
                Excerpt("I03", "17.20", "Det siger man ikke højt.", themes=["Farlig tavshed"]),
                Excerpt("I03", "9.45", "Vi taler frit her.", note="Tryghed; æøå"),
                Excerpt("I03", "1.02.10", "Til sidst."),
            ],
            created=AFTER,
            updated=AFTER,
        ).validate(),
    ]


THEMES = [Theme(name="Farlig tavshed", concept="safety")]


def test_excerpt_timestamps_are_text_and_seconds() -> None:
    frame = pd.read_csv(io.BytesIO(excerpts_csv(entries(), THEMES)))
    assert list(frame["timestamp"]) == ["0:17:20", "0:09:45", "1:02:10"]
    assert not pd.api.types.is_numeric_dtype(frame["timestamp"])  # never 17.2
    assert pd.api.types.is_integer_dtype(frame["timestamp_seconds"])
    assert list(frame["timestamp_seconds"]) == [1040, 585, 3730]
    assert list(frame["themes"].fillna("")) == ["Farlig tavshed", "", ""]
    assert list(frame["concepts"].fillna("")) == ["safety", "", ""]
    assert list(frame["note"].fillna("")) == ["", "Tryghed; æøå", ""]


def test_times_across_a_daylight_saving_change_parse_without_options() -> None:
    frame = pd.read_csv(io.BytesIO(ratings_csv(entries())))
    assert list(frame["created"]) == ["2024-03-30T21:00:00+01:00", "2024-03-31T21:00:00+02:00"]
    utc = pd.to_datetime(frame["created_utc"])
    assert isinstance(utc.dtype, pd.DatetimeTZDtype) and str(utc.dt.tz) == "UTC"
    assert list(utc.dt.hour) == [20, 19]
    assert pd.api.types.is_integer_dtype(frame["energy"])
    assert list(frame["wellbeing"]) == [4, 5]
    # Why the UTC column is there: the local one, with two offsets, needs utc=True.
    with pytest.raises(ValueError):
        pd.to_datetime(frame["created"])
    excerpts = pd.read_csv(io.BytesIO(excerpts_csv(entries(), THEMES)))
    assert isinstance(pd.to_datetime(excerpts["entry_created_utc"]).dtype, pd.DatetimeTZDtype)


def test_the_excel_form_has_a_byte_order_mark_and_semicolons(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_interview(Interview(code="I03"))
    journal.add_theme(THEMES[0])
    for entry in entries():
        journal.add_entry(entry)
    out = tmp_path / "excerpts.csv"
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(journal.root), "export", "csv", "--table", "excerpts", "--excel",
         "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfentry_id;entry_created;entry_created_utc;")
    assert b"\r\n" in data and "æøå".encode() in data
    frame = pd.read_csv(out, sep=";")
    assert frame.columns[0] == "entry_id"  # the mark is not part of the first name
    assert list(frame["timestamp"]) == ["0:17:20", "0:09:45", "1:02:10"]
    assert list(frame["note"].fillna("")) == ["", "Tryghed; æøå", ""]
    plain = tmp_path / "ratings.csv"
    result = CliRunner().invoke(
        cli_group, ["--journal", str(journal.root), "export", "csv", "-o", str(plain)]
    )
    assert result.exit_code == 0, result.output
    assert plain.read_bytes().startswith(b"entry_id,created,created_utc,date,")
