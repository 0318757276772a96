"""The transcript view at a long interview's size: time to first paint, and a search keystroke.

    .venv/bin/python benchmarks/transcript_view_bench.py [--turns 800] [--codings 80] [--runs 10]

Builds a journal (in a temporary folder) with one interview whose transcript
has ``--turns`` speaker turns (an interviewer's short questions and a
respondent's answers of 10-120 words, Danish, seeded) and ``--codings``
coded passages, plus a reflection quoting five turns. Then, in process and
headless at 120x35, it opens the transcript view ``--runs`` times and
measures from ``open_transcript`` until the turns are laid out and the
first frame with them is drawn (the worker has read the transcript, the
list has built every turn's prompt); the quote links are found afterwards
in their own worker and are reported separately. Also measured: one search
keystroke (marking the matches of a word in every turn), and, for
reference, opening the help screen (what any screen push costs here).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from eftertanke.domain import Entry, Interview, Section, Theme
from eftertanke.services.coding import Source, code_passage
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn, citation_time

WORDS = (
    "det er kollegerne der giver mig energi når vi lykkes sammen med noget svært "
    "krav udefra kan jeg forholde mig til men kravene indefra slider i den lille gruppe "
    "er der højt til loftet i de store fora siger man det ikke højt og så bliver der stille "
    "vi tager det bagefter på gangen tid til eftertanke sparring supervision ansvar"
).split()


def build(root: Path, turns: int, codings: int) -> Journal:
    rng = random.Random(12)
    journal = Journal(root, author="bench")
    journal.add_interview(Interview(code="I03", role="plejeboligchef", status="transcribed"))
    themes = ["At lykkes sammen", "Farlig tavshed", "Krav mod ressourcer", "Sparring"]
    for name, concept in zip(themes, ("drive", "safety", "wellbeing", "wellbeing"), strict=True):
        journal.add_theme(Theme(name=name, concept=concept))
    said, at = [], 3.0
    for n in range(turns):
        interviewer = n % 2 == 0
        count = rng.randint(6, 18) if interviewer else rng.randint(10, 120)
        words = " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."
        said.append(Turn("Mette" if interviewer else "Leder", words, round(at, 1)))
        at += count * 0.4 + rng.random() * 3
    transcript = journal.transcripts.add(
        Transcript(interview="I03", turns=said, interviewers=["Mette"])
    )
    where = Source.transcript(transcript.id)
    for _ in range(codings):
        index = 1 + 2 * rng.randrange(turns // 2)
        low, high = transcript.turn_spans[index]
        code_passage(journal, where, low, high, [rng.choice(themes)])
    quotes = []
    for index in (1, 101, 301, 501, 701):
        if index < turns:
            turn = transcript.turns[index]
            quote = " ".join(turn.text.split()[:8])
            quotes.append(f"{citation_time(turn.start or 0)} “{quote}”")
    journal.add_entry(
        Entry(
            kind="interview",
            title="Efter I03",
            interview="I03",
            sections=[Section(prompt_id="quotes", prompt_text="Citater", answer="\n".join(quotes))],
        )
    )
    return journal


async def measure(journal: Journal, runs: int) -> dict[str, list[float]]:
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.widgets.turn_list import TurnList

    app = EftertankeApp(journal, lang="da", remember=False)
    figures: dict[str, list[float]] = {"paint": [], "links": [], "search": [], "reference": []}
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        expected = len(journal.transcripts.for_interview("I03").turns)  # type: ignore[union-attr]
        for _ in range(runs):
            start = time.perf_counter()
            app.open_transcript("I03")
            while True:
                await asyncio.sleep(0.001)
                screen = app.screen
                lists = list(screen.query(TurnList)) if screen.is_mounted else []
                if lists and lists[0].option_count == expected:
                    break
            await pilot.pause()  # the frame with the turns drawn
            figures["paint"].append(time.perf_counter() - start)
            while not getattr(app.screen, "_cited_ready", False):
                await asyncio.sleep(0.001)
            figures["links"].append(time.perf_counter() - start)
            turns = app.screen.query_one(TurnList)
            start = time.perf_counter()
            turns.set_search("tavs")
            await pilot.pause()
            figures["search"].append(time.perf_counter() - start)
            turns.set_search("")
            app.pop_screen()
            await pilot.pause()
            # For reference: the help screen, which reads nothing and lists no data.
            start = time.perf_counter()
            app.action_help()
            await pilot.pause()
            figures["reference"].append(time.perf_counter() - start)
            app.pop_screen()
            await pilot.pause()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=800)
    parser.add_argument("--codings", type=int, default=80)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        journal = build(Path(folder) / "journal", args.turns, args.codings)
        words = journal.transcripts.for_interview("I03").words()  # type: ignore[union-attr]
        figures = asyncio.run(measure(journal, args.runs))
    print(
        f"transcript: {args.turns} turns, {words} words, {args.codings} codings; {args.runs} runs"
    )
    for name, label in (
        ("paint", "open to first paint with every turn laid out"),
        ("links", "open to quote links shown"),
        ("search", "one search keystroke (mark matches, redraw)"),
        ("reference", "for reference: open the help screen"),
    ):
        values = sorted(figures[name])
        print(
            f"  {label:46s} median {statistics.median(values) * 1000:7.1f} ms"
            f"   min {values[0] * 1000:7.1f}   max {values[-1] * 1000:7.1f}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
