"""The codebook as a CSV file Taguette imports (Project → Import codebook).

Taguette reads the first row as a header and takes the tag from the column
named ``tag`` (or ``name`` or ``path``: exactly one of them) and, if there is
one, the ``description`` column; other columns are ignored, as are empty rows.
It guesses the file's encoding with chardet, so the file starts with a UTF-8
byte order mark: the guess is then certain, and Danish letters and emoji
arrive as written.

Taguette has no parent field: a tag's sub-tags are the tags whose path starts
with its own (selecting a tag lists the highlights of every tag under it). So
each theme is written as its path from its concept down,
``Psykologisk tryghed/Tryghed i den nære ledergruppe/Farlig tavshed``, and
each concept is a tag of its own, first. Taguette refuses a path longer than
200 characters (and the whole file with it), so a path that long falls back
to the theme's own name.
"""

from __future__ import annotations

import csv
import io

from eftertanke.domain import CONCEPTS, Theme
from eftertanke.export.labels import concept_name

COLUMNS = ("tag", "description")
MAX_PATH = 200  # taguette.validate.tag_path
SEPARATOR = "/"


def _description(theme: Theme) -> str:
    return "\n\n".join(x.strip() for x in (theme.description, theme.theory) if x.strip())


def tag_paths(themes: list[Theme], lang: str) -> dict[str, str]:
    """Each theme's Taguette path, by its name folded."""
    by_name = {t.name.casefold(): t for t in themes}

    def chain(theme: Theme) -> list[str]:
        names = [theme.name]
        seen = {theme.name.casefold()}
        parent = (theme.parent or "").casefold()
        while parent and parent in by_name and parent not in seen:
            seen.add(parent)
            names.append(by_name[parent].name)
            parent = (by_name[parent].parent or "").casefold()
        top = by_name[names[-1].casefold()]  # the concept of the top of the chain
        return [concept_name(top.concept, lang), *reversed(names)]

    paths: dict[str, str] = {}
    for theme in themes:
        path = SEPARATOR.join(" ".join(part.split()) for part in chain(theme))
        if len(path) > MAX_PATH:
            path = " ".join(theme.name.split())[:MAX_PATH].strip()
        paths[theme.name.casefold()] = path
    return paths


def codebook_csv(themes: list[Theme], lang: str = "en") -> bytes:
    """The concepts and themes as Taguette tags: UTF-8 with a BOM, one tag a row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for concept in CONCEPTS:
        writer.writerow([concept_name(concept, lang), ""])
    paths = tag_paths(themes, lang)
    rows = sorted(
        ((paths[t.name.casefold()], _description(t)) for t in themes),
        key=lambda row: row[0].casefold(),
    )
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


__all__ = ["COLUMNS", "codebook_csv", "tag_paths"]
