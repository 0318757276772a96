"""Nothing outside tui/ imports Textual: that keeps the command line fast."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
