"""How entries refer to themes and interviews on disk: by stable id, not by name.

On disk (schema 3) an entry's ``themes``, ``interview`` and its excerpts'
``interview`` and ``themes`` hold the *ids* of theme and interview records,
and a theme's ``parent`` holds its parent's id. Everything above the store
keeps seeing names and codes: this module translates in both directions,
so a rename or an interview code change is one write of the codebook (or
the interviews file), never a rewrite of every shard.

A theme merged into another stays in the codebook as an *alias* record
(``merged_into`` = the target's id), hidden from listings: entries naming
the alias's id read as the target, and a clone that still writes the old id
after a git pull lands on the target too. Interviews joined by a merge of
two journals become aliases the same way.

Reading is forgiving, so that nothing a user wrote is ever hidden: a value
that is not a known id but matches a theme's name (a half-converted shard,
an entry written with a name the codebook lacked) reads as that theme, and
anything else is shown as it is stored. ``problems`` names each such value
for ``doctor``; ``normalise`` (the schema 3 migration and ``doctor --repair``)
turns them into ids, creating the missing records.

Long because the id-name translation of every field that names a theme or an
interview is one mapping, read and written both ways.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eftertanke.domain import (
    CONCEPTS,
    Interview,
    Theme,
    ValidationError,
    new_id,
    now,
)
from eftertanke.entry_row import doc_themes

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

Doc = dict[str, Any]
Rows = dict[str, Doc]

ALIAS_KEY = "merged_into"
PREVIOUS_THEME_NAMES = "previous_names"
PREVIOUS_INTERVIEW_CODES = "previous_codes"
# Set on a record created because entries named something the journal lacked;
# doctor mentions it until the record is edited, renamed or merged away.
RECOVERED_KEY = "recovered"


def theme_key(name: Any) -> str:
    return " ".join(str(name or "").split()).casefold()


def interview_key(code: Any) -> str:
    return str(code or "").strip().casefold()


def is_alias(doc: Doc) -> bool:
    return bool(doc.get(ALIAS_KEY))


@dataclass(frozen=True)
class Names:
    """One kind of record (themes or interviews): ids to names and back."""

    by_id: dict[str, str]  # every record id, aliases resolved, to the live name
    by_key: dict[str, str]  # a live name (casefolded) to its record id
    by_old_key: dict[str, str]  # previous names and alias names, to the record id
    folded: frozenset[str]  # every name an entry can show, casefolded (for search)

    def name(self, value: str) -> str:
        """The name to show for a stored value: an id, or a name kept from before."""
        found = self.by_id.get(value)
        if found is not None:
            return found
        ident = self.ident(value)
        return self.by_id[ident] if ident is not None else value

    def ident(self, name: str) -> str | None:
        """The record id a name (or an id) refers to, or None if none does."""
        if name in self.by_id:
            return name
        key = " ".join(name.split()).casefold()
        return self.by_key.get(key) or self.by_old_key.get(key)

    def stored(self, name: str) -> str:
        """The value written for a name: its id; an unknown name stays as it is, so
        nothing is lost (doctor names it and ``doctor --repair`` adds the record)."""
        found = self.ident(name)
        return found if found is not None else name


def resolve_alias(rows: Rows, ident: str) -> str | None:
    """The live record an id ends at, following ``merged_into``; None for an
    unknown target or a loop."""
    seen: set[str] = set()
    current = ident
    while current in rows and current not in seen:
        seen.add(current)
        target = rows[current].get(ALIAS_KEY)
        if not target:
            return current
        current = str(target)
    return None


def with_aliases(rows: Rows, ident: str) -> set[str]:
    """A record's id and the ids of every alias that ends at it."""
    return {i for i in rows if resolve_alias(rows, i) == ident} | {ident}


def _names(rows: Rows, field: str, previous: str) -> Names:
    by_id: dict[str, str] = {}
    by_key: dict[str, str] = {}
    by_old_key: dict[str, str] = {}
    for ident in sorted(rows):
        doc = rows[ident]
        live = resolve_alias(rows, ident)
        # An alias whose target is unknown (or a loop) reads as itself: shown,
        # never hidden, and doctor reports it.
        target = rows[live] if live is not None else doc
        by_id[ident] = str(target.get(field) or "")
        if live == ident:
            by_key.setdefault(theme_key(doc.get(field)), ident)
        else:
            by_old_key.setdefault(theme_key(doc.get(field)), ident)
        for old in doc.get(previous) or []:
            by_old_key.setdefault(theme_key(old), ident)
    folded = frozenset(name.casefold() for name in by_id.values())
    return Names(by_id, by_key, by_old_key, folded)


