"""The methods appendix (``export methods``): hand-built journals, the expected
lines written out in Danish and English, and the Word document's headings."""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from click.testing import CliRunner

from eftertanke.citation import CitationStyle
from eftertanke.cli import cli as cli_group
from eftertanke.codebook_log import CodebookEvent
from eftertanke.domain import Coding, Entry, Interview, Section, Theme
from eftertanke.export.methods import MethodsSources, methods_appendix
from eftertanke.packs.loader import load_builtin_packs
from eftertanke.store.journal import Journal

TZ = ZoneInfo("Europe/Copenhagen")
DEMO = Path(__file__).resolve().parents[1] / "journals" / "demo"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


SELF_ANSWER = "Jeg blev selv urolig og genkendte presset fra min egen hverdag."
RESPONDENT_ANSWER = "Hun talte om tavshed i ledergruppen i dag."


def interviews() -> list[Interview]:
    return [
        Interview(
            code="I01", role="plejehjemsleder", date=at("2026-03-03T10:00"),
            duration_minutes=30, reflection_appendix="9",
        ),
        Interview(code="I02", role="afdelingschef", date=at("2026-03-05T13:00")),
    ]  # fmt: skip


def reflection() -> Entry:
    return Entry(
        kind="interview",
        interview="I01",
        pack="post-interview",
        created=at("2026-03-03T10:43"),
        sections=[
            Section("impressions", "Indtryk?", RESPONDENT_ANSWER, orientation="respondent"),
            Section("emotions", "Følelser?", SELF_ANSWER, orientation="self"),
        ],
        codings=[
            Coding(0, 20, ["Farlig tavshed"], source="section", section="emotions",
                   quote="Jeg blev selv urolig"),
            Coding(12, 19, ["Farlig tavshed", "Pres"], source="section", section="impressions",
                   quote="tavshed"),
        ],
    )  # fmt: skip


def log() -> list[CodebookEvent]:
    return [
        CodebookEvent("added", "t1", "Tavshed", at=at("2026-03-01T09:00"), by="ane",
                      reason="fra I01", concept="safety"),
        CodebookEvent("renamed", "t1", "Tavshed", at=at("2026-03-04T08:40"), by="ane",
                      reason="mere præcist", new_name="Farlig tavshed"),
        CodebookEvent("added", "t2", "Pres", at=at("2026-03-04T09:00"), by="bo",
                      concept="frames"),
        CodebookEvent("deleted", "t3", "Tidspres", at=at("2026-03-06T20:15"), by="ane",
                      reason="ubrugt"),
    ]  # fmt: skip


def sources(lang: str, **changes: object) -> MethodsSources:
    values: dict[str, object] = dict(
        entries=[reflection(), Entry(kind="memo", body="Et memo.", created=at("2026-03-06T12:00"))],
        interviews=interviews(),
        themes=[
            Theme(name="Farlig tavshed", concept="safety", id="t1"),
            Theme(name="Pres", concept="frames", id="t2"),
            Theme(name="Ældre tema", concept="drive", id="t0"),
        ],
        log=log(),
        packs=load_builtin_packs(),
        style=CitationStyle.of(lang),
    )
    values.update(changes)
    return MethodsSources(**values)  # type: ignore[arg-type]


def lines(lang: str, **changes: object) -> list[str]:
    text = methods_appendix(sources(lang, **changes), lang, generated=at("2026-04-01T12:00"))
    return text.splitlines()


