"""The analysis computations on a small hand-built journal whose answers are known.

The journal (see ``docs()``), with words counted by hand:

* A, reflection on I01, themes Silence (safety) + Pressure (frames); sections
  impressions/respondent (3 words), emotions/self (2), q-safety/respondent (4),
  q-drive/respondent (2), own-role/method (3, added later), one empty answer;
  excerpts (I01, 9.45) [Silence] and (I01, 12.00) [Silence, Energy];
  written 11:00, the interview ended 10:30.
* B, reflection on I02, theme Pressure; emotions/self (6), q-frames/respondent (2);
  excerpt (I02, 5.00) [Pressure, Sparring]; written 15 minutes after (recorded).
* C, memo on I01, concept wellbeing, theme Sparring, body of 4 words.
* D, E: dailies on Monday 2 March 2026 with ratings, themes Silence+Pressure and
  Pressure+Silence+Energy; F: a daily on Tuesday 10 March; G: deleted (ignored).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from eftertanke.analysis import tables
from eftertanke.analysis.balance import reflexive_balance
from eftertanke.analysis.chart import wellbeing_svg
from eftertanke.analysis.coded import EXCERPT, WHOLE
from eftertanke.analysis.common import passages, theme_concepts
from eftertanke.analysis.cooccurrence import theme_cooccurrence
from eftertanke.analysis.coverage import REFLECTIONS, concept_coverage
from eftertanke.analysis.matrix import Cell, CellRef, theme_matrix
from eftertanke.analysis.render import md_escape, sparkline, to_csv, to_markdown, to_plain
from eftertanke.analysis.report import analyse_all, build_report, write_report
from eftertanke.analysis.timeline import timeline
from eftertanke.analysis.wellbeing import rated_days
from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme

CPH = timezone(timedelta(hours=1))
THEMES = [
    Theme(name="Silence", concept="safety"),
    Theme(name="Pressure", concept="frames"),
    Theme(name="Energy", concept="drive"),
    Theme(name="Sparring", concept="wellbeing"),
]
CONCEPTS_OF = theme_concepts(THEMES)
INTERVIEWS = [
    Interview(code="I01", date=datetime(2026, 3, 2, 10, 0, tzinfo=CPH), duration_minutes=30),
    Interview(code="I02", date=datetime(2026, 3, 4, 9, 0, tzinfo=CPH), duration_minutes=60),
    Interview(code="I03"),
]
CODES = [i.code for i in INTERVIEWS]
ENDS = {i.code: i.ended for i in INTERVIEWS if i.ended}


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=CPH)


def section(
    pid: str, answer: str, concept: str | None, orientation: str | None, later: bool = False
) -> Section:
    return Section(pid, pid, answer, concept, orientation, later)


def docs() -> list[dict]:
    a = Entry(
        id="00000000-0000-4000-8000-00000000000a",
        kind="interview",
        title="After I01",
        interview="I01",
        themes=["Silence", "Pressure"],
        sections=[
            section("impressions", "one two three", None, "respondent"),
            section("emotions", "four five", None, "self"),
            section("q-safety", "a b c d", "safety", "respondent"),
            section("q-drive", "x y", "drive", "respondent"),
            section("own-role", "m n o", None, "method", later=True),
            section("leads", "   ", None, "method"),
        ],
        excerpts=[
            Excerpt("I01", "9.45", "quote one", ["Silence"]),
            Excerpt("I01", "12.00", "quote two", ["Silence", "Energy"]),
        ],
        created=at(2, 11),
    )
    b = Entry(
        id="00000000-0000-4000-8000-00000000000b",
        kind="interview",
        title="After I02",
        interview="I02",
        themes=["Pressure"],
        sections=[
            section("emotions", "1 2 3 4 5 6", None, "self"),
            section("q-frames", "p q", "frames", "respondent"),
        ],
        excerpts=[Excerpt("I02", "5.00", "quote three", ["Pressure", "Sparring"])],
        written_after_minutes=15,
        created=at(4, 12),
    )
    c = Entry(
        id="00000000-0000-4000-8000-00000000000c",
        kind="memo",
        interview="I01",
        body="memo words here now",
        concepts=["wellbeing"],
        themes=["Sparring"],
        created=at(5, 9),
    )
    d = Entry(
        id="00000000-0000-4000-8000-00000000000d",
        kind="daily",
        body="day",
        themes=["Silence", "Pressure"],
        ratings={"energy": 4, "demands": 3, "resources": 2, "safety": 4, "wellbeing": 3},
        created=at(2, 18),
    )
    e = Entry(
        id="00000000-0000-4000-8000-00000000000e",
        kind="daily",
        body="evening",
        themes=["Pressure", "Silence", "Energy"],
        ratings={"energy": 2, "demands": 5, "resources": 2, "wellbeing": 2},
        created=at(2, 20),
    )
    f = Entry(
        id="00000000-0000-4000-8000-00000000000f",
        kind="daily",
        body="good day",
        ratings={"energy": 5, "demands": 1, "resources": 5, "safety": 5, "wellbeing": 5},
        created=at(10, 8),
    )
    g = Entry(
        id="00000000-0000-4000-8000-000000000010",
        kind="interview",
        interview="I01",
        body="deleted words",
        themes=["Silence"],
        excerpts=[Excerpt("I01", "1.00", "gone", ["Silence", "Energy"])],
        ratings={"energy": 1},
        created=at(3, 9),
        deleted=at(3, 10),
    )
    return [x.validate().to_dict() for x in (a, b, c, d, e, f, g)]


A, B, C = (f"00000000-0000-4000-8000-00000000000{x}" for x in "abc")


# -- passages -------------------------------------------------------------------------


def test_passages_are_non_empty_answers_then_the_body() -> None:
    a, _, c, *_ = docs()
    found = passages(a)
    assert [p.index for p in found] == [0, 1, 2, 3, 4]  # the blank answer is no passage
    assert found[2].concepts == ("safety",) and found[0].concepts == ()
    assert found[4].added_later is True
    (body,) = passages(c)
    assert body.index == -1 and body.concepts == ("wellbeing",)


# -- matrix ---------------------------------------------------------------------------


def test_matrix_counts_excerpts_and_whole_entry_codings_apart() -> None:
    """The journal has no passage codings: its themes code entries as a whole.

    Before passages were coded, a theme on an entry counted every answer of
    the entry as a passage of the theme (Silence in I01 was 2 excerpts and 4
    passages); now the entry is one whole-entry coding of each of its themes.
    """
    m = theme_matrix(docs(), CONCEPTS_OF, CODES)
    assert m.interviews == ["I01", "I02", "I03"]
    assert m.groups == [
        ("drive", ["Energy"]),
        ("frames", ["Pressure"]),
        ("safety", ["Silence"]),
        ("wellbeing", ["Sparring"]),
    ]
    cell = lambda t, i: (m.cell(t, i).excerpts, m.cell(t, i).whole, m.cell(t, i).reflection)  # noqa: E731
    assert cell("Silence", "I01") == (2, 1, 0)  # two excerpts; entry A as a whole
    assert cell("Pressure", "I01") == (0, 1, 0)
    assert cell("Pressure", "I02") == (1, 1, 0)
    assert cell("Energy", "I01") == (1, 0, 0)  # excerpt only: the entry is not tagged Energy
    assert cell("Sparring", "I01") == (0, 1, 0)  # the memo, as a whole
    assert cell("Sparring", "I02") == (1, 0, 0)
    assert cell("Silence", "I03") == (0, 0, 0)
    total = m.row_total("Pressure")
    assert (total.excerpts, total.whole) == (1, 2)
    # Distinct per concept and overall: I01 holds 2 excerpts and 2 entries (A, C) in all.
    assert m.concept_cell("safety", "I01").to_json() == only(excerpts=2, whole_entry=1)
    assert m.total_cell("I01").to_json() == only(excerpts=2, whole_entry=2)
    assert m.total_cell("I02").to_json() == only(excerpts=1, whole_entry=1)
    assert m.total_cell().to_json() == only(excerpts=3, whole_entry=3)


def only(**counts: int) -> dict[str, int]:
    return {**Cell().to_json(), **counts}


def test_matrix_cells_say_what_is_behind_them() -> None:
    m = theme_matrix(docs(), CONCEPTS_OF, CODES)
    assert m.items("Silence", "I01") == [
        CellRef(A, WHOLE),
        CellRef(A, EXCERPT, "", 0),
        CellRef(A, EXCERPT, "", 1),
    ]
    assert m.items("Sparring", "I01") == [CellRef(C, WHOLE)]
    assert len(m.items("Pressure")) == 3  # the whole row: A, B, and B's excerpt


def test_matrix_only_some_interviews_and_json() -> None:
    m = theme_matrix(docs(), CONCEPTS_OF, CODES, only=["I02"])
    assert m.interviews == ["I02"]
    assert m.themes == ["Pressure", "Sparring"]
    data = m.to_json()
    assert data["grand_total"] == only(excerpts=1, whole_entry=1)
    assert data["concepts"][0]["themes"][0]["cells"]["I02"] == only(excerpts=1, whole_entry=1)


def test_matrix_theme_outside_the_codebook_is_uncategorised() -> None:
    entry = Entry(kind="interview", interview="I09", themes=["New idea"], body="three words here")
    m = theme_matrix([entry.validate().to_dict()], CONCEPTS_OF, [])
    assert m.interviews == ["I09"]
    assert m.groups == [("", ["New idea"])]
    assert m.cell("New idea", "I09").whole == 1


# -- coverage -------------------------------------------------------------------------


def test_coverage_words_and_excerpts_per_concept() -> None:
    """Without passage codings no word is coded; whole entries and excerpts still
    touch their concepts (before, the prompts' concepts counted as coverage)."""
    cov = concept_coverage(docs(), CONCEPTS_OF, CODES)
    i01, i02, i03 = cov.rows
    assert i01.reflections == 2
    assert i01.reflection_words == 18  # 14 in the reflection, 4 in the memo
    assert i01.coded[REFLECTIONS] == {"drive": 0, "frames": 0, "safety": 0, "wellbeing": 0}
    assert i01.excerpts == {"drive": 1, "frames": 0, "safety": 2, "wellbeing": 0}
    assert i01.whole == {"drive": 0, "frames": 1, "safety": 1, "wellbeing": 1}
    assert i01.untouched == []
    assert not i01.has_transcript
    assert i02.excerpts == {"drive": 0, "frames": 1, "safety": 0, "wellbeing": 1}
    assert i02.untouched == ["drive", "safety"]
    assert not i03.has_material and i03.untouched == ["drive", "frames", "safety", "wellbeing"]
    assert [r.interview for r in cov.with_gaps] == ["I02", "I03"]


# -- co-occurrence ---------------------------------------------------------------------


def test_cooccurrence_strongest_pairs_first() -> None:
    """Whole-entry themes meet each other, as the entry's themes did before."""
    result = theme_cooccurrence(docs())
    assert result.units == 8
    got = [(p.first, p.second, p.whole, p.excerpts) for p in result.pairs]
    assert got == [
        ("Pressure", "Silence", 3, 0),
        ("Energy", "Silence", 1, 1),
        ("Energy", "Pressure", 1, 0),
        ("Pressure", "Sparring", 0, 1),
    ]
    assert [p.share for p in result.pairs] == pytest.approx([3 / 7, 2 / 5, 1 / 6, 1 / 6])
    assert len(theme_cooccurrence(docs(), top=2).pairs) == 2


# -- well-being over time ---------------------------------------------------------------


def test_timeline_by_day_and_week_with_balance() -> None:
    series = timeline(docs())
    assert series.days[0] == date(2026, 3, 2) and series.days[-1] == date(2026, 3, 10)
    assert len(series.days) == 9
    assert series.rated_entries == 3 and series.rated_days == 2
    assert series.daily["energy"][0] == 3.0  # (4 + 2) / 2
    assert series.daily["safety"][0] == 4.0  # only one of the two rated safety
    assert series.daily["balance"][0] == -2.0  # resources 2 - demands 4
    assert series.daily["energy"][1:8] == [None] * 7
    assert series.daily["balance"][8] == 4.0
    assert series.weeks == [date(2026, 3, 2), date(2026, 3, 9)]
    assert series.weekly["wellbeing"] == [2.5, 5.0]
    assert series.weekly["balance"] == [-2.0, 4.0]
    assert series.summary("energy")["mean"] == 4.0  # mean of the rated days: (3 + 5) / 2
    later = timeline(docs(), since=date(2026, 3, 3))
    assert later.days == [date(2026, 3, 10)] and later.weeks == [date(2026, 3, 9)]


def test_timeline_weeks_average_days_not_entries() -> None:
    base = datetime(2026, 3, 2, 8, tzinfo=CPH)  # a Monday
    rows = [
        Entry(kind="daily", ratings={"energy": 1}, created=base),
        Entry(kind="daily", ratings={"energy": 1}, created=base + timedelta(hours=2)),
        Entry(kind="daily", ratings={"energy": 5}, created=base + timedelta(days=1)),
    ]
    series = timeline([r.validate().to_dict() for r in rows])
    assert series.weekly["energy"] == [3.0]  # (1 + 5) / 2, not (1 + 1 + 5) / 3


def test_rated_days_leave_deleted_entries_out() -> None:
    means = rated_days(docs()).means
    assert means[date(2026, 3, 2)]["energy"] == 3.0
    assert date(2026, 3, 3) not in means  # the deleted entry's rating on the 3rd is ignored


# -- reflexive balance --------------------------------------------------------------------


def test_reflexive_balance_shares_flags_and_minutes() -> None:
    result = reflexive_balance(docs(), ENDS)
    a, b = result.rows
    assert (a.entry_id, b.entry_id) == (A, B)
    assert a.words == {"respondent": 9, "self": 2, "method": 3, "unspecified": 0}
    assert a.added_later_words == 3
    assert a.share("respondent") == pytest.approx(9 / 14)
    assert not a.self_heavy
    assert (a.minutes_after, a.minutes_source) == (30, "computed")
    assert b.words == {"respondent": 2, "self": 6, "method": 0, "unspecified": 0}
    assert b.self_heavy
    assert (b.minutes_after, b.minutes_source) == (15, "recorded")
    assert result.words == {"respondent": 11, "self": 8, "method": 3, "unspecified": 0}
    assert [r.entry_id for r in result.flagged] == [B]
    assert result.median_minutes == 22.5
    assert reflexive_balance(docs(), ENDS, only=["I02"]).rows[0].entry_id == B


# -- empty, no ratings, a single interview -------------------------------------------------


def test_every_view_says_so_on_an_empty_journal() -> None:
    result = analyse_all([], [], [])
    for table, expected in (
        (tables.matrix_table(result.matrix, "en"), "No interviews yet."),
        (tables.coverage_table(result.coverage, "en"), "No interviews yet."),
        (tables.cooccurrence_table(result.cooccurrence, "en"), "No themes appear together yet"),
        (tables.timeline_table(result.timeline, "en"), "No ratings in this period."),
        (tables.balance_table(result.balance, "en"), "No post-interview reflections yet."),
    ):
        assert not table.rows
        assert expected in to_plain(table)
        assert expected.split(":")[0] in to_markdown(table)
    assert wellbeing_svg(result.timeline, "en") == ""
    report = build_report(result, "da")
    assert "Ingen vurderinger i perioden." in report and "Ingen interviews endnu." in report


def test_without_ratings_the_timeline_says_so() -> None:
    no_ratings = [d for d in docs() if not d.get("ratings")]
    result = analyse_all(no_ratings, THEMES, INTERVIEWS)
    assert result.timeline.is_empty
    assert "No ratings in this period." in to_plain(tables.timeline_table(result.timeline, "en"))
    assert not result.matrix.is_empty


def test_a_single_interview_is_named_plainly() -> None:
    result = analyse_all(docs(), THEMES, INTERVIEWS, only=["I01"])
    assert result.matrix.interviews == ["I01"]
    text = to_plain(tables.matrix_table(result.matrix, "en"))
    assert "Only one interview (I01) so far" in text
    assert "Kun ét interview (I01)" in to_plain(tables.coverage_table(result.coverage, "da"))
    assert result.cooccurrence.units == 4  # entries A and C, and A's two excerpts (G is deleted)
    assert not result.timeline.is_empty  # ratings are not tied to interviews


# -- output ------------------------------------------------------------------------------


def test_plain_and_markdown_neutralise_stored_text() -> None:
    hostile = Entry(kind="interview", interview="I01", themes=["\x1b[31mRed|x"], body="w")
    m = theme_matrix([hostile.validate().to_dict()], {}, ["I01"])
    plain = to_plain(tables.matrix_table(m, "en"))
    assert "\x1b" not in plain and "␛[31mRed|x" in plain
    md = to_markdown(tables.matrix_table(m, "en"))
    assert "\x1b" not in md and "Red\\|x" in md
    assert md_escape("<script>") == "&lt;script&gt;"


def test_csv_is_long_and_defuses_formulas() -> None:
    m = theme_matrix(docs(), CONCEPTS_OF, CODES)
    lines = to_csv(tables.matrix_rows(m, "en")).splitlines()
    assert lines[0] == (
        "concept,theme,interview,reflection,whole_entry,transcript_respondent,"
        "transcript_interviewer,excerpts"
    )
    assert "safety,Silence,I01,0,1,0,0,2" in lines
    table = tables.cooccurrence_table(theme_cooccurrence(docs()), "en", csv=True)
    table.rows.append(["=cmd()", "+x", 1, 0, 0, 1, 0, 0.5])
    assert "'=cmd(),'+x" in to_csv(table)


def test_sparkline_text() -> None:
    assert sparkline([1.0, None, 5.0], 1.0, 5.0) == "▁ █"
    assert sparkline([]) == ""


def test_report_and_chart(tmp_path: Path) -> None:
    result = analyse_all(docs(), THEMES, INTERVIEWS)
    written = write_report(tmp_path / "report.md", result, "en", generated=at(12, 9))
    assert [p.name for p in written] == ["report.md", "report-wellbeing.svg"]
    text = written[0].read_text()
    for heading in ("# Analysis of the reflection journal", "## Themes × interviews",
                    "## Concept coverage by interview", "## Themes that appear together",
                    "## Well-being over time", "## Reflexive balance"):  # fmt: skip
        assert heading in text
    assert "![Well-being over time by week](report-wellbeing.svg)" in text
    assert "| **Psychological safety** | 2/0 \\[1\\] | · | · | 2/0 \\[1\\] |" in text
    assert "## How things are counted" in text and "**Whole-entry coding.**" in text
    svg = written[1].read_text()
    ET.fromstring(svg)  # well-formed
    assert svg == wellbeing_svg(result.timeline, "en")  # deterministic
    assert svg.count("<polyline") == 6  # five ratings and the balance, two weeks each
