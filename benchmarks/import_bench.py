"""How long `eftertanke import jrnl` takes as the file grows (issue 11, case 11).

Generates a seeded jrnl JSON export of each size (about 600 characters of
text per entry, a few tags each, dates spread over years so every shard is
used), imports it into an empty journal through the real command line, and
prints the wall time of the whole process. Import must be linear: the
budget is 50,000 entries in under 30 s on the 2-core reference machine.

    .venv/bin/python benchmarks/import_bench.py                 # 5k, 20k, 50k
    .venv/bin/python benchmarks/import_bench.py --sizes 1000,5000 --timeout 120
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261202
WORDS = (
    "i dag mødet kollega tryghed ledelse vagten beboer energi træt glad svær snak "
    "the meeting went better than expected and we talked about what matters "
    "tavshed autonomi fællesskab drift tilsynet kalenderen mails ansvar"
).split()
TAGS = ["@tryghed", "@autonomi", "@drift", "@farlig-tavshed", "@fællesskab", "@ledelse"]


def jrnl_export(size: int) -> dict[str, object]:
    rng = random.Random(SEED + size)
    start = datetime(2012, 1, 2, 7, 0)
    entries = []
    for number in range(size):
        moment = start + timedelta(minutes=97 * number + rng.randrange(60))
        words = [rng.choice(WORDS) for _ in range(rng.randint(70, 110))]
        entries.append(
            {
                "title": f"Entry {number}: " + " ".join(words[:6]) + ".",
                "body": " ".join(words[6:]),
                "date": moment.strftime("%Y-%m-%d"),
                "time": moment.strftime("%H:%M"),
                "tags": rng.sample(TAGS, rng.randint(0, 2)),
                "starred": rng.random() < 0.05,
            }
        )
    return {"tags": {t: 1 for t in TAGS}, "entries": entries}


def run_import(size: int, workdir: Path, timeout: float) -> tuple[float, float] | None:
    """Wall time and CPU time (user + system) of one whole import process."""
    source = workdir / f"jrnl-{size}.json"
    if not source.exists():
        source.write_text(json.dumps(jrnl_export(size)), encoding="utf-8")
    journal = workdir / f"journal-{size}"
    shutil.rmtree(journal, ignore_errors=True)
    config = workdir / "config"
    config.mkdir(exist_ok=True)
    env = {**os.environ, "EFTERTANKE_CONFIG_DIR": str(config), "EFTERTANKE_AUTHOR": "bench"}
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(journal)]
    argv += ["import", "jrnl", str(source), "--yes", "--concept", "safety"]
    began = time.perf_counter()
    cpu_before = _children_cpu()
    try:
        result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    elapsed = time.perf_counter() - began
    cpu = _children_cpu() - cpu_before
    if result.returncode != 0:
        raise SystemExit(f"import of {size} failed: {result.stderr.strip()}")
    if f"added {size} entries" not in result.stdout:
        raise SystemExit(f"import of {size} did not add every entry: {result.stdout[:300]}")
    return elapsed, cpu


def _children_cpu() -> float:
    # CPU time tells the import's own cost apart from waiting on a busy disk
    # (every shard write is fsynced) or on other processes for the cores.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,50000")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds per import")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="eftertanke-import-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            measured = run_import(size, workdir, args.timeout)
            if measured is None:
                shown = f"> {args.timeout:.0f} s (killed)"
            else:
                elapsed, cpu = measured
                shown = f"{elapsed:7.1f} s wall, {cpu:6.1f} s CPU ({size / elapsed:,.0f} entries/s)"
            print(f"import jrnl {size:>7,} entries: {shown}", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
