"""Names of the files inside a journal folder, and the schema version.

Entries are spread over up to 256 shard files by the first two hex digits of
their UUID: TinyDB rewrites a whole file on every save, so small files keep
one save fast (a few KB to rewrite, not the whole journal) at 100,000
entries, and an entry always lives in the same file, which keeps git diffs
and merges small.

Schema 3: entries refer to themes and interviews by their records' ids (and
a theme to its parent by id), so renaming a theme or recoding an interview
writes only themes.json or interviews.json (see store/references.py).
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_VERSION = 3
FORMAT_NAME = "eftertanke-journal"

META_FILE = "eftertanke.json"
ENTRIES_DIR = "entries"
INTERVIEWS_FILE = "interviews.json"
THEMES_FILE = "themes.json"
DRAFTS_DIR = "drafts"
BACKUPS_DIR = "backups"
LEGACY_V1_FILE = "journal.json"

ENTRIES_TABLE = "entries"
INTERVIEWS_TABLE = "interviews"
THEMES_TABLE = "themes"


def shard_name(entry_id: str) -> str:
    return f"{entry_id[:2].lower()}.json"


def shard_path(root: Path, entry_id: str) -> Path:
    return root / ENTRIES_DIR / shard_name(entry_id)


def data_files(root: Path) -> list[Path]:
    """Every file that holds journal data (not drafts, backups or the lock)."""
    paths = [root / META_FILE, root / INTERVIEWS_FILE, root / THEMES_FILE]
    entries_dir = root / ENTRIES_DIR
    if entries_dir.is_dir():
        paths.extend(sorted(p for p in entries_dir.glob("*.json")))
    return [p for p in paths if p.exists()]
