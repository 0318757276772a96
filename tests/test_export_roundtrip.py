"""Markdown folder export and import: a lossless round trip, determinism, safety."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import snapshot

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme
from eftertanke.export.journal_markdown import ExportSet, folder_files, one_file_document
from eftertanke.export.output import ExportError, safe_relative, write_folder
from eftertanke.importers.markdown import parse_entry_body, read_markdown
from eftertanke.importers.plan import ImportFileError
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

CPH = timezone(timedelta(hours=1))
SUMMER = timezone(timedelta(hours=2))
BODY = (
    "Første indtryk: **træt**, men glad 🌱.\n\n"
    "# En H1 i brødteksten\n\n"
    "## Citater\n\n"
    "```python\nprint('æøå')  # ## ikke en overskrift\n```\n\n"
    "<!-- en almindelig kommentar -->\n\n"
    "> et citat i brødteksten\n"
    "---\n"
    'id: "falsk front matter"'
)


def build_journal(root: Path, *, coded: bool = True) -> Journal:
    """A journal with every field filled, and text that tries to break the format;
    ``coded``: with passages coded and a transcript of I03 (``add_codings``)."""
    journal = Journal(root, author="Anne")
    journal.add_interview(
        Interview(
            code="I03",
            role="plejeboligchef",
            level="leader",
            organisation="Ældre og Sundhed",
            date=datetime(2026, 3, 14, 10, 0, tzinfo=CPH),
            mode="teams",
            interviewer="Anne",
            duration_minutes=31,
            transcript="transskriptioner/I03.docx",
            consent="Samtykke givet 1. marts",
            status="reflected",
            notes="Halvanonymiseret.\nTitlen kan genkendes.",
            created=datetime(2026, 3, 1, 9, 0, tzinfo=CPH),
            updated=datetime(2026, 3, 14, 12, 0, tzinfo=CPH),
        )
    )
    journal.add_interview(Interview(code="I05", role="assisterende leder", level="assistant"))
    journal.add_theme(
        Theme(
            name="Psykologisk tryghed i små fora",
            concept="safety",
            description="Tryghed i den nære ledergruppe.",
            theory="Edmondson",
            created=datetime(2026, 2, 1, 8, 0, tzinfo=CPH),
            updated=datetime(2026, 2, 2, 8, 0, tzinfo=CPH),
        )
    )
    journal.add_theme(
        Theme(name="Farlig tavshed", concept="safety", parent="Psykologisk tryghed i små fora")
    )
    journal.add_theme(Theme(name="At lykkes sammen 🤝", concept="drive"))
    journal.add_entry(
        Entry(
            id="0b7e4a52-5d0c-4a39-9a51-3c2f7f0e9d11",
            kind="interview",
            title="Refleksion efter I03 — tryghed",
            body=BODY,
            sections=[
                Section(
                    "impressions",
                    "Umiddelbare indtryk",
                    "Hun talte frit.\n\nMen tøvende.",
                    concept="safety",
                    orientation="respondent",
                ),
                Section(
                    "self",
                    "Hvad gjorde min rolle?\n(to linjer)",
                    "Jeg nikkede for meget.",
                    concept=None,
                    orientation="self",
                    added_later=True,
                ),
                Section(
                    "method",
                    "",
                    "Spørgsmålet om kompetence blev ikke stillet.",
                    concept="drive",
                    orientation="method",
                ),
            ],
            concepts=["safety", "drive"],
            themes=["Farlig tavshed", "At lykkes sammen 🤝"],
            interview="I03",
            excerpts=[
                Excerpt(
                    "I03",
                    "9.45",
                    "Man siger det ikke højt.\n\nIkke her.",
                    ["Farlig tavshed"],
                    note="Sagt med et grin.",
                ),
                Excerpt("I03", "1:02:10", "Vi lykkes sammen, når vi tør.", []),
            ],
            ratings={"energy": 3, "safety": 2},
            author="Anne",
            updated_by="Bo",
            language="da",
            pack="interview-da",
            created=datetime(2026, 3, 14, 10, 50, tzinfo=CPH),
            updated=datetime(2026, 3, 15, 8, 0, tzinfo=CPH),
            written_after_minutes=19,
        ),
        check_links=True,
    )
    journal.add_entry(
        Entry(
            id="1c8f5b63-6e1d-4b4a-8b62-4d3a8a1f0e22",
            kind="daily",
            title="",
            body="Energi: lav. ☕\n\n- punkt\n- punkt 2",
            ratings={"energy": 2, "demands": 5, "resources": 2, "safety": 4, "wellbeing": 3},
            author="Anne",
            language="en",
            created=datetime(2026, 6, 1, 7, 30, tzinfo=SUMMER),
            updated=datetime(2026, 6, 1, 7, 31, tzinfo=SUMMER),
        )
    )
    journal.add_entry(
        Entry(
            id="2d9a6c74-7f2e-4c5b-9c73-5e4b9b2a1f33",
            kind="memo",
            title="../../etc/passwd",
            body="Et memo om metode.",
            themes=["Psykologisk tryghed i små fora"],
            interview="I05",
            created=datetime(2026, 3, 14, 10, 50, tzinfo=CPH),
            updated=datetime(2026, 3, 14, 10, 50, tzinfo=CPH),
        )
    )
    journal.add_entry(
        Entry(
            id="3eab7d85-8a3f-4d6c-8d84-6f5cac3b2a44",
            kind="memo",
            title="Refleksion efter I03 — tryghed",  # the same file name as the first
            body="Samme titel, anden dag.",
            created=datetime(2026, 3, 14, 23, 0, tzinfo=CPH),
            updated=datetime(2026, 3, 14, 23, 0, tzinfo=CPH),
        )
    )
    if coded:
        add_codings(journal)
    return journal


TURNS = [
    Turn("Anne", "Hvordan oplever du tryghed i ledergruppen?", 583.0, 590.5),
    Turn("Plejeboligchef", "Man siger det ikke højt. Ikke her.", 585.0),
    Turn("Anne", "Og i de *store* fora?", 1040.0),
    Turn("Plejeboligchef", "Der tier jeg <bare>.", None),
]


def add_codings(journal: Journal) -> None:
    """Coded passages on two answers and the body of the first entry (two
    overlapping, one with a memo), and a transcript of I03 with codings."""
    from eftertanke.services import coding as codings

    entry = "0b7e4a52-5d0c-4a39-9a51-3c2f7f0e9d11"
    codings.code_phrase(journal, codings.ENTRY, entry, "Hun talte frit.", ["Farlig tavshed"])
    codings.code_phrase(
        journal, codings.ENTRY, entry, "Hun talte frit.\n\nMen", ["At lykkes sammen 🤝"],
        memo='Overlapper: "frit" -- og\ntøvende.',
    )  # fmt: skip
    codings.code_phrase(journal, codings.ENTRY, entry, "**træt**", ["Farlig tavshed"])
    codings.code_phrase(
        journal, codings.ENTRY, "2d9a6c74", "memo om metode", ["Psykologisk tryghed i små fora"]
    )
    made = journal.transcripts.add(
        Transcript("I03", list(TURNS), interviewers=["Anne"], format="vtt", source_file="I03.vtt")
    )
    codings.code_phrase(journal, codings.TRANSCRIPT, made.id, "ikke højt", ["Farlig tavshed"])
    codings.code_phrase(
        journal, codings.TRANSCRIPT, made.id, "tier jeg <bare>", ["Farlig tavshed"], memo="Jf. 9.45"
    )


HOSTILE_TITLE = "[@click=app.quit]x[/] [bold]ikke markup"


def build_journal_with_hostile(root: Path) -> Journal:
    """``build_journal`` plus a memo whose title is Textual markup (it must stay text)."""
    journal = build_journal(root)
    journal.add_entry(
        Entry(
            kind="memo",
            title=HOSTILE_TITLE,
            body="[link=http://x]y[/link]",
            created=datetime(2026, 3, 16, 9, 0, tzinfo=CPH),
        )
    )
    return journal


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli_group, list(args), input=input, catch_exceptions=False, standalone_mode=False
    )
    return result.exit_code, result.stdout, result.stderr


def comparable(journal: Journal) -> dict[str, object]:
    def entry(e: Entry) -> dict[str, object]:
        data = e.to_dict()
        data["sections"] = [s for s in data["sections"] if s["answer"].strip()]
        data.pop("revision")  # counts this journal's own writes (coding an entry is one)
        return data

    return {
        "entries": sorted((entry(e) for e in journal.entries()), key=lambda d: str(d["id"])),
        "interviews": [i.to_dict() for i in journal.interviews()],
        "themes": [t.to_dict() for t in journal.themes()],
    }


def test_folder_round_trip_is_lossless_and_idempotent(tmp_path: Path) -> None:
    source = build_journal(tmp_path / "a")
    out = tmp_path / "export"
    code, stdout, _ = run("--journal", str(source.root), "export", "markdown", "--out", str(out))
    assert code == 0 and "4 entries" in stdout
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "index.md" in names and "interviews/i03.md" in names
    assert "themes/farlig-tavshed.md" in names
    assert "2026-03-14-etc-passwd.md" in names  # the hostile title is just a slug
    assert "2026-03-14-refleksion-efter-i03-tryghed.md" in names
    assert "2026-03-14-refleksion-efter-i03-tryghed-3eab7d85.md" in names  # the clash
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))

    target = tmp_path / "b"
    code, stdout, _ = run("--journal", str(target), "import", "markdown", str(out), "--yes")
    assert code == 0, stdout
    assert "added 4 entries, skipped 0 as duplicates, rejected 0" in stdout
    imported = Journal(target)
    assert comparable(imported) == comparable(source)

    before = snapshot(target)
    code, stdout, _ = run("--journal", str(target), "import", "markdown", str(out), "--yes")
    assert code == 0 and "added 0 entries, skipped 4 as duplicates" in stdout
    assert {k: v for k, v in snapshot(target).items() if "backups/" not in k} == {
        k: v for k, v in before.items() if "backups/" not in k
    }


def test_export_is_deterministic(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    first, second = tmp_path / "one", tmp_path / "two"
    run("--journal", str(journal.root), "export", "markdown", "--out", str(first))
    run("--journal", str(journal.root), "export", "markdown", "--out", str(second))
    assert snapshot(first) == snapshot(second)
    run("--journal", str(journal.root), "export", "markdown", "--out", str(tmp_path / "a.md"))
    run("--journal", str(journal.root), "export", "markdown", "--out", str(tmp_path / "b.md"))
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
    # Two processes (a large export) write the same bytes as one.
    export = ExportSet(
        journal.entries(), journal.interviews(), journal.themes(), "da", journal.transcripts.all()
    )
    from eftertanke.export.journal_markdown import folder_parts

    first_part, *helpers = folder_parts(export, 2)
    write_folder(tmp_path / "parallel", first_part, helpers=helpers)
    write_folder(tmp_path / "serial", folder_files(export))
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")
    assert "transcripts/i03.md" in snapshot(tmp_path / "parallel")


def test_bodies_keep_their_headings_code_and_look_alike_marks(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    entry = journal.get_entry("0b7e4a52")
    text = dict(folder_files(ExportSet([entry], [], [], "da")))[
        "2026-03-14-refleksion-efter-i03-tryghed.md"
    ].decode()
    assert "# En H1 i brødteksten\n\n## Citater\n\n```python" in text
    _, rest = text.split("\n---\n", 1)
    body, sections, excerpts = parse_entry_body(rest, entry.title)
    assert body == BODY
    assert [s.prompt_text for s in sections] == [s.prompt_text for s in entry.sections]
    assert [x.quote for x in excerpts] == [x.quote for x in entry.excerpts]


def test_one_file_holds_every_entry_in_order(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    doc = one_file_document(ExportSet(journal.entries(), [], [], "en"))
    assert doc.startswith('---\ntitle: "Journal"\n')
    assert doc.index("# Refleksion efter I03") < doc.index("# Energi: lav")
    assert "# \\.\\./\\.\\./etc/passwd" not in doc and "# ../../etc/passwd" in doc
    assert "```python\nprint('æøå')" in doc and "🌱" in doc
    assert (
        "*14 Mar 2026 10:50 · interview · I03 · Themes: Farlig tavshed, At lykkes sammen 🤝" in doc
    )


def test_existing_targets_are_refused_unless_forced(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    out = tmp_path / "export"
    run("--journal", str(journal.root), "export", "markdown", "--out", str(out))
    with pytest.raises(ExportError, match="already exists; use --force"):
        run("--journal", str(journal.root), "export", "markdown", "--out", str(out))
    code, _, _ = run(
        "--journal", str(journal.root), "export", "markdown", "--out", str(out), "--force"
    )
    assert code == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(ExportError, match="not an eftertanke export"):
        run("--journal", str(journal.root), "export", "markdown", "--out", str(mine), "--force")
    assert (mine / "thesis.docx").read_bytes() == b"precious"
    single = tmp_path / "one.md"
    single.write_text("keep")
    with pytest.raises(ExportError, match="already exists"):
        run("--journal", str(journal.root), "export", "markdown", "--out", str(single))
    assert single.read_text() == "keep"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize(
    "name", ["../x.md", "/etc/passwd", "a/../../b.md", ".hidden.md", "a\\b.md", ""]
)
def test_unsafe_relative_names_are_refused(name: str) -> None:
    with pytest.raises(ExportError):
        safe_relative(name)


def test_a_failed_folder_export_leaves_nothing(tmp_path: Path) -> None:
    def files():  # type: ignore[no-untyped-def]
        yield "index.md", b"x"
        yield "../escape.md", b"y"

    with pytest.raises(ExportError):
        write_folder(tmp_path / "out", files())
    assert list(tmp_path.iterdir()) == []


def test_filtered_export_holds_only_linked_records(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    out = tmp_path / "export"
    run("--journal", str(journal.root), "export", "markdown", "--out", str(out), "--kind", "memo")
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "interviews/i05.md" in names and "interviews/i03.md" not in names
    assert names.count("index.md") == 1 and len([n for n in names if "/" not in n]) == 3


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe not utf-8 \xe6", "is not UTF-8"),
        (b'---\ntitle: "unclosed\n---\nbody\n', "broken front matter"),
        (b"---\ntitle: ok\nno colon here\n---\nbody\n", "broken front matter"),
        (b"---\ntitle: ok\n", "never closed"),
        (b"\x00\x01binary", "binary"),
    ],
)
def test_bad_markdown_is_an_error_and_writes_nothing(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.md").write_text("# Fin\n\nEn god fil.\n", encoding="utf-8")
    (folder / "bad.md").write_bytes(content)
    target = tmp_path / "journal"
    with pytest.raises(ImportFileError, match=problem):
        run("--journal", str(target), "import", "markdown", str(folder), "--yes")
    assert not target.exists() or Journal(target).count_entries() == 0


def test_a_file_that_is_not_markdown_is_refused(tmp_path: Path) -> None:
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(ImportFileError, match="not a Markdown file"):
        read_markdown(picture)


def test_plain_markdown_notes_become_entries(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    (folder / "daily").mkdir(parents=True)
    (folder / "daily" / "2024-03-14.md").write_text("Kort dag.\n", encoding="utf-8")
    (folder / "idea.md").write_text(
        "---\ntitle: 'Idé: tavshed'\ndate: 2024-05-01 09:30\ntags: [tavshed, \"#farlig-tavshed\"]\n"
        "aliases:\n  - x\ncssclasses:\n  wide: true\n---\n\n# Idé: tavshed\n\nTekst.\n",
        encoding="utf-8",
    )
    (folder / ".obsidian").mkdir()
    (folder / ".obsidian" / "hidden.md").write_text("skip me")
    plan = read_markdown(folder, kind="memo", lang="da")
    entries = {e.title or e.body: e for _, e in plan.entries}
    assert set(entries) == {"Kort dag.", "Idé: tavshed"}
    idea = entries["Idé: tavshed"]
    assert idea.body == "Tekst." and idea.themes == ["tavshed", "farlig-tavshed"]
    assert idea.created.replace(tzinfo=None) == datetime(2024, 5, 1, 9, 30)
    assert entries["Kort dag."].created.date().isoformat() == "2024-03-14"
    again = read_markdown(folder, kind="memo", lang="da")
    assert [e.id for _, e in again.entries] == [e.id for _, e in plan.entries]


def test_tags_become_themes_only_as_mapped(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ntags: [farlig tavshed, drift, ukendt]\n---\nTekst om drift.\n"
    )
    target = tmp_path / "journal"
    journal = Journal(target)
    journal.add_theme(Theme(name="Drift", concept="frames"))
    # Not a terminal and no --yes: refuse rather than guess.
    result = CliRunner().invoke(
        cli_group, ["--journal", str(target), "import", "markdown", str(folder)]
    )
    assert result.exit_code == 2 and "--yes" in result.output
    assert journal.count_entries() == 0
    code, stdout, _ = run("--journal", str(target), "import", "markdown", str(folder), "--yes")
    assert code == 0 and "added 1 entry," in stdout
    entry = Journal(target).entries()[0]
    # 'farlig tavshed' is a starter-codebook theme, 'drift' an existing one,
    # 'ukendt' has no concept: kept as text at the end of the body.
    assert entry.themes == ["Farlig tavshed", "Drift"]
    assert entry.body.endswith("#ukendt")
    assert Journal(target).get_theme("Farlig tavshed").concept == "safety"


def test_map_and_concept_options(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntags: [x1, x2, x3]\n---\nTekst.\n")
    target = tmp_path / "journal"
    code, stdout, _ = run(
        "--journal",
        str(target),
        "import",
        "markdown",
        str(folder),
        "--yes",
        "--map",
        "x1=Ny tema",
        "--map",
        "x2=",
        "--concept",
        "wellbeing",
    )
    assert code == 0, stdout
    entry = Journal(target).entries()[0]
    assert entry.themes == ["Ny tema", "x3"]
    assert "#x2" in entry.body
    assert {t.name: t.concept for t in Journal(target).themes()} == {
        "Ny tema": "wellbeing",
        "x3": "wellbeing",
    }


def test_interactive_mapping_asks_and_confirms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntags: [nyt]\n---\nTekst.\n")
    target = tmp_path / "journal"
    monkeypatch.setattr("eftertanke.cli.export_cmds._interactive", lambda: True)
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(target), "import", "markdown", str(folder)],
        input="n\nMit tema\nsafety\n",
    )
    assert result.exit_code == 0, result.output
    assert "#nyt -> (kept as text)" in result.output
    assert Journal(target).entries()[0].themes == ["Mit tema"]
    assert Journal(target).get_theme("Mit tema").concept == "safety"


def test_rejected_entries_are_counted_with_their_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.md").write_text("Fin.\n")
    (folder / "empty.md").write_text("---\ntitle: tom\n---\n\n")
    (folder / "kind.md").write_text(
        '---\nid: "4fbc8e96-9b4a-4e7d-9e95-7a6dbd4c3b55"\nkind: "novel"\ncreated: 2026-01-01T10:00:00+01:00\n---\nx\n'
    )
    target = tmp_path / "journal"
    code, stdout, _ = run("--journal", str(target), "import", "markdown", str(folder), "--yes")
    assert code == 0
    assert "added 1 entry, skipped 0 as duplicates, rejected 2" in stdout
    assert "rejected empty.md: the entry is empty" in stdout
    assert "rejected kind.md: unknown kind 'novel'" in stdout


def test_progress_is_quiet_when_piped(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    code, stdout, stderr = run(
        "--journal", str(journal.root), "export", "markdown", "--out", str(tmp_path / "out")
    )
    assert code == 0 and stderr == "" and stdout.count("\n") == 1
    assert os.environ.get("TERM") is None or "\x1b" not in stdout


def test_the_command_line_export_is_one_line_errors_and_no_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    journal = build_journal(tmp_path / "j")
    out = tmp_path / "out"
    code = (
        "import sys\n"
        "from eftertanke.cli import main\n"
        "try:\n"
        f"    main(['--journal', {str(journal.root)!r}, 'export', 'markdown', '--out', {str(out)!r}])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "eftertanke",
            "--journal",
            str(journal.root),
            "export",
            "markdown",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "already exists; use --force" in again.stderr
    usage = subprocess.run(
        [
            sys.executable,
            "-m",
            "eftertanke",
            "--journal",
            str(journal.root),
            "export",
            "markdown",
            "--digest",
            "Farlig tavshed",
            "--appendix",
            "I03",
            "--out",
            str(tmp_path / "x.md"),
        ],
        capture_output=True,
        text=True,
    )
    assert usage.returncode == 2 and not (tmp_path / "x.md").exists()


# -- coded passages and transcripts ------------------------------------------------------


def test_coded_passages_survive_the_round_trip(tmp_path: Path) -> None:
    source = build_journal(tmp_path / "a")
    out = tmp_path / "export"
    run("--journal", str(source.root), "export", "markdown", "--out", str(out))
    target = tmp_path / "b"
    code, stdout, _ = run("--journal", str(target), "import", "markdown", str(out), "--yes")
    assert code == 0 and "rejected 0" in stdout, stdout
    imported = Journal(target)
    first = imported.get_entry("0b7e4a52")
    assert [c.to_dict() for c in first.codings] == [
        c.to_dict() for c in source.get_entry("0b7e4a52").codings
    ]
    assert [(c.source, c.section, c.quote) for c in first.codings] == [
        ("section", "impressions", "Hun talte frit."),
        ("section", "impressions", "Hun talte frit.\n\nMen"),
        ("body", None, "**træt**"),
    ]
    assert first.codings[1].memo == 'Overlapper: "frit" -- og\ntøvende.'
    assert imported.get_entry("2d9a6c74").codings[0].themes == ["Psykologisk tryghed i små fora"]
    # The transcript file is for reading: importing the folder does not take it for a note.
    assert imported.transcripts.all() == []
    assert not [e for e in imported.entries() if "Plejeboligchef" in e.text]


def test_an_edited_export_re_anchors_its_codings(tmp_path: Path) -> None:
    source = build_journal(tmp_path / "a")
    out = tmp_path / "export"
    run("--journal", str(source.root), "export", "markdown", "--out", str(out))
    path = out / "2026-03-14-refleksion-efter-i03-tryghed.md"
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    body = body.replace("Hun talte frit.", "Først: Hun talte frit.")
    path.write_text(head + "\n---\n" + body, encoding="utf-8")
    target = tmp_path / "b"
    run("--journal", str(target), "import", "markdown", str(out), "--yes")
    entry = Journal(target).get_entry("0b7e4a52")
    answer = entry.sections[0].answer
    coding = entry.codings[0]
    assert answer[coding.start : coding.end] == "Hun talte frit." and coding.start == 7


def test_each_transcript_is_a_markdown_file_with_its_codings(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    out = tmp_path / "export"
    run("--lang", "da", "--journal", str(journal.root), "export", "markdown", "--out", str(out))
    text = (out / "transcripts" / "i03.md").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    assert 'eftertanke: "transcript"' in head and 'interview: "I03"' in head
    assert head.count("\n  - {") == 2  # the two codings, as in an entry's front matter
    assert "# Transskription: I03 (plejeboligchef)" in body
    assert "**Anne** [09:43]: Hvordan oplever du tryghed i ledergruppen?" in body
    assert "**Plejeboligchef** [09:45]: Man siger det ikke højt. Ikke her." in body
    assert "**Anne** [17:20]: Og i de \\*store\\* fora?" in body
    assert "**Plejeboligchef**: Der tier jeg \\<bare\\>." in body
    assert "## Kodede passager" in body
    assert "- **[09:45] Plejeboligchef**: »ikke højt« · *Farlig tavshed*" in body
    assert "  Memo: Jf. 9.45" in body
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "## Transskriptioner" in index and "(transcripts/i03.md)" in index


def test_a_filtered_export_brings_the_linked_transcript_and_its_themes(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    out = tmp_path / "export"
    code, _, _ = run(
        "--journal", str(journal.root), "export", "markdown", "--out", str(out), "--kind", "daily"
    )
    assert code == 0 and not (out / "transcripts").exists()
    out = tmp_path / "export2"
    run(
        "--journal",
        str(journal.root),
        "export",
        "markdown",
        "--out",
        str(out),
        "--entry",
        "0b7e4a52",
    )
    assert (out / "transcripts" / "i03.md").is_file()
    assert (out / "themes" / "at-lykkes-sammen.md").is_file()  # only on a coded passage


def test_the_json_export_carries_transcripts_and_codings(tmp_path: Path) -> None:
    import orjson

    journal = build_journal(tmp_path / "j")
    out = tmp_path / "all.json"
    code, stdout, _ = run("--journal", str(journal.root), "export", "json", "--out", str(out))
    assert code == 0 and "1 transcript " in stdout
    data = orjson.loads(out.read_bytes())
    (transcript,) = data["transcripts"]
    assert transcript["interview"] == "I03" and len(transcript["turns"]) == 4
    assert [c["quote"] for c in transcript["codings"]] == ["ikke højt", "tier jeg <bare>"]
    assert transcript["codings"][0]["themes"] == ["Farlig tavshed"]  # names, not ids
    first = next(e for e in data["entries"] if e["id"].startswith("0b7e4a52"))
    assert len(first["codings"]) == 3
    daily = tmp_path / "daily.json"
    run("--journal", str(journal.root), "export", "json", "--out", str(daily), "--kind", "daily")
    assert orjson.loads(daily.read_bytes())["transcripts"] == []
