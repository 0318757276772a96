"""The app's screens never call the store's ``Journal`` themselves (issue 18).

What a screen shows comes from the app's data layer (``tui/data.py``, filled in
a worker, with ``tui/index.py`` under it); what a screen changes goes through a
use case in ``services/`` run by ``run_write`` in a worker. So outside those two
modules an attribute read on a journal (``self.eapp.journal.themes()``,
``journal.save_draft(...)``) is a layer crossed, except the two plain values a
screen may show: the folder (``root``) and the writer's name (``author``).

``PENDING`` lists the crossings left, module by module; the test fails on a new
one and on a stale entry, so the list stays the truth while it shrinks to empty.
"""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[1] / "src" / "eftertanke" / "tui"
DATA_LAYER = {"data.py", "index.py"}
PLAIN_VALUES = {"root", "author"}

# module (relative to tui/) -> journal attributes it still reaches for.
PENDING: dict[str, set[str]] = {}


def _is_journal(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "journal"
    return isinstance(node, ast.Attribute) and node.attr == "journal"


def journal_attributes(source: str) -> set[str]:
    """The attributes read on anything named ``journal`` in ``source``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _is_journal(node.value):
            if node.attr not in PLAIN_VALUES:
                found.add(node.attr)
    return found


def crossings() -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for path in sorted(TUI.rglob("*.py")):
        rel = path.relative_to(TUI).as_posix()
        if rel in DATA_LAYER:
            continue
        attrs = journal_attributes(path.read_text(encoding="utf-8"))
        if attrs:
            result[rel] = attrs
    return result


def test_screens_reach_the_store_only_through_the_data_layer_and_services() -> None:
    found = crossings()
    new = {
        rel: sorted(attrs - PENDING.get(rel, set()))
        for rel, attrs in found.items()
        if attrs - PENDING.get(rel, set())
    }
    assert not new, (
        "the app calls Journal outside tui/data.py: read through app.data, write "
        f"through a service in run_write: {new}"
    )
    stale = {
        rel: sorted(attrs - found.get(rel, set()))
        for rel, attrs in PENDING.items()
        if attrs - found.get(rel, set())
    }
    assert not stale, f"no longer used (take them off PENDING): {stale}"


def test_the_rule_is_measured_as_written() -> None:
    source = (
        "def f(self, journal):\n"
        "    self.eapp.journal.themes()\n"
        "    journal.save_draft(1, {})\n"
        "    print(self.eapp.journal.root, journal.author)\n"
        "    services.add(journal, 'x')\n"
    )
    assert journal_attributes(source) == {"themes", "save_draft"}
