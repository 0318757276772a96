"""Measure eftertanke against the performance budgets in DESIGN.md.

    /tmp/venv/bin/python benchmarks/bench.py --sizes 1000,10000 --runs 10

Builds (once, then cached under ``--workdir``) journals of the requested
sizes, copies each to a scratch folder, and runs every registered
measurement on the copy. Whole-process figures run the venv's
``eftertanke`` as a subprocess, the way a user's shell does; in-process
figures call the store directly.

A measurement is a function registered with ``@measurement``; it gets a
``Context`` and returns one or more ``Result`` rows. To add one (TUI start,
export, analysis), write a function below and give it a name; ``--only
NAME`` runs just that one.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / "out"
DEFAULT_SIZES = (1000, 10000)


@dataclass
class Context:
    size: int
    journal: Path  # the scratch copy measurements may write into
    runs: int
    saves: int
    exe: str
    env: dict[str, str]
    workdir: Path

    @property
    def exe_python(self) -> str:
        return str(Path(self.exe).parent / "python")

    def cli(self, *args: str) -> list[str]:
        return [self.exe, "--journal", str(self.journal), *args]


@dataclass
class Result:
    label: str
    unit: str  # "s", "ms" or "MB"
    samples: list[float]
    budget: float | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def status(self) -> str:
        if self.budget is None:
            return "—"
        return "pass" if self.median <= self.budget else "OVER"


@dataclass(frozen=True)
class Measurement:
    name: str
    description: str
    func: Callable[[Context], list[Result]]


REGISTRY: dict[str, Measurement] = {}


def measurement(name: str, description: str):  # type: ignore[no-untyped-def]
    def register(func: Callable[[Context], list[Result]]) -> Callable[[Context], list[Result]]:
        REGISTRY[name] = Measurement(name, description, func)
        return func

    return register


# --- helpers -------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: bytes = field(repr=False, default=b"")
    stderr: bytes = field(repr=False, default=b"")
    cpu_seconds: float = 0.0  # user + system, from wait4: what the load of others does not inflate


# GNU time reports its child's peak RSS. wait4's own figure for a child of
# this process is no lower than this process's RSS when it started the child
# (Linux counts the pages a forked child shares until exec), and this process
# grows to a gigabyte at 100,000 entries (an index built in process): started
# from the small ``time``, the command's peak is its own.
GNU_TIME = Path("/usr/bin/time")


def peak_wrapped(args: list[str], report: Path) -> list[str]:
    """``args`` run under GNU time, which writes the peak RSS in KB to ``report``."""
    if not GNU_TIME.exists():
        return args
    return [str(GNU_TIME), "-o", str(report), "-f", "%M", *args]


def peak_mb(report: Path, usage: Any) -> float:
    """The peak RSS GNU time wrote, else wait4's (an upper bound, see GNU_TIME)."""
    try:
        return int(report.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        # ru_maxrss is in kilobytes on Linux, bytes on macOS.
        return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_process(ctx: Context, args: list[str], ok: tuple[int, ...] = (0,)) -> Run:
    """Run a command to completion: wall and CPU time from wait4, peak RSS
    from GNU time (``peak_wrapped``). An exit code outside ``ok`` is an error
    (``due`` exits 1 when something is waiting)."""
    out_path = ctx.workdir / "stdout.tmp"
    err_path = ctx.workdir / "stderr.tmp"
    report = ctx.workdir / "peak.tmp"
    report.unlink(missing_ok=True)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        began = time.perf_counter()
        proc = subprocess.Popen(
            peak_wrapped(args, report),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=ctx.env,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(
        seconds,
        peak_mb(report, usage),
        proc.returncode,
        out_path.read_bytes(),
        err_path.read_bytes(),
        usage.ru_utime + usage.ru_stime,
    )
    if run.returncode not in ok:
        raise RuntimeError(
            f"{' '.join(args[1:])} exited {run.returncode}: {run.stderr.decode(errors='replace').strip()}"
        )
    return run


def remove_backups(ctx: Context) -> None:
    shutil.rmtree(ctx.journal / "backups", ignore_errors=True)


def new_args(ctx: Context, n: int) -> list[str]:
    return ctx.cli(
        "new", "--kind", "daily", "-m",
        f"Benchmark-indlæg {n}: en kort note om dagen, skrevet fra kommandolinjen.",
    )  # fmt: skip


# --- measurements ----------------------------------------------------------------


@measurement("new-first", "`eftertanke new -m`, first write of the hour (takes a backup)")
def measure_new_first(ctx: Context) -> list[Result]:
    samples = []
    for n in range(min(ctx.runs, 3)):
        remove_backups(ctx)
        samples.append(run_process(ctx, new_args(ctx, n)).seconds)
    return [
        Result("new -m (first of the hour, with backup)", "s", samples, 0.3,
               f"median of {len(samples)}; the whole-journal backup is included")
    ]  # fmt: skip


@measurement(
    "new-first-incremental",
    "`eftertanke new -m`, first write of the hour after an earlier backup (links what is unchanged)",
)
def measure_new_first_incremental(ctx: Context) -> list[Result]:
    samples = []
    linked = copied = 0
    for n in range(min(ctx.runs, 3)):
        remove_backups(ctx)
        run_process(ctx, new_args(ctx, 100 + n))  # the earlier backup: a whole copy
        # As if it were taken two hours ago, of files written before then.
        hours_ago = time.time() - 7200
        folders = list((ctx.journal / "backups").iterdir())
        copies = {p.resolve() for f in folders for p in f.rglob("*") if p.is_file()}
        live = [p for p in ctx.journal.rglob("*.json") if "backups" not in p.parts]
        for path in [*live, *copies]:
            os.utime(path, (hours_ago - 3600, hours_ago - 3600))
        for folder in folders:
            os.utime(folder, (hours_ago, hours_ago))
        samples.append(run_process(ctx, new_args(ctx, 200 + n)).seconds)
        newest = max((ctx.journal / "backups").iterdir())
        kept = [p for p in newest.rglob("*") if p.is_file()]
        linked = sum(1 for p in kept if p.stat().st_nlink > 1)
        copied = len(kept) - linked
    return [
        Result("new -m (first of the hour, earlier backup 2 h old)", "s", samples, 0.1,
               f"median of {len(samples)}; backup linked {linked} files, copied {copied}")
    ]  # fmt: skip


@measurement("new", "`eftertanke new -m` whole process, a backup already recent")
def measure_new(ctx: Context) -> list[Result]:
    run_process(ctx, new_args(ctx, 0))  # warm-up: page cache, and a recent backup
    runs = [run_process(ctx, new_args(ctx, n)) for n in range(1, ctx.runs + 1)]
    return [
        Result("new -m", "s", [r.seconds for r in runs], 0.3, f"median of {len(runs)}"),
    ]


@measurement(
    "list-search",
    "`eftertanke list --search WORD` whole process (index warm, cold, after a save), and its peak RSS",
)
def measure_list_search(ctx: Context) -> list[Result]:
    from eftertanke.services.search_index import index_path

    args = ctx.cli("list", "--search", fixtures.RARE_WORD)
    os.environ["EFTERTANKE_CACHE_DIR"] = ctx.env["EFTERTANKE_CACHE_DIR"]  # where the runs keep it
    index = index_path(ctx.journal)
    # A new index warms a few shards per search (the scan answers meanwhile),
    # so at 100,000 entries one search would leave it cold: build it whole
    # first, as `doctor --repair` does, and time the searches it answers.
    build_began = time.perf_counter()
    built = _build_search_index(ctx)
    build_seconds = time.perf_counter() - build_began
    warm = run_process(ctx, args)
    hits = sum(1 for line in warm.stdout.splitlines() if line.strip())
    runs = [run_process(ctx, args) for _ in range(ctx.runs)]
    ranked = [run_process(ctx, [*args, "--rank"]) for _ in range(ctx.runs)]
    floor = [run_process(ctx, [ctx.exe, "--version"]) for _ in range(ctx.runs)]
    cold = []
    for _ in range(max(1, ctx.runs // 10)):
        index.unlink(missing_ok=True)
        cold.append(run_process(ctx, args))
    _build_search_index(ctx)  # the cold runs left it warming again
    saved = []
    for n in range(max(1, ctx.runs // 2)):
        run_process(ctx, new_args(ctx, 1000 + n))  # one shard changes
        saved.append(run_process(ctx, args))
    scan_env = {**ctx.env, "EFTERTANKE_NO_SEARCH_INDEX": "1"}
    scan = [
        run_process(dataclasses.replace(ctx, env=scan_env), args)
        for _ in range(max(1, ctx.runs // 2))
    ]
    in_process = _search_in_process(ctx)

    def cpu(found: list[Run]) -> str:
        return f"CPU median {statistics.median(r.cpu_seconds for r in found) * 1000:.0f} ms"

    def wall(found: list[Run]) -> list[float]:
        return [r.seconds for r in found]

    note = f"median of {len(runs)}; {cpu(runs)}; {hits} matches for {fixtures.RARE_WORD!r}"
    return [
        Result("list --search WORD (index warm)", "s", wall(runs), 0.12, note),
        Result("list --search WORD --rank (index warm)", "s", wall(ranked), 0.12,
               f"median of {len(ranked)}; {cpu(ranked)}; with snippets"),
        Result("list --search WORD after a new -m (one shard re-read)", "s",
               wall(saved), 0.12, f"median of {len(saved)}; {cpu(saved)}"),
        Result("list --search WORD, index cold (rebuilt)", "s", wall(cold), None,
               f"median of {len(cold)}; {cpu(cold)}; index file deleted before each"),
        Result("list --search WORD, scan (no index)", "s", wall(scan), None,
               f"median of {len(scan)}; {cpu(scan)}; the fallback"),
        Result("floor: eftertanke --version", "s", wall(floor), None,
               f"median of {len(floor)}; {cpu(floor)}; the command line's start, for reference"),
        Result("the search alone, in process (index warm)", "ms", in_process, None,
               f"median of {len(in_process)}; refresh, match, 104 entries read and filtered"),
        Result("list --search WORD, peak RSS", "MB", [r.peak_mb for r in runs], None,
               "no CLI budget; the TUI's is 200 MB"),
        Result("search index file", "MB", [index.stat().st_size / 1e6], None, str(index.name)),
        Result("search index built whole, in process", "s", [build_seconds], None,
               f"{built} entries; once, as doctor --repair does"),
    ]  # fmt: skip


def _build_search_index(ctx: Context) -> int:
    from eftertanke.services.search_index import SearchIndex
    from eftertanke.store.journal import Journal

    journal = Journal(ctx.journal, author="bench")
    with SearchIndex.open(journal) as built:
        count = built.rebuild()
    journal.lock.release()
    return count


def _search_in_process(ctx: Context) -> list[float]:
    """Milliseconds of ``services.search.search`` alone, the journal open."""
    from eftertanke.services.query import EntryFilter
    from eftertanke.services.search import search
    from eftertanke.store.journal import Journal

    journal = Journal(ctx.journal, author="bench")
    flt = EntryFilter(search=fixtures.RARE_WORD)
    samples = []
    for _ in range(ctx.runs):
        began = time.perf_counter()
        search(journal, flt)
        samples.append((time.perf_counter() - began) * 1000)
    journal.lock.release()
    return samples


@measurement("save", "durable save of one entry in process (Journal.add_entry)")
def measure_save(ctx: Context) -> list[Result]:
    from eftertanke.store.journal import Journal

    # What earlier measurements wrote (list-search builds a 346 MB index at
    # 100,000 entries) reaches the disk first: its writeback would be timed
    # as these saves' fsyncs.
    os.sync()
    journal = Journal(ctx.journal, author="bench")
    maker = fixtures.EntryMaker(ctx.size, journal.themes(), seed=random.randrange(1 << 30))
    journal.add_entry(maker.make(0))  # warm-up: the once-a-process backup check
    samples = []
    for index in range(1, ctx.saves + 1):
        entry = maker.make(index)
        began = time.perf_counter()
        journal.add_entry(entry, check_links=True)
        samples.append((time.perf_counter() - began) * 1000)
    p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)
    return [
        Result("save one entry (add_entry)", "ms", samples, 10.0,
               f"median of {len(samples)}; p95 {p95:.1f} ms")
    ]  # fmt: skip


@measurement("tui-start", "process start to an interactive home screen (headless TUI)")
def measure_tui_start(ctx: Context) -> list[Result]:
    probe = [sys.executable, str(HERE / "tui_probe.py"), str(ctx.journal)]
    samples = []
    filled = []
    peaks = []
    report = ctx.workdir / "peak.tmp"
    for _ in range(max(3, ctx.runs // 2) + 1):
        report.unlink(missing_ok=True)
        began = time.perf_counter()
        proc = subprocess.Popen(
            peak_wrapped(probe, report), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ctx.env
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        ready = time.perf_counter() - began
        second = proc.stdout.readline()
        shown = time.perf_counter() - began
        _, status, usage = os.wait4(proc.pid, 0)
        if line.strip() != b"ready" or second.strip() != b"filled":
            raise RuntimeError(
                f"the TUI probe failed: {proc.stderr.read().decode(errors='replace')}"
            )
        samples.append(ready)
        filled.append(shown)
        peaks.append(peak_mb(report, usage))
    # the first run warms the page cache
    samples, filled, peaks = samples[1:], filled[1:], peaks[1:]
    return [
        Result("TUI start to interactive home", "s", samples, 1.0, f"median of {len(samples)}"),
        Result(
            "TUI start to home with its entries",
            "s",
            filled,
            None,
            "a large journal's entries are read after home is drawn",
        ),
        Result(
            "TUI peak RSS at start", "MB", peaks, 200.0, "the whole process, after home is drawn"
        ),
    ]


@measurement("tui-keystroke", "browse list: filtering on each search keystroke (in process)")
def measure_tui_keystroke(ctx: Context) -> list[Result]:
    import asyncio

    from textual.widgets import Input

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.screens.browse import BrowseScreen

    words = [fixtures.RARE_WORD, "tavshed", "energi"]
    direct: list[float] = []
    through_ui: list[float] = []
    on_key: list[float] = []
    followed: list[float] = []

    os.environ["EFTERTANKE_CACHE_DIR"] = ctx.env["EFTERTANKE_CACHE_DIR"]  # as the runs have it
    # The steady state: the full-text index current (the app warms it a few
    # seconds after it opens) and a large journal's entries read (in a worker
    # after Home is drawn): typing before then measures the scan or no rows.
    _build_search_index(ctx)

    async def run() -> None:
        app = EftertankeApp(Journal(ctx.journal, author="bench"), lang="en", remember=False)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            while not app.data.loaded or app._reading_entries:  # noqa: SLF001
                await pilot.pause(0.05)
            app.push_screen(BrowseScreen())
            await pilot.pause()
            screen = app.screen
            # The filter and list update itself, as each keystroke runs it.
            for word in words:
                typed = [word[:n] for n in range(1, len(word) + 1)]
                for text in typed + typed[-2::-1] + [""]:
                    screen._search = text  # noqa: SLF001 - what the Input handler sets
                    began = time.perf_counter()
                    screen.apply_filter()
                    direct.append((time.perf_counter() - began) * 1000)
            # As the search box hands keys over: what the UI thread spends on
            # each key, and how long after the last key the list shows the
            # entries holding the word (a large journal looks its words up in a
            # worker once typing pauses, screens/browse.py).
            box = screen.query_one("#browse-search", Input)
            for word in words:
                for n in range(1, len(word) + 1):
                    began = time.perf_counter()
                    screen.on_input_changed(Input.Changed(box, word[:n]))
                    on_key.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                while screen._shown_words != (word,):  # noqa: SLF001
                    await pilot.pause(0.005)
                followed.append((time.perf_counter() - began) * 1000)
                screen.on_input_changed(Input.Changed(box, ""))
                await pilot.pause()
            # End to end through the event loop, a key press until idle again.
            await pilot.press("slash")
            for key in fixtures.RARE_WORD[:6]:
                began = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                through_ui.append((time.perf_counter() - began) * 1000)

    asyncio.run(run())
    p95 = statistics.quantiles(direct, n=20)[-1]
    return [
        Result("browse: filter per keystroke", "ms", direct, 50.0,
               f"median of {len(direct)} (typing and deleting 3 words); p95 {p95:.1f} ms"),
        Result("browse: a key typed in the search box (UI thread)", "ms", on_key, 50.0,
               f"median of {len(on_key)}; p95 {statistics.quantiles(on_key, n=20)[-1]:.1f} ms"),
        Result("browse: the list shows a word's entries, after its last key", "ms", followed,
               None, "the typing pause (0.12 s) included from 2,000 entries"),
        Result("browse: key press until idle (Pilot)", "ms", through_ui, None,
               "includes the test harness's own waiting; an upper bound"),
    ]  # fmt: skip


@measurement("export-markdown", "`eftertanke export markdown --out DIR` (folder) and `--one-file`")
def measure_export_markdown(ctx: Context) -> list[Result]:
    out = ctx.workdir / f"export-{ctx.size}"

    def fresh() -> None:  # each run writes a new export; removing the old one is not timed
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        os.sync()

    folder_args = ctx.cli("export", "markdown", "--out", str(out / "folder"))
    file_args = ctx.cli("export", "markdown", "--one-file", "--out", str(out / "all.md"))
    fresh()
    run_process(ctx, folder_args)  # warm-up: page cache
    folder, one_file = [], []
    for _ in range(ctx.runs):
        fresh()
        folder.append(run_process(ctx, folder_args).seconds)
    files = sum(1 for _ in (out / "folder").iterdir())
    for _ in range(ctx.runs):
        fresh()
        one_file.append(run_process(ctx, file_args).seconds)
    size_mb = (out / "all.md").stat().st_size / 1e6
    shutil.rmtree(out, ignore_errors=True)
    return [
        Result("export markdown, folder", "s", folder, 1.0,
               f"median of {len(folder)}; {files} files, "
               f"{'2 processes, ' if ctx.size >= 2000 else ''}staged, one syncfs, renamed"),
        Result("export markdown --one-file", "s", one_file, 1.0,
               f"median of {len(one_file)}; {size_mb:.1f} MB, written atomically"),
    ]  # fmt: skip


EXPORTS = {
    "export json": ("export", "json", "--out", "{out}/all.json"),
    "export csv (ratings)": ("export", "csv", "--out", "{out}/ratings.csv"),
    "export csv (excerpts)": ("export", "csv", "--table", "excerpts", "--out", "{out}/ex.csv"),
    "export markdown, folder": ("export", "markdown", "--out", "{out}/folder"),
    "export markdown --one-file": ("export", "markdown", "--one-file", "--out", "{out}/all.md"),
    "export refi": ("export", "refi", "--out", "{out}/all.qdpx"),
    "list --json": ("list", "--json"),
}


@measurement("export-memory", "peak RSS (wait4) of every export format and `list --json`")
def measure_export_memory(ctx: Context) -> list[Result]:
    """Issue 16: export everything, any format, under 300 MB at 100,000 entries.
    One whole process per format (each writes the whole journal); peak RSS and
    CPU time from wait4, so the load of others shows in the wall time only."""
    out = ctx.workdir / f"export-memory-{ctx.size}"
    results = []
    for label, args in EXPORTS.items():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        run = run_process(ctx, ctx.cli(*(a.format(out=out) for a in args)))
        results.append(
            Result(f"{label}: peak memory", "MB", [run.peak_mb], 300.0,
                   f"one run; {run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU")
        )  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    return results


@measurement(
    "import-jrnl", "`eftertanke import jrnl` of 50,000 entries (jrnl JSON) into a new journal"
)
def measure_import_jrnl(ctx: Context) -> list[Result]:
    """Issue 16: 50,000 entries under 30 s, whatever the fixture's size (run once,
    at the first size asked for: the file is import_bench.py's seeded one)."""
    import json

    from import_bench import jrnl_export

    size = 50_000
    source = ctx.workdir / f"jrnl-{size}.json"
    if not source.exists():
        source.write_text(json.dumps(jrnl_export(size)), encoding="utf-8")
    journal = ctx.workdir / f"import-jrnl-{size}"
    shutil.rmtree(journal, ignore_errors=True)
    args = [ctx.exe, "--lang", "en", "--journal", str(journal), "import", "jrnl", str(source)]
    run = run_process(ctx, [*args, "--yes", "--concept", "safety"])
    shutil.rmtree(journal, ignore_errors=True)
    if f"added {size} entries" not in run.stdout.decode(errors="replace"):
        raise RuntimeError(f"the import did not add every entry: {run.stdout[:300]!r}")
    return [
        Result("import jrnl, 50,000 entries", "s", [run.seconds], 30.0,
               f"one run; {run.cpu_seconds:.1f} s CPU, {run.peak_mb:.0f} MB peak"),
    ]  # fmt: skip


@measurement("vs-jrnl", "add, search and export beside jrnl 4.6 on the same corpus, and the floors")
def measure_vs_jrnl(ctx: Context) -> list[Result]:
    """Issue 16: the ratio to jrnl, side by side in one run on the same corpus
    (the scratch journal's entries written as a jrnl journal, vs_jrnl.py), and
    the floors below both: the interpreter's start and importing the CLI."""
    import vs_jrnl

    jrnl = vs_jrnl.find_jrnl(ctx.workdir)
    out = ctx.workdir / f"vs-jrnl-{ctx.size}"
    shutil.rmtree(out, ignore_errors=True)
    config, count = vs_jrnl.write_corpus(ctx.journal, out)
    ours = {
        "add": lambda n: new_args(ctx, 5000 + n),
        "search": lambda n: ctx.cli("list", "--search", fixtures.RARE_WORD),
        "export": lambda n: ctx.cli("export", "json", "--out", str(out / f"ours-{n}.json")),
    }
    # The steady state: the full-text index current, as the app (which warms
    # it) or `doctor --repair` leaves it; jrnl keeps no index to build.
    os.environ["EFTERTANKE_CACHE_DIR"] = ctx.env["EFTERTANKE_CACHE_DIR"]
    _build_search_index(ctx)
    rows: list[Result] = []
    if jrnl is None:
        rows.append(Result("jrnl 4.6 not available (no pip index): ratios skipped", "s", [0.0]))
    else:
        theirs = vs_jrnl.commands(jrnl, config, fixtures.RARE_WORD, out)
        run_process(ctx, theirs["search"])  # warm-up; jrnl also updates its config once
    for name, argv in ours.items():
        run_process(ctx, argv(0))  # warm-up (page cache, the search index)
        mine = [run_process(ctx, argv(n)).seconds for n in range(1, ctx.runs + 1)]
        rows.append(Result(f"eftertanke {name}", "s", mine, None, f"median of {len(mine)}"))
        if jrnl is not None:
            other = [run_process(ctx, theirs[name]).seconds for _ in range(ctx.runs)]
            rows.append(
                Result(
                    f"jrnl {vs_jrnl.JRNL_VERSION} {name}",
                    "s",
                    other,
                    None,
                    f"median of {len(other)}; {count} entries in one text file",
                )
            )
            ratio = statistics.median(mine) / statistics.median(other)
            rows.append(
                Result(
                    f"{name}: eftertanke / jrnl", "x", [ratio], 1.0, "under 1 is faster than jrnl"
                )
            )
    floors = {
        "floor: python -c pass": [ctx.exe_python, "-c", "pass"],
        "floor: import the CLI's modules": [ctx.exe_python, "-c", "import eftertanke.cli"],
        "floor: eftertanke --version": [ctx.exe, "--version"],
    }
    if jrnl is not None:
        floors["floor: jrnl --version"] = [jrnl, "--version"]
    for label, argv in floors.items():
        found = [run_process(ctx, argv).seconds for _ in range(ctx.runs)]
        rows.append(Result(label, "s", found, None, f"median of {len(found)}; reference"))
    shutil.rmtree(out, ignore_errors=True)
    return rows  # fmt: skip


@measurement("analysis", "theme x interview matrix and the well-being series, in process")
def measure_analysis(ctx: Context) -> list[Result]:
    from eftertanke.analysis.common import theme_concepts
    from eftertanke.analysis.matrix import theme_matrix
    from eftertanke.analysis.timeline import timeline
    from eftertanke.store.journal import Journal

    journal = Journal(ctx.journal, author="bench")
    docs = list(journal.raw_entries())
    concepts = theme_concepts(journal.themes())
    codes = [i.code for i in journal.interviews()]
    matrix_times, series_times = [], []
    for _ in range(max(3, ctx.runs)):
        began = time.perf_counter()
        matrix = theme_matrix(docs, concepts, codes)
        matrix_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        series = timeline(docs)
        series_times.append(time.perf_counter() - began)
    return [
        Result("analysis: theme x interview matrix", "s", matrix_times, 1.0,
               f"{len(matrix.interviews)} interviews, from {len(docs)} stored entries"),
        Result("analysis: well-being series (day and week)", "s", series_times, 1.0,
               f"{type(series).__name__} over {len(docs)} entries"),
    ]  # fmt: skip


@measurement("chart", "the well-being chart: series in process, keys in the app, SVG/PNG export")
def measure_chart(ctx: Context) -> list[Result]:
    import asyncio

    from eftertanke.analysis.wellbeing import rated_days, span_series
    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.screens.chart import ChartScreen
    from eftertanke.tui.widgets.wellbeing_chart import WellbeingChart

    journal = Journal(ctx.journal, author="bench")
    docs = list(journal.raw_entries())
    held = [(i.code, i.date.date()) for i in journal.interviews() if i.date is not None]
    prepare, bucket = [], []
    for _ in range(max(5, ctx.runs)):
        began = time.perf_counter()
        rated = rated_days(docs, held)
        prepare.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        for period in ("day", "week", "month"):
            span_series(rated, period)
        bucket.append((time.perf_counter() - began) * 1000)
    keys: list[float] = []
    drawn: list[float] = []

    async def run() -> None:
        app = EftertankeApp(Journal(ctx.journal, author="bench"), lang="da", remember=False)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            began = time.perf_counter()
            await pilot.press("g")
            await pilot.pause()
            keys.append((time.perf_counter() - began) * 1000)
            assert isinstance(app.screen, ChartScreen)
            chart = app.screen.query_one(WellbeingChart)
            for key in ("2", "3", "1", "m", "left", "left", "2", "right", "3", "1") * 2:
                began = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                keys.append((time.perf_counter() - began) * 1000)
            for _ in range(10):
                began = time.perf_counter()
                chart.render()
                drawn.append((time.perf_counter() - began) * 1000)

    asyncio.run(run())
    out = ctx.workdir / f"chart-{ctx.size}"
    out.mkdir(parents=True, exist_ok=True)
    svg_args = ctx.cli("analyse", "chart", "--period", "day", "--force", "-o", str(out / "c.svg"))
    png_args = ctx.cli("analyse", "chart", "--period", "week", "--force", "-o", str(out / "c.png"))
    run_process(ctx, svg_args)  # warm-up
    svg = [run_process(ctx, svg_args).seconds for _ in range(ctx.runs)]
    png = [run_process(ctx, png_args).seconds for _ in range(ctx.runs)]
    days = len(span_series(rated, "day").starts)
    shutil.rmtree(out, ignore_errors=True)
    return [
        Result("chart: rated days from all entries", "ms", prepare, None,
               f"{len(rated.means)} rated days from {len(docs)} entries; in the data worker, "
               "once per reload"),
        Result("chart: day, week and month series, whole span", "ms", bucket, None,
               f"{days} days; what the export draws (the app buckets only what is shown)"),
        Result("chart: one render of the widget (120x35)", "ms", drawn, 50.0, "median of 10"),
        Result("chart: key press until idle (Pilot)", "ms", keys, None,
               "opening it (g), periods, measure, cursor; includes the harness's waiting"),
        Result("analyse chart --period day (SVG)", "s", svg, 1.0, "whole process"),
        Result("analyse chart --period week (PNG)", "s", png, 1.0, "whole process, Pillow"),
    ]  # fmt: skip


@measurement("encrypted", "open and save an encrypted journal against the plain one (in process)")
def measure_encrypted(ctx: Context) -> list[Result]:
    from eftertanke.store.journal import Journal

    secret = "benchmark-passphrase"
    encrypted = ctx.workdir / f"encrypted-{ctx.size}"
    shutil.rmtree(encrypted, ignore_errors=True)
    shutil.copytree(ctx.journal, encrypted)
    env = {**ctx.env, "EFTERTANKE_PASSPHRASE": secret, "EFTERTANKE_NEW_PASSPHRASE": secret}
    began = time.perf_counter()
    subprocess.run(
        [ctx.exe, "--journal", str(encrypted), "encrypt"], env=env, check=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    encrypt_seconds = time.perf_counter() - began
    rows: list[Result] = [Result("encrypt the whole journal (process)", "s", [encrypt_seconds])]
    saves: dict[str, list[float]] = {}
    for label, path, passphrase in (("plain", ctx.journal, None), ("encrypted", encrypted, secret)):
        opens = []
        for _ in range(3):
            began = time.perf_counter()
            journal = Journal(path, author="bench", passphrase=passphrase)
            count = sum(1 for _ in journal.raw_entries())
            opens.append(time.perf_counter() - began)
        maker = fixtures.EntryMaker(ctx.size, journal.themes(), seed=7)
        journal.add_entry(maker.make(0))
        samples = []
        for index in range(1, ctx.saves + 1):
            entry = maker.make(index)
            began = time.perf_counter()
            journal.add_entry(entry)
            samples.append((time.perf_counter() - began) * 1000)
        saves[label] = samples
        rows.append(Result(f"open + read all entries, {label}", "s", opens, None,
                           f"{count} entries; the key derivation is included once"))  # fmt: skip
        rows.append(
            Result(f"save one entry, {label}", "ms", samples, 10.0, f"median of {len(samples)}")
        )
    ratio = statistics.median(saves["encrypted"]) / statistics.median(saves["plain"])
    rows.append(Result("encrypted save / plain save", "x", [ratio], 2.0, "budget: within 2x"))
    shutil.rmtree(encrypted, ignore_errors=True)
    return rows


@measurement("due", "`eftertanke due` whole process (shell-prompt speed), warm, after a save, cold")
def measure_due(ctx: Context) -> list[Result]:
    # As installed: pip compiles the package's bytecode, so the prompt never
    # compiles it (an environment with PYTHONDONTWRITEBYTECODE would, every run).
    env = {k: v for k, v in ctx.env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    ctx = dataclasses.replace(ctx, env=env)
    cache = ctx.workdir / "cache"
    args = ctx.cli("due")
    due_codes = (0, 1)

    def runs(argv: list[str], n: int) -> list[Run]:
        return [run_process(ctx, argv, due_codes) for _ in range(n)]

    shutil.rmtree(cache, ignore_errors=True)
    cold = runs(args, 1)  # builds the summary (and the bytecode, if it was missing)
    warm = runs(args, ctx.runs)
    as_json = runs(ctx.cli("due", "--json"), ctx.runs)
    after_save = []
    for n in range(min(ctx.runs, 5)):
        run_process(ctx, new_args(ctx, 1000 + n))  # one shard changes; not timed
        after_save.extend(runs(args, 1))
    for _ in range(min(ctx.runs, 3)):
        shutil.rmtree(cache, ignore_errors=True)
        cold.extend(runs(args, 1))
    cold = cold[1:]
    # For reference: the same answer through the whole command line (click, the
    # store), which is what an encrypted journal takes; and Python's own start.
    full = [ctx.exe_python, "-c", "from eftertanke.cli import main; main()",
            "--journal", str(ctx.journal), "due"]  # fmt: skip
    through_cli = runs(full, min(ctx.runs, 5))
    floor = runs([ctx.exe_python, "-c", "pass"], ctx.runs)
    line = warm[-1].stdout.decode().strip()

    def cpu(found: list[Run]) -> str:
        return f"CPU median {statistics.median(r.cpu_seconds for r in found) * 1000:.0f} ms"

    def wall(found: list[Run]) -> list[float]:
        return [r.seconds for r in found]

    return [
        Result("due (summary fresh)", "s", wall(warm), 0.06,
               f"median of {len(warm)}; {cpu(warm)}; {line[:50]}"),
        Result("due --json (summary fresh)", "s", wall(as_json), 0.06,
               f"median of {len(as_json)}; {cpu(as_json)}"),
        Result("due after a save (one shard re-read)", "s", wall(after_save), 0.06,
               f"median of {len(after_save)}; {cpu(after_save)}; `new -m` before each, not timed"),
        Result("due, no summary yet (reads every shard)", "s", wall(cold), None,
               f"median of {len(cold)}; {cpu(cold)}; once, then cached"),
        Result("due through the full CLI (the store's path)", "s", wall(through_cli), None,
               f"{cpu(through_cli)}; what an encrypted journal takes; reference"),
        Result("python -c pass", "s", wall(floor), None,
               f"{cpu(floor)}; the interpreter's own start; reference"),
    ]  # fmt: skip


# --- running and reporting ------------------------------------------------------------


def find_exe() -> str:
    beside = Path(sys.executable).parent / "eftertanke"
    if beside.exists():
        return str(beside)
    found = shutil.which("eftertanke")
    if not found:
        sys.exit("bench: cannot find the eftertanke command; run with the venv's python")
    return found


def clean_env(workdir: Path) -> dict[str, str]:
    """The user's environment without their journal or config."""
    # As installed: pip compiles the package's bytecode, so no command compiles
    # it; with PYTHONDONTWRITEBYTECODE (set on some machines) every whole-process
    # figure would include about 0.12 s of compiling the command line.
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith("EFTERTANKE_") and k != "PYTHONDONTWRITEBYTECODE"
    }  # fmt: skip
    config = workdir / "config"
    config.mkdir(parents=True, exist_ok=True)
    env["EFTERTANKE_CONFIG_DIR"] = str(config)
    env["EFTERTANKE_LANG"] = "da"
    # due's summary (store/due_summary.py) lives in the cache folder: keep it here too.
    env["EFTERTANKE_CACHE_DIR"] = str(workdir / "cache")
    return env


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.0f} MB"


def print_table(rows: list[tuple[int, Result]]) -> None:
    header = ("entries", "measurement", "median", "min – max", "budget", "result", "note")
    table = [header]
    for size, res in rows:
        table.append(
            (
                f"{size:,}",
                res.label,
                fmt(res.median, res.unit),
                f"{fmt(min(res.samples), res.unit)} – {fmt(max(res.samples), res.unit)}",
                fmt(res.budget, res.unit) if res.budget is not None else "—",
                res.status,
                res.note,
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated journal sizes (default: 1000,10000)",
    )
    parser.add_argument(
        "--runs", type=int, default=10, help="runs per whole-process figure (default 10)"
    )
    parser.add_argument(
        "--saves", type=int, default=50, help="saves for the in-process figure (default 50)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(REGISTRY),
        metavar="NAME",
        help=f"run only this measurement (repeatable): {', '.join(REGISTRY)}",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help="where fixtures are cached and copied (default benchmarks/out)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached fixtures")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any figure is over budget")
    parser.add_argument("--list", action="store_true", help="list the measurements and exit")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes numbers like 1000,10000")
    if not args.sizes or any(s < 1 for s in args.sizes) or args.runs < 1 or args.saves < 1:
        parser.error("sizes, --runs and --saves must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for m in REGISTRY.values():
            print(f"{m.name:<12} {m.description}")
        return 0
    selected = [REGISTRY[name] for name in (args.only or REGISTRY)]
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    exe = find_exe()
    env = clean_env(workdir)
    version = subprocess.run(
        [exe, "--version"], capture_output=True, text=True, env=env
    ).stdout.strip()
    print(
        f"{version}; Python {platform.python_version()}; {os.cpu_count()} CPUs; {platform.platform()}"
    )
    rows: list[tuple[int, Result]] = []
    for size in args.sizes:
        source = fixtures.fixture(workdir, size, rebuild=args.rebuild)
        scratch = fixtures.working_copy(source, workdir / f"scratch-{size}")
        ctx = Context(size, scratch, args.runs, args.saves, exe, env, workdir)
        for m in selected:
            began = time.perf_counter()
            try:
                results = m.func(ctx)
            except Exception as exc:  # noqa: BLE001 - report and go on with the rest
                print(f"[{size:,}] {m.name}: FAILED: {exc}", file=sys.stderr)
                continue
            print(f"[{size:,}] {m.name}: {time.perf_counter() - began:.1f} s", file=sys.stderr)
            rows.extend((size, r) for r in results)
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print_table(rows)
    if args.json:
        args.json.write_bytes(orjson.dumps(
            [{"entries": s, "label": r.label, "unit": r.unit, "median": r.median, "samples": r.samples,
              "budget": r.budget, "result": r.status, "note": r.note} for s, r in rows],
            option=orjson.OPT_INDENT_2,
        ))  # fmt: skip
    return 1 if args.strict and any(r.status == "OVER" for _, r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