@dataclass(frozen=True)
class References:
    """The names of the theme and interview records, by id and back."""

    themes: Names
    interviews: Names


def build(theme_rows: Rows, interview_rows: Rows) -> References:
    return References(
        _names(theme_rows, "name", PREVIOUS_THEME_NAMES),
        _names(interview_rows, "code", PREVIOUS_INTERVIEW_CODES),
    )


# -- entries -------------------------------------------------------------------


def _mapped(values: Any, convert: Any) -> list[str]:
    out: list[str] = []
    for value in values or []:
        mapped = convert(value) if isinstance(value, str) else value
        if mapped not in out:
            out.append(mapped)
    return out


def _translate(doc: Doc, theme: Any, interview: Any) -> Doc:
    if (
        not doc.get("themes")
        and not doc.get("interview")
        and not doc.get("excerpts")
        and not doc.get("codings")
    ):
        return doc  # nothing to translate: the cached dict itself, no copy
    out = dict(doc)
    if doc.get("themes"):
        out["themes"] = _mapped(doc["themes"], theme)
    if isinstance(doc.get("interview"), str) and doc["interview"]:
        out["interview"] = interview(doc["interview"])
    if doc.get("excerpts"):
        excerpts = []
        for excerpt in doc["excerpts"]:
            if isinstance(excerpt, dict):
                excerpt = dict(excerpt)
                if isinstance(excerpt.get("interview"), str) and excerpt["interview"]:
                    excerpt["interview"] = interview(excerpt["interview"])
                if excerpt.get("themes"):
                    excerpt["themes"] = _mapped(excerpt["themes"], theme)
            excerpts.append(excerpt)
        out["excerpts"] = excerpts
    if doc.get("codings"):
        codings = []
        for coding in doc["codings"]:
            if isinstance(coding, dict) and coding.get("themes"):
                coding = dict(coding)
                coding["themes"] = _mapped(coding["themes"], theme)
            codings.append(coding)
        out["codings"] = codings
    return out


def entry_to_names(doc: Doc, refs: References) -> Doc:
    """A stored entry dict as the layers above the store see it (names, codes)."""
    return _translate(doc, refs.themes.name, refs.interviews.name)


def entry_to_ids(doc: Doc, refs: References) -> Doc:
    """An entry dict with names and codes, as it is written to disk (ids)."""
    return _translate(doc, refs.themes.stored, refs.interviews.stored)


def may_name(refs: References, word: str) -> bool:
    """Whether a search word may match only a theme name an entry shows, which
    the stored text (ids) does not hold."""
    return any(word in name for name in refs.themes.folded)


def rows_to_names(rows: Rows, refs: References) -> Rows:
    return {doc_id: entry_to_names(doc, refs) for doc_id, doc in rows.items()}


# -- theme and interview records ----------------------------------------------------


def _extra(existing: Doc | None, known: Iterable[str]) -> Doc:
    """Stored keys the domain object does not carry (aliases, previous names),
    kept across an update."""
    if not existing:
        return {}
    names = set(known)
    return {k: v for k, v in existing.items() if k not in names}


def theme_from_stored(doc: Doc, refs: References) -> Theme:
    parent = doc.get("parent")
    values = dict(doc)
    if isinstance(parent, str) and parent:
        values["parent"] = refs.themes.name(parent)
    return Theme.from_dict(values)


def theme_to_stored(theme: Theme, refs: References, existing: Doc | None = None) -> Doc:
    doc = theme.to_dict()
    if theme.parent:
        doc["parent"] = refs.themes.stored(theme.parent)
    extra = _extra(existing, doc)
    extra.pop(RECOVERED_KEY, None)  # edited by a person: no longer only recovered
    return {**extra, **doc}


def interview_to_stored(interview: Interview, existing: Doc | None = None) -> Doc:
    doc = interview.to_dict()
    extra = _extra(existing, doc)
    extra.pop(RECOVERED_KEY, None)
    old = (existing or {}).get("code")
    if old and interview_key(old) != interview_key(interview.code):
        codes = [c for c in extra.get(PREVIOUS_INTERVIEW_CODES) or [] if c != old]
        extra[PREVIOUS_INTERVIEW_CODES] = [*codes, old]
    return {**extra, **doc}


