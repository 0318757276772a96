"""The app's reflexivity instruments: layers of re-reading in the entry view
(``l`` adds one; the view shows them in order under the original, dated),
the Positionality view (the register's timeline across the interviews,
Enter shows the passages) and marking a selected passage in the coding
screen. Pilot tests, and Danish SVG snapshots of the layered entry view and
the timeline, on a journal built here at a fixed path."""

from __future__ import annotations

import asyncio
import functools
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import textual
from textual.widgets import DataTable, Input, Markdown, Static, TextArea

from eftertanke.domain import Entry, Interview, Section
from eftertanke.reflexivity import Layer, PositionMark
from eftertanke.services import positionality as ps
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp

pytestmark = pytest.mark.xdist_group("fixed-snapshot-journals")

JOURNAL = Path("/tmp/eftertanke-snapshots/layers")
TZ = timezone(timedelta(hours=1))
START = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)
I03_ANSWER = "Lederen sagde: vi siger det højt i gruppen, når noget går galt. Det overraskede mig."
LAYER_TEXT = "En måned senere: jeg ser nu, at jeg selv ventede, at trygheden kom fra lederen."


def build() -> tuple[Journal, dict[str, str]]:
    shutil.rmtree(JOURNAL, ignore_errors=True)
    journal = Journal(JOURNAL, author="Mette")
    for n, code in enumerate(("I01", "I02", "I03")):
        journal.add_interview(
            Interview(
                code, role="plejeboligchef", date=START + timedelta(days=7 * n), status="reflected"
            )
        )
    safety = ps.add_position(journal, "safety", "Trygheden kommer oppefra, fra lederen.", lang="da")
    drive = ps.add_position(journal, "drive", "Løn og status driver lederne mest.", lang="da")
    ps.add_position(journal, "wellbeing", "Trivsel er mest et spørgsmål om travlhed.", lang="da")
    ids: dict[str, str] = {"safety": safety.id, "drive": drive.id}
    answers = {
        "I01": "Hun bar trygheden alene som leder, og det kostede hende søvn.",
        "I02": "Meget om løn, lidt om mening. Motivationen lå i kollegerne.",
        "I03": I03_ANSWER,
    }
    marks = {
        "I01": [(safety.id, "confirmed", "bar trygheden alene", "")],
        "I02": [(drive.id, "challenged", "lå i kollegerne", "")],
        "I03": [
            (safety.id, "challenged", "vi siger det højt i gruppen",
             "Trygheden kom fra gruppen, ikke fra lederen."),
        ],
    }  # fmt: skip
    for n, (code, answer) in enumerate(answers.items()):
        written = START + timedelta(days=7 * n, hours=2)
        entry = Entry(
            kind="interview",
            pack="post-interview",
            interview=code,
            language="da",
            author="Mette",
            created=written,
            updated=written,
            written_after_minutes=120,
            sections=[Section("impressions", "Hvad er dit umiddelbare indtryk?", answer)],
        )
        for position, verdict, words, memo in marks[code]:
            at = answer.index(words)
            mark = PositionMark.of(
                answer, at, at + len(words), position, verdict, section="impressions", memo=memo
            )
            mark.created = written + timedelta(days=1)
            entry.position_marks.append(mark)
        if code == "I03":
            entry.layers = [
                Layer(LAYER_TEXT, written=written + timedelta(days=31), author="Mette"),
                Layer(
                    "Anden læsning: tavsheden i de store fora var også min.",
                    written=written + timedelta(days=70),
                    author="Mette",
                    section="impressions",
                ),
            ]
        ids[code] = journal.add_entry(entry).id
    return Journal(JOURNAL, author="Mette"), ids


