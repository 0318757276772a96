"""The merge rules for interviews, themes and the journal's meta record.

By id first, then by code or name; the newer version wins as a whole and a
loser of the same name stays as an alias (see ``rules``).
"""

from __future__ import annotations

from collections.abc import Callable

import orjson

from eftertanke.services.merge.rules import Doc, Rows, RowsMerge, newer_and_older
from eftertanke.store.references import ALIAS_KEY, is_alias

# -- interviews and themes -----------------------------------------------------


def _interview_key(doc: Doc) -> str:
    return str(doc.get("code") or "").strip().casefold()


def _theme_key(doc: Doc) -> str:
    return " ".join(str(doc.get("name") or "").split()).casefold()


def _chosen(mine: Doc | None, other: Doc | None, old: Doc | None, three_way: bool) -> Doc | None:
    """One record's merge: a side that did not change it (against the base, in
    a three-way merge) gives way to the one that did; else the newer wins, and
    a removal loses to a change."""
    if mine == other:
        return mine
    if three_way:
        if mine == old:
            return other
        if other == old:
            return mine
    if mine is None or other is None:
        return mine if mine is not None else other
    return newer_and_older(mine, other)[0]


def _merge_by_id(ours: Rows, theirs: Rows, base: Rows | None) -> Rows:
    """Both sides' records matched by id, each merged by ``_chosen``."""
    by_id: Rows = {}
    for doc_id in sorted(set(ours) | set(theirs)):
        old = base.get(doc_id) if base is not None else None
        chosen = _chosen(ours.get(doc_id), theirs.get(doc_id), old, base is not None)
        if chosen is not None:
            by_id[doc_id] = chosen
    return by_id


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
    by_id = _merge_by_id(ours, theirs, base)
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


def merge_codebook_log(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    """The codebook's change log: append-only, so the union of both sides.

    An event is never dropped, not even one the ancestor had and a side lost
    (the log only grows; a side without it is a side that lost a write, not
    one that chose to forget). Events have ids derived from their content,
    so the same event on both sides is one event; two versions of one id
    (only a hand-edited file has them) keep the one that sorts first, the
    same whichever side merges into which.
    """
    rows: Rows = {}
    for doc_id in sorted(set(ours) | set(theirs) | set(base or {})):
        versions = [v for v in (ours.get(doc_id), theirs.get(doc_id)) if v is not None]
        if not versions and base is not None:
            versions = [base[doc_id]]
        rows[doc_id] = min(versions, key=lambda v: orjson.dumps(v, option=orjson.OPT_SORT_KEYS))
    result = RowsMerge(rows)
    result.added = sorted(set(rows) - set(ours))
    return result


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


def merge_generic(ours: Rows, theirs: Rows, base: Rows | None = None) -> RowsMerge:
    return RowsMerge(_merge_by_id(ours, theirs, base))
