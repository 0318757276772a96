"""The chart's series, from hand-built check-ins: the fixed scales, the gaps,
the day/week/month buckets and their n, and the interview days."""

from __future__ import annotations

from datetime import date

import pytest

from eftertanke.analysis.wellbeing import (
    BALANCE,
    level,
    next_start,
    on_scale,
    period_end,
    period_start,
    periods_ending,
    rated_days,
    scale_of,
    series,
    span_series,
)


def checkin(day: str, hour: int = 9, **ratings: int) -> dict[str, object]:
    return {"id": f"{day}-{hour}", "created": f"{day}T{hour:02d}:00:00+01:00", "ratings": ratings}


def test_scales_are_fixed_whatever_the_data() -> None:
    assert scale_of("energy") == (1.0, 5.0)
    assert scale_of("wellbeing") == (1.0, 5.0)
    assert scale_of(BALANCE) == (-4.0, 4.0)
    # the same value sits at the same height in any journal: 3 is the middle
    assert on_scale(3.0, "energy") == 0.5
    assert on_scale(1.0, "energy") == 0.0
    assert on_scale(5.0, "energy") == 1.0
    assert on_scale(0.0, BALANCE) == 0.5
    assert on_scale(-4.0, BALANCE) == 0.0
    # out of scale values are held at the ends, never stretch the axis
    assert on_scale(7.0, "energy") == 1.0
    assert on_scale(-6.0, BALANCE) == 0.0


def test_a_flat_week_at_three_stays_in_the_middle() -> None:
    """The old sparklines stretched each series to its own min and max: a week
    at 3.0 with one 2.9 looked like a collapse. On the fixed scale it does not."""
    docs = [checkin(f"2026-03-{d:02d}", energy=3) for d in range(2, 8)]
    docs.append(checkin("2026-03-08", energy=3, wellbeing=3))
    rated = rated_days(docs)
    days = series(rated, "day", periods_ending(date(2026, 3, 8), "day", 7))
    heights = [on_scale(v, "energy") for v in days.values["energy"] if v is not None]
    assert heights == [0.5] * 7


def test_days_without_a_check_in_are_gaps_not_zeros_and_not_bridged() -> None:
    docs = [
        checkin("2026-03-02", energy=4, demands=2, resources=3),
        checkin("2026-03-03", energy=2),
        # 4th and 5th: nothing
        checkin("2026-03-06", energy=5, demands=5, resources=1),
    ]
    days = series(rated_days(docs), "day", periods_ending(date(2026, 3, 7), "day", 6))
    assert days.starts[0] == date(2026, 3, 2) and days.starts[-1] == date(2026, 3, 7)
    assert days.values["energy"] == [4.0, 2.0, None, None, 5.0, None]
    # balance only where both resources and demands were rated
    assert days.values[BALANCE] == [1.0, None, None, None, -4.0, None]
    # a line runs within a run of rated days and breaks at a gap
    assert days.segments("energy") == [[(0, 4.0), (1, 2.0)], [(4, 5.0)]]
    assert days.segments(BALANCE) == [[(0, 1.0)], [(4, -4.0)]]
    assert days.checkins == [1, 1, 0, 0, 1, 0]


def test_two_check_ins_on_a_day_are_its_mean_and_count_once_in_a_week() -> None:
    docs = [
        checkin("2026-03-02", 8, wellbeing=1),
        checkin("2026-03-02", 20, wellbeing=3),  # the day's mean: 2
        checkin("2026-03-04", wellbeing=5),
    ]
    rated = rated_days(docs)
    assert rated.means[date(2026, 3, 2)]["wellbeing"] == 2.0
    assert rated.checkins[date(2026, 3, 2)] == 2
    weeks = series(rated, "week", [date(2026, 3, 2)])
    # mean of the days (2 and 5), not of the three check-ins (3.0)
    assert weeks.values["wellbeing"] == [3.5]
    assert weeks.days["wellbeing"] == [2]
    assert weeks.checkins == [3]