def sync(test):  # type: ignore[no-untyped-def]
    """Run an async pilot test (the suite has no async plugin)."""

    @functools.wraps(test)
    def run(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def built() -> tuple[EftertankeApp, dict[str, str]]:
    journal, ids = build()
    return EftertankeApp(journal, lang="da", remember=False), ids


async def no_blink(pilot) -> None:  # type: ignore[no-untyped-def]
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


@sync
async def test_the_entry_view_shows_the_layers_in_order_under_the_original(built) -> None:  # type: ignore[no-untyped-def]
    app, ids = built
    async with app.run_test(size=(110, 40)) as pilot:
        app.open_entry(ids["I03"])
        await pilot.pause()
        source = app.screen.query_one("#entry-doc", Markdown).source
        assert source.index(I03_ANSWER) < source.index("## Genlæsningens lag")
        assert source.index(LAYER_TEXT) < source.index("Anden læsning")
        assert "### Lag 16. apr. 2026 12:00, skrevet 4 uger efter · Mette" in source


@sync
async def test_l_adds_a_layer_and_leaves_the_entry_as_it_was(built) -> None:  # type: ignore[no-untyped-def]
    app, ids = built
    before = app.journal.get_entry(ids["I01"])
    async with app.run_test(size=(110, 40)) as pilot:
        app.open_entry(ids["I01"])
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"Nu ser jeg det anderledes.")
        await pilot.press("ctrl+s")
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        source = app.screen.query_one("#entry-doc", Markdown).source
        assert "Nu ser jeg det anderledes." in source
    after = app.journal.get_entry(ids["I01"])
    assert [x.text for x in after.layers] == ["Nu ser jeg det anderledes."]
    assert after.sections[0].to_dict() == before.sections[0].to_dict()
    assert after.position_marks == before.position_marks


@sync
async def test_the_positionality_view_shows_the_timeline_and_the_passages(built) -> None:  # type: ignore[no-untyped-def]
    app, ids = built
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("a")  # from Analysis (Home's p goes there too)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        table = app.screen.query_one("#positions-table", DataTable)
        assert table.row_count == 3
        assert [str(c.label) for c in table.columns.values()][2:] == ["I01", "I02", "I03"]
        safety_row = [str(c) for c in table.get_row(ids["safety"])]
        assert safety_row[2:] == ["✓", "·", "✗"]
        table.move_cursor(row=table.get_row_index(ids["safety"]))
        await pilot.press("enter")
        await pilot.pause()
        detail = str(app.screen.query_one("#positions-detail", Static).render())
        assert (
            "I03" in detail and "✗ udfordret" in detail and "vi siger det højt i gruppen" in detail
        )
        assert detail.index("I01") < detail.index("I03")
        await pilot.press("o")
        await pilot.pause()
        assert getattr(app.screen, "entry_id", None) == ids["I01"]


@sync
async def test_a_selected_passage_is_marked_from_the_coding_screen(built) -> None:  # type: ignore[no-untyped-def]
    from eftertanke.tui.widgets.coded_text import CodedText

    app, ids = built
    async with app.run_test(size=(110, 40)) as pilot:
        app.open_entry(ids["I02"])
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        area = app.screen.query(CodedText).first()
        area.focus()
        start = area.source_text.index("Meget om løn")
        area.select_span(start, start + len("Meget om løn"))
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # the first of the register: drive
        await pilot.pause()
        await pilot.press("tab")
        await pilot.press("enter")  # ✓ confirmed
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
    marks = app.journal.get_entry(ids["I02"]).position_marks
    assert [(m.position, m.verdict, m.quote) for m in marks][-1] == (
        ids["drive"],
        "confirmed",
        "Meget om løn",
    )


# -- pictures ------------------------------------------------------------------------

snapshots = pytest.mark.skipif(
    textual.__version__ != "8.2.8", reason="the snapshots were drawn with Textual 8.2.8"
)


@snapshots
def test_layered_entry_view_danish(snap_compare, built) -> None:  # type: ignore[no-untyped-def]
    app, ids = built

    async def entry(pilot) -> None:  # type: ignore[no-untyped-def]
        app.open_entry(ids["I03"])
        await pilot.pause()
        await no_blink(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=entry)


@snapshots
def test_positionality_timeline_danish(snap_compare, built) -> None:  # type: ignore[no-untyped-def]
    app, ids = built

    async def timeline(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("p")
        await pilot.pause()
        table = app.screen.query_one("#positions-table", DataTable)
        table.move_cursor(row=table.get_row_index(ids["safety"]))
        await pilot.press("enter")
        await no_blink(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=timeline)
