"""Merging the lists of items an entry carries beside its text (issue 20), as stored dicts.

``ITEM_LISTS`` names them: carry-forward questions (``questions``), layers of
re-reading (``layers``) and position marks (``position_marks``). Each item
has an ``id``; questions an ``updated`` time (layers and marks never change
once written, so for them only the content hash can tell two versions apart). The rule is a union by item id, the
newer item wins:

* an item only on one side is kept; in a three-way merge (git, with the
  common ancestor) an item removed on one side and unchanged on the other
  stays removed (one removed on one side but changed on the other is kept);
* an item on both sides that differs keeps the version with the newer
  ``updated`` (equal times: a content hash decides, never the side), so a
  question answered on one clone and still open on the other is answered;
* the result is in the order of the kept version's list, then the other
  side's new items in their order, the same whichever side merges into which
  when the lists hold the same items.

The lists never decide which version of an entry wins and never make a
conflict copy (``rules._words`` leaves them out): a question closed on one
clone while the text is edited on the other keeps both.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

Doc = dict[str, Any]
ITEM_LISTS: tuple[str, ...] = ("questions", "layers", "position_marks")


def _key(item: Doc) -> tuple[str, str]:
    digest = hashlib.sha256(orjson.dumps(item, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return (str(item.get("updated") or ""), digest)


def _by_id(items: Any) -> dict[str, Doc]:
    return {str(i["id"]): i for i in items or () if isinstance(i, dict) and i.get("id")}


def merge_items(a: Any, b: Any, base: Any = None, *, three_way: bool = False) -> list[Doc]:
    """The union of two versions of one item list (rules in the module's docstring)."""
    mine, theirs, old = _by_id(a), _by_id(b), _by_id(base)
    order = list(mine) + [i for i in theirs if i not in mine]
    out: list[Doc] = []
    for item_id in order:
        x, y, o = mine.get(item_id), theirs.get(item_id), old.get(item_id)
        if x is not None and y is not None:
            out.append(x if x == y or _key(x) >= _key(y) else y)
            continue
        only = x if x is not None else y
        assert only is not None
        if three_way and o is not None and only == o:
            continue  # removed on the other side, unchanged here: stays removed
        out.append(only)
    return out


def with_items(kept: Doc, a: Doc, b: Doc, base: Doc | None) -> Doc:
    """``kept`` with every item list merged from both versions."""
    out = kept
    for name in ITEM_LISTS:
        if name not in a and name not in b:
            continue
        merged = merge_items(
            a.get(name), b.get(name), (base or {}).get(name), three_way=base is not None
        )
        if merged != kept.get(name):
            out = {**out, name: merged} if merged else {k: v for k, v in out.items() if k != name}
    return out


def without_items(doc: Doc) -> Doc:
    """``doc`` without its item lists: what decides a version and names a copy."""
    if not any(name in doc for name in ITEM_LISTS):
        return doc
    return {k: v for k, v in doc.items() if k not in ITEM_LISTS}


__all__ = ["ITEM_LISTS", "merge_items", "with_items", "without_items"]
