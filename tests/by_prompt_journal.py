"""A hand-built journal for the analysis by prompt: three interviews whose
codes are not in date order (I03 was held before I02), reflections answering
some prompts and skipping others, two reflections on I01 (two researchers)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from eftertanke.domain import Entry, Interview, Section
from eftertanke.store.journal import Journal

TZ = ZoneInfo("Europe/Copenhagen")


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=TZ)


def reflection(code: str, day: int, author: str, answers: dict[str, str]) -> Entry:
    return Entry(
        kind="interview", interview=code, pack="post-interview", author=author,
        created=at(day), updated=at(day),
        sections=[Section(prompt_id=p, prompt_text=p, answer=a) for p, a in answers.items()],
    )  # fmt: skip


def build(root: Path) -> Journal:
    journal = Journal(root, create=True)
    for code, day in (("I01", 3), ("I02", 10), ("I03", 5), ("I04", 12)):
        journal.add_interview(Interview(code=code, date=at(day, 9), status="done"))
    journal.add_entry(reflection("I01", 3, "Mette", {
        "impressions": "Rolig samtale.",
        "own-role": "Jeg nikkede meget og opsummerede for tidligt.",
    }))  # fmt: skip
    journal.add_entry(reflection("I01", 4, "Jonas", {
        "impressions": "Hun talte frit.",
        "own-role": "Jeg spurgte for lidt ind.",
    }))  # fmt: skip
    journal.add_entry(reflection("I03", 5, "Mette", {
        "impressions": "Kort og travl.",
        "not-asked": "Jeg spurgte ikke til kompetence – min egen usikkerhed.",
    }))  # fmt: skip
    journal.add_entry(reflection("I02", 10, "Mette", {
        "impressions": "Lang samtale om tavshed.",
        "own-role": "Mine opsummeringer styrede samtalen mod tryghed.",
    }))  # fmt: skip
    journal.add_entry(Entry(kind="memo", body="Et memo om ingenting", created=at(6)))
    return journal
