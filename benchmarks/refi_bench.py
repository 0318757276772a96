#!/usr/bin/env python3
"""REFI-QDA export at scale, in process: 10,000 reflections with 50,000 coded
passages, and 100 transcripts (200 turns, 50 codings each).

    .venv/bin/python benchmarks/refi_bench.py

Prints the time of ``qdpx_bytes`` (median of three) and the size of the .qdpx.
Synthetic data made here, seeded; no journal on disk.
"""

from __future__ import annotations

import random
import statistics
import time

from eftertanke.domain import Coding, Entry, Interview, Section, Theme
from eftertanke.export.refi import qdpx_bytes
from eftertanke.transcript import Transcript, Turn

WORDS = "vi lykkes sammen når tør æøå leder tryghed forum pres krav ressourcer 🌱 energi".split()


def main() -> None:
    rng = random.Random(1)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    concepts = ["drive", "frames", "safety", "wellbeing"]
    themes = [Theme(name=f"Tema {i}", concept=concepts[i % 4]) for i in range(40)]
    interviews = [Interview(code=f"I{i:03d}", role="leder", level="leader") for i in range(100)]
    entries = []
    for i in range(10_000):
        answers = [text(50) for _ in range(3)]
        entry = Entry(
            kind="interview",
            title=f"Refleksion {i}",
            body=text(60),
            interview=f"I{i % 100:03d}",
            sections=[
                Section(f"p{k}", f"Spørgsmål {k}", a, concept="safety")
                for k, a in enumerate(answers)
            ],
            themes=[f"Tema {i % 40}"],
        )
        for k in range(5):
            source = answers[k] if k < 3 else entry.body
            start = rng.randrange(0, len(source) - 20)
            entry.codings.append(
                Coding.of(
                    source,
                    start,
                    start + 15,
                    [f"Tema {(i + k) % 40}"],
                    source="section" if k < 3 else "body",
                    section=f"p{k}" if k < 3 else None,
                    memo="m",
                )
            )
        entries.append(entry.validate())
    transcripts = []
    for i in range(100):
        turns = [Turn("A" if j % 2 else "B", text(30), j * 10.0) for j in range(200)]
        transcript = Transcript(interview=f"I{i:03d}", turns=turns, interviewers=["A"]).validate()
        for k in range(50):
            start = rng.randrange(0, len(transcript.text) - 30)
            transcript.codings.append(
                Coding.of(
                    transcript.text, start, start + 25, [f"Tema {k % 40}"], source="transcript"
                )
            )
        transcripts.append(transcript)
    times = []
    for _ in range(3):
        began = time.perf_counter()
        data = qdpx_bytes(entries, interviews, themes, "da", transcripts)
        times.append(time.perf_counter() - began)
    codings = sum(len(e.codings) for e in entries) + sum(len(t.codings) for t in transcripts)
    print(
        f"qdpx_bytes: {statistics.median(times):.2f} s (median of 3), {len(data) / 1e6:.1f} MB; "
        f"{len(entries)} reflections, {len(transcripts)} transcripts, {codings} codings"
    )


if __name__ == "__main__":
    main()
