#!/usr/bin/env python3
"""Import eftertanke's REFI-QDA export into QualCoder's own importer, headless,
and check what arrived.

Not part of the test suite: QualCoder needs PyQt6. The script runs in two
Python environments:

1. with eftertanke's (``.venv/bin/python``) it builds a small journal like
   the demo (two interviews, their transcripts and reflections, coded
   passages with memos, Danish and English, emoji, hostile text), or copies
   the journal given with ``--journal``, and exports it with
   ``eftertanke export refi``;
2. it then runs itself again with ``--qualcoder-python`` (a venv with PyQt6,
   ``QT_QPA_PLATFORM=offscreen``) to import the .qdpx with QualCoder's
   ``RefiImport.import_project`` into a fresh QualCoder project (its sqlite
   schema taken from QualCoder's own "new project" code), and dumps the
   database as JSON;
3. back in eftertanke's environment it compares: sources and their text,
   codes and their hierarchy, every coding (``code_text``: pos0, pos1,
   seltext against the coded words), coding memos, journals (memos), cases
   and attributes, and prints the report.

QualCoder's code is never copied into the repository: the script reads it
from a clone (``--qualcoder``: a git directory, e.g. the bare mirror, or a
source checkout). Only QualCoder's ``helpers`` module (message boxes, and
imports of PDF and image libraries the importer does not use) and the
``app`` object (settings, the sqlite connection) are stubbed; the parsing
code is QualCoder's own.

    python3 -m venv /tmp/qc-venv && /tmp/qc-venv/bin/pip install PyQt6
    .venv/bin/python scripts/qualcoder_import_check.py \\
        --qualcoder /work/.mirror/ccbogel+QualCoder/repo \\
        --qualcoder-python /tmp/qc-venv/bin/python [--journal journals/demo] [--json]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
TABLES = [
    "source",
    "code_name",
    "code_cat",
    "code_text",
    "annotation",
    "journal",
    "cases",
    "case_text",
    "attribute_type",
    "attribute",
]

# -- step 2: inside QualCoder's environment (stdlib, PyQt6 and QualCoder only) ----------


def qualcoder_source(location: Path, into: Path) -> Path:
    """QualCoder's ``src`` folder: from a git directory (HEAD) or a checkout."""
    if (location / "src" / "qualcoder" / "refi.py").exists():
        return location / "src"
    archive = subprocess.run(
        ["git", "--git-dir", str(location), "archive", "--format=tar", "HEAD", "src/qualcoder"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def qualcoder_commit(location: Path) -> str:
    try:
        return subprocess.run(
            ["git", "--git-dir", str(location), "log", "-1", "--format=%H %cs"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def schema_statements(main_py: Path) -> list[str]:
    """QualCoder's CREATE TABLE statements, read from its "new project" method."""
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        found = [
            c.value
            for c in ast.walk(node)
            if isinstance(c, ast.Constant)
            and isinstance(c.value, str)
            and c.value.startswith("CREATE TABLE")
        ]
        if any(s.startswith("CREATE TABLE code_text ") for s in found):
            return found
    raise SystemExit("could not find QualCoder's project schema in __main__.py")


def run_qualcoder_import(qdpx: Path, location: Path, workdir: Path) -> dict[str, Any]:
    import builtins
    import types

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    src = qualcoder_source(location, workdir / "qualcoder")
    sys.path.insert(0, str(src))
    builtins._ = lambda text: text  # type: ignore[attr-defined]  # gettext, as QualCoder installs it

    messages: list[str] = []

    class Message:  # QualCoder's helpers.Message: a message box; here, a line in the log
        def __init__(self, app: Any, title: str, text: str, icon: str = "") -> None:
            messages.append(f"{title}: {text}")

        def exec(self) -> int:
            return 0

    helpers = types.ModuleType("qualcoder.helpers")
    helpers.Message = Message  # type: ignore[attr-defined]
    sys.modules["qualcoder.helpers"] = helpers

    from PyQt6 import QtWidgets

    application = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    from qualcoder import refi

    project = workdir / "check.qda"
    for folder in ("images", "audio", "video", "documents"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(project / "data.qda")
    for statement in schema_statements(src / "qualcoder" / "__main__.py"):
        conn.execute(statement)
    conn.commit()

    class App:  # the few things of QualCoder's App the importer touches
        def __init__(self) -> None:
            self.conn = conn
            self.project_path = str(project)
            self.settings = {
                "directory": str(workdir),
                "codername": "default",
                "ai_enable": "False",
            }
            self.ai_models: list[Any] = []
            self.project_events = None

        def write_config_ini(self, settings: Any, ai_models: Any) -> None:
            pass

    class Log:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def append(self, text: str) -> None:
            self.lines.append(str(text))

    log = Log()
    path = str(qdpx)
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (path, "*.qdpx"))  # type: ignore[method-assign]
    refi.RefiImport(App(), log, "qdpx")  # asks for the file, then import_project()
    application.processEvents()
    conn.row_factory = sqlite3.Row
    dump = {table: [dict(r) for r in conn.execute(f"select * from {table}")] for table in TABLES}
    return {
        "tables": dump,
        "log": log.lines,
        "messages": messages,
        "editor": editor_view(dump["source"], dump["code_text"]),
    }


def editor_view(sources: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What QualCoder's coding editor (a QPlainTextEdit) highlights for each
    code_text row: it puts pos0 and pos1 into a text cursor, as code_text.py does."""
    from PyQt6 import QtGui, QtWidgets

    editor = QtWidgets.QPlainTextEdit()
    text_of = {s["id"]: s["fulltext"] for s in sources}
    seen = []
    for row in rows:
        editor.setPlainText(text_of[row["fid"]])
        cursor = editor.textCursor()
        cursor.setPosition(row["pos0"])
        cursor.setPosition(row["pos1"], QtGui.QTextCursor.MoveMode.KeepAnchor)
        shown = cursor.selectedText().replace("\u2029", "\n")
        seen.append({"ctid": row["ctid"], "shown": shown, "seltext": row["seltext"]})
    return seen


# -- step 1: the journal and its export (eftertanke's environment) ---------------------


def build_journal(root: Path) -> None:
    """A journal like the demo's: two interviews with transcripts, reflections,
    a memo, passages coded in all of them (Danish and English, emoji)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from eftertanke.domain import Entry, Excerpt, Interview, Section, Theme
    from eftertanke.services.coding import ENTRY, TRANSCRIPT, code_phrase
    from eftertanke.store.journal import Journal
    from eftertanke.transcript import Transcript, Turn

    cph = ZoneInfo("Europe/Copenhagen")
    journal = Journal(root, author="Mette")
    journal.add_interview(
        Interview(
            code="I01",
            role="plejeboligchef",
            level="leader",
            organisation="Ældre og Sundhed",
            date=datetime(2026, 3, 2, 10, 0, tzinfo=cph),
            mode="teams",
            interviewer="Mette",
            duration_minutes=32,
            status="coded",
        )
    )
    journal.add_interview(
        Interview(
            code="I02",
            role="head of department",
            level="head",
            organisation="Social Services",
            date=datetime(2026, 3, 9, 14, 0, tzinfo=cph),
            mode="in-person",
            interviewer="Jonas",
            duration_minutes=28,
            status="transcribed",
        )
    )
    for name, concept, parent in [
        ("At lykkes sammen", "drive", None),
        ("Autonomi som metodefrihed", "drive", None),
        ("Pres og meningsskabelse", "frames", None),
        ("Tryghed i den nære ledergruppe", "safety", None),
        ("Farlig tavshed", "safety", "Tryghed i den nære ledergruppe"),
        ("Supervision og sparring 🧭", "wellbeing", None),
    ]:
        journal.add_theme(Theme(name=name, concept=concept, parent=parent))

    journal.transcripts.add(
        Transcript(
            interview="I01",
            turns=[
                Turn("Mette", "Hvad giver dig personlig energi til at være leder? 🌱", 4.0),
                Turn(
                    "Plejeboligchef",
                    "Når vi lykkes sammen i teamet – når en svær vagt går godt, og vi griner bagefter.",
                    11.5,
                ),
                Turn("Mette", "Og hvordan påvirker tidspresset din trivsel?", 301.0),
                Turn(
                    "Plejeboligchef",
                    "Det æder mig op. Kravene ovenfra kommer hurtigere, end vi kan nå at give dem mening 😬.",
                    309.0,
                ),
                Turn("Mette", "Kan du tale frit om problemer i ledergruppen?", 585.0),
                Turn(
                    "Plejeboligchef",
                    "I den lille gruppe, ja. I det store forum siger man det ikke højt.",
                    590.0,
                ),
                Turn("Plejeboligchef", 'Citat: "</PlainTextContent> & <b>ikke</b> markup"', None),
            ],
            interviewers=["Mette"],
            source_file="I01.vtt",
            format="vtt",
            language="da",
        )
    )
    journal.transcripts.add(
        Transcript(
            interview="I02",
            turns=[
                Turn("Jonas", "What gives you energy as a leader in the public sector?", 3.0),
                Turn(
                    "Head of department",
                    "Freedom of method. I decide how we get there, not only where. 🙂",
                    9.0,
                ),
                Turn("Jonas", "And supervision?", 1500.0),
                Turn(
                    "Head of department",
                    "Monthly sparring with a peer keeps me sane; without it I would have left.",
                    1506.0,
                ),
            ],
            interviewers=["Jonas"],
            source_file="I02.docx",
            format="docx",
            language="en",
        )
    )
    reflection = journal.add_entry(
        Entry(
            kind="interview",
            title="Refleksion efter I01",
            interview="I01",
            themes=["Pres og meningsskabelse"],
            concepts=["frames"],
            sections=[
                Section(
                    "impressions",
                    "Umiddelbare indtryk",
                    "Hun var varm og åben, men træt. 🌧️\nDet store forum fylder.",
                    concept="safety",
                    orientation="respondent",
                ),
                Section(
                    "role",
                    "Hvordan formede mine spørgsmål samtalen?",
                    "Jeg nikkede, når hun talte om tavshed – måske for meget.",
                    orientation="self",
                ),
                Section(
                    "unasked",
                    "Hvad spurgte jeg ikke om?",
                    "Kompetence. Jeg turde ikke spørge, fordi jeg selv er usikker.",
                    concept="drive",
                    orientation="method",
                ),
            ],
            excerpts=[Excerpt("I01", "9.50", "i det store forum siger man det ikke højt")],
            created=datetime(2026, 3, 2, 10, 50, tzinfo=cph),
            written_after_minutes=18,
        )
    )
    english = journal.add_entry(
        Entry(
            kind="interview",
            title="Reflection after I02",
            interview="I02",
            body=(
                "He spoke about sparring as if it were oxygen. 🫁\n\n"
                "I recognised my own need for it.\n\n"
                '25.06 "sparring with a peer keeps me sane"'
            ),
            language="en",
            created=datetime(2026, 3, 9, 15, 10, tzinfo=cph),
        )
    )
    journal.add_entry(
        Entry(
            kind="memo",
            title="Memo: tavshed på tværs",
            body="Tavshed i store fora går igen i I01 og I02 – æøå.",
            themes=["Farlig tavshed"],
            created=datetime(2026, 3, 10, 9, 0, tzinfo=cph),
        )
    )
    journal.add_entry(  # the same title the same day: QualCoder keys journals by name
        Entry(
            kind="memo",
            title="Memo: tavshed på tværs",
            body="Anden tanke samme dag.",
            created=datetime(2026, 3, 10, 16, 0, tzinfo=cph),
        )
    )
    t1 = journal.transcripts.for_interview("I01")
    t2 = journal.transcripts.for_interview("I02")
    assert t1 is not None and t2 is not None
    for owner_kind, owner, phrase, themes, memo in [
        (TRANSCRIPT, t1.id, "vi lykkes sammen i teamet", ["At lykkes sammen"], "Fællesskab 🌱"),
        (TRANSCRIPT, t1.id, "Det æder mig op", ["Pres og meningsskabelse"], ""),
        (
            TRANSCRIPT,
            t1.id,
            "I det store forum siger man det ikke højt",
            ["Farlig tavshed", "Tryghed i den nære ledergruppe"],
            "Tavshedens skygge – jf. Edmondson",
        ),
        (TRANSCRIPT, t1.id, "</PlainTextContent> & <b>ikke</b>", ["Farlig tavshed"], "<b>&</b>"),
        (TRANSCRIPT, t2.id, "Freedom of method", ["Autonomi som metodefrihed"], "Autonomy (SDT)"),
        (TRANSCRIPT, t2.id, "Monthly sparring with a peer", ["Supervision og sparring 🧭"], ""),
        (ENTRY, reflection.id, "Det store forum fylder", ["Farlig tavshed"], "Se 9.45"),
        (ENTRY, reflection.id, "Jeg nikkede", ["Tryghed i den nære ledergruppe"], "Min rolle"),
        (ENTRY, reflection.id, "fordi jeg selv er usikker", ["Pres og meningsskabelse"], ""),
        (ENTRY, english.id, "as if it were oxygen", ["Supervision og sparring 🧭"], "🫁 oxygen"),
    ]:
        code_phrase(journal, owner_kind, owner, phrase, themes, memo=memo)


def export(journal_root: Path, qdpx: Path, lang: str) -> None:
    from click.testing import CliRunner

    from eftertanke.cli import cli

    result = CliRunner().invoke(
        cli, ["--journal", str(journal_root), "--lang", lang, "export", "refi", "--out", str(qdpx)]
    )
    if result.exit_code != 0:
        raise SystemExit(f"export failed: {result.output.strip()}")


# -- step 3: what arrived ------------------------------------------------------------------


def compare(journal_root: Path, qdpx: Path, dump: dict[str, Any]) -> dict[str, Any]:
    import zipfile

    from eftertanke.export.refi_text import xml_text
    from eftertanke.services.coding import TRANSCRIPT, coded_passages
    from eftertanke.store.journal import Journal

    journal = Journal(journal_root)
    tables = dump["tables"]
    archive = zipfile.ZipFile(qdpx)
    from xml.etree import ElementTree as ET

    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = ET.fromstring(archive.read("project.qde"))
    exported = {
        el.get("guid"): (
            el.get("name"),
            archive.read("sources/" + el.get("guid") + ".txt").decode(),
        )
        for el in root.iterfind(".//q:Sources/q:TextSource", ns)
    }
    sources = {s["name"]: s for s in tables["source"]}
    problems: list[str] = []
    for _guid, (name, text) in exported.items():
        arrived = sources.get(name)
        if arrived is None:
            problems.append(f"source {name!r} did not arrive")
        elif arrived["fulltext"] != text:
            problems.append(f"source {name!r}: its text changed on the way")
    codes = {c["cid"]: c for c in tables["code_name"]}
    cid_of = {c["name"]: c["cid"] for c in tables["code_name"]}
    themes = journal.themes()
    for theme in themes:
        parent = theme.parent
        code = codes.get(cid_of.get(theme.name, -1))
        if code is None:
            problems.append(f"theme {theme.name!r} is not a code")
            continue
        above = codes.get(code["supercid"])
        if parent and (above is None or above["name"] != parent):
            problems.append(f"theme {theme.name!r} is not under {parent!r}")
    # Every coding of the journal: one code_text row per theme, at the coded words.
    names_by_owner = {g: n for g, (n, _t) in exported.items()}
    rows = tables["code_text"]
    fid_of = {s["name"]: s["id"] for s in tables["source"]}
    expected_rows = 0
    matched = 0
    memo_ok = 0
    memos = 0
    by_kind = {"transcript": 0, "reflection": 0}
    for passage in coded_passages(journal):
        name = names_by_owner.get(passage.owner)
        if name is None:
            problems.append(f"coding {passage.coding.id[:8]}: its source was not exported")
            continue
        fid = fid_of.get(name)
        quote = xml_text(passage.coding.quote)
        for theme in passage.coding.themes:
            expected_rows += 1
            found = [
                r
                for r in rows
                if r["fid"] == fid and r["cid"] == cid_of.get(theme) and r["seltext"] == quote
            ]
            if len(found) != 1:
                problems.append(
                    f"coding {passage.coding.id[:8]} ({theme}): {len(found)} rows with "
                    f"its words {quote!r} in {name!r}"
                )
                continue
            row = found[0]
            fulltext = sources[name]["fulltext"]
            if fulltext[row["pos0"] : row["pos1"]] != quote:
                problems.append(f"coding {passage.coding.id[:8]}: pos0/pos1 miss the words")
                continue
            matched += 1
            kind = "transcript" if passage.owner_kind == TRANSCRIPT else "reflection"
            by_kind[kind] += 1
            if passage.coding.memo:
                memos += 1
                memo_ok += row["memo"] == xml_text(passage.coding.memo)
    shown = [v for v in dump["editor"] if v["shown"] == v["seltext"]]
    shifted = [v for v in dump["editor"] if v["shown"] != v["seltext"]]
    # Quotes: uncoded transcript selections with a description become annotations.
    quoted = []
    for el in root.iterfind(".//q:Sources/q:TextSource", ns):
        for sel in el.iterfind("q:PlainTextSelection", ns):
            if sel.find("q:Coding", ns) is None:
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                name = el.get("name")
                quoted.append((name, start, end, sel.findtext("q:Description", "", ns)))
    notes_ok = 0
    for name, start, end, description in quoted:
        fid = fid_of.get(name)
        hits = [
            a
            for a in tables["annotation"]
            if (a["fid"], a["pos0"], a["pos1"]) == (fid, start, end) and a["memo"] == description
        ]
        if len(hits) == 1:
            notes_ok += 1
        else:
            problems.append(f"quote at {start}-{end} of {name!r}: {len(hits)} annotations")
    interviews = journal.interviews()
    cases = {c["name"]: c for c in tables["cases"]}
    # Every case SourceRef should arrive as a case_text row over the whole file.
    case_name = {c["caseid"]: c["name"] for c in tables["cases"]}
    source_of = {s["id"]: s for s in tables["source"]}
    arrived_links = {
        (case_name.get(r["caseid"]), source_of[r["fid"]]["name"])
        for r in tables["case_text"]
        if r["pos0"] == 0 and r["pos1"] == len(source_of[r["fid"]]["fulltext"] or "")
    }
    expected_links = {
        (case.get("name"), exported[ref.get("targetGUID")][0])
        for case in root.iterfind(".//q:Cases/q:Case", ns)
        for ref in case.iterfind("q:SourceRef", ns)
        if ref.get("targetGUID") in exported
    }
    for missing in sorted(expected_links - arrived_links):
        problems.append(f"case {missing[0]!r}: its link to {missing[1]!r} did not arrive")
    case_attributes = [a for a in tables["attribute"] if a["attr_type"] == "case"]
    file_attributes = [a for a in tables["attribute"] if a["attr_type"] == "file"]
    interview_attr = [a for a in file_attributes if a["name"] == "Interview"]
    memo_entries = [e for e in journal.entries() if e.kind == "memo"]
    return {
        "sources": {"exported": len(exported), "arrived": len(tables["source"])},
        "codes": {
            "themes": len(themes),
            "concepts": 4,
            "arrived": len(tables["code_name"]),
            "categories": len(tables["code_cat"]),
            "sub_codes": sum(1 for c in tables["code_name"] if c["supercid"] is not None),
        },
        "codings": {
            "passages": len(coded_passages(journal)),
            "expected_rows": expected_rows,
            "at_the_coded_words": matched,
            "by_kind": by_kind,
            "code_text_rows": len(rows),
            "other_rows": len(rows) - matched,
        },
        "coding_memos": {"expected": memos, "arrived": memo_ok},
        "editor": {
            "rows": len(dump["editor"]),
            "highlight_the_words": len(shown),
            "shifted": [f"{v['seltext']!r} shown as {v['shown']!r}" for v in shifted],
        },
        "annotations": {
            "quoted_passages": len(quoted),
            "arrived": notes_ok,
            "rows": len(tables["annotation"]),
            "examples": [a["memo"] for a in tables["annotation"][:2]],
        },
        "journals": {"memos": len(memo_entries), "arrived": len(tables["journal"])},
        "cases": {
            "interviews": len(interviews),
            "arrived": len(cases),
            "case_attributes": len(case_attributes),
            "case_text_links": len(tables["case_text"]),
            "case_source_refs": len(expected_links),
            "links_arrived": len(expected_links & arrived_links),
        },
        "owners": {
            table: sorted({str(r.get("owner")) for r in tables[table]})
            for table in ("code_text", "annotation", "journal", "case_text")
        },
        "file_attributes": {
            "rows": len(file_attributes),
            "interview_on_sources": len(interview_attr),
        },
        "problems": problems,
    }


def print_report(report: dict[str, Any], meta: dict[str, str]) -> None:
    c = report["codings"]
    lines = [
        f"QualCoder {meta['qualcoder']} imported {meta['qdpx']} ({meta['journal']})",
        f"sources: {report['sources']['arrived']} of {report['sources']['exported']} "
        "(transcripts and reflections), text unchanged"
        if not any("text changed" in p for p in report["problems"])
        else "sources: TEXT CHANGED",
        f"codes: {report['codes']['arrived']} (4 concepts + {report['codes']['themes']} themes), "
        f"{report['codes']['sub_codes']} nested under their parent code, "
        f"{report['codes']['categories']} categories",
        f"codings: {c['at_the_coded_words']} of {c['expected_rows']} code_text rows at the coded "
        f"words ({c['passages']} passages: {c['by_kind']['transcript']} rows in transcripts, "
        f"{c['by_kind']['reflection']} in reflections); {c['other_rows']} more rows for whole "
        "entries, answers and excerpts",
        f"coding memos: {report['coding_memos']['arrived']} of {report['coding_memos']['expected']}",
        f"QualCoder's editor (Qt, UTF-16 positions) highlights the coded words for "
        f"{report['editor']['highlight_the_words']} of {report['editor']['rows']} rows; "
        "shifted by the astral-plane characters (emoji) before them:",
        *(f"  - {line}" for line in report["editor"]["shifted"]),
        f"journals (memos): {report['journals']['arrived']} of {report['journals']['memos']}",
        f"cases: {report['cases']['arrived']} of {report['cases']['interviews']}, "
        f"{report['cases']['case_attributes']} case attributes, "
        f"{report['cases']['case_text_links']} case-source links "
        f"({report['cases']['links_arrived']} of {report['cases']['case_source_refs']} "
        "case SourceRefs, each over the whole file)",
        "owners: "
        + "; ".join(f"{table}: {', '.join(names)}" for table, names in report["owners"].items()),
        f"file attributes: {report['file_attributes']['rows']} "
        f"({report['file_attributes']['interview_on_sources']} name the interview)",
        f"quoted transcript passages as annotations: {report['annotations']['arrived']} of "
        f"{report['annotations']['quoted_passages']} "
        f"({report['annotations']['rows']} annotation rows), e.g. "
        + "; ".join(repr(x) for x in report["annotations"]["examples"]),
        f"problems: {len(report['problems'])}",
        *(f"  - {p}" for p in report["problems"]),
    ]
    print("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--qualcoder", type=Path, default=Path("/work/.mirror/ccbogel+QualCoder/repo")
    )
    parser.add_argument("--qualcoder-python", default="/tmp/qc-venv/bin/python")
    parser.add_argument("--journal", type=Path, help="export a copy of this journal instead")
    parser.add_argument("--lang", default="da", choices=["da", "en"])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--keep", type=Path, help="keep the .qdpx and QualCoder's dump here")
    parser.add_argument("--import-into", type=Path, help=argparse.SUPPRESS)  # step 2
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.import_into:  # step 2, in QualCoder's environment
        with tempfile.TemporaryDirectory() as work:
            dump = run_qualcoder_import(args.import_into, args.qualcoder, Path(work))
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
        return 0

    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        journal_root = workdir / "journal"
        if args.journal:
            shutil.copytree(args.journal, journal_root)
        else:
            build_journal(journal_root)
        qdpx = workdir / "eftertanke.qdpx"
        export(journal_root, qdpx, args.lang)
        dump_path = workdir / "qualcoder.json"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        step = subprocess.run(
            [
                args.qualcoder_python,
                str(HERE),
                "--import-into",
                str(qdpx),
                "--dump",
                str(dump_path),
                "--qualcoder",
                str(args.qualcoder),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if step.returncode != 0:
            print(step.stdout + step.stderr, file=sys.stderr)
            return 1
        dump = json.loads(dump_path.read_text(encoding="utf-8"))
        report = compare(journal_root, qdpx, dump)
        report["qualcoder_log"] = dump["log"]
        report["qualcoder_messages"] = dump["messages"]
        meta = {
            "qualcoder": qualcoder_commit(args.qualcoder),
            "qdpx": f"{qdpx.stat().st_size} bytes",
            "journal": str(args.journal) if args.journal else "built by the script",
        }
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(qdpx, args.keep / "eftertanke.qdpx")
            shutil.copy(dump_path, args.keep / "qualcoder.json")
        if args.json:
            print(json.dumps({"meta": meta, **report}, ensure_ascii=False, indent=1))
        else:
            print_report(report, meta)
        return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
