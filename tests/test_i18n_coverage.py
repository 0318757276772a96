"""Every word the program shows comes from the one catalogue (locale/*.json).

Three scans of the source (no app is run): no word table bypasses the
catalogue, the app passes no bare English to the widgets that show text, and
every literal catalogue key the app, the exports and the analysis name exists.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from eftertanke import i18n
from eftertanke.tui import strings

SRC = Path(i18n.__file__).parent
TUI = SRC / "tui"

def _modules(root: Path) -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        yield path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _is_word_table(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Dict)
        and bool(node.keys)
        and all(isinstance(k, ast.Constant) for k in node.keys)
        and {k.value for k in node.keys} == {"da", "en"}  # type: ignore[union-attr]
    )


def test_no_word_table_bypasses_the_catalogue() -> None:
    found = {
        f"{name}:{node.lineno}"
        for name, tree in _modules(SRC)
        if name != "i18n.py"
        for node in ast.walk(tree)
        if _is_word_table(node)
    }
    assert sorted(found) == [], "put these words in locale/*.json and look them up with i18n.t"


# -- bare words handed to the app's widgets -------------------------------------

LETTER = re.compile(r"[^\W\d_]")
TEXT_CALLS = {"Static", "Label", "Button", "notify"}

# (module under tui/, the literal): why it may stay.
ALLOWED_LITERALS: dict[tuple[str, str], str] = {}


def _literal_words(node: ast.AST | None) -> list[str]:
    """String literals with letters in ``node`` (an f-string's literal parts too)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if LETTER.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and LETTER.search(str(part.value))
        ]
    return []


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _shown_texts(call: ast.Call) -> Iterator[ast.AST]:
    name = _call_name(call)
    keywords = {k.arg: k.value for k in call.keywords}
    if name in TEXT_CALLS:
        if call.args:
            yield call.args[0]
        for key in ("content", "renderable", "label", "message", "title"):
            if key in keywords:
                yield keywords[key]
    if name == "Input" and "placeholder" in keywords:
        yield keywords["placeholder"]
    if name == "Select" and call.args and isinstance(call.args[0], ast.List | ast.Tuple):
        for option in call.args[0].elts:
            if isinstance(option, ast.Tuple) and option.elts:
                yield option.elts[0]
    if name == "Binding" and "tooltip" in keywords:
        yield keywords["tooltip"]


def test_the_app_hands_no_bare_words_to_its_widgets() -> None:
    bare = []
    for name, tree in _modules(TUI):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for shown in _shown_texts(node):
                for text in _literal_words(shown):
                    if (name, text) not in ALLOWED_LITERALS:
                        bare.append(f"{name}:{node.lineno}: {text!r}")
    assert bare == [], "look these words up in the catalogue (self.t / i18n.t)"


def _app_classes() -> Iterator[type]:
    from eftertanke.tui.app import EftertankeApp

    yield EftertankeApp
    for path in sorted([*(TUI / "screens").glob("*.py"), *(TUI / "widgets").glob("*.py")]):
        module = importlib.import_module(f"eftertanke.tui.{path.parent.name}.{path.stem}")
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                yield value


def test_every_footer_description_is_in_the_catalogue() -> None:
    from textual.binding import Binding

    missing = []
    for cls in _app_classes():
        # The class's own bindings (Textual's inherited ones are never shown).
        for item in vars(cls).get("BINDINGS", []):
            binding = item if isinstance(item, Binding) else Binding(*item)
            if binding.description and strings.action_key(cls, binding.action) is None:
                missing.append(f"{cls.__module__}.{cls.__name__}: {binding.action}")
    assert missing == [], "add tui.<module>.action.<name> (or tui.action.<name>) to locale/*.json"


# -- literal catalogue keys -----------------------------------------------------

# Word functions of the exports and the analysis: the prefix they put before a key.
PREFIXED = {
    ("analysis", "w"): "analysis.",
    ("tui", "w"): "analysis.",
    ("export", "label"): "export.",
    ("export/refi.py", "_word"): "export.refi.",
    ("export/refi_quotes.py", "_word"): "export.refi_quotes.",
    ("export/refi_text.py", "word"): "export.refi_text.",
    ("export/transcript_markdown.py", "word"): "export.transcript_markdown.",
    ("export/report.py", "_w"): "export.report.",
}


def _prefix(module: str, function: str) -> str | None:
    for (where, name), prefix in PREFIXED.items():
        if name == function and (module == where or module.startswith(where + "/")):
            return prefix
    return None


def _first_literal(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def _class_of(module: str, name: str) -> type | None:
    dotted = "eftertanke." + module.removesuffix(".py").replace("/", ".")
    return getattr(importlib.import_module(dotted), name, None)


def _named_keys() -> Iterator[tuple[str, str, str | None]]:
    """(where, key, full key or None when unknown) of every literal key named."""
    for root in ("tui", "export", "analysis"):
        for module, tree in _modules(SRC / root):
            classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
            owner = {
                id(call): cls.name
                for cls in classes
                for call in ast.walk(cls)
                if isinstance(call, ast.Call)
            }
            for call in ast.walk(tree):
                if not isinstance(call, ast.Call) or (key := _first_literal(call)) is None:
                    continue
                func, where = call.func, f"{module}:{call.lineno}"
                name = _call_name(call)
                target = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
                if name == "t" and target in ("i18n", ""):
                    yield where, key, key if i18n.has(key) else None
                elif name == "t" and target == "self" and id(call) in owner:
                    cls = _class_of(module, owner[id(call)])
                    assert cls is not None, where
                    yield where, key, strings.key_of(cls, key)
                elif name in ("tr", "ct"):
                    full = {"tr": "tui.common.", "ct": "tui.coding_actions."}[name] + key
                    yield where, key, full if i18n.has(full) else None
                elif (prefix := _prefix(module, name)) is not None and target == "":
                    full = prefix + key
                    yield where, key, full if i18n.has(full) else None


def test_every_literal_key_the_app_exports_and_analysis_name_exists() -> None:
    named = list(_named_keys())
    assert len(named) > 300  # the scan finds the calls
    missing = [f"{where}: {key}" for where, key, full in named if full is None]
    assert missing == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_screen_words_resolve_through_the_modules_they_inherit(lang: str) -> None:
    from eftertanke.tui.screens.theme_forms import AddThemeForm
    from eftertanke.tui.screens.transcript import TranscriptScreen

    # A theme form's Save is the form frame's (form_modal); the transcript's coding words.
    assert strings.word(AddThemeForm, "save", lang) == i18n.t("tui.form_modal.save", lang)
    assert strings.word(TranscriptScreen, "remove_yes", lang) == i18n.t(
        "tui.coding_actions.remove_yes", lang
    )