def renamed_theme(existing: Doc, theme: Theme) -> Doc:
    """The record of a renamed theme: the old name is remembered, so an entry
    saved from a view opened before the rename still lands on this theme."""
    old = existing.get("name")
    doc = {**existing, "name": theme.name, "updated": theme.to_dict()["updated"]}
    doc["updated_by"] = theme.updated_by
    doc.pop(RECOVERED_KEY, None)
    if old and theme_key(old) != theme_key(theme.name):
        names = [n for n in existing.get(PREVIOUS_THEME_NAMES) or [] if n != old]
        doc[PREVIOUS_THEME_NAMES] = [*names, old]
    return doc


def alias_record(existing: Doc, target_id: str, when: str, who: str) -> Doc:
    return {**existing, ALIAS_KEY: target_id, "updated": when, "updated_by": who}


# -- integrity -----------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the references, for doctor: its level and message."""

    level: str  # "error" or "warning"
    message: str


def _values(doc: Doc) -> tuple[list[str], list[str]]:
    themes = doc_themes(doc)
    interviews = [doc["interview"]] if isinstance(doc.get("interview"), str) else []
    for excerpt in doc.get("excerpts") or []:
        if isinstance(excerpt, dict):
            if isinstance(excerpt.get("interview"), str):
                interviews.append(excerpt["interview"])
    return themes, [v for v in interviews if v]


def _alias_problems(rows: Rows, what: str, field: str) -> list[Problem]:
    found = []
    for ident in sorted(rows):
        target = rows[ident].get(ALIAS_KEY)
        if not target:
            continue
        label = f"{what} {rows[ident].get(field)!r} ({ident[:8]})"
        if resolve_alias(rows, ident) is None:
            if str(target) not in rows:
                found.append(
                    Problem("error", f"{label} is merged into an unknown {what} {str(target)[:8]}")
                )
            else:
                found.append(Problem("error", f"{label} is merged into a chain that loops"))
    return found


def problems(
    theme_rows: Rows, interview_rows: Rows, entries: Iterable[Doc], *, by_name: bool = False
) -> list[Problem]:
    """Everything that refers to a record the journal lacks, for ``doctor``.
    ``by_name``: the journal is older than schema 3, where names are the rule."""
    refs = build(theme_rows, interview_rows)
    found = _alias_problems(theme_rows, "theme", "name")
    found += _alias_problems(interview_rows, "interview", "code")
    for ident in sorted(theme_rows):
        doc = theme_rows[ident]
        parent = doc.get("parent")
        if parent and str(parent) not in theme_rows:
            known = refs.themes.ident(str(parent)) is not None
            if known and by_name:
                continue
            level = "warning" if known else "error"
            found.append(
                Problem(level, f"theme {doc.get('name')!r} has an unknown parent {str(parent)!r}")
            )
        if doc.get(RECOVERED_KEY) and not is_alias(doc):
            found.append(Problem("warning", str(doc[RECOVERED_KEY])))
    for doc in entries:
        short = str(doc.get("id", ""))[:8]
        themes, interviews = _values(doc)
        found += _unknown(themes, theme_rows, refs.themes, by_name,
                          lambda v, short=short: f"entry {short} names theme {v!r} by name, not by id",
                          lambda v, short=short: f"entry {short} uses unknown theme {v!r}")  # fmt: skip
        found += _unknown(interviews, interview_rows, refs.interviews, by_name,
                          lambda v, short=short: f"entry {short} names interview {v!r} by code, not by id",
                          lambda v, short=short: f"entry {short} links unknown interview {v!r}")  # fmt: skip
    return found


def _unknown(
    values: list[str],
    rows: Rows,
    names: Names,
    by_name: bool,
    named: Callable[[str], str],
    unknown: Callable[[str], str],
) -> list[Problem]:
    """The values that are no record's id: a record's name (fine in a journal
    that names them, ``by_name``; else the problem ``named`` says), or nothing
    known (``unknown``)."""
    found = []
    for value in dict.fromkeys(values):
        if value in rows:
            continue
        if names.ident(value) is not None:
            if not by_name:
                found.append(Problem("error", named(value)))
        else:
            found.append(Problem("error", unknown(value)))
    return found


# -- normalising: the schema 3 migration and doctor --repair ---------------------------


def _starter_hints() -> dict[str, str]:
    try:
        from eftertanke.packs import starter_theme_concepts

        return dict(starter_theme_concepts())
    except Exception:  # a broken pack file must not stop a migration or repair
        return {}


