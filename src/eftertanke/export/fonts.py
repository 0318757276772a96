"""The fonts a PDF and the chart are drawn with: DejaVu, which has æ, ø, å.

A PDF must carry its fonts, and the PDF core fonts know no "ø" beyond
Latin-1 nor "–", "»" or "…". DejaVu covers them all and is on most Linux
systems (Debian: ``fonts-dejavu-core``); ``EFTERTANKE_FONT_DIR`` points to
another folder holding the same files.
"""

from __future__ import annotations

import os
from pathlib import Path

from eftertanke.errors import EftertankeError

FILES = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "sans-italic": "DejaVuSans-Oblique.ttf",
    "sans-bold-italic": "DejaVuSans-BoldOblique.ttf",
    "mono": "DejaVuSansMono.ttf",
}
FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    str(Path.home() / ".local/share/fonts"),
    str(Path.home() / "Library/Fonts"),
)


class FontMissingError(EftertankeError):
    """The DejaVu fonts are not installed; the message says how to get them."""


def font_file(kind: str, *, required: bool = True) -> Path | None:
    """The file of one DejaVu face (``FILES``); None (or an error) when missing."""
    name = FILES[kind]
    folders = [os.environ.get("EFTERTANKE_FONT_DIR", ""), *FOLDERS]
    for folder in folders:
        if folder and (Path(folder) / name).is_file():
            return Path(folder) / name
    if required:
        raise FontMissingError(
            f"a PDF needs the DejaVu fonts ({name}); install them (Debian: apt-get install "
            "fonts-dejavu-core) or set EFTERTANKE_FONT_DIR to a folder holding them"
        )
    return None


__all__ = ["FILES", "FontMissingError", "font_file"]
