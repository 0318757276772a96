"""The analysis of coded passages at scale (issue 12's budget).

Matrix and theme digest at 10,000 entries with 50,000 codings and 100
transcripts: under 0.3 s each, in process (from the stored dicts the journal
hands out, transcripts included, as the command line and the app pass them);
and the whole-process ``eftertanke analyse matrix``.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python benchmarks/analysis_codings_bench.py
    ... --runs 9 --rebuild --workdir benchmarks/out

The journal is the 10,000-entry fixture of ``fixtures.py`` (built and cached
first if missing) plus 80 more interviews, a transcript for each of the 100
interviews (about 150 turns, 6,000 words, 200 codings each: 20,000) and
30,000 codings on the entries' answers and bodies (three per entry, one or
two themes each). Seeded, so it is the same every time; cached in the
workdir (``analysis-codings-10000``) and rebuilt only when ``VERSION``
changes or with ``--rebuild``. Transcripts go through
``journal.transcripts.add``; the entry codings are merged into the shard
files directly (through the store's own ``AtomicStorage``, as the fixture
builder does for large journals), which is for building only.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures  # noqa: E402

from eftertanke.domain import Coding, Interview  # noqa: E402
from eftertanke.store import layout  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.store.storage import AtomicStorage  # noqa: E402
from eftertanke.transcript import Transcript, Turn  # noqa: E402

VERSION = 1
SIZE = 10_000
INTERVIEWS = 100
TURNS = 150
TRANSCRIPT_CODINGS = 200
ENTRY_CODINGS = 3  # per entry: 30,000
BUDGET_S = 0.3
SEED = 20261202


def _span(rng: random.Random, text: str) -> tuple[int, int] | None:
    """A run of 3 to 15 words of ``text``, as a researcher would select them."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    if len(words) < 3:
        return None
    length = rng.randint(3, min(15, len(words)))
    first = rng.randint(0, len(words) - length)
    return words[first][0], words[first + length - 1][1]


def _transcript(rng: random.Random, code: str, themes: list[str]) -> Transcript:
    interviewer = rng.choice(["Mette", "Jonas"])
    respondent = rng.choice(["Leder", "Plejehjemsleder", "Afdelingschef"])
    turns = []
    clock = 5.0
    for n in range(TURNS):
        speaker = interviewer if n % 2 == 0 else respondent
        sentences = rng.randint(1, 2) if speaker == interviewer else rng.randint(3, 6)
        text = " ".join(rng.choice(fixtures.DANISH) for _ in range(sentences))
        turns.append(Turn(speaker, text, round(clock, 1)))
        clock += len(text.split()) * 0.4 + rng.uniform(0.5, 3.0)
    transcript = Transcript(
        interview=code, turns=turns, interviewers=[interviewer], format="vtt", language="da"
    )
    text = transcript.text
    spans = transcript.turn_spans
    codings = []
    for _ in range(TRANSCRIPT_CODINGS):
        turn = rng.randrange(len(turns))
        found = _span(rng, turns[turn].text)
        if found is None:
            continue
        base = spans[turn][0]
        start, end = base + found[0], base + found[1]
        if rng.random() < 0.1 and turn + 1 < len(turns):  # a question and its answer
            end = spans[turn + 1][0] + min(40, len(turns[turn + 1].text))
        chosen = rng.sample(themes, rng.choice([1, 1, 2]))
        codings.append(Coding.of(text, start, end, chosen, source="transcript", author="Mette"))
    transcript.codings = codings
    return transcript


