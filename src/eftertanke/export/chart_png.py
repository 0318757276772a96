"""The well-being chart's SVG drawn as a PNG, for Word and PDF.

``analysis.chart`` writes the chart as a small SVG of its own making: a
rectangle, lines, polylines, dots and text. This draws exactly those
elements with Pillow, at twice the size for print, so Word and PDF get the
same chart the HTML and Markdown reports link, without an SVG renderer.
Anything else in an SVG is ignored.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from eftertanke.export.fonts import font_file

SCALE = 2
_NS = "{http://www.w3.org/2000/svg}"


def _number(element: ET.Element, name: str, default: float = 0.0) -> float:
    try:
        return float(element.get(name, default))
    except ValueError:
        return default


@cache
def _font(size: int, path: Path | None):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def svg_to_png(svg: str) -> bytes:
    """The chart ``svg`` (as ``analysis.chart.wellbeing_svg`` writes it) as PNG bytes."""
    from PIL import Image, ImageDraw

    root = ET.fromstring(svg)
    width = int(_number(root, "width", 760) * SCALE)
    height = int(_number(root, "height", 420) * SCALE)
    base_size = _number(root, "font-size", 11)
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    path = font_file("sans", required=False)

    def xy(element: ET.Element, x: str, y: str) -> tuple[float, float]:
        return _number(element, x) * SCALE, _number(element, y) * SCALE

    for element in root.iter():
        tag = element.tag.removeprefix(_NS)
        stroke = element.get("stroke") or "#000000"
        line_width = max(1, round(_number(element, "stroke-width", 1) * SCALE))
        if tag == "rect":
            x, y = xy(element, "x", "y")
            w, h = _number(element, "width") * SCALE, _number(element, "height") * SCALE
            draw.rectangle([x, y, x + w, y + h], fill=element.get("fill") or "#ffffff")
        elif tag == "line":
            draw.line([xy(element, "x1", "y1"), xy(element, "x2", "y2")], stroke, line_width)
        elif tag == "polyline":
            pairs = [p.split(",") for p in (element.get("points") or "").split()]
            points = [(float(a) * SCALE, float(b) * SCALE) for a, b in pairs]
            draw.line(points, stroke, line_width, joint="curve")
        elif tag == "circle":
            x, y = xy(element, "cx", "cy")
            r = _number(element, "r", 2) * SCALE
            draw.ellipse([x - r, y - r, x + r, y + r], fill=element.get("fill") or stroke)
        elif tag == "text" and element.text:
            size = int(_number(element, "font-size", base_size) * SCALE)
            anchor = {"end": "rs", "middle": "ms"}.get(element.get("text-anchor") or "", "ls")
            draw.text(
                xy(element, "x", "y"),
                element.text,
                fill=element.get("fill") or "#000000",
                font=_font(size, path),
                anchor=anchor,
            )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


__all__ = ["svg_to_png"]
