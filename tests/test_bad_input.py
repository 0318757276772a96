"""Issue 11, case 10: bad input gets one clear line and an exit code, and changes nothing.

Every case runs the real command line in a subprocess. Times are read in
Europe/Copenhagen (TZ), where summer time begins on 2026-03-29 (02:00 jumps
to 03:00) and ends on 2026-10-25 (03:00 goes back to 02:00).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Cli, snapshot

from eftertanke.dates import local_moment, parse_when
from eftertanke.domain import ValidationError
from eftertanke.importers.frontmatter import FrontMatterError, parse_front_matter

CPH = {"TZ": "Europe/Copenhagen"}
SPRING_GAP = "2026-03-29 02:30"
AUTUMN_TWICE = "2026-10-25 02:30"


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    cli.ok("interview", "add", "I03", "--role", "plejeboligchef", "--date", "2026-03-14 10:00")
    cli.ok("theme", "add", "Farlig tavshed", "--concept", "safety")
    cli.ok("new", "-m", "Første refleksion om tavshed", "--theme", "Farlig tavshed",
           "--at", "2026-03-14 11:00")
    return cli


def one_error_line(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


NEEDLES = {
    "far": ("out of range", "1000000 days ago"),
    "gap": ("does not exist in Europe/Copenhagen", "from 02:00 to 03:00", "before 02:00"),
}


@pytest.mark.parametrize(
    ("args", "code", "needles"),
    [
        (("new", "-m", "x", "--at", "1000000 days ago"), 2, NEEDLES["far"]),
        (("new", "-m", "x", "--at", "100000000 weeks ago"), 2, ("out of range",)),
        (("new", "-m", "x", "--at", SPRING_GAP), 2, NEEDLES["gap"]),
        (("new", "-m", "x", "--at", "2026-03-29T02:59"), 2, NEEDLES["gap"]),
        (("list", "--from", "1000000 days ago"), 2, NEEDLES["far"]),
        (("list", "--to", SPRING_GAP), 2, NEEDLES["gap"]),
        (("export", "json", "--out", "x.json", "--from", "1000000 days ago"), 2, NEEDLES["far"]),
        (("analyse", "timeline", "--from", SPRING_GAP), 2, NEEDLES["gap"]),
        (("interview", "add", "I04", "--role", "x", "--date", "1000000 days ago"), 2,
         NEEDLES["far"]),
        (("interview", "add", "I04", "--role", "x", "--date", SPRING_GAP), 2, NEEDLES["gap"]),
        (("interview", "add", "I04", "--role", "x", "--date", ""), 2, ("'--date'", "empty")),
        (("interview", "edit", "I03", "--date", "1000000 days ago"), 2, NEEDLES["far"]),
        (("interview", "edit", "I03", "--date", SPRING_GAP), 2, NEEDLES["gap"]),
        (("interview", "edit", "I03", "--date", "  "), 2, ("'--date'", "empty")),
    ],
)
def test_bad_dates_are_one_line_and_change_nothing(
    seeded: Cli, tmp_path: Path, args: tuple[str, ...], code: int, needles: tuple[str, ...]
) -> None:
    before = snapshot(seeded.journal)
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(seeded.journal), *args],
        capture_output=True, text=True, env={**os.environ, **CPH}, cwd=tmp_path, timeout=60,
    )
    one_error_line(result, code, *needles)
    assert snapshot(seeded.journal) == before
    assert not (tmp_path / "x.json").exists()


def test_the_autumn_hour_that_happens_twice_is_the_first_and_says_so(seeded: Cli) -> None:
    result = seeded("new", "-m", "Sen aften", "--at", AUTUMN_TWICE, env=CPH)
    assert result.returncode == 0, result.stderr
    note = one_error_line(result, 0, "happens twice", "taken as the first, +02:00")
    assert "2026-10-25T02:30+01:00" in note  # how to say the second one
    entry_id = result.stdout.strip()
    stored = json.loads(seeded.ok("show", entry_id, "--json", env=CPH))
    assert stored["created"].startswith("2026-10-25T02:30:00+02:00")
    # An explicit offset picks the second, with nothing to say.
    second = seeded("new", "-m", "Anden gang", "--at", "2026-10-25T02:30+01:00", env=CPH)
    assert second.returncode == 0 and second.stderr == ""


def test_date_parsing_at_the_edges() -> None:
    """The same rules without a process: every refusal is a ValidationError
    (a one-line data error), never an OverflowError or a silent shift."""
    import pendulum

    with pendulum.test_local_timezone(pendulum.timezone(CPH["TZ"])):
        for text in ("1000000 days ago", "9" * 5000 + " days ago", "99999999 weeks ago"):
            with pytest.raises(ValidationError, match="out of range"):
                parse_when(text)
        with pytest.raises(ValidationError, match="empty date"):
            parse_when("   ")
        with pytest.raises(ValidationError, match="from 02:00 to 03:00"):
            parse_when(SPRING_GAP)
        notes: list[str] = []
        moment = parse_when(AUTUMN_TWICE, notice=notes.append)
        assert moment.utcoffset().total_seconds() == 7200 and len(notes) == 1
        assert parse_when("2026-03-29 03:00").utcoffset().total_seconds() == 7200
        assert parse_when("2026-03-29 01:59").utcoffset().total_seconds() == 3600
        from datetime import datetime

        with pytest.raises(ValidationError, match="does not exist"):
            local_moment(datetime(2026, 3, 29, 2, 0))


def deep(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


def test_deeply_nested_front_matter_is_refused_with_its_line(seeded: Cli, tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="line 3: .*nested deeper"):
        parse_front_matter(f"title: T\ntags: {deep(100_000)}\n")
    note = tmp_path / "nested.md"
    note.write_text(f"---\ntitle: Dybt\ntags: {deep(100_000)}\n---\nTekst\n", encoding="utf-8")
    before = snapshot(seeded.journal)
    result = seeded("import", "markdown", str(note), "--yes")
    one_error_line(result, 1, "nested.md", "nested deeper", "nothing was imported")
    assert snapshot(seeded.journal) == before


def test_deeply_nested_marks_and_values_never_escape_as_recursion(
    seeded: Cli, tmp_path: Path
) -> None:
    """An eftertanke mark whose JSON nests too deep is not a mark; a nested
    value in a block list is refused like a flow one."""
    folder = tmp_path / "notes"
    folder.mkdir()
    mark = '<!-- eftertanke:section {"a": ' + deep(100_000) + "} -->"
    (folder / "mark.md").write_text(f"# Overskrift\n\n{mark}\n\nTekst\n", encoding="utf-8")
    result = seeded("import", "markdown", str(folder), "--yes")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "added 1 entry," in result.stdout
    (folder / "list.md").write_text(f"---\ntags:\n  - {deep(5000)}\n---\nx\n", encoding="utf-8")
    before = snapshot(seeded.journal)
    again = seeded("import", "markdown", str(folder), "--yes")
    one_error_line(again, 1, "list.md", "nested deeper")
    assert snapshot(seeded.journal) == before


def test_imported_times_in_the_spring_gap_are_rejected_not_moved(
    seeded: Cli, tmp_path: Path
) -> None:
    export = {
        "tags": {},
        "entries": [
            {"title": "Om natten.", "body": "Uret sprang.", "date": "2026-03-29",
             "time": "02:30", "tags": [], "starred": False},
            {"title": "Om morgenen.", "body": "Alt vel.", "date": "2026-03-29",
             "time": "08:00", "tags": [], "starred": False},
        ],
    }
    source = tmp_path / "jrnl.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    result = seeded("import", "jrnl", str(source), "--yes", env=CPH)
    assert result.returncode == 0, result.stderr
    assert "added 1 entry," in result.stdout and "rejected 1" in result.stdout
    assert "does not exist in Europe/Copenhagen" in result.stdout
    note = tmp_path / "gap.md"
    note.write_text("---\ntitle: Gab\ncreated: 2026-03-29 02:15\n---\nTekst\n", encoding="utf-8")
    result = seeded("import", "markdown", str(note), "--yes", env=CPH)
    assert result.returncode == 0 and "rejected 1" in result.stdout, result.stdout
    assert "does not exist" in result.stdout


# -- read-only journals -----------------------------------------------------------


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@pytest.fixture
def read_only_view(seeded: Cli, tmp_path: Path) -> Iterator[Path]:
    """The seeded journal, bind-mounted read-only at another path."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("bind mounts need root")
    view = tmp_path / "ro-view"
    view.mkdir()
    try:
        _mount("--bind", str(seeded.journal), str(view))
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"cannot bind-mount here: {exc}")
    try:
        _mount("-o", "remount,ro,bind", str(view))
        yield view
    finally:
        subprocess.run(["umount", str(view)], capture_output=True, timeout=30)


