"""How long importing a 30-minute Teams transcript takes (issue 12's budget: 0.3 s).

Writes a seeded Teams WebVTT of a 30-minute interview (about 6,000 words:
three speakers, a cue every 2.4 s, GUID cue ids and ``<v Name>`` voices as
Teams writes them), then times

1. parsing it in process (``read_transcript``),
2. ``import_transcript`` in process into a journal with the interview
   (parse, build, store, move the status),
3. the whole process ``eftertanke transcript import I03 FILE``, each run on
   a fresh copy of a journal with the interview (so every run is a first
   import, not a replace).

Figures are medians of ``--runs`` runs after one warm-up run. Run it with the
Python of the environment eftertanke is installed in, and with bytecode
writing on, as a user's install has it::

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python benchmarks/transcript_bench.py
    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python benchmarks/transcript_bench.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

SEED = 20261212
BUDGET = 0.3
MINUTES = 30
CUE_SECONDS = 2.4
SPEAKERS = ("Mette Lund", "Karin Holm", "Jonas Berg")
WORDS = (
    "jeg tror det handler om at lykkes sammen med personalet og beboerne når dagen er svær "
    "tilsynet fylder meget og tiden rækker ikke altid men ledergruppen giver mig sparring "
    "tryghed betyder at jeg kan sige at noget er svært uden at blive dømt i de store fora "
    "tier jeg nogle gange fordi presset er stort og ressourcerne er få trivsel er noget vi "
    "skaber i fællesskab"
).split()


def teams_vtt(minutes: int = MINUTES) -> tuple[str, int]:
    """A Teams-shaped WebVTT and its number of words."""
    rng = random.Random(SEED)
    lines = ["WEBVTT", ""]
    words = 0
    meeting = uuid.UUID(int=rng.getrandbits(128))
    speaker = 0
    cue = 0
    at = 1.0
    while at < minutes * 60:
        # Turns of a few cues each, mostly the respondent's.
        speaker = rng.choice([s for s in (0, 1, 1, 1, 2) if s != speaker])
        for part in range(rng.randint(1, 4)):
            count = rng.randint(6, 10)
            text = " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."
            end = at + CUE_SECONDS - rng.random() * 0.3
            lines += [
                f"{meeting}/{cue}-{part}",
                f"{_stamp(at)} --> {_stamp(end)}",
                f"<v {SPEAKERS[speaker]}>{text}</v>",
                "",
            ]
            words += count
            at += CUE_SECONDS
        cue += 1
    return "\n".join(lines), words


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _median_seconds(run, runs: int) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    run()  # warm-up
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), samples


def _fresh_journal(template: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target, ignore=shutil.ignore_patterns(".lock"))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="eftertanke-transcript-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "config"
    config.mkdir(exist_ok=True)
    os.environ["EFTERTANKE_CONFIG_DIR"] = str(config)
    os.environ["EFTERTANKE_AUTHOR"] = "bench"

    from eftertanke.domain import Interview
    from eftertanke.importers.transcripts import read_transcript
    from eftertanke.services.transcripts import import_transcript
    from eftertanke.store.journal import Journal

    try:
        text, words = teams_vtt()
        source = workdir / "I03-teams.vtt"
        source.write_text(text, encoding="utf-8")
        data = source.read_bytes()
        parsed = read_transcript(source.name, data)
        print(
            f"fixture: {MINUTES}-minute Teams WebVTT, {words:,} words, {len(data) / 1024:.0f} KB, "
            f"{text.count(' --> '):,} cues -> {len(parsed.turns):,} turns"
        )

        template = workdir / "template"
        Journal(template, author="bench").add_interview(Interview("I03", role="plejeboligchef"))

        parse, parse_samples = _median_seconds(
            lambda: read_transcript(source.name, data), args.runs
        )

        counter = iter(range(10**6))

        def in_process() -> None:
            journal = Journal(_fresh_journal(template, workdir / f"j{next(counter)}"), author="b")
            import_transcript(journal, "I03", source)

        # Copying the journal is part of each sample here; it is measured apart below.
        copy, _ = _median_seconds(
            lambda: _fresh_journal(template, workdir / f"j{next(counter)}"), args.runs
        )
        service, _ = _median_seconds(in_process, args.runs)

        eftertanke = str(Path(sys.executable).with_name("eftertanke"))

        def whole_process(*command: str) -> float:
            """One run of an eftertanke command on a fresh copy of the journal."""
            journal = _fresh_journal(template, workdir / "process")
            argv = [eftertanke, "--journal", str(journal), *command]
            began = time.perf_counter()
            result = subprocess.run(argv, capture_output=True, text=True)
            elapsed = time.perf_counter() - began
            if result.returncode != 0:
                raise SystemExit(f"eftertanke {command[0]} failed: {result.stderr.strip()}")
            return elapsed

        importing = ("transcript", "import", "I03", str(source))
        writing = ("new", "-m", "Tavshed i de store fora")
        whole_process(*importing), whole_process(*writing)  # warm-up
        # The two commands' runs alternate, so a busy moment of the machine
        # weighs on both alike.
        whole: list[float] = []
        new: list[float] = []
        for _ in range(args.runs):
            whole.append(whole_process(*importing))
            new.append(whole_process(*writing))
        process = statistics.median(whole)

        def row(label: str, seconds: float, budget: float | None = None) -> None:
            verdict = ""
            if budget is not None:
                verdict = "  ok" if seconds <= budget else f"  OVER the {budget:.1f} s budget"
            print(f"{label:<52} {seconds * 1000:8.1f} ms{verdict}")

        row("parse (read_transcript), in process", parse)
        row("import_transcript, in process (minus journal copy)", max(service - copy, 0.0), BUDGET)
        row("eftertanke transcript import, whole process", process, BUDGET)
        row("for reference: eftertanke new -m ..., whole process", statistics.median(new))
        print(
            f"(median of {args.runs}; parse samples {min(parse_samples) * 1000:.1f}-"
            f"{max(parse_samples) * 1000:.1f} ms; whole process {min(whole) * 1000:.0f}-"
            f"{max(whole) * 1000:.0f} ms)"
        )
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