def test_weeks_run_monday_to_sunday_and_months_by_the_calendar() -> None:
    assert period_start(date(2026, 3, 8), "week") == date(2026, 3, 2)  # a Sunday
    assert period_start(date(2026, 3, 9), "week") == date(2026, 3, 9)
    assert period_start(date(2026, 3, 31), "month") == date(2026, 3, 1)
    assert next_start(date(2026, 12, 1), "month") == date(2027, 1, 1)
    assert next_start(date(2026, 1, 1), "month", -1) == date(2025, 12, 1)
    assert period_end(date(2028, 2, 1), "month") == date(2028, 2, 29)
    assert periods_ending(date(2026, 3, 15), "month", 3) == [
        date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1),
    ]  # fmt: skip
    docs = [
        checkin("2026-03-01", energy=2),  # Sunday: the week of 23 Feb
        checkin("2026-03-02", energy=4),
        checkin("2026-03-31", energy=3),
    ]
    rated = rated_days(docs)
    weeks = series(rated, "week", periods_ending(date(2026, 3, 31), "week", 6))
    assert weeks.starts[0] == date(2026, 2, 23)
    assert weeks.values["energy"] == [2.0, 4.0, None, None, None, 3.0]
    assert weeks.days["energy"] == [1, 1, 0, 0, 0, 1]
    months = series(rated, "month", [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)])
    assert months.values["energy"] == [None, 3.0, None]
    assert months.days["energy"] == [0, 3, 0]


def test_interview_days_mark_their_bucket() -> None:
    docs = [checkin("2026-03-02", energy=3)]
    rated = rated_days(docs, [("I01", date(2026, 3, 3)), ("I02", date(2026, 3, 5))])
    days = series(rated, "day", periods_ending(date(2026, 3, 5), "day", 4))
    assert days.interviews == [(), ("I01",), (), ("I02",)]
    weeks = series(rated, "week", [date(2026, 3, 2)])
    assert weeks.interviews == [("I01", "I02")]
    # an interview day without a check-in is still a gap in the values
    assert days.values["energy"] == [3.0, None, None, None]


def test_deleted_and_unrated_entries_are_left_out() -> None:
    docs = [
        checkin("2026-03-02", energy=1) | {"deleted": True},
        {"id": "memo", "created": "2026-03-02T10:00:00+01:00", "ratings": {}},
        {"id": "old", "created": "2026-03-02T10:00:00+01:00"},
        checkin("2026-03-02", energy=4),
    ]
    rated = rated_days(docs)
    assert rated.means == {date(2026, 3, 2): {"energy": 4.0}}
    assert rated.checkins == {date(2026, 3, 2): 1}


def test_an_empty_journal_has_empty_series() -> None:
    rated = rated_days([])
    assert rated.is_empty and rated.first is None
    assert span_series(rated, "week").starts == []
    window = series(rated, "day", periods_ending(date(2026, 3, 5), "day", 3))
    assert window.is_empty
    assert window.values["energy"] == [None, None, None]
    assert all(not s for s in (window.segments("energy"), window.segments(BALANCE)))


def test_span_series_covers_first_to_last_rated_period() -> None:
    docs = [checkin("2026-01-30", energy=2), checkin("2026-03-02", energy=4)]
    months = span_series(rated_days(docs), "month")
    assert months.starts == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert months.values["energy"] == [2.0, None, 4.0]
    assert months.index_of(date(2026, 2, 14)) == 1
    assert months.index_of(date(2025, 2, 14)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (1.0, 1), (1.49, 1), (1.5, 2), (2.5, 3), (4.6, 5), (5.0, 5), (0.2, 1)],
)
def test_level_rounds_half_up_within_one_to_five(value: float | None, expected: int | None) -> None:
    assert level(value) == expected


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match="year"):
        series(rated_days([]), "year", [])


def test_date_axis_labels_speak_the_language() -> None:
    from eftertanke.analysis.wellbeing import period_label, tick_label

    assert tick_label(date(2026, 3, 10), "day", "da") == "10. mar"
    assert tick_label(date(2026, 3, 10), "day", "en") == "10 Mar"
    assert tick_label(date(2026, 3, 9), "week", "da") == "9. mar"  # the Monday
    assert tick_label(date(2026, 3, 9), "week", "en") == "9 Mar"
    assert tick_label(date(2026, 5, 1), "month", "da", with_year=True) == "maj 2026"
    assert period_label(date(2026, 3, 10), "day", "da") == "tirsdag 10. marts 2026"
    assert period_label(date(2026, 3, 1), "month", "da") == "marts 2026"
    assert period_label(date(2026, 3, 9), "week", "en") == "Week 11, 9 Mar – 15 Mar 2026"


