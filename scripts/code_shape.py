"""The shape of the code: functions longer than 60 lines, modules over 400 lines.

    python scripts/code_shape.py [--all]

Lists every function (methods and nested functions too) of src/ longer than
``FUNCTION_LIMIT`` lines, from its ``def`` (decorators included) to its last
line, and every module longer than ``MODULE_LIMIT`` lines, longest first.
A module over the limit says why at its top: a line of its docstring that
starts with ``Long because`` (ARCHITECTURE.md, "Size rules"). With ``--all``
explained modules are listed too; otherwise only the unexplained ones and
every long function. tests/test_code_shape.py holds the long functions'
allow-list and fails on anything over a limit that is not explained.
"""

from __future__ import annotations

import ast
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FUNCTION_LIMIT = 60
MODULE_LIMIT = 400
REASON_MARK = "Long because"


@dataclass(frozen=True)
class LongFunction:
    path: str  # relative to src/eftertanke, with "/"
    name: str  # dotted within the module: Class.method, outer.inner
    lines: int
    line: int

    @property
    def key(self) -> str:
        return f"{self.path}:{self.name}"


@dataclass(frozen=True)
class LongModule:
    path: str
    lines: int
    reason: str  # the docstring's "Long because ..." line, or ""


def _relative(path: Path) -> str:
    return path.relative_to(SRC / "eftertanke").as_posix()


def source_files(root: Path = SRC) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _functions(tree: ast.AST) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                found.append((name, child))
                walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                walk(child, f"{prefix}{child.name}.")
            else:
                walk(child, prefix)

    walk(tree, "")
    return found


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return (node.end_lineno or node.lineno) - first + 1


def long_functions(limit: int = FUNCTION_LIMIT) -> list[LongFunction]:
    out: list[LongFunction] = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, node in _functions(tree):
            lines = _span(node)
            if lines > limit:
                out.append(LongFunction(_relative(path), name, lines, node.lineno))
    return sorted(out, key=lambda f: (-f.lines, f.key))


def reason_of(source: str) -> str:
    """The module docstring's line saying why the module is long, or ""."""
    try:
        doc = ast.get_docstring(ast.parse(source)) or ""
    except SyntaxError:
        return ""
    for line in doc.splitlines():
        if line.strip().startswith(REASON_MARK):
            return line.strip()
    return ""


def long_modules(limit: int = MODULE_LIMIT) -> list[LongModule]:
    out: list[LongModule] = []
    for path in source_files():
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > limit:
            out.append(LongModule(_relative(path), lines, reason_of(source)))
    return sorted(out, key=lambda m: (-m.lines, m.path))


def main(argv: list[str]) -> int:
    if hasattr(signal, "SIGPIPE"):  # `| head` ends the listing quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    show_all = "--all" in argv
    functions = long_functions()
    modules = long_modules()
    print(f"functions over {FUNCTION_LIMIT} lines: {len(functions)}")
    for f in functions:
        print(f"  {f.lines:4d}  {f.path}:{f.line}  {f.name}")
    unexplained = [m for m in modules if not m.reason]
    print(f"modules over {MODULE_LIMIT} lines: {len(modules)} ({len(unexplained)} not explained)")
    for m in modules if show_all else unexplained:
        note = f"  ({m.reason})" if m.reason else "  (no 'Long because' line)"
        print(f"  {m.lines:4d}  {m.path}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
