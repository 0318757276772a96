"""Coding passages and linking quotes at study scale (issue 12's budgets).

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python benchmarks/coding_bench.py
    ... --entries 10000 --codings 5 --transcripts 100 --runs 20 --rebuild

Builds (once, cached in ``--workdir``) a journal of 10,000 entries (the
benchmark fixture's generator) carrying 50,000 coded passages, 100
interviews with a transcript each (about 6,000 words, 30 minutes), and for
six of them a reflection citing 20 quotes with a time, as researchers
write them: some word for word, some with a word changed, some off by up
to a minute. Entries and codings are written through ``add_entries`` (one
write per shard) and the transcripts through ``transcripts.add``.

Then measures:

- coding a passage in process (``services.coding.code_passage`` and
  ``code_phrase`` on an entry, ``code_passage`` on a transcript): budget
  under 10 ms;
- whole-process ``eftertanke code list`` (all 50,000, one theme, one
  entry) and ``code add``;
- quote links: ``links_for_entry`` for each of the six reflections and
  ``citations_of_transcript`` for their transcripts (which reads every
  entry), in process, and ``eftertanke code links`` whole-process.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))

from fixtures import DANISH, EntryMaker, _interviews, working_copy  # noqa: E402

from eftertanke import anchoring  # noqa: E402
from eftertanke.domain import Coding, Entry, Interview, Section  # noqa: E402
from eftertanke.packs import starter_themes  # noqa: E402
from eftertanke.services import coding  # noqa: E402
from eftertanke.services.quote_links import citations_of_transcript, links_for_entry  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402
from eftertanke.transcript import Transcript, Turn, citation_time  # noqa: E402

VERSION = 1
SEED = 12_2026
QUOTING = 6  # interviews with a reflection citing quotes
QUOTES = 20  # quotes per such reflection


def _transcript(rng: random.Random, code: str) -> Transcript:
    turns, at = [], 5.0
    words = 0
    while words < 6000:
        speaker = "Interviewer" if len(turns) % 2 == 0 else "Leder"
        parts = rng.randint(1, 2) if speaker == "Interviewer" else rng.randint(2, 6)
        text = " ".join(rng.choice(DANISH) for _ in range(parts))
        seconds = len(text.split()) * 0.3
        turns.append(Turn(speaker, text, round(at, 1), round(at + seconds, 1)))
        at += seconds + rng.uniform(0.5, 3.0)
        words += len(text.split())
    return Transcript(code, turns, interviewers=["Interviewer"], format="vtt")


def _quote_lines(rng: random.Random, transcript: Transcript) -> tuple[str, list[int]]:
    lines = []
    respondent = [i for i, t in enumerate(transcript.turns) if t.speaker == "Leder"]
    chosen = sorted(rng.sample(respondent, QUOTES))
    for index in chosen:
        turn = transcript.turns[index]
        words = turn.text.split()
        start = rng.randrange(0, max(1, len(words) - 8))
        quote = words[start : start + rng.randint(5, 9)]
        if rng.random() < 0.3 and len(quote) > 5:
            quote[rng.randrange(1, len(quote) - 1)] = "nok"  # misremembered a word
        when = max(0.0, (turn.start or 0.0) + rng.uniform(-60, 60))
        lines.append(f'{citation_time(when)} "{" ".join(quote).strip(".,")}"')
    return "\n".join(lines), chosen


def build(path: Path, entries: int, per_entry: int, transcripts: int) -> dict[str, object]:
    rng = random.Random(SEED)
    began = time.perf_counter()
    journal = Journal(path, author="Mette")
    themes = starter_themes("da")
    for theme in themes:
        journal.add_theme(theme)
    names = [t.name for t in themes]
    interviews = _interviews(random.Random(SEED + 1))
    for n in range(len(interviews) + 1, transcripts + 1):
        interviews.append(Interview(code=f"I{n:03d}", role="leder", status="transcribed"))
    for interview in interviews:
        journal.add_interview(interview)
    maker = EntryMaker(entries, themes, seed=SEED)
    batch: list[Entry] = []
    codings = 0
    for index in range(entries):
        entry = maker.make(index)
        sources = coding.entry_sources(entry)
        for _ in range(per_entry):
            where, text = rng.choice(sources)
            start = rng.randrange(0, max(1, len(text) - 80))
            end = min(len(text), start + rng.randint(20, 80))
            entry.codings.append(
                Coding.of(
                    text,
                    start,
                    end,
                    rng.sample(names, rng.randint(1, 2)),
                    source=where.source,
                    section=where.section,
                    author=entry.author,
                )
            )
            codings += 1
        batch.append(entry)
    journal.add_entries(batch)
    made = []
    for interview in interviews[:transcripts]:
        made.append(journal.transcripts.add(_transcript(rng, interview.code)))
    quoting = []
    for transcript in made[:QUOTING]:
        quotes, turns = _quote_lines(rng, transcript)
        reflection = journal.add_entry(
            Entry(
                kind="interview",
                interview=transcript.interview,
                title=f"Refleksion efter {transcript.interview}",
                sections=[
                    Section("impressions", "Indtryk?", "Samtalen var rolig og åben."),
                    Section("quotes", "Hvilke citater?", quotes),
                ],
            )
        )
        quoting.append({"entry": reflection.id, "interview": transcript.interview, "turns": turns})
    return {
        "entries": entries + len(quoting),
        "codings": codings,
        "transcripts": len(made),
        "quoting": quoting,
        "seconds": round(time.perf_counter() - began, 1),
    }


def fixture(
    workdir: Path, entries: int, per_entry: int, transcripts: int, rebuild: bool
) -> tuple[Path, dict]:
    target = workdir / f"coding-{entries}-{per_entry}-{transcripts}"
    marker = target.with_suffix(".built.json")
    if not rebuild and target.is_dir() and marker.is_file():
        info = orjson.loads(marker.read_bytes())
        if info.get("version") == VERSION:
            return target, info
    shutil.rmtree(target, ignore_errors=True)
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"building {target} (cached for later runs) ...", flush=True)
    info = {"version": VERSION, **build(target, entries, per_entry, transcripts)}
    marker.write_bytes(orjson.dumps(info))
    print(f"  built in {info['seconds']} s", flush=True)
    return target, info


def ms(values: list[float]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
    return f"median {statistics.median(values) * 1000:7.2f} ms   p90 {p90 * 1000:7.2f} ms"


def timed(function, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for n in range(runs):
        began = time.perf_counter()
        function(n)
        out.append(time.perf_counter() - began)
    return out


def process(
    exe: str, journal: Path, args: list[str], env: dict[str, str], runs: int
) -> list[float]:
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        result = subprocess.run(
            [exe, "--journal", str(journal), *args], capture_output=True, env=env, check=False
        )
        out.append(time.perf_counter() - began)
        if result.returncode != 0:
            raise SystemExit(f"{args}: {result.stderr.decode(errors='replace')}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--codings", type=int, default=5, help="per entry")
    parser.add_argument("--transcripts", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    source, info = fixture(args.workdir, args.entries, args.codings, args.transcripts, args.rebuild)
    root = working_copy(source, args.workdir / "coding-scratch")
    print(
        f"journal: {info['entries']:,} entries, {info['codings']:,} codings, "
        f"{info['transcripts']} transcripts; {args.runs} runs each\n"
    )
    rng = random.Random(7)
    journal = Journal(root, author="Mette")
    docs = [d for d in journal.raw_entries() if d.get("codings")]
    picks = rng.sample(docs, args.runs * 2)
    themes = [t.name for t in journal.themes()]

    # The passage is chosen first (in the app: selected in the entry view).
    chosen = [coding.entry_sources(journal.get_entry(str(d["id"])))[0] for d in picks[: args.runs]]

    def code_span(n: int) -> None:
        where, text = chosen[n]
        coding.code_passage(journal, where, 0, min(12, len(text)), [themes[n % len(themes)]])

    def unique_phrase(doc: dict) -> str:
        texts = [t for _w, t in coding.entry_sources(Entry.from_dict(doc))]
        for text in texts:
            for start in range(0, max(1, len(text) - 40), 17):
                phrase = text[start : start + 40].strip()
                if sum(len(anchoring.find_phrase(t, phrase)) for t in texts) == 1:
                    return phrase
        raise SystemExit("no unique phrase")

    phrases = [unique_phrase(d) for d in picks[args.runs :]]

    def code_phrase(n: int) -> None:
        entry_id = str(picks[args.runs + n]["id"])
        coding.code_phrase(journal, "entry", entry_id, phrases[n], [themes[n % len(themes)]])

    transcript = journal.transcripts.for_interview(info["quoting"][0]["interview"])
    assert transcript is not None
    spans = transcript.turn_spans

    def code_turn(n: int) -> None:
        start, end = spans[(n * 7) % len(spans)]
        coding.code_passage(
            journal, coding.Source.transcript(transcript.id), start, end, [themes[0]]
        )

    journal.raw_entries()  # the first read of a process is the open, not the coding
    print("in process (the journal open, as in the app)")
    print(f"  code a span of an entry        {ms(timed(code_span, args.runs))}   budget 10 ms")
    print(f"  code a phrase of an entry      {ms(timed(code_phrase, args.runs))}   budget 10 ms")
    print(f"  code a transcript turn         {ms(timed(code_turn, args.runs))}   budget 10 ms")

    print("\nquote links, in process")
    fresh = Journal(root)
    links, right = [], 0
    began = time.perf_counter()
    for item in info["quoting"]:
        found = links_for_entry(fresh, fresh.get_entry(item["entry"]))
        right += sum(
            1 for link, turn in zip(found, item["turns"], strict=True) if link.turn == turn
        )
        links += found
    cold = time.perf_counter() - began
    matched = sum(1 for link in links if link.matched)
    scores = [link.score for link in links if link.matched]
    print(
        f"  links_for_entry x{QUOTING} ({len(links)} quotes), first in the process: "
        f"{cold * 1000:.0f} ms\n  {matched} matched ({right} at the turn quoted; the generator"
        f" repeats sentences), lowest score {min(scores):.2f}; {len(links) - matched} unmatched"
    )
    again = timed(
        lambda n: links_for_entry(fresh, fresh.get_entry(info["quoting"][n % QUOTING]["entry"])),
        args.runs,
    )
    print(f"  links_for_entry, one reflection, warm  {ms(again)}")
    cited = [fresh.transcripts.for_interview(item["interview"]) for item in info["quoting"]]
    both = timed(lambda n: citations_of_transcript(fresh, cited[n % QUOTING]), args.runs)
    print(f"  citations_of_transcript, warm          {ms(both)}")

    exe = str(Path(sys.executable).parent / "eftertanke")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EFTERTANKE_")}
    config = args.workdir / "config"
    config.mkdir(parents=True, exist_ok=True)
    env["EFTERTANKE_CONFIG_DIR"] = str(config)
    runs = max(3, args.runs // 4)
    entry_id = str(picks[0]["id"])[:8]
    first = coding.entry_sources(journal.get_entry(entry_id))[0][0]
    where = ["--section", str(first.section)] if first.section else ["--body"]
    print(f"\nwhole process ({runs} runs)")
    for label, argv in [
        ("code list (all codings)", ["code", "list"]),
        ("code list --json (all)", ["code", "list", "--json"]),
        (f"code list --theme '{themes[0]}'", ["code", "list", "--theme", themes[0]]),
        ("code list ID", ["code", "list", entry_id]),
        (
            "code add ID --span",
            ["code", "add", entry_id, "--span", "0-5", "--theme", themes[1], *where],
        ),
        (
            "code recode CODING_ID",
            ["code", "recode", str(picks[1]["codings"][0]["id"])[:8], "--theme", themes[2]],
        ),
        ("code links ID", ["code", "links", info["quoting"][0]["entry"][:8]]),
        (
            "code links --transcript",
            ["code", "links", "--transcript", info["quoting"][0]["interview"]],
        ),
    ]:
        print(f"  {label:<34} {ms(process(exe, root, argv, env, runs))}")


if __name__ == "__main__":
    main()
