"""The Markdown folder export as an Obsidian vault: tags, aliases, date and wiki-links.

Front matter is read with PyYAML (as Obsidian's own YAML reader would take it),
every ``[[link]]`` must resolve to a note in the folder, and the folder still
imports back to the same entries; ``--plain`` keeps the form without them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from test_export_roundtrip import build_journal, comparable, run

from eftertanke.domain import Entry
from eftertanke.export.obsidian import LINKS_MARK, obsidian_tag, strip_links_block
from eftertanke.store.journal import Journal

yaml = pytest.importorskip("yaml")

LINK = re.compile(r"\[\[([^\]|#]+)(?:\|([^\]]*))?\]\]")
# Obsidian's tag rule: letters (any script), digits, _ - / ; not digits only.
OBSIDIAN_TAG = re.compile(r"[\w/-]+")


def notes(folder: Path) -> dict[str, tuple[dict, str]]:  # type: ignore[type-arg]
    found = {}
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        head, _, body = text[4:].partition("\n---\n")
        found[path.relative_to(folder).as_posix()] = (yaml.safe_load(head), body)
    return found


def export(journal: Journal, out: Path, *extra: str) -> dict[str, tuple[dict, str]]:  # type: ignore[type-arg]
    code, stdout, stderr = run(
        "--journal", str(journal.root), "--lang", "da", "export", "markdown", "--out", str(out),
        *extra,
    )  # fmt: skip
    assert code == 0, stdout + stderr
    return notes(out)


def test_the_folder_is_a_vault_whose_links_resolve(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    out = tmp_path / "vault"
    vault = export(journal, out)
    entries = {e.id: e for e in journal.entries()}
    seen_entries = 0
    for name, (meta, body) in vault.items():
        # Every wiki-link names a note of the folder.
        for target, _shown in LINK.findall(body):
            assert (out / f"{target}.md").is_file(), f"{name}: [[{target}]] resolves to nothing"
        if meta.get("eftertanke") or "id" not in meta:
            continue
        entry = entries[meta["id"]]
        seen_entries += 1
        assert meta["date"] == entry.created.date() and isinstance(meta["date"], date)
        assert meta["aliases"] == ([entry.display_title(80)] if entry.display_title(80) else [])
        assert meta["tags"] == list(dict.fromkeys(obsidian_tag(t) for t in entry.all_themes))
        for tag in meta["tags"]:
            assert OBSIDIAN_TAG.fullmatch(tag) and not tag.isdigit() and " " not in tag
        linked = {target for target, _ in LINK.findall(body)}
        if entry.interview and entry.interview.casefold() in {"i03", "i05"}:
            assert f"interviews/{entry.interview.lower()}" in linked
        for theme in entry.all_themes:
            assert any(t.startswith("themes/") for t in linked), theme
    assert seen_entries == len(entries)
    # Danish letters stay in tags; spaces and emoji do not.
    assert obsidian_tag("Psykologisk tryghed i små fora") == "psykologisk-tryghed-i-små-fora"
    assert obsidian_tag("At lykkes sammen 🤝") == "at-lykkes-sammen"
    assert obsidian_tag("2026") == "_2026"
    # A theme note has its alias and tag, and links to its parent; an interview
    # note links to its transcript.
    meta, body = vault["themes/farlig-tavshed.md"]
    assert meta["aliases"] == ["Farlig tavshed"] and meta["tags"] == ["farlig-tavshed"]
    assert "[[themes/psykologisk-tryghed-i-smaa-fora|Psykologisk tryghed i små fora]]" in body
    meta, body = vault["interviews/i03.md"]
    assert meta["aliases"] == ["I03"]
    assert {t for t, _ in LINK.findall(body)} == {"transcripts/i03"}
    # The reflection on I03 links to its interview and its themes, by name.
    reflection = vault["2026-03-14-refleksion-efter-i03-tryghed.md"][1]
    assert "[[interviews/i03|I03]]" in reflection
    assert "[[themes/farlig-tavshed|Farlig tavshed]]" in reflection
    assert "[[themes/at-lykkes-sammen|At lykkes sammen 🤝]]" in reflection


def test_the_vault_imports_back_to_the_same_entries(tmp_path: Path) -> None:
    source = build_journal(tmp_path / "a")
    # A body that holds the links mark itself keeps it.
    source.add_entry(Entry(kind="daily", title="Mærket", body=f"før\n\n{LINKS_MARK}\nikke et link"))
    out = tmp_path / "vault"
    export(source, out)
    code, stdout, _ = run("--journal", str(tmp_path / "b"), "import", "markdown", str(out), "--yes")
    assert code == 0, stdout
    assert comparable(Journal(tmp_path / "b")) == comparable(source)


def test_a_body_ending_like_a_links_line_survives_both_forms(tmp_path: Path) -> None:
    source = Journal(tmp_path / "a", author="Anne")
    source.add_entry(Entry(kind="daily", title="Noter", body=f"før\n\n{LINKS_MARK}\n[[x]]"))
    for form in ((), ("--plain",)):
        out = tmp_path / f"out{len(form)}"
        export(source, out, *form)
        target = tmp_path / f"b{len(form)}"
        code, stdout, _ = run("--journal", str(target), "import", "markdown", str(out), "--yes")
        assert code == 0, stdout
        assert comparable(Journal(target)) == comparable(source), form


def test_plain_keeps_todays_form(tmp_path: Path) -> None:
    journal = build_journal(tmp_path / "j")
    vault = export(journal, tmp_path / "plain", "--plain")
    for _name, (meta, body) in vault.items():
        assert not {"tags", "aliases"} & set(meta)
        assert LINKS_MARK not in body and not LINK.search(body)
    entry_meta = [m for m, _ in vault.values() if "kind" in m and not m.get("eftertanke")]
    assert entry_meta and all("date" not in m for m in entry_meta)


def test_only_a_links_line_the_export_wrote_is_left_out() -> None:
    ours = f"# T\n\nbody\n\n{LINKS_MARK}\n[[interviews/i03|I03]] · [[themes/x|X · Y]]\n"
    assert strip_links_block(ours) == "# T\n\nbody\n"
    theirs = f"# T\n\n{LINKS_MARK}\nplain words\n"
    assert strip_links_block(theirs) == theirs
    assert strip_links_block(f"# T\n\nbody\n\n{LINKS_MARK}\n\n") == "# T\n\nbody\n"
