"""The app's data layer: what the screens show, loaded off the UI thread.

As in harlequin and elia, the data is kept apart from the screens. The app
owns one ``JournalData``; a worker fills it (``load``) and the app then bumps
``data_version``, which every screen watches to redraw from it. Screens read
``app.data`` (the index of entries, the interviews, the codebook and its
usage counts, the stored transcripts) and never read the store on the UI thread.

The folder is watched cheaply: ``folder_stamp`` stats the journal's data
files (a few hundred at most, well under a millisecond), so the app can ask
every two seconds and on focus whether another process (the command line, a
git pull, a second app) changed the journal, and reload only then. The
journal itself re-parses only the files whose stat changed.

Writes run through ``services``/the store in a worker (``run_write``) and
report back with typed messages, ``WriteDone`` or ``WriteFailed``, posted to
the screen that asked, which shows the outcome; a success also reloads the
data.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.dom import DOMNode
from textual.message import Message

from eftertanke.analysis.wellbeing import RatedDays, rated_days
from eftertanke.bulk import freeze_loaded, paused_gc
from eftertanke.domain import Interview, Theme
from eftertanke.entry_row import EntryRow, doc_themes
from eftertanke.services.questions import StudyQuestion, questions_of
from eftertanke.store import layout, manifest
from eftertanke.store.journal import Journal
from eftertanke.tui.index import JournalIndex

# One file's identity on disk: inode, size and modification time.
FileStamp = tuple[str, int, int, int]


def _stamp_of(path: Path) -> FileStamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path.name, st.st_ino, st.st_size, st.st_mtime_ns)


def folder_stamp(root: Path) -> tuple[FileStamp, ...]:
    """The identity of every file that holds journal data (and the manifest).

    An atomic save renames a new file into place, so its inode changes; a
    git pull rewrites files; a new entry can add a shard. Drafts are left out:
    the app saves them itself while someone types, and they are not data the
    screens show.
    """
    found: list[FileStamp] = []
    for name in (layout.META_FILE, layout.INTERVIEWS_FILE, layout.THEMES_FILE):
        stamp = _stamp_of(root / name)
        if stamp is not None:
            found.append(stamp)
    stamp = _stamp_of(manifest.manifest_path(root))
    if stamp is not None:
        found.append(stamp)
    for folder in layout.SHARD_DIRS:
        try:
            children = list(os.scandir(root / folder))
        except OSError:
            continue
        for child in sorted(children, key=lambda c: c.name):
            if child.name.endswith(".json") and not child.name.startswith("."):
                try:
                    st = child.stat()
                except OSError:
                    continue
                found.append((f"{folder}/{child.name}", st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Codebook:
    """The live themes, and how many entries and transcripts use each one."""

    themes: list[Theme] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=dict)

    def find(self, name: str) -> Theme | None:
        wanted = " ".join(name.split()).casefold()
        return next((t for t in self.themes if t.name.casefold() == wanted), None)


class JournalData:
    """What the screens show, refreshed as a whole by ``load`` in a worker.

    ``index`` is rebuilt in place (it keeps unchanged rows); the interviews
    and the codebook are swapped in by one assignment each, so a screen
    drawing meanwhile sees the old or the new list, never half of one.
    """

    # Entry files past this size (about 4,000 entries: the bench's take 3 KB
    # each on disk) are read in a worker after the first screen is drawn; below
    # it they are read before, so Home opens with its numbers at once. At
    # 10,000 entries reading the kept rows first held Home back 0.1 s past the
    # 0.6 s budget (0.69 s); drawn first, Home takes keys at 0.58 s and shows
    # its numbers at 1.1 s (the read shares the interpreter with the drawing).
    DEFER_BYTES = 12_000_000

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.index = JournalIndex(journal)
        self.interviews: list[Interview] = []
        self.codebook = Codebook()
        # the daily ratings for the chart, the calendar and Home's trend
        self.rated = RatedDays()
        # the questions reflections carry forward (Home, the interview form,
        # the guided first step and the questions view)
        self.questions: list[StudyQuestion] = []
        # the stored transcript dicts, with names (``journal.transcripts.raw()``),
        # as the analysis reads them
        self.transcripts: list[dict[str, Any]] = []
        self.stamp: tuple[FileStamp, ...] | None = None
        # False until the entries have been read once (a large journal's are
        # read in a worker after Home is drawn; Home says so meanwhile).
        self.loaded = False
        # A save and a folder check may both ask for a load: one at a time.
        self._loading = threading.Lock()

    @property
    def themes(self) -> list[Theme]:
        return self.codebook.themes

    def interview(self, code: str) -> Interview | None:
        wanted = code.strip().casefold()
        return next((i for i in self.interviews if i.code.casefold() == wanted), None)

    def reload_interviews(self) -> list[Interview]:
        """Read the interviews again now (one small file): a form that met a
        changed record must see the stored version, not the last poll's."""
        self.interviews = self.journal.interviews()
        return self.interviews

    def load(self) -> None:
        """Read the journal (changed files only). Runs in a worker, except once
        before the first screen is drawn."""
        # The stamp is taken first: a write landing while this reads makes the
        # next check see a change and load again, never the reverse.
        with self._loading, paused_gc():
            stamp = folder_stamp(self.journal.root)
            self.index.rebuild()
            interviews = self.journal.interviews()
            transcripts = list(self.journal.transcripts.raw())
            codebook = Codebook(self.journal.themes(), _usage(self.index, transcripts))
            rated = _rated_days(self.index, interviews)
            questions = _questions(self.index)
            self.interviews = interviews
            self.transcripts = transcripts
            self.questions = questions
            self.codebook = codebook
            self.rated = rated
            self.stamp = stamp
            self.loaded = True
        freeze_loaded()

    def large(self) -> bool:
        """True when reading every entry would keep Home from opening at once
        (over ``DEFER_BYTES`` of entry files): the app then opens on the small
        records (``load_records``) and reads the entries in a worker."""
        total = 0
        try:
            with os.scandir(self.journal.root / layout.ENTRIES_DIR) as found:
                for child in found:
                    if child.name.endswith(".json"):
                        total += child.stat().st_size
        except OSError:
            return False
        return total > self.DEFER_BYTES

    def load_records(self) -> None:
        """Read only the interviews and the codebook (two small files), so the
        first screen can be drawn before the entries are read; ``loaded`` stays
        False until ``load`` has run."""
        with self._loading:
            self.interviews = self.journal.interviews()
            self.codebook = Codebook(self.journal.themes(), {})

    def changed_on_disk(self) -> bool:
        """True if the folder's data files differ from what was last loaded."""
        return folder_stamp(self.journal.root) != self.stamp


