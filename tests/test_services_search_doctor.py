"""services/search_doctor.py: what doctor says of the search index (never an error)."""

from __future__ import annotations

from pathlib import Path

from eftertanke.domain import Entry
from eftertanke.services.query import EntryFilter
from eftertanke.services.search import search
from eftertanke.services.search_doctor import doctor_findings
from eftertanke.services.search_index import index_path
from eftertanke.store import Journal


def test_doctor_findings_say_info_and_repair_rebuilds(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(kind="memo", body="Tavshed"))
    assert doctor_findings(journal, repair=False) == []  # never built: nothing said
    index_path(journal.root).parent.mkdir(parents=True, exist_ok=True)
    index_path(journal.root).write_bytes(b"not a database")
    findings = doctor_findings(journal, repair=True)
    assert findings and all(isinstance(key, str) for key, _english, _values in findings)
    assert search(journal, EntryFilter(search="tavshed")).entries
