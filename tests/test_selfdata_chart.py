"""Chronology events (self-as-data) as markers on the well-being timeline,
beside the interview markers (issue 20)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from eftertanke.analysis.chart import series_svg
from eftertanke.analysis.wellbeing import rated_days, span_series
from eftertanke.domain import Entry

TZ = ZoneInfo("Europe/Copenhagen")


def docs() -> list[dict]:
    def on(d: int) -> datetime:
        return datetime(2026, 3, d, 20, tzinfo=TZ)

    return [
        Entry(kind="daily", body="Godt", ratings={"wellbeing": 4}, created=on(2)).to_dict(),
        Entry(kind="daily", body="Tungt", ratings={"wellbeing": 2}, created=on(12)).to_dict(),
        Entry(kind="memo", body="Mail om tilsyn og besparelser", data_type="chronology",
              created=on(10)).to_dict(),
        Entry(kind="memo", body="Et memo", created=on(11)).to_dict(),
    ]  # fmt: skip


def test_a_chronology_event_is_marked_on_its_day_and_its_week() -> None:
    rated = rated_days(docs(), [("I03", date(2026, 3, 5))])
    assert rated.events == {date(2026, 3, 10): ("Mail om tilsyn og besparelser",)}
    weekly = span_series(rated, "week")
    marked = [(s.isoformat(), e) for s, e in zip(weekly.starts, weekly.events, strict=True) if e]
    assert marked == [("2026-03-09", ("Mail om tilsyn og besparelser",))]
    assert weekly.interviews[0] == ("I03",)


def test_the_svg_chart_labels_events_apart_from_interviews() -> None:
    svg = series_svg(span_series(rated_days(docs(), [("I03", date(2026, 3, 5))]), "week"), "da")
    assert "◇ Mail om tilsyn og besparelser" in svg and ">I03<" in svg
