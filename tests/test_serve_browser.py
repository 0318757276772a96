"""The browser check of ``serve`` (scripts/browser_checkin.py), run where a
Chromium is installed: a check-in typed into the real page is in the journal,
and the screenshots of Home and of the unlock screen are written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium here (apt-get install chromium)")


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "browser_checkin.py"), *args],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip


def test_a_check_in_typed_in_chromium_is_in_the_journal(tmp_path: Path) -> None:
    out = tmp_path / "home.png"
    result = run_script("--lang", "da", "--out", str(out), "--browser", str(BROWSER))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Skrevet i browseren" in result.stdout
    assert out.read_bytes().startswith(b"\x89PNG") and out.stat().st_size > 10_000
    # Ctrl+L, Ctrl+T and Ctrl+P reached the app through the page: each changed the picture.
    shots = [tmp_path / f"home-{name}.png" for name in ("after-save", "language", "theme", "palette")]
    assert len({shot.read_bytes() for shot in shots}) == len(shots)


def test_an_encrypted_journal_is_unlocked_in_chromium(tmp_path: Path, cli, journal_dir: Path) -> None:  # type: ignore[no-untyped-def]
    passphrase = "browser only secret"
    cli.ok("new", "-m", "Before encrypting")
    cli.ok("encrypt", "--cost", "14", env={"EFTERTANKE_PASSPHRASE": passphrase})
    out = tmp_path / "home.png"
    result = run_script("--journal", str(journal_dir), "--lang", "en", "--passphrase", passphrase,
                        "--out", str(out), "--browser", str(BROWSER))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "home-unlock.png").exists()
    for path in journal_dir.rglob("*"):
        if path.is_file():
            assert passphrase.encode() not in path.read_bytes(), path
