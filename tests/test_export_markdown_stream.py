"""``export markdown`` written entry by entry (export/markdown_stream.py) gives
the same bytes as the whole-set export (``journal_markdown.folder_files`` and
``one_file_document``), folder and one file, Obsidian and plain, with filters
and with --redact; its memory is measured in tests/test_export_streaming.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_reports import coded_journal

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Entry
from eftertanke.entry_row import EntryRow
from eftertanke.export import journal_markdown as jm
from eftertanke.export import markdown_stream as ms
from eftertanke.export.output import write_folder
from eftertanke.export.spool import SortedSpool
from eftertanke.privacy.names import (
    load_names_key,
    redact_entry,
    redact_interview,
    redact_transcript,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript


def _export(root: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli_group, ["--journal", str(root), "--lang", "en", "export", "markdown", *args]
    )
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stderr


def _folder(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def _whole(journal: Journal, kind: str | None = None, key: Path | None = None, **form: bool):
    """The whole-set export the streamed one must equal: the entries as stored,
    or guarded (built and redacted) when a names key is set."""
    docs = [d for d in journal.raw_entries() if kind is None or d.get("kind") == kind]
    interviews, themes = journal.interviews(), journal.themes()
    transcripts = list(journal.transcripts.raw())
    if kind is not None:
        codes = {str(c).casefold() for d in docs for c in EntryRow(d).interviews()}
        transcripts = [t for t in transcripts if str(t["interview"]).casefold() in codes]
        interviews, themes = jm.linked_records(docs, interviews, themes, transcripts)
    if key is not None:
        names = load_names_key(key)
        docs = [redact_entry(Entry.from_dict(d), names).to_dict() for d in docs]
        interviews = [redact_interview(i, names) for i in interviews]
        transcripts = [
            redact_transcript(Transcript.from_dict(t), names).to_dict() for t in transcripts
        ]
    return jm.ExportSet(docs, interviews, themes, "en", transcripts, **form)


@pytest.fixture
def journal(tmp_path: Path, isolated_env: Path) -> Journal:
    journal = coded_journal(tmp_path / "j")
    assert journal.transcripts.all() and any(e.codings for e in journal.entries())
    return journal


@pytest.mark.parametrize("plain", [False, True])
def test_the_streamed_folder_is_the_same_bytes(journal: Journal, tmp_path: Path, plain: bool):
    out = tmp_path / "out"
    _export(journal.root, *(["--plain"] if plain else []), "-o", str(out))
    assert _folder(out) == dict(jm.folder_files(_whole(journal, obsidian=not plain)))


def test_the_streamed_one_file_is_the_same_bytes(journal: Journal, tmp_path: Path) -> None:
    _export(journal.root, "--one-file", "-o", str(tmp_path / "all.md"))
    expected = jm.one_file_bytes(_whole(journal))
    assert (tmp_path / "all.md").read_bytes() == expected
    _export(journal.root, "--kind", "interview", "-o", str(tmp_path / "some.md"))
    expected = jm.one_file_bytes(_whole(journal, "interview"))
    assert (tmp_path / "some.md").read_bytes() == expected


def test_one_entry_in_one_file_is_its_own_document(journal: Journal, tmp_path: Path) -> None:
    ident = journal.entries()[0].id
    _export(journal.root, "--entry", ident[:8], "-o", str(tmp_path / "one.md"))
    doc = next(d for d in journal.raw_entries() if d["id"] == ident)
    assert (tmp_path / "one.md").read_bytes() == jm.one_file_bytes(jm.ExportSet([doc]))


def test_a_filtered_streamed_folder_is_the_same_bytes(journal: Journal, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _export(journal.root, "--kind", "interview", "-o", str(out))
    assert _folder(out) == dict(jm.folder_files(_whole(journal, "interview")))


def test_a_redacted_streamed_export_is_the_same_bytes(
    journal: Journal, tmp_path: Path, isolated_env: Path
) -> None:
    key = tmp_path / "names.toml"
    key.write_text('[names]\n"Kirsten" = "[kollega A]"\n', encoding="utf-8")
    (isolated_env / "config.toml").write_text(f'names_key = "{key}"\n', encoding="utf-8")
    journal.add_entry(Entry(kind="memo", body="Kirsten sagde det højt."))
    warned = _export(journal.root, "-o", str(tmp_path / "named"))
    assert "mention real names" in warned
    unguarded = jm.folder_files(_whole(journal))
    named = {n: d.replace(b"Kirsten", b"K") for n, d in _folder(tmp_path / "named").items()}
    assert named == {n: d.replace(b"Kirsten", b"K") for n, d in unguarded}
    for kind in (None, "interview"):
        out = tmp_path / f"redacted-{kind}"
        _export(journal.root, "--redact", *(["--kind", kind] if kind else []), "-o", str(out))
        files = _folder(out)
        assert files == dict(jm.folder_files(_whole(journal, kind, key)))
        assert not any(b"Kirsten" in data for data in files.values())
    _export(journal.root, "--redact", "--one-file", "-o", str(tmp_path / "r.md"))
    assert (tmp_path / "r.md").read_bytes() == jm.one_file_bytes(_whole(journal, key=key))


def test_two_processes_write_the_same_folder(journal: Journal, tmp_path: Path) -> None:
    whole = _whole(journal)
    with SortedSpool() as spool:
        entries = ms.SpooledEntries(spool, journal.raw_entries(keep=False))
        records = jm.ExportSet([], whole.interviews, whole.themes, "en", whole.transcripts)
        first, *helpers = ms.folder_parts(entries, records, 2)
        write_folder(tmp_path / "two", first, helpers=helpers)
    assert _folder(tmp_path / "two") == dict(jm.folder_files(whole))


def test_an_existing_file_is_refused_and_kept(journal: Journal, tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(journal.root), "export", "markdown", "-o", str(tmp_path / "x.md")],
    )
    assert result.exit_code != 0 and "already exists" in str(result.exception)
    assert (tmp_path / "x.md").read_text(encoding="utf-8") == "mine"
