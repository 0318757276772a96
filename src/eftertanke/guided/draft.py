"""A guided session as a draft: JSON-safe data to persist after every change.

The caller saves ``to_draft`` after each step, so ``from_draft`` can resume
after a crash without losing a word, even when the pack changed since.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from eftertanke.domain import Excerpt, new_id, now
from eftertanke.guided.answer import Answer
from eftertanke.guided.errors import DraftError
from eftertanke.packs.loader import PromptPack

if TYPE_CHECKING:
    from eftertanke.guided.session import GuidedSession

DRAFT_FORMAT = "eftertanke-guided-draft"
DRAFT_VERSION = 1


def to_draft(session: GuidedSession) -> dict[str, Any]:
    """Everything needed to resume, as JSON-safe data (orjson or json)."""
    return {
        "format": DRAFT_FORMAT,
        "format_version": DRAFT_VERSION,
        "draft_id": session.draft_id,
        "pack": {"id": session.pack.id, "version": session.pack.version},
        "language": session.language,
        "interview": session.interview,
        "interview_ended": _iso(session.interview_ended),
        "started": _iso(session.started),
        "saved": _iso(now()),
        "position": session.position,
        "answers": [
            {
                "prompt_id": prompt_id,
                "text": answer.text,
                "added_later": answer.added_later,
                "prompt_text": answer.prompt_text,
                "added_later_from": answer.added_later_from,
            }
            for prompt_id, answer in session.answers.items()
        ],
        "skipped": list(session.skipped),
        "ratings": dict(session.ratings),
        "themes": list(session.themes),
        "excerpts": [e.to_dict() for e in session.excerpts],
    }


def from_draft(
    cls: type[GuidedSession], data: Mapping[str, Any], packs: Mapping[str, PromptPack]
) -> GuidedSession:
    """Resume a session of ``cls`` from ``to_draft`` data (see ``GuidedSession.from_draft``)."""
    if not isinstance(data, Mapping) or data.get("format") != DRAFT_FORMAT:
        raise DraftError("this is not a guided-reflection draft", key="error.draft_not_guided")
    if int(data.get("format_version", 0)) > DRAFT_VERSION:
        raise DraftError(
            "this draft was written by a newer eftertanke; update to resume it",
            key="error.draft_newer",
        )
    pack_id = (data.get("pack") or {}).get("id")
    pack = packs.get(pack_id) if isinstance(pack_id, str) else None
    if pack is None:
        raise DraftError(
            f"the draft's prompt pack {pack_id!r} is not available",
            key="error.draft_no_pack",
            pack=repr(pack_id),
        )
    try:
        session = cls.start(
            pack,
            language=str(data.get("language") or "da"),
            interview=data.get("interview"),
            interview_ended=_parse(data.get("interview_ended")),
            started=_parse(data.get("started")),
        )
        session.draft_id = str(data.get("draft_id") or new_id())
        for raw in data.get("answers") or []:
            session.answers[str(raw["prompt_id"])] = Answer(
                text=str(raw.get("text", "")),
                added_later=bool(raw.get("added_later", False)),
                prompt_text=str(raw.get("prompt_text", "")),
                added_later_from=_offset(raw.get("added_later_from"), str(raw.get("text", ""))),
            )
        session.skipped = [str(s) for s in data.get("skipped") or []]
        for key, value in (data.get("ratings") or {}).items():
            if pack.rating(key) is not None:
                session.set_rating(key, int(value))
        session.themes = [str(t) for t in data.get("themes") or []]
        session.excerpts = [Excerpt.from_dict(e) for e in data.get("excerpts") or []]
        session.position = max(0, min(int(data.get("position", 0)), session.total))
    except (KeyError, TypeError, ValueError) as exc:
        raise DraftError(
            f"the draft is damaged: {exc}", key="error.draft_damaged", problem=str(exc)
        ) from exc
    return session


def _offset(value: Any, text: str) -> int | None:
    """A stored mark's offset, or None (the whole answer) when it does not fit."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= len(text):
        return value
    return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError(f"time without a time zone: {value!r}")
    return parsed
