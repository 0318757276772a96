"""Benchmark fixtures: large, realistic journals built once and cached.

A fixture journal holds ``size`` entries of about 1.5 KB of written text
each (mixed Danish and English, kinds daily/interview/memo with sections,
ratings, themes and excerpts), twenty interviews and the starter codebook.
Everything comes from a seeded random generator, so a fixture is the same
every time it is built.

Entries are added through ``Journal.add_entry``. When that would take longer
than ``API_BUILD_BUDGET_S`` (the 100,000-entry journal: every save rewrites
a whole shard, and shards grow to about a megabyte), the rest are written
shard by shard through the store's own ``AtomicStorage`` (same bytes as
``storage.dump``, same ``layout.shard_path``). That shortcut is for building
fixtures only; everything measured afterwards goes through the real paths.
"""

from __future__ import annotations

import random
import shutil
import time
import uuid
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson

from eftertanke.domain import RATING_KEYS, Entry, Excerpt, Interview, Section, Theme
from eftertanke.packs import load_builtin_packs, starter_themes
from eftertanke.store import layout
from eftertanke.store.journal import Journal
from eftertanke.store.storage import AtomicStorage

# Bump when the generated content changes, so cached fixtures are rebuilt.
FIXTURE_VERSION = 5  # 3: records by id; 4: manifest marks saved files; 5: direct writes too
SEED = 20260316
API_BUILD_BUDGET_S = 180.0
TARGET_TEXT_CHARS = 1500
CPH = timezone(timedelta(hours=1))
START = datetime(2016, 1, 4, 7, 30, tzinfo=CPH)
SPAN = timedelta(days=3650)
N_INTERVIEWS = 20

# A word that occurs in about one entry in a hundred: what a user searches for.
RARE_WORD = "kaffeautomaten"
RARE_SENTENCES = [
    "Vi endte med at tage den svære snak ved kaffeautomaten, og det var faktisk der, det lykkedes.",
    "The real conversation happened by kaffeautomaten, not in the meeting room.",
]

