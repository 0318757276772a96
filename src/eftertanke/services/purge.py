"""Deleting for good: entries, the trash, and an interview with all that is its.

Moving an entry to the trash keeps it; a purge removes it from the journal
folder altogether, which a researcher needs when a respondent withdraws
consent. ``plan_*`` work out what goes (without changing anything) so it can
be shown and confirmed; ``purge`` then

1. removes the records from the live data files as one all-or-nothing change
   (store/batch.py: a kill part-way puts everything back, and the purge can
   simply run again); the files' mirrors are rewritten by the same saves;
2. rewrites every backup without them, or drops a backup that cannot be
   rewritten, and removes the drafts that belong to them (store/scrub.py);
3. searches every file in the folder for the removed words and reports where
   any are still found (an entry that quotes the same sentence, say), so the
   researcher has proof, not a promise.

Copies outside the folder (exports, git history, other clones) are out of
its reach; ``PurgeReport.outside`` says which of those apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from eftertanke.i18n import t
from eftertanke.store import layout, references, scrub
from eftertanke.store.batch import FileRewrite, rewrite_files
from eftertanke.store.errors import NotFoundError
from eftertanke.store.journal import Journal
from eftertanke.textsafe import one_line

SHOWN_TITLES = 20  # of the entries that go, listed before the question
SHOWN_FILES = 5  # files still holding words, named in the report


@dataclass
class PurgePlan:
    """What a purge removes, worked out before anything changes: the ids, the counts, the texts."""

    entry_ids: set[str] = field(default_factory=set)
    interview_ids: set[str] = field(default_factory=set)
    # What an entry's excerpt or a transcript may hold for the interview: its
    # record ids, and (in backups older than schema 3) its codes.
    interview_values: set[str] = field(default_factory=set)
    transcript_ids: set[str] = field(default_factory=set)
    interview_codes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # of the entries that go, for the confirmation
    excerpts: int = 0  # quotes removed from entries that stay
    codings: int = 0
    turns: int = 0
    texts: list[str] = field(default_factory=list)  # the words that go, for the proof

    @property
    def empty(self) -> bool:
        return not (self.entry_ids or self.interview_ids or self.transcript_ids)


@dataclass
class PurgeReport:
    """What a purge removed, where its words are still found, and the copies out of its reach."""

    entries: int = 0
    interviews: int = 0
    transcripts: int = 0
    excerpts: int = 0
    scrub: scrub.ScrubReport = field(default_factory=scrub.ScrubReport)
    still_found: list[str] = field(default_factory=list)
    # Texts of what went that are also written, word for word, in what stays
    # (an interviewer's standard question in every transcript, a sentence
    # pasted into a memo): they stay there, and are named, not searched for.
    shared: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


# -- what goes ----------------------------------------------------------------------


def _entry_texts(doc: dict[str, Any]) -> list[str]:
    texts = [str(doc.get("title") or ""), str(doc.get("body") or "")]
    texts += [str(s.get("answer") or "") for s in doc.get("sections") or ()]
    for excerpt in doc.get("excerpts") or ():
        texts += [str(excerpt.get("quote") or ""), str(excerpt.get("note") or "")]
    texts += [str(c.get("memo") or "") for c in doc.get("codings") or ()]
    for question in doc.get("questions") or ():
        if isinstance(question, dict):
            texts += [str(question.get(k) or "") for k in ("text", "reason")]
    # Layers of re-reading and the memos of position marks go with their entry.
    texts += [str(x.get("text") or "") for x in doc.get("layers") or () if isinstance(x, dict)]
    texts += [
        str(m.get("memo") or "") for m in doc.get("position_marks") or () if isinstance(m, dict)
    ]
    return [t for t in texts if t.strip()]


def _label(doc: dict[str, Any]) -> str:
    from eftertanke.services.coding import entry_label

    return f"{str(doc.get('id', ''))[:8]}  {entry_label(doc)}"


def _add_entries(journal: Journal, plan: PurgePlan, ids: set[str]) -> None:
    """Add entries (and the conflict copies of them) with their texts."""
    stored = {str(d["id"]): d for d in journal.stored_entries(include_deleted=True)}
    wanted = set(ids)
    wanted |= {i for i, d in stored.items() if d.get("conflict_of") in ids}
    for ident in sorted(wanted, key=lambda i: str(stored[i].get("created"))):
        doc = stored[ident]
        plan.entry_ids.add(ident)
        plan.titles.append(_label(doc))
        plan.texts += _entry_texts(doc)
        plan.codings += len(doc.get("codings") or ())


def plan_entries(journal: Journal, idents: list[str]) -> PurgePlan:
    plan = PurgePlan()
    ids = {journal.resolve_entry_id(ident, include_deleted=True) for ident in idents}
    _add_entries(journal, plan, ids)
    return plan


def plan_trash(journal: Journal) -> PurgePlan:
    plan = PurgePlan()
    ids = {str(d["id"]) for d in journal.stored_entries(include_deleted=True) if d.get("deleted")}
    _add_entries(journal, plan, ids)
    return plan


def plan_interview(journal: Journal, code: str) -> PurgePlan:
    """An interview, its aliases, its reflections (entries linked to it), its
    transcript, and the quotes of it in other entries."""
    interview = journal.get_interview(code)
    rows = journal.stored_rows("interviews")
    ids = references.with_aliases(rows, interview.id)
    plan = PurgePlan(interview_ids=ids, interview_codes=[interview.code])
    plan.interview_values = set(ids)
    for ident in ids:
        doc = rows.get(ident) or {}
        plan.interview_values.add(str(doc.get("code") or ""))
        plan.interview_values.update(
            str(c) for c in doc.get(references.PREVIOUS_INTERVIEW_CODES) or []
        )
        plan.texts += [str(doc.get(k) or "") for k in ("notes", "consent") if doc.get(k)]
    plan.interview_values.discard("")
    reflections = set()
    for doc in journal.stored_entries(include_deleted=True):
        if doc.get("interview") in ids:
            reflections.add(str(doc["id"]))
    _add_entries(journal, plan, reflections)
    for doc in journal.stored_entries(include_deleted=True):
        if str(doc["id"]) in plan.entry_ids:
            continue
        for excerpt in doc.get("excerpts") or ():
            if excerpt.get("interview") in ids:
                plan.excerpts += 1
                plan.texts += [
                    str(excerpt.get(k) or "") for k in ("quote", "note") if excerpt.get(k)
                ]
    for transcript in journal.transcripts.raw():
        if transcript.get("interview", "").casefold() == interview.code.casefold():
            plan.transcript_ids.add(str(transcript["id"]))
            plan.turns += len(transcript.get("turns") or ())
            plan.codings += len(transcript.get("codings") or ())
            plan.texts += [str(t.get("text") or "") for t in transcript.get("turns") or ()]
            plan.texts += [str(c.get("memo") or "") for c in transcript.get("codings") or ()]
    if not plan.interview_ids:
        raise NotFoundError(f"no interview {code}", key="error.no_interview", code=code)
    return plan


# -- removing it --------------------------------------------------------------------


def _drop(rows: dict[str, Any], gone: Callable[[str, Any], bool]) -> bool:
    """Remove the rows ``gone`` names, in place; True if any went."""
    doomed = [doc_id for doc_id, doc in rows.items() if gone(doc_id, doc)]
    for doc_id in doomed:
        del rows[doc_id]
    return bool(doomed)


def _without_quotes_of(rows: dict[str, Any], interview_values: set[str]) -> bool:
    """Take the excerpts quoting the interview out of the entries that stay."""
    changed = False
    for doc_id, doc in list(rows.items()):
        if isinstance(doc, dict) and doc.get("excerpts"):
            kept = [
                e for e in doc["excerpts"]
                if not (isinstance(e, dict) and e.get("interview") in interview_values)
            ]  # fmt: skip
            if len(kept) != len(doc["excerpts"]):
                rows[doc_id] = {**doc, "excerpts": kept}
                changed = True
    return changed


def _without_answers_in(rows: dict[str, Any], entry_ids: set[str]) -> bool:
    """A carried question answered by a passage of an entry that goes keeps
    its status and the entry's id (it then says the passage was deleted),
    but not the passage's words."""
    changed = False
    for doc_id, doc in list(rows.items()):
        if not isinstance(doc, dict) or not doc.get("questions"):
            continue
        kept = []
        for question in doc["questions"]:
            link = question.get("answered_by") if isinstance(question, dict) else None
            if isinstance(link, dict) and link.get("entry") in entry_ids and link.get("quote"):
                link = {**link, "quote": "", "before": "", "after": ""}
                question = {**question, "answered_by": link}
                changed = True
            kept.append(question)
        rows[doc_id] = {**doc, "questions": kept}
    return changed


