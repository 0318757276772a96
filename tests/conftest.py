"""Shared fixtures: an isolated config folder and journal, and a CLI runner."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("EFTERTANKE_CONFIG_DIR", str(config))
    # `eftertanke due` keeps a derived summary in the cache folder (store/due_summary.py).
    monkeypatch.setenv("EFTERTANKE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("EFTERTANKE_AUTHOR", "tester")
    for name in ("EFTERTANKE_JOURNAL", "EFTERTANKE_LANG", "EFTERTANKE_PASSPHRASE", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)
    return config


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    return tmp_path / "journal"


class Cli:
    def __init__(self, journal: Path) -> None:
        self.journal = journal

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None,
                 journal: bool = True) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "eftertanke"]
        if journal:
            argv += ["--journal", str(self.journal)]
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            argv + list(args), input=input if input is not None else "", capture_output=True,
            text=True, env=full_env, timeout=60,
        )

    def ok(self, *args: str, **kwargs: object) -> str:
        result = self(*args, **kwargs)  # type: ignore[arg-type]
        assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
        return result.stdout


@pytest.fixture
def cli(journal_dir: Path) -> Cli:
    return Cli(journal_dir)


def snapshot(folder: Path) -> dict[str, str]:
    """Hash of every file under a folder, for 'nothing changed' assertions."""
    out: dict[str, str] = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".lock":
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
