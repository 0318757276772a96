"""The merge rules for transcripts: by id like entries, codings merged, words kept.

See ``rules`` for the rules of every record; a transcript changed on both
sides keeps the newer turns with every coding re-anchored into them, and
the other words as an aside (``transcript_aside_entry``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from eftertanke.domain import LANGUAGES, Entry
from eftertanke.i18n import t
from eftertanke.services.merge.codings import (
    merge_codings,
    transcript_text,
    transcript_text_of,
)
from eftertanke.services.merge.rules import (
    CONFLICT_NAMESPACE,
    Doc,
    Rows,
    RowsMerge,
    content_digest,
    newer_and_older,
    resolve_versions,
    time_of,
    unrevised,
    with_codings,
)

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
        elif unrevised(mine) == unrevised(other):
            chosen = mine
        else:
            three_way = base is not None and old is not None
            kept, loser = resolve_versions(mine, other, old if three_way else None, concurrent=True)
            chosen = with_codings(
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
        time_of(loser.get("updated"))
        or time_of(loser.get("created"))
        or datetime.fromtimestamp(0, UTC)
    )
    # Named by the turns alone: a version coded again since is still the same words.
    name = "|".join(
        ["transcript", str(loser.get("id")), content_digest({"turns": loser.get("turns")})]
    )
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