def _changer(plan: PurgePlan) -> scrub.RowsChange:
    """Removes the plan's records from one table's rows, in place; also used on
    the tables of backups and of a schema 1 journal.json."""

    def entry_goes(doc_id: str, doc: Any) -> bool:
        if doc_id in plan.entry_ids:
            return True
        if not isinstance(doc, dict):
            return False
        # A conflict copy of one; or a reflection in an older backup, by code.
        return doc.get("conflict_of") in plan.entry_ids or (
            doc.get("interview") in plan.interview_values
        )

    def transcript_goes(doc_id: str, doc: Any) -> bool:
        return doc_id in plan.transcript_ids or (
            isinstance(doc, dict) and doc.get("interview") in plan.interview_values
        )

    def change(table: str, rows: dict[str, Any]) -> bool:
        if table == layout.ENTRIES_TABLE:
            changed = _drop(rows, entry_goes)
            changed = _without_answers_in(rows, plan.entry_ids) or changed
            if plan.interview_values:
                changed = _without_quotes_of(rows, plan.interview_values) or changed
            return changed
        if table == layout.TRANSCRIPTS_TABLE:
            return _drop(rows, transcript_goes)
        if table == layout.INTERVIEWS_TABLE:
            return _drop(rows, lambda doc_id, _doc: doc_id in plan.interview_ids)
        return False

    return change


