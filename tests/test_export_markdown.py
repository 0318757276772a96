"""Markdown export of one entry: front matter, body, determinism and safe YAML."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from eftertanke.domain import Coding, Entry, Excerpt, Section
from eftertanke.export.markdown import (
    entry_body_markdown,
    entry_markdown,
    export_filename,
    slugify,
    yaml_quote,
)

CPH = timezone(timedelta(hours=1))


def make_entry(**changes: object) -> Entry:
    values: dict[str, object] = {
        "id": "0b7e4a52-5d0c-4a39-9a51-3c2f7f0e9d11",
        "kind": "interview",
        "title": "Tryghed i små fora 🌱",
        "body": (
            "Første indtryk: **træt**, men glad.\n\n"
            "### En overskrift i brødteksten\n\n"
            "```python\nprint('æøå')\n```\n"
        ),
        "sections": [
            Section(
                prompt_id="emotions",
                prompt_text="Følelsesmæssige reaktioner",
                answer="Uro.\nSå ro.",
                concept="safety",
                orientation="self",
                added_later=True,
            ),
            Section(prompt_id="empty", prompt_text="Ubesvaret", answer="  "),
        ],
        "concepts": ["safety", "wellbeing"],
        "themes": ["Farlig tavshed", "Tryghed i lederkredsen"],
        "interview": "I03",
        "excerpts": [
            Excerpt(
                interview="I03",
                timestamp="9.45",
                quote="Man siger det ikke højt.\nIkke her.",
                themes=["Farlig tavshed"],
                note="Sagt med et grin.",
            ),
        ],
        "ratings": {"energy": 3, "safety": 2},
        "author": "Anne Ø.",
        "language": "da",
        "created": datetime(2026, 3, 14, 16, 5, tzinfo=CPH),
        "updated": datetime(2026, 3, 14, 17, 0, tzinfo=CPH),
        "written_after_minutes": 12,
    }
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def split_front_matter(text: str) -> tuple[list[str], str]:
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    return text[4:end].split("\n"), text[end + 5 :]


def read_yaml_string(quoted: str) -> str:
    """Read a YAML double-quoted scalar as a YAML parser would (the escapes used here)."""
    assert quoted.startswith('"') and quoted.endswith('"'), quoted
    inner = quoted[1:-1]
    assert not re.search(r'(?<!\\)"', inner.replace("\\\\", "")), "unescaped quote"
    named = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "e": "\x1b", '"': '"', "\\": "\\"}
    out, i = [], 0
    while i < len(inner):
        char = inner[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = inner[i + 1]
        if code == "x":
            out.append(chr(int(inner[i + 2 : i + 4], 16)))
            i += 4
        elif code == "u":
            out.append(chr(int(inner[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(named[code])
            i += 2
    return "".join(out)


def test_front_matter_holds_the_metadata() -> None:
    lines, _ = split_front_matter(entry_markdown(make_entry(), "da"))
    assert lines[:6] == [
        'id: "0b7e4a52-5d0c-4a39-9a51-3c2f7f0e9d11"',
        'kind: "interview"',
        'title: "Tryghed i små fora 🌱"',
        "created: 2026-03-14T16:05:00+01:00",
        "updated: 2026-03-14T17:00:00+01:00",
        'author: "Anne Ø."',
    ]
    text = "\n".join(lines)
    assert 'interview: "I03"' in lines
    assert 'concepts:\n  - "safety"\n  - "wellbeing"' in text
    assert 'themes:\n  - "Farlig tavshed"\n  - "Tryghed i lederkredsen"' in text
    assert 'ratings: {"energy": 3, "safety": 2}' in lines
    assert "written_after_minutes: 12" in lines
    assert 'language: "da"' in lines


def test_empty_values_are_valid_yaml() -> None:
    entry = make_entry(
        interview=None, concepts=[], themes=[], ratings={}, written_after_minutes=None, excerpts=[]
    )
    lines, _ = split_front_matter(entry_markdown(entry, "en"))
    assert "interview: null" in lines
    assert "concepts: []" in lines and "themes: []" in lines
    assert "ratings: {}" in lines
    assert "written_after_minutes: null" in lines


def test_body_keeps_danish_emoji_headings_and_code() -> None:
    _, body = split_front_matter(entry_markdown(make_entry(), "da"))
    assert body.startswith("\n# Tryghed i små fora 🌱\n\nFørste indtryk: **træt**, men glad.\n")
    assert "### En overskrift i brødteksten" in body
    assert "```python\nprint('æøå')\n```" in body
    assert (
        "## Følelsesmæssige reaktioner\n\n*(tilføjet senere fra hukommelsen)*\n\nUro.\\\nSå ro."
        in body
    )
    assert "Ubesvaret" not in body  # unanswered prompts are left out
    assert "> Man siger det ikke højt.\\\n> Ikke her.\n>\n> (I03, 9.45)" in body
    assert "Sagt med et grin." in body
    assert body.endswith("\n") and not body.endswith("\n\n")


def test_english_words_follow_lang() -> None:
    body = entry_body_markdown(make_entry(), "en")
    assert "## Excerpts" in body
    assert "*(added later from memory)*" in body


def test_section_and_excerpt_marks_carry_what_headings_cannot() -> None:
    text = entry_markdown(make_entry(), "da")
    marks = re.findall(r"<!-- eftertanke:(section|excerpt) (.*?) -->", text)
    assert [kind for kind, _ in marks] == ["section", "excerpt"]
    section = json.loads(marks[0][1])
    assert section == {
        "added_later": True,
        "concept": "safety",
        "orientation": "self",
        "prompt_id": "emotions",
    }
    assert json.loads(marks[1][1]) == {
        "interview": "I03",
        "themes": ["Farlig tavshed"],
        "timestamp": "9.45",
    }
    # The viewer's document has no marks.
    assert "<!--" not in entry_body_markdown(make_entry(), "da")


def test_a_mark_cannot_be_closed_by_user_text() -> None:
    entry = make_entry(sections=[Section(prompt_id="x-->y", prompt_text="p", answer="a")])
    text = entry_markdown(entry, "en")
    comment = re.search(r"<!-- eftertanke:section (.*?) -->", text)
    assert comment is not None
    assert json.loads(comment.group(1))["prompt_id"] == "x-->y"


def test_export_is_deterministic() -> None:
    assert entry_markdown(make_entry(), "da") == entry_markdown(make_entry(), "da")
    assert (
        entry_markdown(make_entry(), "da").encode() == entry_markdown(make_entry(), "da").encode()
    )


@pytest.mark.parametrize(
    "value",
    [
        "key: value",
        "- leading dash",
        "# not a comment",
        'she said "no"',
        "it's",
        "back\\slash",
        "line one\nline two",
        "tab\there",
        "\x1b[31mred\x1b[0m",
        "bell\x07 del\x7f c1\x85",
        "sep\u2028para\u2029",
        "yes",
        "null",
        "~",
        "0123",
        "@at `tick` |pipe >fold &anchor *alias !tag %dir",
        "[1, 2]",
        "{a: b}",
        "",
        "   spaces   ",
    ],
)
def test_yaml_quote_round_trips_tricky_values(value: str) -> None:
    quoted = yaml_quote(value)
    assert "\n" not in quoted and "\r" not in quoted
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", quoted)
    assert read_yaml_string(quoted) == value


def test_tricky_metadata_stays_inside_its_value() -> None:
    entry = make_entry(
        title='---\nid: "hacked"\n- x', author="a: b # c", themes=["- dash", 'q"uote']
    )
    lines, _ = split_front_matter(entry_markdown(entry, "en"))
    keys = [line.split(":", 1)[0] for line in lines if not line.startswith("  ")]
    assert keys == [
        "id",
        "kind",
        "title",
        "created",
        "updated",
        "author",
        "interview",
        "concepts",
        "themes",
        "codings",
        "ratings",
        "written_after_minutes",
        "language",
        "updated_by",
        "pack",
        "conflict_of",
    ]
    assert read_yaml_string(lines[2].removeprefix("title: ")) == '---\nid: "hacked"\n- x'
    assert 'author: "a: b # c"' in lines
    assert '  - "- dash"' in lines and '  - "q\\"uote"' in lines


def test_file_name_is_date_and_slug() -> None:
    assert export_filename(make_entry()) == "2026-03-14-tryghed-i-smaa-fora.md"
    assert export_filename(make_entry(title="")).startswith("2026-03-14-foerste-indtryk-traet")
    assert export_filename(make_entry(title="🌱🌱")) == "2026-03-14-0b7e4a52.md"
    assert slugify("Ærø / Øst: Ålborg!") == "aeroe-oest-aalborg"
    assert "/" not in slugify("../../etc/passwd") and slugify("../../etc/passwd") == "etc-passwd"


def test_front_matter_parses_as_yaml_when_a_parser_is_at_hand() -> None:
    yaml = pytest.importorskip("yaml")
    entry = make_entry(title='a: "b"\n- c', author="yes", themes=["~", "#x"])
    lines, _ = split_front_matter(entry_markdown(entry, "en"))
    data = yaml.safe_load("\n".join(lines))
    assert data["title"] == 'a: "b"\n- c'
    assert data["author"] == "yes"
    assert data["themes"] == ["~", "#x"]
    assert data["ratings"] == {"energy": 3, "safety": 2}


def coded_entry() -> Entry:
    entry = make_entry(
        sections=[Section("emotions", "Følelser", 'Uro: "ikke nu" #1.\nSå ro -->')],
        body="Brødtekst med *stjerner*.",
    )
    answer = entry.sections[0].answer
    entry.codings = [
        Coding.of(answer, 0, 14, ["Farlig tavshed", 'q"uote'], source="section",
                  section="emotions", memo="Linje 1\nLinje 2: - x", author="Anne"),
        Coding.of(entry.body, 10, 24, ["Tryghed i lederkredsen"], source="body"),
    ]  # fmt: skip
    for n, coding in enumerate(entry.codings):
        coding.id = f"c0d1c0d1-0000-4000-8000-00000000000{n}"
        coding.created = coding.updated = datetime(2026, 3, 15, 9, n, tzinfo=CPH)
    return entry.validate()


def test_codings_are_one_flow_map_per_line_in_the_front_matter() -> None:
    lines, _ = split_front_matter(entry_markdown(coded_entry(), "da"))
    start = lines.index("codings:")
    first, second = lines[start + 1], lines[start + 2]
    assert first == (
        '  - {"id": "c0d1c0d1-0000-4000-8000-000000000000", "source": "section", '
        '"section": "emotions", "start": 0, "end": 14, '
        '"themes": ["Farlig tavshed", "q\\"uote"], "quote": "Uro: \\"ikke nu\\"", '
        '"memo": "Linje 1\\nLinje 2: - x", "author": "Anne", '
        '"created": "2026-03-15T09:00:00+01:00", "updated": "2026-03-15T09:00:00+01:00", '
        '"review": ""}'
    )
    assert '"source": "body", "section": null, "start": 10, "end": 24' in second
    assert lines[start + 3].startswith("ratings:")
    assert "codings: []" in split_front_matter(entry_markdown(make_entry(), "da"))[0]


def test_codings_read_back_with_the_front_matter_reader() -> None:
    from eftertanke.importers.frontmatter import parse_front_matter
    from eftertanke.importers.frontmatter import split_front_matter as split

    entry = coded_entry()
    head, _ = split(entry_markdown(entry, "da"))
    assert head is not None
    read = parse_front_matter(head)["codings"]
    wanted = [
        {k: v for k, v in c.to_dict().items() if k not in ("before", "after")}
        for c in entry.codings
    ]
    assert read == wanted


def test_codings_parse_as_yaml_when_a_parser_is_at_hand() -> None:
    yaml = pytest.importorskip("yaml")
    lines, _ = split_front_matter(entry_markdown(coded_entry(), "da"))
    data = yaml.safe_load("\n".join(lines))
    assert [c["quote"] for c in data["codings"]] == ['Uro: "ikke nu"', "med *stjerner*"]
    assert data["codings"][0]["memo"] == "Linje 1\nLinje 2: - x"
