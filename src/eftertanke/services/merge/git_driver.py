"""git's three-way merge of one journal data file (``eftertanke git-merge``).

git calls the driver with the ancestor, ours and theirs of one file; the
rules (``rules``, ``transcript_rules``, ``record_rules``) merge its tables.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from eftertanke.codebook_log import LOG_TABLE
from eftertanke.services.merge.record_rules import (
    merge_codebook_log,
    merge_generic,
    merge_interviews,
    merge_meta,
    merge_themes,
)
from eftertanke.services.merge.rules import Rows, RowsMerge, advance_revisions, merge_entries
from eftertanke.services.merge.transcript_rules import merge_transcripts
from eftertanke.store import layout
from eftertanke.store.files import ENCRYPTED_MAGIC
from eftertanke.store.storage import GENERATION_KEY

# Each table's rule; other tables (meta aside) merge record by record.
TABLE_RULES: dict[str, Callable[[Rows, Rows, Rows | None], RowsMerge]] = {
    layout.ENTRIES_TABLE: merge_entries,
    layout.INTERVIEWS_TABLE: merge_interviews,
    layout.THEMES_TABLE: merge_themes,
    layout.TRANSCRIPTS_TABLE: merge_transcripts,
    LOG_TABLE: merge_codebook_log,
}


# -- one data file, three ways (git's merge driver) ------------------------------


class MergeInputError(ValueError):
    """A version of a file given to the merge driver cannot be read as journal data."""


def _is_tables(data: Any) -> bool:
    return isinstance(data, dict) and bool(data) and all(isinstance(v, dict) for v in data.values())


def parse_version(raw: bytes, what: str) -> dict[str, Any]:
    """One version of a data file; an empty file (no ancestor) is an empty journal file."""
    if not raw.strip():
        return {}
    if raw.startswith(ENCRYPTED_MAGIC):
        raise MergeInputError(
            f"{what} is encrypted: git can only merge a plain journal's files; "
            "merge the two journals with 'eftertanke merge' instead"
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise MergeInputError(f"{what} is not journal data (not JSON: {exc})") from exc
    if not isinstance(data, dict):
        raise MergeInputError(f"{what} is not journal data (not a JSON object)")
    return data


def merge_file_data(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, Any]:
    """Merge three parsed versions of one data file (tables or the meta file)."""
    if any("schema" in d or "format" in d for d in (base, ours, theirs)):
        return merge_meta(ours, theirs, base or None)
    from eftertanke.store.manifest import generation_of, next_generation, without_generation

    # The merged file is a new version of all three: its generation passes them
    # all, so each clone's manifest takes it as newer (store/manifest.py). Files
    # from before generations (none has one) stay without.
    newest = max(generation_of(d) for d in (base, ours, theirs))
    generation = next_generation(newest) if newest else None
    base, ours, theirs = (without_generation(d) for d in (base, ours, theirs))
    for what, data in (("ancestor", base), ("ours", ours), ("theirs", theirs)):
        if data and not _is_tables(data):
            raise MergeInputError(f"the {what} version is neither journal tables nor a meta file")
    out: dict[str, Any] = {}
    for table in sorted(set(ours) | set(theirs)):
        rule = TABLE_RULES.get(table, merge_generic)
        # Without an ancestor file (both sides created it) there is no base.
        table_base = base.get(table, {}) if base else None
        our_rows = ours.get(table, {})
        merged = rule(our_rows, theirs.get(table, {}), table_base).rows
        out[table] = advance_revisions(our_rows, merged)
    if generation is not None:
        out[GENERATION_KEY] = generation
    return out


def merge_file(base_path: Path, ours_path: Path, theirs_path: Path) -> dict[str, Any]:
    """git's %O %A %B: parse all three (raising MergeInputError) and merge them."""
    versions = []
    for what, path in (
        ("the ancestor", base_path),
        ("our version", ours_path),
        ("their version", theirs_path),
    ):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = b""
        except OSError as exc:
            raise MergeInputError(f"cannot read {what} ({path}): {exc.strerror or exc}") from exc
        versions.append(parse_version(raw, f"{what} ({path})"))
    return merge_file_data(*versions)
