"""The well-being chart and the calendar in the app: Pilot tests and SVG snapshots
(day, week and month; the demo journal and an empty one; Danish and English).

Time is frozen at 27 March 2026, within the demo journal's weeks, so the
pictures are stable; update them with `--snapshot-update` after a deliberate
change and look at them before committing.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import textual

from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp

DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"
SNAPSHOTS = Path("/tmp/eftertanke-snapshots")
# The snapshot journals lie at fixed paths (the header shows them): one worker
# rebuilds them at a time (see test_tui_snapshots.py and --dist loadgroup).
pytestmark = pytest.mark.xdist_group("fixed-snapshot-journals")
FROZEN_NOW = datetime(2026, 3, 27, 9, 0, tzinfo=timezone(timedelta(hours=1)))
SIZE = (100, 30)
FROZEN_MODULES = (
    "eftertanke.tui.screens.home",
    "eftertanke.tui.widgets.trend",
    "eftertanke.tui.screens.chart",
    "eftertanke.tui.screens.calendar",
)

snapshots_only = pytest.mark.skipif(
    textual.__version__ != "8.2.8", reason="the snapshots were drawn with Textual 8.2.8"
)


def _freeze(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in FROZEN_MODULES:
        monkeypatch.setattr(f"{module}.now", lambda: FROZEN_NOW)


def demo_app(monkeypatch: pytest.MonkeyPatch, lang: str = "en") -> EftertankeApp:
    folder = SNAPSHOTS / "chart-demo"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(DEMO, folder)
    _freeze(monkeypatch)
    return EftertankeApp(Journal(folder, author="Mette"), lang=lang, remember=False)


def empty_app(monkeypatch: pytest.MonkeyPatch, lang: str = "en") -> EftertankeApp:
    folder = SNAPSHOTS / "chart-empty"
    shutil.rmtree(folder, ignore_errors=True)
    _freeze(monkeypatch)
    return EftertankeApp(Journal(folder, author="Mette"), lang=lang, remember=False)


def pilot_test(test):  # type: ignore[no-untyped-def]
    """Run an async Pilot test (the suite has no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        asyncio.run(test(*args, **kwargs))

    return run


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
        await pilot.pause()

    return run


# -- snapshots ------------------------------------------------------------------


@snapshots_only
def test_chart_by_day(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(monkeypatch), terminal_size=SIZE, run_before=keys("g", "left"))


@snapshots_only
def test_chart_by_week_in_danish(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app = demo_app(monkeypatch, "da")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("g", "2", "left", "left"))


@snapshots_only
def test_chart_by_month_in_danish(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app = demo_app(monkeypatch, "da")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("g", "3", "m"))


@snapshots_only
def test_chart_of_an_empty_journal(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(empty_app(monkeypatch), terminal_size=SIZE, run_before=keys("g", "2"))


@snapshots_only
def test_chart_at_80_by_24(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo_app(monkeypatch, "da"), terminal_size=(80, 24), run_before=keys("g"))


# -- behaviour --------------------------------------------------------------------


@pilot_test
async def test_chart_keys_switch_period_and_measure_and_move_the_cursor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eftertanke.tui.screens.chart import ChartScreen
    from eftertanke.tui.widgets.wellbeing_chart import WellbeingChart

    app = demo_app(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen)
        chart = app.screen.query_one(WellbeingChart)
        # the demo's last check-in (29 March) is after the frozen today: it is shown
        assert chart.period == "day" and chart.cursor == date(2026, 3, 29)
        await pilot.press("left", "left")
        assert chart.cursor == date(2026, 3, 27)
        await pilot.press("2")
        assert chart.period == "week" and chart.cursor == date(2026, 3, 23)
        window = chart.window()
        at = window.index_of(chart.cursor)
        assert at is not None and window.days["wellbeing"][at] == 7
        await pilot.press("3")
        assert chart.period == "month" and chart.cursor == date(2026, 3, 1)
        await pilot.press("1")
        assert chart.cursor == date(2026, 3, 27)  # the day the cursor stood on is kept
        await pilot.press("home")
        assert chart.cursor == date(2026, 2, 16)  # the first rated day
        assert chart.measure == "wellbeing"
        await pilot.press("m")
        assert chart.measure == "energy"
        await pilot.press("M", "M")
        assert chart.measure == "safety"
        rendered = chart.render().plain
        assert "Safety, 1–5" in rendered and "Monday 16 February 2026" in rendered
        await pilot.press("escape")
        assert not isinstance(app.screen, ChartScreen)


@pilot_test
async def test_chart_shows_gaps_and_interview_days_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from eftertanke.tui.widgets.wellbeing_chart import WellbeingChart

    app = demo_app(monkeypatch, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("g")  # from Analysis too
        await pilot.pause()
        chart = app.screen.query_one(WellbeingChart)
        window = chart.window()
        gaps = [d for d, n in zip(window.starts, window.checkins, strict=True) if not n]
        assert date(2026, 3, 7) in gaps  # a demo day without a check-in
        chart.go_to(date(2026, 3, 7))
        await pilot.pause()
        assert "Intet check-in" in chart.render().plain
        chart.go_to(date(2026, 3, 10))  # I03's day
        await pilot.pause()
        text = chart.render().plain
        assert "tirsdag 10. marts 2026" in text and "◆ Interview I03" in text
        assert "n = 1 check-in" in text


@pilot_test
async def test_enter_on_a_period_lists_its_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    from eftertanke.tui.screens.browse import BrowseScreen
    from eftertanke.tui.screens.entry import EntryScreen
    from eftertanke.tui.widgets.wellbeing_chart import WellbeingChart

    app = demo_app(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        chart = app.screen.query_one(WellbeingChart)
        await pilot.press("2")
        chart.go_to(date(2026, 3, 10))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        shown = app.screen._filter_rows(app.screen.current_filter())  # noqa: SLF001 - the rows the list shows
        days = {row.created.date() for row in shown}
        assert days and all(date(2026, 3, 9) <= d <= date(2026, 3, 15) for d in days)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")
        chart.go_to(date(2026, 3, 29))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        rows = [r for r in app.index.rows if r.created.date() == date(2026, 3, 29)]
        assert isinstance(app.screen, EntryScreen if len(rows) == 1 else BrowseScreen)


@pilot_test
async def test_chart_of_an_empty_journal_says_how_to_begin(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Static

    app = empty_app(monkeypatch, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        empty = app.screen.query_one("#chart-empty", Static)
        assert empty.display and "Ingen vurderinger endnu" in str(empty.render())
        await pilot.press("right", "enter", "3", "home", "end")  # nothing to move to, no error
        await pilot.pause()


# -- the calendar -------------------------------------------------------------------


@snapshots_only
def test_calendar_of_the_demo(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app = demo_app(monkeypatch)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("c", "left", "up"))


@snapshots_only
def test_calendar_in_danish_at_80_by_24(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app = demo_app(monkeypatch, "da")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("c"))


@snapshots_only
def test_calendar_of_an_empty_journal(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(empty_app(monkeypatch, "da"), terminal_size=SIZE, run_before=keys("c"))


@pilot_test
async def test_calendar_keys_move_by_day_month_and_year(monkeypatch: pytest.MonkeyPatch) -> None:
    from eftertanke.tui.screens.calendar import CalendarScreen
    from eftertanke.tui.widgets.calendar import YearCalendar

    app = demo_app(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        calendar = app.screen.query_one(YearCalendar)
        assert calendar.cursor == date(2026, 3, 27)  # today
        await pilot.press("right", "right", "right", "right", "right")
        assert calendar.cursor == date(2026, 4, 1)
        await pilot.press("up")
        assert calendar.cursor == date(2026, 3, 1)
        calendar.cursor = date(2026, 3, 31)
        await pilot.press("up")
        assert calendar.cursor == date(2026, 2, 28)  # February is shorter
        await pilot.press("pagedown")
        assert calendar.cursor == date(2027, 2, 28)
        await pilot.press("pageup", "pageup")
        assert calendar.cursor == date(2025, 2, 28)
        await pilot.press("end")
        assert calendar.cursor == date(2026, 3, 29)  # the last rated day
        await pilot.press("home")
        assert calendar.cursor == date(2026, 2, 16)
        await pilot.press("t")
        assert calendar.cursor == date(2026, 3, 27)
        calendar.cursor = date(2026, 3, 10)
        await pilot.pause()
        text = calendar.render().plain
        # the day's well-being is a digit in its cell and a number below, not colour alone
        march = next(line for line in text.splitlines() if line.startswith("Mar "))
        assert "1◆" in march  # 10 March: well-being 1, interview I03
        assert "Tuesday 10 March 2026" in text and "Well-being 1.0" in text
        assert "◆ Interview I03" in text
        await pilot.press("g")
        await pilot.pause()
        from eftertanke.tui.screens.chart import ChartScreen
        from eftertanke.tui.widgets.wellbeing_chart import WellbeingChart

        assert isinstance(app.screen, ChartScreen)
        assert app.screen.query_one(WellbeingChart).cursor == date(2026, 3, 10)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)  # back to the same calendar
        assert app.screen.query_one(YearCalendar).cursor == date(2026, 3, 10)


@pilot_test
async def test_enter_on_a_day_opens_its_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    from eftertanke.tui.screens.browse import BrowseScreen
    from eftertanke.tui.screens.calendar import CalendarScreen
    from eftertanke.tui.screens.entry import EntryScreen
    from eftertanke.tui.widgets.calendar import YearCalendar

    app = demo_app(monkeypatch)
    by_day: dict[date, list[str]] = {}
    for row in app.index.rows:
        by_day.setdefault(row.created.date(), []).append(row.id)
    one = next(d for d, ids in sorted(by_day.items()) if len(ids) == 1)
    several = next(d for d, ids in sorted(by_day.items()) if len(ids) > 1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("c")  # from Analysis
        await pilot.pause()
        calendar = app.screen.query_one(YearCalendar)
        calendar.cursor = one
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.entry_id == by_day[one][0]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        calendar.cursor = several
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        shown = {row.id for row in app.screen._filter_rows(app.screen.current_filter())}  # noqa: SLF001
        assert shown == set(by_day[several])
        await pilot.press("escape")
        await pilot.pause()
        calendar.cursor = date(2026, 1, 5)  # nothing written
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


# -- Home's trend ---------------------------------------------------------------------


@pilot_test
async def test_home_trend_is_on_the_fixed_scale_with_gaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eftertanke.domain import Entry
    from eftertanke.tui.widgets.trend import WellbeingTrend

    _freeze(monkeypatch)
    journal = Journal(tmp_path / "j", author="Mette")
    for day, wellbeing in ((20, 3), (21, 3), (23, 3), (24, 3), (25, 3), (26, 3), (27, 3)):
        journal.add_entry(
            Entry(
                kind="daily",
                body="dag",
                created=datetime(2026, 3, day, 20, 0, tzinfo=FROZEN_NOW.tzinfo),
                ratings={"wellbeing": wellbeing, "energy": 5, "demands": 4, "resources": 2},
            )
        )
    app = EftertankeApp(journal, lang="da", remember=False)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(WellbeingTrend).render().plain
        rows = {line.split()[0]: line for line in text.splitlines() if line.strip()}
        strip = rows["Trivsel"][15:]
        # a steady 3 is a row of middle blocks, and 22 March (no check-in) a dot
        assert strip.endswith("▅▅·▅▅▅▅▅")
        assert rows["Energi"][15:].endswith("██·█████")
        assert rows["Balance"].startswith("Balance -2,0")
        assert "fast 1–5, ±4" in text and "27. mar" in text and "g diagram · c kalender" in text
        await pilot.press("g")
        await pilot.pause()
        from eftertanke.tui.screens.chart import ChartScreen

        assert isinstance(app.screen, ChartScreen)
        await pilot.press("escape", "c")
        await pilot.pause()
        from eftertanke.tui.screens.calendar import CalendarScreen

        assert isinstance(app.screen, CalendarScreen)


@pilot_test
async def test_help_lists_the_chart_and_calendar_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Static

    app = demo_app(monkeypatch, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "Trivselsdiagram" in text and "Kalender" in text
        assert "PageUp/PageDown et år" in text and "Enter: periodens indlæg" in text
        await pilot.press("escape")
        await pilot.pause()
        from eftertanke.tui.commands import ActionCommands
        from eftertanke.tui.screens.calendar import CalendarScreen

        provider = ActionCommands(app.screen)
        labels = dict(provider._actions())  # noqa: SLF001
        labels["Gå til: kalender"]()
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


@pilot_test
async def test_chart_exports_as_svg_and_png_from_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from eftertanke.tui.screens.export_dialog import ExportDialog

    app = demo_app(monkeypatch, "da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "2", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one("#export-path", Input)
        assert field.value == "./trivsel-uge.svg"
        field.value = str(tmp_path / "uge.svg")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        svg = (tmp_path / "uge.svg").read_text()
        assert "Trivsel over tid · pr. uge" in svg and "I03" in svg
        await pilot.press("3", "ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "måned.png")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "måned.png").read_bytes().startswith(b"\x89PNG")


@pilot_test
async def test_chart_and_calendar_follow_the_language_and_new_check_ins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eftertanke.domain import Entry
    from eftertanke.tui.widgets.calendar import YearCalendar
    from eftertanke.tui.widgets.wellbeing_chart import WellbeingChart

    app = empty_app(monkeypatch, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        chart = app.screen.query_one(WellbeingChart)
        assert "No check-in" in chart.render().plain
        app.journal.add_entry(
            Entry(
                kind="daily", body="ok", created=FROZEN_NOW, ratings={"wellbeing": 4, "energy": 2}
            )
        )
        app.journal_changed()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert chart.cursor == FROZEN_NOW.date()
        assert "Well-being 4.0" in chart.render().plain
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert (
            "Trivsel 4,0" in chart.render().plain
            and "fredag 27. marts 2026" in chart.render().plain
        )
        await pilot.press("c")
        await pilot.pause()
        text = app.screen.query_one(YearCalendar).render().plain
        assert "mar  " in text and "Trivsel 4,0" in text
