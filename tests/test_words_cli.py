"""The command line speaks the command's language: messages, names of levels,
modes and statuses, yes/no questions, the draft prompt's time, errors, and the
language exports are written in (CliRunner, in process)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from eftertanke.cli import main
from eftertanke.domain import Entry, Interview, now
from eftertanke.store.journal import Journal


def run(root: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation(input=input) as (out, err, _):
        try:
            main(["--journal", str(root), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def study(journal_dir: Path) -> Path:
    journal = Journal(journal_dir, author="t")
    journal.add_interview(
        Interview(code="I03", role="afdelingschef", level="head", mode="in-person",
                  status="done", duration_minutes=150)
    )  # fmt: skip
    journal.add_entry(
        Entry(kind="interview", interview="I03", language="da", title="Efter I03",
              body="Tavsheden i ledergruppen fyldte.", written_after_minutes=393_790)
    )  # fmt: skip
    return journal_dir


def test_interview_show_names_level_mode_and_status(study: Path) -> None:
    code, out, _ = run(study, "--lang", "da", "interview", "show", "I03")
    assert code == 0
    assert "niveau: afdelingschef" in out and "form: fysisk møde" in out
    assert "status: gennemført, venter på refleksion" in out
    assert "varighed: 150 min." in out
    assert "head" not in out and "in-person" not in out and "status: done" not in out
    code, out, _ = run(study, "interview", "show", "I03", "--lang", "en")
    assert "level: head of department" in out and "mode: in person" in out
    listed = run(study, "--lang", "da", "interview", "list")[1]
    assert "afdelingschef" in listed and "gennemført" in listed and " done " not in listed


def test_show_humanises_written_after(study: Path) -> None:
    entry_id = Journal(study).entries()[0].id
    out = run(study, "--lang", "da", "show", entry_id[:8])[1]
    assert "skrevet efter: 9 mdr." in out and "393790" not in out
    assert "written after: 9 months" in run(study, "--lang", "en", "show", entry_id[:8])[1]


def test_export_messages_in_the_commands_language(study: Path, tmp_path: Path) -> None:
    code, out, err = run(study, "--lang", "da", "export", "json", "--out", str(tmp_path / "a.json"))
    assert code == 0, err
    assert out.startswith("Eksporterede 1 indlæg og 0 transskriptioner til ")
    code, out, _ = run(study, "export", "markdown", "--appendix", "I03", "--lang", "da",
                       "--out", str(tmp_path / "b.md"))  # fmt: skip
    assert out.startswith("Skrev ") and "Wrote" not in out
    code, out, _ = run(study, "--lang", "en", "export", "markdown", "--one-file",
                       "--out", str(tmp_path / "c.md"))  # fmt: skip
    assert out.startswith("Exported 1 entry to ")


def test_an_appendix_follows_its_reflections_language_unless_told(
    study: Path, tmp_path: Path
) -> None:
    # No --lang, and the configured language is English: the reflection is Danish.
    code, out, _ = run(study, "export", "markdown", "--appendix", "I03",
                       "--out", str(tmp_path / "da.md"))  # fmt: skip
    assert code == 0 and out.startswith("Wrote ")  # the command's own words stay English
    text = (tmp_path / "da.md").read_text(encoding="utf-8")
    assert "# Refleksion efter interview I03" in text and "Citater fra interviewet" in text
    assert 'language: "da"' in text and "Reflection" not in text
    run(study, "export", "markdown", "--appendix", "I03", "--lang", "en",
        "--out", str(tmp_path / "en.md"))  # fmt: skip
    english = (tmp_path / "en.md").read_text(encoding="utf-8")
    assert (
        "# Reflection after interview I03" in english and "Excerpts from the interview" in english
    )


def test_a_whole_export_follows_most_entries(journal_dir: Path, tmp_path: Path) -> None:
    journal = Journal(journal_dir, author="t")
    journal.add_entry(Entry(kind="memo", body="Notat et", language="da"))
    journal.add_entry(Entry(kind="memo", body="Notat to", language="da"))
    journal.add_entry(Entry(kind="memo", body="A note", language="en"))
    # The configured language is English; most entries are Danish.
    run(journal_dir, "export", "markdown", "--one-file", "--out", str(tmp_path / "x.md"))
    assert 'language: "da"' in (tmp_path / "x.md").read_text(encoding="utf-8")
    run(journal_dir, "export", "markdown", "--one-file", "--lang", "en",
        "--out", str(tmp_path / "y.md"))  # fmt: skip
    assert 'language: "en"' in (tmp_path / "y.md").read_text(encoding="utf-8")


def test_danish_questions_say_j_n_and_take_j_and_ja(journal_dir: Path) -> None:
    journal = Journal(journal_dir, author="t")
    for n in range(3):
        journal.save_draft(f"draft-{n}", {"body": f"kladde {n}"})
    code, out, _ = run(journal_dir, "--lang", "da", "drafts", "discard", "draft-0", input="j\n")
    assert code == 0 and "[j/N]" in out and "[y/N]" not in out
    code, out, _ = run(journal_dir, "--lang", "da", "drafts", "discard", "draft-1", input="ja\n")
    assert code == 0
    code, out, _ = run(journal_dir, "--lang", "da", "drafts", "discard", "draft-2",
                       input="kanske\nnej\n")  # fmt: skip
    assert code == 1 and "Svar j eller n." in out
    assert [d["draft_id"] for d in Journal(journal_dir).drafts()] == ["draft-2"]
    code, out, _ = run(journal_dir, "--lang", "en", "drafts", "discard", "draft-2", input="y\n")
    assert code == 0 and "[y/N]" in out and Journal(journal_dir).drafts() == []


@pytest.mark.parametrize(
    ("lang", "when", "choices"),
    [("da", "for 13 minutter siden", "[J/n]"), ("en", "13 minutes ago", "[Y/n]")],
)
def test_the_draft_prompt_says_when_as_people_do(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str, when: str, choices: str
) -> None:
    from eftertanke.cli.context import AppContext
    from eftertanke.cli.editing import _kept_edit
    from eftertanke.services.drafts import edit_draft, edit_draft_id

    journal = Journal(journal_dir, author="t")
    entry = journal.add_entry(Entry(kind="memo", body="Først"))
    earlier = now() - timedelta(minutes=13, seconds=5)
    monkeypatch.setattr("eftertanke.store.draft_store.now", lambda: earlier)
    journal.save_draft(edit_draft_id(entry.id), edit_draft(entry.id, "", "Halvt", entry.revision))
    runner = CliRunner()
    with runner.isolation(input="\n") as (out, _err, _):
        kept = _kept_edit(AppContext(lang_arg=lang), journal, entry)
    shown = out.getvalue().decode()
    assert kept is not None and kept["body"] == "Halvt"  # Enter takes the default, yes
    assert when in shown and choices in shown, shown
    assert earlier.isoformat()[:16] not in shown


def test_errors_are_one_line_in_the_chosen_language(study: Path) -> None:
    code, _, err = run(study, "--lang", "da", "interview", "show", "I99")
    assert code == 1 and err == "eftertanke: fejl: ukendt interview 'I99'\n"
    code, _, err = run(study, "show", "abcdef12", "--lang", "da")
    assert code == 1 and err == "eftertanke: fejl: intet indlæg med id abcdef12\n"
    code, _, err = run(study, "theme", "show", "Ingen", "--lang", "en")
    assert err.count("\n") == 1 and "unknown theme 'Ingen'" in err


def test_plural_messages_on_the_command_line(study: Path) -> None:
    from eftertanke.domain import Theme

    journal = Journal(study)
    journal.add_theme(Theme(name="Tavshed", concept="safety"))
    entry_id = journal.entries()[0].id
    run(study, "edit", entry_id, "--add-theme", "Tavshed")
    code, out, err = run(study, "--lang", "en", "theme", "rename", "Tavshed", "Farlig tavshed")
    assert code == 0, err
    assert "1 entry updated" in out


def test_doctor_reports_in_danish(study: Path) -> None:
    code, out, _ = run(study, "--lang", "da", "doctor")
    assert code == 0 and out == "info: 1 indlæg, 1 interview, 0 temaer: alle filer er i orden\n"
    code, out, _ = run(study, "doctor", "--find", "ingen steder", "--lang", "da")
    assert out == "info: teksten findes ingen steder i journalmappen\n"
    assert run(study, "--lang", "en", "doctor")[1] == (
        "info: 1 entry, 1 interview, 0 themes: all files are sound\n"
    )


def test_the_report_counts_with_plurals(study: Path) -> None:
    code, out, err = run(study, "--lang", "en", "analyse", "report")
    assert code == 0, err
    assert "Based on 1 entry (1 post-interview reflection) and 0 transcripts;" in out
    danish = run(study, "--lang", "da", "analyse", "report")[1]
    assert "Grundlag: 1 indlæg (1 refleksion efter interview) og 0 transskriptioner;" in danish


def test_merge_reports_in_danish(study: Path, tmp_path: Path) -> None:
    other = Journal(tmp_path / "other", author="ben")
    other.add_entry(Entry(kind="memo", body="Fra den anden journal"))
    other.lock.release()
    code, out, err = run(study, "--lang", "da", "merge", str(tmp_path / "other"))
    assert code == 0, err
    assert "nye indlæg: 1" in out and "new entries" not in out
    again = run(study, "merge", str(tmp_path / "other"), "--lang", "da")[1]
    assert again.startswith("Intet at flette: denne journal har allerede alt fra den anden.")


def test_an_edit_that_lost_a_race_is_told_in_danish() -> None:
    from types import SimpleNamespace

    from eftertanke.cli.editing import conflict_line

    entry = SimpleNamespace(id="a" * 36, deleted=None)
    outcome = SimpleNamespace(entry=entry, conflict_copy=SimpleNamespace(id="b" * 36))
    line = conflict_line(entry.id, outcome, "da")  # type: ignore[arg-type]
    assert line.startswith("indlæg aaaaaaaa blev ændret et andet sted, mens du redigerede det;")
    assert "konfliktkopi bbbbbbbb" in line
    assert "was changed elsewhere" in conflict_line(entry.id, outcome, "en")  # type: ignore[arg-type]


def test_a_date_that_cannot_be_read_is_told_in_danish(study: Path) -> None:
    code, _, err = run(study, "--lang", "da", "new", "-m", "x", "--at", "blah")
    assert code == 2
    assert err == (
        "eftertanke: fejl: Ugyldig værdi for '--at': kan ikke læse datoen 'blah'; brug ISO "
        "(2026-03-14 16:00) eller fx 'i går 16:00'\n"
    )
    code, _, err = run(study, "list", "--from", "i går 25:00", "--lang", "da")
    assert code == 2 and "ugyldigt klokkeslæt i 'i går 25:00'" in err
    code, _, err = run(study, "new", "-m", "x", "--at", "blah")
    assert "Invalid value for '--at': cannot read the date 'blah'" in err