def test_a_read_only_mount_opens_for_reading_and_refuses_writes(
    seeded: Cli, read_only_view: Path, tmp_path: Path
) -> None:
    ro = Cli(read_only_view)
    before = snapshot(seeded.journal)
    listed = ro.ok("list", "--json")
    (entry,) = json.loads(listed)
    assert entry["body"] == "Første refleksion om tavshed"
    assert "Første refleksion" in ro.ok("show", entry["id"][:8])
    assert "Første refleksion" in ro.ok("list", "--search", "refleksion")
    ro.ok("export", "markdown", "--out", str(tmp_path / "out"))
    assert any((tmp_path / "out").rglob("*.md"))
    ro.ok("analyse", "balance")
    ro.ok("analyse", "timeline")
    ro.ok("interview", "list")
    for args in (
        ("new", "-m", "Skal ikke gemmes"),
        ("edit", entry["id"], "-m", "ændret"),
        ("delete", entry["id"]),
        ("theme", "add", "Ny", "--concept", "drive"),
        ("interview", "add", "I09", "--role", "x"),
        ("theme", "rename", "Farlig tavshed", "Tavshed"),
    ):
        result = ro(*args)
        one_error_line(result, 1, f"the journal {read_only_view} is read-only; nothing was saved")
    assert snapshot(seeded.journal) == before
    assert not os.path.exists(read_only_view / ".lock") or (seeded.journal / ".lock").exists()


