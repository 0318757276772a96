"""The data corpus by data type (issue 20): ``analyse data-types`` and the
methods appendix's table of reflections, check-ins, memos and self-as-data."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import Cli

from eftertanke.analysis.data_types import corpus
from eftertanke.domain import Entry
from eftertanke.export.methods_corpus import corpus_lines

TZ = ZoneInfo("Europe/Copenhagen")


def entries() -> list[Entry]:
    def on(y: int, m: int, d: int) -> datetime:
        return datetime(y, m, d, 12, tzinfo=TZ)

    return [
        Entry(kind="memo", body="Jeg blev leder", data_type="chronology", created=on(2019, 8, 1)),
        Entry(kind="memo", body="Mail om tilsyn og besparelser", data_type="chronology",
              created=on(2026, 2, 25)),
        Entry(kind="memo", body="Ordentlighed\nNærvær", data_type="inventory", created=on(2026, 3, 4)),
        Entry(kind="memo", body="Et memo", created=on(2026, 3, 5)),
        Entry(kind="daily", body="Godt", created=on(2026, 3, 6)),
        Entry(kind="memo", body="Slettet", data_type="inventory", created=on(2026, 3, 7),
              deleted=on(2026, 3, 8)),
    ]  # fmt: skip


def test_corpus_counts_each_kind_and_data_type_leaving_the_trash_out() -> None:
    rows = {r.category: r for r in corpus(e.to_dict() for e in entries())}
    assert list(rows) == ["daily", "memo", "chronology", "inventory"]
    assert rows["chronology"].entries == 2 and rows["chronology"].words == 8
    assert rows["chronology"].first.isoformat() == "2019-08-01"  # the event's date
    assert rows["inventory"].entries == 1 and rows["memo"].entries == 1


def test_the_methods_appendix_lists_the_corpus_by_data_type_in_danish() -> None:
    text = "\n".join(corpus_lines(entries(), "da"))
    assert text.startswith("## Datamaterialet efter datatype")
    assert (
        "| Selvdata: kronologi (livsbegivenheder) | 2 | 8 | 1. aug. 2019 – 25. feb. 2026 |" in text
    )
    assert "Selvdata i alt: 3 indlæg." in text


def test_analyse_data_types_on_the_command_line(cli: Cli) -> None:
    cli.ok("new", "-m", "Et memo")
    cli.ok("new", "--kind", "daily", "-m", "En dag")
    data = json.loads(cli.ok("analyse", "data-types", "--json"))
    assert [(r["category"], r["entries"]) for r in data] == [("daily", 1), ("memo", 1)]
    assert "Self-as-data in all: 0 entries." in cli.ok("--lang", "en", "analyse", "data-types")
