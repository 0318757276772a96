"""Write the Word transcript samples in tests/data/transcripts/ (run by hand).

The interviews are invented for the project. ``teams_da.docx`` has the shape
Teams writes today (title, date and length, then one paragraph per turn, the
heading "Name   0:03" and the words parted by line breaks);
``teams_en.docx`` the older one (a cue time, the name, the words, each a
paragraph). ``broken_truncated.docx`` is the first half of the Danish file,
as a download cut off halfway would leave it.

    .venv/bin/python scripts/make_transcript_samples.py

The files are committed; python-docx writes a fixed creation time below so
that running this again gives the same text (the zip's own times may differ).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "transcripts"

# (heading, lines of words) per turn, as Teams' current export has them.
DANISH_TURNS = [
    ("Mette Lund   0:03", ["Velkommen. Hvad giver dig energi som leder?"]),
    ("Karin Holm   0:11", ["Fællesskabet med personalet.", "Og at vi lykkes sammen."]),
    ("Jonas Berg   12:40", ["Hvordan påvirker tidspresset din trivsel?"]),
    ("Karin Holm   12:47", ["Jeg sover dårligt i perioder med tilsyn."]),
    ("Mette Lund   1:01:15", ["Tak for samtalen."]),
]

# (cue time, speaker, paragraphs of words), as Teams used to write them.
ENGLISH_CUES = [
    ("0:00:02.500 --> 0:00:07.100", "Ruth Evans",
     ["How do you experience psychological safety as a leader?"]),
    ("0:00:07.900 --> 0:00:15.300", "Helen Moore",
     ["With the other managers, yes.", "With the director, less so."]),
    ("0:42:10.000 --> 0:42:14.800", "Sam Patel", ["Is there silence that worries you?"]),
    ("1:03:05.250 --> 1:03:12.000", "Helen Moore", ["When nobody reports a mistake, I worry."]),
]  # fmt: skip


def _fixed(document: Document, title: str) -> None:
    document.core_properties.title = title
    document.core_properties.author = "eftertanke test data"
    moment = datetime(2026, 3, 14, 10, 0, 0)
    document.core_properties.created = moment
    document.core_properties.modified = moment


def danish() -> Document:
    document = Document()
    _fixed(document, "Interview I03")
    for line in ("Interview I03 med plejeboligchef", "14. marts 2026, 10:00", "32m 14s"):
        document.add_paragraph(line)
    document.add_paragraph("Mette Lund startede transskriptionen")
    for heading, lines in DANISH_TURNS:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(heading)
        for line in lines:
            run.add_break()
            run = paragraph.add_run(line)
    document.add_paragraph("Mette Lund stoppede transskriptionen")
    return document


def english() -> Document:
    document = Document()
    _fixed(document, "Interview 7")
    for cue, speaker, paragraphs in ENGLISH_CUES:
        document.add_paragraph(cue)
        document.add_paragraph(speaker)
        for words in paragraphs:
            document.add_paragraph(words)
    return document


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    danish().save(OUT / "teams_da.docx")
    english().save(OUT / "teams_en.docx")
    whole = (OUT / "teams_da.docx").read_bytes()
    (OUT / "broken_truncated.docx").write_bytes(whole[: len(whole) // 2])
    print(f"wrote teams_da.docx, teams_en.docx and broken_truncated.docx in {OUT}")


if __name__ == "__main__":
    main()
