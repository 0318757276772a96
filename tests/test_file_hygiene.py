"""File hygiene: a private journal whatever the umask, nothing in the system
temp folder, exports never written through a symlink."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from eftertanke.domain import Entry
from eftertanke.store.journal import Journal

PASS = {"EFTERTANKE_PASSPHRASE": "correct horse battery"}


def run(journal: Path, *args: str, env: dict[str, str] | None = None, umask: int | None = None,
        data: str = "") -> subprocess.CompletedProcess[str]:  # fmt: skip
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args],
        input=data, capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {})}, preexec_fn=set_umask,
    )  # fmt: skip


def ok(journal: Path, *args: str, **kwargs: object) -> str:
    result = run(journal, *args, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def assert_private(root: Path) -> None:
    loose = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode & 0o777
        if mode != (0o700 if path.is_dir() else 0o600):
            loose.append((path.relative_to(root).as_posix(), oct(mode)))
    assert not loose, loose


def test_a_permissive_umask_still_gives_a_private_journal(journal_dir: Path) -> None:
    ok(journal_dir, "theme", "add", "Tillid", "--concept", "safety", umask=0)
    entry_id = ok(journal_dir, "new", "-m", "første", "--theme", "Tillid", umask=0).strip()
    ok(journal_dir, "edit", entry_id, "-m", "anden", umask=0)
    ok(journal_dir, "doctor", umask=0)
    assert (journal_dir / "backups").is_dir()
    assert_private(journal_dir)
    ok(journal_dir, "encrypt", "--cost", "14", env=PASS, umask=0)
    ok(journal_dir, "new", "-m", "tredje", env=PASS, umask=0)
    assert_private(journal_dir)
    ok(journal_dir, "decrypt", "--yes", env=PASS, umask=0)
    assert_private(journal_dir)


def test_drafts_are_private_under_a_permissive_umask(journal_dir: Path) -> None:
    old = os.umask(0)
    try:
        journal = Journal(journal_dir)
        journal.add_entry(Entry(body="x"))
        journal.save_draft("d1", {"body": "kladde"})
    finally:
        os.umask(old)
    assert_private(journal_dir)


def test_nothing_is_written_to_the_system_temp_folder(journal_dir: Path, tmp_path: Path) -> None:
    temp = tmp_path / "system-temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp), **PASS}
    entry_id = ok(journal_dir, "new", "-m", "hemmelig tekst", env=env).strip()
    ok(journal_dir, "new", env=env, data="fra standard input\n")
    ok(journal_dir, "list", "--search", "hemmelig", env=env)
    ok(journal_dir, "show", entry_id, env=env)
    ok(journal_dir, "edit", entry_id, "-m", "ændret", env=env)
    ok(journal_dir, "edit", entry_id, env=env, data="ændret fra standard input\n")
    ok(journal_dir, "encrypt", "--cost", "14", env=env)
    ok(journal_dir, "new", "-m", "krypteret", env=env)
    ok(journal_dir, "list", env=env)
    ok(journal_dir, "show", entry_id, env=env)
    ok(journal_dir, "doctor", env=env)
    ok(
        journal_dir,
        "passwd",
        "--cost",
        "14",
        env={**env, "EFTERTANKE_NEW_PASSPHRASE": "another one"},
    )
    env["EFTERTANKE_PASSPHRASE"] = "another one"
    ok(journal_dir, "decrypt", "--yes", env=env)
    assert list(temp.iterdir()) == []


def test_a_single_file_export_replaces_a_symlink_never_follows_it(
    journal_dir: Path, tmp_path: Path
) -> None:
    ok(journal_dir, "new", "-m", "hemmelig eksport")
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.md"
    victim.write_text("do not touch")
    target_dir = tmp_path / "exports"
    target_dir.mkdir()
    link = target_dir / "all.md"
    link.symlink_to(victim)
    result = run(journal_dir, "export", "markdown", "--out", str(link))
    assert result.returncode == 1  # exists: refused without --force
    ok(journal_dir, "export", "markdown", "--out", str(link), "--force")
    assert victim.read_text() == "do not touch"
    assert not link.is_symlink() and "hemmelig eksport" in link.read_text()


def test_a_folder_export_never_writes_through_a_symlink(journal_dir: Path, tmp_path: Path) -> None:
    ok(journal_dir, "new", "-m", "hemmelig eksport")
    out = tmp_path / "export"
    ok(journal_dir, "export", "markdown", "--out", str(out))
    outside = tmp_path / "outside"
    outside.mkdir()
    victims = {}
    for existing in [p for p in out.rglob("*.md") if p.name != "index.md"]:
        victim = outside / existing.name
        victim.write_text("do not touch")
        existing.unlink()
        existing.symlink_to(victim)
        victims[victim] = existing
    # The index stays ours; every entry file is now a link out of the folder.
    result = run(journal_dir, "export", "markdown", "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    for victim, link in victims.items():
        assert victim.read_text() == "do not touch"
        assert not link.is_symlink()
    # A symlinked index: refused (it is not provably our export); still nothing touched.
    index = out / "index.md"
    (outside / "index.md").write_text("do not touch")
    index.unlink()
    index.symlink_to(outside / "index.md")
    run(journal_dir, "export", "markdown", "--out", str(out), "--force")
    assert all(p.read_text() == "do not touch" for p in outside.iterdir())
