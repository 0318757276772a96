"""The codebook as a tree: the four concepts, their themes and sub-themes,
each theme with how many entries and transcripts use it.

Sub-themes sit under their parent however deep, so the tree reads like the
analysis chapters of the thesis. Labels are rich ``Text`` built from plain
strings: a ``Tree`` parses a str label as markup, and a theme name is user
text. The widget only draws and tells where the cursor is; what a key does
is the Themes screen's job.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from eftertanke.domain import CONCEPT_NAMES, CONCEPTS, Theme
from eftertanke.textsafe import one_line

# What a tree node holds: ("concept", key) or ("theme", name).
NodeData = tuple[str, str]


def theme_tree(themes: list[Theme]) -> dict[str, list[Theme]]:
    """The children of each node: keys are ``concept:KEY`` and ``theme:NAME`` (casefolded).

    A theme whose parent is missing, or which is caught in a loop, sits
    directly under its concept, so every theme appears exactly once.
    """
    by_name = {t.name.casefold(): t for t in themes}
    children: dict[str, list[Theme]] = {f"concept:{c}": [] for c in CONCEPTS}
    for theme in themes:
        parent = (theme.parent or "").casefold()
        seen = {theme.name.casefold()}
        cursor = parent
        while cursor in by_name and cursor not in seen:
            seen.add(cursor)
            cursor = (by_name[cursor].parent or "").casefold()
        if parent in by_name and cursor not in seen:
            children.setdefault(f"theme:{parent}", []).append(theme)
        else:
            children.setdefault(f"concept:{theme.concept}", []).append(theme)
    for siblings in children.values():
        siblings.sort(key=lambda t: t.name.casefold())
    return children


class CodebookTree(Tree[NodeData]):
    """Concepts at the top (always open), themes under them; no root shown."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(Text(""), id=id)
        self.show_root = False
        self.auto_expand = False
        self.nodes: dict[NodeData, TreeNode[NodeData]] = {}

    def show(
        self,
        themes: list[Theme],
        usage: dict[str, int],
        lang: str,
        count_words: Callable[[int], str],
    ) -> None:
        """Draw ``themes`` again; ``usage`` counts uses by exact name, and
        ``count_words(n)`` says a concept's number of themes."""
        uses: dict[str, int] = {}
        for name, count in usage.items():
            uses[name.casefold()] = uses.get(name.casefold(), 0) + count
        children = theme_tree(themes)
        self.clear()
        nodes: dict[NodeData, TreeNode[NodeData]] = {}

        def add(parent: TreeNode[NodeData], key: str) -> None:
            for theme in children.get(key, []):
                label = Text.assemble(
                    one_line(theme.name, 80),
                    (f"  {uses.get(theme.name.casefold(), 0)}", "dim"),
                )
                data = ("theme", theme.name)
                sub_key = f"theme:{theme.name.casefold()}"
                if children.get(sub_key):
                    node = parent.add(label, data=data, expand=True)
                    add(node, sub_key)
                else:
                    node = parent.add_leaf(label, data=data)
                nodes[data] = node

        for concept in CONCEPTS:
            key = f"concept:{concept}"
            label = Text.assemble(
                (CONCEPT_NAMES[concept][lang], "bold"),
                (f"  {count_words(len(children.get(key, [])))}", "dim"),
            )
            data = ("concept", concept)
            node = self.root.add(label, data=data, expand=True)
            nodes[data] = node
            add(node, key)
        self.nodes = nodes

    def selected(self) -> NodeData | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def selected_theme(self) -> str | None:
        data = self.selected()
        return data[1] if data and data[0] == "theme" else None

    def selected_concept(self) -> str | None:
        """The concept the cursor is in (on it, or on a theme under it)."""
        node = self.cursor_node
        while node is not None and node.data is not None:
            if node.data[0] == "concept":
                return node.data[1]
            node = node.parent
        return None

    def move_to(self, data: NodeData) -> bool:
        """Put the cursor on ``data``'s node; False if it is not drawn (yet)."""
        node = self.nodes.get(data)
        if node is not None:
            self.move_cursor(node)
        return node is not None