class _Planner:
    """Decides the records to add for values entries use but the journal lacks.

    A missing theme gets the concept the starter codebook gives its name, else
    the entry's first concept, else the concept most of the entry's other themes
    sit under, else the codebook's most common concept, else the first concept.
    """

    def __init__(self, theme_rows: Rows, interview_rows: Rows, reason: str) -> None:
        self.theme_rows = theme_rows
        self.interview_rows = interview_rows
        self.reason = reason
        self.refs = build(theme_rows, interview_rows)
        self.hints = _starter_hints()
        concepts = Counter(
            str(d.get("concept")) for d in theme_rows.values() if d.get("concept") in CONCEPTS
        )
        self.common = concepts.most_common(1)[0][0] if concepts else CONCEPTS[0]
        self.new_themes: dict[str, Doc] = {}  # theme key or id → new record
        self.new_interviews: dict[str, Doc] = {}
        self.uses: Counter[str] = Counter()
        self.notes: list[str] = []

    def _concept(self, name: str, doc: Doc, themes: list[str]) -> str:
        hint = self.hints.get(name.casefold())
        if hint in CONCEPTS:
            return hint
        for concept in doc.get("concepts") or []:
            if concept in CONCEPTS:
                return str(concept)
        around = Counter(
            str(self.theme_rows[i].get("concept"))
            for i in (self.refs.themes.ident(t) for t in themes)
            if i is not None and self.theme_rows[i].get("concept") in CONCEPTS
        )
        return around.most_common(1)[0][0] if around else self.common

    def theme(self, value: str, doc: Doc, themes: list[str]) -> None:
        if self.refs.themes.ident(value) is not None:
            return
        looks_like_id = _is_uuid(value)
        key = value if looks_like_id else theme_key(value)
        self.uses[key] += 1
        if key in self.new_themes:
            return
        name = f"unknown theme {value[:8]}" if looks_like_id else " ".join(value.split())
        concept = self._concept(name, doc, themes)
        stamp = now().isoformat()
        ident = value if looks_like_id else new_id()
        try:
            record = Theme(name=name, concept=concept, id=ident).validate().to_dict()
        except ValidationError:
            record = Theme(name=f"unknown theme {ident[:8]}", concept=concept, id=ident).to_dict()
        record.update(created=stamp, updated=stamp)
        self.new_themes[key] = record

    def interview(self, value: str) -> None:
        if self.refs.interviews.ident(value) is not None:
            return
        looks_like_id = _is_uuid(value)
        key = value if looks_like_id else interview_key(value)
        self.uses["i:" + key] += 1
        if key in self.new_interviews:
            return
        ident = value if looks_like_id else new_id()
        code = f"unknown-{value[:8]}" if looks_like_id else value.strip()
        try:
            record = Interview(code=code, id=ident, status="done").validate().to_dict()
        except ValidationError:
            record = Interview(code=f"unknown-{ident[:8]}", id=ident, status="done").to_dict()
        self.new_interviews[key] = record

    def finish(self) -> None:
        """Attach to each new record why it exists, for the report and doctor."""
        for key, record in self.new_themes.items():
            name, n = record["name"], self.uses[key]
            note = (
                f"theme {name!r} was named by {n} entr{'y' if n == 1 else 'ies'} but missing "
                f"from the codebook ({self.reason}): added it under {record['concept']}; if it "
                f"is an old name of another theme, join them with: eftertanke theme merge "
                f"{name!r} OTHER (editing or renaming it silences this)"
            )
            record[RECOVERED_KEY] = note
            self.notes.append(note)
        for key, record in self.new_interviews.items():
            code, n = record["code"], self.uses["i:" + key]
            note = (
                f"interview {code!r} was linked by {n} entr{'y' if n == 1 else 'ies'} but missing "
                f"({self.reason}): added it; fill in its details with: eftertanke interview "
                f"edit {code}"
            )
            record[RECOVERED_KEY] = note
            self.notes.append(note)


def _is_uuid(value: str) -> bool:
    import uuid

    if len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _mend_aliases(rows: Rows, field: str) -> tuple[bool, list[str]]:
    """Aliases that end nowhere (unknown target, loop) become live records again,
    or aliases of the live record that took their name meanwhile."""
    notes: list[str] = []
    changed = False
    for ident in sorted(rows):
        if not rows[ident].get(ALIAS_KEY) or resolve_alias(rows, ident) is not None:
            continue
        doc = dict(rows[ident])
        doc.pop(ALIAS_KEY)
        live = {
            theme_key(d.get(field)): i
            for i, d in rows.items()
            if i != ident and not d.get(ALIAS_KEY)
        }
        same = live.get(theme_key(doc.get(field)))
        if same is not None:
            doc[ALIAS_KEY] = same
        rows[ident] = doc
        changed = True
        where = "joined to the live one of that name" if same else "made it a record again"
        notes.append(f"{field} {doc.get(field)!r} was merged into nothing: {where}")
    return changed, notes


