"""Interview appendix, theme and concept digests, JSON and CSV, and the names guard."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from test_export_roundtrip import build_journal

from eftertanke.citation import CitationStyle
from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry, Excerpt
from eftertanke.export.report import concept_digest, interview_appendix, theme_digest, timestamp_key
from eftertanke.export.tables import excerpts_csv, json_export, ratings_csv
from eftertanke.services.coding import ENTRY, TRANSCRIPT, code_phrase
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli_group, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_appendix_holds_metadata_reflections_and_excerpts(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j", coded=False)
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
    assert (
        "*Skrevet 19 min. efter interviewet · Henvisning: (I03, refleksion efter interview)*"
        in text
    )
    assert "#### Umiddelbare indtryk" in text  # prompts sit below the entry heading
    assert "# En H1 i brødteksten" in text  # the writer's own headings are kept
    excerpts = text.split("## Citater fra interviewet", 1)[1]
    assert excerpts.index("(I03, 9.45)") < excerpts.index("(I03, 1.02.10)")
    assert "> Man siger det ikke højt.\n>\n> Ikke her.\n>\n> (I03, 9.45)" in excerpts
    assert "memo om metode" not in text  # linked to I05, not I03
    english = interview_appendix(interview, journal.entries(), "en")
    assert "# Reflection after interview I03 · plejeboligchef" in english
    assert "| Function title | plejeboligchef |" in english and "## Reflections" in english


FIRST = "0b7e4a52-5d0c-4a39-9a51-3c2f7f0e9d11"  # the reflection after I03 in build_journal
TRYGHED = "Psykologisk tryghed i små fora"


def coded_journal(root: Path) -> Journal:
    """``build_journal`` with a transcript of I03 and coded passages:

    * the transcript: Anne (the interviewer) at 9.43 asks "Kan du sige mere om det?"
      (coded Tryghed), the plejeboligchef at 9.45 says "Man siger det ikke højt i det
      store forum." ("Man siger det ikke højt" coded Farlig tavshed, with a memo), and
      at 10.00 "Kirsten og jeg taler frit." (not coded);
    * the reflection: "Hun talte frit." (the impressions answer) coded Tryghed, and
      "Jeg nikkede for meget." (own role, added later) coded Farlig tavshed.

    The reflection also keeps its whole-entry themes (Farlig tavshed, At lykkes
    sammen), and the memo on I05 is coded Tryghed as a whole.
    """
    journal = build_journal(root, coded=False)
    transcript = journal.transcripts.add(
        Transcript(
            interview="I03",
            turns=[
                Turn("Anne", "Kan du sige mere om det?", 583.0),
                Turn("Plejeboligchef", "Man siger det ikke højt i det store forum.", 585.0),
                Turn("Plejeboligchef", "Kirsten og jeg taler frit.", 600.0),
            ],
            interviewers=["Anne"],
        )
    )
    code_phrase(journal, TRANSCRIPT, transcript.id, "Kan du sige mere om det?", [TRYGHED])
    code_phrase(journal, TRANSCRIPT, transcript.id, "Man siger det ikke højt", ["Farlig tavshed"],
                memo="Sagt lavt.")  # fmt: skip
    code_phrase(journal, ENTRY, FIRST, "Hun talte frit.", [TRYGHED])
    code_phrase(journal, ENTRY, FIRST, "Jeg nikkede for meget.", ["Farlig tavshed"])
    return journal


def test_the_theme_digest_quotes_coded_passages_with_their_citations(tmp_path: Path) -> None:
    journal = coded_journal(tmp_path / "j")
    text = theme_digest(TRYGHED, journal.entries(), journal.interviews(), journal.themes(), "en",
                        transcripts=journal.transcripts.all())  # fmt: skip
    assert text.startswith('---\ntitle: "Theme digest: Psykologisk tryghed i små fora"')
    assert "*Including the sub-themes: Farlig tavshed*" in text
    i03 = text.split("## Interview I03 · plejeboligchef", 1)[1].split("## Interview I05", 1)[0]
    parts = re.split(r"^### ", i03, flags=re.M)
    assert [p.split("\n", 1)[0] for p in parts[1:]] == [
        "What the respondent said",
        "The interviewer in the interview",
        "The writer's own reflections",
        "Coded as a whole",
    ]
    said, asked, own, whole = parts[1:]
    # The respondent's coded words, with speaker and time, then the excerpt at the same time.
    assert "**Plejeboligchef** · 9.45\n\n> Man siger det ikke højt\n>\n> (I03, 9.45)" in said
    assert "*Memo:* Sagt lavt." in said
    assert said.index("> Man siger det ikke højt\n") < said.index("> Man siger det ikke højt.")
    assert "Kirsten" not in text  # the uncoded turn is not quoted
    assert "**Anne** · 9.43\n\n> Kan du sige mere om det?\n>\n> (I03, 9.43)" in asked
    # The writer's coded passages: the prompt, the orientation, the reference; not the answer.
    assert (
        "**14 Mar 2026 10:50 · Refleksion efter I03 — tryghed** · Umiddelbare indtryk · "
        "*about the respondent*\n\n> Hun talte frit.\n>\n> (I03, reflection after interview)"
    ) in own
    assert "Men tøvende." not in text  # the rest of the answer is not reprinted
    assert "> Jeg nikkede for meget." in own and "*self-reflection* · *added later*" in own
    assert "Første indtryk" not in text  # nor the body: the entry is listed as a whole
    assert "- 14 Mar 2026 10:50 · Refleksion efter I03 — tryghed" in whole
    i05 = text.split("## Interview I05 · assisterende leder", 1)[1]
    assert "### Coded as a whole" in i05 and "Et memo om metode." not in i05
    assert "Energi: lav" not in text


def test_the_digest_without_transcripts_and_redacted(tmp_path: Path) -> None:
    journal = coded_journal(tmp_path / "j")
    entries, interviews, themes = journal.entries(), journal.interviews(), journal.themes()
    plain = theme_digest("Farlig tavshed", entries, interviews, themes, "da")
    assert "Hvad respondenten sagde" in plain and "> Man siger det ikke højt.\n" in plain
    assert "> Man siger det ikke højt\n" not in plain  # the transcript was not given
    docs = list(journal.raw_entries())  # stored dicts do as well as entries
    redacted = theme_digest(
        "Farlig tavshed",
        docs,
        interviews,
        themes,
        "da",
        transcripts=list(journal.transcripts.raw()),
        redact=lambda text: text.replace("Plejeboligchef", "[R1]").replace("nikkede", "[x]"),
    )
    assert "**\\[R1\\]** · 9.45" in redacted and "Plejeboligchef" not in redacted
    assert "> Jeg [x] for meget." in redacted  # a coding keeps its own words: redacted too
    assert "(I03, refleksion efter interview)" in redacted and "*Memo:* Sagt lavt." in redacted


def test_the_digest_cites_in_the_researchers_style(tmp_path: Path) -> None:
    journal = coded_journal(tmp_path / "j")
    numbered = [
        replace(i, appendix="7", reflection_appendix="5") if i.code == "I03" else i
        for i in journal.interviews()
    ]
    entries, themes, transcripts = journal.entries(), journal.themes(), journal.transcripts.all()
    text = theme_digest(TRYGHED, entries, numbered, themes, "da", transcripts=transcripts)
    assert "> Man siger det ikke højt\n>\n> (Bilag nr. 7, 9.45)" in text
    assert "> Kan du sige mere om det?\n>\n> (Bilag nr. 7, 9.43)" in text
    assert "> Hun talte frit.\n>\n> (Bilag nr. 5, refleksion efter interview)" in text
    assert "> (Bilag nr. 7, 1.02.10)" in text  # the excerpt's time as the thesis writes it
    assert "../../etc/passwd *(notat, 14.03.2026)*" in text  # a memo is cited as a memo
    style = CitationStyle.of("da", {"citation": {"transcript": "(Interview {code}, kl. {time})"}})
    own = theme_digest(TRYGHED, entries, numbered, themes, "da", transcripts=transcripts,
                       style=style)  # fmt: skip
    assert "> (Interview I03, kl. 9.45)" in own


def test_the_concept_digest_follows_coded_themes(tmp_path: Path) -> None:
    journal = coded_journal(tmp_path / "j")
    text = concept_digest("safety", journal.entries(), journal.interviews(), journal.themes(),
                          "da", transcripts=journal.transcripts.all())  # fmt: skip
    assert "# Temaoversigt: Psykologisk tryghed" in text
    assert "> Kan du sige mere om det?" in text and "> Hun talte frit." in text
    assert "### Intervieweren i interviewet" in text and "### Kodet som helhed" in text
    drive = concept_digest("drive", journal.entries(), journal.interviews(), journal.themes(), "da")
    assert "(I03, 1.02.10)" in drive  # the uncoded excerpt, through its entry's theme
    # The answer to the drive prompt is not coded: it is not quoted; the entry is listed.
    assert "Spørgsmålet om kompetence blev ikke stillet." not in drive
    assert "### Kodet som helhed" in drive


def test_digest_and_appendix_from_the_command_line(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j", coded=False)
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
    journal = build_journal(tmp_path / "j", coded=False)
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
    journal = build_journal(tmp_path / "j", coded=False)
    ratings = list(csv.reader(io.StringIO(ratings_csv(journal.entries()).decode())))
    assert ratings[0] == [
        "entry_id",
        "created",
        "created_utc",
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
    assert [r[3] for r in ratings[1:]] == ["2026-03-14", "2026-06-01"]
    assert ratings[2][7:] == ["2", "5", "2", "4", "3"] and ratings[1][7:] == ["3", "", "", "2", ""]
    excerpts = list(
        csv.reader(io.StringIO(excerpts_csv(journal.entries(), journal.themes()).decode()))
    )
    assert excerpts[1][4:8] == [
        "0:09:45", "585", "(I03, 9.45)", "Man siger det ikke højt.\n\nIkke her."
    ]  # fmt: skip
    assert excerpts[1][9:] == ["Farlig tavshed", "safety"]
    formula = Entry(
        kind="memo", body="x", excerpts=[Excerpt("I1", "", '=HYPERLINK("x")')]
    ).validate()
    cell = list(csv.reader(io.StringIO(excerpts_csv([formula], []).decode())))[1][7]
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
    journal = build_journal(tmp_path / "j", coded=False)
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
    assert code == 0 and "real names from the names key" in stderr and "Kirsten" not in stderr
    assert "Kirsten Holm" in (tmp_path / "plain.md").read_text()
    for kind, out in (("markdown", "r.md"), ("json", "r.json"), ("refi", "r.qdpx")):
        code, _, stderr = run(
            "--journal", str(journal.root), "export", kind, "--redact", "--out", str(tmp_path / out)
        )
        assert code == 0 and "real names from the names key" not in stderr
        assert (
            b"Kirsten" not in (tmp_path / out).read_bytes().replace(b"\x00", b"") or kind == "refi"
        )
    assert "[kollega A] sagde det højt." in (tmp_path / "r.md").read_text()


def test_redact_without_a_names_key_is_an_error(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j", coded=False)
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


def test_the_digest_from_the_command_line_quotes_transcripts_and_redacts_them(
    tmp_path: Path, isolated_env: Path
) -> None:
    journal = coded_journal(tmp_path / "j")
    transcript = journal.transcripts.for_interview("I03")
    assert transcript is not None
    code_phrase(journal, TRANSCRIPT, transcript.id, "Kirsten og jeg taler frit", [TRYGHED])
    out = tmp_path / "digest.md"
    args = ["--journal", str(journal.root), "--lang", "en", "export", "markdown"]
    code, stdout, _ = run(*args, "--digest", "farlig tavshed", "--out", str(out))
    assert code == 0, stdout
    assert "**Plejeboligchef** · 9.45\n\n> Man siger det ikke højt\n>\n> (I03, 9.45)" in (
        out.read_text()
    )
    key = tmp_path / "names.toml"
    key.write_text('[names]\n"Kirsten" = "[kollega A]"\n', encoding="utf-8")
    (isolated_env / "config.toml").write_text(f'names_key = "{key}"\n', encoding="utf-8")
    concept = tmp_path / "safety.md"
    code, stdout, _ = run(*args, "--digest-concept", "safety", "--redact", "--out", str(concept))
    assert code == 0, stdout
    text = concept.read_text()
    assert "> [kollega A] og jeg taler frit\n>\n> (I03, 10.00)" in text
    assert "Kirsten" not in text