def test_a_read_only_mount_without_a_lock_file_is_read_without_one(
    seeded: Cli, tmp_path: Path
) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("bind mounts need root")
    (seeded.journal / ".lock").unlink()
    view = tmp_path / "ro-nolock"
    view.mkdir()
    try:
        _mount("--bind", str(seeded.journal), str(view))
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"cannot bind-mount here: {exc}")
    try:
        _mount("-o", "remount,ro,bind", str(view))
        assert len(json.loads(Cli(view).ok("list", "--json"))) == 1
        assert not (view / ".lock").exists()
    finally:
        subprocess.run(["umount", str(view)], capture_output=True, timeout=30)


def test_a_folder_the_user_may_not_write_opens_for_reading(seeded: Cli) -> None:
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv")
        # root writes anywhere: drop the capability so the permission bits apply.
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    before = snapshot(seeded.journal)
    os.chmod(seeded.journal, 0o500)
    try:
        def run(*args: str) -> subprocess.CompletedProcess[str]:
            argv = [*prefix, sys.executable, "-m", "eftertanke", "--journal", str(seeded.journal)]
            return subprocess.run([*argv, *args], capture_output=True, text=True, timeout=60)

        listed = run("list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 1
        one_error_line(run("new", "-m", "nej"), 1, "is read-only; nothing was saved")
    finally:
        os.chmod(seeded.journal, 0o700)
    assert snapshot(seeded.journal) == before


def test_the_tui_browses_a_read_only_journal(seeded: Cli, read_only_view: Path) -> None:
    """The app opens the read-only view, lists the entry in browse and shows it."""
    import asyncio

    from textual.widgets import OptionList
    from textual.widgets.markdown import MarkdownBlock

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp
    from eftertanke.tui.screens.browse import BrowseScreen
    from eftertanke.tui.screens.entry import EntryScreen

    journal = Journal(read_only_view)
    assert journal.read_only
    (entry,) = journal.entries()
    app = EftertankeApp(journal, lang="en", remember=False)

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.browse()
            for _ in range(4):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, BrowseScreen)
            rows = app.screen.query_one("#browse-list", OptionList).options
            assert [o.id for o in rows if o.id] == [entry.id]
            app.open_entry(entry.id)
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen)
            shown = "\n".join(str(b.render()) for b in app.screen.query(MarkdownBlock))
            assert "Første refleksion om tavshed" in shown

    before = snapshot(seeded.journal)
    asyncio.run(go())
    assert snapshot(seeded.journal) == before


# -- new/edit: an empty --at, and piped text that is not UTF-8 ----------------------


def test_an_empty_at_is_a_usage_error(seeded: Cli) -> None:
    before = snapshot(seeded.journal)
    for value in ("", "   "):
        one_error_line(seeded("new", "-m", "x", "--at", value), 2, "'--at'", "empty")
    assert snapshot(seeded.journal) == before


@pytest.mark.parametrize("command", ["new", "edit"])
def test_piped_text_that_is_not_utf8_is_refused_with_its_offset(
    seeded: Cli, command: str
) -> None:
    (entry,) = json.loads(seeded.ok("list", "--json"))
    args = ["new", "--kind", "memo"] if command == "new" else ["edit", entry["id"]]
    before = snapshot(seeded.journal)
    result = subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(seeded.journal), *args],
        input="Blåbær og æbler: ".encode() + b"\xe6bler i latin-1\n",
        capture_output=True, timeout=60,
    )
    decoded = subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )
    one_error_line(decoded, 1, "not UTF-8", "byte 0xe6 at offset 20", "nothing was saved")
    assert snapshot(seeded.journal) == before
