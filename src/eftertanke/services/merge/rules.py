"""Merging journals: the rules, a whole-journal merge and git's three-way merge.

The rules work on stored documents (plain dicts), so the same code merges two
journal folders (``merge_journal``, no common ancestor) and one data file
three ways for git (``merge_file``, with the common ancestor).

Rules, the same in both directions (the result has the same content whichever
side merges into which) and idempotent (merging again changes nothing):

* **Entries** match by UUID. A document only on one side is taken.
  Two differing versions: the newer ``updated`` wins; equal times are broken
  by a hash of the content, so the choice never depends on the side.
* **Codings** (coded passages) merge by themselves, by coding id
  (services/merge_codings.py): the codings of both sides are kept, a coding
  changed on both sides takes the newer span and themes and keeps both
  memos, and when the texts differ every kept coding is re-anchored into
  the kept text. Codings never decide which version wins, never make a
  conflict copy and never name one: two researchers coding the same
  reflection on two clones both keep their codings, with no copy.
* **Both changed the words** (three-way: both differ from the ancestor in
  what was written, codings aside; two-way: the versions' words differ,
  since without an ancestor a stale version cannot be told from a
  concurrent edit, and no text is ever dropped): the older version is kept
  as a *conflict copy* (its words, without the codings: those live on the
  entry, so no passage is counted twice), an entry with
  ``conflict_of`` set to the original's id. Its id is derived from the
  original id and the losing version (uuid5), so both directions and every
  repeated merge produce the very same copy; its first two hex digits are the
  original's, so the copy lives in the same shard file (a git merge driver
  can only write the one file it is merging).
* **Deletions** propagate: a version in the trash counts as changed at its
  deletion time; it wins unless the other side changed the entry after it
  was deleted (then the changed entry comes back). No conflict copy is made
  against a deletion. A document removed outright (purged, or a theme merged
  away) on one side stays removed in a three-way merge unless the other side
  changed it.
* **Interviews and themes** match by id first (the same record in two clones
  of one journal: a rename on one side is simply the newer version of the
  record), then by code or name (case-insensitive) for records with different
  ids (journals started apart, or the same theme added in two clones). When
  both changed, the newer ``updated`` wins as a whole; no conflict copy is
  made: they are short records, not written reflection. A record that loses
  to another of the same name is not dropped: it stays as an *alias*
  (``merged_into`` the winner's id, hidden from listings), because entries
  refer to themes and interviews by id (store/references.py) and the entries
  naming the loser's id must read as the winner. A theme whose concept
  differs between the sides takes the newer side's concept, and the merge
  report notes it.
* **Transcripts** (``transcripts/`` shards) match by id, like entries: new
  ones arrive, one changed on one side takes that side, and changed on both
  sides the codings merge as above and the rest is the newer version's. When
  both sides changed the *turns*, the newer turns are kept with every coding
  re-anchored into them; a whole-journal merge keeps the other version's
  words as a memo entry (``transcript_aside_entry``, never linked to the
  interview, so it is not counted as a reflection), and a git merge leaves
  them in the other commit. Two transcripts of one interview with different
  ids (each clone imported its own) become the newer one, holding the codings
  of both (``fold_transcripts``; whole-journal merges only: git merges one
  shard file at a time, and doctor names the pair).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from eftertanke.domain import LANGUAGES, Entry, Interview, Theme, ValidationError
from eftertanke.i18n import t
from eftertanke.services.merge_codings import (
    entry_text_of,
    merge_codings,
    transcript_text,
    transcript_text_of,
)
from eftertanke.store import layout
from eftertanke.store.batch import FileRewrite, rewrite_files
from eftertanke.store.errors import JournalError
from eftertanke.store.files import ENCRYPTED_MAGIC
from eftertanke.store.references import ALIAS_KEY, is_alias
from eftertanke.store.storage import GENERATION_KEY

Doc = dict[str, Any]
Rows = dict[str, Doc]

# Namespace of conflict-copy ids (a fixed random UUID: never change it, or
# merges made by different versions would make different copies).
CONFLICT_NAMESPACE = uuid.UUID("0b6f4a2e-9d53-4c1e-8f0a-4e7d2c5b9a61")

# Fields that say who and when, not what was written.
_BOOKKEEPING = frozenset({"updated", "updated_by", "conflict_of", "deleted", "revision"})


# -- the pieces of every rule -------------------------------------------------


def _canonical(doc: Doc) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


def _digest(doc: Doc) -> str:
    # The revision is a local counter (each journal numbers its own writes),
    # so it must not decide which version wins or name a conflict copy.
    return hashlib.sha256(_canonical(_unrevised(doc))).hexdigest()


def _unrevised(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k != "revision"} if "revision" in doc else doc


def advance_revisions(ours: Rows, merged: Rows) -> Rows:
    """Merged rows as they are written over ``ours``: a record the merge
    changed gets a revision above both versions', so an editor still holding
    our old version sees the change; a record whose content is ours keeps our
    stored version, revision and all, so merging again changes nothing."""
    out: Rows = {}
    for doc_id, doc in merged.items():
        before = ours.get(doc_id)
        if before is None or ("revision" not in before and "revision" not in doc):
            out[doc_id] = doc
        elif _unrevised(before) == _unrevised(doc):
            out[doc_id] = before
        else:
            revision = max(_revision(before), _revision(doc)) + 1
            out[doc_id] = {**doc, "revision": revision}
    return out


def _revision(doc: Doc) -> int:
    value = doc.get("revision")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _effective_time(doc: Doc) -> datetime:
    """When a version was last changed; a deletion counts as a change."""
    times = [t for t in (_time(doc.get("updated")), _time(doc.get("deleted"))) if t is not None]
    return max(times) if times else datetime.min.replace(tzinfo=UTC)


def _sans_codings(doc: Doc) -> Doc:
    # Codings merge by themselves (merge_codings), so they neither decide which
    # version of an entry wins nor name its conflict copy: a coding added on one
    # side must not turn the same text into a second copy on the next merge.
    return {**doc, "codings": []} if doc.get("codings") else doc


def _order_key(doc: Doc) -> tuple[datetime, str]:
    return (_effective_time(doc), _digest(_sans_codings(doc)))


def newer_and_older(a: Doc, b: Doc) -> tuple[Doc, Doc]:
    """The newer version first; equal times are decided by a content hash."""
    return (a, b) if _order_key(a) >= _order_key(b) else (b, a)


def _written(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k not in _BOOKKEEPING}


def _words(doc: Doc | None) -> Doc | None:
    """What was written, without the codings on it: the part that conflicts."""
    if doc is None:
        return None
    return {k: v for k, v in doc.items() if k not in _BOOKKEEPING and k != "codings"}


def conflict_copy_id(entry_id: str, loser: Doc) -> str:
    """A stable id for the conflict copy of ``loser``, in the same shard as the original."""
    name = "|".join(
        [
            entry_id,
            str(loser.get("updated") or ""),
            str(loser.get("updated_by") or ""),
            _digest(_sans_codings(loser)),
        ]
    )
    derived = str(uuid.uuid5(CONFLICT_NAMESPACE, name))
    return entry_id[:2].lower() + derived[2:]


def _copy_words(doc: Doc) -> bytes:
    """What a conflict copy holds, for telling one copy of the same words from another."""
    words = _words(doc) or {}
    return _canonical(
        {k: v for k, v in words.items() if k != "id"} | {"of": doc.get("conflict_of")}
    )


def make_conflict_copy(entry_id: str, loser: Doc) -> Doc:
    """The losing text beside the entry. Its codings are not copied: they were
    merged into the entry (re-anchored there), so no passage is counted twice;
    keeping the copy's version later carries them back (``keep_version``)."""
    copy = _sans_codings(loser)
    copy = {**copy, "id": conflict_copy_id(entry_id, loser), "conflict_of": entry_id}
    return copy