def _live_rewrites(journal: Journal, change: scrub.RowsChange) -> list[FileRewrite]:
    rewrites: list[FileRewrite] = []
    targets = [(journal.root / layout.INTERVIEWS_FILE, layout.INTERVIEWS_TABLE)]
    for path in journal.all_shard_paths():
        targets.append((path, layout.SHARD_DIRS[path.parent.name]))
    for path, table in targets:
        rows = dict(journal.stored_table(path, table))
        if change(table, rows):
            rewrites.append(FileRewrite(path, table, rows))
    return rewrites


def _belongs(plan: PurgePlan) -> Any:
    tokens = [
        orjson.dumps(v) for v in (*plan.entry_ids, *plan.interview_ids, *plan.interview_values)
    ]

    def belongs(draft: dict[str, Any]) -> bool:
        raw = orjson.dumps(draft)
        return any(token in raw for token in tokens)

    return belongs


def _outside(root: Path) -> list[str]:
    """What a purge cannot reach, as catalogue keys (``report_lines`` words them)."""
    notes = []
    for folder in (root, *root.resolve().parents):
        if (folder / ".git").exists():
            notes.append("cli.purge.outside_git")
            break
    notes.append("cli.purge.outside_copies")
    return notes


def purge(journal: Journal, plan: PurgePlan) -> PurgeReport:
    """Remove what ``plan`` names from the journal folder for good."""
    report = PurgeReport(
        entries=len(plan.entry_ids),
        interviews=len(plan.interview_codes),
        transcripts=len(plan.transcript_ids),
        excerpts=plan.excerpts,
    )
    if plan.empty:
        return report
    change = _changer(plan)
    codec = journal.codec
    with journal.lock:
        journal.invalidate_cache()
        rewrite_files(journal, _live_rewrites(journal, change))
        journal.invalidate_cache()
        scrub.remove_drafts(journal.root, _belongs(plan), codec, report.scrub)
        scrub.scrub_backups(journal.root, change, codec, report.scrub)
        words = scrub.needles(plan.texts)
        scrub.remove_set_aside(journal.root, words, codec, report.scrub)
        # The search index in the cache folder holds the words too (and every
        # word it ever saw): dropped whole, the next search builds it anew.
        from eftertanke.services import row_cache
        from eftertanke.services.search_index import forget

        forget(journal)
        row_cache.forget(journal)  # the app's rows: first lines, recent entries whole
        report.shared = _staying(journal, plan.texts)
        unique = [text for text in plan.texts if text.strip() not in report.shared]
        report.still_found = scrub.find_text(journal.root, scrub.needles(unique), codec)
    report.outside = _outside(journal.root)
    return report


