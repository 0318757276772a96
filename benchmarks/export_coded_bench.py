"""Export and merge with coded passages and transcripts, at 10,000 entries.

The Markdown export's budget (1 s for 10,000 entries, whole process) on the
plain 10,000-entry fixture (``fixtures.py``) and on the coded one of
``analysis_codings_bench.py`` (30,000 codings on the entries, 100
transcripts with 20,000 more), where every entry's front matter carries its
codings and a file per transcript is written; the JSON export of the coded
journal; and a whole-journal merge of two copies of the coded journal after
each side coded 50 more passages (nothing copied twice, no conflict copy).

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python benchmarks/export_coded_bench.py
    ... --runs 5 --workdir benchmarks/out

Figures are medians of ``--runs`` after a warm-up: wall seconds (what a
person waits on a shared machine) and CPU seconds (what the work costs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import analysis_codings_bench as coded  # noqa: E402
import fixtures  # noqa: E402

from eftertanke.domain import Coding  # noqa: E402
from eftertanke.export import journal_markdown as jm  # noqa: E402
from eftertanke.services.merge import merge_journal  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402

BUDGET_S = 1.0


def scratch(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "*.mirror", ".lock"))
    return target


def render(path: Path) -> tuple[float, float]:
    journal = Journal(path, create=False)
    docs = list(journal.raw_entries())
    transcripts = list(journal.transcripts.raw())

    def work() -> int:
        export = jm.ExportSet(docs, journal.interviews(), journal.themes(), "da", transcripts)
        return sum(len(data) for part in jm.folder_parts(export, 1) for _name, data in part)

    (wall, cpu), _ = coded.timed(3, work)
    return wall, cpu


def code_more(path: Path, author: str, offset: int) -> None:
    """50 new codings on entries of one side (the same entries on both sides)."""
    journal = Journal(path, create=False, author=author)
    theme = journal.themes()[0].name
    docs = [d for d in journal.raw_entries() if d.get("kind") == "interview"][:50]
    for doc in docs:

        def change(entry, offset=offset):  # type: ignore[no-untyped-def]
            for section in entry.sections:
                if len(section.answer) > offset + 10:
                    entry.codings.append(
                        Coding.of(
                            section.answer, offset, offset + 10, [theme], source="section",
                            section=section.prompt_id, author=author,
                        )
                    )  # fmt: skip
                    return

        journal.modify_entry(str(doc["id"]), change)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    plain = fixtures.fixture(workdir, coded.SIZE)
    coded_path, _info = coded.coded_journal(workdir, rebuild=False)
    env = {**os.environ, "EFTERTANKE_CONFIG_DIR": str(workdir / "config")}
    eft = [str(Path(sys.executable).with_name("eftertanke"))]
    rows = []
    for label, source in (("plain", plain), ("coded", coded_path)):
        path = scratch(source, workdir / f"export-{label}")
        Journal(path, create=False).entries()  # migrate or build the manifest first
        wall, cpu = render(path)
        rows.append((f"render Markdown, in process ({label})", wall, cpu, None))
        out = workdir / f"export-{label}-md"
        command = [*eft, "--journal", str(path), "export", "markdown", "--out", str(out), "--force"]
        wall, cpu = coded.whole_process(command, env, args.runs)
        rows.append((f"eftertanke export markdown ({label})", wall, cpu, BUDGET_S))
    out = workdir / "export-coded.json"
    command = [*eft, "--journal", str(workdir / "export-coded"), "export", "json", "--out",
               str(out), "--force"]  # fmt: skip
    wall, cpu = coded.whole_process(command, env, args.runs)
    rows.append(("eftertanke export json (coded)", wall, cpu, None))
    ours = scratch(coded_path, workdir / "merge-ours")
    theirs = scratch(coded_path, workdir / "merge-theirs")
    code_more(ours, "Mette", 0)
    code_more(theirs, "Jonas", 20)
    began, began_cpu = time.perf_counter(), time.process_time()
    report = merge_journal(Journal(ours, author="Mette"), Journal(theirs, create=False))
    rows.append(
        ("merge two coded 10k journals, in process", time.perf_counter() - began,
         time.process_time() - began_cpu, None)
    )  # fmt: skip
    assert not report.conflicts and len(report.updated) == 50, report.to_dict()
    began, began_cpu = time.perf_counter(), time.process_time()
    again = merge_journal(Journal(ours, author="Mette"), Journal(theirs, create=False))
    rows.append(
        ("merge again (nothing to do), in process", time.perf_counter() - began,
         time.process_time() - began_cpu, None)
    )  # fmt: skip
    assert not again.changed
    print(f"{'measurement':48} {'wall s':>8} {'cpu s':>8}  budget")
    for label, wall, cpu, budget in rows:
        mark = "" if budget is None else f"  {budget:.1f} s {'ok' if wall <= budget else 'OVER'}"
        print(f"{label:48} {wall:8.3f} {cpu:8.3f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
