"""Interview appendix, theme and concept digests, JSON and CSV, and the names guard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from test_export_roundtrip import build_journal

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry, Excerpt
from eftertanke.export.report import concept_digest, interview_appendix, theme_digest, timestamp_key
from eftertanke.export.tables import excerpts_csv, json_export, ratings_csv
from eftertanke.store.journal import Journal


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli_group, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_appendix_holds_metadata_reflections_and_excerpts(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    interview = journal.get_interview("I03")
    text = interview_appendix(interview, journal.entries(), "da")
    for fact in (
        "| Funktion | plejeboligchef |",
        "| Niveau | leder |",
        "| Organisation | Ældre og Sundhed |",
        "| Dato | 14. mar. 2026 10:00 |",
        "| Form | Teams |",
        "| Varighed | 31 min. |",
    ):
        assert fact in text, fact
    assert text.index("## Refleksioner") < text.index("## Citater fra interviewet")
    assert "### 14. mar. 2026 10:50 · Refleksion efter I03 — tryghed" in text
    assert "*Skrevet 19 min. efter interviewet*" in text
    assert "#### Umiddelbare indtryk" in text  # prompts sit below the entry heading
    assert "# En H1 i brødteksten" in text  # the writer's own headings are kept
    excerpts = text.split("## Citater fra interviewet", 1)[1]
    assert excerpts.index("(I03, 9.45)") < excerpts.index("(I03, 1:02:10)")
    assert "> Man siger det ikke højt.\n>\n> Ikke her.\n>\n> (I03, 9.45)" in excerpts
    assert "memo om metode" not in text  # linked to I05, not I03
    english = interview_appendix(interview, journal.entries(), "en")
    assert "# Appendix: Interview I03 · plejeboligchef" in english
    assert "| Function title | plejeboligchef |" in english and "## Reflections" in english


def test_the_theme_digest_keeps_respondents_apart_from_the_writer(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    text = theme_digest(
        "psykologisk tryghed i små fora",
        journal.entries(),
        journal.interviews(),
        journal.themes(),
        "en",
    )
    assert text.startswith('---\ntitle: "Theme digest: Psykologisk tryghed i små fora"')
    assert "*Including the sub-themes: Farlig tavshed*" in text
    i03 = text.split("## Interview I03 · plejeboligchef", 1)[1].split("## Interview I05", 1)[0]
    said = i03.split("### What the respondent said", 1)[1].split(
        "### The writer's own reflections", 1
    )
    assert "(I03, 9.45)" in said[0] and "Man siger det ikke højt." in said[0]
    assert "Hun talte frit." not in said[0]
    own = said[1]
    assert "Hun talte frit." in own and "*about the respondent*" in own
    assert "Jeg nikkede for meget." in own and "*self-reflection*" in own and "*added later*" in own
    assert "*(I03, reflection after interview)*" in own
    assert "## Interview I05 · assisterende leder" in text and "Et memo om metode." in text
    assert "Energi: lav" not in text


def test_the_concept_digest_follows_themes_and_sections(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    text = concept_digest("drive", journal.entries(), journal.interviews(), journal.themes(), "da")
    assert "# Temaoversigt: Drivkraft og motivation" in text
    assert "(I03, 1:02:10)" in text  # through its entry's theme 'At lykkes sammen'
    assert "Spørgsmålet om kompetence blev ikke stillet." in text


def test_digest_and_appendix_from_the_command_line(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    for args in (
        ["--appendix", "i03"],
        ["--digest", "farlig tavshed"],
        ["--digest-concept", "safety"],
    ):
        out = tmp_path / f"{args[0].strip('-')}.md"
        code, stdout, _ = run(
            "--journal", str(journal.root), "export", "markdown", *args, "--out", str(out)
        )
        assert code == 0 and out.exists(), stdout
    code, _, _ = run(
        "--journal",
        str(journal.root),
        "export",
        "markdown",
        "--appendix",
        "I99",
        "--out",
        str(tmp_path / "x.md"),
    )
    assert code != 0 and not (tmp_path / "x.md").exists()


def test_timestamps_sort_as_times() -> None:
    assert sorted(["1:02:10", "9.45", "10.02", ""], key=timestamp_key) == [
        "9.45",
        "10.02",
        "1:02:10",
        "",
    ]


def test_json_is_lossless_and_stable(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    data = json_export(journal.entries(), journal.interviews(), journal.themes())
    assert data == json_export(
        list(reversed(journal.entries())), journal.interviews(), journal.themes()
    )
    parsed = json.loads(data)
    assert parsed["format"] == "eftertanke-export" and parsed["version"] == 1
    back = [Entry.from_dict(d).to_dict() for d in parsed["entries"]]
    assert back == [e.to_dict() for e in journal.entries()]
    assert len(parsed["interviews"]) == 2 and len(parsed["themes"]) == 3


def test_csv_tables(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    ratings = list(csv.reader(io.StringIO(ratings_csv(journal.entries()).decode())))
    assert ratings[0] == [
        "entry_id",
        "created",
        "date",
        "kind",
        "author",
        "interview",
        "energy",
        "demands",
        "resources",
        "safety",
        "wellbeing",
    ]
    assert [r[2] for r in ratings[1:]] == ["2026-03-14", "2026-06-01"]
    assert ratings[2][6:] == ["2", "5", "2", "4", "3"] and ratings[1][6:] == ["3", "", "", "2", ""]
    excerpts = list(
        csv.reader(io.StringIO(excerpts_csv(journal.entries(), journal.themes()).decode()))
    )
    assert excerpts[1][4:6] == ["(I03, 9.45)", "Man siger det ikke højt.\n\nIkke her."]
    assert excerpts[1][7:] == ["Farlig tavshed", "safety"]
    formula = Entry(
        kind="memo", body="x", excerpts=[Excerpt("I1", "", '=HYPERLINK("x")')]
    ).validate()
    cell = list(csv.reader(io.StringIO(excerpts_csv([formula], []).decode())))[1][5]
    assert cell == '\'=HYPERLINK("x")'
    code, _, _ = run(
        "--journal",
        str(journal.root),
        "export",
        "csv",
        "--table",
        "excerpts",
        "--out",
        str(tmp_path / "x.csv"),
    )
    assert code == 0 and (tmp_path / "x.csv").read_bytes() == excerpts_csv(
        journal.entries(), journal.themes()
    )


def test_exports_warn_about_real_names_and_redact_them(tmp_path: Path, isolated_env: Path) -> None:
    journal = build_journal(tmp_path / "j")
    Journal(journal.root).add_entry(Entry(kind="memo", body="Kirsten Holm sagde det højt."))
    key = tmp_path / "names.toml"
    key.write_text('[names]\n"Kirsten Holm" = "[kollega A]"\n', encoding="utf-8")
    (isolated_env / "config.toml").write_text(f'names_key = "{key}"\n', encoding="utf-8")
    code, _, stderr = run(
        "--journal",
        str(journal.root),
        "export",
        "markdown",
        "--one-file",
        "--out",
        str(tmp_path / "plain.md"),
    )
    assert code == 0 and "mention real names" in stderr and "Kirsten" not in stderr
    assert "Kirsten Holm" in (tmp_path / "plain.md").read_text()
    for kind, out in (("markdown", "r.md"), ("json", "r.json"), ("refi", "r.qdpx")):
        code, _, stderr = run(
            "--journal", str(journal.root), "export", kind, "--redact", "--out", str(tmp_path / out)
        )
        assert code == 0 and "mention real names" not in stderr
        assert (
            b"Kirsten" not in (tmp_path / out).read_bytes().replace(b"\x00", b"") or kind == "refi"
        )
    assert "[kollega A] sagde det højt." in (tmp_path / "r.md").read_text()


def test_redact_without_a_names_key_is_an_error(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    code, _, _ = run(
        "--journal",
        str(journal.root),
        "export",
        "markdown",
        "--redact",
        "--out",
        str(tmp_path / "r.md"),
    )
    assert code != 0 and not (tmp_path / "r.md").exists()
