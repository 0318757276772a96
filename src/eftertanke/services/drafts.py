"""Drafts of every editor, as one list: what each is, what it belongs to, its text.

The journal keeps drafts as small JSON files (``Journal.save_draft``). Four
editors write them, and each leaves its own shape:

- guided writing (``GuidedSession.to_draft``): has ``format``; id is a uuid;
- the entry edit dialog: ``edit_of`` names the entry; id ``edit-<entry id>``;
  the reflection editor writes the same, plus ``entry`` (the whole edited
  entry: answers, quotes, themes, ratings, link) and ``new_themes``;
- the interview form and the theme forms: ``form`` names the form and
  ``fields`` holds what was typed; id ``form-<form>-<record id or new-…>``.

The TUI and the ``drafts`` command both read drafts through this module, so a
draft is described (and offered back) the same way everywhere. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eftertanke.domain import Entry, new_id
from eftertanke.store.errors import AmbiguousIdError, NotFoundError
from eftertanke.store.journal import Journal

EDIT_PREFIX = "edit-"
FORM_PREFIX = "form-"

INTERVIEW_FORM = "interview"
THEME_FORMS = ("theme-add", "theme-rename", "theme-merge", "theme-move")
FORMS = (INTERVIEW_FORM, *THEME_FORMS)

KIND_GUIDED = "guided"
KIND_EDIT = "edit"
KIND_INTERVIEW = "interview"
KIND_THEME = "theme"
KIND_UNKNOWN = "unknown"


@dataclass(frozen=True)
class DraftInfo:
    """One draft as people see it: its kind, what it belongs to, when it was saved."""

    id: str
    kind: str
    saved: datetime | None
    entry: str | None = None
    interview: str | None = None
    theme: str | None = None
    form: str | None = None
    pack: str | None = None
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def belongs_to(self) -> str:
        """A short name of the record the draft belongs to ('' for a new one)."""
        if self.entry:
            return self.entry
        if self.kind == KIND_THEME:
            return self.theme or ""
        return self.interview or self.theme or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "form": self.form,
            "entry": self.entry,
            "interview": self.interview,
            "theme": self.theme,
            "pack": self.pack,
            "saved": self.saved.isoformat() if self.saved else None,
            "preview": preview(self),
        }


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _when(data: dict[str, Any]) -> datetime | None:
    saved = data.get("saved") or data.get("started")
    if not isinstance(saved, str):
        return None
    try:
        return datetime.fromisoformat(saved)
    except ValueError:
        return None


def describe(data: dict[str, Any]) -> DraftInfo:
    """What a stored draft is; a draft of an unknown shape is kept as ``unknown``."""
    draft_id = str(data.get("draft_id") or "")
    saved = _when(data)
    if data.get("format"):
        pack = data.get("pack") if isinstance(data.get("pack"), dict) else {}
        return DraftInfo(
            draft_id,
            KIND_GUIDED,
            saved,
            interview=_text_or_none(data.get("interview")),
            pack=_text_or_none(pack.get("id")),
            data=data,
        )
    if _text_or_none(data.get("edit_of")):
        return DraftInfo(draft_id, KIND_EDIT, saved, entry=str(data["edit_of"]), data=data)
    form = data.get("form")
    if form in FORMS:
        record = _text_or_none(data.get("record"))
        if form == INTERVIEW_FORM:
            return DraftInfo(
                draft_id, KIND_INTERVIEW, saved, interview=record, form=form, data=data
            )
        return DraftInfo(draft_id, KIND_THEME, saved, theme=record, form=form, data=data)
    return DraftInfo(draft_id, KIND_UNKNOWN, saved, data=data)


def list_drafts(journal: Journal) -> list[DraftInfo]:
    """Every readable draft, newest first."""
    return [describe(d) for d in journal.drafts() if d.get("draft_id")]


def find_draft(journal: Journal, ident: str) -> DraftInfo:
    """A draft by its id or an unambiguous start of it (like entry ids)."""
    ident = ident.strip()
    drafts = list_drafts(journal)
    exact = [d for d in drafts if d.id == ident]
    if exact:
        return exact[0]
    matches = [d for d in drafts if ident and d.id.startswith(ident)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise AmbiguousIdError(
            f"the draft id {ident!r} is ambiguous ({len(matches)} drafts start so)",
            key="error.draft_id_ambiguous",
            id=repr(ident),
            n=len(matches),
        )
    raise NotFoundError(
        f"no draft with the id {ident!r} (see 'eftertanke drafts')",
        key="error.no_draft",
        id=repr(ident),
    )


def field_texts(info: DraftInfo) -> list[tuple[str, str]]:
    """The user's words in a draft, as (label, text) pairs, in the order typed."""
    data = info.data
    if info.kind == KIND_GUIDED:
        return [
            (str(a.get("prompt_text") or a.get("prompt_id") or ""), str(a.get("text") or ""))
            for a in data.get("answers") or []
            if isinstance(a, dict)
        ]
    if info.kind == KIND_EDIT:
        texts = [("title", str(data.get("title") or "")), ("body", str(data.get("body") or ""))]
        edited = data.get("entry")
        if isinstance(edited, dict):
            for section in edited.get("sections") or []:
                if isinstance(section, dict):
                    label = str(section.get("prompt_text") or section.get("prompt_id") or "")
                    texts.append((label, str(section.get("answer") or "")))
            for excerpt in edited.get("excerpts") or []:
                if isinstance(excerpt, dict):
                    texts.append((str(excerpt.get("timestamp") or ""), str(excerpt.get("quote") or "")))
        return texts
    fields = data.get("fields")
    if isinstance(fields, dict):
        return [(str(k), str(v)) for k, v in fields.items() if v is not None]
    return []


