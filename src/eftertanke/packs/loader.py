"""Prompt packs: the guided questions, read from TOML data files.

Packs are data, not code (DESIGN.md): the built-in ones ship inside the
package under ``packs/data`` and are read with ``importlib.resources`` so they
work from an installed wheel; users add or override packs (same id wins) in
``config_dir() / "packs" / *.toml``. A broken user pack is reported as a
``PackError`` naming file, line and problem, and never stops the other packs.

Pack file format (see the built-in files for full examples)::

    id = "daily"                 # [a-z0-9][a-z0-9_-]*
    version = 1
    kind = "daily"               # post-interview | daily | weekly-review | memo
    title.da = "…"               # every text has .da and .en
    title.en = "…"
    description.da = "…"         # optional
    entry_title.da = "… {interview}"  # optional default title of the entry
    data_type = "chronology"     # optional, self-as-data (Chang): chronology |
                                 # inventory | self-observation | self-reflection;
                                 # kind must be memo; sets Entry.data_type

    [[prompts]]
    id = "energy-gave"
    concept = "drive"            # drive | frames | safety | wellbeing | none
    orientation = "self"         # respondent | self | method
    optional = true              # default false
    theme_lines = false          # true: each line of the answer is a theme
    quote_lines = false          # true: a line "9.45 text" is a quote with its time
    carry_forward = false        # true: each line of the answer is a question to carry
                                 # forward to the next interviews (carry_forward.py)
    question.da = "…"
    question.en = "…"
    hint.da = "…"                # optional, but both languages if given
    hint.en = "…"

    [[ratings]]
    key = "energy"
    label.da = "…"  label.en = "…"  low.da = "…"  high.da = "…"  (and .en)
    min = 1                      # optional, within 1..5
    max = 5

Long because a pack's TOML is checked field by field, each error naming its
line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from eftertanke.domain import CONCEPTS, DATA_TYPES, LANGUAGES, ORIENTATIONS, Theme
from eftertanke.i18n import t

PACK_KINDS: tuple[str, ...] = ("post-interview", "daily", "weekly-review", "memo")
# A weekly review is a reflective memo about the daily entries, not a daily
# entry itself, so it is stored as kind "memo" (with pack "weekly-review").
ENTRY_KIND_OF_PACK: dict[str, str] = {
    "post-interview": "interview",
    "daily": "daily",
    "weekly-review": "memo",
    "memo": "memo",
}
# The pack `eftertanke new --kind K` opens when no pack is named.
DEFAULT_PACK_FOR_ENTRY_KIND: dict[str, str] = {
    "interview": "post-interview",
    "daily": "daily",
    "memo": "memo",
}
NO_CONCEPT = "none"
CODEBOOK_FILE = "codebook.toml"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_PACK_KEYS = {
    "id", "version", "kind", "title", "description", "entry_title", "prompts", "ratings",
    "data_type",
}  # fmt: skip
_PROMPT_KEYS = {
    "id", "concept", "orientation", "optional", "theme_lines", "quote_lines", "carry_forward",
    "question", "hint",
}  # fmt: skip
_RATING_KEYS = {"key", "label", "low", "high", "min", "max", "concept"}


class PackError(Exception):
    """A problem in one pack file, with the line it is on when that is known."""

    def __init__(self, file: Path | str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.file = Path(file) if not isinstance(file, Path) else file
        self.line = line
        self.message = message

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"

    def __repr__(self) -> str:
        return f"PackError({str(self)!r})"


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A text in both languages the tool speaks."""

    da: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.da


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question of a prompt pack, and what its answer becomes."""

    id: str
    concept: str | None  # None when the prompt belongs to no single concept
    orientation: str
    question: Bilingual
    hint: Bilingual | None = None
    optional: bool = False
    # The answer is a list of themes (one per line or comma-separated); the
    # guided session turns it into the entry's themes.
    theme_lines: bool = False
    # A line of the answer that starts with an interview time ("9.45 …",
    # "[09:45] …") is a quote to find in the transcript (guided/quote_lines.py).
    quote_lines: bool = False
    # Each line of the answer is an open question carried forward to the
    # next interviews (Entry.questions, services/questions.py).
    carry_forward: bool = False


@dataclass(frozen=True, slots=True)
class RatingItem:
    """A rating a pack asks for: its label, the words at either end, and its range."""

    key: str
    label: Bilingual
    low: Bilingual
    high: Bilingual
    minimum: int = 1
    maximum: int = 5
    concept: str | None = None


@dataclass(frozen=True, slots=True)
class PromptPack:
    """A prompt pack: its questions and ratings, the kind of entry it writes, and its source."""

    id: str
    version: int
    kind: str
    title: Bilingual
    prompts: tuple[Prompt, ...]
    ratings: tuple[RatingItem, ...] = ()
    description: Bilingual | None = None
    entry_title: Bilingual | None = None
    # Self-as-data (Chang): the data type the pack's entries carry, or None.
    data_type: str | None = None
    source: str = "builtin"  # "builtin" or the path of the user's file

    @property
    def entry_kind(self) -> str:
        return ENTRY_KIND_OF_PACK[self.kind]

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def rating(self, key: str) -> RatingItem | None:
        return next((r for r in self.ratings if r.key == key), None)


class LoadedPacks(NamedTuple):
    """What ``load_packs`` returns: usable packs by id, and the problems found."""

    packs: dict[str, PromptPack]
    errors: list[PackError]


# --- finding the line of a problem ------------------------------------------
#
# tomllib gives positions only for syntax errors; for a semantic problem we
# find the line by searching the source for the prompt id (or rating key) and
# then, if asked, for the offending field after it.


def _quoted(value: str) -> str:
    return "[\"']" + re.escape(value) + "[\"']"


def _lines_matching(source: str, pattern: str) -> list[int]:
    regex = re.compile(pattern)
    return [i for i, text in enumerate(source.splitlines(), start=1) if regex.search(text)]


def _find_line(
    source: str, anchor_key: str, anchor: str, field: str | None = None, occurrence: int = 0
) -> int | None:
    hits = _lines_matching(source, rf"(^|[\s{{,])({anchor_key})\s*=\s*{_quoted(anchor)}")
    if not hits:
        return None
    start = hits[min(occurrence, len(hits) - 1)]
    if field is None:
        return start
    lines = source.splitlines()
    field_re = re.compile(rf"(^|[\s{{,]){re.escape(field)}\s*[.=]")
    # The same line first (inline tables), then on until the next table header.
    for number in range(start, len(lines) + 1):
        text = lines[number - 1]
        if number > start and text.lstrip().startswith("["):
            break
        if field_re.search(text):
            return number
    return start


def _top_line(source: str, field: str) -> int | None:
    hits = _lines_matching(source, rf"^\s*{re.escape(field)}\s*[.=]")
    return hits[0] if hits else None


# --- parsing ----------------------------------------------------------------


class _Reader:
    """Turns one parsed TOML document into a PromptPack, raising PackError."""

    def __init__(self, file: Path | str, source: str) -> None:
        self.file = file
        self.source = source

    def fail(self, line: int | None, message: str) -> PackError:
        return PackError(self.file, line, message)

    def text(
        self, table: Any, owner: str, field: str, line: int | None, *, required: bool = True
    ) -> Bilingual | None:
        """Read a {da, en} table; the error reads like 'prompt "x" has no Danish question'."""
        if table is None and not required:
            return None
        if not isinstance(table, dict):
            if isinstance(table, str):
                return self._missing(owner, field, line, "a Danish and an English")
            raise self.fail(line, f"{owner} has no Danish {field}")
        values: dict[str, str] = {}
        for language in LANGUAGES:
            value = table.get(language)
            if not isinstance(value, str) or not value.strip():
                return self._missing(owner, field, line, t(f"packs.language.{language}"))
            # Multi-line TOML strings keep their line breaks; single lines are tidied.
            values[language] = value.strip() if "\n" in value.strip() else " ".join(value.split())
        unknown = set(table) - set(LANGUAGES)
        if unknown:
            raise self.fail(
                line, f"{owner} {field} has unknown language {min(unknown)!r}; use da and en"
            )
        return Bilingual(da=values["da"], en=values["en"])

    def _missing(self, owner: str, field: str, line: int | None, language: str) -> Bilingual:
        raise self.fail(line, f"{owner} has no {language} {field}")

    def pack(self, data: dict[str, Any], source_name: str) -> PromptPack:
        unknown = set(data) - _PACK_KEYS
        if unknown:
            key = min(unknown)
            raise self.fail(_top_line(self.source, key), f"unknown key {key!r} in pack")
        pack_id = data.get("id")
        if not isinstance(pack_id, str) or not _ID_RE.match(pack_id):
            raise self.fail(
                _top_line(self.source, "id"),
                "pack needs an id of lower-case letters, digits, - and _ (like daily)",
            )
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.fail(_top_line(self.source, "version"), "version must be a whole number ≥ 1")
        kind = data.get("kind")
        if kind not in PACK_KINDS:
            raise self.fail(
                _top_line(self.source, "kind"),
                f"unknown kind {kind!r}; use one of {', '.join(PACK_KINDS)}",
            )
        title = self.text(data.get("title"), "pack", "title", _top_line(self.source, "title"))
        description = self.text(
            data.get("description"),
            "pack",
            "description",
            _top_line(self.source, "description"),
            required=False,
        )
        entry_title = self.text(
            data.get("entry_title"),
            "pack",
            "entry_title",
            _top_line(self.source, "entry_title"),
            required=False,
        )
        data_type = self.data_type(data.get("data_type"), kind)
        prompts = self.prompts(data.get("prompts"))
        ratings = self.ratings(data.get("ratings", []))
        assert title is not None  # required=True never returns None
        return PromptPack(
            id=pack_id,
            version=version,
            kind=kind,
            title=title,
            prompts=tuple(prompts),
            ratings=tuple(ratings),
            description=description,
            entry_title=entry_title,
            data_type=data_type,
            source=source_name,
        )

    def data_type(self, value: Any, kind: str) -> str | None:
        """The optional self-as-data type; its entries are memos, so kind must be memo."""
        if value is None:
            return None
        line = _top_line(self.source, "data_type")
        if value not in DATA_TYPES:
            raise self.fail(
                line, f"unknown data_type {value!r}; use one of {', '.join(DATA_TYPES)}"
            )
        if kind != "memo":
            raise self.fail(line, f'data_type needs kind "memo", not {kind!r}')
        return str(value)

    def prompts(self, raw_prompts: Any) -> list[Prompt]:
        if not isinstance(raw_prompts, list) or not raw_prompts:
            raise self.fail(None, "pack has no prompts ([[prompts]] tables)")
        prompts: list[Prompt] = []
        for raw in raw_prompts:
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            prompt = self.prompt(raw, occurrence=sum(p.id == raw_id for p in prompts))
            if any(p.id == prompt.id for p in prompts):
                line = _find_line(self.source, "id", prompt.id, occurrence=1)
                raise self.fail(line, f'duplicate prompt id "{prompt.id}"')
            prompts.append(prompt)
        return prompts

    def ratings(self, raw_ratings: Any) -> list[RatingItem]:
        if not isinstance(raw_ratings, list):
            raise self.fail(_top_line(self.source, "ratings"), "ratings must be [[ratings]] tables")
        ratings: list[RatingItem] = []
        for raw in raw_ratings:
            item = self.rating(raw)
            if any(r.key == item.key for r in ratings):
                line = _find_line(self.source, "key", item.key, occurrence=1)
                raise self.fail(line, f'duplicate rating key "{item.key}"')
            ratings.append(item)
        return ratings

    def prompt(self, raw: Any, occurrence: int) -> Prompt:
        if not isinstance(raw, dict):
            raise self.fail(None, "each prompt must be a table")
        prompt_id = raw.get("id")
        if not isinstance(prompt_id, str) or not _ID_RE.match(prompt_id):
            line = _top_line(self.source, "[[prompts]]") if prompt_id is None else None
            raise self.fail(
                line, f'prompt id "{prompt_id}" must be lower-case letters, digits, - and _'
            )

        def line_of(field: str | None = None) -> int | None:
            return _find_line(self.source, "id", prompt_id, field, occurrence)

        unknown = set(raw) - _PROMPT_KEYS
        if unknown:
            key = min(unknown)
            raise self.fail(line_of(key), f'prompt "{prompt_id}" has unknown key {key!r}')
        concept = raw.get("concept", NO_CONCEPT)
        if concept != NO_CONCEPT and concept not in CONCEPTS:
            raise self.fail(
                line_of("concept"),
                f'prompt "{prompt_id}" has unknown concept {concept!r}; '
                f"use one of {', '.join(CONCEPTS)} or none",
            )
        orientation = raw.get("orientation")
        if orientation not in ORIENTATIONS:
            raise self.fail(
                line_of("orientation"),
                f'prompt "{prompt_id}" has unknown orientation {orientation!r}; '
                f"use one of {', '.join(ORIENTATIONS)}",
            )
        for flag in ("optional", "theme_lines", "quote_lines", "carry_forward"):
            if not isinstance(raw.get(flag, False), bool):
                raise self.fail(
                    line_of(flag), f'prompt "{prompt_id}": {flag} must be true or false'
                )
        owner = f'prompt "{prompt_id}"'
        question = self.text(raw.get("question"), owner, "question", line_of("question"))
        hint = self.text(raw.get("hint"), owner, "hint", line_of("hint"), required=False)
        assert question is not None
        return Prompt(
            id=prompt_id,
            concept=None if concept == NO_CONCEPT else concept,
            orientation=orientation,
            question=question,
            hint=hint,
            optional=raw.get("optional", False),
            theme_lines=raw.get("theme_lines", False),
            quote_lines=raw.get("quote_lines", False),
            carry_forward=raw.get("carry_forward", False),
        )

    def rating(self, raw: Any) -> RatingItem:
        if not isinstance(raw, dict):
            raise self.fail(None, "each rating must be a table")
        key = raw.get("key")
        if not isinstance(key, str) or not _ID_RE.match(key):
            raise self.fail(None, f"rating key {key!r} must be lower-case letters, digits, - and _")

        def line_of(field: str | None = None) -> int | None:
            return _find_line(self.source, "key", key, field)

        unknown = set(raw) - _RATING_KEYS
        if unknown:
            name = min(unknown)
            raise self.fail(line_of(name), f'rating "{key}" has unknown key {name!r}')
        bounds: dict[str, int] = {}
        for name, default in (("min", 1), ("max", 5)):
            value = raw.get(name, default)
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise self.fail(line_of(name), f'rating "{key}": {name} must be within 1..5')
            bounds[name] = value
        if bounds["min"] >= bounds["max"]:
            raise self.fail(line_of("min"), f'rating "{key}": min must be below max')
        concept = raw.get("concept")
        if concept is not None and concept not in CONCEPTS:
            raise self.fail(line_of("concept"), f'rating "{key}" has unknown concept {concept!r}')
        owner = f'rating "{key}"'
        label = self.text(raw.get("label"), owner, "label", line_of("label"))
        low = self.text(raw.get("low"), owner, "low-end label", line_of("low"))
        high = self.text(raw.get("high"), owner, "high-end label", line_of("high"))
        assert label is not None and low is not None and high is not None
        return RatingItem(
            key=key,
            label=label,
            low=low,
            high=high,
            minimum=bounds["min"],
            maximum=bounds["max"],
            concept=concept,
        )


def parse_pack(source: str, file: Path | str, source_name: str | None = None) -> PromptPack:
    """Parse the text of one pack file; raise PackError naming ``file`` and the line."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts "(at line N, column M)" in its message; lift the line out.
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise PackError(
            file, int(match.group(1)) if match else None, f"not valid TOML: {message}"
        ) from exc
    return _Reader(file, source).pack(data, source_name or str(file))


