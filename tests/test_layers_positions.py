"""Layered re-readings and the positionality register (issue 20), with
hand-built journals: a layer added a month later, shown in order after the
original and leaving it unchanged byte for byte; a pre-understanding
challenged by a passage of I03's reflection, on the timeline."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from eftertanke.domain import Entry, Interview, Section, ValidationError
from eftertanke.reflexivity import Layer, PositionMark, layers_in_order
from eftertanke.services import positionality as ps
from eftertanke.services.layers import add_layer
from eftertanke.services.merge.rules import resolve_entry
from eftertanke.services.writing import write_entry
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal

WRITTEN = datetime(2026, 3, 14, 12, 0).astimezone()
SAFETY = "I03 sagde: vi siger det højt, når noget går galt. Det var gruppen, ikke lederen."
_CHANGING = {"layers", "updated", "updated_by", "revision"}


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    journal = Journal(journal_dir, author="mette")
    for n, code in enumerate(("I01", "I02", "I03")):
        journal.add_interview(
            Interview(code, role="leder", date=WRITTEN - timedelta(days=20 - 7 * n), status="done")
        )
    return journal


def reflection(journal: Journal, code: str, answer: str) -> Entry:
    entry = Entry(
        kind="interview",
        pack="post-interview",
        created=WRITTEN,
        sections=[Section("safety", "Hvad så du om tryghed?", answer)],
    )
    return write_entry(journal, entry, interview=journal.get_interview(code))


def _stored(journal: Journal, ident: str) -> dict:
    return journal.get_entry(ident).to_dict()


def test_a_layer_a_month_later_leaves_the_original_byte_for_byte(journal: Journal) -> None:
    entry = reflection(journal, "I03", SAFETY)
    before = {k: v for k, v in _stored(journal, entry.id).items() if k not in _CHANGING}
    add_layer(
        journal,
        entry.id,
        "Nu ser jeg, at jeg spurgte som en leder.",
        when=WRITTEN + timedelta(days=31),
    )
    add_layer(
        journal, entry.id, "Anden læsning.", section="safety", when=WRITTEN + timedelta(days=60)
    )
    after = _stored(journal, entry.id)
    assert orjson.dumps({k: v for k, v in after.items() if k not in _CHANGING}) == orjson.dumps(
        before
    )
    views = layers_in_order(journal.get_entry(entry.id))
    assert [v.layer.text for v in views] == [
        "Nu ser jeg, at jeg spurgte som en leder.",
        "Anden læsning.",
    ]
    assert round(views[0].minutes_after) == 31 * 24 * 60
    assert views[1].section_text == "Hvad så du om tryghed?"
    assert all(v.layer.author == "mette" for v in views)


def test_an_entry_without_layers_keeps_its_stored_form() -> None:
    entry = Entry(body="x")
    assert "layers" not in entry.to_dict() and "position_marks" not in entry.to_dict()
    data = entry.to_dict()
    assert Entry.from_dict(data).to_dict() == data


def test_a_layer_needs_text_and_a_real_section(journal: Journal) -> None:
    entry = reflection(journal, "I03", SAFETY)
    with pytest.raises(ValidationError):
        add_layer(journal, entry.id, "   ")
    with pytest.raises(ValidationError, match="no answer to prompt"):
        add_layer(journal, entry.id, "x", section="nope")
    assert journal.get_entry(entry.id).layers == []


def test_a_pre_understanding_challenged_by_an_i03_passage(journal: Journal) -> None:
    confirmed_by = reflection(journal, "I01", "Lederen bar trygheden alene.")
    i03 = reflection(journal, "I03", SAFETY)
    reflection(journal, "I02", "Intet om tryghed.")
    position = ps.add_position(journal, "safety", "Trygheden kommer fra lederen.", lang="da")
    assert position.kind == "memo" and position.pack == "positionality"
    assert position.concepts == ["safety"]
    assert "psykologisk tryghed" in position.sections[0].prompt_text.lower()
    ps.add_position(journal, "drive", "Drivkraft er løn.")
    assert [p.concepts[0] for p in ps.register(journal)] == ["drive", "safety"]

    ps.mark_passage(journal, position.id[:8], confirmed_by.id, "confirmed", phrase="bar trygheden")
    _, mark = ps.mark_passage(
        journal, position.id, i03.id, "challenged", phrase="vi siger det højt", memo="gruppen"
    )
    assert mark.section == "safety" and mark.quote == "vi siger det højt"
    stored = journal.get_entry(i03.id)
    assert stored.sections[0].answer == SAFETY
    assert [m.id for m in stored.position_marks] == [mark.id]

    timeline = ps.load_timeline(journal)
    assert timeline.interviews == ["I01", "I02", "I03"]
    row = next(r for r in timeline.rows if r.position.id == position.id)
    assert row.verdicts("I01") == ["confirmed"]
    assert row.verdicts("I02") == []
    assert row.verdicts("I03") == ["challenged"]
    assert row.cells["I03"][0].mark.quote == "vi siger det højt"


def test_a_mark_follows_its_words_when_the_answer_is_edited(journal: Journal) -> None:
    i03 = reflection(journal, "I03", SAFETY)
    position = ps.add_position(journal, "safety", "Trygheden kommer fra lederen.")
    ps.mark_passage(journal, position.id, i03.id, "challenged", phrase="vi siger det højt")

    def edit(entry: Entry) -> None:
        entry.sections[0].answer = "Først: " + entry.sections[0].answer

    journal.modify_entry(i03.id, edit)
    mark = journal.get_entry(i03.id).position_marks[0]
    assert (
        journal.get_entry(i03.id).sections[0].answer[mark.start : mark.end] == "vi siger det højt"
    )
    assert mark.review == ""


def test_a_mark_is_refused_for_what_is_not_a_pre_understanding(journal: Journal) -> None:
    i03 = reflection(journal, "I03", SAFETY)
    other = reflection(journal, "I02", "Noget andet.")
    with pytest.raises(NotFoundError, match="not a pre-understanding"):
        ps.mark_passage(journal, other.id, i03.id, "challenged", phrase="vi siger")
    unlinked = write_entry(journal, Entry(kind="memo", body="Et memo uden interview."))
    position = ps.add_position(journal, "safety", "Tryghed.")
    with pytest.raises(ValidationError, match="not linked to an interview"):
        ps.mark_passage(journal, position.id, unlinked.id, "confirmed", phrase="memo")
    with pytest.raises(ValidationError):
        ps.mark_passage(journal, position.id, i03.id, "maybe", phrase="vi siger")
    assert journal.get_entry(i03.id).position_marks == []


def test_merge_keeps_the_layers_and_marks_of_both_sides_without_a_copy() -> None:
    base = Entry(kind="interview", body="Teksten.", created=WRITTEN)
    a, b = Entry.from_dict(base.to_dict()), Entry.from_dict(base.to_dict())
    a.layers.append(Layer("Lag A", written=WRITTEN + timedelta(days=3)))
    b.layers.append(Layer("Lag B", written=WRITTEN + timedelta(days=2)))
    b.position_marks.append(PositionMark.of(b.body, 0, 7, str(base.id), "confirmed"))
    b.body = "Teksten. Rettet."
    b.updated = WRITTEN + timedelta(days=4)
    kept, copy = resolve_entry(base.id, a.to_dict(), b.to_dict(), concurrent=False)
    assert copy is None
    assert sorted(x["text"] for x in kept["layers"]) == ["Lag A", "Lag B"]
    assert len(kept["position_marks"]) == 1
    again, _ = resolve_entry(base.id, kept, a.to_dict(), concurrent=False)
    assert again["layers"] == kept["layers"]


# -- the command line ------------------------------------------------------------------


def test_cli_layer_show_and_positions(cli, journal: Journal) -> None:  # type: ignore[no-untyped-def]
    i03 = reflection(journal, "I03", SAFETY)
    out = cli.ok("--lang", "en", "layer", "add", i03.id[:8], "-m", "What I see now.")
    assert "Layer added" in out
    cli.ok("layer", "add", i03.id[:8], input="Fra stdin.\n")
    shown = cli.ok("--lang", "en", "show", i03.id[:8])
    assert shown.index(SAFETY) < shown.index("What I see now.") < shown.index("Fra stdin.")
    assert "## Layer " in shown and "after" in shown.split("## Layer ")[1].splitlines()[0]
    assert cli("layer", "add", i03.id[:8], "-m", "  ").returncode == 1

    added = json.loads(
        cli.ok("position", "add", "--concept", "safety", "-m", "Fra lederen.", "--json")
    )
    listed = json.loads(cli.ok("position", "list", "--json"))
    assert [p["id"] for p in listed] == [added["id"]]
    usage = cli("position", "mark", added["id"][:8], "--entry", i03.id[:8], "--phrase", "vi siger")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    cli.ok("position", "mark", added["id"][:8], "--entry", i03.id[:8],
           "--phrase", "vi siger det højt", "--challenged")  # fmt: skip
    data = json.loads(cli.ok("position", "timeline", "--json"))
    assert [i["code"] for i in data["interviews"]] == ["I03"]
    assert data["positions"][0]["marks"][0]["verdict"] == "challenged"
    text = cli.ok("--lang", "da", "position", "timeline")
    assert "I03" in text and "✗ udfordret" in text and "vi siger det højt" in text
    missing = cli("position", "mark", added["id"][:8], "--entry", i03.id[:8],
                  "--phrase", "ikke der", "--confirmed")  # fmt: skip
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1


def test_purge_takes_the_layers_with_the_entry_and_proves_their_words_gone(
    journal: Journal, journal_dir: Path
) -> None:
    from eftertanke.services import purge as purging

    i03 = reflection(journal, "I03", SAFETY)
    position = ps.add_position(journal, "safety", "Trygheden kommer fra lederen.")
    ps.mark_passage(journal, position.id, i03.id, "challenged", phrase="vi siger det højt",
                    memo="Markeringens eget notat om gruppen")  # fmt: skip
    add_layer(journal, i03.id, "Et lag om vagtplanens skygge", when=WRITTEN + timedelta(days=31))
    plan = purging.plan_entries(journal, [i03.id])
    assert "Et lag om vagtplanens skygge" in plan.texts
    assert "Markeringens eget notat om gruppen" in plan.texts
    report = purging.purge(journal, plan)
    assert report.still_found == []
    found = [
        p for p in journal_dir.rglob("*") if p.is_file() and b"vagtplanens skygge" in p.read_bytes()
    ]
    assert found == []
    assert ps.load_timeline(Journal(journal_dir)).rows[0].cells == {}