DANISH = [
    "I dag startede med en sygemelding i aftenvagten, og jeg brugte den første time på at finde en afløser.",
    "Mødet med teamlederne gik bedre end ventet; vi fik faktisk talt om det, der fylder.",
    "Jeg mærker, at jeg bliver mere kortfattet i mine mails, når kalenderen er fuld.",
    "Det gav energi at se en ny medarbejder tage ansvar for en beboer, hun kun havde kendt i to uger.",
    "Tilsynet kommer på torsdag, og alle kan mærke det, selvom ingen siger det højt.",
    "Jeg holdt igen i ledermødet, fordi jeg ikke var sikker på, hvordan forslaget ville blive modtaget.",
    "Min nærmeste kollega ringede bare for at høre, hvordan det gik, og det betød mere, end hun ved.",
    "Budgetopfølgningen tog hele eftermiddagen, og jeg nåede ikke ud på afdelingen.",
    "Der var en god stemning ved overlap i dag; folk grinede, og der blev spurgt ind til hinanden.",
    "Jeg savner tid til at tænke, før jeg svarer, i stedet for at svare, før jeg har tænkt.",
    "Sparring med chefen hjalp mig til at se, at det ikke kun er mit ansvar at løse vagtplanen.",
    "En pårørende var vred over en fejl i medicinen, og jeg tog samtalen selv.",
    "Jeg kunne tale frit i den lille ledergruppe, men i det store forum sagde jeg ingenting.",
    "Rammerne er stramme, men vi har frihed til at vælge metoden, og det holder mig i gang.",
    "Det er svært at være tro mod sine værdier, når der skal spares på timerne.",
    "Efter frokost gik jeg en tur rundt og talte med de medarbejdere, jeg sjældent ser.",
    "Trivselsmålingen viste et fald i vores afsnit, og jeg tænker over, hvad jeg selv bidrager med.",
    "Jeg lykkedes med at lukke computeren klokken fire, og aftenen føltes lang og god.",
    "Vi fik endelig en fast struktur for vores tavlemøder, og det giver ro.",
    "Der var tavshed, da direktøren spurgte, om nogen havde indvendinger; jeg havde en, men sagde den ikke.",
    "Interviewet i morges satte tanker i gang om, hvordan jeg selv beder om hjælp.",
    "Hun sagde, at ansvaret nogle gange føles som en tung rygsæk, man ikke kan tage af.",
    "Han beskrev sin ledergruppe som et sted, hvor man kan tænke højt uden at blive dømt.",
    "Jeg nikkede meget undervejs, og det kan have fået hende til at uddybe netop det spor.",
    "Jeg spurgte ikke til kompetence, og jeg tror, det var min egen usikkerhed, der holdt mig tilbage.",
    "Det var tydeligt, at krav udefra fylder mere end krav indefra organisationen.",
    "Refleksionen skrev jeg kort efter samtalen, mens stemmen stadig var i ørerne.",
    "Der er noget ved den heroiske leder, som både tiltrækker og skræmmer mig.",
    "Fællesskabet i teamet er stærkt, men det har også en skyggeside, når nogen står udenfor.",
    "Supervisionen i gruppen gav mig sprog for det, jeg har gået og mærket i flere uger.",
]
ENGLISH = [
    "The meeting ran long, and I left with more tasks than I came with.",
    "What gave me energy today was a short talk with a night-shift nurse who felt heard.",
    "I noticed how quickly I summarised her answer, maybe too quickly.",
    "There is a gap between what the strategy says and what the staff schedule allows.",
    "Psychological safety in the big forum feels fragile; in the small group it holds.",
    "I wrote this reflection twenty minutes after the call, still holding the conversation.",
    "The demands-resources balance tipped again this week, and I can feel it in my sleep.",
    "Good enough leadership might be the most honest frame for what we do.",
]

DAILY_PROMPTS = ["energy-gave", "energy-took", "needs", "demands-resources", "voice", "lift"]
INTERVIEW_PROMPTS = [
    "impressions", "emotions", "analysis", "q-drive", "q-frames", "q-safety",
    "q-wellbeing", "own-role", "not-asked", "resonance", "quotes", "leads",
]  # fmt: skip
LEVELS = ["assistant", "leader", "head"]
DEPARTMENTS = ["Ældre og Sundhed", "Børn og Familie", "Social og Handicap"]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _sentences(rng: random.Random, chars: int, english: float) -> str:
    out: list[str] = []
    total = 0
    while total < chars:
        if rng.random() < english:
            sentence = rng.choice(ENGLISH)
        else:
            sentence = rng.choice(DANISH)
        out.append(sentence)
        total += len(sentence) + 1
    return " ".join(out)


def _split(rng: random.Random, text_chars: int, parts: int) -> list[int]:
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = text_chars / sum(weights)
    return [max(40, int(w * scale)) for w in weights]