def _usage(index: JournalIndex, transcripts: list[dict[str, Any]]) -> dict[str, int]:
    """How many live entries and transcripts use each theme (as
    ``Journal.theme_usage`` counts them), from the rows: no entry is read."""
    counts: dict[str, int] = {}
    for doc in itertools.chain((row.doc for row in index.rows), transcripts):
        for name in doc_themes(doc):
            counts[name] = counts.get(name, 0) + 1
    return counts


def _questions(index: JournalIndex) -> list[StudyQuestion]:
    """The carried questions: the entries carrying them, and the few that answer them."""
    docs = index.question_docs()
    have = {EntryRow(d).id for d in docs}
    answering = {
        str(q["answered_by"].get("entry"))
        for d in docs
        for q in EntryRow(d).questions
        if isinstance(q, dict) and isinstance(q.get("answered_by"), dict)
    }
    return questions_of([*docs, *index.docs_of(answering - have)])


def _rated_days(index: JournalIndex, interviews: list[Interview]) -> RatedDays:
    held = [(i.code, i.date.date()) for i in interviews if i.date is not None]
    return rated_days((row.doc for row in index.rows), held)


class WriteDone(Message):
    """A write asked for by ``run_write`` succeeded; ``result`` is what it returned."""

    def __init__(self, what: str, result: Any) -> None:
        super().__init__()
        self.what = what
        self.result = result


class WriteFailed(Message):
    """A write asked for by ``run_write`` was refused; nothing was changed."""

    def __init__(self, what: str, error: Exception) -> None:
        super().__init__()
        self.what = what
        self.error = error


# What a write may raise and still leave the journal as it was: shown as one line.
WRITE_ERRORS: tuple[type[Exception], ...] = (OSError, ValueError)


def write_errors() -> tuple[type[Exception], ...]:
    from eftertanke.domain import ValidationError
    from eftertanke.store.errors import EftertankeError

    return (EftertankeError, ValidationError, *WRITE_ERRORS)


def run_write(target: DOMNode, what: str, job: Callable[[], Any]) -> None:
    """Run ``job`` (a call into ``services`` or the store) in a worker of
    ``target``; post ``WriteDone`` or ``WriteFailed`` to it, and reload the
    app's data after a success."""
    app = target.app
    errors = write_errors()

    def work() -> None:
        try:
            result = job()
        except errors as exc:
            target.post_message(WriteFailed(what, exc))
            return
        target.post_message(WriteDone(what, result))
        app.call_from_thread(app.journal_changed)  # type: ignore[attr-defined]

    target.run_worker(work, thread=True, group=f"write-{what}", exclusive=True)
