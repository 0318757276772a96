"""A save changes its document's line of the file (store/splice.py) only when
the file is exactly what the last save wrote; the bytes are those a whole
write makes, and every other file is written whole, with every check."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from eftertanke.domain import Entry
from eftertanke.store import crypto, layout, reencrypt, splice, storage
from eftertanke.store import manifest as mf
from eftertanke.store.journal import Journal

PASS = "correct horse battery"
BASE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)


def _id(shard: str, n: int) -> str:
    return f"{shard}{n:06d}-0000-4000-8000-000000000000"


def _whole_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files a save reads whole from now on."""
    seen: list[Path] = []
    real = storage.AtomicStorage.read

    def counting(self: storage.AtomicStorage) -> dict | None:
        if self.strict:
            seen.append(self.path)
        return real(self)

    monkeypatch.setattr(storage.AtomicStorage, "read", counting)
    return seen


def _shard(root: Path, name: str = "ab") -> Path:
    return root / layout.ENTRIES_DIR / f"{name}.json"


def _script(seed: int) -> list[tuple[str, str, str]]:
    """Adds and edits over three shards, first, last and middle places."""
    rng = random.Random(seed)
    ids = [_id(shard, n) for shard in ("ab", "cd", "ef") for n in rng.sample(range(100), 8)]
    done: list[str] = []
    steps = []
    for n in range(60):
        if done and rng.random() < 0.4:
            steps.append(("edit", rng.choice(done), f'edit {n} ø æ å \n"quoted"'))
        else:
            fresh = [i for i in ids if i not in done]
            if not fresh:
                continue
            ident = rng.choice(fresh)
            done.append(ident)
            steps.append(("add", ident, f"entry {n} [@click=app.quit]x[/]"))
    return steps


def _run(root: Path, steps: list[tuple[str, str, str]]) -> None:
    journal = Journal(root, author="ane")
    for n, (what, ident, text) in enumerate(steps):
        at = BASE + timedelta(minutes=n)
        if what == "add":
            journal.add_entry(Entry(id=ident, body=text, created=at, updated=at))
        else:
            entry = journal.get_entry(ident)
            entry.body = text
            journal.update_entry(entry, touch=False)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_spliced_saves_write_the_bytes_whole_saves_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    steps = _script(seed)
    whole = _whole_parses(monkeypatch)
    _run(tmp_path / "spliced", steps)
    assert len(whole) == 3, "only each shard's first save (the file is new) is whole"
    monkeypatch.setattr(splice, "open_lines", lambda *args: None)
    _run(tmp_path / "whole", steps)
    for name in ("ab", "cd", "ef"):
        spliced = _shard(tmp_path / "spliced", name).read_bytes()
        whole = _shard(tmp_path / "whole", name).read_bytes()
        # the same documents, the same bytes but for the generation stamped
        assert mf.without_generation(orjson.loads(spliced)) == mf.without_generation(
            orjson.loads(whole)
        )
        assert spliced == storage.dump(orjson.loads(spliced))
        mirror = storage.mirror_path(_shard(tmp_path / "spliced", name))
        assert mirror.read_bytes() == spliced


def test_a_save_after_a_save_does_not_read_the_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(id=_id("ab", 1), body="first"))
    entry = journal.get_entry(_id("ab", 1))
    whole = _whole_parses(monkeypatch)
    journal.add_entry(Entry(id=_id("ab", 5), body="second"))
    journal.add_entry(Entry(id=_id("ab", 0), body="before both"))
    entry.body = "first, edited"
    journal.update_entry(entry)
    assert whole == []
    stored = orjson.loads(_shard(tmp_path / "j").read_bytes())["entries"]
    assert [stored[i]["body"] for i in sorted(stored)] == ["before both", "first, edited", "second"]
    assert stored[_id("ab", 1)]["revision"] == 2
    assert Journal(tmp_path / "j").get_entry(_id("ab", 1)).body == "first, edited"


def test_a_file_changed_outside_a_save_is_read_whole_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older copy put back is refused as before; a hand edit with a new
    document is kept; a manifest of files as they are (a fresh clone) says
    nothing of how they were made."""
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(id=_id("ab", 1), body="one"))
    older = _shard(tmp_path / "j").read_bytes()
    journal.add_entry(Entry(id=_id("ab", 2), body="two"))
    _shard(tmp_path / "j").write_bytes(older)
    with pytest.raises(mf.StaleFileError):
        journal.add_entry(Entry(id=_id("ab", 3), body="three"))

    other = Journal(tmp_path / "k")
    other.add_entry(Entry(id=_id("ab", 1), body="one"))
    data = orjson.loads(_shard(tmp_path / "k").read_bytes())
    data["entries"][_id("ab", 9)] = {**data["entries"][_id("ab", 1)], "id": _id("ab", 9)}
    _shard(tmp_path / "k").write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    whole = _whole_parses(monkeypatch)
    other.add_entry(Entry(id=_id("ab", 4), body="four"))
    assert whole == [_shard(tmp_path / "k")]
    assert set(orjson.loads(_shard(tmp_path / "k").read_bytes())["entries"]) == {
        _id("ab", 1),
        _id("ab", 4),
        _id("ab", 9),
    }

    records = mf.scan(tmp_path / "k", other.codec)
    assert not any(r.dumped for r in records.values())


def test_an_odd_id_in_the_file_means_a_whole_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids with a space or a "!" sort before the quote as bytes: such a file is
    not spliced."""
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(id=_id("ab", 1), body="one"))
    path = _shard(tmp_path / "j")
    data = orjson.loads(path.read_bytes())
    data["entries"]["ab odd!"] = dict(data["entries"][_id("ab", 1)])
    journal._write_raw(path, data)
    assert splice.open_lines(path, "entries", journal.codec, journal.manifest) is None
    journal.add_entry(Entry(id=_id("ab", 2), body="two"))
    raw = path.read_bytes()
    assert raw == storage.dump(orjson.loads(raw))
    assert len(orjson.loads(raw)["entries"]) == 3


