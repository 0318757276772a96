"""Self-as-data packs after Chang (issue 20): chronology, inventory,
self-observation and self-reflection, each setting the entry's data type."""

from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import Cli
from test_cli import PtySession

from eftertanke.domain import DATA_TYPES
from eftertanke.guided import GuidedSession
from eftertanke.packs import PackError, load_builtin_packs, parse_pack

PACK = """\
id = "mine"
version = 1
kind = "{kind}"
data_type = "{data_type}"
title.da = "Min liste"
title.en = "My list"

[[prompts]]
id = "one"
concept = "none"
orientation = "self"
question.da = "Hvad?"
question.en = "What?"
"""


@pytest.mark.parametrize("data_type", DATA_TYPES)
def test_each_data_type_has_its_own_memo_pack_in_both_languages(data_type: str) -> None:
    pack = load_builtin_packs()[data_type]
    assert pack.data_type == data_type and pack.entry_kind == "memo"
    assert len(pack.prompts) >= 5
    for prompt in pack.prompts:
        assert prompt.question.da != prompt.question.en
        assert prompt.hint is not None and prompt.hint.da and prompt.hint.en


def test_the_other_packs_are_no_self_data() -> None:
    packs = load_builtin_packs()
    assert {p.data_type for k, p in packs.items() if k not in DATA_TYPES} == {None}


def test_a_user_pack_may_name_a_data_type() -> None:
    pack = parse_pack(PACK.format(kind="memo", data_type="inventory"), "mine.toml")
    assert pack.data_type == "inventory"


@pytest.mark.parametrize(
    ("kind", "data_type", "words"),
    [("memo", "diary", "unknown data_type 'diary'"), ("daily", "chronology", 'needs kind "memo"')],
)
def test_a_wrong_data_type_names_its_line(kind: str, data_type: str, words: str) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(PACK.format(kind=kind, data_type=data_type), "mine.toml")
    assert caught.value.line == 4 and words in caught.value.message


def test_a_finished_session_carries_the_packs_data_type() -> None:
    session = GuidedSession.start(load_builtin_packs()["self-observation"], language="da")
    session.answer("10.15 på kontoret")
    session.answer("Vagtplan for julen")
    entry = session.finish()
    assert entry.kind == "memo" and entry.pack == "self-observation"
    assert entry.data_type == "self-observation"


def test_new_pack_chronology_is_dated_with_at_and_listed_by_data_type(cli: Cli) -> None:
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(cli.journal), "new",
            "--pack", "chronology", "--at", "2019-03-01 09:00"]  # fmt: skip
    session = PtySession(argv, {**os.environ, "EFTERTANKE_LANG": "da", "TERM": "dumb"})
    session.expect("Hvad skete der?")
    session.send("Jeg blev leder af plejehjemmet.\n\n")
    for _ in range(12):  # blank answers skip the optional prompts to the end
        session.send("\n")
    assert session.finish() == 0, session.transcript.decode(errors="replace")
    cli.ok("new", "-m", "Et almindeligt memo")
    found = json.loads(cli.ok("list", "--data-type", "chronology", "--json"))
    assert [e["data_type"] for e in found] == ["chronology"]
    assert found[0]["kind"] == "memo" and found[0]["created"].startswith("2019-03-01T09:00")
    lines = cli.ok("list", "--lang", "da")
    assert "memo (kronologi)" in lines
    shown = cli.ok("show", found[0]["id"], "--lang", "en")
    assert "data type: chronology" in shown
    assert json.loads(cli.ok("list", "--data-type", "inventory", "--json")) == []


def test_an_unknown_data_type_is_a_usage_error(cli: Cli) -> None:
    result = cli("list", "--data-type", "diary")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_demo_journal_has_an_entry_of_each_data_type() -> None:
    from pathlib import Path

    import orjson

    entries = Path(__file__).resolve().parents[1] / "journals" / "demo" / "entries"
    found = {
        doc.get("data_type")
        for shard in entries.glob("*.json")
        for doc in orjson.loads(shard.read_bytes()).get("entries", {}).values()
    }
    assert set(DATA_TYPES) <= found


def test_exports_keep_the_data_type_and_markdown_brings_it_back(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eftertanke.domain import Entry
    from eftertanke.store.journal import Journal

    journal = Journal(cli.journal, author="Mette")
    journal.add_entry(Entry(kind="memo", body="Ordentlighed\nNærvær", data_type="inventory"))
    journal.add_entry(Entry(kind="memo", body="Et memo"))
    out = tmp_path / "export.json"
    cli.ok("export", "json", "--out", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))["entries"]
    assert sorted(e.get("data_type") or "" for e in exported) == ["", "inventory"]
    folder = tmp_path / "md"
    cli.ok("export", "markdown", "--out", str(folder))
    texts = [p.read_text(encoding="utf-8") for p in folder.glob("*.md")]
    assert sum('data_type: "inventory"' in text for text in texts) == 1
    target = Cli(tmp_path / "b")
    target.ok("import", "markdown", str(folder), "--yes")
    found = json.loads(target.ok("list", "--data-type", "inventory", "--json"))
    assert [e["body"] for e in found] == ["Ordentlighed\nNærvær"]