def _plan_missing(journal: Journal, planner: _Planner) -> None:
    """Every name and code the shards use, seen by ``planner``."""
    for path in journal.all_shard_paths():
        for doc in journal.stored_shard(path).values():
            themes, interviews = _values(doc)
            for value in dict.fromkeys(themes):
                planner.theme(value, doc, themes)
            for value in dict.fromkeys(interviews):
                planner.interview(value)
    planner.finish()


def _mend_parents(themes_rows: Rows, refs: Any, notes: list[str]) -> bool:
    """A parent named by name becomes its id; an unknown one is removed."""
    changed = False
    for ident, doc in themes_rows.items():
        parent = doc.get("parent")
        if not parent or str(parent) in themes_rows:
            continue
        found = refs.themes.ident(str(parent))
        if found is None:
            notes.append(f"theme {doc.get('name')!r} had an unknown parent {parent!r}: removed it")
        themes_rows[ident] = {**doc, "parent": found}
        changed = True
    return changed


def _convert_shards(journal: Journal, themes_rows: Rows, interview_rows: Rows, refs: Any) -> None:
    """Each shard in one atomic write, its names and codes made ids."""

    # A value that is already a record's id stays (even an alias's: it reads as
    # its target); only names and codes become ids.
    def keep_themes(value: str) -> str:
        return value if value in themes_rows else refs.themes.stored(value)

    def keep_interviews(value: str) -> str:
        return value if value in interview_rows else refs.interviews.stored(value)

    def convert(rows: Rows) -> bool:
        changed = False
        for doc_id, doc in rows.items():
            stored = _translate(doc, keep_themes, keep_interviews)
            if stored != doc:
                rows[doc_id] = stored
                changed = True
        return changed

    for path in journal.all_shard_paths():
        journal.rewrite_shard(path, convert)


def normalise(journal: Journal, reason: str) -> list[str]:
    """Make every reference an id of an existing record, adding missing records.

    Safe to kill at any moment and to run again: the codebook and interviews
    file are written (each in one atomic write) before any shard refers to a
    record they add, each shard is one atomic write, and a value that is
    already an id stays as it is. Returns one note per change for people.
    Call it under the journal lock.
    """
    themes_rows = {k: dict(v) for k, v in journal.stored_rows("themes").items()}
    interview_rows = {k: dict(v) for k, v in journal.stored_rows("interviews").items()}
    notes: list[str] = []
    themes_changed, alias_notes = _mend_aliases(themes_rows, "name")
    notes += alias_notes
    interviews_changed, alias_notes = _mend_aliases(interview_rows, "code")
    notes += alias_notes
    planner = _Planner(themes_rows, interview_rows, reason)
    _plan_missing(journal, planner)
    notes += planner.notes
    for record in planner.new_themes.values():
        themes_rows[record["id"]] = record
        themes_changed = True
    for record in planner.new_interviews.values():
        interview_rows[record["id"]] = record
        interviews_changed = True
    refs = build(themes_rows, interview_rows)
    themes_changed = _mend_parents(themes_rows, refs, notes) or themes_changed
    if themes_changed:
        journal.replace_rows("themes", themes_rows)
    if interviews_changed:
        journal.replace_rows("interviews", interview_rows)
    _convert_shards(journal, themes_rows, interview_rows, refs)
    return notes


def repair(root: Any, codec: Any) -> list[str]:
    """``doctor --repair``: give every reference a record (after the files are sound)."""
    from eftertanke.store.errors import JournalError
    from eftertanke.store.journal import Journal

    try:
        journal = Journal(root, create=False, codec=codec)
    except JournalError as exc:
        return [f"references not repaired: {exc}"]
    with journal.lock:
        journal.invalidate_cache()
        notes = normalise(journal, "found by doctor --repair")
        journal.invalidate_cache()
    return notes


__all__ = [
    "ALIAS_KEY",
    "Names",
    "Problem",
    "References",
    "alias_record",
    "build",
    "entry_to_ids",
    "entry_to_names",
    "interview_key",
    "interview_to_stored",
    "is_alias",
    "normalise",
    "problems",
    "repair",
    "renamed_theme",
    "resolve_alias",
    "rows_to_names",
    "theme_from_stored",
    "theme_key",
    "theme_to_stored",
]
