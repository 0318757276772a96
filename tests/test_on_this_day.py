"""Looking back (analysis/looking_back.py): on this day a week, a month and a
year ago, and the week's figures for a weekly review, on hand-built entries."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any

import pytest

from eftertanke.analysis.looking_back import (
    days_back,
    months_back,
    on_this_day,
    week_figures,
)

TODAY = date(2026, 3, 27)


def doc(
    day: date, n: int = 0, kind: str = "daily", hour: int = 12, **fields: Any
) -> dict[str, Any]:
    return {
        "id": f"{day.isoformat()}-{kind}-{n}",
        "kind": kind,
        "created": f"{day.isoformat()}T{hour:02d}:00:00+00:00",
        "deleted": None,
        **fields,
    }


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 27), 1, date(2026, 2, 27)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),  # no 31 February: its last day
        (date(2024, 3, 30), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 3, 27), 12, date(2025, 3, 27)),
    ],
)
def test_months_back(day: date, months: int, expected: date) -> None:
    assert months_back(day, months) == expected


def test_days_back() -> None:
    assert days_back(TODAY) == [
        ("week", date(2026, 3, 20)),
        ("month", date(2026, 2, 27)),
        ("year", date(2025, 3, 27)),
    ]


def test_on_this_day_finds_each_spans_entries_in_the_order_written() -> None:
    docs = [
        doc(date(2026, 3, 20), 1, hour=18),
        doc(date(2026, 3, 20), 2, kind="memo", hour=9, title="Morgen"),
        doc(date(2026, 3, 21)),  # the day after: not looked back on
        doc(date(2025, 3, 27), kind="interview"),
        doc(date(2026, 2, 27), deleted="2026-03-01T10:00:00+00:00"),  # in the trash
    ]
    found = on_this_day(docs, TODAY, UTC)
    assert [(b.span, b.day) for b in found] == days_back(TODAY)
    week, month, year = found
    assert [d["id"] for d in week.entries] == ["2026-03-20-memo-2", "2026-03-20-daily-1"]
    assert month.entries == []
    assert [d["kind"] for d in year.entries] == ["interview"]


def test_the_local_day_decides() -> None:
    from datetime import timezone

    copenhagen = timezone(timedelta(hours=1))
    # 23:30 UTC on 19 March is 00:30 on 20 March in Copenhagen.
    late = {**doc(date(2026, 3, 19)), "created": "2026-03-19T23:30:00+00:00"}
    assert on_this_day([late], TODAY, copenhagen)[0].entries == [late]
    assert on_this_day([late], TODAY, UTC)[0].entries == []


def test_week_figures() -> None:
    energy = [
        {"prompt_id": "energy-gave", "answer": "Teamet."},
        {"prompt_id": "energy-took", "answer": "  "},
    ]
    docs = [
        # The week (21–27 March): three check-ins on two days.
        doc(
            date(2026, 3, 23),
            1,
            hour=9,
            ratings={"wellbeing": 4, "energy": 3, "demands": 4, "resources": 2},
            sections=energy,
        ),  # fmt: skip
        doc(date(2026, 3, 23), 2, hour=20, ratings={"wellbeing": 2, "energy": 1}),
        doc(date(2026, 3, 26), ratings={"wellbeing": 5, "energy": 5}),
        doc(date(2026, 3, 25), kind="interview", interview="I05"),
        doc(date(2026, 3, 25), kind="memo"),
        # The seven days before (14–20 March).
        doc(date(2026, 3, 16), ratings={"wellbeing": 1, "energy": 2}),
        doc(date(2026, 3, 20), ratings={"wellbeing": 3}),
        # Older, and trashed: not counted.
        doc(date(2026, 3, 13), ratings={"wellbeing": 5}),
        doc(date(2026, 3, 24), ratings={"wellbeing": 1}, deleted="2026-03-24T13:00:00+00:00"),
    ]
    held = [("I05", date(2026, 3, 25)), ("I04", date(2026, 3, 20)), ("I06", date(2026, 3, 28))]
    week = week_figures(docs, held, TODAY, UTC)
    assert (week.first, week.last) == (date(2026, 3, 21), TODAY)
    assert week.checkins == 3 and week.rated_days == 2
    # 23 March: (4 + 2) / 2 = 3; 26 March: 5; the week: (3 + 5) / 2.
    assert week.means["wellbeing"] == pytest.approx(4)
    assert week.means["energy"] == pytest.approx(((3 + 1) / 2 + 5) / 2)
    assert week.means["balance"] == pytest.approx(2 - 4)  # one day rated both
    assert week.means["safety"] is None
    assert week.previous["wellbeing"] == pytest.approx(2) and week.previous_rated_days == 2
    assert week.interviews == ["I05"] and week.reflections == 1
    assert [g.entry_id for g in week.days] == [
        "2026-03-23-daily-1", "2026-03-23-daily-2", "2026-03-26-daily-0"
    ]  # fmt: skip
    assert week.days[0].answers == {"energy-gave": "Teamet."}  # a blank answer is left out


def test_an_empty_week() -> None:
    week = week_figures([], [], TODAY, UTC)
    assert week.is_empty and week.means["wellbeing"] is None and week.days == []


# -- Home's "Looking back" panel (Pilot) --------------------------------------------


def test_home_looks_back_and_enter_opens_the_entry(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import asyncio
    import shutil
    from datetime import datetime, timezone
    from pathlib import Path

    from textual.widgets import OptionList, Static

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.screens.entry import EntryScreen
    from eftertanke.tui.screens.write import WriteScreen
    from eftertanke.tui.widgets.week_glance import WeekGlance

    frozen = datetime(2026, 3, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    # Home's looking back and the writing screen's week glance (tui/write_context.py)
    for module in ("screens.home", "write_context"):
        monkeypatch.setattr(f"eftertanke.tui.{module}.now", lambda: frozen)
    demo = Path(__file__).resolve().parent.parent / "journals" / "demo"
    journal = Journal(shutil.copytree(demo, tmp_path / "demo"), author="t")
    expected = on_this_day([d for d in journal.raw_entries()], frozen.date(), frozen.tzinfo)
    week_ago = expected[0].entries
    assert week_ago, "the demo has an entry on 20 March"
    app = EftertankeApp(journal, lang="en", remember=False)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            back = screen.query_one("#back", OptionList)
            ids = [back.get_option_at_index(i).id for i in range(back.option_count)]
            wanted = [f"entry:{d['id']}" for look in expected for d in look.entries[:3]]
            assert [i for i in ids if i] == wanted
            first = str(back.get_option_at_index(0).prompt)
            assert first.startswith("A week ago, 20 Mar 2026")
            line = str(screen.query_one("#back-week", Static).render())
            assert line.startswith("Last 7 days: ")
            assert "w: weekly review" in str(screen.query_one("#back-title", Static).render())
            assert "check-ins" in line and "well-being" in line
            back.focus()
            back.highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            assert app.screen.entry_id == week_ago[0]["id"]
            # w on Home writes a weekly review, with the week's check-ins above it.
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, WriteScreen)
            assert app.screen.session.pack.id == "weekly-review"
            glance = app.screen.query_one("#write-week", WeekGlance)
            text = str(glance.render())
            assert glance.display and text.startswith("Last 7 days, 21 Mar 2026 – 27 Mar 2026:")
            assert "Thursday 26 Mar 2026" in text

    asyncio.run(run())


def test_home_says_when_nothing_was_written_on_those_days(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    from textual.widgets import OptionList, Static

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp

    app = EftertankeApp(Journal(tmp_path / "empty", author="t"), lang="da", remember=False)

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            back = app.screen.query_one("#back", OptionList)
            assert back.option_count == 1
            assert "Der blev ikke skrevet noget" in str(back.get_option_at_index(0).prompt)
            line = str(app.screen.query_one("#back-week", Static).render())
            assert line == "Seneste 7 dage: 0 check-ins"

    asyncio.run(run())


@pytest.mark.parametrize("hours", [-12, 0, 1, 14])
def test_the_quick_look_at_stored_dates_misses_no_entry_in_any_zone(
    hours: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home reads the stored date (the writer's zone) to skip entries far from
    the days it shows; an entry written in any zone (UTC-12 to UTC+14) and
    shown in any other is found as by parsing every entry's time."""
    import random
    from datetime import datetime, timezone

    from eftertanke.analysis import looking_back

    rng = random.Random(hours)
    today = date(2026, 3, 27)
    docs = []
    for n in range(600):
        zone = timezone(timedelta(hours=rng.choice([-12, -5, 0, 1, 9, 14]), minutes=rng.choice([0, 30])))
        moment = datetime(2026, 3, 28, 12, tzinfo=UTC) - timedelta(minutes=rng.randrange(400 * 24 * 60))
        docs.append(
            {"id": f"{n:08x}-0000-4000-8000-000000000000", "kind": rng.choice(["daily", "memo"]),
             "created": moment.astimezone(zone).isoformat(), "ratings": {"energy": rng.randint(1, 5)}}
        )  # fmt: skip
    # The far ends: just after midnight at UTC+14, just before it at UTC-12.
    for n in range(420):
        day = today - timedelta(days=n - 2)
        for stamp in (f"{day.isoformat()}T00:30:00+14:00", f"{day.isoformat()}T23:30:00-12:00"):
            docs.append({"id": f"edge-{n}-{stamp[-6:]}", "kind": "daily", "created": stamp})
    shown_in = timezone(timedelta(hours=hours))
    quick = (on_this_day(docs, today, shown_in), week_figures(docs, [], today, shown_in))
    monkeypatch.setattr(looking_back, "_written_near", lambda docs, days: docs)
    assert quick == (on_this_day(docs, today, shown_in), week_figures(docs, [], today, shown_in))
    assert any(look.entries for look in quick[0]) and quick[1].checkins
