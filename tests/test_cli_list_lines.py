"""A list prints an entry's line from its stored row (``EntryRow``) without
making it an ``Entry`` (a search of 1,000 hits spent a third of its time on
that): the line is the one the entry itself gives, for every kind of entry,
and ``list --search`` prints the same as it did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from conftest import Cli

from eftertanke.cli.render import entry_line
from eftertanke.domain import Entry, Section
from eftertanke.entry_row import EntryRow

WHEN = datetime(2026, 3, 14, 10, 50, tzinfo=timezone(timedelta(hours=1)))

ENTRIES = [
    Entry(kind="memo", body="Kaffeautomaten [@click=app.quit]x[/] og [/foo]", created=WHEN),
    Entry(kind="daily", title="Tavlemøde", body="godt", starred=True, themes=["Tryghed"], created=WHEN),
    Entry(
        kind="interview",
        interview="I03",
        sections=[Section(prompt_id="p1", prompt_text="Hvad?", answer="Svar\nanden linje")],
        themes=["A", "B"],
        created=datetime(2025, 12, 1, 23, 5, tzinfo=UTC),
    ),
    Entry(kind="memo", data_type="chronology", body="x" * 300, created=WHEN),
]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.kind + (e.data_type or ""))
def test_a_row_gives_the_entrys_line(entry: Entry, lang: str) -> None:
    assert entry_line(EntryRow(entry.to_dict()), lang) == entry_line(entry, lang)


def test_list_search_prints_the_lines_of_its_entries(cli: Cli) -> None:
    cli.ok("new", "-m", "Kaffeautomaten larmer [/foo]", "--kind", "daily")
    cli.ok("new", "-m", "Ingen kaffe her")
    out = cli.ok("list", "--search", "kaffeautomaten", "--lang", "en")
    assert out.count("\n") == 1 and "Kaffeautomaten larmer [/foo]" in out and "daily" in out
    ranked = cli.ok("list", "--search", "kaffeautomaten", "--rank", "--lang", "da")
    assert "Kaffeautomaten larmer [/foo]" in ranked and "dagligt" in ranked
