"""Drafts in the store: what an editor holds while someone types, one small
file each under ``drafts/``, written atomically through the journal's codec.

A mixin of ``Journal`` (store/journal.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from eftertanke.domain import (
    ValidationError,
    now,
)
from eftertanke.store import files, layout
from eftertanke.store.errors import (
    JournalError,
)
from eftertanke.textsafe import scrub_surrogates


class DraftStore:
    """The draft methods of ``Journal``."""

    # -- drafts -------------------------------------------------------------

    def _drafts_dir(self) -> Path:
        return self.root / layout.DRAFTS_DIR

    def save_draft(self, draft_id: str, data: dict[str, Any]) -> None:
        if not draft_id or "/" in draft_id or draft_id.startswith("."):
            raise ValidationError(f"bad draft id {draft_id!r}")
        directory = self._drafts_dir()
        with self.lock:
            self._guard_write()
            files.ensure_private_dir(directory)
            payload = orjson.dumps(
                scrub_surrogates({**data, "draft_id": draft_id, "saved": now().isoformat()})
            )
            path = directory / f"{draft_id}.json"
            files.atomic_write_bytes(path, self._codec(path).encode(payload))

    def drafts(self) -> list[dict[str, Any]]:
        """Saved drafts, newest first; an unreadable draft is skipped, never fatal."""
        directory = self._drafts_dir()
        found: list[dict[str, Any]] = []
        if not directory.is_dir():
            return found
        for path in directory.glob("*.json"):
            try:
                data = orjson.loads(self._codec(path).decode(files.read_bytes(path), path))
            except (OSError, orjson.JSONDecodeError, JournalError):
                continue
            if isinstance(data, dict):
                found.append(data)
        found.sort(key=lambda d: str(d.get("saved", "")), reverse=True)
        return found

    def discard_draft(self, draft_id: str) -> None:
        self._refuse_if_read_only()
        with self.lock:
            try:
                (self._drafts_dir() / f"{draft_id}.json").unlink()
            except FileNotFoundError:
                pass