def test_the_manifest_says_which_files_a_save_wrote(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(id=_id("ab", 1), body="one"))
    kept = orjson.loads(mf.manifest_path(tmp_path / "j").read_bytes())["files"]
    assert kept["entries/ab.json"][2] == 1
    assert Journal(tmp_path / "j").manifest.record(_shard(tmp_path / "j")).dumped


def test_an_encrypted_journal_is_spliced_and_stays_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "j")
    journal.add_entry(Entry(id=_id("ab", 1), body="one"))
    reencrypt.encrypt_journal(journal, PASS)
    journal = Journal(tmp_path / "j", passphrase=PASS)
    journal.add_entry(Entry(id=_id("ab", 2), body="two"))
    whole = _whole_parses(monkeypatch)
    journal.add_entry(Entry(id=_id("ab", 3), body="tre"))
    assert whole == []
    assert b"tre" not in _shard(tmp_path / "j").read_bytes()
    reopened = Journal(tmp_path / "j", passphrase=PASS)
    assert [e.body for e in sorted(reopened.entries(), key=lambda e: e.id)] == ["one", "two", "tre"]


@pytest.mark.parametrize("seed", range(8))
def test_a_line_put_in_any_place_gives_the_bytes_dump_gives(seed: int) -> None:
    """The splice works on the file's bytes (no split into lines): a document
    changed or added first, last, in between, in files of one line or many,
    with text that holds newlines, quotes and what looks like another line."""
    rng = random.Random(seed)
    hexes = "0123456789abcdef"
    for _ in range(40):
        ids = sorted({"".join(rng.choice(hexes) for _ in range(rng.choice([2, 8, 36]))) for _ in range(rng.randint(1, 9))})
        rows = {i: {"body": rng.choice(["x", 'a\n"ff": {', "æ ø å", "}\n}\n"]), "n": n} for n, i in enumerate(ids)}
        lines = splice.parse_lines(storage.dump({storage.GENERATION_KEY: 7, "entries": rows}), "entries")
        assert lines is not None
        for doc_id, doc in rows.items():
            assert lines.stored(doc_id) == doc
        target = rng.choice([*ids, "".join(rng.choice(hexes) for _ in range(8)), "0", "fffffffff"])
        assert lines.stored(target) == rows.get(target)
        new = {"body": "ny\n\"tekst\"", "revision": 3}
        expected = storage.dump({storage.GENERATION_KEY: 8, "entries": {**rows, target: new}})
        assert lines.with_document(target, new, 8) == expected, (ids, target)


@pytest.mark.parametrize("size", [10, 300_000])
def test_the_manifest_records_the_digest_of_the_bytes_written(tmp_path: Path, size: int) -> None:
    """From DIGEST_ASIDE bytes the digest is worked out in a thread while the file
    is written: what the manifest records is still the digest of the file's bytes."""
    assert (size >= storage.DIGEST_ASIDE) == (size == 300_000)
    journal = Journal(tmp_path / "j", author="ane")
    entry = journal.add_entry(Entry(id="ab000000-0000-4000-8000-000000000001", body="x" * size))
    entry.body = "y" * size
    journal.update_entry(entry)
    path = _shard(tmp_path / "j", "ab")
    record = mf.Manifest(tmp_path / "j", lambda: journal.codec).record(path)
    assert record is not None and record.dumped
    assert record.digest == mf.digest(path.read_bytes())
    assert Journal(tmp_path / "j").get_entry(entry.id).body == "y" * size


def test_a_large_file_edited_in_place_is_never_spliced(tmp_path: Path) -> None:
    """Over DIGEST_ASIDE the file is hashed while it is parsed: an edit outside
    a save that keeps the format and the generation (one character of a
    body) is still told by its digest, and the file is read whole."""
    journal = Journal(tmp_path / "j", author="ane")
    journal.add_entry(Entry(id=_id("ab", 1), body="a" * 300_000))
    path = _shard(tmp_path / "j")
    raw = path.read_bytes()
    assert len(raw) >= storage.DIGEST_ASIDE
    assert splice.open_lines(path, "entries", journal.codec, journal.manifest) is not None
    path.write_bytes(raw.replace(b"aaaa", b"aaab", 1))
    assert splice.open_lines(path, "entries", journal.codec, journal.manifest) is None
