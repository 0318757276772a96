"""The same corpus in jrnl 4.6, so eftertanke can be measured beside it.

Issue 16 asks for the ratio to jrnl for adding, searching and exporting at
10,000 entries, side by side in one run on the same corpus and machine. This
module finds (or makes) a jrnl 4.6, writes the scratch journal's entries as a
jrnl journal (jrnl's plain-text format: one ``[date time] title`` line, then
the body), and gives the command lines for each operation. ``bench.py``'s
``vs-jrnl`` measurement times both tools with its ``run_process``.

jrnl keeps its whole journal in one text file and reads and rewrites all of
it on every command, which is the cost the comparison shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

JRNL_VERSION = "4.6"
TIME_FORMAT = "%Y-%m-%d %I:%M:%S %p"  # jrnl's default "%F %r"


def find_jrnl(workdir: Path) -> str | None:
    """A jrnl 4.6 command: ``$EFTERTANKE_BENCH_JRNL``, else the bench's own venv
    under ``workdir`` (made with pip on first use), else None (no network)."""
    named = os.environ.get("EFTERTANKE_BENCH_JRNL")
    if named:
        return named
    exe = workdir / "jrnl-venv" / "bin" / "jrnl"
    if not exe.exists():
        venv = workdir / "jrnl-venv"
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, subprocess.CalledProcessError):
            shutil.rmtree(venv, ignore_errors=True)
            return None
    return str(exe)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def jrnl_text(docs: list[dict]) -> str:
    """Entries as a jrnl journal, oldest first (the order jrnl keeps).

    The title is the entry's title (or its kind), the body its answers and
    free text, so a word searched for in eftertanke is in the jrnl body too.
    """
    rows = []
    for doc in docs:
        created = datetime.fromisoformat(doc["created"])
        parts = [doc.get("body") or ""]
        parts += [s.get("answer") or "" for s in doc.get("sections") or []]
        body = "\n".join(p for p in parts if p.strip())
        title = _one_line(doc.get("title") or doc.get("kind") or "entry").rstrip(".?!")
        rows.append((created, f"[{created.strftime(TIME_FORMAT)}] {title}.\n{body}\n"))
    rows.sort(key=lambda row: row[0])
    return "\n".join(text for _, text in rows)


def write_corpus(journal_root: Path, out: Path) -> tuple[Path, int]:
    """The scratch journal's live entries as ``out/journal.txt`` and a config
    for it; returns the config file and the number of entries written."""
    from eftertanke.store.journal import Journal

    journal = Journal(journal_root, author="bench")
    docs = list(journal.raw_entries())
    out.mkdir(parents=True, exist_ok=True)
    text_file = out / "journal.txt"
    text_file.write_text(jrnl_text(docs), encoding="utf-8")
    config = out / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {text_file}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%F %r'\nversion: v4.6\n",
        encoding="utf-8",
    )
    return config, len(docs)


def commands(jrnl: str, config: Path, word: str, out: Path) -> dict[str, list[str]]:
    """jrnl's command for each compared operation."""
    base = [jrnl, "--config-file", str(config)]
    return {
        "add": [*base, "Benchmark-indlæg: en kort note om dagen, skrevet fra kommandolinjen."],
        "search": [*base, "-contains", word],
        "export": [*base, "--format", "json", "--file", str(out / "jrnl-export.json")],
    }
