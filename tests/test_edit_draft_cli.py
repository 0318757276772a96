"""An edit the app could not save (a crash, a closed terminal) is offered back by
``eftertanke edit ID`` on a terminal (issue 11: drafts of every editor come back
on the command line too), saved against the revision it was made on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from test_cli import PtySession

from eftertanke.domain import Entry
from eftertanke.services import drafts
from eftertanke.services.merge import conflict_copies
from eftertanke.store import Journal

KEPT = "Skrevet i appen før den lukkede [/foo] æøå"


def _edit_on_a_terminal(journal: Path, entry_id: str, answer: str, lang: str) -> tuple[int, str]:
    env = {**os.environ, "EDITOR": "true", "TERM": "dumb", "EFTERTANKE_LANG": lang}
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(journal), "edit", entry_id]
    session = PtySession(argv, env)
    session.expect("?")
    session.send(answer + "\n")
    code = session.finish()
    return code, session.transcript.decode(errors="replace")


def _with_kept_edit(root: Path) -> tuple[Journal, Entry]:
    journal = Journal(root, author="tester")
    entry = journal.add_entry(Entry(body="Den gemte tekst"))
    draft = drafts.edit_draft(entry.id, "", KEPT, entry.revision)
    journal.save_draft(drafts.edit_draft_id(entry.id), draft)
    return journal, entry


def test_edit_offers_the_kept_edit_and_saves_it(tmp_path: Path) -> None:
    journal, entry = _with_kept_edit(tmp_path / "j")
    code, shown = _edit_on_a_terminal(journal.root, entry.id, "y", "da")
    assert code == 0, shown
    assert "ikke-gemt redigering" in shown
    assert Journal(journal.root).get_entry(entry.id).body == KEPT
    assert drafts.edit_draft_for(Journal(journal.root), entry.id) is None


def test_a_kept_edit_over_a_changed_entry_becomes_a_conflict_copy(tmp_path: Path) -> None:
    journal, entry = _with_kept_edit(tmp_path / "j")
    journal.modify_entry(entry.id, lambda e: setattr(e, "body", "Rettet fra en skal bagefter"))
    code, shown = _edit_on_a_terminal(journal.root, entry.id, "y", "en")
    assert code == 0, shown
    reopened = Journal(journal.root)
    assert reopened.get_entry(entry.id).body == "Rettet fra en skal bagefter"
    assert [(c.conflict_of, c.body) for c in conflict_copies(reopened)] == [(entry.id, KEPT)]
    assert drafts.edit_draft_for(reopened, entry.id) is None


def test_declining_the_kept_edit_keeps_it_for_later(tmp_path: Path) -> None:
    journal, entry = _with_kept_edit(tmp_path / "j")
    code, shown = _edit_on_a_terminal(journal.root, entry.id, "n", "en")
    assert code == 0, shown
    reopened = Journal(journal.root)
    assert reopened.get_entry(entry.id).body == "Den gemte tekst"
    assert drafts.edit_draft_for(reopened, entry.id) is not None


def test_a_kept_reflection_edit_comes_back_whole_on_the_command_line(tmp_path: Path) -> None:
    from eftertanke.domain import Excerpt, Interview, Section

    journal = Journal(tmp_path / "j", author="tester")
    journal.add_interview(Interview(code="I01", role="leder"))
    journal.add_interview(Interview(code="I02", role="leder"))
    entry = journal.add_entry(
        Entry(
            kind="interview",
            pack="post-interview",
            interview="I01",
            sections=[Section(prompt_id="impressions", prompt_text="Indtryk", answer="Først")],
            excerpts=[Excerpt(interview="I01", timestamp="9.45", quote="Et citat")],
        )
    )
    # What the app's reflection editor kept: a changed and a new answer, a
    # changed quote, another link, a rating and a theme chosen with "+ Create".
    edited = Entry.from_dict(entry.to_dict())
    edited.sections[0].answer = KEPT
    edited.sections.append(Section(prompt_id="leads", prompt_text="Spor", answer="Nyt spor"))
    edited.excerpts[0].timestamp = "9.50"
    edited.interview = "I02"
    edited.ratings = {"energy": 3}
    edited.themes = ["Helt nyt tema"]
    draft = drafts.reflection_draft(edited, entry.revision, {"Helt nyt tema": "safety"})
    journal.save_draft(drafts.edit_draft_id(entry.id), draft)
    info = drafts.describe(journal.drafts()[0])
    assert ("Spor", "Nyt spor") in drafts.field_texts(info)

    code, shown = _edit_on_a_terminal(journal.root, entry.id, "y", "en")
    assert code == 0, shown
    reopened = Journal(journal.root)
    stored = reopened.get_entry(entry.id)
    assert [(s.prompt_id, s.answer) for s in stored.sections] == [
        ("impressions", KEPT),
        ("leads", "Nyt spor"),
    ]
    assert stored.excerpts[0].timestamp == "9.50" and stored.interview == "I02"
    assert stored.ratings == {"energy": 3} and stored.themes == ["Helt nyt tema"]
    assert reopened.get_theme("Helt nyt tema").concept == "safety"
    assert drafts.edit_draft_for(reopened, entry.id) is None
