"""Names of the files inside a journal folder, and the schema version.

Entries are spread over up to 256 shard files by the first two hex digits of
their UUID: TinyDB rewrites a whole file on every save, so small files keep
one save fast (a few KB to rewrite, not the whole journal) at 100,000
entries, and an entry always lives in the same file, which keeps git diffs
and merges small.

Schema 3: entries refer to themes and interviews by their records' ids (and
a theme to its parent by id), so renaming a theme or recoding an interview
writes only themes.json or interviews.json (see store/references.py).

Schema 4: entries carry coded passages (``codings``) and interviews may have
a transcript, sharded like entries under ``transcripts/`` by the transcript's
id. An older eftertanke would drop codings when it rewrote an entry, so it is
refused by the schema number.

Schema 5: entries carry the reflexivity instruments of issue 20, stored
inside the entry: a self-as-data entry's ``data_type`` (chronology,
inventory, self-observation, self-reflection). An older eftertanke would drop
them when it rewrote an entry, so it is refused by the schema number.
Carry-forward questions (``questions``) are stored on the reflection that
raised them, only when there are any. Layers of re-reading (``layers``) and
position marks (``position_marks``, passages marked against a
pre-understanding of the positionality register) likewise, on the entry
they re-read or whose passage they mark.
"""

from __future__ import annotations

import os
from pathlib import Path

SCHEMA_VERSION = 5
FORMAT_NAME = "eftertanke-journal"

META_FILE = "eftertanke.json"
ENTRIES_DIR = "entries"
TRANSCRIPTS_DIR = "transcripts"
INTERVIEWS_FILE = "interviews.json"
THEMES_FILE = "themes.json"
DRAFTS_DIR = "drafts"
BACKUPS_DIR = "backups"
LEGACY_V1_FILE = "journal.json"
# A journal-wide change under way (store/intent.py), and an encrypt/decrypt
# swapping folders beside the journal (store/reencrypt.py). Named here so that
# opening a journal can see there is nothing to finish without importing either.
INTENT_FILE = "intent.json"
SWAP_MARKER = ".{name}.eftertanke-swap"

ENTRIES_TABLE = "entries"
INTERVIEWS_TABLE = "interviews"
THEMES_TABLE = "themes"
TRANSCRIPTS_TABLE = "transcripts"

# The folders whose files are shards of one table, by the first two hex digits
# of the record's id.
SHARD_DIRS: dict[str, str] = {ENTRIES_DIR: ENTRIES_TABLE, TRANSCRIPTS_DIR: TRANSCRIPTS_TABLE}


def shard_name(entry_id: str) -> str:
    return f"{entry_id[:2].lower()}.json"


def shard_path(root: Path, entry_id: str) -> Path:
    return root / ENTRIES_DIR / shard_name(entry_id)


def transcript_path(root: Path, transcript_id: str) -> Path:
    return root / TRANSCRIPTS_DIR / shard_name(transcript_id)


def swap_marker(root: Path) -> Path:
    return root.parent / SWAP_MARKER.format(name=root.name)


def data_files(root: Path) -> list[Path]:
    """Every file that holds journal data (not drafts, backups or the lock)."""
    return [root / name for name in data_names(root)]


def data_names(root: Path) -> list[str]:
    """``data_files`` as names inside the journal (``entries/00.json``), read
    with os.scandir: the first write of the hour walks them all for its
    backup, and a Path each cost it more than the links it makes."""
    names = [n for n in (META_FILE, INTERVIEWS_FILE, THEMES_FILE) if os.path.exists(root / n)]
    for folder in SHARD_DIRS:
        try:
            with os.scandir(root / folder) as listing:
                found = sorted(item.name for item in listing if item.name.endswith(".json"))
        except (FileNotFoundError, NotADirectoryError):
            continue
        names.extend(f"{folder}/{name}" for name in found)
    return names