def test_ticks_name_months_and_mondays_with_room_between() -> None:
    from eftertanke.analysis.wellbeing import ticks

    starts = periods_ending(date(2026, 3, 10), "day", 20)  # 19 Feb .. 10 Mar
    chosen = [starts[i] for i in ticks(starts, "day", 10)]
    assert chosen[0] == date(2026, 2, 19)
    # 23 Feb (Monday), 1 Mar (first of the month, wins over Monday 2 Mar), 9 Mar
    assert chosen[1:] == [date(2026, 2, 23), date(2026, 3, 1), date(2026, 3, 9)]
    assert len(ticks(periods_ending(date(2026, 3, 10), "day", 400), "day", 8)) <= 8
    assert ticks([], "week", 8) == []


def test_series_svg_has_gaps_markers_and_danish_axis() -> None:
    from eftertanke.analysis.chart import series_svg

    docs = [
        checkin("2026-03-02", energy=4, demands=2, resources=3, wellbeing=4, safety=3),
        checkin("2026-03-03", energy=2, demands=2, resources=3, wellbeing=3, safety=3),
        checkin("2026-03-06", energy=5, demands=5, resources=1, wellbeing=2, safety=2),
    ]
    rated = rated_days(docs, [("I03", date(2026, 3, 3))])
    svg = series_svg(span_series(rated, "day"), "da")
    assert "Trivsel over tid · pr. dag" in svg
    assert ">2. mar<" in svg and ">I03<" in svg and ">Interview<" in svg
    # energy: one line over 2–3 March, then a lone point on 6 March (not bridged)
    energy = [
        line for line in svg.splitlines() if 'stroke="#d95f02"' in line or 'fill="#d95f02"' in line
    ]
    assert sum("<polyline" in line for line in energy) == 1
    assert sum("<circle" in line for line in energy) == 1
    weekly = series_svg(span_series(rated, "week"), "en")
    assert ">2 Mar<" in weekly and ">n=3<" in weekly
    assert series_svg(span_series(rated_days([]), "week"), "en") == ""


def test_braille_plot_breaks_at_gaps_and_keeps_the_fixed_scale() -> None:
    from eftertanke.analysis.plot import braille_rows, dot_row, value_row

    blank = chr(0x2800)
    # 3 rows = 12 dot rows: 5 at the top dot row, 1 at the bottom, 3 in the middle
    assert dot_row(5.0, "energy", 3) == 0 and dot_row(1.0, "energy", 3) == 11
    assert value_row(3.0, "energy", 3) == 1
    assert value_row(0.0, BALANCE, 5) == 2  # the zero line in the middle row
    rows = braille_rows([3.0, 3.0, None, None, 3.0], "energy", 3, 1)
    assert len(rows) == 3 and all(len(r) == 5 for r in rows)
    middle = rows[1]
    # a line over the first two days, nothing over the gap, a dash for the lone day
    assert middle[0] != blank and middle[1] != blank
    assert middle[2] == blank and middle[3] == blank
    assert middle[4] != blank
    assert rows[0] == blank * 5 and rows[2] == blank * 5
    # the same values in a journal that also holds a 1 and a 5 sit at the same height
    wider = braille_rows([3.0, 3.0, 1.0, 5.0, 3.0], "energy", 3, 1)
    assert wider[1][0] == middle[0]
    assert braille_rows([None, None], "energy", 2, 2) == [blank * 4, blank * 4]


def test_day_blocks_sit_on_the_fixed_scale_and_gaps_are_dots() -> None:
    from eftertanke.analysis.plot import BLOCKS, GAP, block

    assert [block(v, "energy") for v in (1.0, 2.0, 3.0, 4.0, 5.0)] == ["▁", "▃", "▅", "▆", "█"]
    assert block(None, "energy") == GAP == "·"
    assert block(-4.0, BALANCE) == BLOCKS[0] and block(4.0, BALANCE) == BLOCKS[-1]
    assert block(0.0, BALANCE) == block(3.0, "energy")  # both the middle of their scale
    # a steady 3.0 with one 2.9 moves at most one eighth (the old sparkline,
    # scaled to its own min and max, drew it as a fall to the bottom)
    steps = [BLOCKS.index(block(v, "wellbeing")) for v in (3.0, 3.0, 2.9, 3.0)]
    assert max(steps) - min(steps) <= 1 and min(steps) >= 3
