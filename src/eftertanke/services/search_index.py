"""The full-text search index: SQLite FTS5 over the entries' words.

What is indexed: the texts ``query.searchable_parts`` names (body, answers,
quotes and notes, memos, title, themes), so a text field added there is
searched here too. Each entry's text is folded and split into tokens
(``search_words``); the FTS5 table ``terms`` holds, per entry, its tokens'
stems (column ``stems``, stemmed in the entry's language) and the folded
tokens themselves (column ``forms``), and the table ``forms`` every folded
token ever indexed (only added to, so it may hold words no entry has any
more; a query through one of those simply matches nothing).

A plain search word matches an entry if the entry has a token with one of
the word's stems, or a token that contains the word: the second keeps what
the scan (``query.matches``) finds, a word inside a longer one such as
"tryghed" in "hverdagstryghed". A word ending in ``*`` matches tokens that
begin with it. Every word must match, as in the scan.

The index is derived data, never the only copy of anything. For a plain
journal it lives in the user's cache folder (``due_summary.cache_dir``),
one file per journal folder, with each entry shard's identity (inode, size,
mtime in ns) recorded when it was read: a search first re-reads the shards
whose identity changed since (a save here or in another process, a git pull)
and drops those that vanished, so only changed shards cost anything; in a
changed shard only the entries whose stored dict changed (a digest of it is
kept per entry) are indexed again, so a save costs the next search one entry's
words, not its shard's (about 400 entries at 100,000). The
theme and interview names are recorded too; if one changes (a rename, a
merge), every shard is read again. A file that is missing, of another
version or damaged is rebuilt; ``eftertanke doctor --repair`` rebuilds it.

An encrypted journal is searched by the scan: its words on disk would undo
the encryption, and an index built in memory costs each command a whole read.
A search reads at most ``WARM_SHARDS`` stale shards, and the scan answers
while any are left: no search pays for the whole build (``doctor --repair``).

Each entry's stored dict (with names) is kept in the index, compressed, so
that listing the hits reads no shard.

Long because it is one SQLite file's whole protocol: its schema, keeping it
fresh shard by shard and entry by entry, and asking it; the three change
together whenever the file's layout does (``VERSION``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from eftertanke.services.query import searchable_parts
from eftertanke.services.search_words import (
    fold,
    forms,
    is_one_token,
    query_stems,
    stems,
)
from eftertanke.store import layout
from eftertanke.store.due_summary import cache_dir
from eftertanke.store.files import MIRROR_SUFFIX

if TYPE_CHECKING:
    from eftertanke.store.journal import Journal

FORMAT = "eftertanke-search"
VERSION = "4"  # 3: layers, mark memos and drop reasons are searched; 4: a digest per entry
# A word found inside more distinct tokens than this is answered by the scan:
# the query would be too long to be worth it ("e", "er").
MAX_EXPANSION = 400
BUSY_MS = 2000

_SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE shards(name TEXT PRIMARY KEY, ino INT, size INT, mtime_ns INT)",
    "CREATE TABLE docs(n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, shard TEXT NOT NULL,"
    " created TEXT NOT NULL, doc BLOB NOT NULL, digest BLOB NOT NULL)",
    "CREATE INDEX docs_shard ON docs(shard)",
    "CREATE TABLE forms(form TEXT PRIMARY KEY) WITHOUT ROWID",
    # Contentless: only the index of the words, not a second copy of them.
    "CREATE VIRTUAL TABLE terms USING fts5(stems, forms, content='',"
    " tokenize='unicode61 remove_diacritics 0')",
)


WARM_SHARDS = 8  # about a quarter of a second of reading per search


class CannotAnswer(Exception):
    """The index cannot answer this search as the scan would; the caller scans."""


def index_path(root: Path) -> Path:
    """One file per journal folder, named as the due summary's (the folder's
    name and a checksum of its full path, which is also kept inside)."""
    from eftertanke.store.due_summary import cache_path

    return cache_dir() / "search" / (cache_path(root).stem + ".sqlite")


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # vanished: read through the store (its mirror), never trusted
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _name_map(journal: Journal) -> dict[str, str]:
    refs = journal.name_references()
    found = {"t:" + k: v for k, v in refs.themes.by_id.items()}
    found.update({"i:" + k: v for k, v in refs.interviews.by_id.items()})
    return found


class SearchIndex:
    """An open index of one journal; ``open`` it, ``refresh`` it, ask it."""

    def __init__(self, journal: Journal, conn: sqlite3.Connection, path: Path | None) -> None:
        self.journal = journal
        self.left = 0  # stale shards the last refresh left unread
        self.unread: frozenset[str] = frozenset()  # and their file names
        self.conn = conn
        self.path = path  # None: in memory (an encrypted journal)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, journal: Journal) -> SearchIndex:
        """The journal's index, created empty (or anew, if the file is damaged
        or of another version); in memory for an encrypted journal."""
        if journal.encrypted:
            conn = sqlite3.connect(":memory:")
            _create(conn, journal.root)
            return cls(journal, conn, None)
        path = index_path(journal.root)
        try:
            return cls(journal, _connect(path, journal.root), path)
        except sqlite3.DatabaseError:
            # Not a database, or one damaged past reading: it is only derived data.
            _remove(path)
            return cls(journal, _connect(path, journal.root), path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping it fresh --------------------------------------------------------

    def stale_shards(self) -> tuple[list[Path], list[str]]:
        """The shards to read again (changed or new) and the names of those gone."""
        known = {
            name: (ino, size, mtime)
            for name, ino, size, mtime in self.conn.execute("SELECT * FROM shards")
        }
        listed = self._listed()
        folder = self.journal.root / layout.ENTRIES_DIR
        if self._names_changed():
            return [folder / name for name in sorted(listed)], []
        stale = [
            folder / name
            for name, identity in sorted(listed.items())
            if identity is None or known.get(name) != identity
        ]
        return stale, sorted(known.keys() - listed.keys())

    def _listed(self) -> dict[str, tuple[int, int, int] | None]:
        """Every entry shard by name with its identity, as ``shard_paths`` names
        them (one whose file vanished but whose mirror or manifest record says it
        existed has None: it is read through the store, which serves the mirror
        or says what is wrong). By ``os.scandir``: a search makes no Path per shard."""
        found: dict[str, tuple[int, int, int] | None] = {}
        try:
            with os.scandir(self.journal.root / layout.ENTRIES_DIR) as listing:
                for item in listing:
                    name = item.name
                    if name.startswith("."):
                        continue
                    if name.endswith(".json"):
                        try:
                            st = item.stat()
                        except OSError:
                            found[name] = None
                        else:
                            found[name] = (st.st_ino, st.st_size, st.st_mtime_ns)
                    elif name.endswith(".json" + MIRROR_SUFFIX):
                        found.setdefault(name[: -len(MIRROR_SUFFIX)], None)
        except FileNotFoundError:
            pass
        prefix = layout.ENTRIES_DIR + "/"
        for name in self.journal.manifest.names():
            if name.startswith(prefix):
                found.setdefault(name[len(prefix) :], None)
        return found

    def _names_changed(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key='names'").fetchone()
        recorded = orjson.loads(row[0]) if row else {}
        now = _name_map(self.journal)
        return any(now.get(k) != v for k, v in recorded.items())

    def refresh(self, limit: int | None = None) -> int:
        """Read again the shards that changed since they were indexed (at most
        ``limit`` of them), drop the gone ones; returns how many were read, and
        leaves in ``left`` how many stale ones are still to read (0: current)."""
        stale, gone = self.stale_shards()
        self.left = len(stale) - len(stale[:limit])
        self.unread = frozenset(path.name for path in stale[len(stale[:limit]) :])
        if not stale and not gone:
            return 0
        with self.conn:
            if self._names_changed():
                self._clear()  # every shard is stale now, and read in turns
            for name in gone:
                self._drop_shard(name)
            for path in stale[:limit]:
                self._index_shard(path)
            names = orjson.dumps(_name_map(self.journal)).decode()
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('names', ?)", (names,))
        return len(stale[:limit])

    def rebuild(self) -> int:
        """Index every shard anew; returns how many entries it holds."""
        with self.conn:
            self._clear()
        self.refresh()
        return self.conn.execute("SELECT count(*) FROM docs").fetchone()[0]

    def _clear(self) -> None:
        for table in ("shards", "docs", "forms"):
            self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
        self.conn.execute("INSERT INTO terms(terms) VALUES ('delete-all')")

    def _drop_shard(self, name: str) -> None:
        for (n,) in self.conn.execute("SELECT n FROM docs WHERE shard=?", (name,)).fetchall():
            self._forget_doc(n)
        self.conn.execute("DELETE FROM shards WHERE name=?", (name,))

    def _forget_doc(self, n: int) -> None:
        # A contentless table forgets a row given the words it was indexed
        # with, worked out again from the stored dict. Were they to differ (they
        # cannot, the stemmer's version is part of VERSION's check), the row's
        # number is never used again (AUTOINCREMENT), so a stray word can only
        # point at no entry.
        (blob,) = self.conn.execute("SELECT doc FROM docs WHERE n=?", (n,)).fetchone()
        self.conn.execute(
            "INSERT INTO terms(terms, rowid, stems, forms) VALUES ('delete', ?, ?, ?)",
            (n, *_terms(orjson.loads(zlib.decompress(blob)))[:2]),
        )
        self.conn.execute("DELETE FROM docs WHERE n=?", (n,))

    def _index_shard(self, path: Path) -> None:
        """Index the shard's entries that are new or changed, forget those gone
        from it; an entry whose stored dict is as indexed is left as it is."""
        # The identity from before the read: a save in between changes it,
        # and the next search reads the shard again.
        identity = _identity(path)
        rows = self.journal.shard_rows(path)
        indexed = {
            doc_id: (n, digest)
            for n, doc_id, digest in self.conn.execute(
                "SELECT n, id, digest FROM docs WHERE shard=?", (path.name,)
            )
        }
        seen: set[str] = set()
        for doc_id, doc in rows.items():
            raw = orjson.dumps(doc)
            digest = hashlib.blake2b(raw, digest_size=16).digest()
            before = indexed.pop(doc_id, None)
            if before is not None:
                if before[1] == digest:
                    continue
                self._forget_doc(before[0])
            stemmed, folded, tokens = _terms(doc)
            seen.update(tokens)
            cursor = self.conn.execute(
                "INSERT INTO docs(id, shard, created, doc, digest) VALUES (?, ?, ?, ?, ?)",
                (doc_id, path.name, str(doc.get("created") or ""), zlib.compress(raw, 1), digest),
            )
            self.conn.execute(
                "INSERT INTO terms(rowid, stems, forms) VALUES (?, ?, ?)",
                (cursor.lastrowid, stemmed, folded),
            )
        for n, _ in indexed.values():
            self._forget_doc(n)
        self.conn.executemany("INSERT OR IGNORE INTO forms VALUES (?)", ((f,) for f in seen))
        self.conn.execute("DELETE FROM shards WHERE name=?", (path.name,))
        if identity is not None:
            self.conn.execute("INSERT INTO shards VALUES (?, ?, ?, ?)", (path.name, *identity))

    # -- asking ----------------------------------------------------------------------

    def query_of(self, word: str) -> str:
        """The FTS5 query for one casefolded search word (see the module's doc)."""
        if word.endswith("*"):
            prefix = fold(word.rstrip("*"))
            if not is_one_token(prefix):
                raise CannotAnswer(word)
            return f'forms:"{prefix}"*'
        folded = fold(word)
        if not is_one_token(folded):
            raise CannotAnswer(word)
        inside = [
            row[0]
            for row in self.conn.execute(
                "SELECT form FROM forms WHERE instr(form, ?) > 0 LIMIT ?",
                (folded, MAX_EXPANSION + 1),
            )
        ]
        if len(inside) > MAX_EXPANSION:
            raise CannotAnswer(word)
        terms = [f'stems:"{s}"' for s in sorted(query_stems(folded))]
        terms += [f'forms:"{f}"' for f in inside]
        return " OR ".join(terms)

    def find_numbers(self, words: list[str]) -> set[int]:
        """The entries every word matches, unranked (a filter needs no more);
        CannotAnswer if the scan must decide."""
        return self._matching([self.query_of(w) for w in words])

    def _matching(self, queries: list[str]) -> set[int]:
        found: set[int] | None = None
        for query in queries:
            rows = {
                r[0]
                for r in self.conn.execute("SELECT rowid FROM terms WHERE terms MATCH ?", (query,))
            }
            found = rows if found is None else found & rows
            if not found:
                return set()
        return found or set()

    def find(self, words: list[str]) -> dict[int, float]:
        """The entries every word matches, each with its bm25 rank over all the
        words (lower is better); CannotAnswer if the scan must decide."""
        queries = [self.query_of(w) for w in words]
        found = self._matching(queries)
        if not found:
            return {}
        either = " OR ".join(f"({q})" for q in queries)
        return {
            n: score
            for n, score in self.conn.execute(
                "SELECT rowid, bm25(terms) FROM terms WHERE terms MATCH ?", (either,)
            )
            if n in (found or ())
        }

    def docs(
        self, numbers: list[int], leaving_out: Collection[str] = ()
    ) -> dict[int, dict[str, Any]]:
        """The stored dicts (with names) of the indexed entries ``numbers``,
        but those of the shards ``leaving_out`` (stale: read from the files)."""
        out: dict[int, dict[str, Any]] = {}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for n, shard, blob in self.conn.execute(
                f"SELECT n, shard, doc FROM docs WHERE n IN ({marks})",  # noqa: S608 - only marks
                chunk,
            ):
                if shard not in leaving_out:
                    out[n] = orjson.loads(zlib.decompress(blob))
        return out


def _connect(path: Path, root: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(path, timeout=BUSY_MS / 1000)
    try:
        meta = _meta(conn)
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            conn.close()
            raise
        meta = {}
    if meta == _wanted(root):
        return conn
    conn.close()
    # Empty, of another version, or another folder's (a checksum clash): anew.
    _remove(path)
    conn = sqlite3.connect(path, timeout=BUSY_MS / 1000)
    _create(conn, root, path)
    return conn


def _terms(doc: dict[str, Any]) -> tuple[str, str, list[str]]:
    """An entry's stems and folded tokens as indexed, and the tokens."""
    tokens = forms("\n".join(searchable_parts(doc)))
    lang = str(doc.get("language") or "")
    return " ".join(stems(tokens, lang)), " ".join(tokens), tokens


def _version() -> str:
    """This index's layout and the stemmer's version: a change of either rebuilds it."""
    import Stemmer

    return f"{VERSION}/{Stemmer.version()}"


def forget(journal: Journal) -> None:
    """Delete the journal's index file (a purge: no copy of the words may stay)."""
    _remove(index_path(journal.root))


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta WHERE key != 'names'"))


def _wanted(root: Path) -> dict[str, str]:
    return {"format": FORMAT, "version": _version(), "journal": os.path.abspath(root)}


def _create(conn: sqlite3.Connection, root: Path, path: Path | None = None) -> None:
    with conn:
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", list(_wanted(root).items()))
    if path is not None:
        os.chmod(path, 0o600)  # the journal's words: for its owner only, as the journal's files


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.remove(str(path) + suffix)
        except FileNotFoundError:
            pass