def _resolve(a: Doc, b: Doc, base: Doc | None, concurrent: bool) -> tuple[Doc, Doc | None]:
    """Two differing versions of a record with written text and codings: the
    version kept (its codings still to be merged) and the loser whose words
    conflict, or None. ``base`` is the ancestor (three-way), if known."""
    winner, loser = newer_and_older(a, b)
    words_w, words_l = _words(winner), _words(loser)
    if winner.get("deleted") and not loser.get("deleted") and words_w != words_l:
        # Deleted after the other side's last change: it stays deleted, but the
        # trash keeps the newest text, so undoing the deletion loses nothing.
        keep = ("deleted", "updated", "updated_by")
        return {**loser, **{k: winner.get(k) for k in keep}}, None
    if winner.get("deleted") or loser.get("deleted"):
        # A deletion stays unless the entry was changed after it: that is the
        # newer-wins order with the deletion time as the change time.
        return winner, None
    if words_w == words_l:
        return winner, None  # the same words: only codings or bookkeeping differ
    if base is not None and words_l == _words(base):
        return winner, None  # only the newer side changed the words
    if base is not None and words_w == _words(base):
        # Only the older side changed the words; the newer changed codings.
        return {
            **loser,
            "updated": winner.get("updated"),
            "updated_by": winner.get("updated_by"),
        }, None
    return winner, (loser if concurrent else None)