def test_the_methods_appendix_in_danish() -> None:
    out = lines("da")
    assert out[:5] == ["---", 'title: "Metodebilag"', 'language: "da"', "---", ""]
    for expected in [
        "# Metodebilag",
        "## Sådan blev refleksionerne til",
        "Journalen rummer 1 refleksion efter et interview, 0 daglige check-ins og 1 memo.",
        "### Refleksion efter interview",
        "Brugt til 1 indlæg (spørgeguiden `post-interview`). Dens spørgsmål, hvad hvert af dem "
        "spørger til, og hvor ofte det blev besvaret:",
        "1. Hvad er dine umiddelbare indtryk af samtalen? *(om respondenten)*: besvaret i 1 af 1",
        "2. Hvilke følelser vakte samtalen i dig – undervejs og lige nu? *(selvrefleksion)*: "
        "besvaret i 1 af 1",
        "1 indlæg blev skrevet frit, uden spørgeguide.",
        "## Hvornår refleksionerne blev skrevet",
        "| Interview | Afholdt | Refleksion skrevet | Efter interviewet |",
        "| I01 | 3. mar. 2026 | 3. mar. 2026 10:43 | 13 min. (beregnet) |",
        "Medianrefleksionen blev skrevet 13 min. efter sit interview.",
        "Der blev ikke skrevet en refleksion efter: I02.",
        "## Refleksiv balance pr. interview",
        "| Interview | Ord | Respondent | Selv | Metode | Uden orientering |",
        "| I01 (mest selv) | 19 | 8 (42 %) | 11 (58 %) | 0 (0 %) | 0 (0 %) |",
        "| **Hele projektet** | 19 | 8 (42 %) | 11 (58 %) | 0 (0 %) | 0 (0 %) |",
        "1 af 1 interview har mere skrivning om skribenten selv end om respondenten og "
        "metoden: I01.",
        "## Sådan ændrede kodebogen sig",
        "Kodebogen rummer nu 3 temaer under de fire begreber.",
        "Ændringsloggen rummer 4 ændringer fra 1. mar. 2026 til 6. mar. 2026: 2 tilføjet, "
        "1 omdøbt, 1 slettet.",
        "1 tema var i kodebogen, før dens ændringer blev registreret.",
        "- 1. mar. 2026 09:00 · ane: tilføjede “Tavshed” under Psykologisk tryghed. "
        "*Begrundelse:* fra I01",
        "- 4. mar. 2026 08:40 · ane: omdøbte “Tavshed” til “Farlig tavshed”. "
        "*Begrundelse:* mere præcist",
        "- 4. mar. 2026 09:00 · bo: tilføjede “Pres” under Organisatoriske rammer",
        "- 6. mar. 2026 20:15 · ane: slettede “Tidspres”. *Begrundelse:* ubrugt",
        "## Hvor skribentens egne erfaringer indgik i analysen",
        "- “Hvilke følelser vakte samtalen i dig – undervejs og lige nu?” "
        "(Refleksion efter interview)",
        "1 af refleksionernes 2 kodede passager (50 %) ligger i svar om skribentens egen "
        "oplevelse.",
        "| Tema | Kodede passager | Heraf om skribenten selv |",
        "| Farlig tavshed | 2 | 1 |",
        "### De kodede passager om skribenten selv, som de citeres",
        "- »Jeg blev selv urolig« (Bilag nr. 9, refleksion efter interview). *Farlig tavshed*",
    ]:
        assert expected in out, expected
    # The passage coded in an answer about the respondent is not the writer's own.
    assert not any("»tavshed«" in line for line in out)


def test_the_methods_appendix_in_english() -> None:
    out = lines("en")
    for expected in [
        "# Methods appendix",
        "The journal holds 1 reflection after an interview, 0 daily check-ins and 1 memo.",
        "1. What are your immediate impressions of the conversation? *(about the respondent)*: "
        "answered in 1 of 1",
        "| Interview | Held | Reflection written | After the interview |",
        "| I01 | 3 Mar 2026 | 3 Mar 2026 10:43 | 13 min (computed) |",
        "No reflection was written after: I02.",
        "| I01 (mostly self) | 19 | 8 (42%) | 11 (58%) | 0 (0%) | 0 (0%) |",
        "The change log holds 4 changes, from 1 Mar 2026 to 6 Mar 2026: 2 added, 1 renamed, "
        "1 deleted.",
        "- 4 Mar 2026 08:40 · ane: renamed “Tavshed” to “Farlig tavshed”. *Reason:* mere præcist",
        "1 of the 2 coded passages of the reflections (50%) lie in answers about the writer's "
        "own experience.",
        "| Farlig tavshed | 2 | 1 |",
    ]:
        assert expected in out, expected
    assert any(line.startswith("- »Jeg blev selv urolig« (") for line in out)


def test_a_recorded_time_wins_and_the_first_codebook_is_summed_up() -> None:
    entry = reflection()
    entry.written_after_minutes = 780
    starter = [
        CodebookEvent("added", f"s{i}", f"Tema {i}", at=at("2026-02-12T09:15"), by="ane",
                      concept="drive")
        for i in range(5)
    ]  # fmt: skip
    out = lines("da", entries=[entry], log=starter)
    assert "| I01 | 3. mar. 2026 | 3. mar. 2026 10:43 | 13 t |" in out
    assert "Ændringsloggen rummer 5 ændringer, alle den 12. feb. 2026: 5 tilføjet." in out
    assert (
        "- 12. feb. 2026 09:15 · ane: tilføjede 5 temaer på én gang: “Tema 0”, “Tema 1”, "
        "“Tema 2”, “Tema 3”, “Tema 4”"
    ) in out


