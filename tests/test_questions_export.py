"""Carried questions in the exports: Markdown (and Obsidian, which writes the
same front matter) carries them in the front matter, kept apart from the
text, dated, and the importer reads them back; export json holds them; an
entry without questions exports as before."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from eftertanke.domain import AnswerLink, Entry, Section
from eftertanke.export.markdown import entry_markdown
from eftertanke.importers.markdown import read_markdown
from eftertanke.services.questions import carry_questions

WRITTEN = datetime(2026, 3, 3, 10, 45).astimezone()
LEADS = "Spørg til tavsheden i ledergruppen\nSpørg til weekenden"


def entry_with_questions() -> Entry:
    entry = Entry(
        kind="interview",
        interview="I01",
        pack="post-interview",
        created=WRITTEN,
        updated=WRITTEN,
        sections=[Section("leads", "Hvilke spor?", LEADS)],
        author="mette",
    )
    carry_questions(entry)
    first, second = entry.questions
    for question in entry.questions:
        question.created = question.updated = WRITTEN
    first.status, first.closed = "answered", WRITTEN + timedelta(days=2)
    first.answered_by = AnswerLink(
        entry="572f3d48-d4dd-5718-b129-61fca71d1528", section="q-safety", start=4, end=12,
        quote="tavsheden", before="Om ", after=" sagde",
    )  # fmt: skip
    second.status, second.reason = "dropped", 'Ikke relevant: "weekend" er privat'
    second.closed = WRITTEN + timedelta(days=3)
    return entry.validate()


def test_markdown_front_matter_carries_the_questions_and_they_come_back(tmp_path: Path) -> None:
    entry = entry_with_questions()
    text = entry_markdown(entry, "da")
    head, body = text.split("\n---\n", 1)
    assert "questions:\n  - {" in head and "Spørg til weekenden" in head
    assert '"closed": "2026-03-05' in head
    assert "questions" not in body
    (tmp_path / "e.md").write_text(text, encoding="utf-8")
    plan = read_markdown(tmp_path)
    ((_, back),) = plan.entries
    assert [q.to_dict() for q in back.questions] == [q.to_dict() for q in entry.questions]


def test_an_entry_without_questions_exports_as_before() -> None:
    entry = Entry(kind="memo", body="Intet at spørge om.", created=WRITTEN, updated=WRITTEN)
    assert "questions" not in entry_markdown(entry, "da")


def test_the_interview_appendix_lists_them_after_the_reflection() -> None:
    from eftertanke.domain import Interview
    from eftertanke.export.appendix import interview_appendix

    interview = Interview("I01", role="leder", date=WRITTEN - timedelta(hours=1))
    text = interview_appendix(interview, [entry_with_questions()], "da")
    heading = text.index("#### Spørgsmål taget med videre")
    assert text.index("Spørg til tavsheden i ledergruppen *(besvaret 5. mar. 2026)*") > heading
    assert "besvaret af »tavsheden«" in text
    assert "Spørg til weekenden *(droppet 6. mar. 2026)* droppet: Ikke relevant" in text


def test_export_json_holds_them(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import json

    from eftertanke.domain import Interview
    from eftertanke.store.journal import Journal

    journal = Journal(cli.journal, author="mette")
    journal.add_interview(Interview("I01", role="leder"))
    entry = journal.add_entry(entry_with_questions(), check_links=False)
    cli.ok("export", "json", "--out", str(tmp_path / "all.json"))
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    [exported] = [e for e in data["entries"] if e["id"] == entry.id]
    assert [q["status"] for q in exported["questions"]] == ["answered", "dropped"]