def _with_codings(
    kept: Doc,
    a: Doc,
    b: Doc,
    base: Doc | None,
    text_of: Callable[[Doc], Callable[[Doc], str | None]],
    notes: list[str] | None,
    what: str,
) -> Doc:
    """``kept`` with the codings of both versions merged (merge_codings) and,
    when the versions' texts differ, re-anchored into ``kept``'s text."""
    if "codings" not in a and "codings" not in b:
        return kept
    texts_differ = _words(a) != _words(b)
    merged = merge_codings(
        a.get("codings"),
        b.get("codings"),
        (base or {}).get("codings"),
        three_way=base is not None,
        text_of=text_of(kept) if texts_differ else None,
    )
    if notes is not None:
        notes.extend(f"{what}: {note}" for note in merged.notes)
    if merged.codings == kept.get("codings"):
        return kept
    return {**kept, "codings": merged.codings}


def resolve_entry(
    entry_id: str,
    a: Doc,
    b: Doc,
    *,
    concurrent: bool = True,
    base: Doc | None = None,
    notes: list[str] | None = None,
) -> tuple[Doc, Doc | None]:
    """Two versions of one entry: the version kept, and a conflict copy or None.

    ``concurrent`` says both sides changed the entry (always assumed without
    a common ancestor); only then is the losing text kept as a copy, and only
    when the words differ: codings merge by themselves (merge_codings), so two
    researchers coding the same text never make a copy. ``base`` is the
    common ancestor's version in a three-way merge.
    """
    if _unrevised(a) == _unrevised(b):
        return a, None
    kept, loser = _resolve(a, b, base, concurrent)
    kept = _with_codings(kept, a, b, base, entry_text_of, notes, f"entry {entry_id[:8]}")
    return kept, (make_conflict_copy(entry_id, loser) if loser is not None else None)


# -- entries ----------------------------------------------------------------


@dataclass
class RowsMerge:
    """The merged rows of one table and what happened to get them."""

    rows: Rows
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Versions whose words were not kept (transcripts): id → the losing document.
    set_aside: Rows = field(default_factory=dict)

    def changed_from(self, ours: Rows) -> bool:
        return self.rows != ours