def build(path: Path, workdir: Path, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    source = fixtures.fixture(workdir, SIZE, log=log)
    fixtures.working_copy(source, path)
    rng = random.Random(SEED)
    journal = Journal(path, author="Mette")
    themes = [t.name for t in journal.themes()]
    known = {i.code for i in journal.interviews()}
    for n in range(1, INTERVIEWS + 1):
        code = f"I{n:02d}" if n < 100 else f"I{n}"
        if code not in known:
            journal.add_interview(Interview(code=code, role="leder", level="leader"))
    log(f"  {INTERVIEWS} interviews; writing {INTERVIEWS} transcripts")
    for n in range(1, INTERVIEWS + 1):
        code = f"I{n:02d}" if n < 100 else f"I{n}"
        journal.transcripts.add(_transcript(rng, code, themes))
    log(f"  coding {SIZE * ENTRY_CODINGS:,} passages of entries")
    by_shard: dict[Path, dict[str, Any]] = defaultdict(dict)
    codings = 0
    for entry in journal.entries():
        texts = [("section", s.prompt_id, s.answer) for s in entry.sections if s.answer.strip()]
        if entry.body.strip():
            texts.append(("body", None, entry.body))
        for _ in range(ENTRY_CODINGS):
            source, section, text = rng.choice(texts)
            found = _span(rng, text)
            if found is None:
                continue
            chosen = rng.sample(themes, rng.choice([1, 1, 2]))
            entry.codings.append(
                Coding.of(text, *found, chosen, source=source, section=section, author="Mette")
            )
            codings += 1
        entry.validate()
        by_shard[layout.shard_path(journal.root, entry.id)][entry.id] = journal._stored(entry)
    with journal.lock:
        for shard, docs in sorted(by_shard.items()):
            storage = AtomicStorage(shard, journal.codec)
            tables = storage.read() or {}
            tables.setdefault(layout.ENTRIES_TABLE, {}).update(docs)
            storage.write(tables)
    journal.invalidate_cache()
    transcript_codings = sum(len(t.get("codings") or ()) for t in journal.transcripts.raw())
    return {
        "version": VERSION,
        "entries": SIZE,
        "entry_codings": codings,
        "transcript_codings": transcript_codings,
        "transcripts": INTERVIEWS,
        "seconds": round(time.perf_counter() - began, 1),
    }


def coded_journal(workdir: Path, rebuild: bool, log=print) -> tuple[Path, dict[str, Any]]:  # type: ignore[no-untyped-def]
    target = workdir / f"analysis-codings-{SIZE}"
    marker = workdir / f"analysis-codings-{SIZE}.built.json"
    if not rebuild and target.is_dir() and marker.is_file():
        info = orjson.loads(marker.read_bytes())
        if info.get("version") == VERSION:
            return target, info
    building = workdir / f"analysis-codings-{SIZE}.building"
    for stale in (building, target):
        if stale.exists():
            shutil.rmtree(stale)
    log(f"building {target} (cached for later runs)")
    info = build(building, workdir, log)
    building.rename(target)
    marker.write_bytes(orjson.dumps(info))
    return target, info


def timed(runs: int, work) -> tuple[tuple[float, float], Any]:  # type: ignore[no-untyped-def]
    """The median wall and CPU seconds of ``runs`` runs after a warm-up (on a
    shared machine the CPU time says what the work costs, the wall time what
    a person waited)."""
    result = work()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return (statistics.median(wall), statistics.median(cpu)), result


def whole_process(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall seconds and CPU seconds (user + system, from wait4) of a command."""
    subprocess.run(args, env=env, check=True, capture_output=True)  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        began = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall.append(time.perf_counter() - began)
        cpu.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{' '.join(args[1:])} failed")
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--freeze", action="store_true", help="gc.freeze() the loaded journal first."
    )
    parser.add_argument(
        "--in-process", action="store_true", help="Skip the whole-process measurements."
    )
    options = parser.parse_args()
    workdir = options.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    path, info = coded_journal(workdir, options.rebuild)
    print(
        f"journal: {info['entries']:,} entries, {info['entry_codings']:,} entry codings, "
        f"{info['transcripts']} transcripts with {info['transcript_codings']:,} codings"
    )

    from eftertanke.analysis.common import theme_concepts
    from eftertanke.analysis.cooccurrence import theme_cooccurrence
    from eftertanke.analysis.coverage import concept_coverage
    from eftertanke.analysis.matrix import theme_matrix
    from eftertanke.analysis.report import analyse_all
    from eftertanke.export.report import theme_digest

    journal = Journal(path, author="bench")
    began, began_cpu = time.perf_counter(), time.process_time()
    docs = list(journal.raw_entries())
    transcripts = list(journal.transcripts.raw())
    load = (time.perf_counter() - began, time.process_time() - began_cpu)
    if options.freeze:
        # as ``eftertanke analyse`` does: the loaded journal is never a cycle to collect
        gc.freeze()
    themes = journal.themes()
    interviews = journal.interviews()
    concepts = theme_concepts(themes)
    codes = [i.code for i in interviews]
    counts: dict[str, int] = defaultdict(int)
    for doc in docs:
        for raw in doc.get("codings") or ():
            for theme in raw.get("themes") or ():
                counts[theme] += 1
    theme = max(counts, key=counts.__getitem__)
    runs = options.runs
    rows: list[tuple[str, tuple[float, float], float | None, str]] = [
        ("load: raw entries and transcripts (first read)", load, None, f"{len(docs):,} entries"),
    ]
    seconds, matrix = timed(
        runs, lambda: theme_matrix(docs, concepts, codes, transcripts=transcripts)
    )
    cells = sum(cell.total for cell in matrix.cells.values())
    rows.append(("matrix (from stored dicts)", seconds, BUDGET_S,
                 f"{len(matrix.themes)} themes x {len(matrix.interviews)} interviews, {cells:,} counted"))  # fmt: skip
    seconds, text = timed(
        runs, lambda: theme_digest(theme, docs, interviews, themes, "da", transcripts=transcripts)
    )
    rows.append(("theme digest (from stored dicts)", seconds, BUDGET_S,
                 f"{theme!r}: {text.count(chr(10) + '> (')} quoted passages, {len(text) / 1e6:.1f} MB"))  # fmt: skip
    entries = journal.entries()
    seconds, _ = timed(
        runs,
        lambda: theme_digest(theme, entries, interviews, themes, "da", transcripts=transcripts),
    )
    rows.append(("theme digest (from Entry objects built already)", seconds, BUDGET_S, ""))
    seconds, _ = timed(
        runs, lambda: concept_coverage(docs, concepts, codes, transcripts=transcripts)
    )
    rows.append(("coverage", seconds, None, "for reference"))
    seconds, pairs = timed(runs, lambda: theme_cooccurrence(docs, transcripts=transcripts))
    rows.append(("co-occurrence", seconds, None, f"{len(pairs.pairs)} pairs; for reference"))
    seconds, _ = timed(
        max(3, runs // 2),
        lambda: analyse_all(docs, themes, interviews, transcripts=transcripts),
    )
    rows.append(("every view (the report's analyse_all)", seconds, None, "for reference"))

    if not options.in_process:
        rows += whole_process_rows(path, workdir, theme, runs)
    report(rows)
    return 0


def whole_process_rows(path: Path, workdir: Path, theme: str, runs: int) -> list[Any]:
    rows = []
    executable = Path(sys.executable).with_name("eftertanke")
    config = workdir / "config"
    config.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFTERTANKE_")}
    env["EFTERTANKE_CONFIG_DIR"] = str(config)
    scratch = fixtures.working_copy(path, workdir / "analysis-codings-scratch")
    base = [str(executable), "--journal", str(scratch)]
    subprocess.run([*base, "list", "-n", "1"], env=env, check=True, capture_output=True)
    for args, what in (
        (["analyse", "matrix"], "whole process: eftertanke analyse matrix"),
        (["analyse", "matrix", "--format", "json"], "whole process: analyse matrix --format json"),
        (["export", "markdown", "--digest", theme, "--out", str(workdir / "digest.md"), "--force"],
         "whole process: export markdown --digest THEME"),
    ):  # fmt: skip
        rows.append((what, whole_process([*base, *args], env, max(3, runs // 2)), None, ""))
    return rows


def report(rows: list[Any]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement'.ljust(width)}  wall      cpu       budget     note")
    for name, (wall, cpu), budget, note in rows:
        verdict = ""
        if budget is not None:
            verdict = f"{budget:.1f} s {'ok' if wall <= budget else 'OVER'}"
        print(f"{name.ljust(width)}  {wall:.3f} s  {cpu:.3f} s  {verdict:<10} {note}")
    load = os.getloadavg()[0]
    print(f"\nload average {load:.2f} on {os.cpu_count()} cores (others' work shows in wall times)")


if __name__ == "__main__":
    raise SystemExit(main())
