"""The app's data layer holds the stored transcripts (issue 18): the Analysis
screen reads them from ``app.data`` in its worker, never from the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from eftertanke.domain import Interview, Theme  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.transcript import Transcript, Turn  # noqa: E402
from eftertanke.tui.data import JournalData  # noqa: E402


def test_load_reads_the_transcripts_with_names_and_sees_a_new_one(tmp_path: Path) -> None:
    from eftertanke.services.coding import TRANSCRIPT, code_phrase

    journal = Journal(tmp_path / "j", author="t")
    journal.add_interview(Interview(code="I01", role="leder"))
    journal.add_interview(Interview(code="I02", role="leder"))
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    first = journal.transcripts.add(
        Transcript(interview="I01", turns=[Turn("Leder", "Man siger ingenting.", 592.0)])
    )
    code_phrase(journal, TRANSCRIPT, first.id, "siger ingenting", ["Tavshed"])
    data = JournalData(journal)
    data.load()
    assert [doc["interview"] for doc in data.transcripts] == ["I01"]
    # the codings name their themes (as analysis reads them), not record ids
    assert data.transcripts[0]["codings"][0]["themes"] == ["Tavshed"]

    journal.transcripts.add(Transcript(interview="I02", turns=[Turn("Leder", "Ja.", 1.0)]))
    data.load()
    assert sorted(doc["interview"] for doc in data.transcripts) == ["I01", "I02"]