def preview(info: DraftInfo, limit: int = 60) -> str:
    """The first words typed, on one line."""
    if info.kind == KIND_EDIT:
        text = str(info.data.get("title") or "") or str(info.data.get("body") or "")
        if not text:
            text = next((value for _label, value in field_texts(info) if value.strip()), "")
    else:
        text = next((value for _label, value in field_texts(info) if value.strip()), "")
    return " ".join(text.split())[:limit]


# -- the drafts each editor writes --------------------------------------------


def edit_draft_id(entry_id: str) -> str:
    return f"{EDIT_PREFIX}{entry_id}"


def edit_draft(entry_id: str, title: str, body: str, base_revision: int) -> dict[str, Any]:
    """The edit dialog's draft; ``base_revision`` is the revision it opened with,
    so a resumed edit over a changed entry becomes a conflict copy, not an overwrite."""
    return {"edit_of": entry_id, "title": title, "body": body, "base_revision": base_revision}


def reflection_draft(
    edited: Entry, base_revision: int, new_themes: dict[str, str] | None = None
) -> dict[str, Any]:
    """The reflection editor's draft: the edit dialog's shape (so every reader of
    edit drafts finds the title and body) with the whole edited entry beside it."""
    data = edit_draft(edited.id, edited.title, edited.body, base_revision)
    data["entry"] = edited.to_dict()
    data["new_themes"] = dict(new_themes or {})
    return data


def edited_entry(stored: Entry, data: dict[str, Any]) -> Entry:
    """The entry an edit draft holds: a reflection draft's whole entry, or the
    stored entry with a plain draft's title and body. Unreadable parts of a
    draft fall back to the stored entry's, so the draft's text still comes back."""
    edited = Entry.from_dict(stored.to_dict())
    held = data.get("entry")
    if isinstance(held, dict) and held.get("id") == stored.id:
        try:
            edited = Entry.from_dict(held)
        except (ValueError, TypeError, KeyError):
            edited = Entry.from_dict(stored.to_dict())
    edited.title = str(data.get("title") if data.get("title") is not None else edited.title)
    edited.body = str(data.get("body") if data.get("body") is not None else edited.body)
    return edited


def draft_new_themes(data: dict[str, Any]) -> dict[str, str]:
    """Themes a reflection draft chose with "+ Create" (name → concept)."""
    found = data.get("new_themes")
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items() if isinstance(v, str)}


def edit_draft_for(journal: Journal, entry_id: str) -> dict[str, Any] | None:
    """The kept edit of one entry, if a crash or a closed terminal left one."""
    wanted = edit_draft_id(entry_id)
    for data in journal.drafts():
        if data.get("draft_id") == wanted and data.get("edit_of") == entry_id:
            return data
    return None


def form_draft_id(form: str, record_id: str | None) -> str:
    """A record's form keeps one draft; each new-record form gets its own."""
    return f"{FORM_PREFIX}{form}-{record_id or 'new-' + new_id()[:8]}"


def form_draft(
    form: str,
    record: str | None,
    record_id: str | None,
    base_revision: int | None,
    fields: dict[str, str | None],
) -> dict[str, Any]:
    return {
        "form": form,
        "record": record,
        "record_id": record_id,
        "base_revision": base_revision,
        "fields": fields,
    }


def base_revision(data: dict[str, Any]) -> int | None:
    value = data.get("base_revision")
    return value if isinstance(value, int) and not isinstance(value, bool) else None
