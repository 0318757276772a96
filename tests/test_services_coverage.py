"""Every use case in ``services/`` has a direct test: each public function of
``services/NAME.py`` is called in ``tests/test_services_NAME.py`` (merge has
its own suites: test_merge_*.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ROOT / "src" / "eftertanke" / "services"
TESTS = ROOT / "tests"


def public_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]


def test_every_service_function_is_called_in_its_own_test_file() -> None:
    missing: list[str] = []
    modules = sorted(p for p in SERVICES.glob("*.py") if p.name != "__init__.py")
    assert modules, "no services found"
    for module in modules:
        names = public_functions(module)
        test_file = TESTS / f"test_services_{module.stem}.py"
        if not test_file.exists():
            missing += [f"{module.stem}.{name} (no {test_file.name})" for name in names]
            continue
        text = test_file.read_text(encoding="utf-8")
        missing += [
            f"{module.stem}.{name}" for name in names if not re.search(rf"\b{name}\(", text)
        ]
    assert not missing, "use cases without a direct test: " + ", ".join(missing)
