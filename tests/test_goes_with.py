"""What goes with good and bad days, on a hand-built series whose counts are
worked out by hand below (analysis/goes_with.py)."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from eftertanke.analysis.goes_with import CONCEPT, INTERVIEW, THEME, goes_with, named_in_answers
from eftertanke.cli import main

D1, D2, D3, D4, D5 = (date(2026, 3, d) for d in (2, 3, 4, 5, 6))
THEMES = {"Tavshed": "safety", "Sparring": "wellbeing", "Fællesskab": "drive"}


def doc(day: date, kind: str = "daily", hour: int = 20, **fields: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "created": f"{day.isoformat()}T{hour:02d}:00:00+01:00",
        "deleted": None,
        **fields,
    }


def answer(prompt: str, text: str) -> dict[str, Any]:
    return {"prompt_id": prompt, "answer": text}


SERIES = [
    # D1: an interview day; a low day, coded with Tavshed on the "took energy" answer.
    doc(D1, ratings={"wellbeing": 2, "energy": 2, "demands": 5, "resources": 2},
        sections=[answer("energy-took", "Mødet med direktionen. Igen møder uden pause."),
                  answer("energy-gave", "Teamet og kaffen.")],
        codings=[{"section": "energy-took", "themes": ["Tavshed"], "start": 0, "end": 5}]),
    # D2: two check-ins, 4 and 2: the day's well-being is 3 (a day counts once).
    doc(D2, hour=9, ratings={"wellbeing": 4, "energy": 4},
        sections=[answer("energy-gave", "Teamet! Et godt møde med teamet.")]),
    doc(D2, hour=21, ratings={"wellbeing": 2, "energy": 3}),
    # D3: tagged with the concept safety; a good day.
    doc(D3, ratings={"wellbeing": 5, "energy": 5, "demands": 2, "resources": 4},
        concepts=["safety"], sections=[answer("energy-gave", "Sparring med kollegaen")],
        themes=["Sparring"]),
    # D4: a memo names Tavshed (an excerpt); the check-in is low.
    doc(D4, kind="memo", body="Om tavshed", excerpts=[{"themes": ["Tavshed"], "text": "…"}]),
    doc(D4, ratings={"wellbeing": 1, "energy": 1},
        sections=[answer("energy-took", "Møder, møder og direktionen."),
                  answer("energy-gave", "   ")]),
    # D5: no ratings at all: not a rated day, whatever it names.
    doc(D5, kind="memo", body="x", themes=["Fællesskab"], concepts=["drive"]),
    # Trashed entries count for nothing.
    doc(D3, kind="memo", body="x", themes=["Fællesskab"], deleted="2026-03-05T10:00:00+01:00"),
    doc(D5, ratings={"wellbeing": 5}, deleted="2026-03-07T10:00:00+01:00"),
]  # fmt: skip


@pytest.fixture
def result():  # type: ignore[no-untyped-def]
    return goes_with(SERIES, THEMES, [("I01", D1), ("I09", date(2026, 4, 1))])


def find(result, kind: str, name: str = ""):  # type: ignore[no-untyped-def]
    return next(c for c in result.comparisons if c.kind == kind and c.name == name)


def test_rated_days_count_once_each(result) -> None:  # type: ignore[no-untyped-def]
    assert result.rated_days == 4  # D1–D4; D5's only check-in is trashed


def test_interview_days_against_the_other_days(result) -> None:  # type: ignore[no-untyped-def]
    c = find(result, INTERVIEW)
    assert (c.inside.days, c.outside.days) == (1, 3)
    assert c.inside.means["wellbeing"] == 2
    assert c.outside.means["wellbeing"] == pytest.approx((3 + 5 + 1) / 3)
    assert c.outside.means["energy"] == pytest.approx((3.5 + 5 + 1) / 3)
    # demands is rated on D1 and D3 only: one day on each side.
    assert (c.inside.counts["demands"], c.outside.counts["demands"]) == (1, 1)
    assert c.difference("balance") == pytest.approx((2 - 5) - (4 - 2))
    assert c.few  # under three days on a side


def test_a_concepts_days_include_its_themes_but_not_its_prompts(result) -> None:  # type: ignore[no-untyped-def]
    safety = find(result, CONCEPT, "safety")
    # D1 (Tavshed on a passage), D3 (tagged), D4 (Tavshed in an excerpt of a memo).
    assert (safety.inside.days, safety.outside.days) == (3, 1)
    assert safety.inside.means["wellbeing"] == pytest.approx((2 + 5 + 1) / 3)
    assert safety.outside.means["wellbeing"] == 3
    wellbeing = find(result, CONCEPT, "wellbeing")  # Sparring on D3
    assert (wellbeing.inside.days, wellbeing.outside.days) == (1, 3)
    # drive is named only on D5 (no rating) and by a trashed entry: no comparison.
    assert not [c for c in result.comparisons if c.name in ("drive", "frames")]


def test_each_themes_days(result) -> None:  # type: ignore[no-untyped-def]
    themes = [c for c in result.comparisons if c.kind == THEME]
    assert [c.name for c in themes] == ["Tavshed", "Sparring"]  # most rated days first
    tavshed = themes[0]
    assert tavshed.concept == "safety"
    assert (tavshed.inside.days, tavshed.outside.days) == (2, 2)
    assert tavshed.inside.means["wellbeing"] == pytest.approx(1.5)
    assert tavshed.outside.means["wellbeing"] == pytest.approx(4)
    assert tavshed.difference("wellbeing") == pytest.approx(-2.5)
    assert tavshed.inside.means["safety"] is None  # nobody rated safety


def test_what_the_energy_answers_name(result) -> None:  # type: ignore[no-untyped-def]
    gave, took = result.energy
    assert (gave.prompt, gave.answers) == ("energy-gave", 3)  # the blank one is no answer
    # "teamet" twice in one answer counts once; "og", "med", "et" are common words.
    assert gave.words == [
        ("teamet", 2), ("kaffen", 1), ("kollegaen", 1), ("møde", 1), ("sparring", 1)
    ]  # fmt: skip
    assert (took.prompt, took.answers) == ("energy-took", 2)
    assert took.words == [("direktionen", 2), ("møder", 2), ("mødet", 1), ("pause", 1)]
    assert took.themes == [("Tavshed", 1)] and gave.themes == []


def test_top_limits_the_words() -> None:
    gave, _took = named_in_answers(SERIES, top=2)
    assert gave.words == [("teamet", 2), ("kaffen", 1)]


def test_an_empty_journal() -> None:
    result = goes_with([], THEMES)
    assert result.is_empty and result.comparisons == []
    assert [e.answers for e in result.energy] == [0, 0]


def test_json_keeps_the_counts(result) -> None:  # type: ignore[no-untyped-def]
    data = result.to_json()
    first = data["comparisons"][0]
    assert first["kind"] == "interview"
    assert first["with"]["days"] == 1 and first["without"]["days"] == 3
    assert first["with"]["days_rated"]["demands"] == 1
    assert data["energy"][1]["words"][0] == {"word": "direktionen", "answers": 2}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(["--journal", str(root), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def test_the_command_on_the_demo_journal(tmp_path: Path) -> None:
    import shutil

    demo = Path(__file__).resolve().parent.parent / "journals" / "demo"
    root = shutil.copytree(demo, tmp_path / "demo")
    code, out, err = run(root, "--lang", "en", "analyse", "goes-with", "--json")
    assert code == 0, err
    data = orjson.loads(out)
    assert data["rated_days"] > 20
    interview = data["comparisons"][0]
    assert interview["kind"] == "interview"
    assert interview["with"]["days"] + interview["without"]["days"] == data["rated_days"]
    code, out, _ = run(root, "--lang", "da", "analyse", "goes-with")
    assert code == 0
    assert "Interviewdage" in out and "ikke årsager" in out
    code, text, _ = run(root, "--lang", "en", "analyse", "goes-with", "--format", "csv")
    assert code == 0 and text.splitlines()[0].startswith("kind,name")


def test_the_analysis_tab_on_the_demo_journal(tmp_path: Path) -> None:
    """Key 6 shows the comparison table and what the energy answers name."""
    import asyncio
    import shutil

    from textual.widgets import DataTable, Static, TabbedContent

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.screens.analysis import AnalysisScreen

    demo = Path(__file__).resolve().parent.parent / "journals" / "demo"
    root = shutil.copytree(demo, tmp_path / "demo")
    app = EftertankeApp(Journal(root, author="t"), lang="da", remember=False)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AnalysisScreen) and screen.goes_with is not None
            await pilot.press("6")
            await pilot.pause()
            assert screen.query_one(TabbedContent).active == "goeswith"
            table = screen.query_one("#goeswith-table", DataTable)
            assert table.has_focus
            first = [cell.plain for cell in table.get_row_at(0)]
            interview = screen.goes_with.comparisons[0]
            assert first[0] == "Interviewdage"
            assert first[1].startswith(f"{interview.inside.days} / {interview.outside.days}")
            headers = [c.label.plain for c in table.columns.values()]
            assert headers[2:5] == ["Trivsel", "Energi", "Balance"]
            note = str(screen.query_one("#goeswith-note", Static).render())
            assert "ikke årsager" in note
            energy = str(screen.query_one("#goeswith-energy", Static).render())
            assert "Hvad gav energi" in energy and "Hvad tog energi" in energy

    asyncio.run(run())


def test_the_analysis_tab_on_an_empty_journal(tmp_path: Path) -> None:
    import asyncio

    from textual.widgets import Static

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp

    app = EftertankeApp(Journal(tmp_path / "empty", author="t"), lang="en", remember=False)

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("6")
            await pilot.pause()
            screen = app.screen
            empty = screen.query_one("#goeswith-empty", Static)
            assert empty.display and "No rated check-ins yet" in str(empty.render())
            assert not screen.query_one("#goeswith-table").display
            energy = str(screen.query_one("#goeswith-energy", Static).render())
            assert "No answers to the energy questions yet." in energy

    asyncio.run(run())


def test_the_report_has_the_comparison_and_its_rule() -> None:
    from datetime import datetime

    from eftertanke.analysis.report import analyse_all, build_report
    from eftertanke.domain import Interview, Theme

    interviews = [Interview("I01", date=datetime(2026, 3, 2, 10, 0, tzinfo=UTC))]
    themes = [Theme(name, concept) for name, concept in THEMES.items()]
    # The other views need ids; this one does not.
    result = analyse_all([{**d, "id": f"e{n}"} for n, d in enumerate(SERIES)], themes, interviews)
    assert result.goes_with is not None
    assert find(result.goes_with, INTERVIEW).inside.days == 1
    english = build_report(result, "en")
    assert "## What goes with good and bad days" in english
    assert "## What the energy answers name" in english
    assert "**What goes with good and bad days** sets" in english
    danish = build_report(result, "da")
    assert "## Hvad følger med gode og dårlige dage" in danish and "| **Interviewdage** |" in danish
