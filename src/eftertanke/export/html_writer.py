"""A Markdown export as one HTML page: markdown-it's rendering, the chart inline.

The page is whole (``<!doctype html>``, the document's language on
``<html lang>``, UTF-8, a few lines of print-friendly style) and stands
alone: the analysis report's chart is written into it as an SVG image, not
linked. Raw HTML in a writer's text is shown as text (``markdown_parser``).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from html import escape

from eftertanke.export.document import Image, markdown_parser
from eftertanke.importers.frontmatter import parse_front_matter, split_front_matter

STYLE = """
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #1a1a1a; }
blockquote { margin: 0.8em 0 0.8em 1.2em; padding-left: 0.8em; border-left: 3px solid #ccc;
             color: #444; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
img { max-width: 100%; }
code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; }
""".strip()


def to_html(markdown: str, charts: Mapping[str, Image] | None = None) -> str:
    """The page for a Markdown export; ``charts`` are the images it links, by name."""
    head, body = split_front_matter(markdown)
    meta = parse_front_matter(head) if head is not None else {}
    lang = str(meta.get("language") or "da")
    parser = markdown_parser()
    tokens = parser.parse(body)
    for token in tokens:
        for child in token.children or ():
            found = (
                (charts or {}).get(str(child.attrs.get("src") or ""))
                if child.type == "image"
                else None
            )
            if found is not None and found.svg:
                data = base64.b64encode(found.svg.encode("utf-8")).decode("ascii")
                child.attrs["src"] = f"data:image/svg+xml;base64,{data}"
    title = str(meta.get("title") or "")
    if not title:
        title = next(
            (t.content for i, t in enumerate(tokens) if i and tokens[i - 1].type == "heading_open"),
            "",
        )
    content = parser.renderer.render(tokens, parser.options, {})
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(lang if lang in ("da", "en") else "da")}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{STYLE}\n</style>\n</head>\n<body>\n{content}</body>\n</html>\n"
    )


__all__ = ["to_html"]