def test_without_a_log_or_codings_it_says_so() -> None:
    plain = reflection()
    plain.codings = []
    out = lines("da", entries=[plain], log=[])
    assert "Journalen har endnu ingen registrering af kodebogens ændringer." in out
    assert "Ingen passager i refleksionerne er kodet endnu." in out
    out = lines("en", entries=[], log=[])
    assert out.count("No reflections after interviews yet.") == 2
    assert (
        "None of the prompt packs used has a prompt oriented to the writer, so no answer is "
        "counted as the writer's own experience."
    ) in out


def test_hostile_text_stays_text() -> None:
    entry = reflection()
    entry.codings[0].quote = "[@click=app.quit]x[/] **fed** | rør"
    out = "\n".join(lines("da", entries=[entry]))
    assert r"\[@click=app.quit\]x\[/\] \*\*fed\*\* \| rør" in out


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli_group, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_methods_from_a_journal_in_every_format(tmp_path: Path) -> None:
    root = tmp_path / "j"
    journal = Journal(root, author="ane")
    for interview in interviews():
        journal.add_interview(interview)
    journal.add_theme(Theme(name="Tavshed", concept="safety"), reason="fra I01")
    journal.add_theme(Theme(name="Pres", concept="frames"))
    journal.rename_theme("Tavshed", "Farlig tavshed", reason="mere præcist")
    journal.add_entry(reflection())
    journal.lock.release()
    base = ("--journal", str(root), "export", "methods")
    code, md, err = run(*base, "--lang", "da")
    assert code == 0, err
    assert "| I01 (mest selv) | 19 | 8 (42 %) | 11 (58 %) | 0 (0 %) | 0 (0 %) |" in md
    assert "omdøbte “Tavshed” til “Farlig tavshed”. *Begrundelse:* mere præcist" in md
    code, _out, err = run(*base, "--format", "docx", "--lang", "da", "-o", str(tmp_path / "m.docx"))
    assert code == 0, err
    document = docx.Document(io.BytesIO((tmp_path / "m.docx").read_bytes()))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[:7] == [
        ("Heading 1", "Metodebilag"),
        ("Heading 2", "Sådan blev refleksionerne til"),
        ("Heading 3", "Refleksion efter interview"),
        ("Heading 2", "Datamaterialet efter datatype"),
        ("Heading 2", "Hvornår refleksionerne blev skrevet"),
        ("Heading 2", "Refleksiv balance pr. interview"),
        ("Heading 2", "Sådan ændrede kodebogen sig"),
    ]
    assert ("Heading 2", "Hvor skribentens egne erfaringer indgik i analysen") in headings
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "I01 (mest selv)" in cells and "13 min. (beregnet)" in cells
    text = "\n".join(p.text for p in document.paragraphs)
    assert "»Jeg blev selv urolig« (Bilag nr. 9, refleksion efter interview)" in text
    code, _out, err = run(*base, "--format", "html", "--lang", "en", "-o", str(tmp_path / "m.html"))
    assert code == 0, err
    assert "<h1>Methods appendix</h1>" in (tmp_path / "m.html").read_text()
    code, _out, err = run(*base, "--format", "pdf", "-o", str(tmp_path / "m.pdf"))
    assert code == 0, err
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    code, _out, err = run(*base, "--format", "pdf")
    assert code == 2 and "standard output" in err


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    return copy


def test_the_demo_journals_methods_appendix(demo: Path) -> None:
    code, md, err = run("--journal", str(demo), "--lang", "da", "export", "methods")
    assert code == 0, err
    assert "| I03 | 10. mar. 2026 | 10. mar. 2026 10:29 | 55 min. |" in md
    assert "Der blev ikke skrevet en refleksion efter: I06." in md
    assert (
        "- 11. mar. 2026 08:40 · Mette: omdøbte “Tavshed opad” til “Tavshed opad i hierarkiet”. "
        "*Begrundelse:* Efter I03: det er tavsheden over for direktion og egen chef, ikke "
        "tavshed i almindelighed."
    ) in md
    assert (
        "(Bilag nr. 11, refleksion efter interview). *Ansvar som tung byrde, Farlig tavshed*" in md
    )


def test_the_app_exports_the_methods_appendix(demo: Path, tmp_path: Path) -> None:
    pytest.importorskip("textual")
    import asyncio

    from textual.widgets import Input

    from eftertanke.tui.app import EftertankeApp

    app = EftertankeApp(Journal(demo), lang="da", remember=False)
    target = tmp_path / "metodebilag.md"

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.export_methods()
            await pilot.pause()
            assert str(app.screen.query_one("#export-heading").content) == (
                "Eksportér metodebilaget (Markdown)"
            )
            app.screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("enter")
            for _ in range(5):
                await pilot.pause()
                await app.workers.wait_for_complete()

    asyncio.run(main())
    text = target.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Metodebilag"')
    assert "## Sådan ændrede kodebogen sig" in text
