"""The interview appendix a thesis prints: record, written-after, skipped prompts, citations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from eftertanke.citation import CitationStyle
from eftertanke.domain import Entry, Excerpt, Interview, Section
from eftertanke.export.appendix import interview_appendix
from eftertanke.export.journal_markdown import interview_document
from eftertanke.importers.markdown import read_markdown
from eftertanke.packs.loader import load_builtin_packs

CPH = timezone(timedelta(hours=1))


def interview(numbered: bool = True) -> Interview:
    return Interview(
        code="I07",
        role="plejeboligchef",
        level="leader",
        organisation="Ældre og Sundhed",
        date=datetime(2026, 3, 14, 9, 0, tzinfo=CPH),
        mode="in-person",
        duration_minutes=48,
        transcript="Transskriptioner/I07.docx",
        consent="Skriftligt samtykke; halvanonymiseret, titlen kan genkendes",
        appendix="7" if numbered else "",
        reflection_appendix="5" if numbered else "",
    )


def entries() -> list[Entry]:
    reflection = Entry(
        id="7a000000-0000-4000-8000-000000000001",
        kind="interview",
        title="Efter I07",
        interview="I07",
        pack="post-interview",
        language="da",
        sections=[
            Section(
                "impressions", "Hvad er dine umiddelbare indtryk?", "Hun var åben.\nOgså om tvivl."
            ),
            Section(
                "quotes",
                "Hvilke citater vil du finde i transskriptionen?",
                "9.45 om ansvar\n12.10 om tavshed",
            ),
        ],
        excerpts=[Excerpt("I07", "9.45", "Man står alene med det.", note="Sagt stille.")],
        written_after_minutes=780,
        created=datetime(2026, 3, 14, 22, 0, tzinfo=CPH),
        updated=datetime(2026, 3, 14, 22, 0, tzinfo=CPH),
    )
    later = Entry(
        id="7a000000-0000-4000-8000-000000000002",
        kind="interview",
        title="Tilbageblik på I07",
        body="Jeg læste det igen.",
        interview="I07",
        excerpts=[Excerpt("I07", "1:02:10", "Vi lykkes sammen.")],
        written_after_minutes=393790,
        created=datetime(2026, 12, 10, 9, 0, tzinfo=CPH),
        updated=datetime(2026, 12, 10, 9, 0, tzinfo=CPH),
    )
    return [later, reflection]


def test_the_danish_appendix() -> None:
    text = interview_appendix(interview(), entries(), "da", packs=load_builtin_packs())
    assert "# Bilag 5: Refleksion efter interview I07 · plejeboligchef" in text
    for row in (
        "| Interview | I07 |",
        "| Funktion | plejeboligchef |",
        "| Niveau | leder |",
        "| Organisation | Ældre og Sundhed |",
        "| Dato | 14. mar. 2026 09:00 |",
        "| Form | fysisk møde |",
        "| Varighed | 48 min. |",
        "| Transskription | Transskriptioner/I07.docx (bilag nr. 7) |",
        "| Samtykke og anonymitet | Skriftligt samtykke; halvanonymiseret, titlen kan genkendes |",
    ):
        assert row in text, row
    assert (
        "*Skrevet 13 t efter interviewet · Henvisning: (Bilag nr. 5, refleksion efter interview)*"
    ) in text
    assert "*Skrevet 9 mdr. efter interviewet ·" in text
    assert "393790" not in text
    # Answers in the pack's order, then the prompts passed by, listed as skipped.
    first = text.index("#### Hvad er dine umiddelbare indtryk?\n\nHun var åben.\\\nOgså om tvivl.")
    quoted = text.index(
        "#### Hvilke citater vil du finde i transskriptionen?\n\n- 9.45 om ansvar\n- 12.10 om tavshed"
    )
    skipped = text.index(
        "#### Sprunget over\n\n- Hvilke følelser vakte samtalen i dig – undervejs og lige nu?\n"
    )
    assert first < quoted < skipped < text.index("### 10. dec. 2026")
    assert text.count("Sprunget over") == 1
    assert text[skipped:].count("\n- ", 0, text.index("### 10. dec.") - skipped) == 13
    # The reflection without a pack shows its answers, no prompt skipped.
    assert "Jeg læste det igen." in text
    quotes = text.split("## Citater fra interviewet", 1)[1]
    assert "> Man står alene med det.\n>\n> (Bilag nr. 7, 9.45)" in quotes
    assert quotes.index("(Bilag nr. 7, 9.45)") < quotes.index("(Bilag nr. 7, 1.02.10)")


def test_the_english_appendix() -> None:
    text = interview_appendix(interview(), entries(), "en", packs=load_builtin_packs())
    assert "# Appendix 5: Reflection after interview I07 · plejeboligchef" in text
    assert "| Transcript | Transskriptioner/I07.docx (appendix 7) |" in text
    assert "| Consent and anonymity | Skriftligt samtykke;" in text
    assert (
        "*Written 13 h after the interview · Cite as: (Appendix 5, reflection after interview)*"
        in text
    )
    assert "*Written 9 months after the interview ·" in text
    assert "#### Skipped\n\n- " in text and "Sprunget over" not in text
    assert "> (Appendix 7, 9.45)" in text


def test_before_appendix_numbers_the_code_stands_in() -> None:
    text = interview_appendix(interview(numbered=False), entries(), "da")
    assert "# Refleksion efter interview I07 · plejeboligchef" in text
    assert "| Transskription | Transskriptioner/I07.docx |" in text
    assert "> (I07, 9.45)" in text and "Henvisning: (I07, refleksion efter interview)" in text
    # Without the packs no prompt can be known to be skipped.
    assert "Sprunget over" not in text


def test_the_researchers_own_style() -> None:
    style = CitationStyle.of("da", {"citation": {"transcript": "(bilag {appendix}: {time})"}})
    text = interview_appendix(interview(), entries(), "da", style=style)
    assert "> (bilag 7: 9.45)" in text


def test_the_folder_export_keeps_the_appendix_numbers(tmp_path) -> None:
    path = tmp_path / "i07.md"
    path.write_text(interview_document(interview(), "da"))
    (back,) = read_markdown(path).interviews
    assert (back.appendix, back.reflection_appendix) == ("7", "5")
