"""Two builds of eftertanke timed turn about, at the same moment.

A machine whose speed wanders from minute to minute (a shared VM) cannot
compare two commits measured an hour apart. This runs each command with the
one build, then the other, ``--runs`` times, and prints the medians side by
side (Markdown), so both see the same machine:

    git clone -q . /tmp/before && git -C /tmp/before checkout -q <commit>
    python3 -m venv /tmp/before/.venv && /tmp/before/.venv/bin/pip install -q -e /tmp/before
    .venv/bin/python benchmarks/turn_about.py /tmp/before/.venv/bin/eftertanke \\
        .venv/bin/eftertanke --journal10k /work/bench/journal-10000 \\
        --journal100k /work/bench/journal-100000 --cache /work/bench/cache

The journals get the entries ``new -m`` writes (use copies, or the bench's
fixtures, which tolerate them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time


def cases(journal10k: str | None, journal100k: str | None) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = [("--version", ["--version"])]
    for size, journal in (("10,000", journal10k), ("100,000", journal100k)):
        if journal:
            found.append(
                (f"list --search, {size}", ["--journal", journal, "list", "--search", "kaffeautomaten"])
            )
    for size, journal in (("10,000", journal10k), ("100,000", journal100k)):
        if journal:
            found.append(
                (f"new -m, {size}", ["--journal", journal, "new", "--kind", "daily", "-m", "turn {i}"])
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="the one build's eftertanke")
    parser.add_argument("after", help="the other's")
    parser.add_argument("--journal10k")
    parser.add_argument("--journal100k")
    parser.add_argument("--cache", help="EFTERTANKE_CACHE_DIR for both (the search index)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    # Bytecode as an installed program has it (PYTHONDONTWRITEBYTECODE would
    # recompile every changed module in every run).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.cache:
        env["EFTERTANKE_CACHE_DIR"] = args.cache
    builds = {"before": args.before, "after": args.after}
    print("| command | before | after |\n|---|---|---|")
    for name, command in cases(args.journal10k, args.journal100k):
        for exe in builds.values():  # warm: the page cache, the index brought up to date
            run = [a.replace("{i}", "warm") for a in command]
            subprocess.run([exe, *run], stdout=subprocess.DEVNULL, env=env, check=True)
        seconds: dict[str, list[float]] = {k: [] for k in builds}
        for n in range(args.runs):
            for key, exe in builds.items():
                run = [a.replace("{i}", str(n)) for a in command]
                began = time.perf_counter()
                subprocess.run([exe, *run], stdout=subprocess.DEVNULL, env=env, check=True)
                seconds[key].append(time.perf_counter() - began)
        cells = [f"{statistics.median(v):.3f} s (min {min(v):.3f})" for v in seconds.values()]
        print(f"| {name} | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()
