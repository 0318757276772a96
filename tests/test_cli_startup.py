"""A memo written from the shell, and ``--version``, import no more than they
need (issue 16: ``new -m`` has 0.1 s at 10,000 entries, of which the
interpreter and click take most). Each module named here was once imported
by them for nothing; the budgets are measured in benchmarks/, not here."""

from __future__ import annotations

import ast
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import eftertanke

SRC = Path(eftertanke.__file__).parent

# Run in a fresh process: the modules a command line loaded, as JSON on stdout.
_PROBE = """
import json, sys
from eftertanke.launch import main
sys.argv = ["eftertanke", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
import gc
assert gc.isenabled(), "the collector is on again once the program is imported"
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def _loaded(*args: str) -> tuple[set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
    )  # the environment is the suite's (conftest.py: config and data in tmp folders)
    assert "Traceback" not in done.stderr, done.stderr
    modules, _, _ = done.stderr.rpartition("]")
    return set(json.loads(modules + "]")), done.stdout


def test_a_memo_from_the_shell_imports_only_what_writing_needs(tmp_path: Path) -> None:
    journal = str(tmp_path / "j")
    _loaded("--journal", journal, "new", "-m", "first")  # creates the journal
    modules, out = _loaded("--journal", journal, "new", "--kind", "daily", "-m", "Hej")
    assert len(out.strip()) == 36, out  # the new entry's id: it was written
    never = {
        "importlib.metadata",  # click's version lookup
        "eftertanke.cli.entries",  # list/show's printing (cli/new_entry.py is apart)
        "eftertanke.cli.render",
        "eftertanke.services.query",
        "eftertanke.services.questions",  # carrying a reflection's questions
        "eftertanke.services.coding",
        "eftertanke.store.intent",  # nothing journal-wide was left half done
        "eftertanke.store.batch",
        "eftertanke.store.reencrypt",  # no encryption change to finish
        "eftertanke.store.transcripts",  # made when first used (Journal.transcripts)
        "eftertanke.services.themes",  # new themes named in the app's save
        "shutil",  # a backup is taken only on the first write of the hour
        "textual",
    }
    assert modules & never == set()
    assert "eftertanke.cli.new_entry" in modules


def test_version_is_the_packages_and_needs_no_metadata_lookup() -> None:
    modules, out = _loaded("--version")
    assert out.strip() == f"eftertanke, version {importlib.metadata.version('eftertanke')}"
    assert eftertanke.__version__ == importlib.metadata.version("eftertanke")
    assert "importlib.metadata" not in modules


def test_every_dataclass_has_a_docstring() -> None:
    """Python 3.11 gives a dataclass without one a docstring made from
    ``inspect.signature``: up to milliseconds a class at every start (Entry's
    was 7 ms of a 0.1 s command)."""
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ClassDef)
                and any("dataclass" in ast.unparse(d) for d in node.decorator_list)
                and ast.get_docstring(node) is None
            ):
                missing.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}")
    assert missing == []