class EntryMaker:
    """Makes the i-th entry of a fixture; the same seed gives the same entries."""

    def __init__(self, size: int, themes: list[Theme], seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.size = size
        self.theme_names = [t.name for t in themes]
        packs = load_builtin_packs()
        self.daily = packs["daily"]
        self.post = packs["post-interview"]
        self.step = SPAN / max(size, 1)

    def prompt_text(self, pack: Any, prompt_id: str) -> tuple[str, str | None, str | None]:
        prompt = pack.prompt(prompt_id)
        if prompt is None:  # packs may still change; never fail a benchmark over it
            return prompt_id, None, None
        return prompt.question.da, prompt.concept, prompt.orientation

    def sections(self, pack: Any, ids: list[str], chars: int, english: float) -> list[Section]:
        out = []
        for prompt_id, part in zip(ids, _split(self.rng, chars, len(ids)), strict=True):
            text, concept, orientation = self.prompt_text(pack, prompt_id)
            out.append(
                Section(
                    prompt_id=prompt_id,
                    prompt_text=text,
                    answer=_sentences(self.rng, part, english),
                    concept=concept,
                    orientation=orientation,
                )
            )
        return out

    def make(self, index: int) -> Entry:
        rng = self.rng
        created = START + self.step * index + timedelta(minutes=rng.randint(0, 600))
        english = 0.6 if rng.random() < 0.1 else 0.08
        language = "en" if english > 0.5 else "da"
        roll = rng.random()
        entry = Entry(
            id=_uuid(rng),
            created=created,
            updated=created + timedelta(minutes=rng.randint(0, 30)),
            author=rng.choice(["Mette", "Jonas"]),
            language=language,
        )
        if roll < 0.7:
            entry.kind = "daily"
            entry.pack = "daily"
            ids = rng.sample(DAILY_PROMPTS, rng.randint(3, 6))
            entry.sections = self.sections(self.daily, ids, TARGET_TEXT_CHARS, english)
            entry.ratings = {k: rng.randint(1, 5) for k in RATING_KEYS}
            if rng.random() < 0.3:
                entry.themes = [rng.choice(self.theme_names)]
        elif roll < 0.85:
            entry.kind = "interview"
            entry.pack = "post-interview"
            code = f"I{rng.randint(1, N_INTERVIEWS):02d}"
            entry.interview = code
            entry.title = f"Refleksion efter interview {code}"
            entry.written_after_minutes = rng.randint(5, 90)
            ids = rng.sample(INTERVIEW_PROMPTS, rng.randint(5, 9))
            entry.sections = self.sections(self.post, ids, TARGET_TEXT_CHARS - 250, english)
            entry.themes = rng.sample(self.theme_names, rng.randint(1, 3))
            entry.excerpts = [
                Excerpt(
                    interview=code,
                    timestamp=f"{rng.randint(0, 34)}.{rng.randint(0, 59):02d}",
                    quote=_sentences(rng, 100, english),
                    themes=rng.sample(self.theme_names, 1),
                )
                for _ in range(rng.randint(1, 2))
            ]
            entry.concepts = rng.sample(["drive", "frames", "safety", "wellbeing"], 1)
        else:
            entry.kind = "memo"
            entry.pack = "memo"
            entry.title = _sentences(rng, 30, english)[:80].rstrip(" .")
            entry.body = _sentences(rng, TARGET_TEXT_CHARS, english)
            entry.themes = rng.sample(self.theme_names, rng.randint(1, 3))
            entry.concepts = rng.sample(["drive", "frames", "safety", "wellbeing"], 2)
        if rng.random() < 0.01:
            rare = rng.choice(RARE_SENTENCES)
            if entry.sections:
                entry.sections[-1].answer += " " + rare
            else:
                entry.body += " " + rare
        return entry


def _interviews(rng: random.Random) -> list[Interview]:
    roles = {
        "assistant": "assisterende leder",
        "leader": "plejehjemsleder",
        "head": "afdelingschef",
    }
    out = []
    for n in range(1, N_INTERVIEWS + 1):
        level = LEVELS[n % 3]
        date = START + timedelta(days=rng.randint(0, 3600), hours=2)
        out.append(
            Interview(
                code=f"I{n:02d}",
                role=roles[level],
                level=level,
                organisation=DEPARTMENTS[n % len(DEPARTMENTS)],
                date=date,
                mode="teams",
                interviewer=rng.choice(["Mette", "Jonas"]),
                duration_minutes=30,
                transcript=f"transcripts/I{n:02d}.docx",
                status=rng.choice(["reflected", "transcribed", "coded"]),
                id=_uuid(rng),
                created=date,
                updated=date,
            )
        )
    return out


def _write_rest_directly(journal: Journal, maker: EntryMaker, start: int, size: int) -> None:
    """Fixture building only: merge the remaining entries into their shard files.

    In chunks, so a 100,000-entry build never holds every entry in memory.
    """
    chunk = 20_000
    with journal.lock:
        for first in range(start, size, chunk):
            by_shard: dict[Path, dict[str, Any]] = defaultdict(dict)
            for index in range(first, min(first + chunk, size)):
                entry = maker.make(index)
                entry.validate()
                entry.updated_by = entry.author
                by_shard[layout.shard_path(journal.root, entry.id)][entry.id] = journal._stored(entry)
            for path, docs in sorted(by_shard.items()):
                # Through the manifest, as the store writes: each file's generation
                # and digest recorded (a save checks them, store/splice.py).
                storage = AtomicStorage(path, journal.codec, journal.manifest)
                tables = storage.read() or {}
                tables.setdefault(layout.ENTRIES_TABLE, {}).update(docs)
                storage.write(tables)
    journal.invalidate_cache()


def build(path: Path, size: int, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Build a fixture journal of ``size`` entries at ``path`` (which must not exist)."""
    rng = random.Random(SEED + 1)
    journal = Journal(path, author="Mette")
    themes = starter_themes("da")
    for theme in themes:
        theme.id = _uuid(rng)
        journal.add_theme(theme)
    for interview in _interviews(rng):
        journal.add_interview(interview)
    maker = EntryMaker(size, themes)
    began = time.perf_counter()
    window_start, window_began = 0, began
    method = "Journal.add_entry"
    index = 0
    while index < size:
        journal.add_entry(maker.make(index), check_links=True)
        index += 1
        if index % 1000 == 0 and index < size:
            clock = time.perf_counter()
            recent = (clock - window_began) / (index - window_start)
            window_start, window_began = index, clock
            # A lower bound: saves only get slower as the shards grow.
            projected = (clock - began) + recent * (size - index)
            if projected > API_BUILD_BUDGET_S:
                log(
                    f"  add_entry would take over {projected:.0f} s for {size:,} entries; "
                    f"writing the remaining {size - index:,} into shard files directly"
                )
                _write_rest_directly(journal, maker, index, size)
                method = f"Journal.add_entry for {index:,}, then direct shard writes"
                index = size
            elif index % 5000 == 0:
                log(f"  {index:,} / {size:,} entries ({clock - began:.0f} s)")
    return {"size": size, "method": method, "seconds": round(time.perf_counter() - began, 1)}


def fixture(workdir: Path, size: int, rebuild: bool = False, log=print) -> Path:  # type: ignore[no-untyped-def]
    """The cached fixture for ``size``, built first if missing or out of date."""
    target = workdir / f"journal-{size}"
    marker = workdir / f"journal-{size}.built.json"
    wanted = {"version": FIXTURE_VERSION, "size": size}
    if not rebuild and target.is_dir() and marker.is_file():
        try:
            info = orjson.loads(marker.read_bytes())
        except orjson.JSONDecodeError:
            info = {}
        if {k: info.get(k) for k in wanted} == wanted:
            return target
    building = workdir / f"journal-{size}.building"
    for stale in (building, target):
        if stale.exists():
            shutil.rmtree(stale)
    marker.unlink(missing_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"building a {size:,}-entry journal in {target} (cached for later runs)")
    info = build(building, size, log)
    building.rename(target)
    marker.write_bytes(orjson.dumps({**wanted, **info}))
    log(f"  built with {info['method']} in {info['seconds']} s")
    return target


def working_copy(source: Path, target: Path) -> Path:
    """A scratch copy to measure on, so the cached fixture never grows.

    Mirrors, backups and the lock are left out: the store recreates mirrors
    on write, and each measurement decides for itself whether a recent
    backup should exist.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns("*.mirror", layout.BACKUPS_DIR, ".lock", layout.DRAFTS_DIR),
    )
    return target
