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
  (``codings.py``): the codings of both sides are kept, a coding
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
* **An entry's data type** (``data_type``, self-as-data) is a field of the
  entry's version like its title: it goes with the version that wins (the
  newer); it names no ids and holds no items to unite.
* **Carried questions** (``questions``, issue 20) merge by themselves,
  like codings (``entry_items.py``): the union by question id, the newer
  question wins; they never decide which version wins and never make a
  conflict copy.
* **Layers of re-reading and position marks** (``layers``,
  ``position_marks``, issue 20) the same way (``entry_items.py``): the union
  by item id, the newer item winning; a layer added on one clone while the
  text is edited on the other keeps both, with no copy.
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
* **The codebook's change log** (table ``codebook_log`` of ``themes.json``,
  ``record_rules.merge_codebook_log``) is append-only, so a merge keeps the
  events of both sides: the union by event id, never a removal, not even in a
  three-way merge (a side without an event lost a write; nobody deletes from
  the log). An event's id is derived from its content, so the same event on
  both sides is kept once and merging again adds nothing.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from eftertanke.services.merge.codings import (
    entry_text_of,
    merge_codings,
)
from eftertanke.services.merge.entry_items import ITEM_LISTS, with_items, without_items

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


def content_digest(doc: Doc) -> str:
    # The revision is a local counter (each journal numbers its own writes),
    # so it must not decide which version wins or name a conflict copy.
    return hashlib.sha256(_canonical(unrevised(doc))).hexdigest()


def unrevised(doc: Doc) -> Doc:
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
        elif unrevised(before) == unrevised(doc):
            out[doc_id] = before
        else:
            revision = max(_revision(before), _revision(doc)) + 1
            out[doc_id] = {**doc, "revision": revision}
    return out


def _revision(doc: Doc) -> int:
    value = doc.get("revision")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def time_of(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _effective_time(doc: Doc) -> datetime:
    """When a version was last changed; a deletion counts as a change."""
    times = [t for t in (time_of(doc.get("updated")), time_of(doc.get("deleted"))) if t is not None]
    return max(times) if times else datetime.min.replace(tzinfo=UTC)


def _sans_codings(doc: Doc) -> Doc:
    # Codings merge by themselves (merge_codings), so they neither decide which
    # version of an entry wins nor name its conflict copy: a coding added on one
    # side must not turn the same text into a second copy on the next merge.
    # The same holds for the item lists (carried questions: entry_items.py).
    doc = without_items(doc)
    return {**doc, "codings": []} if doc.get("codings") else doc


def _order_key(doc: Doc) -> tuple[datetime, str]:
    return (_effective_time(doc), content_digest(_sans_codings(doc)))


def newer_and_older(a: Doc, b: Doc) -> tuple[Doc, Doc]:
    """The newer version first; equal times are decided by a content hash."""
    return (a, b) if _order_key(a) >= _order_key(b) else (b, a)


def _written(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k not in _BOOKKEEPING}


def _words(doc: Doc | None) -> Doc | None:
    """What was written, without the codings on it: the part that conflicts."""
    if doc is None:
        return None
    return {
        k: v
        for k, v in doc.items()
        if k not in _BOOKKEEPING and k != "codings" and k not in ITEM_LISTS
    }


def conflict_copy_id(entry_id: str, loser: Doc) -> str:
    """A stable id for the conflict copy of ``loser``, in the same shard as the original."""
    name = "|".join(
        [
            entry_id,
            str(loser.get("updated") or ""),
            str(loser.get("updated_by") or ""),
            content_digest(_sans_codings(loser)),
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


def resolve_versions(a: Doc, b: Doc, base: Doc | None, concurrent: bool) -> tuple[Doc, Doc | None]:
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


def with_codings(
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
    if unrevised(a) == unrevised(b):
        return a, None
    kept, loser = resolve_versions(a, b, base, concurrent)
    kept = with_codings(kept, a, b, base, entry_text_of, notes, f"entry {entry_id[:8]}")
    kept = with_items(kept, a, b, base)
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