def load_pack_file(path: Path) -> PromptPack:
    try:
        source = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(path, None, "not UTF-8 text") from exc
    except OSError as exc:
        raise PackError(path, None, f"cannot read: {exc.strerror}") from exc
    return parse_pack(source, path)


def _builtin_files() -> list[tuple[str, str]]:
    data = resources.files("eftertanke.packs") / "data"
    found = [
        (item.name, item.read_text(encoding="utf-8"))
        for item in data.iterdir()
        if item.name.endswith(".toml") and item.name != CODEBOOK_FILE
    ]
    return sorted(found)


def load_builtin_packs() -> dict[str, PromptPack]:
    """The packs shipped with eftertanke; a broken one is a bug, so it raises."""
    packs: dict[str, PromptPack] = {}
    for name, source in _builtin_files():
        pack = parse_pack(source, f"eftertanke/packs/data/{name}", source_name="builtin")
        packs[pack.id] = pack
    return packs


def user_packs_dir(config_dir: Path | None = None) -> Path:
    if config_dir is None:
        from eftertanke.config import config_dir as default_config_dir

        config_dir = default_config_dir()
    return Path(config_dir) / "packs"


def load_packs(config_dir: Path | None = None) -> LoadedPacks:
    """Built-in packs, then the user's (same id overrides); errors never stop loading."""
    errors: list[PackError] = []
    try:
        packs = load_builtin_packs()
    except PackError as exc:  # defensive: still offer the user's packs
        packs, errors = {}, [exc]
    directory = user_packs_dir(config_dir)
    try:
        files = sorted(p for p in directory.glob("*.toml") if p.is_file())
    except OSError:
        files = []
    from_user: dict[str, Path] = {}
    for path in files:
        try:
            pack = load_pack_file(path)
        except PackError as exc:
            errors.append(exc)
            continue
        if pack.id in from_user:
            errors.append(
                PackError(
                    path,
                    _top_line(pack_source(path), "id"),
                    f"pack {pack.id!r} is also in {from_user[pack.id].name}; using this file",
                )
            )
        from_user[pack.id] = path
        packs[pack.id] = pack
    return LoadedPacks(packs, errors)


def pack_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def default_pack_id(entry_kind: str) -> str:
    """The pack to use for an entry kind (interview, daily, memo)."""
    return DEFAULT_PACK_FOR_ENTRY_KIND[entry_kind]


# --- the starter codebook ------------------------------------------------------


def _codebook() -> list[dict[str, Any]]:
    source = (resources.files("eftertanke.packs") / "data" / CODEBOOK_FILE).read_text("utf-8")
    return list(tomllib.loads(source)["themes"])


def starter_themes(language: str) -> list[Theme]:
    """The themes the thesis found, as a starting codebook (never a fixed list)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use da or en")
    themes: list[Theme] = []
    for raw in _codebook():
        themes.append(
            Theme(
                name=raw["name"][language],
                concept=raw["concept"],
                description=raw["description"][language],
                theory=raw.get("theory", ""),
            )
        )
    return themes


def starter_theme_concepts() -> dict[str, str]:
    """Starter theme names in both languages, lower-cased, mapped to their concept."""
    mapping: dict[str, str] = {}
    for raw in _codebook():
        for language in LANGUAGES:
            mapping[raw["name"][language].casefold()] = raw["concept"]
    return mapping
