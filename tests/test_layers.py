"""Nothing outside tui/ imports Textual: that keeps the command line fast."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import eftertanke


def _non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(eftertanke.__path__, "eftertanke."):
        if ".tui" not in info.name and info.name != "eftertanke.__main__":
            names.append(info.name)
    return names


def test_non_ui_modules_do_not_import_textual() -> None:
    modules = _non_ui_modules()
    assert "eftertanke.store.journal" in modules and "eftertanke.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_command_line_paths_do_not_import_textual(tmp_path) -> None:
    code = (
        "import sys\n"
        "from eftertanke.cli import main\n"
        f"for argv in (['--journal', {str(tmp_path)!r}, 'new', '-m', 'x'],"
        f" ['--journal', {str(tmp_path)!r}, 'list', '--search', 'x']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit as exit:\n"
        "        assert not exit.code, exit.code\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr


ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(cwd: Path, package_parent: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\nfrom importlinter.cli import lint_imports\n"
        "sys.exit(lint_imports(no_cache=True, no_logo=True))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_the_layer_contracts_hold() -> None:
    result = _lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_a_crossed_layer_breaks_a_contract(tmp_path: Path) -> None:
    """The contracts bite: the domain importing the store is caught."""
    shutil.copytree(ROOT / "src" / "eftertanke", tmp_path / "src" / "eftertanke")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    domain = tmp_path / "src" / "eftertanke" / "domain.py"
    domain.write_text(domain.read_text() + "\nfrom eftertanke.store import layout  # noqa\n")
    result = _lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode != 0
    assert "The domain is pure" in result.stdout and "BROKEN" in result.stdout