def merge_entries(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    """Merge entry rows (id → document). ``base`` is the common ancestor, if known.

    The result's ``added``/``updated``/``deleted``/``conflicts`` describe the
    change to ``ours``.
    """
    rows: Rows = {}
    result = RowsMerge(rows)
    copies: Rows = {}
    for entry_id in sorted(set(ours) | set(theirs) | set(base or {})):
        mine, other = ours.get(entry_id), theirs.get(entry_id)
        old = base.get(entry_id) if base is not None else None
        merged = _merge_one(entry_id, mine, other, old, base is not None, copies, result.notes)
        if merged is not None:
            rows[entry_id] = merged
    kept_words = {_copy_words(doc) for doc in rows.values() if doc.get("conflict_of")}
    for copy_id, copy in copies.items():
        # A copy both sides already hold (from an earlier merge) may since
        # have been changed or trashed: that version stands. So does a copy of
        # the same words under another id (the loser was coded since, which
        # moved its time, not its words).
        existing = rows.get(copy_id)
        if existing is None and _copy_words(copy) not in kept_words:
            rows[copy_id] = copy
    for entry_id, doc in rows.items():
        before = ours.get(entry_id)
        if before is None:
            (
                result.conflicts if entry_id in copies and doc.get("conflict_of") else result.added
            ).append(entry_id)
        elif before != doc:
            if doc.get("deleted") and not before.get("deleted"):
                result.deleted.append(entry_id)
            else:
                result.updated.append(entry_id)
    result.removed = sorted(set(ours) - set(rows))
    return result


def _merge_one(
    entry_id: str,
    mine: Doc | None,
    other: Doc | None,
    old: Doc | None,
    three_way: bool,
    copies: Rows,
    notes: list[str],
) -> Doc | None:
    if mine is None and other is None:
        return None
    if three_way:
        if mine == other:
            return mine
        if mine == old:
            return other  # only their side changed (or removed) it
        if other == old:
            return mine
        if mine is None or other is None:
            # Removed on one side, changed on the other: the change is kept.
            return mine if mine is not None else other
    elif mine is None or other is None:
        return mine if mine is not None else other
    assert mine is not None and other is not None
    kept, copy = resolve_entry(
        entry_id, mine, other, concurrent=True, base=old if three_way else None, notes=notes
    )
    if copy is not None:
        copies[copy["id"]] = copy
    return kept


# -- transcripts -------------------------------------------------------------------


def merge_transcripts(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    """Merge transcript rows (id → document) like entries.

    A transcript only on one side is taken; changed on one side (three-way),
    that side's. Changed on both: the codings merge (merge_codings) and the
    rest is the newer version's; when both changed the *turns* (two imports,
    or hand corrections on each side), the newer turns are kept, every coding
    is re-anchored into them, and the losing version is listed in
    ``set_aside`` so that a whole-journal merge can keep its words beside it
    (``transcript_aside_entry``); a git merge keeps them in the other commit.
    """
    rows: Rows = {}
    result = RowsMerge(rows)
    for doc_id in sorted(set(ours) | set(theirs) | set(base or {})):
        mine, other = ours.get(doc_id), theirs.get(doc_id)
        old = base.get(doc_id) if base is not None else None
        chosen: Doc | None
        if base is not None and (mine == other or mine == old or other == old):
            chosen = other if mine == old else mine
        elif mine is None or other is None:
            chosen = mine if mine is not None else other
        elif _unrevised(mine) == _unrevised(other):
            chosen = mine
        else:
            three_way = base is not None and old is not None
            kept, loser = _resolve(mine, other, old if three_way else None, concurrent=True)
            chosen = _with_codings(
                kept,
                mine,
                other,
                old if three_way else None,
                transcript_text_of,
                result.notes,
                f"transcript {doc_id[:8]}",
            )
            if loser is not None and loser.get("turns") != kept.get("turns"):
                result.set_aside[doc_id] = loser
        if chosen is not None:
            rows[doc_id] = chosen
    for doc_id, doc in rows.items():
        before = ours.get(doc_id)
        if before is None:
            result.added.append(doc_id)
        elif before != doc:
            result.updated.append(doc_id)
    result.removed = sorted(set(ours) - set(rows))
    result.conflicts = sorted(result.set_aside)
    return result


def fold_transcripts(rows: Rows, interview_rows: Rows) -> RowsMerge:
    """One transcript per interview: two records of the same interview (each
    journal imported its own) become the newer one, holding the other's
    codings (re-anchored into its turns); the other goes, and its turns are
    listed in ``set_aside`` when they differ from the kept ones."""
    from eftertanke.store.references import resolve_alias

    groups: dict[str, list[str]] = {}
    for doc_id, doc in rows.items():
        interview = str(doc.get("interview") or "")
        live = resolve_alias(interview_rows, interview) or interview
        groups.setdefault(live, []).append(doc_id)
    out = dict(rows)
    result = RowsMerge(out)
    for _interview, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        winner_id = members[0]
        for doc_id in members[1:]:
            if newer_and_older(out[doc_id], out[winner_id])[0] is out[doc_id]:
                winner_id = doc_id
        kept = out[winner_id]
        text_of = transcript_text_of(kept)
        for doc_id in sorted(members):
            if doc_id == winner_id:
                continue
            other = out.pop(doc_id)
            merged = merge_codings(kept.get("codings"), other.get("codings"), text_of=text_of)
            kept = {**kept, "codings": merged.codings}
            if other.get("turns") != kept.get("turns"):
                result.set_aside[doc_id] = other
            result.removed.append(doc_id)
        out[winner_id] = kept
    return result


def transcript_aside_entry(loser: Doc, code: str) -> Doc:
    """A memo entry holding the words of a transcript version a merge did not keep.

    Its id is derived from the transcript and the version, so every repeated
    merge (in either direction) makes the very same memo, once. It is not
    linked to the interview: it is respondent material kept for safety, not
    a reflection, and must not be counted as one."""
    language = str(loser.get("language") or "da")
    language = language if language in LANGUAGES else "da"
    title, intro = t("merge.aside.title", language), t("merge.aside.intro", language)
    lines = transcript_text(loser).split("\n")
    # The version's own time (never "now"), so the memo is the same every merge.
    when = (
        _time(loser.get("updated")) or _time(loser.get("created")) or datetime.fromtimestamp(0, UTC)
    )
    # Named by the turns alone: a version coded again since is still the same words.
    name = "|".join(["transcript", str(loser.get("id")), _digest({"turns": loser.get("turns")})])
    entry = Entry(
        id=str(uuid.uuid5(CONFLICT_NAMESPACE, name)),
        kind="memo",
        title=title.format(code=code),
        body=intro.format(code=code) + "\n\n" + "\n\n".join(lines),
        author=str(loser.get("updated_by") or loser.get("created_by") or ""),
        updated_by=str(loser.get("updated_by") or ""),
        language=language if language in ("da", "en") else "da",
        created=when,
        updated=when,
    )
    return entry.validate().to_dict()


# -- interviews and themes -----------------------------------------------------


def _interview_key(doc: Doc) -> str:
    return str(doc.get("code") or "").strip().casefold()


def _theme_key(doc: Doc) -> str:
    return " ".join(str(doc.get("name") or "").split()).casefold()


def _merge_keyed(
    ours: Rows,
    theirs: Rows,
    base: Rows | None,
    key: Callable[[Doc], str],
    what: str,
) -> RowsMerge:
    """Rows matched by a natural key (interview code, theme name), newer wins."""
    # First by id, so a three-way merge sees edits and removals of the same
    # record; then records with the same key but different ids are joined.
    by_id: Rows = {}
    for doc_id in sorted(set(ours) | set(theirs) | set(base or {})):
        mine, other = ours.get(doc_id), theirs.get(doc_id)
        old = base.get(doc_id) if base is not None else None
        if base is not None:
            if mine == other:
                chosen = mine
            elif mine == old:
                chosen = other
            elif other == old:
                chosen = mine
            elif mine is None or other is None:
                chosen = mine if mine is not None else other
            else:
                chosen = newer_and_older(mine, other)[0]
        elif mine is None or other is None:
            chosen = mine if mine is not None else other
        else:
            chosen = newer_and_older(mine, other)[0]
        if chosen is not None:
            by_id[doc_id] = chosen
    groups: dict[str, list[tuple[str, Doc]]] = {}
    rows: Rows = {}
    for doc_id, doc in by_id.items():
        if is_alias(doc):
            rows[doc_id] = doc  # an alias has no name of its own to match by
        else:
            groups.setdefault(key(doc), []).append((doc_id, doc))
    result = RowsMerge(rows)
    for _key, members in sorted(groups.items()):
        winner_id, winner = members[0]
        for doc_id, doc in members[1:]:
            if newer_and_older(doc, winner)[0] is doc:
                winner_id, winner = doc_id, doc
        for doc_id, doc in members:
            if doc_id != winner_id:
                rows[doc_id] = {**doc, ALIAS_KEY: winner_id}
        concepts = {str(d.get("concept")) for _, d in members if "concept" in d}
        if len(concepts) > 1:
            result.notes.append(
                f"{what} {winner.get('name')!r}: the sides filed it under different concepts "
                f"({', '.join(sorted(concepts))}); kept the newer: {winner.get('concept')}"
            )
        rows[winner_id] = winner
    ours_by_key = {key(doc): doc for doc in ours.values() if not is_alias(doc)}
    for doc_id, doc in rows.items():
        if is_alias(doc):
            continue  # hidden from listings, so not news in a report either
        before = ours.get(doc_id) or ours_by_key.get(key(doc))
        if before is None:
            result.added.append(doc_id)
        elif before != doc:
            result.updated.append(doc_id)
    result.removed = sorted(set(ours) - set(rows))
    return result


def merge_interviews(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    """Interviews matched by id, then by code (case-insensitive); newer wins."""
    return _merge_keyed(ours, theirs, base, _interview_key, "interview")


def merge_themes(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    """Themes matched by id, then by name (case-insensitive); newer wins."""
    return _merge_keyed(ours, theirs, base, _theme_key, "theme")


def merge_meta(ours: Doc, theirs: Doc, base: Doc | None = None) -> Doc:
    """The journal's meta file: per key, the side that changed it; the higher schema."""
    out: Doc = {}
    for key_name in sorted(set(ours) | set(theirs)):
        if key_name not in ours or key_name not in theirs:
            out[key_name] = ours.get(key_name, theirs.get(key_name))
            continue
        mine, other = ours[key_name], theirs[key_name]
        old = (base or {}).get(key_name)
        if mine == other or other == old:
            out[key_name] = mine
        elif mine == old:
            out[key_name] = other
        elif key_name == "schema" and isinstance(mine, int) and isinstance(other, int):
            out[key_name] = max(mine, other)
        else:
            out[key_name] = max(
                mine, other, key=lambda v: orjson.dumps(v, option=orjson.OPT_SORT_KEYS)
            )
    return out


TABLE_RULES: dict[str, Callable[[Rows, Rows, Rows | None], RowsMerge]] = {
    layout.ENTRIES_TABLE: merge_entries,
    layout.INTERVIEWS_TABLE: merge_interviews,
    layout.THEMES_TABLE: merge_themes,
    layout.TRANSCRIPTS_TABLE: merge_transcripts,
}


def _merge_generic(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    by_id: Rows = {}
    for doc_id in sorted(set(ours) | set(theirs)):
        mine, other = ours.get(doc_id), theirs.get(doc_id)
        old = (base or {}).get(doc_id)
        if mine == other or other == old:
            chosen = mine
        elif mine == old:
            chosen = other
        elif mine is None or other is None:
            chosen = mine if mine is not None else other
        else:
            chosen = newer_and_older(mine, other)[0]
        if chosen is not None:
            by_id[doc_id] = chosen
    return RowsMerge(by_id)


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
        rule = TABLE_RULES.get(table, _merge_generic)
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


# -- two journals ----------------------------------------------------------------


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    interviews_added: list[str] = field(default_factory=list)
    interviews_updated: list[str] = field(default_factory=list)
    themes_added: list[str] = field(default_factory=list)
    themes_updated: list[str] = field(default_factory=list)
    # Transcripts by their interview's code.
    transcripts_added: list[str] = field(default_factory=list)
    transcripts_updated: list[str] = field(default_factory=list)
    # Memo entries holding the words of a transcript version not kept.
    transcripts_set_aside: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.added,
                self.updated,
                self.deleted,
                self.conflicts,
                self.interviews_added,
                self.interviews_updated,
                self.themes_added,
                self.themes_updated,
                self.transcripts_added,
                self.transcripts_updated,
                self.transcripts_set_aside,
            )
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
            "interviews_added": self.interviews_added,
            "interviews_updated": self.interviews_updated,
            "themes_added": self.themes_added,
            "themes_updated": self.themes_updated,
            "transcripts_added": self.transcripts_added,
            "transcripts_updated": self.transcripts_updated,
            "transcripts_set_aside": self.transcripts_set_aside,
            "notes": self.notes,
        }


def check_is_journal(path: Path) -> None:
    """Refuse, before anything is opened, a folder that is not a journal."""
    if not path.exists():
        raise JournalError(f"no journal at {path}")
    if not path.is_dir():
        raise JournalError(f"{path} is a file, not a journal folder")
    if not (path / layout.META_FILE).is_file() and not (path / layout.LEGACY_V1_FILE).is_file():
        raise JournalError(f"{path} is not an eftertanke journal: it has no {layout.META_FILE}")


def open_other_journal(path: Path, passphrase: Any = None) -> Any:
    """The journal to merge from: it must already be a journal (never created here).

    ``passphrase`` (text, or a function asked only if the journal is
    encrypted) unlocks an encrypted one; a wrong one is refused before any
    of its files is read.
    """
    from eftertanke.store.errors import CorruptFileError
    from eftertanke.store.journal import Journal

    path = Path(path).expanduser()
    check_is_journal(path)
    try:
        return Journal(path, create=False, passphrase=passphrase)
    except CorruptFileError as exc:
        raise JournalError(f"cannot merge {path}: {exc}") from exc


def _validated(docs: Iterable[Doc], parse: Callable[[Doc], Any], what: str, source: Path) -> Rows:
    rows: Rows = {}
    for doc in docs:
        try:
            obj = parse(doc)
            if isinstance(obj, Entry):
                uuid.UUID(obj.id)
        except (ValidationError, KeyError, TypeError, ValueError) as exc:
            raise JournalError(f"cannot merge {source}: a damaged {what}: {exc}") from exc
        rows[str(doc["id"])] = doc
    return rows


def read_journal_rows(journal: Any) -> tuple[Rows, Rows, Rows]:
    """Every entry (trash included), interview and theme document of a journal,
    as stored: themes and interviews referred to by id."""
    root = journal.root
    entries = _validated(
        journal.stored_entries(include_deleted=True), Entry.from_dict, "entry", root
    )
    interviews = _validated(
        journal.stored_rows("interviews").values(), Interview.from_dict, "interview", root
    )
    themes = _validated(journal.stored_rows("themes").values(), Theme.from_dict, "theme", root)
    return entries, interviews, themes


def read_transcript_rows(journal: Any) -> Rows:
    """Every transcript document of a journal, as stored (interview and themes by id)."""
    from eftertanke.transcript import Transcript

    docs = (
        doc
        for path in journal.shard_paths(layout.TRANSCRIPTS_DIR)
        for doc in journal.stored_table(path, layout.TRANSCRIPTS_TABLE).values()
    )
    return _validated(docs, Transcript.from_dict, "transcript", journal.root)


def _by_shard(rows: Rows) -> dict[str, Rows]:
    shards: dict[str, Rows] = {}
    for doc_id, doc in rows.items():
        shards.setdefault(layout.shard_name(doc_id), {})[doc_id] = doc
    return shards


@dataclass
class _Theirs:
    """Everything read from the other journal, checked, before anything is written."""

    entries: Rows
    interviews: Rows
    themes: Rows
    transcripts: Rows


def _planned_rewrites(target: Any, report: MergeReport, theirs: _Theirs) -> list[FileRewrite]:
    """The files a merge changes, as they should stand after it; fills ``report``."""
    root = target.root
    rewrites: list[FileRewrite] = []

    def records(
        rule: Callable[[Rows, Rows, Rows | None], RowsMerge],
        their_rows: Rows,
        path: Path,
        table: str,
        added: list[str],
        updated: list[str],
        label: str,
    ) -> Rows:
        rows = target.stored_table(path, table)
        if not their_rows:
            return dict(rows)
        merged = rule(dict(rows), their_rows, None)
        merged.rows = advance_revisions(rows, merged.rows)
        report.notes.extend(merged.notes)
        if merged.changed_from(rows):
            added.extend(str(merged.rows[i].get(label)) for i in merged.added)
            updated.extend(str(merged.rows[i].get(label)) for i in merged.updated)
            rewrites.append(FileRewrite(path, table, merged.rows))
        return merged.rows

    interviews = records(
        merge_interviews,
        theirs.interviews,
        root / layout.INTERVIEWS_FILE,
        layout.INTERVIEWS_TABLE,
        report.interviews_added,
        report.interviews_updated,
        "code",
    )
    records(
        merge_themes,
        theirs.themes,
        root / layout.THEMES_FILE,
        layout.THEMES_TABLE,
        report.themes_added,
        report.themes_updated,
        "name",
    )
    set_aside = _planned_transcripts(target, report, theirs.transcripts, interviews, rewrites)
    their_entries = _by_shard(theirs.entries)
    for shard in sorted(set(their_entries) | set(_by_shard(set_aside))):
        path = root / layout.ENTRIES_DIR / shard
        rows = target.stored_table(path, layout.ENTRIES_TABLE)
        merged = merge_entries(dict(rows), their_entries.get(shard, {}))
        report.notes.extend(merged.notes)
        for doc_id, doc in _by_shard(set_aside).get(shard, {}).items():
            # Like a conflict copy: once made, the memo is the researcher's to
            # change or delete, and a later merge never makes it again.
            if doc_id not in merged.rows:
                merged.rows[doc_id] = doc
                report.transcripts_set_aside.append(doc_id)
        merged.rows = advance_revisions(rows, merged.rows)
        if not merged.changed_from(rows):
            continue
        report.added.extend(merged.added)
        report.updated.extend(merged.updated)
        report.deleted.extend(merged.deleted)
        report.conflicts.extend(merged.conflicts)
        rewrites.append(FileRewrite(path, layout.ENTRIES_TABLE, merged.rows))
    return rewrites


def _planned_transcripts(
    target: Any, report: MergeReport, theirs: Rows, interviews: Rows, rewrites: list[FileRewrite]
) -> Rows:
    """Plan the transcript shards' rewrites; returns the memo entries to add
    for transcript versions whose words were not kept (id → document)."""
    from eftertanke.store.references import resolve_alias

    table = layout.TRANSCRIPTS_TABLE
    shards = {path.name: path for path in target.shard_paths(layout.TRANSCRIPTS_DIR)}
    stored = {name: target.stored_table(path, table) for name, path in shards.items()}
    ours: Rows = {doc_id: doc for rows in stored.values() for doc_id, doc in rows.items()}
    if not theirs and len({str(d.get("interview")) for d in ours.values()}) == len(ours):
        return {}
    merged = merge_transcripts(ours, theirs)
    folded = fold_transcripts(merged.rows, interviews)
    rows = advance_revisions(ours, folded.rows)
    report.notes.extend(merged.notes)

    def code(doc: Doc) -> str:
        ident = str(doc.get("interview") or "")
        live = resolve_alias(interviews, ident) or ident
        return str(interviews.get(live, {}).get("code") or ident)

    # Said only when it changes this journal (merging again folds the same pair).
    for doc_id in sorted(folded.removed) if rows != ours else ():
        report.notes.append(
            f"interview {code(merged.rows[doc_id])} had a transcript in each journal; "
            "kept the newer, with the codings of both"
        )
    for doc_id, doc in rows.items():
        before = ours.get(doc_id)
        if before is None:
            report.transcripts_added.append(code(doc))
        elif before != doc:
            report.transcripts_updated.append(code(doc))
    aside = {**merged.set_aside, **folded.set_aside}
    memos = [transcript_aside_entry(doc, code(doc)) for _, doc in sorted(aside.items())]
    by_shard: dict[str, Rows] = {}
    for doc_id, doc in rows.items():
        by_shard.setdefault(layout.shard_name(doc_id), {})[doc_id] = doc
    for name in sorted(set(by_shard) | set(stored)):
        new_rows = by_shard.get(name, {})
        if new_rows != stored.get(name, {}):
            path = shards.get(name, target.root / layout.TRANSCRIPTS_DIR / name)
            rewrites.append(FileRewrite(path, table, new_rows))
    return {memo["id"]: memo for memo in memos}


def merge_journal(target: Any, other: Any) -> MergeReport:
    """Bring ``other``'s entries, interviews, themes and transcripts into ``target``.

    Everything of ``other`` is read and checked before anything is written,
    so a damaged journal changes nothing. The writes run under the target's
    lock as one all-or-nothing operation (store/batch.py): a merge cut short
    by a kill or a full disk is undone on the next open, and can be run again.
    """
    if Path(target.root).resolve() == Path(other.root).resolve():
        raise JournalError("cannot merge a journal into itself")
    theirs = _Theirs(*read_journal_rows(other), read_transcript_rows(other))
    report = MergeReport()
    with target.lock:
        target.invalidate_cache()
        # Everything is worked out first and written as one operation: a kill
        # or a full disk part-way leaves the journal as it was before the merge.
        rewrites = _planned_rewrites(target, report, theirs)
        rewrite_files(target, rewrites)
        target.invalidate_cache()
    for items in (
        report.added,
        report.updated,
        report.deleted,
        report.conflicts,
        report.transcripts_added,
        report.transcripts_updated,
        report.transcripts_set_aside,
    ):
        items.sort()
    return report


# -- conflict copies in a journal ---------------------------------------------------


def conflict_copies(journal: Any) -> list[Entry]:
    """Live conflict copies (entries kept from the losing side of a merge), oldest first."""
    found = [Entry.from_dict(d) for d in journal.raw_entries() if d.get("conflict_of")]
    found.sort(key=lambda e: (e.created, e.id))
    return found


def describe_conflict_copies(journal: Any) -> list[str]:
    """One line per live conflict copy, for ``eftertanke doctor``."""
    lines = []
    for copy in conflict_copies(journal):
        who = copy.updated_by or copy.author or "someone"
        lines.append(
            f"entry {copy.id[:8]} is a conflict copy of {str(copy.conflict_of)[:8]}: "
            f"{who}'s version was saved beside it after a merge or a concurrent edit "
            f"({copy.display_title(40)}); open it and keep one version (k in the entry "
            "view), or delete the copy"
        )
    return lines


def copies_of(journal: Any, entry_id: str) -> list[Entry]:
    return [e for e in conflict_copies(journal) if e.conflict_of == entry_id]


def keep_version(journal: Any, entry_id: str) -> Entry:
    """Make one version of a conflicted entry the entry; the other versions go to the trash.

    For a conflict copy: the original takes the copy's content (keeping its
    own id, creation time and author) and every copy of it goes to the trash.
    The codings of both stay: they are re-anchored into the kept text (a span
    whose words are not in it is flagged for review, never dropped).
    For an original: its copies go to the trash. Returns the entry kept.
    """
    from eftertanke.store.errors import NotFoundError

    with journal.lock:
        journal.invalidate_cache()
        chosen = journal.get_entry(entry_id)
        if chosen.deleted is not None:
            raise JournalError(f"entry {chosen.id[:8]} is in the trash; restore it first")
        original_id = chosen.conflict_of or chosen.id
        try:
            original = journal.get_entry(original_id)
        except NotFoundError:
            original = None
        if chosen.conflict_of and original is None:
            # The original is gone for good: the copy becomes a plain entry.
            chosen.conflict_of = None
            journal.update_entry(chosen, check_links=False)
            return chosen
        assert original is not None
        kept = original
        if chosen.conflict_of:
            codings = merge_codings(
                original.to_dict()["codings"], chosen.to_dict()["codings"]
            ).codings
            kept = Entry.from_dict(
                {
                    **chosen.to_dict(),
                    "codings": codings,
                    "id": original.id,
                    "created": original.to_dict()["created"],
                    "author": original.author,
                    "conflict_of": original.conflict_of,
                    "deleted": None,
                }
            )
            journal.update_entry(kept, check_links=False)
        elif not copies_of(journal, original.id):
            raise JournalError(f"entry {original.id[:8]} has no conflict copies")
        for copy in copies_of(journal, original.id):
            journal.delete_entry(copy.id)
        return kept


__all__ = [
    "MergeInputError",
    "MergeReport",
    "RowsMerge",
    "advance_revisions",
    "conflict_copies",
    "conflict_copy_id",
    "copies_of",
    "describe_conflict_copies",
    "keep_version",
    "merge_entries",
    "merge_file",
    "merge_file_data",
    "merge_interviews",
    "merge_journal",
    "merge_meta",
    "merge_themes",
    "newer_and_older",
    "open_other_journal",
    "resolve_entry",
]
