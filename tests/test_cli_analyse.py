"""``eftertanke analyse``: every view, every format, the filters, the report, empty journals."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import Cli, snapshot

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "journals" / "demo"
VIEWS = ("matrix", "coverage", "cooccurrence", "timeline", "balance")


@pytest.fixture
def demo(cli: Cli) -> Cli:
    shutil.copytree(DEMO, cli.journal)
    cli.ok("list", "-n", "1")  # the first open derives the manifest (local state)
    return cli


def test_matrix_on_the_demo(demo: Cli) -> None:
    out = demo.ok("--lang", "en", "analyse", "matrix")
    assert out.startswith("Themes × interviews")
    assert "Psychological safety" in out and "  Farlig tavshed" in out
    assert "I01" in out and "I06" in out
    data = json.loads(demo.ok("analyse", "matrix", "--format", "json"))
    assert data["interviews"] == ["I01", "I02", "I03", "I04", "I05", "I06"]
    assert [c["concept"] for c in data["concepts"]] == ["drive", "frames", "safety", "wellbeing"]
    safety = next(c for c in data["concepts"] if c["concept"] == "safety")
    silence = next(t for t in safety["themes"] if t["theme"] == "Tavshed opad i hierarkiet")
    assert set(silence["cells"]["I03"]) == {"reflection", "whole_entry", "transcript_respondent",
                                             "transcript_interviewer", "excerpts"}  # fmt: skip
    assert silence["cells"]["I03"]["excerpts"] == 2


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_every_format(demo: Cli, view: str) -> None:
    assert demo.ok("--lang", "da", "analyse", view).strip()
    markdown = demo.ok("--lang", "en", "analyse", view, "--format", "markdown")
    assert markdown.startswith("## ") and "|---" in markdown
    rows = list(csv.reader(io.StringIO(demo.ok("analyse", view, "--format", "csv"))))
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
    json.loads(demo.ok("analyse", view, "--format", "json"))


def test_danish_headings(demo: Cli) -> None:
    assert demo.ok("--lang", "da", "analyse", "coverage").startswith("Begrebsdækning pr. interview")
    out = demo.ok("--lang", "da", "analyse", "timeline", "--by", "day")
    assert "Trivsel over tid: pr. dag" in out and "Balance" in out
    # the strips are on the fixed scales, with a dot for each of the four days without a check-in
    balance = next(line for line in out.splitlines() if line.startswith("Balance "))
    assert balance.count("·") == 4


def test_filters_interviews_and_period(demo: Cli) -> None:
    data = json.loads(demo.ok("analyse", "matrix", "--interview", "I02", "--interview", "i03",
                              "--format", "json"))  # fmt: skip
    assert data["interviews"] == ["I02", "I03"]
    one = demo.ok("--lang", "en", "analyse", "coverage", "--interview", "I04")
    assert "Only one interview (I04) so far" in one
    weeks = json.loads(demo.ok("analyse", "timeline", "--from", "2026-03-09", "--to", "2026-03-15",
                               "--format", "json"))["weekly"]  # fmt: skip
    assert [w["week"] for w in weeks] == ["2026-W11"]
    rows = json.loads(demo.ok("analyse", "balance", "--from", "2026-03-10", "--format", "json"))
    assert [r["interview"] for r in rows["reflections"]] == ["I03", "I04", "I05"]
    pairs = json.loads(demo.ok("analyse", "cooccurrence", "--top", "3", "--format", "json"))[
        "pairs"
    ]
    assert len(pairs) == 3 and pairs[0]["count"] >= pairs[-1]["count"]


def test_unknown_interview_is_one_line_exit_1(demo: Cli) -> None:
    result = demo("analyse", "matrix", "--interview", "I99")
    assert result.returncode == 1 and "I99" in result.stderr and "Traceback" not in result.stderr
    assert demo("analyse", "matrix", "--format", "xml").returncode == 2


def test_report_writes_markdown_and_chart(demo: Cli, tmp_path: Path) -> None:
    before = snapshot(demo.journal)
    out = tmp_path / "analyse.md"
    printed = demo.ok("--lang", "en", "analyse", "report", "--out", str(out))
    chart = tmp_path / "analyse-wellbeing.svg"
    assert printed.split() == [str(out), str(chart)]
    text = out.read_text()
    assert text.startswith("# Analysis of the reflection journal")
    assert "![Well-being over time by week](analyse-wellbeing.svg)" in text
    assert "## Reflexive balance" in text and "Across the project" in text
    assert chart.read_text().startswith("<svg")
    again = demo("analyse", "report", "--out", str(out))
    assert again.returncode == 1 and "--force" in again.stderr
    demo.ok("--lang", "da", "analyse", "report", "--out", str(out), "--force", "--interview", "I01")
    assert "Interviews: I01." in out.read_text()
    assert snapshot(demo.journal) == before  # analysis only reads the journal
    assert demo.ok("analyse", "report").startswith("# ")  # without --out: to standard output


def test_empty_journal_says_so(cli: Cli) -> None:
    cli.journal.mkdir()  # an empty folder is an empty journal
    expected = {
        "matrix": "No interviews yet.",
        "coverage": "No interviews yet.",
        "cooccurrence": "No themes appear together yet",
        "timeline": "No ratings in this period.",
        "balance": "No post-interview reflections yet.",
    }
    for view, message in expected.items():
        assert message in cli.ok("--lang", "en", "analyse", view)
        assert message.split(":")[0] in cli.ok(
            "--lang", "en", "analyse", view, "--format", "markdown"
        )
        json.loads(cli.ok("analyse", view, "--format", "json"))
    assert "Ingen vurderinger i perioden." in cli.ok("--lang", "da", "analyse", "report")


def test_journal_without_ratings(cli: Cli) -> None:
    cli.ok("interview", "add", "I01", "--role", "leder")
    cli.ok("theme", "add", "Tavshed", "--concept", "safety")
    cli.ok("new", "--interview", "I01", "--theme", "Tavshed", "-m", "Hun talte om tavshed.")
    assert "No ratings in this period." in cli.ok("--lang", "en", "analyse", "timeline")
    matrix = cli.ok("--lang", "en", "analyse", "matrix")
    # the theme codes the entry as a whole: one whole-entry coding, no passage
    assert "Tavshed" in matrix and "[1]" in matrix and "Only one interview (I01)" in matrix


def test_hostile_theme_names_are_shown_not_obeyed(cli: Cli) -> None:
    cli.ok("interview", "add", "I01", "--role", "leder")
    cli.ok("theme", "add", "Red\x1b[31m alarm", "--concept", "safety")
    cli.ok("new", "--interview", "I01", "--theme", "Red\x1b[31m alarm", "-m", "tekst")
    out = cli.ok("--lang", "en", "analyse", "matrix")
    assert "\x1b" not in out and "␛[31m" in out


def coded_journal(cli: Cli) -> None:
    """I01 with a transcript and a reflection, each with coded passages; I02 with a reflection."""
    from eftertanke.services.coding import ENTRY, TRANSCRIPT, code_phrase
    from eftertanke.store.journal import Journal
    from eftertanke.transcript import Transcript, Turn

    cli.ok("interview", "add", "I01", "--role", "leder")
    cli.ok("interview", "add", "I02", "--role", "afdelingschef")
    cli.ok("theme", "add", "Tavshed", "--concept", "safety")
    cli.ok("theme", "add", "Tidspres", "--concept", "frames")
    first = cli.ok("new", "--interview", "I01", "-m", "Hun tav. Kalenderen var fuld.").strip()
    second = cli.ok("new", "--interview", "I02", "-m", "Han talte frit om tidspres.").strip()
    journal = Journal(cli.journal, author="t")
    transcript = journal.transcripts.add(
        Transcript(
            interview="I01",
            turns=[
                Turn("Anne", "Hvordan er trygheden?", 585.0),
                Turn("Leder", "Man siger ingenting i det store forum.", 590.0),
            ],
            interviewers=["Anne"],
        )
    )
    code_phrase(journal, TRANSCRIPT, transcript.id, "Man siger ingenting", ["Tavshed"])
    code_phrase(journal, TRANSCRIPT, transcript.id, "Hvordan er trygheden?", ["Tavshed"])
    code_phrase(journal, ENTRY, first, "Hun tav.", ["Tavshed"])
    code_phrase(journal, ENTRY, first, "Kalenderen var fuld.", ["Tidspres"])
    code_phrase(journal, ENTRY, second, "tidspres", ["Tidspres"])


def test_the_views_count_coded_passages_of_reflections_and_transcripts(cli: Cli) -> None:
    coded_journal(cli)
    data = json.loads(cli.ok("analyse", "matrix", "--format", "json"))
    themes = {t["theme"]: t for c in data["concepts"] for t in c["themes"]}
    assert themes["Tavshed"]["cells"]["I01"] == {
        "reflection": 1,
        "whole_entry": 0,
        "transcript_respondent": 1,
        "transcript_interviewer": 1,
        "excerpts": 0,
    }
    assert themes["Tidspres"]["total"]["reflection"] == 2
    table = cli.ok("--lang", "en", "analyse", "matrix")
    assert any(line.split()[:2] == ["Tavshed", "1/2"] for line in table.splitlines())
    # --interview chooses the transcripts too
    only = json.loads(cli.ok("analyse", "matrix", "--interview", "I02", "--format", "json"))
    assert only["interviews"] == ["I02"] and only["grand_total"]["transcript_respondent"] == 0
    # Tavshed and Tidspres are adjacent sentences of the first reflection: they meet once.
    pairs = json.loads(cli.ok("analyse", "cooccurrence", "--format", "json"))["pairs"]
    assert [(p["themes"], p["count"], p["reflection"]) for p in pairs] == [
        (["Tavshed", "Tidspres"], 1, 1)
    ]
    coverage = json.loads(cli.ok("analyse", "coverage", "--format", "json"))["interviews"]
    i01 = coverage[0]
    # "Hun tav." is 2 of the reflection's 5 words; 3 + 3 of the transcript's 10 words
    assert (i01["reflection_words"], i01["coded_words"]["reflections"]["safety"]) == (5, 2)
    assert (i01["transcript_words"], i01["coded_words"]["transcript"]["safety"]) == (10, 6)
    rows = list(csv.reader(io.StringIO(cli.ok("analyse", "coverage", "--format", "csv"))))
    assert rows[0][:3] == ["interview", "concept", "theme"]
    report = cli.ok("--lang", "da", "analyse", "report")
    assert "## Sådan tælles der" in report and "i samme eller næste tur" in report
    assert "3 kodede passager i refleksioner, 2 i transskriptioner" in report


def test_chart_as_svg_and_png(demo: Cli, tmp_path: Path) -> None:
    before = snapshot(demo.journal)
    svg = tmp_path / "chart.svg"
    assert demo.ok(
        "--lang", "da", "analyse", "chart", "--period", "month", "-o", str(svg)
    ).strip() == str(svg)
    text = svg.read_text()
    assert (
        text.startswith("<svg") and "pr. måned" in text and ">feb 2026<" in text and "I06<" in text
    )
    png = tmp_path / "chart.png"
    demo.ok("analyse", "chart", "--period", "day", "-o", str(png))
    assert png.read_bytes().startswith(b"\x89PNG")
    again = demo("analyse", "chart", "-o", str(png))
    assert again.returncode == 1 and "--force" in again.stderr
    forced = tmp_path / "forced"
    demo.ok("analyse", "chart", "--format", "png", "-o", str(forced))
    assert forced.read_bytes().startswith(b"\x89PNG")
    assert snapshot(demo.journal) == before


def test_chart_of_nothing_rated_is_one_clear_error(cli: Cli, tmp_path: Path) -> None:
    cli.ok("new", "-m", "no ratings here")
    result = cli("analyse", "chart", "-o", str(tmp_path / "c.svg"))
    assert result.returncode == 1 and "nothing rated" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "c.svg").exists()