def _staying(journal: Journal, texts: list[str]) -> list[str]:
    """The texts (of what went) that the live data files, once rewritten,
    still hold word for word: they belong to records that stay."""
    live = [scrub.decoded(path, journal.codec) for path in layout.data_files(journal.root)]
    shared: list[str] = []
    for text in dict.fromkeys(one.strip() for one in texts):
        forms = scrub.needles([text])
        if forms and any(form in content for content in live for form in forms):
            shared.append(text)
    return shared


def where_found(journal: Journal, text: str) -> list[str]:
    """``doctor --find``: every file in the journal folder holding ``text``."""
    return scrub.find_text(journal.root, scrub.needles([text], minimum=1), journal.codec)


# -- what is said about it (the command line and the app say the same) ----------------


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"cli.purge.{key}", lang, **values)


def plan_lines(plan: PurgePlan, lang: str) -> list[str]:
    """What a purge removes, a line each, for the question before it."""
    if plan.interview_codes:
        lines = [_w("will_interview", lang, code=one_line(plan.interview_codes[0]),
                    n=len(plan.entry_ids))]  # fmt: skip
    else:
        lines = [_w("will_entries", lang, n=len(plan.entry_ids))]
    lines += [f"  {one_line(title)}" for title in plan.titles[:SHOWN_TITLES]]
    if len(plan.titles) > SHOWN_TITLES:
        lines.append(f"  … (+{len(plan.titles) - SHOWN_TITLES})")
    if plan.transcript_ids:
        lines.append(
            _w("will_transcript", lang, turns=t("cli.transcripts.turns", lang, count=plan.turns))
        )
    if plan.excerpts:
        lines.append(_w("will_excerpts", lang, n=plan.excerpts))
    if plan.codings:
        lines.append(_w("will_codings", lang, n=plan.codings))
    lines.append(_w("also_copies", lang))
    return lines


def report_lines(report: PurgeReport, lang: str) -> list[tuple[str, bool]]:
    """What a purge did, a line each, and whether the line is a warning."""
    lines = [
        (_w("done", lang,
            entries=t("entries_count", lang, n=report.entries),
            interviews=t("count.interviews", lang, n=report.interviews),
            transcripts=t("count.transcripts", lang, n=report.transcripts),
            excerpts=t("count.quotes", lang, n=report.excerpts)), False),
        (_w("copies", lang,
            rewritten=t("count.backups", lang, n=report.scrub.backups_rewritten),
            dropped=report.scrub.backups_dropped,
            drafts=t("count.drafts", lang, n=report.scrub.drafts_removed)), False),
    ]  # fmt: skip
    if report.shared:
        example = one_line(report.shared[0], 60)
        lines.append((_w("shared", lang, n=len(report.shared), example=example), True))
    if report.still_found:
        shown = report.still_found[:SHOWN_FILES]
        lines += [(_w("still", lang, path=one_line(path)), True) for path in shown]
        if len(report.still_found) > SHOWN_FILES:
            lines.append((_w("more", lang, n=len(report.still_found) - SHOWN_FILES), True))
    else:
        lines.append((_w("clean", lang), False))
    lines += [(_w("outside", lang, note=t(note, lang)), True) for note in report.outside]
    return lines
